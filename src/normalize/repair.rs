//! The slow path: every repair of DOCUMENTS.md §6.5, in order, on one line.
//! Phase A runs before marks are moved across lines, phase B after.

use super::chars::*;
use super::dict::dict;
use super::pua::{is_symbol_bullet, map_thai_pua};
use super::scan::Tok;
use super::tally::{Tally, K};

/// Phase A: steps 2–6 of §6.5 plus markup and space runs (done early so
/// that nothing a later step removes can leave a new repair behind).
pub fn phase_a(line: &str, t: &mut Tally) -> String {
    let mut v: Vec<char> = line.chars().collect();
    pua(&mut v, t);
    invisibles(&mut v, t);
    lookalikes(&mut v, t);
    cjk(&mut v, t);
    let mut s: String = v.iter().collect();
    let n = super::markup::strip(&mut s);
    t.add(K::Markup, n);
    let mut v: Vec<char> = s.chars().collect();
    sara_am(&mut v, t);
    collapse_spaces(&mut v, t);
    letter_runs(&mut v, t);
    space_before_mark(&mut v, t);
    v.into_iter().collect()
}

/// Phase B: steps 7–12 of §6.5.
pub fn phase_b(line: &str, pdf: bool, t: &mut Tally) -> String {
    let mut v: Vec<char> = line.chars().collect();
    reorder(&mut v, t);
    duplicates(&mut v, pdf, t);
    if pdf {
        tone_moves(&mut v, t);
    }
    tall_space(&mut v, t);
    digits(&mut v, t);
    let mut s: String = v.into_iter().collect();
    trim(&mut s, t);
    s
}

/// Only Thai digits to map (the common case in Thai-digit documents).
pub fn digits_only(line: &str, t: &mut Tally) -> String {
    let mut n = 0;
    let s = line
        .chars()
        .map(|c| {
            if is_thai_digit(c) {
                n += 1;
                (b'0' + (c as u32 - 0x0E50) as u8) as char
            } else {
                c
            }
        })
        .collect();
    t.add(K::ThaiDigits, n);
    s
}

/// At line or cell start, after spaces only.
fn at_item_start(v: &[char], i: usize) -> bool {
    v[..i].iter().rev().take_while(|&&c| c != '\t').all(|&c| c == ' ')
}

fn pua(v: &mut Vec<char>, t: &mut Tally) {
    if !v.iter().any(|&c| is_pua(c)) {
        return;
    }
    let mut out = Vec::with_capacity(v.len() + 2);
    let mut unknown: Vec<String> = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let c = v[i];
        if let Some(m) = map_thai_pua(c) {
            out.push(m);
            t.add(K::PuaGlyphs, 1);
        } else if is_symbol_bullet(c) {
            t.add(K::PuaBullets, 1);
            if at_item_start(v, i) {
                out.push('-');
                out.push(' ');
                while v.get(i + 1).is_some_and(|&c| c == ' ' || c == '\t' || is_symbol_bullet(c)) {
                    i += 1;
                }
            } else {
                out.push('•');
            }
        } else {
            if is_pua(c) {
                unknown.push(format!("U+{:04X}", c as u32));
            }
            out.push(c);
        }
        i += 1;
    }
    if !unknown.is_empty() {
        unknown.dedup();
        t.warn("unknown_pua", format!("private-use characters kept as they are: {}", unknown.join(" ")));
    }
    *v = out;
}

fn invisibles(v: &mut Vec<char>, t: &mut Tally) {
    let mut n = 0;
    let mut fffd = 0;
    v.retain_mut(|c| {
        if is_invisible(*c) {
            n += 1;
            return false;
        }
        if is_nbsp(*c) {
            n += 1;
            *c = ' ';
        }
        if *c == '\u{FFFD}' {
            fffd += 1;
        }
        true
    });
    t.add(K::InvisibleChars, n);
    if fffd > 0 {
        t.warn("replacement_char", format!("{fffd} U+FFFD replacement character(s): the source was mis-decoded here"));
    }
}

