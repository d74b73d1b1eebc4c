//! Years and totals a reviewer must not trust blindly (issue 14): an
//! implausible year is warned (and, on OCR'd text, removed — see
//! tests/ocr_scan.rs); a total that one changed digit would repair names
//! the candidate and changes nothing.

use std::path::Path;
use thaiplan::extract::ExtractOptions;
use thaiplan::model::Record;
use thaiplan::pipeline;

fn record(name: &str) -> Record {
    let p = format!("{}/fixtures/text/{name}", env!("CARGO_MANIFEST_DIR"));
    pipeline::process_path(Path::new(&p), &ExtractOptions::default()).unwrap()
}

fn messages<'a>(r: &'a Record, code: &str) -> Vec<&'a str> {
    r.warnings
        .iter()
        .filter(|w| w.code == code)
        .map(|w| w.message.as_str())
        .collect()
}

/// A text-layer report titled for BE 2525 (before any such plan existed):
/// the value is what the document prints, so it is kept, with a warning.
#[test]
fn implausible_year_in_text_is_kept_and_warned() {
    let r = record("report_implausible_year.txt");
    assert_eq!(r.fiscal_years, vec![2525]);
    assert_eq!(r.report.as_ref().unwrap().fiscal_year, Some(2525));
    let w = messages(&r, "implausible_year");
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w.iter().all(|m| m.contains("2525") && m.contains("kept")));
}

/// Plausible years raise nothing (the Thai-digit table fixture: 2566–2570).
#[test]
fn plausible_years_raise_nothing() {
    let r = record("table_thai_digits.txt");
    assert!(messages(&r, "implausible_year").is_empty());
    assert!(messages(&r, "one_digit_candidate").is_empty());
}

/// table_thai_digits.txt with two one-glyph misreads: a cell (row 4, 2566:
/// ๕๐,๐๐๐ → ๘๐,๐๐๐) and a stated total (dimension 3, 2567: ๒๐,๐๐๐ →
/// ๒๙,๐๐๐). Each failed check names the one-digit candidates; no value
/// changes.
#[test]
fn one_digit_repair_is_named_never_applied() {
    let r = record("table_one_digit_misread.txt");
    let t = r.budget_table.as_ref().unwrap();
    let row4 = t
        .rows
        .iter()
        .find(|r| r.number.as_deref() == Some("4"))
        .unwrap();
    assert_eq!(row4.budgets[0], Some(80000.0));
    let w = messages(&r, "one_digit_candidate");
    assert!(
        w.iter()
            .any(|m| m.contains("dimension 1, 2566") && m.contains("row 4 80,000 → 50,000")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|m| m.contains("dimension 3, 2567")
                && m.contains("the stated total 29,000 → 20,000")),
        "{w:?}"
    );
    assert!(w.iter().all(|m| m.contains("not changed")));
    // Every failed check got its candidate.
    let failed = r.checks.iter().filter(|c| c.ok == Some(false)).count();
    assert_eq!(failed, w.len());
}
