//! The slow path: every repair of docs/grammar.md §6.5, in order, on one line.
//! Phase A runs before marks are moved across lines, phase B after.

use super::chars::*;
use super::dict::dict;
use super::pua::{is_symbol_bullet, map_thai_pua};
use super::scan::Tok;
use super::tally::{Tally, K};
use crate::model::WarningCode;

/// Phase A: steps 2–6 of §6.5 plus markup and space runs (done early so
/// that nothing a later step removes can leave a new repair behind).
pub fn phase_a(line: &str, t: &mut Tally) -> String {
    let mut v: Vec<char> = line.chars().collect();
    pua(&mut v, t);
    invisibles(&mut v, t);
    cjk(&mut v, t);
    let mut s: String = v.iter().collect();
    let n = super::markup::strip(&mut s);
    t.add(K::Markup, n);
    let mut v: Vec<char> = s.chars().collect();
    collapse_spaces(&mut v, t);
    letter_runs(&mut v, t);
    space_before_mark(&mut v, t);
    lookalikes(&mut v, t);
    sara_am(&mut v, t);
    v.into_iter().collect()
}

/// Phase B: steps 7–12 of §6.5.
pub fn phase_b(line: &str, pdf: bool, t: &mut Tally) -> String {
    let mut v: Vec<char> = line.chars().collect();
    reorder(&mut v, t);
    duplicates(&mut v, pdf, t);
    if pdf {
        tone_moves(&mut v, t);
        split_vowel_moves(&mut v, t);
    }
    tall_space(&mut v, t);
    digits(&mut v, t);
    let mut s: String = v.into_iter().collect();
    trim(&mut s, t);
    s
}

/// The cheap route, one pass: collapse space runs, map Thai digits, strip
/// trailing spaces (what most lines of a text dump need, if anything).
pub fn cheap(line: &str, t: &mut Tally) -> String {
    // Byte level: Thai digits are E0 B9 90..99 in UTF-8 and every other
    // byte is copied in slices, so the result stays valid UTF-8.
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let (mut digits, mut runs) = (0, 0);
    let mut start = 0; // first byte not yet copied
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0xE0 if i + 2 < b.len() && b[i + 1] == 0xB9 && (0x90..=0x99).contains(&b[i + 2]) => {
                out.push_str(&line[start..i]);
                out.push((b'0' + (b[i + 2] - 0x90)) as char);
                digits += 1;
                i += 3;
                start = i;
            }
            b' ' if i + 1 < b.len() && b[i + 1] == b' ' => {
                // keep this space, skip the rest of the run
                out.push_str(&line[start..=i]);
                runs += 1;
                i += 1;
                while i < b.len() && b[i] == b' ' {
                    i += 1;
                }
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&line[start..]);
    t.add(K::ThaiDigits, digits);
    t.add(K::Spaces, runs);
    trim(&mut out, t);
    out
}

/// At line or cell start, after spaces only.
fn at_item_start(v: &[char], i: usize) -> bool {
    v[..i]
        .iter()
        .rev()
        .take_while(|&&c| c != '\t')
        .all(|&c| c == ' ')
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
                while v
                    .get(i + 1)
                    .is_some_and(|&c| c == ' ' || c == '\t' || is_symbol_bullet(c))
                {
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
        t.warn(
            WarningCode::UnknownPua,
            format!(
                "private-use characters kept as they are: {}",
                unknown.join(" ")
            ),
        );
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
        t.warn(
            WarningCode::ReplacementChar,
            format!("{fffd} U+FFFD replacement character(s): the source was mis-decoded here"),
        );
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
    // เเ → แ, compacting in place (no quadratic removals)
    let mut w = 0;
    let mut r = 0;
    while r < v.len() {
        if v[r] == '\u{0E40}' && v.get(r + 1) == Some(&'\u{0E40}') {
            v[w] = '\u{0E41}';
            t.add(K::Lookalikes, 1);
            r += 2;
        } else {
            v[w] = v[r];
            r += 1;
        }
        w += 1;
    }
    v.truncate(w);
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
                t.warn(
                    WarningCode::ForeignScript,
                    format!("dropped foreign-script text \"{run}\""),
                );
                run.clear();
            }
            out.push(c);
        }
    }
    if !run.is_empty() {
        t.add(K::ForeignScript, 1);
        t.warn(
            WarningCode::ForeignScript,
            format!("dropped foreign-script text \"{run}\""),
        );
    }
    *v = out;
}

