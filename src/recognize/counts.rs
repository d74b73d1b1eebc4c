//! Project counts stated in prose (preface, Part-2 intro): §2.2, §3.8.

use super::{Lines, StatedCount};

pub fn stated_counts(lines: &Lines) -> Vec<StatedCount> {
    let _ = lines;
    Vec::new()
}
