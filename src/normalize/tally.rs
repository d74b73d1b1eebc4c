//! Repair counters, kept in a fixed array on the hot path and turned into
//! the RECORD `normalization` map at the end.

use crate::model::NormalizationCounts;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum K {
    ThaiDigits,
    PuaGlyphs,
    PuaBullets,
    SaraAm,
    MarkOrder,
    MarkOrderUnconfirmed,
    DuplicateMarks,
    LetterSpacing,
    Lookalikes,
    InvisibleChars,
    Markup,
    Spaces,
    ForeignScript,
}

pub const NAMES: [&str; 13] = [
    "thai_digits",
    "pua_glyphs",
    "pua_bullets",
    "sara_am",
    "mark_order",
    "mark_order_unconfirmed",
    "duplicate_marks",
    "letter_spacing",
    "lookalikes",
    "invisible_chars",
    "markup",
    "spaces",
    "foreign_script",
];

#[derive(Debug, Clone, Default)]
pub struct Tally {
    n: [u64; 13],
    /// (0-based line, code, message)
    pub warnings: Vec<(usize, crate::model::WarningCode, String)>,
    pub line: usize,
}

impl Tally {
    #[inline]
    pub fn add(&mut self, k: K, n: u64) {
        self.n[k as usize] += n;
    }

    pub fn warn(&mut self, code: crate::model::WarningCode, msg: String) {
        self.warnings.push((self.line, code, msg));
    }

    pub fn flush_into(&self, counts: &mut NormalizationCounts) {
        for (name, &v) in NAMES.iter().zip(self.n.iter()) {
            if v > 0 {
                *counts.entry((*name).to_string()).or_insert(0) += v;
            }
        }
    }
}
