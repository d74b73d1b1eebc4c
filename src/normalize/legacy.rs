//! Legacy font damage in text dumps (issue 12, class 9): text copied out of
//! documents set in pre-Unicode Thai fonts. Three kinds, each decided for
//! the whole document first, so that clean text is never touched:
//!
//! - **Windows-1252 stand-ins.** Such fonts keep their positional glyphs
//!   (tone marks lowered or shifted left, upper vowels shifted left) at bytes
//!   0x81–0x9B, in the order of the Windows PUA block U+F700–U+F71A (byte
//!   0x81 = U+F700, so ‹ 0x8B = ่ lowered, Œ 0x8C = ้ lowered); a dump
//!   decoded as Windows-1252 shows ‹ Œ ‡ Š …. Mapped through the PUA table
//!   of DOCUMENTS.md §6.2 (`pua.rs`). Counter `legacy_glyphs`.
//! - **Lost sara am.** The nikhahit of ำ is lost: ตำบล → ตาบล, อำเภอ → อาเภอ.
//!   Repaired only for the words of [`SARA_AM_WORDS`], whose damaged form is
//!   no Thai word, and only in a document that shows the damage. Counter
//!   `lost_sara_am`.
//! - **A page number glued before a heading** ("1 ส่วนที่ 1 บทนำ"): the
//!   number is dropped. Counter `page_numbers`.

use crate::model::NormalizationCounts;
use regex::Regex;
use std::sync::OnceLock;

/// Words with ำ whose damaged form (every ำ written า) is no Thai word, so
/// a match of the damaged form can only be the damage. A new word is one
/// line. Province names with ำ are here too (a closed list of 77).
pub const SARA_AM_WORDS: &[&str] = &[
    "ตำบล",
    "อำเภอ",
    "บทนำ",
    "คำนำ",
    "ดำเนิน",
    "จำนวน",
    "กำหนด",
    "สำนัก",
    "สำหรับ",
    "ประจำ",
    "จัดทำ",
    "คำสั่ง",
    "คำร้อง",
    "คำชี้แจง",
    "คำขวัญ",
    "คำนึง",
    "สำคัญ",
    "สำเร็จ",
    "สำเนา",
    "สำรวจ",
    "สำรอง",
    "ตำแหน่ง",
    "อำนาจ",
    "อำนวย",
    "กำกับ",
    "ลำดับ",
    "จำเป็น",
    "จำกัด",
    "จำหน่าย",
    "ดำรง",
    "แนะนำ",
    "คำแนะนำ",
    "กำลัง",
    "ทำงาน",
    "ทำเนียบ",
    "ชำนาญ",
    "ตำรวจ",
    "บำรุง",
    "ชำรุด",
    "กำจัด",
    "นำเสนอ",
    "ลำปาง",
    "ลำพูน",
    "กำแพงเพชร",
    "อำนาจเจริญ",
];

/// The legacy byte a Windows-1252 decoder turned into `c`; bytes that
/// Windows-1252 leaves undefined come through as C1 controls. `strong`:
/// the character never stands next to Thai letters in clean text (not a
/// quote, dash, bullet or ellipsis).
fn legacy_byte(c: char) -> Option<(u8, bool)> {
    let b = match c {
        '\u{201A}' => (0x82, true),  // ‚
        '\u{0192}' => (0x83, true),  // ƒ
        '\u{201E}' => (0x84, true),  // „
        '\u{2026}' => (0x85, false), // …
        '\u{2020}' => (0x86, true),  // †
        '\u{2021}' => (0x87, true),  // ‡
        '\u{02C6}' => (0x88, true),  // ˆ
        '\u{2030}' => (0x89, true),  // ‰
        '\u{0160}' => (0x8A, true),  // Š
        '\u{2039}' => (0x8B, true),  // ‹
        '\u{0152}' => (0x8C, true),  // Œ
        '\u{017D}' => (0x8E, true),  // Ž
        '\u{2018}' => (0x91, false), // ‘
        '\u{2019}' => (0x92, false), // ’
        '\u{201C}' => (0x93, false), // “
        '\u{201D}' => (0x94, false), // ”
        '\u{2022}' => (0x95, false), // •
        '\u{2013}' => (0x96, false), // –
        '\u{2014}' => (0x97, false), // —
        '\u{02DC}' => (0x98, true),  // ˜
        '\u{2122}' => (0x99, true),  // ™
        '\u{0161}' => (0x9A, true),  // š
        '\u{203A}' => (0x9B, true),  // ›
        c if (0x81..=0x9B).contains(&(c as u32)) => (c as u32 as u8, true),
        _ => return None,
    };
    Some(b)
}

