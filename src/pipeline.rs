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
    record_and_recheck(path_as_given, sha256, doc).0
}

/// The record and what [`check::rerun`] needs to check it again later.
pub fn record_and_recheck(
    path_as_given: &str,
    sha256: String,
    doc: &NormDoc,
) -> (Record, check::Recheck) {
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
        corrections: Vec::new(),
    };
    let recheck = check::Recheck {
        stated_counts: rec.stated_counts.clone(),
        warnings_before_checks: record.warnings.len(),
        line_conf: check::confidence::line_confidences(&doc.line_hints),
    };
    check::run(&mut record, &rec.stated_counts);
    check::confidence::annotate(&mut record, &recheck.line_conf);
    crate::emit::schema::enforce(&mut record);
    (record, recheck)
}

/// Process bytes already read.
pub fn process_bytes(path: &Path, bytes: &[u8], opts: &ExtractOptions) -> Result<Record, DocError> {
    process_bytes_recheck(path, bytes, opts).map(|(r, _)| r)
}

/// [`process_bytes`] plus what re-checking corrected values needs.
pub fn process_bytes_recheck(
    path: &Path,
    bytes: &[u8],
    opts: &ExtractOptions,
) -> Result<(Record, check::Recheck), DocError> {
    let sha = sha256_hex(bytes);
    let doc = normalized_text(path, bytes, opts)?;
    let given = path.to_string_lossy().to_string();
    catch_unwind(AssertUnwindSafe(|| record_and_recheck(&given, sha, &doc))).map_err(|p| DocError {
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
