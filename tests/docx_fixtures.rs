//! Generated fixtures (scripts/make_docx_fixtures.py, python-docx): merged
//! cells, automatic numbering, tracked changes / fields / text boxes. What
//! they read as is pinned in fixtures/docx/*.expect.json (tests/fixtures.rs).

use std::path::Path;
use thaiplan::extract::docx;
use thaiplan::model::RawDoc;

fn fixture(name: &str) -> RawDoc {
    let p = format!("{}/fixtures/docx/{name}.docx", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&p).expect("fixture (run scripts/make_docx_fixtures.py)");
    docx::extract(Path::new(&p), &bytes).expect("fixture reads")
}

fn texts(d: &RawDoc) -> Vec<&str> {
    d.lines.iter().map(|l| l.text.as_str()).collect()
}

/// What the DOCX extractor hands the normaliser, where the record cannot
/// show it (the normalised lines are pinned by fixtures/docx/*.expect.json):
/// the grid's columns, Thai numbering digits, bold hints and markers,
/// picture alt text, the page header kept out of the body.
#[test]
fn extractor_contracts_behind_the_expect_files() {
    let d = fixture("merged_cells");
    // Every table row keeps the grid's 5 columns.
    assert!(d.lines[1..6]
        .iter()
        .all(|l| l.text.split('\t').count() == 5));
    let d = fixture("auto_numbering");
    // thaiNumbers "%1)" as printed (the normaliser makes them Arabic).
    assert_eq!(texts(&d)[7], "๑) ลดคดีทุจริต");
    assert_eq!(texts(&d)[11], "๑) ร้อยละความพึงพอใจ");
    let d = fixture("revisions_fields");
    // Whole-paragraph bold → hint; partly bold → ** markers, no hint.
    assert!(d.lines[0].hints.bold);
    assert!(!d.lines[1].hints.bold);
    assert_eq!(texts(&d)[1], "1. **ชื่อโครงการ:** โครงการอบรม");
    // picture alt text (wp:docPr/@descr)
    assert!(texts(&d).contains(&"[image: กรอบลายไทย]"));
    // The header's text is not in the body.
    assert!(!texts(&d).iter().any(|l| l.contains("หัวกระดาษ")));
    assert!(d.warnings.iter().any(|w| w.code == "docx_tracked_changes"));
}