/// The Thai mark or letter of a legacy byte 0x81–0x9B.
fn legacy_thai(b: u8) -> Option<char> {
    if !(0x81..=0x9B).contains(&b) {
        return None;
    }
    super::pua::map_thai_pua(char::from_u32(0xF700 + (b - 0x81) as u32)?)
}

fn is_thai(c: char) -> bool {
    ('\u{0E01}'..='\u{0E4F}').contains(&c)
}

/// Strong stand-ins right after a Thai character: the document's evidence.
fn stand_in_evidence(line: &str) -> usize {
    let mut n = 0;
    let mut prev = ' ';
    for c in line.chars() {
        if is_thai(prev) && legacy_byte(c).is_some_and(|(_, strong)| strong) {
            n += 1;
        }
        prev = c;
    }
    n
}

fn map_stand_ins(line: &str, count: &mut u64) -> Option<String> {
    // Mapped in place and repeated until nothing changes: a stand-in is
    // judged by its neighbours as they are after mapping (a run of two
    // stand-ins after a letter, "ญ\u{8d}\u{90}"), so that normalising the
    // output again changes nothing (the fuzz target `normalize` checks it).
    // Each round only turns stand-ins into Thai, so it ends.
    let mut chars: Vec<char> = line.chars().collect();
    let mut changed = false;
    loop {
        let mut round = false;
        for i in 0..chars.len() {
            let c = chars[i];
            let prev = if i > 0 { chars[i - 1] } else { ' ' };
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            let mapped = legacy_byte(c).and_then(|(b, strong)| {
                // a weak one (quote, dash …) only inside a Thai word
                let ok = is_thai(prev) && (strong || is_thai(next));
                ok.then(|| legacy_thai(b)).flatten()
            });
            if let Some(t) = mapped {
                chars[i] = t;
                *count += 1;
                round = true;
            }
        }
        if !round {
            break;
        }
        changed = true;
    }
    changed.then(|| chars.into_iter().collect())
}

/// The damaged forms as one regex (longest first: คาแนะนา before แนะนา)
/// and the word each stands for.
fn damaged() -> &'static (Regex, std::collections::HashMap<String, &'static str>) {
    static R: OnceLock<(Regex, std::collections::HashMap<String, &'static str>)> = OnceLock::new();
    R.get_or_init(|| {
        let map: std::collections::HashMap<String, &'static str> = SARA_AM_WORDS
            .iter()
            .map(|w| (w.replace('ำ', "า"), *w))
            .collect();
        let mut forms: Vec<&String> = map.keys().collect();
        forms.sort_by_key(|f| (std::cmp::Reverse(f.chars().count()), (*f).clone()));
        let alt: Vec<String> = forms.iter().map(|f| regex::escape(f)).collect();
        (
            Regex::new(&alt.join("|")).expect("sara am forms compile"),
            map,
        )
    })
}

fn damaged_re() -> &'static Regex {
    &damaged().0
}

fn glued_page_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        // a page number (1–3 digits, either system) then a part, chapter or
        // dimension heading (with the dimension word's known misspellings)
        Regex::new(r"^\s*[0-9๐-๙]{1,3}\s+(?:ส่วนที่|บทที่|(?:มิติ|มติ|มิตี)ที่)\s*[0-9๐-๙]")
            .expect("glued page regex compiles")
    })
}

