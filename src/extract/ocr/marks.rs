//! Upper marks that tesseract split off into a line of their own.
//!
//! In typefaces with tall stacked marks (Garuda, Loma: ่ ้ over ิ ี ั) and
//! tight line spacing, tesseract's page layout (psm 4) gives the marks
//! above a text line a "line" of their own: a row of short boxes read as
//! Latin garbage ("a ad vow awe"), and the text line below loses its marks
//! ("ที" for "ที่"). Measured on plan 000 printed in Garuda: on about half
//! of the prose lines. The same band read as one line (psm 7) comes back
//! whole. So: every such pair of lines is cut out of the page image as one
//! band, all bands of a page are read in ONE extra tesseract run (a list of
//! images: one model load), and a band's reading replaces the pair when it
//! reads at least as much text as the line below.
//!
//! Works on the cached TSV (`TSV + TXT_SEP + text`) and gives the same
//! shape back, so the line rebuilding in `tsv` needs no special case.

use super::grid::{parse_pgm, Grid};
use super::run::TXT_SEP;
use super::{tesseract_bin, LANGS};
use crate::extract::scratch::run_bounded;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// A mark line's boxes are at most this share of the text line's height.
const MARK_HEIGHT: f64 = 0.55;
/// A line with this many Thai consonants read at confidence >= TEXT_CONF
/// is text, not marks, whatever its box heights: a text line over a line of
/// tall stacked marks ("ตำบลตั้ง") passed the height tests, and the band
/// read in its place lost it ("บริหารส่วน" gone, "๙)" garbled). Measured
/// on plan 000: Garuda's 502 mark lines hold 0-2 such letters in 488 (the
/// other 14 are text); Loma's 121 candidate lines hold 4 or more in 117.
const TEXT_LETTERS: usize = 3;
const TEXT_CONF: f64 = 85.0;
/// White margin around a band (tesseract wants some).
const MARGIN: usize = 16;

/// One visual line of the TSV: its rows (level 5) and extent.
struct TLine {
    rows: Vec<usize>,
    left: i64,
    right: i64,
    top: i64,
    bottom: i64,
    /// Median word height, top and bottom (the body of the line's glyphs:
    /// tall boxes of stacked marks do not move them).
    h: i64,
    mid_top: i64,
    mid_bottom: i64,
    squashed: String,
    /// Thai consonants in words read with confidence >= `TEXT_CONF`.
    sure_letters: usize,
    /// Width of the first box and left of the second (a list bullet before
    /// the text, read with the marks: see `mark_pairs`).
    first_w: i64,
    second_left: i64,
    /// The first box sets the line's top and is over 2.5 line heights tall
    /// (a bullet box read with the first letters: "[ปี", 72 px at 19).
    first_tall: bool,
}

fn fields(row: &str) -> Vec<&str> {
    row.split('\t').collect()
}

fn num(f: &[&str], i: usize) -> i64 {
    f.get(i)
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or(0)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The visual lines of a TSV (rows of level 5 with text), in order.
fn tlines(rows: &[&str]) -> Vec<TLine> {
    let mut out: Vec<((i64, i64, i64), TLine)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let f = fields(row);
        if f.len() < 12 || f.first() != Some(&"5") {
            continue;
        }
        let text = f[11..].join("\t");
        if text.trim().is_empty() {
            continue;
        }
        let conf = f[10].trim().parse::<f64>().unwrap_or(0.0);
        let sure = if conf >= TEXT_CONF {
            text.chars()
                .filter(|c| ('\u{0E01}'..='\u{0E2E}').contains(c))
                .count()
        } else {
            0
        };
        let key = (num(&f, 2), num(&f, 3), num(&f, 4));
        let (l, t, w, h) = (num(&f, 6), num(&f, 7), num(&f, 8), num(&f, 9));
        match out.last_mut() {
            Some((k, tl)) if *k == key => {
                tl.rows.push(i);
                tl.left = tl.left.min(l);
                tl.right = tl.right.max(l + w);
                tl.top = tl.top.min(t);
                tl.bottom = tl.bottom.max(t + h);
                tl.squashed.push_str(&squash(&text));
                tl.sure_letters += sure;
                if tl.rows.len() == 2 {
                    tl.second_left = l;
                }
            }
            _ => out.push((
                key,
                TLine {
                    rows: vec![i],
                    left: l,
                    right: l + w,
                    top: t,
                    bottom: t + h,
                    h,
                    mid_top: t,
                    mid_bottom: t + h,
                    squashed: squash(&text),
                    sure_letters: sure,
                    first_w: w,
                    second_left: l + w,
                    first_tall: false,
                },
            )),
        }
    }
    let median = |mut v: Vec<i64>| {
        v.sort_unstable();
        v.get(v.len() / 2).copied().unwrap_or(0)
    };
    for (_, tl) in out.iter_mut() {
        let f: Vec<Vec<&str>> = tl.rows.iter().map(|&i| fields(rows[i])).collect();
        tl.h = median(f.iter().map(|f| num(f, 9)).collect());
        tl.mid_top = median(f.iter().map(|f| num(f, 7)).collect());
        tl.mid_bottom = median(f.iter().map(|f| num(f, 7) + num(f, 9)).collect());
        tl.first_tall = f
            .first()
            .is_some_and(|f| num(f, 7) == tl.top && 2 * num(f, 9) > 5 * tl.h);
    }
    out.into_iter().map(|(_, t)| t).collect()
}

