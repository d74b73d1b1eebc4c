//! The small embedded word list (`words_th.txt`) that confirms the
//! dictionary-checked repairs. Look-ups are by exact substring.

use std::collections::HashSet;
use std::sync::OnceLock;

pub struct Dict {
    words: HashSet<&'static str>,
    /// Longest word, in chars.
    max_len: usize,
}

static WORDS: &str = include_str!("words_th.txt");

pub fn dict() -> &'static Dict {
    static D: OnceLock<Dict> = OnceLock::new();
    D.get_or_init(|| {
        let words: HashSet<&'static str> =
            WORDS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        let max_len = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        Dict { words, max_len }
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
            && text.get(start - 1).is_some_and(|&c| super::chars::is_thai_word_char(c))
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
            if !text[a..end].iter().all(|&c| super::chars::is_thai_word_char(c)) {
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
        }
        false
    }
}
