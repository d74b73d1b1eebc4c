//! The outline (parts, dimensions, missions, headings) and Part-3 project
//! detail blocks (DOCUMENTS.md §2, §4).

use super::{Lines, Meta, Structure};

pub fn recognize(lines: &Lines, meta: &Meta) -> Structure {
    let _ = (lines, meta);
    Structure::default()
}
