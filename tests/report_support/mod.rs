//! Shared by the report tests: read a corpus document, recognise its
//! report directly (meta is written elsewhere) and run the report checks.
#![allow(dead_code)]

use thaiplan::model::{DocKind, Record, Report, Source, Warning};
use thaiplan::recognize::{report, Lines, Meta};

pub const C002: &str = "002_6cb85bbd8efcfe0c";
pub const C004: &str = "004_3a9855a8704ba7b3";

pub fn corpus(rel: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/")).join(rel)
}

/// The report and recogniser warnings of `text/<stem>.txt`.
pub fn recognize_text(stem: &str) -> (Report, Vec<Warning>) {
    recognize_path(&corpus(&format!("text/{stem}.txt")))
}

pub fn recognize_path(path: &std::path::Path) -> (Report, Vec<Warning>) {
    let bytes = std::fs::read(path).expect("corpus file");
    let doc =
        thaiplan::pipeline::normalized_text(path, &bytes, &Default::default()).expect("normalised");
    let lines = Lines::new(&doc);
    report::recognize(
        &lines,
        &Meta {
            doc_kind: DocKind::Report,
            ..Meta::default()
        },
    )
}

/// A record holding the report, with the report checks run on it.
pub fn checked(stem: &str) -> Record {
    checked_path(&corpus(&format!("text/{stem}.txt")))
}

/// The same for any file (DOCX, PDF, fixtures).
pub fn checked_path(path: &std::path::Path) -> Record {
    let stem = path
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    let (r, w) = recognize_path(path);
    let mut rec = Record {
        schema_version: thaiplan::model::SCHEMA_VERSION.into(),
        source: Source {
            path: stem,
            sha256: String::new(),
            format: thaiplan::model::Format::Text,
            pages: None,
            extraction: thaiplan::model::Extraction::Text,
            lao_code: None,
            ocr_pages: Vec::new(),
        },
        doc_kind: DocKind::Report,
        title: None,
        organization: Default::default(),
        fiscal_years: Vec::new(),
        sections: Vec::new(),
        budget_table: None,
        projects: Vec::new(),
        report: Some(r),
        checks: Vec::new(),
        warnings: w,
        normalization: Default::default(),
        corrections: Vec::new(),
    };
    thaiplan::check::report::run(&mut rec);
    rec
}
