//! A budget table whose rows do not reconcile with its own total rows gets
//! one table-level `table_totals_mismatch` warning (issue 13: Chromium
//! prints lost rows to wrapped cells with no warning naming the table).
//! Rows are lost from the shared text of plan 000 the ways a
//! collapsing extraction loses them; the clean text gets no such warning.

use std::path::Path;
use thaiplan::extract::ExtractOptions;

const TEXT_000: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/text/000_c8f04830a1ea0035.txt"
);

fn mismatch_warnings(text: &str) -> Vec<String> {
    let rec = thaiplan::pipeline::process_bytes(
        Path::new("000.txt"),
        text.as_bytes(),
        &ExtractOptions::default(),
    )
    .expect("record");
    rec.warnings
        .iter()
        .filter(|w| w.code == "table_totals_mismatch")
        .map(|w| w.message.clone())
        .collect()
}

#[test]
fn lost_rows_are_flagged_once_per_table() {
    let text = std::fs::read_to_string(TEXT_000).expect("shared text 000");
    assert!(
        mismatch_warnings(&text).is_empty(),
        "clean table reconciles"
    );
    let lines: Vec<&str> = text.lines().collect();
    let row = |prefix: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("row {prefix}"))
    };
    let without = |prefix: &str| -> String {
        let i = row(prefix);
        let kept: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != i)
            .map(|(_, l)| *l)
            .collect();
        kept.join("\n")
    };
    // A one-project row lost (dimension 3 states 2 projects), and a row
    // holding two projects in one cell lost (dimension 2 states 9).
    // (Two rows merged cell by cell still reconcile: "14) … 15) …" in one
    // cell is split into two projects, DOCUMENTS.md §3.3; a misread amount
    // is inferred back from the totals with its own warning.)
    for (what, t, dim) in [
        ("one-project row", without("\t3.2 "), "dimension 3"),
        ("two-project row", without("\t2.2 "), "dimension 2"),
    ] {
        let w = mismatch_warnings(&t);
        assert_eq!(w.len(), 1, "{what}: {w:?}");
        assert!(w[0].contains(dim), "{what}: {}", w[0]);
    }
}
