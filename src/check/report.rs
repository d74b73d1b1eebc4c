//! Checks for reports (DOCUMENTS.md §5.3): summary columns vs totals,
//! percentages vs ratios (0/0 undefined: warning), status counts,
//! activities per dimension vs projects done. (Issue 8.)

use crate::model::Record;

pub fn run(record: &mut Record) {
    let _ = record;
}
