//! Stage 5: records.jsonl, errors.jsonl, summary.json, CSV exports.

use crate::error::DocError;
use crate::model::Record;
use serde::Serialize;

/// One line of `errors.jsonl`.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct ErrorLine {
    pub path: String,
    pub sha256: Option<String>,
    pub stage: String,
    pub kind: String,
    pub message: String,
}

impl ErrorLine {
    pub fn from_doc_error(e: &DocError, sha256: Option<String>) -> Self {
        ErrorLine {
            path: e.path.to_string_lossy().to_string(),
            sha256,
            stage: serde_json::to_value(e.stage).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
            kind: e.kind.clone(),
            message: e.message.clone(),
        }
    }
}

/// A record as one JSONL line (no trailing newline).
pub fn record_line(r: &Record) -> String {
    serde_json::to_string(r).expect("records serialise")
}
