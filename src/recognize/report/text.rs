//! Small text helpers shared by the report passes. They trust `NormDoc`
//! (no re-normalisation); `sq` and `skeleton_str` build comparison keys
//! (spaces squashed; marks dropped for OCR'd labels), a recogniser-level
//! transform that never changes the text recorded.

use crate::recognize::grammar::{parse_amount, parse_budget_cell, Cell};

/// A cell that is present but cannot be read as a number ("#####").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// A numeric table cell: amounts, counts and percentages ("70,000.00",
/// "17", "52.94"); "-" is 0; empty is `Ok(None)`.
pub fn number_cell(s: &str) -> Result<Option<f64>, Unreadable> {
    let t = s.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return Ok(None);
    }
    if let Some(v) = parse_amount(t) {
        return Ok(Some(v));
    }
    // A stray full stop after a whole number ("17." — OCR, or a typo).
    if let Some(v) = t
        .strip_suffix('.')
        .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        .and_then(parse_amount)
    {
        return Ok(Some(v));
    }
    match parse_budget_cell(t) {
        Cell::Amount(v) => Ok(Some(v)),
        Cell::Unreadable => Err(Unreadable),
    }
}

/// True when the cell reads as a number (or a dash).
pub fn is_number_cell(s: &str) -> bool {
    matches!(number_cell(s), Ok(Some(_)))
}

/// Squashed text for keyword tests on header cells ("โครงการ ตั้งต้น" → "โครงการตั้งต้น").
/// A recogniser-level comparison key; the text itself is `NormDoc`'s, whose
/// sara am is already composed (normalize::repair), so it is not redone here.
pub fn sq(s: &str) -> String {
    crate::recognize::grammar::squash(&crate::recognize::lines::clean_cell(s))
}

/// A dimension number from a cell: "1", "มิติที่ 1", "มิติ 1".
pub fn dimension_of(s: &str) -> Option<u8> {
    let t = sq(s);
    let t = t
        .trim_start_matches("มิติที่")
        .trim_start_matches("มติที่")
        .trim_start_matches("มิติ");
    if t.is_empty() || t.len() > 2 || !t.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse::<u8>().ok().filter(|d| (1..=9).contains(d))
}

/// A total-row label: "รวม", "รวม 4 มิติ", "รวมทั้งสิ้น", "ทั้งหมด".
pub fn is_total_label(s: &str) -> bool {
    let t = sq(s);
    t.starts_with("รวม") || t == "ทั้งหมด"
}

/// Base letters only: Thai vowel and tone marks dropped, sara am read as
/// sara aa. OCR drops marks ("การดาเนนการ"); labels are compared this way.
pub fn skeleton_str(s: &str) -> String {
    s.chars()
        .filter(|c| !crate::thai::is_mark(*c))
        .map(|c| if c == '\u{0E33}' { '\u{0E32}' } else { c })
        .collect()
}
