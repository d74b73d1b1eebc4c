//! Stage 5: records.jsonl, errors.jsonl, summary.json, CSV exports, and the
//! resume state. Every output file is written atomically.

pub mod atomic;
pub mod csv;
pub mod state;
pub mod summary;

use crate::error::DocError;
use crate::model::Record;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// One line of `errors.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ErrorLine {
    pub path: String,
    pub sha256: Option<String>,
    pub stage: String,
    pub kind: String,
    pub message: String,
}

impl ErrorLine {
    pub fn from_doc_error(e: &DocError, path: &str, sha256: Option<String>) -> Self {
        ErrorLine {
            path: path.to_string(),
            sha256,
            stage: serde_json::to_value(e.stage)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
            kind: e.kind.as_str().to_string(),
            message: e.message.clone(),
        }
    }
}

/// A record as one JSONL line (no trailing newline).
pub fn record_line(r: &Record) -> String {
    // Serialising plain data structs cannot fail; fall back to an empty
    // object rather than panicking if it ever did.
    serde_json::to_string(r).unwrap_or_else(|_| "{}".to_string())
}

/// Writers for the outputs of one run, in the order records arrive.
pub struct Outputs {
    records: atomic::AtomicFile,
    errors: atomic::AtomicFile,
    projects: atomic::AtomicFile,
    budget_rows: atomic::AtomicFile,
    pub summary: summary::Summary,
}

impl Outputs {
    pub fn create(out: &Path) -> std::io::Result<Self> {
        let mut projects = atomic::AtomicFile::create(&out.join("projects.csv"))?;
        csv::write_projects_header(&mut projects)?;
        let mut budget_rows = atomic::AtomicFile::create(&out.join("budget_rows.csv"))?;
        csv::write_budget_rows_header(&mut budget_rows)?;
        Ok(Outputs {
            records: atomic::AtomicFile::create(&out.join("records.jsonl"))?,
            errors: atomic::AtomicFile::create(&out.join("errors.jsonl"))?,
            projects,
            budget_rows,
            summary: summary::Summary::new(),
        })
    }

    pub fn record(&mut self, r: &Record) -> std::io::Result<()> {
        self.record_raw(&record_line(r), r)
    }

    /// A record whose JSONL line is already made (merge copies lines verbatim).
    pub fn record_raw(&mut self, line: &str, r: &Record) -> std::io::Result<()> {
        writeln!(self.records, "{line}")?;
        csv::write_projects(&mut self.projects, r)?;
        csv::write_budget_rows(&mut self.budget_rows, r)?;
        self.summary.add_record(r);
        Ok(())
    }

    pub fn error(&mut self, e: &ErrorLine) -> std::io::Result<()> {
        writeln!(
            self.errors,
            "{}",
            serde_json::to_string(e).map_err(std::io::Error::other)?
        )?;
        self.summary.add_error(&e.kind);
        Ok(())
    }

    /// Make every file visible; returns the summary (not yet written).
    pub fn commit(self) -> std::io::Result<summary::Summary> {
        self.records.commit()?;
        self.errors.commit()?;
        self.projects.commit()?;
        self.budget_rows.commit()?;
        Ok(self.summary)
    }
}

pub fn write_summary(out: &Path, s: &summary::Summary) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(s).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    atomic::write_atomic(&out.join("summary.json"), &bytes)
}
