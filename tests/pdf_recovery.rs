//! Text-unit recovery of the PDF text layer against the text corpus: every
//! paragraph or table cell of ≥ 12 letters in ../shared/corpus/text/X.txt
//! must appear (whitespace-insensitive, after light normalisation) in the
//! extraction of ../shared/corpus/pdf/X.pdf, and no sara uu may be lost.

use std::path::Path;
use thaiplan::extract::{pdf, ExtractOptions};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// Both sides: drop whitespace and markup the PDF cannot carry, map Thai
/// digits, fold the sara-am artefact, drop bullets and PUA symbol bullets.
fn norm(s: &str) -> String {
    let s = s.replace("**", "").replace("<p>", "").replace("</p>", "");
    let s = regex::Regex::new(r"\[image:[^\]]*\]")
        .map(|re| re.replace_all(&s, "").into_owned())
        .unwrap_or(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if c.is_whitespace() => {}
            '<' | '>' | '\u{F0B7}' | '•' | '-' | '–' | '“' | '”' | '"' => {}
            // Lao look-alikes have no glyph in the Thai font: the PDF form
            // cannot carry them (docs/grammar.md §6.2 "Lost or kept content").
            '\u{0E80}'..='\u{0EFF}' => {}
            '\u{0E50}'..='\u{0E59}' => {
                out.push(char::from_u32(c as u32 - 0x0E50 + '0' as u32).unwrap_or(c))
            }
            _ => out.push(c),
        }
    }
    out.replace("ำา", "ำ")
}

fn units(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        for cell in line.split('\t') {
            let n = norm(cell);
            if n.chars().filter(|c| c.is_alphabetic()).count() >= 12 {
                out.push(n);
            }
        }
    }
    out
}

struct Score {
    units: usize,
    found: usize,
    /// Units found inside one extracted line (structure kept: a paragraph
    /// or a cell not split over lines).
    in_line: usize,
    uu_text: usize,
    uu_pdf: usize,
    char_diff: i64,
    char_total: i64,
    misses: Vec<String>,
}

fn score(stem: &str) -> Score {
    let pdf_path = format!("{CORPUS}/pdf/{stem}.pdf");
    let bytes = std::fs::read(&pdf_path).expect("corpus pdf");
    let raw =
        pdf::extract(Path::new(&pdf_path), &bytes, &ExtractOptions::default()).expect("extract");
    let extracted: String = raw
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let hay = norm(&extracted);
    let line_hays: Vec<String> = raw
        .lines
        .iter()
        .flat_map(|l| l.text.split('\t').map(norm).collect::<Vec<_>>())
        .collect();
    let text = std::fs::read_to_string(format!("{CORPUS}/text/{stem}.txt")).expect("corpus text");
    let us = units(&text);
    let mut misses = Vec::new();
    let mut found = 0;
    let mut in_line = 0;
    for u in &us {
        if line_hays.iter().any(|h| h.contains(u.as_str())) {
            in_line += 1;
        }
        if hay.contains(u.as_str()) {
            found += 1;
        } else {
            misses.push(u.clone());
        }
    }
    // Thai letters and marks, char by char: extraction vs text (lost or
    // invented characters show up here even when units still match).
    let thai = |s: &str| {
        let mut m = std::collections::BTreeMap::<char, i64>::new();
        for c in s.chars().filter(|c| ('\u{0E01}'..='\u{0E5B}').contains(c)) {
            *m.entry(c).or_default() += 1;
        }
        m
    };
    let (tt, tp) = (thai(&norm(&text)), thai(&hay));
    let char_diff: i64 = tt
        .keys()
        .chain(tp.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .map(|c| (tt.get(c).unwrap_or(&0) - tp.get(c).unwrap_or(&0)).abs())
        .sum();
    let char_total: i64 = tt.values().sum();
    let uu = |s: &str| s.chars().filter(|c| *c == '\u{0E39}').count();
    Score {
        units: us.len(),
        found,
        in_line,
        uu_text: uu(&norm(&text)),
        uu_pdf: uu(&hay),
        char_diff,
        char_total,
        misses,
    }
}

fn check(stem: &str) {
    let s = score(stem);
    let rate = s.found as f64 / s.units.max(1) as f64;
    eprintln!(
        "{stem}: {}/{} units = {:.4} (inside one line/cell: {}); sara uu text {} pdf {}",
        s.found, s.units, rate, s.in_line, s.uu_text, s.uu_pdf
    );
    for m in s.misses.iter().take(15) {
        eprintln!("  miss: {m}");
    }
    eprintln!(
        "{stem}: Thai characters differing from the text form: {} of {}",
        s.char_diff, s.char_total
    );
    assert!(rate >= 0.98, "{stem}: recovery {rate:.4} < 0.98");
    // 000 loses only its repeated risk-table header row (85 characters).
    assert!(
        s.char_diff * 500 <= s.char_total,
        "{stem}: {} Thai characters differ",
        s.char_diff
    );
    assert!(
        s.uu_pdf >= s.uu_text,
        "{stem}: lost sara uu ({} < {})",
        s.uu_pdf,
        s.uu_text
    );
}

#[test]
fn recovery_000() {
    check("000_c8f04830a1ea0035");
}

#[test]
fn recovery_002() {
    check("002_6cb85bbd8efcfe0c");
}

#[test]
fn recovery_003() {
    check("003_48a6fdefb7483585");
}

#[test]
fn recovery_004() {
    check("004_3a9855a8704ba7b3");
}
