//! The Part-2 budget summary table (DOCUMENTS.md §3).

use super::{Lines, Meta};
use crate::model::{BudgetTable, Warning};

pub fn recognize(lines: &Lines, meta: &Meta) -> (Option<BudgetTable>, Vec<Warning>) {
    let _ = (lines, meta);
    (None, Vec::new())
}
