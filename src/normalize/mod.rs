//! Stage 2: Thai text repairs (docs/grammar.md §6), line-preserving and counted.
//!
//! Public API: [`normalize_line`], [`normalize_lines`], [`normalize_str`],
//! [`normalize_doc`]. The normaliser never adds or removes a line break
//! (§6.6): a combining mark that starts a line moves, as a character, to the
//! end of the previous non-empty line.
//!
//! Order, per line, in `repair` (§6.5 with markup and space runs moved
//! early, so that no later removal can leave a new repair behind: this is
//! what makes the result idempotent):
//! - phase A: PUA glyphs and Symbol bullets → invisibles, NBSP → CJK runs
//!   dropped (warning) → inline markup (`**`, `[image:…]`, autolink
//!   brackets) → runs of spaces collapsed → letter-spaced runs → spaces
//!   before marks → Lao look-alikes, เเ → sara am;
//! - between the phases: line-initial marks move to the previous line;
//! - phase B: vowel-before-tone order → duplicate marks (doubled tones in
//!   PDF output warn `lost_vowel`) → pdftotext tone moves (PDF only,
//!   word-list checked) → space after ป ฝ ฟ ฬ clusters (word-list checked)
//!   → Thai digits → trailing spaces, whitespace-only lines.
//!
//! Never NFKC (it splits sara am). The word list is `words_th.txt` (see its
//! header for how it was built).
//!
//! Counters (RECORD `normalization`): thai_digits, pua_glyphs, pua_bullets,
//! sara_am, mark_order, mark_order_unconfirmed (pdftotext tone moves the
//! word list could not confirm, left as they are), duplicate_marks,
//! letter_spacing (letter-spaced runs, spaces before marks, spaces after
//! ป ฝ ฟ ฬ), lookalikes, invisible_chars (incl. NBSP), markup, spaces,
//! foreign_script. Warnings: unknown_pua, replacement_char, foreign_script,
//! lost_vowel.
//!
//! Performance: `scan::scan` decides in one pass whether a line needs any
//! repair; clean lines are copied as they are.

/// Thai character classes live in the leaf module `crate::thai` (every stage uses
/// them); re-exported here under their old name.
pub use crate::thai as chars;
mod dict;
pub mod legacy;
mod markup;
pub mod pua;
mod repair;
mod scan;
mod tally;

use crate::model::{NormDoc, NormalizationCounts, RawDoc, SourceSpan, TextOrigin, Warning};
use std::borrow::Cow;
use tally::Tally;

/// Result of normalising a sequence of lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Normalized {
    pub lines: Vec<String>,
    pub counts: NormalizationCounts,
    /// (0-based line index, code, message)
    pub warnings: Vec<(usize, crate::model::WarningCode, String)>,
}

/// Counter names this module writes, in report order.
pub const COUNTER_NAMES: [&str; 13] = tally::NAMES;

fn is_pdf(origin: TextOrigin) -> bool {
    matches!(origin, TextOrigin::PdfTextLayer)
}

fn one_line(line: &str, pdf: bool, t: &mut Tally) -> String {
    let f = scan::scan(line, pdf);
    if f.a {
        let a = repair::phase_a(line, t);
        repair::phase_b(&a, pdf, t)
    } else {
        finish(line, f, pdf, t)
    }
}

/// Phase B (or the cheap route) for a line that needs no phase A.
fn finish(line: &str, f: scan::Flags, pdf: bool, t: &mut Tally) -> String {
    if f.b {
        if f.spaces {
            let c = repair::cheap(line, t);
            repair::phase_b(&c, pdf, t)
        } else {
            repair::phase_b(line, pdf, t)
        }
    } else if f.cheap() {
        repair::cheap(line, t)
    } else {
        line.to_string()
    }
}

/// Normalise one line in isolation (no cross-line repairs: a mark that
/// starts the line stays there). Warnings are dropped; use
/// [`normalize_lines`] to get them.
pub fn normalize_line(line: &str, origin: TextOrigin, counts: &mut NormalizationCounts) -> String {
    let mut t = Tally::default();
    let out = one_line(line, is_pdf(origin), &mut t);
    t.flush_into(counts);
    out
}

/// Normalise all lines of a document (cross-line repairs included). The
/// output has exactly as many lines as the input.
pub fn normalize_lines<S: AsRef<str>>(lines: &[S], origin: TextOrigin) -> Normalized {
    let pdf = is_pdf(origin);
    // Legacy-font damage first, like PUA glyphs (issue 12 class 9).
    let mut legacy_counts = NormalizationCounts::new();
    let repaired = legacy::repair(lines, &mut legacy_counts);
    let lines: Vec<&str> = match &repaired {
        Some(r) => r.iter().map(String::as_str).collect(),
        None => lines.iter().map(AsRef::as_ref).collect(),
    };
    let mut t = Tally::default();
    let mut work: Vec<Cow<str>> = Vec::with_capacity(lines.len());
    let mut need_b: Vec<scan::Flags> = Vec::with_capacity(lines.len());
    for (i, &l) in lines.iter().enumerate() {
        t.line = i;
        let f = scan::scan(l, pdf);
        if f.a {
            work.push(Cow::Owned(repair::phase_a(l, &mut t)));
            need_b.push(scan::Flags {
                b: true,
                ..Default::default()
            });
        } else {
            work.push(Cow::Borrowed(l));
            need_b.push(f);
        }
    }
    move_leading_marks(&mut work, &mut need_b, &mut t);
    let mut out = Vec::with_capacity(work.len());
    for (i, (w, f)) in work.into_iter().zip(need_b).enumerate() {
        t.line = i;
        let mut l = match w {
            Cow::Owned(l) if !f.b && !f.cheap() => l,
            w => finish(&w, f, pdf, &mut t),
        };
        // A repaired line is repaired again until it stands (at most 3
        // rounds): one repair can expose another that ran before it, so a
        // second normalisation changed the text (the fuzz smoke found "เเ"
        // left by a mark move, merged to "แ" only on the next run). Lines
        // no repair touched are not read again.
        if lines.get(i).is_some_and(|&orig| orig != l) {
            for _ in 0..3 {
                let again = one_line(&l, pdf, &mut t);
                if again == l {
                    break;
                }
                l = again;
            }
        }
        out.push(l);
    }
    let mut counts = legacy_counts;
    t.flush_into(&mut counts);
    Normalized {
        lines: out,
        counts,
        warnings: t.warnings,
    }
}