/// Pairs (mark line, text line) by index: a line of boxes no taller than
/// the next line's glyphs, sitting on top of that line's body (their
/// median bottom at most a quarter height below its median top; measured
/// on Garuda: marks end 0-5 px above or on the body top at 150 dpi, the
/// body is 20 px) and reaching into or just above its extent, over it.
fn mark_pairs(ls: &[TLine]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < ls.len() {
        let (m, t) = (&ls[i], &ls[i + 1]);
        let short = (m.h as f64) <= MARK_HEIGHT * t.h as f64 && t.h >= 12;
        let on_top = 10 * m.h <= 9 * t.h && m.mid_bottom <= t.mid_top + t.h / 4 && t.h >= 12;
        // The text line's top may come from a bullet's tall box before it
        // (a checkbox read as "[ปี", 72 px on a 19 px line): a mark line
        // whose body ends on the text's body still touches it.
        let touching = m.bottom >= t.top - t.h / 4
            && (m.top < t.top + t.h / 3 || (t.first_tall && m.mid_bottom <= t.mid_top + t.h / 4));
        // A list bullet left of the text line (a box drawn over the
        // line's height, "|", "[]" or "J") may start the mark line: its
        // first box is then at most 1.5 text heights wide (a checkbox: 31 px
        // at 27) and the rest is over the text (Garuda 000: 14 of the 41
        // objective items, each leaving a "A a Vv 14" line above an item
        // that lost its marks).
        let bullet = m.rows.len() > 1 && 2 * m.first_w <= 3 * t.h && m.second_left >= t.left - t.h;
        let over = (m.left >= t.left - t.h || bullet) && m.right <= t.right + t.h;
        let marks = m.sure_letters < TEXT_LETTERS;
        if (short || on_top) && touching && over && marks {
            out.push((i, i + 1));
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

/// A band of the page, whitened along table rules, with a white margin,
/// as a binary PGM.
fn band_pgm(
    px: &[u8],
    w: usize,
    (x0, y0, x1, y1): (usize, usize, usize, usize),
    grid: Option<&Grid>,
) -> Vec<u8> {
    let (bw, bh) = (x1 - x0 + 2 * MARGIN, y1 - y0 + 2 * MARGIN);
    let mut out = vec![255u8; bw * bh];
    let near = |v: usize, rules: &[i64]| rules.iter().any(|&r| (r - v as i64).abs() <= 3);
    for y in y0..y1 {
        for x in x0..x1 {
            let rule = grid.is_some_and(|g| near(x, &g.vs) || near(y, &g.hs));
            let v = if rule {
                255
            } else {
                px.get(y * w + x).copied().unwrap_or(255)
            };
            out[(y - y0 + MARGIN) * bw + (x - x0 + MARGIN)] = v;
        }
    }
    let mut pgm = format!("P5\n{bw} {bh}\n255\n").into_bytes();
    pgm.extend_from_slice(&out);
    pgm
}

/// Re-read the mark-split lines of one page (see the module doc). `full`
/// is the cached OCR result of the page; the answer has the same shape.
/// None when there is nothing to repair or the extra run failed (the page
/// then keeps tesseract's first reading).
pub(super) fn repair(
    full: &str,
    pgm: &[u8],
    grid: Option<&Grid>,
    dir: &Path,
    page: u32,
    deadline: Instant,
) -> Option<String> {
    let (tsv, txt) = full.split_once(TXT_SEP).unwrap_or((full, ""));
    let rows: Vec<&str> = tsv.lines().collect();
    let ls = tlines(&rows);
    let pairs = mark_pairs(&ls);
    if pairs.is_empty() {
        return None;
    }
    let (w, h, px) = parse_pgm(pgm)?;
    // Bands, written as images listed in one file.
    let mut boxes = Vec::new();
    let mut list = String::new();
    for (k, &(a, b)) in pairs.iter().enumerate() {
        let (m, t) = (&ls[a], &ls[b]);
        let pad = (t.h / 6).max(3);
        let x0 = (m.left.min(t.left) - 2 * pad).max(0) as usize;
        let x1 = ((m.right.max(t.right) + 2 * pad) as usize).min(w);
        let y0 = (m.top.min(t.top) - pad).max(0) as usize;
        let y1 = ((t.bottom + pad) as usize).min(h);
        if x1 <= x0 + 4 || y1 <= y0 + 4 {
            return None;
        }
        let f = dir.join(format!("p{page}-band{k}.pgm"));
        std::fs::write(&f, band_pgm(px, w, (x0, y0, x1, y1), grid)).ok()?;
        list.push_str(&format!("{}\n", f.display()));
        boxes.push((x0 as i64, y0 as i64));
    }
    // Not "p{page}-bands.txt": that is the output text file.
    let list_file = dir.join(format!("p{page}-bandlist.txt"));
    std::fs::write(&list_file, list).ok()?;
    let base = dir.join(format!("p{page}-bands"));
    let st = run_bounded(
        Command::new(tesseract_bin())
            .arg(&list_file)
            .arg(&base)
            .args(["-l", LANGS, "--psm", "7", "txt", "tsv"])
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        deadline,
    )
    .ok()?;
    let btsv = std::fs::read_to_string(base.with_extension("tsv")).ok();
    let btxt = std::fs::read_to_string(base.with_extension("txt")).unwrap_or_default();
    for k in 0..pairs.len() {
        let _ = std::fs::remove_file(dir.join(format!("p{page}-band{k}.pgm")));
    }
    let _ = std::fs::remove_file(&list_file);
    let _ = std::fs::remove_file(base.with_extension("tsv"));
    let _ = std::fs::remove_file(base.with_extension("txt"));
    if !st.success {
        return None;
    }
    let btsv = btsv?;
    // Band k's words (page_num k+1), moved to page coordinates, and its text.
    let mut band_rows: Vec<Vec<(i64, i64, Vec<String>)>> = vec![Vec::new(); pairs.len()];
    for row in btsv.lines().skip(1) {
        let f = fields(row);
        if f.len() < 12 || f.first() != Some(&"5") || f[11..].join("\t").trim().is_empty() {
            continue;
        }
        let k = (num(&f, 1) - 1) as usize;
        if let (Some(v), Some(&(x0, y0))) = (band_rows.get_mut(k), boxes.get(k)) {
            let left = num(&f, 6) + x0 - MARGIN as i64;
            let top = num(&f, 7) + y0 - MARGIN as i64;
            v.push((left, top, f.iter().map(|s| s.to_string()).collect()));
        }
    }
    let band_txt: Vec<String> = btxt
        .split('\u{c}')
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    // Accepted bands: one visual line that reads at least as much text as
    // the text line alone (a band that lost text keeps the first reading).
    let mut replace: std::collections::HashMap<usize, Vec<String>> = Default::default();
    let mut drop: std::collections::HashSet<usize> = Default::default();
    let mut txt_swap: Vec<(String, String, String)> = Vec::new();
    for (k, &(a, b)) in pairs.iter().enumerate() {
        let words = &band_rows[k];
        if words.is_empty() {
            continue;
        }
        let lines: std::collections::HashSet<(String, String, String)> = words
            .iter()
            .map(|(_, _, f)| (f[2].clone(), f[3].clone(), f[4].clone()))
            .collect();
        let got: String = words
            .iter()
            .map(|(_, _, f)| squash(&f[11..].join("")))
            .collect();
        let (m, t) = (&ls[a], &ls[b]);
        if std::env::var_os("THAIPLAN_DIGITS_DEBUG").is_some() {
            eprintln!(
                "marks: m={:?} t={:?} band={:?}",
                m.squashed, t.squashed, got
            );
        }
        // A bullet box read as "[" with the first letters is not text the
        // band lost (Garuda: "[ปี๑)…" → "ปี๑)…"); everything else is
        // (letters and dashes alike: a table row's "- - -" read as "- in -"
        // lost a dash, Norasi 000).
        let bullet_junk = if t.first_tall {
            rows.get(t.rows[0])
                .and_then(|r| fields(r).get(11..).map(|t| t.join("")))
                .map(|t| t.chars().filter(|c| !c.is_alphanumeric()).count())
                .unwrap_or(0)
        } else {
            0
        };
        if lines.len() != 1 || got.chars().count() + bullet_junk < t.squashed.chars().count() {
            continue;
        }
        // The band's rows take the text line's place and its line key.
        let key = fields(rows[t.rows[0]]);
        let new_rows: Vec<String> = words
            .iter()
            .enumerate()
            .map(|(n, (left, top, f))| {
                let mut g: Vec<String> = f.clone();
                g[1] = key[1].to_string();
                g[2] = key[2].to_string();
                g[3] = key[3].to_string();
                g[4] = key[4].to_string();
                g[5] = (n + 1).to_string();
                g[6] = left.to_string();
                g[7] = top.to_string();
                g.join("\t")
            })
            .collect();
        replace.insert(t.rows[0], new_rows);
        drop.extend(t.rows.iter().skip(1).copied());
        drop.extend(m.rows.iter().copied());
        txt_swap.push((
            m.squashed.clone(),
            t.squashed.clone(),
            band_txt.get(k).cloned().unwrap_or_default(),
        ));
    }
    if replace.is_empty() {
        return None;
    }
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        if drop.contains(&i) {
            continue;
        }
        match replace.get(&i) {
            Some(new) => {
                for r in new {
                    out.push_str(r);
                    out.push('\n');
                }
            }
            None => {
                out.push_str(row);
                out.push('\n');
            }
        }
    }
    // The plain text: the text line becomes the band's line, the mark line
    // goes (so word spaces still come from tesseract's own text).
    let mut text = String::new();
    for line in txt.lines() {
        let s = squash(line);
        if let Some((_, _, band)) = txt_swap.iter().find(|(_, t, _)| !s.is_empty() && *t == s) {
            text.push_str(band);
        } else if !s.is_empty() && txt_swap.iter().any(|(m, _, _)| *m == s) {
            continue;
        } else {
            text.push_str(line);
        }
        text.push('\n');
    }
    Some(format!("{out}{TXT_SEP}{text}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u32, left: i64, top: i64, w: i64, h: i64, text: &str) -> String {
        format!("5\t1\t1\t1\t{line}\t1\t{left}\t{top}\t{w}\t{h}\t90\t{text}")
    }

    #[test]
    fn short_boxes_over_a_text_line_are_its_marks() {
        let rows = [
            "level".to_string(),
            row(1, 100, 100, 800, 45, "ข้อความบรรทัดแรก"),
            // Marks: 16 px boxes reaching into the next line's top.
            row(2, 150, 160, 30, 16, "a"),
            row(2, 300, 162, 40, 14, "ad"),
            row(3, 100, 164, 820, 45, "และระเบียบทีเกียวข้อง"),
            // A short line well apart from the next: a page number, kept.
            row(4, 500, 300, 30, 16, "12"),
            row(5, 100, 400, 800, 45, "บรรทัดถัดไป"),
        ];
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let ls = tlines(&refs);
        assert_eq!(ls.len(), 5);
        assert_eq!(mark_pairs(&ls), vec![(1, 2)]);
    }

    /// A text line over a line of tall stacked marks ("บริหารส่วน" over
    /// "ตำบลตั้ง ๙)", Loma 000) passes the height tests, but its letters
    /// were read with confidence: it is text, never re-read as marks (the
    /// band reading lost it and garbled the marker).
    #[test]
    fn a_confident_text_line_is_never_a_mark_line() {
        let rows = [
            "level".to_string(),
            row(1, 683, 1252, 90, 22, "บริหาร"),
            row(1, 798, 1238, 69, 48, "ส่วน"),
            row(2, 685, 1290, 60, 57, "ตำ"),
            row(2, 745, 1314, 40, 22, "บล"),
            row(2, 785, 1290, 50, 57, "ตั้ง"),
            row(2, 848, 1307, 26, 36, "๓)"),
        ];
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let ls = tlines(&refs);
        assert_eq!(ls.len(), 2);
        assert!(mark_pairs(&ls).is_empty());
    }
}