/// Strip a page number glued before a heading; None when there is none.
fn unglue_page_number(line: &str) -> Option<String> {
    let m = glued_page_re().find(line)?;
    let s = m.as_str();
    let digits_end = s
        .char_indices()
        .find(|(_, c)| !(c.is_whitespace() || c.is_ascii_digit() || ('๐'..='๙').contains(c)))
        .map(|(i, _)| i)?;
    Some(line[digits_end..].to_string())
}

/// Repair the legacy damage of a whole document. Returns the repaired lines
/// (as many as given) or None when nothing applies; adds its counters.
pub fn repair<S: AsRef<str>>(lines: &[S], counts: &mut NormalizationCounts) -> Option<Vec<String>> {
    // Document-level decisions. Measured on the shared corpus: no strong
    // stand-in after a Thai letter, 1,5xx+ ำ in each plan.
    let evidence: usize = lines.iter().map(|l| stand_in_evidence(l.as_ref())).sum();
    let stand_ins = evidence >= 3;
    let am_total: usize = lines.iter().map(|l| l.as_ref().matches('ำ').count()).sum();
    let lost_am = am_total < 50 && {
        let hits: usize = lines
            .iter()
            .map(|l| damaged_re().find_iter(l.as_ref()).count())
            .sum();
        hits >= 2 && hits > 3 * am_total
    };
    let mut changed = false;
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let (mut n_glyphs, mut n_am, mut n_pages) = (0u64, 0u64, 0u64);
    for l in lines {
        let mut s: std::borrow::Cow<str> = std::borrow::Cow::Borrowed(l.as_ref());
        if stand_ins {
            if let Some(m) = map_stand_ins(&s, &mut n_glyphs) {
                s = m.into();
            }
        }
        if lost_am && damaged_re().is_match(&s) {
            let r = damaged_re().replace_all(&s, |c: &regex::Captures| {
                n_am += 1;
                damaged().1.get(&c[0]).copied().unwrap_or("").to_string()
            });
            s = r.into_owned().into();
        }
        if let Some(u) = unglue_page_number(&s) {
            n_pages += 1;
            s = u.into();
        }
        if let std::borrow::Cow::Owned(o) = s {
            changed = true;
            out.push(o);
        } else {
            out.push(l.as_ref().to_string());
        }
    }
    for (k, v) in [
        ("legacy_glyphs", n_glyphs),
        ("lost_sara_am", n_am),
        ("page_numbers", n_pages),
    ] {
        if v > 0 {
            *counts.entry(k.to_string()).or_insert(0) += v;
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_in_table_follows_the_pua_layout() {
        // the issue's two examples
        assert_eq!(legacy_thai(0x8B), Some('\u{0E48}'));
        assert_eq!(legacy_thai(0x8C), Some('\u{0E49}'));
        assert_eq!(legacy_thai(0x81), Some('\u{0E10}'));
        assert_eq!(legacy_thai(0x9A), Some('\u{0E39}'));
    }

    #[test]
    fn every_word_has_sara_am_and_distinct_damaged_forms() {
        for w in SARA_AM_WORDS {
            assert!(w.contains('ำ'), "{w}");
        }
        assert_eq!(damaged().1.len(), SARA_AM_WORDS.len());
    }

    #[test]
    fn repairs_only_a_damaged_document() {
        let dmg = ["องค์การบริหารส่วนตาบลนาดี", "อาเภอเมืองลาปาง", "สาหรับประชาชน"];
        let mut c = NormalizationCounts::new();
        let r = repair(&dmg, &mut c).expect("repaired");
        assert_eq!(
            r,
            ["องค์การบริหารส่วนตำบลนาดี", "อำเภอเมืองลำปาง", "สำหรับประชาชน"]
        );
        assert_eq!(c.get("lost_sara_am"), Some(&4));
        // the same words next to intact ones: a clean document, left alone
        let mut clean: Vec<String> = (0..60).map(|_| "ตำบล".to_string()).collect();
        clean.push("สาหรับ".into());
        clean.push("ตาบล".into());
        assert!(repair(&clean, &mut NormalizationCounts::new()).is_none());
    }
}