/// A line that starts with combining marks gives them to the end of the
/// previous non-empty line (after its last non-blank character).
fn move_leading_marks(work: &mut [Cow<str>], flags: &mut [scan::Flags], t: &mut Tally) {
    let mut last_nonempty: Option<usize> = None;
    for j in 0..work.len() {
        let starts_with_mark = work[j].chars().next().is_some_and(chars::is_mark);
        if starts_with_mark {
            if let Some(i) = last_nonempty {
                let line = work[j].to_mut();
                let n = line
                    .chars()
                    .take_while(|&c| chars::is_mark(c))
                    .map(char::len_utf8)
                    .sum::<usize>();
                let marks: String = line.drain(..n).collect();
                let prev = work[i].to_mut();
                let at = prev.trim_end_matches([' ', '\t']).len();
                prev.insert_str(at, &marks);
                flags[i].b = true;
                flags[j].b = true;
                t.add(tally::K::MarkOrder, 1);
            }
        }
        if work[j].chars().any(|c| c != ' ' && c != '\t') {
            last_nonempty = Some(j);
        }
    }
}

/// Normalise a whole text (for `thaiplan normalize`): line-preserving; a
/// final newline stays a final newline.
pub fn normalize_str(text: &str, origin: TextOrigin) -> (String, Normalized) {
    let lines = crate::extract::text::split_lines(text);
    let n = normalize_lines(&lines, origin);
    let mut out = n.lines.join("\n");
    if text.ends_with('\n') || text.ends_with('\r') {
        out.push('\n');
    }
    (out, n)
}

pub fn normalize_doc(raw: RawDoc) -> NormDoc {
    let texts: Vec<&str> = raw.lines.iter().map(|l| l.text.as_str()).collect();
    let n = normalize_lines(&texts, raw.origin);
    let mut counts = raw.counts;
    for (k, v) in n.counts {
        *counts.entry(k).or_insert(0) += v;
    }
    let line_pages: Vec<Option<u32>> = raw.lines.iter().map(|l| l.page).collect();
    let mut warnings = raw.warnings;
    for (i, code, msg) in n.warnings {
        warnings.push(Warning::new(
            code,
            msg,
            Some(SourceSpan::line(
                i + 1,
                line_pages.get(i).copied().flatten(),
            )),
        ));
    }
    NormDoc {
        format: raw.format,
        extraction: raw.extraction,
        pages: raw.pages,
        line_hints: raw.lines.iter().map(|l| l.hints).collect(),
        lines: n.lines,
        line_pages,
        ocr_pages: raw.ocr_pages,
        counts,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Always the slow path: both phases, whatever the scan says.
    fn slow(line: &str, pdf: bool) -> String {
        let mut t = Tally::default();
        let a = repair::phase_a(line, &mut t);
        repair::phase_b(&a, pdf, &mut t)
    }

    fn piece() -> impl Strategy<Value = String> {
        #[rustfmt::skip]
        let pieces = vec![
            "ก", "ร", "ะ", "ป", "น", "ท", "ั", "ิ", "ี", "่", "้", "์", "ํ", "า", "ำ", "เ", "แ", "๑", "1", " ", "  ", "\t",
            "a", "*", "**", "[image: x]", "<http://a.b>", "<p>", "\u{F0B7}", "\u{F70B}", "\u{200B}", "\u{00A0}",
            "\u{0EB4}", "必", "ง", "ส", "ม", "ว", "ขึน้", "ป้ อง", "เป็ น", "ชีว้ ัด", "ดังนี ้", "ช่ อื", "ขนั้", "ตัง้",
            "ป้  อ", "ปี ที่", "๒๕", "ั้", "ำา", "เเ", "ก ร ะ",
        ];
        proptest::sample::select(pieces).prop_map(String::from)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// The scan may only skip work the slow path would not do.
        #[test]
        fn fast_path_agrees_with_slow_path(v in proptest::collection::vec(piece(), 0..20), pdf in any::<bool>()) {
            let line = v.concat();
            let mut t = Tally::default();
            prop_assert_eq!(one_line(&line, pdf, &mut t), slow(&line, pdf));
        }
    }

    #[test]
    fn corpus_lines_agree_with_slow_path() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/text/");
        for f in [
            "000_c8f04830a1ea0035.txt",
            "002_6cb85bbd8efcfe0c.txt",
            "003_48a6fdefb7483585.txt",
            "004_3a9855a8704ba7b3.txt",
        ] {
            let Ok(text) = std::fs::read_to_string(format!("{dir}{f}")) else {
                continue;
            };
            for line in text.split('\n') {
                let mut t = Tally::default();
                assert_eq!(
                    one_line(line, false, &mut t),
                    slow(line, false),
                    "{f}: {line}"
                );
            }
        }
    }
}