/// ํ (marks)* า → (marks)* ำ (nikhahit + tone + sara aa is the usual case);
/// ำา → ำ.
fn sara_am(v: &mut Vec<char>, t: &mut Tally) {
    let mut out: Vec<char> = Vec::with_capacity(v.len());
    let mut i = 0;
    while i < v.len() {
        let c = v[i];
        if c == '\u{0E4D}' {
            let mut j = i + 1;
            while j < v.len() && is_mark(v[j]) && v[j] != '\u{0E4D}' {
                j += 1;
            }
            if v.get(j) == Some(&'\u{0E32}') {
                out.extend_from_slice(&v[i + 1..j]);
                out.push('\u{0E33}');
                t.add(K::SaraAm, 1);
                i = j + 1;
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
    let mut runs = 0;
    let mut prev = '\0';
    let mut prev2 = '\0';
    v.retain(|&c| {
        let dup = c == ' ' && prev == ' ';
        if dup && prev2 != ' ' {
            runs += 1; // count runs, not removed characters
        }
        prev2 = prev;
        prev = c;
        !dup
    });
    t.add(K::Spaces, runs);
}

/// Runs of ≥4 single-cluster Thai tokens separated by single spaces, with
/// at least two bare letters among them (so a run of short words such as
/// "ที่ ไม่ ได้ ใช้" is never glued), lose their inner spaces. A whole cell
/// (TAB-separated segment) of ≥8 tokens, ≥3/4 of them single clusters and
/// ≥4 bare letters, loses every space between Thai tokens.
fn letter_runs(v: &mut Vec<char>, t: &mut Tally) {
    // token boundaries: (start, end) of space-separated tokens within a
    // TAB-free segment; spaces between tokens are single (collapsed).
    let mut drop = vec![false; v.len()];
    let mut any = false;
    let mut seg_start = 0;
    for seg_end in v
        .iter()
        .enumerate()
        .filter(|(_, &c)| c == '\t')
        .map(|(i, _)| i)
        .chain(std::iter::once(v.len()))
    {
        let mut toks: Vec<(usize, usize, Tok)> = Vec::new();
        let mut s = seg_start;
        let mut tok = Tok::default();
        for (i, &c) in v.iter().enumerate().take(seg_end).skip(seg_start) {
            if c == ' ' {
                toks.push((s, i, tok));
                tok = Tok::default();
                s = i + 1;
            } else {
                tok.push(c);
            }
        }
        toks.push((s, seg_end, tok));
        // A cell that is letter-spaced through and through (002:L12 col 1:
        // most tokens single clusters, the rest half-merged pairs such as
        // "กา", "ดุแล") loses every space between two Thai tokens.
        let singles = toks.iter().filter(|x| x.2.single()).count();
        let bare = toks.iter().filter(|x| x.2.bare_letter).count();
        if toks.len() >= 8 && singles * 4 >= toks.len() * 3 && bare >= 4 {
            for w in toks.windows(2) {
                let thai = |x: &Tok| x.chars > 0 && !x.foreign;
                if thai(&w[0].2) && thai(&w[1].2) {
                    if let Some(d) = drop.get_mut(w[0].1) {
                        *d = true;
                        any = true;
                    }
                }
            }
            seg_start = seg_end + 1;
            continue;
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
        let sorted = run
            .windows(2)
            .all(|w| !(is_top_mark(w[0]) && is_vowel_mark(w[1])));
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
            WarningCode::LostVowel,
            format!("{lost} doubled tone mark(s): the extractor probably lost a vowel (ู); text kept as extracted"),
        );
    }
    *v = out;
}

/// Bounds of the Thai word run containing `i`, at most `WINDOW` chars each
/// side: the word list never looks further, and the cap keeps hostile
/// input (a megabyte without a space) linear.
fn thai_run(v: &[char], i: usize) -> (usize, usize) {
    const WINDOW: usize = 48;
    let mut s = i;
    while s > 0 && i - s < WINDOW && is_thai_word_char(v[s - 1]) {
        s -= 1;
    }
    let mut e = i;
    while e < v.len() && e - i < WINDOW && is_thai_word_char(v[e]) {
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
        } else if m1.is_empty()
            && is_consonant(c2)
            && m2.len() == 2
            && is_upper_vowel(m2[0])
            && is_tone(m2[1])
        {
            // variant b: vowel and tone both went past C2
            moving = m2.to_vec();
            keep = Vec::new();
        } else {
            i2 = m2e;
            continue;
        }
        let (rs, re) = thai_run(v, i1);
        let re = re.max(m2e); // a long stack of marks can outrun the window
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

/// The Thai run at the end of the already-written output (at most
/// `WINDOW` chars): the left context of a repair done while copying.
fn tail_run(out: &[char]) -> &[char] {
    const WINDOW: usize = 48;
    let mut s = out.len();
    while s > 0 && out.len() - s < WINDOW && is_thai_word_char(out[s - 1]) {
        s -= 1;
    }
    &out[s..]
}

/// The Thai run starting at `i` (at most `WINDOW` chars).
fn head_run(v: &[char], i: usize) -> &[char] {
    const WINDOW: usize = 48;
    let mut e = i;
    while e < v.len() && e - i < WINDOW && is_thai_word_char(v[e]) {
        e += 1;
    }
    &v[i.min(e)..e]
}

/// pdftotext can also leave the tone on C1 and push the vowel past a space
/// onto the next letter (and line): "ช่ อ" / "ื องค์การ" → after the line
/// move "ช่ อื" → ชื่อ; "อ่ นื" → อื่น. Word-list checked, PDF only. Copies
/// left to right so that each decision sees the earlier repairs (as a second
/// pass would) and long lines stay linear.
fn split_vowel_moves(v: &mut Vec<char>, t: &mut Tally) {
    let d = dict();
    let mut out: Vec<char> = Vec::with_capacity(v.len());
    let mut r = 0;
    while r < v.len() {
        let shape = r + 4 < v.len()
            && is_consonant(v[r])
            && is_tone(v[r + 1])
            && v[r + 2] == ' '
            && is_consonant(v[r + 3])
            && is_upper_vowel(v[r + 4])
            && !v.get(r + 5).is_some_and(|&c| is_mark(c));
        if shape {
            let left = tail_run(&out);
            let mut moved: Vec<char> = Vec::with_capacity(left.len() + 60);
            moved.extend_from_slice(left);
            let li = moved.len();
            moved.extend_from_slice(&[v[r], v[r + 4], v[r + 1], v[r + 3]]);
            moved.extend_from_slice(head_run(v, r + 5));
            if d.covers(&moved, li, li + 4) {
                out.extend_from_slice(&[v[r], v[r + 4], v[r + 1], v[r + 3]]);
                t.add(K::MarkOrder, 1);
                r += 5;
                continue;
            }
        }
        out.push(v[r]);
        r += 1;
    }
    *v = out;
}

/// ป ฝ ฟ ฬ + upper mark + space + Thai letter (ป้ องกัน, เป็ น, ปั ตตานี): the
/// space goes when the word list reads a word across it and does not read
/// a word ending before it and another starting after it. Copies left to
/// right like [`split_vowel_moves`].
fn tall_space(v: &mut Vec<char>, t: &mut Tally) {
    let d = dict();
    let mut out: Vec<char> = Vec::with_capacity(v.len());
    let mut r = 0;
    while r < v.len() {
        if !matches!(v[r], '\u{0E1B}' | '\u{0E1D}' | '\u{0E1F}' | '\u{0E2C}') {
            out.push(v[r]);
            r += 1;
            continue;
        }
        let mut j = r + 1;
        while j < v.len() && (is_upper_vowel(v[j]) || is_top_mark(v[j])) {
            j += 1;
        }
        if j == r + 1 || v.get(j) != Some(&' ') || !v.get(j + 1).is_some_and(|&c| is_thai_letter(c))
        {
            out.extend_from_slice(&v[r..j]);
            r = j;
            continue;
        }
        let mut left: Vec<char> = tail_run(&out).to_vec();
        let li = left.len();
        left.extend_from_slice(&v[r..j]);
        let right = head_run(v, j + 1);
        let mut joined = left.clone();
        joined.extend_from_slice(right);
        let good = d.covers(&joined, li, left.len() + 1);
        let veto = d.ends_at(&left, li, left.len()) && d.starts_at(right, 0);
        out.extend_from_slice(&v[r..j]);
        if good && !veto {
            t.add(K::LetterSpacing, 1);
        } else {
            out.push(' ');
        }
        r = j + 1;
    }
    *v = out;
}

fn digits(v: &mut [char], t: &mut Tally) {
    let mut n = 0;
    for c in v.iter_mut() {
        if is_thai_digit(*c) {
            *c = thai_digit_to_ascii(*c);
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
