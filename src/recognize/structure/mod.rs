//! The outline (parts, dimensions, missions, headings) and Part-3 project
//! detail blocks (docs/grammar.md §2, §4).
//!
//! - `text`: line cleaning (image placeholders, stray markup, digits);
//! - `labels`: field labels by keyword stem, block ordinals, report item labels;
//! - `outline`: heading candidates and their line-level rejections;
//! - `blocks`: the walker that applies the context rules in document order;
//! - `fields`: typing a block's fields into a `Project`.

pub mod blocks;
pub mod fields;
pub mod labels;
pub mod outline;
pub mod text;

use super::{Lines, Meta, Structure};
use crate::model::DocKind;

pub fn recognize(lines: &Lines, meta: &Meta) -> Structure {
    let cleaned: Vec<String> = lines
        .lines
        .iter()
        .map(|l| text::clean_line(l.text))
        .collect();
    // Report items (§5.4) are looked for unless the document is known to be
    // a plan: a plan's blocks use numbered labels, never "การดำเนินการ".
    let items = meta.doc_kind != DocKind::Plan;
    let mut w = blocks::Walker::new(lines, items);
    w.run(&cleaned);
    Structure {
        sections: w.sections,
        projects: w.projects,
        warnings: w.warnings,
    }
}
