//! The small embedded word list (`words_th.txt`) that confirms the
//! dictionary-checked repairs. Look-ups are by exact substring.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: look-up keys are a few dozen bytes, SipHash is overkill here.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Set = HashSet<&'static str, BuildHasherDefault<Fnv>>;

pub struct Dict {
    words: Set,
    /// Every proper prefix of a word: a look-up stops growing a candidate
    /// as soon as it is no prefix.
    prefixes: Set,
    /// Longest word, in chars.
    max_len: usize,
}

static WORDS: &str = include_str!("words_th.txt");

pub fn dict() -> &'static Dict {
    static D: OnceLock<Dict> = OnceLock::new();
    D.get_or_init(|| {
        let words: Set = WORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let prefixes: Set = words
            .iter()
            .flat_map(|w| w.char_indices().skip(1).map(move |(i, _)| &w[..i]))
            .collect();
        let max_len = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        Dict {
            words,
            prefixes,
            max_len,
        }
    })
}

impl Dict {
    /// True when some word equals `text[a..b]` with `a <= lo` and `b >= hi`,
    /// staying inside the run of Thai word characters around `lo`.
    pub fn covers(&self, text: &[char], lo: usize, hi: usize) -> bool {
        if lo >= text.len() || hi <= lo || hi > text.len() {
            return false;
        }
        let mut start = lo;
        while start > 0
            && lo - start < self.max_len
            && text
                .get(start - 1)
                .is_some_and(|&c| super::chars::is_thai_word_char(c))
        {
            start -= 1;
        }
        let mut buf = String::with_capacity(self.max_len * 3);
        for a in start..=lo {
            buf.clear();
            for (b, &c) in text.iter().enumerate().skip(a) {
                if !super::chars::is_thai_word_char(c) || b - a >= self.max_len {
                    break;
                }
                buf.push(c);
                if b + 1 >= hi && self.words.contains(buf.as_str()) {
                    return true;
                }
                if !self.prefixes.contains(buf.as_str()) {
                    break;
                }
            }
        }
        false
    }

    /// True when some word ends exactly at `end` (exclusive) and starts at or
    /// before `lo`.
    pub fn ends_at(&self, text: &[char], lo: usize, end: usize) -> bool {
        if end > text.len() || lo >= end {
            return false;
        }
        let mut buf = String::with_capacity(self.max_len * 3);
        let first = end.saturating_sub(self.max_len);
        for a in (first..=lo).rev() {
            if !text[a..end]
                .iter()
                .all(|&c| super::chars::is_thai_word_char(c))
            {
                break;
            }
            buf.clear();
            buf.extend(&text[a..end]);
            if self.words.contains(buf.as_str()) {
                return true;
            }
        }
        false
    }

    /// True when some word starts exactly at `start`.
    pub fn starts_at(&self, text: &[char], start: usize) -> bool {
        let mut buf = String::with_capacity(self.max_len * 3);
        for (b, &c) in text.iter().enumerate().skip(start) {
            if !super::chars::is_thai_word_char(c) || b - start >= self.max_len {
                break;
            }
            buf.push(c);
            if self.words.contains(buf.as_str()) {
                return true;
            }
            if !self.prefixes.contains(buf.as_str()) {
                break;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_list_is_clean_thai() {
        let d = dict();
        assert!(d.words.len() > 300);
        for w in &d.words {
            assert!(
                w.chars().all(|c| ('\u{0E01}'..='\u{0E4E}').contains(&c)),
                "not plain Thai: {w:?}"
            );
            // typing order: no tone before a vowel mark, no decomposed sara am
            let v: Vec<char> = w.chars().collect();
            for p in v.windows(2) {
                assert!(
                    !(crate::thai::is_top_mark(p[0]) && crate::thai::is_vowel_mark(p[1])),
                    "{w}"
                );
                assert!(!(p[0] == '\u{0E4D}' && p[1] == '\u{0E32}'), "{w}");
            }
        }
        assert!(d.words.contains("ทั้ง") && d.words.contains("ส่วน") && !d.words.contains("มี่"));
    }

    #[test]
    fn covers_and_prefix_pruning() {
        let d = dict();
        let t: Vec<char> = "รวมทั้งสิ้น".chars().collect();
        assert!(d.covers(&t, 3, 7)); // ทั้ง
        assert!(d.covers(&t, 5, 8)); // inside ทั้งสิ้น
        let t: Vec<char> = "การมี่สวน".chars().collect();
        assert!(!d.covers(&t, 3, 6));
        let t: Vec<char> = "เป็น".chars().collect();
        assert!(d.starts_at(&t, 0) && d.ends_at(&t, 0, 4));
    }
}
