//! Plausibility of the years a record claims (issue 14).
//!
//! The plans and reports this project reads are from BE 2540 on (the
//! anti-corruption plans start in the 2550s) and no later than 2600; a plan
//! covers at most 10 fiscal years (the corpus: 1 to 5). A year outside that
//! is a misread digit (OCR read ๒๕๖๘ as 2523 and 2525 on the shared scans)
//! or a typo in the document.
//!
//! - On OCR'd text the implausible year is removed: dropped from
//!   `fiscal_years` / `period_years`, `report.fiscal_year` becomes null, and
//!   a too-long span empties `fiscal_years` (which end is wrong is unknown).
//!   An `implausible_year` warning says what was read.
//! - On a text layer, DOCX or text the value is what the document says: it
//!   is kept, with the same warning.
//! - Budget-table year columns are never removed (the cells are aligned with
//!   them): warning only.

use crate::model::WarningCode;
use crate::model::{Extraction, Record, Warning};

/// Plausible Buddhist-Era years, inclusive.
pub const MIN_YEAR: u32 = 2540;
pub const MAX_YEAR: u32 = 2600;
/// The most fiscal years one plan may cover.
pub const MAX_SPAN: u32 = 10;

pub fn plausible(y: u32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&y)
}

/// Years outside the range, and whether the (plausible) rest spans too long.
fn judge(years: &[u32]) -> (Vec<u32>, bool) {
    let bad: Vec<u32> = years.iter().copied().filter(|&y| !plausible(y)).collect();
    let good = years.iter().copied().filter(|&y| plausible(y));
    let (lo, hi) = good.fold((u32::MAX, 0), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let too_long = hi >= lo && hi - lo + 1 > MAX_SPAN;
    (bad, too_long)
}

pub fn run(record: &mut Record) {
    let ocr = record.source.extraction == Extraction::Ocr;
    let mut warnings: Vec<Warning> = Vec::new();
    let what = |ocr: bool| {
        if ocr {
            "dropped (OCR: a misread digit is likely)"
        } else {
            "kept as printed"
        }
    };
    let range = format!("{MIN_YEAR}–{MAX_YEAR}");

    let (bad, too_long) = judge(&record.fiscal_years);
    if !bad.is_empty() {
        warnings.push(Warning::new(
            WarningCode::ImplausibleYear,
            format!(
                "fiscal_years {:?}: {:?} outside {range}, {}",
                record.fiscal_years,
                bad,
                what(ocr)
            ),
            None,
        ));
        if ocr {
            record.fiscal_years.retain(|&y| plausible(y));
        }
    }
    if too_long {
        warnings.push(Warning::new(
            WarningCode::ImplausibleYear,
            format!(
                "fiscal_years {:?} span more than {MAX_SPAN} years, {}",
                record.fiscal_years,
                what(ocr)
            ),
            None,
        ));
        if ocr {
            record.fiscal_years.clear();
        }
    }

    if let Some(r) = record.report.as_mut() {
        if let Some(y) = r.fiscal_year.filter(|&y| !plausible(y)) {
            warnings.push(Warning::new(
                WarningCode::ImplausibleYear,
                format!("report.fiscal_year {y} outside {range}, {}", what(ocr)),
                r.memo.as_ref().and_then(|m| m.source_span),
            ));
            if ocr {
                r.fiscal_year = None;
            }
        }
    }

    if let Some(t) = record.budget_table.as_ref() {
        let (bad, too_long) = judge(&t.years);
        if !bad.is_empty() || too_long {
            warnings.push(Warning::new(
                WarningCode::ImplausibleYear,
                format!(
                    "budget table year columns {:?}: outside {range} or spanning more than {MAX_SPAN} years (kept: the cells are aligned with them)",
                    t.years
                ),
                t.rows.first().map(|r| r.source_span),
            ));
        }
    }

    for p in record.projects.iter_mut() {
        let (bad, too_long) = judge(&p.period_years);
        if bad.is_empty() && !too_long {
            continue;
        }
        warnings.push(Warning::new(
            WarningCode::ImplausibleYear,
            format!(
                "project {:?}: period_years {:?} outside {range} or spanning more than {MAX_SPAN} years, {}",
                p.name.chars().take(40).collect::<String>(),
                p.period_years,
                what(ocr)
            ),
            Some(p.source_span),
        ));
        if ocr {
            p.period_years.retain(|&y| plausible(y));
            if too_long {
                p.period_years.clear();
            }
        }
    }
    record.warnings.extend(warnings);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_and_span() {
        assert_eq!(judge(&[2566, 2567, 2568, 2569, 2570]), (vec![], false));
        assert_eq!(judge(&[2523, 2525]), (vec![2523, 2525], false));
        assert_eq!(judge(&[2541, 2551]), (vec![], true));
        assert_eq!(judge(&[2541, 2550]), (vec![], false));
        assert_eq!(judge(&[]), (vec![], false));
    }
}
