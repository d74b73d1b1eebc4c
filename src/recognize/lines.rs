//! The line model the recognisers read: normalised lines with their
//! 1-based numbers and pages, split into TAB cells and `<p>` paragraphs.

use crate::model::{NormDoc, SourceSpan};

#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// 1-based line number in `thaiplan text` output.
    pub no: usize,
    pub page: Option<u32>,
    pub text: &'a str,
    pub bold: bool,
    pub ocr: bool,
}

impl<'a> Line<'a> {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
    pub fn has_tab(&self) -> bool {
        self.text.contains('\t')
    }
    /// Raw cells (TAB-split, markup kept).
    pub fn raw_cells(&self) -> Vec<&'a str> {
        self.text.split('\t').collect()
    }
    /// Cells with `<p>` markup removed and paragraphs joined by one space.
    pub fn cells(&self) -> Vec<String> {
        self.text.split('\t').map(clean_cell).collect()
    }
    pub fn non_empty_cells(&self) -> usize {
        self.text
            .split('\t')
            .filter(|c| !clean_cell(c).is_empty())
            .count()
    }
    pub fn span(&self) -> SourceSpan {
        SourceSpan::line(self.no, self.page)
    }
}

/// Paragraphs of one cell: split on `</p>\s*<p>`, tags stripped, trimmed,
/// empty ones dropped.
pub fn cell_paragraphs(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in cell.split("</p>") {
        let p = part.replace("<p>", "");
        let p = p.trim();
        if !p.is_empty() {
            out.push(collapse_spaces(p));
        }
    }
    out
}

/// A cell's text: paragraphs joined with one space, no markup.
pub fn clean_cell(cell: &str) -> String {
    cell_paragraphs(cell).join(" ")
}

pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = false;
    for c in s.chars() {
        let sp = c == ' ' || c == '\t';
        if sp {
            if !prev {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
        prev = sp;
    }
    out.trim().to_string()
}

/// All lines of a normalised document.
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    pub lines: Vec<Line<'a>>,
}

impl<'a> Lines<'a> {
    pub fn new(doc: &'a NormDoc) -> Self {
        let lines = doc
            .lines
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let hints = doc.line_hints.get(i).copied().unwrap_or_default();
                Line {
                    no: i + 1,
                    page: doc.line_pages.get(i).copied().flatten(),
                    text: t.as_str(),
                    bold: hints.bold,
                    ocr: hints.ocr,
                }
            })
            .collect();
        Lines { lines }
    }
    pub fn len(&self) -> usize {
        self.lines.len()
    }
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
    /// Line by 1-based number.
    pub fn get(&self, no: usize) -> Option<&Line<'a>> {
        no.checked_sub(1).and_then(|i| self.lines.get(i))
    }
    /// The span of lines `start..=end` (1-based), page of the first.
    pub fn span(&self, start: usize, end: usize) -> SourceSpan {
        SourceSpan::lines(start, end, self.get(start).and_then(|l| l.page))
    }
    /// The next non-blank line after `no` (1-based).
    pub fn next_non_blank(&self, no: usize) -> Option<&Line<'a>> {
        self.lines.iter().skip(no).find(|l| !l.is_blank())
    }
}

/// Join wrapped text fragments: Thai–Thai joins take no space only when the
/// source says the break was inside a word; we cannot know that, so
/// fragments are joined with one space (RECORD: "between words, one space").
pub fn join_fragments<S: AsRef<str>>(parts: &[S]) -> String {
    let mut out = String::new();
    for p in parts {
        let p = p.as_ref().trim();
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(p);
    }
    collapse_spaces(&out)
}
