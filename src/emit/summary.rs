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
    /// Corrections-file lines applied (verified marks included).
    #[serde(default)]
    pub corrections_applied: u64,
    /// Corrections not applied: `correction_unresolved` warnings on records,
    /// plus corrections of documents absent from this run (or failed).
    #[serde(default)]
    pub corrections_unresolved: u64,
    /// Corrections-file lines that are not corrections (bad JSON, fields).
    #[serde(default)]
    pub corrections_invalid: u64,
    /// Files a directory walk left out, by reason ("extension .xlsx").
    #[serde(default)]
    pub skipped: u64,
    #[serde(default)]
    pub skipped_by_reason: BTreeMap<String, u64>,
    /// Documents of this run whose content another path of the run already
    /// had (processed once, one record per path).
    #[serde(default)]
    pub duplicates: u64,
    /// Values removed because the record broke the schema (a bug: each is a
    /// `schema_violation` warning on its record). Zero in a healthy run.
    #[serde(default)]
    pub schema_violations: u64,
    /// Sizes per document of the archive (input files, the compressed store,
    /// the derived output files).
    #[serde(default)]
    pub bytes_per_document: BytesPerDocument,
    /// What summary.html draws beyond the fields above.
    #[serde(skip)]
    pub charts: super::html::Stats,
    pub seconds: f64,
    pub pages_per_second: f64,
    pub documents_per_second: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct BytesPerDocument {
    pub input: u64,
    pub store: u64,
    pub output: u64,
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
        self.charts.add_record(r);
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
        self.schema_violations += r
            .warnings
            .iter()
            .filter(|w| w.code == crate::model::WarningCode::SchemaViolation)
            .count() as u64;
        for w in &r.warnings {
            *self
                .warnings_by_code
                .entry(w.code.as_str().to_string())
                .or_default() += 1;
        }
        self.corrections_applied += r.corrections.len() as u64;
        self.corrections_unresolved += r
            .warnings
            .iter()
            .filter(|w| w.code == super::corrections::UNRESOLVED)
            .count() as u64;
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
