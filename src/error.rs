//! Typed errors. Every error names the file and, where known, the position.

use std::path::PathBuf;
use thiserror::Error;

/// The stage a document failed in (reported in `errors.jsonl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Read,
    Extract,
    Normalize,
    Recognize,
    Check,
    Emit,
    Worker,
}

#[derive(Debug, Error)]
pub enum ExtractError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: file is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}: not a supported document ({what})")]
    Unsupported { path: PathBuf, what: String },
    #[error("{path}: legacy Word .doc (OLE compound file): convert it to .docx, e.g. `libreoffice --headless --convert-to docx FILE`")]
    LegacyDoc { path: PathBuf },
    #[error("{path}: encrypted document: {detail}")]
    Encrypted { path: PathBuf, detail: String },
    #[error("{path}: corrupt {format}: {detail}")]
    Corrupt {
        path: PathBuf,
        format: &'static str,
        detail: String,
    },
    #[error("{path}: {format} exceeds a safety limit: {detail}")]
    LimitExceeded {
        path: PathBuf,
        format: &'static str,
        detail: String,
    },
    #[error("{path}: no text could be read: {detail}")]
    NoText { path: PathBuf, detail: String },
    #[error("{path}: extractor crashed: {detail}")]
    Panic { path: PathBuf, detail: String },
    #[error("{path}: extractor timed out after {seconds} s")]
    Timeout { path: PathBuf, seconds: u64 },
    #[error("{path}: OCR failed: {detail}")]
    Ocr { path: PathBuf, detail: String },
    #[error("{path}: empty file (0 bytes)")]
    EmptyFile { path: PathBuf },
    #[error("{path}: {format} is read through LibreOffice, which was not found: install it (`apt-get install libreoffice-writer-nogui`, or `THAIPLAN_WITH_LIBREOFFICE=1 bash scripts/setup.sh`) or set THAIPLAN_SOFFICE to its soffice binary")]
    ConverterMissing { path: PathBuf, format: String },
    #[error("{path}: {format} could not be converted by LibreOffice: {detail}")]
    Conversion {
        path: PathBuf,
        format: String,
        detail: String,
    },
}

impl ExtractError {
    /// A short machine-readable kind for `errors.jsonl`.
    pub fn kind(&self) -> &'static str {
        match self {
            ExtractError::Io { .. } => "io",
            ExtractError::TooLarge { .. } => "too_large",
            ExtractError::Unsupported { .. } => "unsupported",
            ExtractError::LegacyDoc { .. } => "legacy_doc",
            ExtractError::Encrypted { .. } => "encrypted",
            ExtractError::Corrupt { .. } => "corrupt",
            ExtractError::LimitExceeded { .. } => "limit_exceeded",
            ExtractError::NoText { .. } => "no_text",
            ExtractError::Panic { .. } => "panic",
            ExtractError::Timeout { .. } => "timeout",
            ExtractError::Ocr { .. } => "ocr",
            ExtractError::EmptyFile { .. } => "empty_file",
            ExtractError::ConverterMissing { .. } => "converter_missing",
            ExtractError::Conversion { .. } => "conversion_failed",
        }
    }
}

/// A document that produced no record.
#[derive(Debug, Error)]
#[error("{message}")]
pub struct DocError {
    pub path: PathBuf,
    pub stage: Stage,
    pub kind: String,
    pub message: String,
}

impl DocError {
    pub fn from_extract(e: ExtractError) -> Self {
        let path = match &e {
            ExtractError::Io { path, .. }
            | ExtractError::TooLarge { path, .. }
            | ExtractError::Unsupported { path, .. }
            | ExtractError::LegacyDoc { path }
            | ExtractError::Encrypted { path, .. }
            | ExtractError::Corrupt { path, .. }
            | ExtractError::LimitExceeded { path, .. }
            | ExtractError::NoText { path, .. }
            | ExtractError::Panic { path, .. }
            | ExtractError::Timeout { path, .. }
            | ExtractError::Ocr { path, .. }
            | ExtractError::EmptyFile { path }
            | ExtractError::ConverterMissing { path, .. }
            | ExtractError::Conversion { path, .. } => path.clone(),
        };
        DocError {
            path,
            stage: Stage::Extract,
            kind: e.kind().to_string(),
            message: e.to_string(),
        }
    }
}
