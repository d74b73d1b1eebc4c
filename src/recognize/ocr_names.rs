//! OCR'd documents only: the LAO's name where OCR lost its tone marks.
//!
//! A name is printed dozens of times in a plan ("สำนักปลัด
//! องค์การบริหารส่วนตำบลตั้ง" closes most blocks). In faces with tall
//! stacked marks tesseract drops the tone mark over an upper vowel on some
//! of them ("ตำบลตัง": 5 of the 000 Garuda misses, 3 of Kinnari's). The
//! document itself says how the name is printed: a form with tone marks
//! read whole at least [`MIN_WHOLE`] times. It need not be the majority:
//! Garuda 000 reads "ตั้ง" 27 times and "ตัง" 35, and one LAO printing two
//! names that differ only by tone marks is not a case a plan has. Where
//! the bare form follows an LAO prefix it is restored, with a warning that
//! counts the places. Nothing outside a name after a prefix changes.

use super::meta::LAO;
use crate::model::{NormDoc, Warning, WarningCode};
use std::collections::BTreeMap;

/// Whole readings a marked name needs before it repairs others.
const MIN_WHOLE: usize = 3;

fn is_tone(c: char) -> bool {
    ('\u{0E48}'..='\u{0E4B}').contains(&c)
}

fn bare(s: &str) -> String {
    s.chars().filter(|&c| !is_tone(c)).collect()
}

/// The name runs after LAO prefixes: (line, byte range of the run).
fn runs(doc: &NormDoc) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (i, l) in doc.lines.iter().enumerate() {
        for c in LAO.captures_iter(l) {
            if let Some(n) = c.name("name") {
                let t = n.as_str();
                let lead = t.len() - t.trim_start().len();
                if n.start() + lead < n.end() {
                    out.push((i, n.start() + lead, n.end()));
                }
            }
        }
    }
    out
}

/// The document with its LAO names' lost tone marks restored, and the
/// warning saying so; None when nothing changes (or not OCR'd).
pub fn restore(doc: &NormDoc) -> Option<(NormDoc, Warning)> {
    if doc.extraction != crate::model::Extraction::Ocr {
        return None;
    }
    let found = runs(doc);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for &(i, a, b) in &found {
        if let Some(r) = doc.lines.get(i).and_then(|l| l.get(a..b)) {
            *counts.entry(r).or_insert(0) += 1;
        }
    }
    // Marked names read whole often enough, and more often than bare; the
    // longest first (a name that extends another wins where both fit).
    let mut names: Vec<(&str, String)> = counts
        .iter()
        .filter(|(n, &k)| n.chars().any(is_tone) && k >= MIN_WHOLE)
        .map(|(n, _)| (*n, bare(n)))
        .collect();
    names.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    if names.is_empty() {
        return None;
    }
    let mut out = doc.clone();
    let mut fixed: BTreeMap<String, usize> = BTreeMap::new();
    // Right to left in each line so earlier byte ranges stay valid.
    for &(i, a, b) in found.iter().rev() {
        let Some(line) = out.lines.get_mut(i) else {
            continue;
        };
        let Some(run) = line.get(a..b).map(str::to_string) else {
            continue;
        };
        for (name, stripped) in &names {
            if run.starts_with(name) || !run.starts_with(stripped.as_str()) {
                continue;
            }
            // The bare form must end where a letter (not a mark) follows.
            let rest = &run[stripped.len()..];
            if rest
                .chars()
                .next()
                .is_some_and(|c| is_tone(c) || crate::thai::is_mark(c))
            {
                continue;
            }
            line.replace_range(a..a + stripped.len(), name);
            *fixed.entry((*name).to_string()).or_insert(0) += 1;
            break;
        }
    }
    if fixed.is_empty() {
        return None;
    }
    let list: Vec<String> = fixed.iter().map(|(n, k)| format!("{n} ×{k}")).collect();
    let w = Warning::new(
        WarningCode::OrganizationNameVariants,
        format!(
            "OCR lost the tone marks of the LAO's name after its prefix; restored from the form read whole: {}",
            list.join(", ")
        ),
        None,
    );
    Some((out, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(lines: &[&str]) -> NormDoc {
        let mut d = crate::recognize::report::test_support::doc(lines);
        d.extraction = crate::model::Extraction::Ocr;
        d
    }

    #[test]
    fn a_name_read_whole_restores_its_lost_marks_after_a_prefix_only() {
        let d = doc(&[
            "สำนักปลัด องค์การบริหารส่วนตำบลตั้ง",
            "กองคลัง องค์การบริหารส่วนตำบลตั้ง",
            "องค์การบริหารส่วนตำบลตั้ง จังหวัดตรัง",
            "บุคลากรองค์การบริหารส่วนตำบลตังเล็งเห็น ตัง",
            "ผู้บริหารองค์การบริหารส่วนตำบลตัง",
        ]);
        let (out, w) = restore(&d).expect("restored");
        assert_eq!(out.lines[3], "บุคลากรองค์การบริหารส่วนตำบลตั้งเล็งเห็น ตัง");
        assert_eq!(out.lines[4], "ผู้บริหารองค์การบริหารส่วนตำบลตั้ง");
        assert!(w.message.contains("ตั้ง ×2"));
        // Not OCR'd, or the marked form too rare: nothing changes.
        let mut t = d.clone();
        t.extraction = crate::model::Extraction::Text;
        assert!(restore(&t).is_none());
        assert!(restore(&doc(&["องค์การบริหารส่วนตำบลตั้ง", "องค์การบริหารส่วนตำบลตัง"])).is_none());
    }
}
