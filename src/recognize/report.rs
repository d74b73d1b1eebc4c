//! Implementation and ITA reports (DOCUMENTS.md §5; RECORD.md `report`).

use super::{Lines, Meta};
use crate::model::{Report, Warning};

pub fn recognize(lines: &Lines, meta: &Meta) -> (Report, Vec<Warning>) {
    let _ = (lines, meta);
    (Report::default(), Vec::new())
}