/// Lao marks on a Thai base → Thai marks; เเ → แ.
fn lookalikes(v: &mut Vec<char>, t: &mut Tally) {
    for i in 0..v.len() {
        if let Some(th) = lao_to_thai(v[i]) {
            let mut j = i;
            while j > 0 && (is_mark(v[j - 1]) || is_lao_mark(v[j - 1])) {
                j -= 1;
            }
            if j > 0 && is_consonant(v[j - 1]) {
                v[i] = th;
                t.add(K::Lookalikes, 1);
            }
        }
    }
    let mut i = 0;
    while i + 1 < v.len() {
        if v[i] == '\u{0E40}' && v[i + 1] == '\u{0E40}' {
            v[i] = '\u{0E41}';
            v.remove(i + 1);
            t.add(K::Lookalikes, 1);
        }
        i += 1;
    }
}

fn cjk(v: &mut Vec<char>, t: &mut Tally) {
    if !v.iter().any(|&c| is_cjk(c)) {
        return;
    }
    let mut out = Vec::with_capacity(v.len());
    let mut run = String::new();
    for &c in v.iter() {
        if is_cjk(c) {
            run.push(c);
        } else {
            if !run.is_empty() {
                t.add(K::ForeignScript, 1);
                t.warn("foreign_script", format!("dropped foreign-script text \"{run}\""));
                run.clear();
            }
            out.push(c);
        }
    }
    if !run.is_empty() {
        t.add(K::ForeignScript, 1);
        t.warn("foreign_script", format!("dropped foreign-script text \"{run}\""));
    }
    *v = out;
}

