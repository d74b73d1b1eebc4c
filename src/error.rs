//! Typed errors.
//!
//! Convention: an error value says what went wrong, never which file. The
//! path is added once, by [`DocError`] (and the `path` field of its
//! `errors.jsonl` line), so a message never repeats it. [`ExtractError`] is
//! plain data (serde), so the PDF worker subprocess sends it to the parent
//! as it is instead of text that would be parsed back.

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

/// A short machine-readable kind for `errors.jsonl` (`kind` field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Io,
    TooLarge,
    Unsupported,
    LegacyDoc,
    Encrypted,
    Corrupt,
    LimitExceeded,
    NoText,
    Panic,
    Timeout,
    Ocr,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::LegacyDoc => "legacy_doc",
            ErrorKind::Encrypted => "encrypted",
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::LimitExceeded => "limit_exceeded",
            ErrorKind::NoText => "no_text",
            ErrorKind::Panic => "panic",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Ocr => "ocr",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Why a document could not be extracted. No variant carries the path (see
/// the module doc).
#[derive(Debug, Clone, PartialEq, Error, serde::Serialize, serde::Deserialize)]
pub enum ExtractError {
    #[error("cannot read: {detail}")]
    Io { detail: String },
    #[error("file is {size} bytes, over the {limit}-byte limit")]
    TooLarge { size: u64, limit: u64 },
    #[error("not a supported document ({what})")]
    Unsupported { what: String },
    #[error("legacy Word .doc (OLE compound file): convert it to .docx, e.g. `libreoffice --headless --convert-to docx FILE`")]
    LegacyDoc,
    #[error("encrypted document: {detail}")]
    Encrypted { detail: String },
    #[error("corrupt {format}: {detail}")]
    Corrupt { format: String, detail: String },
    #[error("{format} exceeds a safety limit: {detail}")]
    LimitExceeded { format: String, detail: String },
    #[error("no text could be read: {detail}")]
    NoText { detail: String },
    #[error("extractor crashed: {detail}")]
    Panic { detail: String },
    #[error("extractor timed out after {seconds} s")]
    Timeout { seconds: u64 },
    #[error("OCR failed: {detail}")]
    Ocr { detail: String },
}

impl ExtractError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            ExtractError::Io { .. } => ErrorKind::Io,
            ExtractError::TooLarge { .. } => ErrorKind::TooLarge,
            ExtractError::Unsupported { .. } => ErrorKind::Unsupported,
            ExtractError::LegacyDoc => ErrorKind::LegacyDoc,
            ExtractError::Encrypted { .. } => ErrorKind::Encrypted,
            ExtractError::Corrupt { .. } => ErrorKind::Corrupt,
            ExtractError::LimitExceeded { .. } => ErrorKind::LimitExceeded,
            ExtractError::NoText { .. } => ErrorKind::NoText,
            ExtractError::Panic { .. } => ErrorKind::Panic,
            ExtractError::Timeout { .. } => ErrorKind::Timeout,
            ExtractError::Ocr { .. } => ErrorKind::Ocr,
        }
    }

    pub(crate) fn io(e: std::io::Error) -> Self {
        ExtractError::Io {
            detail: e.to_string(),
        }
    }
}

/// A document that produced no record: the one place the path is attached.
/// `message` never contains the path; `Display` prefixes it once.
#[derive(Debug, Error)]
#[error("{}: {message}", path.display())]
pub struct DocError {
    pub path: PathBuf,
    pub stage: Stage,
    pub kind: ErrorKind,
    pub message: String,
}

impl DocError {
    pub fn from_extract(path: &std::path::Path, e: ExtractError) -> Self {
        DocError {
            path: path.into(),
            stage: Stage::Extract,
            kind: e.kind(),
            message: e.to_string(),
        }
    }
}
