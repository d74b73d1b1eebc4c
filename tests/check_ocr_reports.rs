//! Regression: report checks on an OCR'd document were flagged `ocr` but a
//! failed one raised no `ocr_check_failed` warning, because they ran after
//! the OCR marking. A reviewer must see every failed check on OCR'd values.

use std::path::Path;
use thaiplan::model::Extraction;

#[test]
fn failed_report_checks_on_ocr_text_warn() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/text/004_3a9855a8704ba7b3.txt");
    let bytes = std::fs::read(&p).unwrap();
    let mut doc = thaiplan::pipeline::normalized_text(&p, &bytes, &Default::default()).unwrap();
    // The same lines as if OCR had read them.
    doc.extraction = Extraction::Ocr;
    let r = thaiplan::pipeline::record_from_norm("004.scan.pdf", String::new(), &doc);
    let failed: Vec<_> = r.checks.iter().filter(|c| c.ok == Some(false)).collect();
    // 004's items per dimension disagree with projects done for dimensions 1 and 3.
    assert!(
        failed.iter().any(|c| c.rule == "activities_per_dimension"),
        "{failed:?}"
    );
    assert!(
        r.checks.iter().all(|c| c.ocr),
        "every check on an OCR'd document is marked"
    );
    let warned = r
        .warnings
        .iter()
        .filter(|w| w.code == "ocr_check_failed")
        .count();
    assert_eq!(warned, failed.len());
}
