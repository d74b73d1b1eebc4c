//! Entry points for fuzzing (cargo-fuzz targets in `fuzz/` and the smoke
//! test in `tests/fuzz_smoke.rs`). Each runs one parser entry on arbitrary
//! bytes and checks invariants that must hold for every input.

use crate::extract::{self, ExtractOptions, OcrMode};
use crate::model::TextOrigin;
use std::path::Path;

fn opts() -> ExtractOptions {
    ExtractOptions {
        ocr: OcrMode::Never,
        isolate: false,
        ..Default::default()
    }
}

/// The normaliser: line-preserving and idempotent on any text.
pub fn normalize(data: &[u8]) {
    let (text, _) = extract::text::decode(data);
    let lines = extract::text::split_lines(&text);
    let once = crate::normalize::normalize_lines(&lines, TextOrigin::PdfTextLayer);
    assert_eq!(
        once.lines.len(),
        lines.len(),
        "normaliser changed the line count"
    );
    let twice = crate::normalize::normalize_lines(&once.lines, TextOrigin::PdfTextLayer);
    assert_eq!(once.lines, twice.lines, "normaliser is not idempotent");
}

/// The text parser and every later stage, on text input.
pub fn text(data: &[u8]) {
    let p = Path::new("fuzz.txt");
    if let Ok(raw) = extract::text::extract(p, data) {
        let doc = crate::normalize::normalize_doc(raw);
        let r = crate::pipeline::record_from_norm("fuzz.txt", String::new(), &doc);
        // Spans point into the document.
        for s in &r.sections {
            assert!(s.source_span.line_end <= doc.lines.len().max(1));
        }
    }
}

/// The DOCX reader (and the rest of the pipeline when it reads).
pub fn docx(data: &[u8]) {
    let _ = crate::pipeline::process_bytes(Path::new("fuzz.docx"), data, &opts());
    let _ = extract::docx::extract(Path::new("fuzz.docx"), data);
}

/// The PDF reader, in-process (no worker), so a panic is visible.
pub fn pdf(data: &[u8]) {
    let _ = extract::pdf::extract(Path::new("fuzz.pdf"), data, &opts());
}
