//! One document through every stage. A panic in any stage is caught here so
//! it never crosses a document boundary.

use crate::error::{DocError, ErrorKind, ExtractError, Stage};
use crate::extract::{self, ExtractOptions};
use crate::model::WarningCode;
use crate::model::{NormDoc, Record, Source, SCHEMA_VERSION};
use crate::{check, normalize, recognize};
use sha2::{Digest, Sha256};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Input reading lives in `extract` (stage order); re-exported for callers.
pub use crate::extract::read_input;

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Extract and normalise: what `thaiplan text` prints.
pub fn normalized_text(
    path: &Path,
    bytes: &[u8],
    opts: &ExtractOptions,
) -> Result<NormDoc, DocError> {
    let raw = catch_unwind(AssertUnwindSafe(|| extract::extract(path, bytes, opts)))
        .map_err(|p| {
            DocError::from_extract(
                path,
                ExtractError::Panic {
                    detail: panic_message(p),
                },
            )
        })?
        .map_err(|e| DocError::from_extract(path, e))?;
    catch_unwind(AssertUnwindSafe(|| normalize::normalize_doc(raw))).map_err(|p| DocError {
        path: path.into(),
        stage: Stage::Normalize,
        kind: ErrorKind::Panic,
        message: format!("normaliser crashed: {}", panic_message(p)),
    })
}

/// Build the record of an already-normalised document.
pub fn record_from_norm(path_as_given: &str, sha256: String, doc: &NormDoc) -> Record {
    let rec = recognize::recognize(doc);
    let mut warnings = doc.warnings.clone();
    if doc.lines.iter().all(|l| l.trim().is_empty()) {
        // Never an empty "success": say that nothing was read.
        warnings.push(crate::model::Warning::new(
            WarningCode::NoText,
            format!("{path_as_given}: no text was read from this document"),
            None,
        ));
    }
    warnings.extend(rec.warnings);
    let mut record = Record {
        schema_version: SCHEMA_VERSION.to_string(),
        source: Source {
            path: path_as_given.to_string(),
            sha256,
            format: doc.format,
            pages: doc.pages,
            extraction: doc.extraction,
            lao_code: None,
            ocr_pages: doc.ocr_pages.clone(),
        },
        doc_kind: rec.meta.doc_kind,
        title: rec.meta.title,
        organization: rec.meta.organization,
        fiscal_years: rec.meta.fiscal_years,
        sections: rec.sections,
        budget_table: rec.budget_table,
        projects: rec.projects,
        report: rec.report,
        checks: Vec::new(),
        warnings,
        normalization: doc.counts.clone(),
    };
    check::run(&mut record, &rec.stated_counts);
    record
}

/// Process bytes already read.
pub fn process_bytes(path: &Path, bytes: &[u8], opts: &ExtractOptions) -> Result<Record, DocError> {
    let sha = sha256_hex(bytes);
    let doc = normalized_text(path, bytes, opts)?;
    let given = path.to_string_lossy().to_string();
    catch_unwind(AssertUnwindSafe(|| record_from_norm(&given, sha, &doc))).map_err(|p| DocError {
        path: path.into(),
        stage: Stage::Recognize,
        kind: ErrorKind::Panic,
        message: format!("recogniser crashed: {}", panic_message(p)),
    })
}

/// Process one file end to end.
pub fn process_path(path: &Path, opts: &ExtractOptions) -> Result<Record, DocError> {
    let bytes = read_input(path).map_err(|e| {
        let mut d = DocError::from_extract(path, e);
        d.stage = Stage::Read;
        d
    })?;
    process_bytes(path, &bytes, opts)
}
