//! Fast detection: one pass over a line that says whether any repair could
//! apply. Clean lines (most of a text dump) are copied untouched. The scan is
//! conservative: when in doubt it sends the line to the slow path, which
//! makes the real decision (tests check both paths agree).

use super::chars::*;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// Phase A (encoding-level repairs, spacing, markup) may apply.
    pub a: bool,
    /// Phase B (mark order, duplicates, dictionary repairs, trimming) may apply.
    pub b: bool,
    /// Thai digits present.
    pub digits: bool,
}

/// Incremental classifier of a space-separated token for the letter-spacing
/// repair: how many clusters (a leading vowel joins the letter after it;
/// marks that open a token attach to the previous token and count 0).
#[derive(Debug, Clone, Copy, Default)]
pub struct Tok {
    pub clusters: u8,
    pub chars: u8,
    pub marks: bool,
    pub lead: bool,
    pub foreign: bool,
    pub bare_letter: bool,
}

impl Tok {
    #[inline]
    pub fn push(&mut self, c: char) {
        self.chars = self.chars.saturating_add(1);
        if is_mark(c) || is_lao_mark(c) {
            self.marks = true;
        } else if is_leading_vowel(c) {
            if !self.lead {
                self.clusters = self.clusters.saturating_add(1);
            }
            self.lead = true;
        } else if is_thai_letter(c) {
            if self.lead {
                self.lead = false;
            } else {
                self.clusters = self.clusters.saturating_add(1);
            }
        } else {
            self.foreign = true;
        }
        self.bare_letter = self.chars == 1 && !self.marks && is_thai_letter(c) && !is_leading_vowel(c);
    }

    /// One cluster or a bare run of marks.
    #[inline]
    pub fn single(&self) -> bool {
        !self.foreign && self.chars > 0 && self.clusters <= 1
    }
}

pub fn scan(line: &str, pdf: bool) -> Flags {
    let mut f = Flags::default();
    let mut prev = '\n';
    let mut prev2 = '\n';
    let mut tok = Tok::default();
    let mut run = 0u32;
    let mut only_ws = true;
    let mut prev3 = '\n';
    // ป ฝ ฟ ฬ + upper marks + space + Thai letter: 1 tall, 2 +marks, 3 +space
    let mut tall = 0u8;
    let mut maybe_markup = false;
    for c in line.chars() {
        let cu = c as u32;
        if cu < 0x80 {
            tall = if c == ' ' && tall == 2 { 3 } else { 0 };
            match c {
                ' ' => {
                    if prev == ' ' {
                        f.a = true;
                    }
                    if tok.single() {
                        run += 1;
                        if run >= 3 {
                            f.a = true;
                        }
                    } else {
                        run = 0;
                    }
                    tok = Tok::default();
                }
                '\t' => {
                    run = 0;
                    tok = Tok::default();
                }
                '*' if prev == '*' => f.a = true,
                '[' | '<' => maybe_markup = true,
                _ => {
                    tok.foreign = true;
                    tok.chars = tok.chars.saturating_add(1);
                }
            }
            if c != ' ' && c != '\t' {
                only_ws = false;
            }
        } else {
            only_ws = false;
            if (0x0E00..=0x0E7F).contains(&cu) {
                tok.push(c);
                if is_mark(c) {
                    if prev == ' ' || prev == '\n' {
                        f.a = true;
                    }
                    if c == '\u{0E4D}' {
                        f.a = true;
                    }
                    if is_mark(prev)
                        && (c == prev || (is_top_mark(prev) && is_vowel_mark(c)) || (is_tone(prev) && is_tone(c)))
                    {
                        f.b = true; // reordering, duplicates, stacked tones
                    }
                    if pdf && is_tone(c) {
                        let cvct = (is_consonant(prev) || is_leading_vowel(prev)) && is_upper_vowel(prev2);
                        let cvcvt = is_vowel_mark(prev) && is_consonant(prev2) && is_upper_vowel(prev3);
                        let ccvt = is_upper_vowel(prev) && is_consonant(prev2) && is_consonant(prev3);
                        if cvct || cvcvt || ccvt {
                            f.b = true;
                        }
                    }
                    if tall == 1 || tall == 2 {
                        tall = if is_upper_vowel(c) || is_top_mark(c) { 2 } else { 0 };
                    }
                } else if is_thai_digit(c) {
                    f.digits = true;
                } else if c == '\u{0E32}' && prev == '\u{0E33}' {
                    f.a = true;
                } else if c == '\u{0E40}' && prev == '\u{0E40}' {
                    f.a = true;
                }
                if !is_mark(c) {
                    if tall == 3 && is_thai_letter(c) {
                        f.b = true;
                    }
                    tall = if matches!(c, '\u{0E1B}' | '\u{0E1D}' | '\u{0E1F}' | '\u{0E2C}') { 1 } else { 0 };
                }
            } else if (0x0E80..=0x0EFF).contains(&cu) {
                f.a = true; // Lao look-alikes
                tok.push(c);
            } else if is_pua(c) || is_invisible(c) || is_nbsp(c) || c == '\u{FFFD}' || is_cjk(c) {
                f.a = true;
            } else {
                tok.foreign = true;
                tok.chars = tok.chars.saturating_add(1);
            }
            if !(0x0E00..=0x0E7F).contains(&cu) {
                tall = 0;
            }
        }
        prev3 = prev2;
        prev2 = prev;
        prev = c;
    }
    if maybe_markup && super::markup::has_markup(line) {
        f.a = true;
    }
    if prev == ' ' || (only_ws && !line.is_empty()) {
        f.b = true;
    }
    f
}
