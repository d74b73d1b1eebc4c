//! Text helpers for the structure recogniser: what a line looks like once
//! the noise that never carries structure is set aside.

use crate::recognize::lines::{cell_paragraphs, clean_cell, collapse_spaces};

/// A line as the matchers see it. The text is `NormDoc`'s, so `**`, closed
/// `[image: …]` placeholders and Thai digits are already gone; what is left
/// is recogniser-level: an unclosed `[image:` (which the normaliser keeps,
/// as it may be text) is cut to the end of the line, and trailing
/// whitespace is trimmed. Leading whitespace and TABs are kept: they are
/// hints (tab indent = list item, §2.5).
pub fn clean_line(s: &str) -> String {
    let out = strip_images(s);
    // Trailing spaces go; a trailing TAB stays (a TOC line "title⇥" is
    // told apart from a heading by it, §2.2).
    out.trim_end_matches(|c: char| c.is_whitespace() && c != '\t')
        .to_string()
}

/// Remove every `[image: …]` placeholder (an unclosed one runs to the end).
pub fn strip_images(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find("[image:") {
        out.push_str(&rest[..pos]);
        let after = &rest[pos..];
        match after.find(']') {
            Some(end) => rest = &after[end + 1..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The paragraphs of a line: one per `<p>` paragraph of each TAB cell
/// (one for a plain line), markup removed, spaces collapsed.
pub fn paragraphs(s: &str) -> Vec<String> {
    if !s.contains("<p>") && !s.contains("</p>") {
        let f = flat(s);
        return if f.is_empty() { Vec::new() } else { vec![f] };
    }
    s.split('\t')
        .flat_map(cell_paragraphs)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A value fragment: TAB cells and `<p>` paragraphs flattened to one line,
/// spaces collapsed, no markup.
pub fn flat(s: &str) -> String {
    let parts: Vec<String> = s
        .split('\t')
        .map(clean_cell)
        .filter(|c| !c.is_empty())
        .collect();
    collapse_spaces(&parts.join(" "))
}

/// True for a line with a TAB between two pieces of content (a table row or
/// a TOC line), not merely a leading or trailing TAB.
pub fn has_inner_tab(s: &str) -> bool {
    s.trim().contains('\t')
}

pub fn has_tab(s: &str) -> bool {
    s.contains('\t')
}

/// Thai consonants and leading vowels: a line beginning with one continues
/// a wrapped heading (§2.5 "continuation lines").
pub fn starts_with_thai_letter(s: &str) -> bool {
    matches!(
        s.trim_start().chars().next(),
        Some('\u{0E01}'..='\u{0E2E}') | Some('\u{0E40}'..='\u{0E44}')
    )
}

pub fn has_letter(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic())
}

pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_and_trailing_space() {
        assert_eq!(clean_line("[image: ผลการค้นหา]2.4.2 ยกย่อง"), "2.4.2 ยกย่อง");
        assert_eq!(clean_line("ชื่อโครงการ: X  "), "ชื่อโครงการ: X");
        assert_eq!(clean_line("ชื่อเรื่อง\t"), "ชื่อเรื่อง\t");
        assert_eq!(strip_images("a[image: x"), "a");
        assert_eq!(flat("\t<p>a</p> <p>b</p>\tc\t"), "a b c");
    }
}
