//! Fast detection: one pass over a line that says which repairs could
//! apply. Clean lines (most of a text dump) are copied untouched; lines that
//! only need space collapsing, trimming or digit mapping take a cheap
//! one-pass route. The scan is conservative: when in doubt it sends the line
//! to the slow path, which makes the real decision (unit tests check that
//! both routes agree).

use super::chars::*;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    /// Phase A (encoding-level repairs, letter spacing, markup) may apply.
    pub a: bool,
    /// Phase B (mark order, duplicates, dictionary repairs) may apply.
    pub b: bool,
    /// Runs of spaces to collapse.
    pub spaces: bool,
    /// Trailing spaces or a whitespace-only line.
    pub trim: bool,
    /// Thai digits present.
    pub digits: bool,
}

impl Flags {
    /// Only the cheap repairs (spaces, trimming, digits) are needed.
    pub fn cheap(&self) -> bool {
        !self.a && !self.b && (self.spaces || self.trim || self.digits)
    }
}

// Class bits for U+0E00–U+0E7F.
const CONS: u16 = 1;
const MARK: u16 = 2;
const VMARK: u16 = 4;
const UPPER: u16 = 8;
const TONE: u16 = 16;
const TOP: u16 = 32;
const LEAD: u16 = 64;
const LETTER: u16 = 128;
const DIGIT: u16 = 256;
const TALL: u16 = 512;
// pseudo-classes for the previous characters
const SPACE: u16 = 1024;
const START: u16 = 2048;

const fn class_of(cp: u32) -> u16 {
    let mut k = 0;
    if cp >= 0x0E01 && cp <= 0x0E2E {
        k |= CONS | LETTER;
    }
    if cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || (cp >= 0x0E47 && cp <= 0x0E4E) {
        k |= MARK;
    }
    if cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) || cp == 0x0E47 {
        k |= VMARK;
    }
    if cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E37) || cp == 0x0E47 {
        k |= UPPER;
    }
    if cp >= 0x0E48 && cp <= 0x0E4B {
        k |= TONE;
    }
    if cp >= 0x0E48 && cp <= 0x0E4E {
        k |= TOP;
    }
    if cp >= 0x0E40 && cp <= 0x0E44 {
        k |= LEAD;
    }
    if cp == 0x0E30 || cp == 0x0E32 || cp == 0x0E33 || (cp >= 0x0E40 && cp <= 0x0E45) {
        k |= LETTER;
    }
    if cp >= 0x0E50 && cp <= 0x0E59 {
        k |= DIGIT;
    }
    if cp == 0x0E1B || cp == 0x0E1D || cp == 0x0E1F || cp == 0x0E2C {
        k |= TALL;
    }
    k
}

static CLASS: [u16; 128] = {
    let mut t = [0u16; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = class_of(0x0E00 + i as u32);
        i += 1;
    }
    t
};

#[inline(always)]
fn thai_class(c: char) -> u16 {
    let i = (c as u32).wrapping_sub(0x0E00);
    if i < 128 {
        CLASS[i as usize]
    } else {
        0
    }
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
    #[inline(always)]
    pub fn push(&mut self, c: char) {
        self.chars = self.chars.saturating_add(1);
        let k = thai_class(c);
        let letter = k & LETTER != 0 && k & LEAD == 0;
        if k & MARK != 0 || is_lao_mark(c) {
            self.marks = true;
        } else if k & LEAD != 0 {
            if !self.lead {
                self.clusters = self.clusters.saturating_add(1);
            }
            self.lead = true;
        } else if letter {
            if self.lead {
                self.lead = false;
            } else {
                self.clusters = self.clusters.saturating_add(1);
            }
        } else {
            self.foreign = true;
        }
        self.bare_letter = self.chars == 1 && letter;
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
    let (mut k1, mut k2, mut k3) = (START, START, START); // classes of the last three chars
    let mut tok = Tok::default();
    let mut run = 0u32;
    let mut only_ws = true;
    // ป ฝ ฟ ฬ + upper marks + space(s) + Thai letter: 1 tall, 2 +marks, 3 +space
    let mut tall = 0u8;
    let mut maybe_markup = false;
    for c in line.chars() {
        let k;
        if c.is_ascii() {
            match c {
                ' ' => {
                    k = SPACE;
                    if k1 == SPACE {
                        f.spaces = true;
                    } else if tok.single() {
                        run += 1;
                        if run >= 2 {
                            f.a = true;
                        }
                    } else {
                        run = 0;
                    }
                    tok = Tok::default();
                    tall = if tall >= 2 { 3 } else { 0 };
                }
                '\t' => {
                    k = 0;
                    run = 0;
                    tok = Tok::default();
                    tall = 0;
                }
                _ => {
                    k = 0;
                    only_ws = false;
                    tall = 0;
                    match c {
                        '*' if prev == '*' => f.a = true,
                        '[' | '<' => maybe_markup = true,
                        _ => {}
                    }
                    tok.foreign = true;
                    tok.chars = tok.chars.saturating_add(1);
                }
            }
        } else {
            only_ws = false;
            k = thai_class(c);
            let cu = c as u32;
            if (0x0E00..0x0E80).contains(&cu) {
                tok.push(c);
                if k & MARK != 0 {
                    if k1 & (SPACE | START) != 0 || cu == 0x0E4D {
                        f.a = true;
                    }
                    if k1 & MARK != 0
                        && (c == prev
                            || (k1 & TOP != 0 && k & VMARK != 0)
                            || (k1 & TONE != 0 && k & TONE != 0))
                    {
                        f.b = true; // reordering, duplicates, stacked tones
                    }
                    if pdf {
                        if k & UPPER != 0 && k1 & CONS != 0 && k2 & SPACE != 0 && k3 & TONE != 0 {
                            f.b = true; // "ช่ อื": vowel pushed past a space
                        }
                        if k & TONE != 0 {
                            let cvct = k1 & (CONS | LEAD) != 0 && k2 & UPPER != 0;
                            let cvcvt = k1 & VMARK != 0 && k2 & CONS != 0 && k3 & UPPER != 0;
                            let ccvt = k1 & UPPER != 0 && k2 & CONS != 0 && k3 & CONS != 0;
                            if cvct || cvcvt || ccvt {
                                f.b = true;
                            }
                        }
                    }
                    if tall == 1 || tall == 2 {
                        tall = if k & (UPPER | TOP) != 0 { 2 } else { 0 };
                    }
                } else {
                    if k & DIGIT != 0 {
                        f.digits = true;
                    } else if (cu == 0x0E32 && prev == '\u{0E33}')
                        || (cu == 0x0E40 && prev == '\u{0E40}')
                    {
                        f.a = true;
                    }
                    if tall == 3 && k & LETTER != 0 {
                        f.b = true;
                    }
                    tall = if k & TALL != 0 { 1 } else { 0 };
                }
            } else {
                tall = 0;
                if (0x0E80..=0x0EFF).contains(&cu) {
                    f.a = true; // Lao look-alikes
                    tok.push(c);
                } else if is_pua(c) || is_invisible(c) || is_nbsp(c) || c == '\u{FFFD}' || is_cjk(c)
                {
                    f.a = true;
                } else {
                    tok.foreign = true;
                    tok.chars = tok.chars.saturating_add(1);
                }
            }
        }
        k3 = k2;
        k2 = k1;
        k1 = k;
        prev = c;
    }
    if maybe_markup && super::markup::has_markup(line) {
        f.a = true;
    }
    if prev == ' ' || (only_ws && !line.is_empty()) {
        f.trim = true;
    }
    f
}
