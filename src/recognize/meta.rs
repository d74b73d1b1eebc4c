//! Doc kind, title, organisation, fiscal years (DOCUMENTS.md §1, §2.1).

use super::{Lines, Meta};

pub fn recognize(lines: &Lines) -> Meta {
    let _ = lines;
    Meta::default()
}
