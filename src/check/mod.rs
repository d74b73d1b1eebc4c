//! Stage 4: arithmetic and consistency checks (DOCUMENTS.md §3.8, §5.3).
//! A failed check is recorded, never fixed.

pub mod report;

use crate::model::Record;
use crate::recognize::StatedCount;

/// Add `checks` (and warnings) to a record. `stated_counts` are the project
/// counts the document states in prose.
pub fn run(record: &mut Record, stated_counts: &[StatedCount]) {
    let _ = stated_counts;
    report::run(record);
}
