//! Stage 2: Thai text repairs (DOCUMENTS.md §6), line-preserving and counted.
//!
//! Public API: [`normalize_line`], [`normalize_lines`], [`normalize_doc`].
//! The normaliser never adds or removes a line break (§6.6), except that a
//! combining mark that starts a line moves to the end of the previous
//! non-empty line (it moves as a character; the line count is unchanged).
//! (Issue 3: the full set of repairs is to be implemented here.)

use crate::model::{NormDoc, NormalizationCounts, RawDoc, SourceSpan, TextOrigin, Warning};

/// Result of normalising a sequence of lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Normalized {
    pub lines: Vec<String>,
    pub counts: NormalizationCounts,
    /// (0-based line index, code, message)
    pub warnings: Vec<(usize, String, String)>,
}

fn bump(counts: &mut NormalizationCounts, key: &str, n: u64) {
    if n > 0 {
        *counts.entry(key.to_string()).or_insert(0) += n;
    }
}

/// Normalise one line in isolation (no cross-line repairs).
pub fn normalize_line(line: &str, origin: TextOrigin, counts: &mut NormalizationCounts) -> String {
    let _ = origin;
    let mut out = String::with_capacity(line.len());
    let mut digits = 0;
    for c in line.chars() {
        match c {
            '\u{0E50}'..='\u{0E59}' => {
                digits += 1;
                out.push((b'0' + (c as u32 - 0x0E50) as u8) as char);
            }
            '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{00AD}' => {}
            '\u{00A0}' => out.push(' '),
            _ => out.push(c),
        }
    }
    bump(counts, "thai_digits", digits);
    let n_markup = out.matches("**").count() as u64;
    if n_markup > 0 {
        out = out.replace("**", "");
        bump(counts, "markup", n_markup);
    }
    // Collapse runs of spaces (not tabs); strip trailing spaces.
    let mut collapsed = String::with_capacity(out.len());
    let mut prev_space = false;
    for c in out.chars() {
        if c == ' ' {
            if !prev_space {
                collapsed.push(c);
            }
            prev_space = true;
        } else {
            collapsed.push(c);
            prev_space = false;
        }
    }
    let trimmed = collapsed.trim_end_matches(' ');
    if trimmed.trim().is_empty() {
        String::new()
    } else {
        trimmed.to_string()
    }
}

/// Normalise all lines of a document (cross-line repairs included).
pub fn normalize_lines<S: AsRef<str>>(lines: &[S], origin: TextOrigin) -> Normalized {
    let mut counts = NormalizationCounts::new();
    let lines = lines
        .iter()
        .map(|l| normalize_line(l.as_ref(), origin, &mut counts))
        .collect();
    Normalized {
        lines,
        counts,
        warnings: Vec::new(),
    }
}

/// Normalise a whole text (for `thaiplan normalize`): line-preserving.
pub fn normalize_str(text: &str, origin: TextOrigin) -> (String, Normalized) {
    let lines = crate::extract::text::split_lines(text);
    let n = normalize_lines(&lines, origin);
    let mut out = n.lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    (out, n)
}

pub fn normalize_doc(raw: RawDoc) -> NormDoc {
    let texts: Vec<&str> = raw.lines.iter().map(|l| l.text.as_str()).collect();
    let n = normalize_lines(&texts, raw.origin);
    let mut counts = raw.counts;
    for (k, v) in n.counts {
        *counts.entry(k).or_insert(0) += v;
    }
    let line_pages: Vec<Option<u32>> = raw.lines.iter().map(|l| l.page).collect();
    let mut warnings = raw.warnings;
    for (i, code, msg) in n.warnings {
        warnings.push(Warning::new(
            &code,
            msg,
            Some(SourceSpan::line(
                i + 1,
                line_pages.get(i).copied().flatten(),
            )),
        ));
    }
    NormDoc {
        format: raw.format,
        extraction: raw.extraction,
        pages: raw.pages,
        line_hints: raw.lines.iter().map(|l| l.hints).collect(),
        lines: n.lines,
        line_pages,
        ocr_pages: raw.ocr_pages,
        counts,
        warnings,
    }
}
