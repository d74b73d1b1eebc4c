//! Stage 4: arithmetic and consistency checks (docs/grammar.md §3.8, §5.3).
//! A failed check is recorded, never fixed.
//!
//! This file only runs the two families and marks OCR. Plan checks ([`plan`]):
//! - `dimension_total`: per dimension total row and year, Σ rows vs stated;
//! - `grand_total`: per year, Σ rows vs the รวมทั้งสิ้น row, and Σ dimension
//!   totals vs the รวมทั้งสิ้น row;
//! - `project_count`: every stated count (total rows, preface, Part-2 prose)
//!   vs the table rows and vs the Part-3 blocks, Σ dimension-total counts
//!   vs the grand-total count, and table rows vs Part-3 blocks;
//! - `detail_vs_table`: each Part-3 block's per-year budget vs its table row,
//!   joined by fuzzy name ([`join`]).
//!
//! Inferred cells. A value inferred from a stated total is summed like a
//! read one, but the check of *that* total cannot fail on it. So when a
//! check's scope holds a cell inferred from its own stated total with a
//! non-zero value, the check is undefined (`ok: None`) and a
//! `check_unverifiable` warning names the cell; the other total (grand total
//! for a dimension-inferred cell) still checks it independently. An
//! inferred 0 (000 project 10) leaves the check defined: the printed values
//! alone already reach the total, which is a real test.
//!
//! Nulls that were not inferred count as 0 (gold FORMAT); if the sum then
//! falls short of the stated total the check is undefined rather than failed
//! (the missing cells may hold the difference), and it fails when the read
//! values alone exceed the total. Likewise when the total's own project
//! count shows rows the table lost (a missing page). Only what is present
//! is checked: no Σ-of-dimension-totals check when a dimension has no รวม
//! row; a dimension with several รวม rows (mission sub-totals) checks each
//! against the rows it closes.
//!
//! Report checks (summary vs totals, percentages, status counts) are in
//! [`report`]. Implausible years (outside 2540–2600, spans over 10 years)
//! are judged first, in [`plausible`].
//!
//! OCR: when the record (or the page of a check) was OCR'd, checks carry
//! `ocr: true` and each failed one adds an `ocr_check_failed` warning.

/// The row join moved to `recognize` (recognisers use it); kept here for callers.
pub use crate::recognize::join;
pub mod confidence;
pub mod plan;
pub mod plausible;
pub mod report;

use crate::model::WarningCode;
use crate::model::{Check, Extraction, Record, Warning};
use crate::recognize::StatedCount;

/// What re-running the checks on a finished record needs: the prose counts
/// (not in the record) and where the check stage's warnings begin (they are
/// the tail of `warnings`, replaced on a re-run).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Recheck {
    pub stated_counts: Vec<StatedCount>,
    pub warnings_before_checks: usize,
    /// Per normalised line: its OCR confidence ([`confidence::line_confidences`];
    /// empty when nothing was OCR'd), for the spans of the new checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub line_conf: Vec<Option<u8>>,
}

/// Run the checks again on a record whose values were corrected: drop the
/// old checks and the warnings they raised, then check as [`run`] does.
pub fn rerun(record: &mut Record, recheck: &Recheck) {
    record.checks.clear();
    record
        .warnings
        .truncate(recheck.warnings_before_checks.min(record.warnings.len()));
    run(record, &recheck.stated_counts);
    confidence::annotate(record, &recheck.line_conf);
}

/// Add `checks` (and warnings) to a record. `stated_counts` are the project
/// counts the document states in prose.
pub fn run(record: &mut Record, stated_counts: &[StatedCount]) {
    plausible::run(record);
    let first_new = record.checks.len();
    let (checks, warnings) = plan::plan_checks(record, stated_counts);
    record.checks.extend(checks);
    record.warnings.extend(warnings);
    report::run(record);
    // After both plan and report checks: a failed report check on OCR'd text
    // needs the reviewer's warning as much as a plan total does.
    mark_ocr(record, first_new);
}

/// OCR'd values: a failed check may be a misread digit. Marks checks from
/// `first` on and adds one `ocr_check_failed` warning per failed check.
fn mark_ocr(record: &mut Record, first: usize) {
    let whole = record.source.extraction == Extraction::Ocr;
    let pages: Vec<u32> = record.source.ocr_pages.iter().map(|p| p.page).collect();
    let mut warnings: Vec<Warning> = Vec::new();
    for c in record.checks.iter_mut().skip(first) {
        let on_ocr_page = c
            .source_span
            .and_then(|s| s.page)
            .is_some_and(|p| pages.contains(&p));
        if whole || on_ocr_page {
            c.ocr = true;
            if c.ok == Some(false) {
                warnings.push(ocr_warning(c));
            }
        }
    }
    record.warnings.extend(warnings);
}

fn ocr_warning(c: &Check) -> Warning {
    Warning::new(
        WarningCode::OcrCheckFailed,
        format!(
            "{} ({}) failed on OCR'd text: stated {} vs computed {}; a misread digit is possible",
            c.rule,
            c.scope,
            c.stated
                .map(crate::recognize::budget_table::fmt_amount)
                .unwrap_or_else(|| "null".into()),
            c.computed
                .map(crate::recognize::budget_table::fmt_amount)
                .unwrap_or_else(|| "null".into())
        ),
        c.source_span,
    )
}
