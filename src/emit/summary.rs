//! `summary.json`: counts by format, kind and outcome, pages, warnings by code.

use crate::model::Record;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Summary {
    pub pipeline_version: String,
    pub documents: u64,
    pub records: u64,
    pub errors: u64,
    /// Documents taken from a previous run's state (resume).
    pub resumed: u64,
    pub by_format: BTreeMap<String, u64>,
    pub by_kind: BTreeMap<String, u64>,
    pub by_extraction: BTreeMap<String, u64>,
    pub errors_by_kind: BTreeMap<String, u64>,
    pub pages: u64,
    pub projects: u64,
    pub budget_rows: u64,
    pub checks_failed: u64,
    pub warnings_by_code: BTreeMap<String, u64>,
    pub seconds: f64,
    pub pages_per_second: f64,
    pub documents_per_second: f64,
}

impl Summary {
    pub fn new() -> Self {
        Summary {
            pipeline_version: crate::PIPELINE_VERSION.to_string(),
            ..Default::default()
        }
    }

    pub fn add_record(&mut self, r: &Record) {
        self.documents += 1;
        self.records += 1;
        *self
            .by_format
            .entry(r.source.format.as_str().into())
            .or_default() += 1;
        *self.by_kind.entry(r.doc_kind.as_str().into()).or_default() += 1;
        let ex = serde_json::to_value(r.source.extraction)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        *self.by_extraction.entry(ex).or_default() += 1;
        self.pages += r.source.pages.unwrap_or(0) as u64;
        self.projects += r.projects.len() as u64;
        self.budget_rows += r
            .budget_table
            .as_ref()
            .map(|t| t.rows.len() as u64)
            .unwrap_or(0);
        self.checks_failed += r.checks.iter().filter(|c| c.ok == Some(false)).count() as u64;
        for w in &r.warnings {
            *self
                .warnings_by_code
                .entry(w.code.as_str().to_string())
                .or_default() += 1;
        }
    }

    pub fn add_error(&mut self, kind: &str) {
        self.documents += 1;
        self.errors += 1;
        *self.errors_by_kind.entry(kind.to_string()).or_default() += 1;
    }

    pub fn finish(&mut self, seconds: f64) {
        self.seconds = (seconds * 1000.0).round() / 1000.0;
        if seconds > 0.0 {
            self.pages_per_second = ((self.pages as f64 / seconds) * 100.0).round() / 100.0;
            self.documents_per_second = ((self.documents as f64 / seconds) * 100.0).round() / 100.0;
        }
    }
}