/// ํ (tone)? า → (tone) ำ; ำา → ำ.
fn sara_am(v: &mut Vec<char>, t: &mut Tally) {
    let mut out: Vec<char> = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        let c = v[i];
        if c == '\u{0E4D}' {
            if v.get(i + 1) == Some(&'\u{0E32}') {
                out.push('\u{0E33}');
                t.add(K::SaraAm, 1);
                i += 2;
                continue;
            }
            if v.get(i + 1).is_some_and(|&x| is_tone(x)) && v.get(i + 2) == Some(&'\u{0E32}') {
                out.push(v[i + 1]);
                out.push('\u{0E33}');
                t.add(K::SaraAm, 1);
                i += 3;
                continue;
            }
        }
        if c == '\u{0E32}' && out.last() == Some(&'\u{0E33}') {
            t.add(K::SaraAm, 1);
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    *v = out;
}

fn collapse_spaces(v: &mut Vec<char>, t: &mut Tally) {
    let mut n = 0;
    let mut prev = '\0';
    v.retain(|&c| {
        let keep = !(c == ' ' && prev == ' ');
        if !keep && prev == ' ' {
            n += 1;
        }
        prev = c;
        keep
    });
    // count runs, not removed characters
    let _ = n;
    if n > 0 {
        t.add(K::Spaces, 1);
    }
}

/// Runs of ≥4 single-cluster Thai tokens separated by single spaces, with
/// at least two bare letters among them (so a run of short words such as
/// "ที่ ไม่ ได้ ใช้" is never glued), lose their inner spaces.
fn letter_runs(v: &mut Vec<char>, t: &mut Tally) {
    // token boundaries: (start, end) of space-separated tokens within a
    // TAB-free segment; spaces between tokens are single (collapsed).
    let mut drop = vec![false; v.len()];
    let mut any = false;
    let mut seg_start = 0;
    for seg_end in v.iter().enumerate().filter(|(_, &c)| c == '\t').map(|(i, _)| i).chain(std::iter::once(v.len())) {
        let mut toks: Vec<(usize, usize, Tok)> = Vec::new();
        let mut s = seg_start;
        let mut tok = Tok::default();
        for i in seg_start..=seg_end {
            if i == seg_end || v[i] == ' ' {
                toks.push((s, i, tok));
                tok = Tok::default();
                s = i + 1;
            } else {
                tok.push(v[i]);
            }
        }
        let mut k = 0;
        while k < toks.len() {
            if !toks[k].2.single() {
                k += 1;
                continue;
            }
            let mut e = k;
            while e + 1 < toks.len() && toks[e + 1].2.single() {
                e += 1;
            }
            let len = e - k + 1;
            let bare = toks[k..=e].iter().filter(|x| x.2.bare_letter).count();
            if len >= 4 && bare >= 2 {
                for x in &toks[k..e] {
                    // the space right after token x
                    if let Some(d) = drop.get_mut(x.1) {
                        *d = true;
                        any = true;
                    }
                }
            }
            k = e + 1;
        }
        seg_start = seg_end + 1;
    }
    if any {
        let mut i = 0;
        let mut n = 0;
        v.retain(|_| {
            let d = drop[i];
            i += 1;
            n += d as u64;
            !d
        });
        t.add(K::LetterSpacing, n);
    }
}

/// "ดังนี ้" → "ดังนี้", "ก ับ" → "กับ": spaces (not TABs) before a mark.
fn space_before_mark(v: &mut Vec<char>, t: &mut Tally) {
    let mut out: Vec<char> = Vec::with_capacity(v.len());
    let mut n = 0;
    for &c in v.iter() {
        if is_mark(c) && out.last() == Some(&' ') {
            while out.last() == Some(&' ') {
                out.pop();
            }
            n += 1;
        }
        out.push(c);
    }
    t.add(K::LetterSpacing, n);
    *v = out;
}

/// Canonical order inside each mark run: vowel marks before tone marks
/// (ก้ิ → กิ้). Stable, so the relative order within each class stays.
fn reorder(v: &mut [char], t: &mut Tally) {
    let mut i = 0;
    while i < v.len() {
        if !is_mark(v[i]) {
            i += 1;
            continue;
        }
        let s = i;
        while i < v.len() && is_mark(v[i]) {
            i += 1;
        }
        let run = &mut v[s..i];
        let sorted = run.windows(2).all(|w| !(is_top_mark(w[0]) && is_vowel_mark(w[1])));
        if !sorted {
            run.sort_by_key(|&c| !is_vowel_mark(c));
            t.add(K::MarkOrder, 1);
        }
    }
}

/// Identical adjacent vowel marks collapse (ชีวิิต → ชีวิต). A doubled tone
/// in PDF output means pdf-extract lost a ู: warn, keep. Elsewhere an
/// identical doubled tone or thanthakhat collapses.
fn duplicates(v: &mut Vec<char>, pdf: bool, t: &mut Tally) {
    let mut out: Vec<char> = Vec::with_capacity(v.len());
    let mut lost = 0;
    for &c in v.iter() {
        if let Some(&p) = out.last() {
            if is_mark(c) && is_mark(p) {
                if c == p && is_vowel_mark(c) {
                    t.add(K::DuplicateMarks, 1);
                    continue;
                }
                if is_tone(c) && is_tone(p) {
                    if pdf {
                        lost += 1;
                    } else if c == p {
                        t.add(K::DuplicateMarks, 1);
                        continue;
                    }
                } else if c == p {
                    t.add(K::DuplicateMarks, 1);
                    continue;
                }
            }
        }
        out.push(c);
    }
    if lost > 0 {
        t.warn(
            "lost_vowel",
            format!("{lost} doubled tone mark(s): the extractor probably lost a vowel (ู); text kept as extracted"),
        );
    }
    *v = out;
}

/// Bounds of the Thai word run containing `i`.
fn thai_run(v: &[char], i: usize) -> (usize, usize) {
    let mut s = i;
    while s > 0 && is_thai_word_char(v[s - 1]) {
        s -= 1;
    }
    let mut e = i;
    while e < v.len() && is_thai_word_char(v[e]) {
        e += 1;
    }
    (s, e)
}

/// pdftotext puts a tone after the next consonant (ทัง้ → ทั้ง, ขึน้ → ขึ้น,
/// ขนั้ → ขั้น, ชีวั้ด → ชี้วัด). Move it back only when the word list reads
/// the moved form as a word and does not read the original as one
/// (มีส่วน stays).
fn tone_moves(v: &mut Vec<char>, t: &mut Tally) {
    let d = dict();
    let mut i2 = 1;
    while i2 < v.len() {
        let c2 = v[i2];
        if !(is_consonant(c2) || is_leading_vowel(c2)) {
            i2 += 1;
            continue;
        }
        // M2: marks after C2
        let mut m2e = i2 + 1;
        while m2e < v.len() && is_mark(v[m2e]) {
            m2e += 1;
        }
        let m2 = &v[i2 + 1..m2e];
        if m2.is_empty() || !m2.iter().any(|&c| is_tone(c)) {
            i2 += 1;
            continue;
        }
        // C1 + M1 before C2
        let mut i1 = i2;
        while i1 > 0 && is_mark(v[i1 - 1]) {
            i1 -= 1;
        }
        if i1 == 0 || !is_consonant(v[i1 - 1]) {
            i2 = m2e;
            continue;
        }
        i1 -= 1;
        let m1 = &v[i1 + 1..i2];
        let m1_upper = m1.iter().any(|&c| is_upper_vowel(c)) && !m1.iter().any(|&c| is_top_mark(c));
        let moving: Vec<char>;
        let keep: Vec<char>;
        if m1_upper {
            // variant a: only the tones move
            moving = m2.iter().copied().filter(|&c| is_tone(c)).collect();
            keep = m2.iter().copied().filter(|&c| !is_tone(c)).collect();
        } else if m1.is_empty() && is_consonant(c2) && m2.len() == 2 && is_upper_vowel(m2[0]) && is_tone(m2[1]) {
            // variant b: vowel and tone both went past C2
            moving = m2.to_vec();
            keep = Vec::new();
        } else {
            i2 = m2e;
            continue;
        }
        let (rs, re) = thai_run(v, i1);
        let mut moved: Vec<char> = Vec::with_capacity(re - rs);
        moved.extend_from_slice(&v[rs..i2]);
        moved.extend_from_slice(&moving);
        moved.push(c2);
        moved.extend_from_slice(&keep);
        moved.extend_from_slice(&v[m2e..re]);
        let li1 = i1 - rs;
        let li2 = i2 - rs;
        let good = d.covers(&moved, li1, li2 + moving.len());
        let veto = d.covers(&v[rs..re], li2, m2e - rs);
        if good && !veto {
            v.splice(rs..re, moved);
            t.add(K::MarkOrder, 1);
        } else if !veto && moving.len() == 1 {
            t.add(K::MarkOrderUnconfirmed, 1);
        }
        i2 = m2e;
    }
}

/// ป ฝ ฟ ฬ + upper mark + space + Thai letter (ป้ องกัน, เป็ น, ปั ตตานี): the
/// space goes when the word list reads a word across it and does not read
/// a word ending before it and another starting after it.
fn tall_space(v: &mut Vec<char>, t: &mut Tally) {
    let d = dict();
    let mut i = 0;
    while i < v.len() {
        if !matches!(v[i], '\u{0E1B}' | '\u{0E1D}' | '\u{0E1F}' | '\u{0E2C}') {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < v.len() && (is_upper_vowel(v[j]) || is_top_mark(v[j])) {
            j += 1;
        }
        if j == i + 1 || v.get(j) != Some(&' ') || !v.get(j + 1).is_some_and(|&c| is_thai_letter(c)) {
            i = j;
            continue;
        }
        let (rs, _) = thai_run(v, i);
        let (_, re) = thai_run(v, j + 1);
        let mut joined: Vec<char> = Vec::with_capacity(re - rs);
        joined.extend_from_slice(&v[rs..j]);
        joined.extend_from_slice(&v[j + 1..re]);
        let good = d.covers(&joined, i - rs, j + 1 - rs);
        let veto = d.ends_at(&v[rs..j], i - rs, j - rs) && d.starts_at(&v[j + 1..re], 0);
        if good && !veto {
            v.remove(j);
            t.add(K::LetterSpacing, 1);
        }
        i = j;
    }
}

fn digits(v: &mut [char], t: &mut Tally) {
    let mut n = 0;
    for c in v.iter_mut() {
        if is_thai_digit(*c) {
            *c = (b'0' + (*c as u32 - 0x0E50) as u8) as char;
            n += 1;
        }
    }
    t.add(K::ThaiDigits, n);
}

/// Trailing spaces go, trailing TABs stay (empty last cells);
/// whitespace-only lines become empty.
fn trim(s: &mut String, t: &mut Tally) {
    if s.chars().all(|c| c == ' ' || c == '\t') {
        if !s.is_empty() {
            s.clear();
            t.add(K::Spaces, 1);
        }
        return;
    }
    let keep = s.trim_end_matches(' ').len();
    if keep < s.len() {
        s.truncate(keep);
        t.add(K::Spaces, 1);
    }
}
