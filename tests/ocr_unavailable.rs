//! Without tesseract the scan still gets a record, with `ocr_unavailable`
//! on each page and `no_text_layer`: never silence, never a crash.
//! (Own test binary: it sets THAIPLAN_TESSERACT for the whole process.)

use std::path::Path;
use thaiplan::extract::{ExtractOptions, OcrMode};
use thaiplan::model::DocKind;

#[test]
fn missing_tesseract_warns_per_page() {
    std::env::set_var("THAIPLAN_TESSERACT", "/nonexistent/tesseract");
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/scan/002_scan_p1-2.pdf"
    );
    let bytes = std::fs::read(path).unwrap();
    let opts = ExtractOptions {
        ocr: OcrMode::Auto,
        ..Default::default()
    };
    let rec = thaiplan::pipeline::process_bytes(Path::new(path), &bytes, &opts)
        .expect("a record, not an error");
    assert_eq!(rec.doc_kind, DocKind::Unknown);
    let unavailable: Vec<_> = rec
        .warnings
        .iter()
        .filter(|w| w.code == "ocr_unavailable")
        .collect();
    assert_eq!(unavailable.len(), 2, "{:?}", rec.warnings);
    assert!(
        unavailable[0].message.contains("page 1") && unavailable[0].message.contains("tesseract")
    );
    assert!(rec.warnings.iter().any(|w| w.code == "no_text_layer"));
}
