//! Properties of the normaliser (issue 3), on generated Thai-heavy text
//! full of the artefacts of docs/grammar.md §6.
//!
//! What is claimed, exactly:
//! - idempotent: normalise(normalise(x)) == normalise(x), for every input and
//!   both text and PDF origins;
//! - line-preserving: as many lines out as in;
//! - the sequence of Thai consonants, of Arabic letters and of digit values
//!   (Thai digits read as their ASCII value) is unchanged, for input without
//!   `[image:…]` (that markup is removed whole, alt text included, by design)
//!   and counting the two consonants the PUA table produces (ฐ, ญ);
//! - ASCII: a line without inline markup (`*`, `[`, `<`), space runs and
//!   trailing spaces passes through unchanged; any ASCII line without
//!   markup characters only has its space runs collapsed and trailing spaces
//!   removed (the documented §6.1 space repairs; a whitespace-only line
//!   becomes empty).
//!
//! Case counts are kept modest so that this file runs in a few seconds.

use proptest::prelude::*;
use thaiplan::model::TextOrigin;
use thaiplan::normalize::{normalize_lines, pua::map_thai_pua};

/// Pieces the generator strings together: single characters of every class
/// and the multi-character artefacts the repairs look for.
fn piece() -> impl Strategy<Value = String> {
    let consonants: Vec<char> = ('\u{0E01}'..='\u{0E2E}').collect();
    let marks: Vec<char> = ['\u{0E31}']
        .into_iter()
        .chain('\u{0E34}'..='\u{0E3A}')
        .chain('\u{0E47}'..='\u{0E4E}')
        .collect();
    let vowels: Vec<char> = vec![
        '\u{0E30}', '\u{0E32}', '\u{0E33}', '\u{0E40}', '\u{0E41}', '\u{0E42}', '\u{0E43}',
        '\u{0E44}',
    ];
    let digits: Vec<char> = ('\u{0E50}'..='\u{0E59}').chain('0'..='9').collect();
    let odd: Vec<char> = vec![
        '\u{F700}', '\u{F70A}', '\u{F70B}', '\u{F70F}', '\u{F710}', '\u{F711}', '\u{F712}',
        '\u{F71A}', '\u{F884}', '\u{F88E}', '\u{F89E}', '\u{F0B7}', '\u{F71B}', '\u{E000}',
        '\u{200B}', '\u{FEFF}', '\u{00AD}', '\u{00A0}', '\u{0EB4}', '\u{0EC8}', '\u{0EAA}',
        '\u{5FC5}', '\u{5C06}', '\u{FFFD}', '\u{0628}', '\u{0644}', '\u{201C}', '\u{2013}',
    ];
    let ascii: Vec<char> = vec![
        'a', 'Z', '.', '(', ')', '-', '/', ':', '*', '[', ']', '<', '>', 'p',
    ];
    prop_oneof![
        4 => proptest::sample::select(consonants).prop_map(String::from),
        3 => proptest::sample::select(marks).prop_map(String::from),
        1 => proptest::sample::select(vowels).prop_map(String::from),
        1 => proptest::sample::select(digits).prop_map(String::from),
        1 => proptest::sample::select(odd).prop_map(String::from),
        1 => proptest::sample::select(ascii).prop_map(String::from),
        3 => Just(" ".to_string()),
        1 => Just("  ".to_string()),
        1 => Just("\t".to_string()),
        1 => proptest::sample::select(vec![
            "ทัง้", "ขึน", "มีส่วน", "ป้ อง", "เป็ น", "ตำา", "ํา", "เเ", "**", "<http://x.th>", "<p>", "</p>",
            "ก ร ะ บ ว น", "ช่ อื", "ขนั้", "ปี ที่", "ป้  อ", "ั้", "ชีว้ ัด", "ดังนี ้", "ผ้้", "ชีวิิต", "ก ับ",
        ])
        .prop_map(String::from),
    ]
}

fn line() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
}

fn doc() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(line(), 1..6)
}

fn origin() -> impl Strategy<Value = TextOrigin> {
    prop_oneof![Just(TextOrigin::Text), Just(TextOrigin::PdfTextLayer)]
}

fn consonants(lines: &[String], map_pua: bool) -> Vec<char> {
    lines
        .iter()
        .flat_map(|l| l.chars())
        .map(|c| {
            if map_pua {
                map_thai_pua(c).unwrap_or(c)
            } else {
                c
            }
        })
        .filter(|c| ('\u{0E01}'..='\u{0E2E}').contains(c))
        .collect()
}

fn arabic(lines: &[String]) -> Vec<char> {
    lines
        .iter()
        .flat_map(|l| l.chars())
        .filter(|c| ('\u{0620}'..='\u{064A}').contains(c))
        .collect()
}

fn digit_values(lines: &[String]) -> Vec<u32> {
    lines
        .iter()
        .flat_map(|l| l.chars())
        .filter_map(|c| {
            if ('\u{0E50}'..='\u{0E59}').contains(&c) {
                Some(c as u32 - 0x0E50)
            } else {
                c.to_digit(10)
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn idempotent_and_line_preserving(d in doc(), o in origin()) {
        let once = normalize_lines(&d, o);
        prop_assert_eq!(once.lines.len(), d.len());
        let twice = normalize_lines(&once.lines, o);
        prop_assert_eq!(&twice.lines, &once.lines);
    }

    #[test]
    fn consonants_arabic_and_digit_values_survive(d in doc(), o in origin()) {
        prop_assume!(!d.iter().any(|l| l.contains("[image:")));
        let out = normalize_lines(&d, o).lines;
        prop_assert_eq!(consonants(&out, false), consonants(&d, true));
        prop_assert_eq!(arabic(&out), arabic(&d));
        prop_assert_eq!(digit_values(&out), digit_values(&d));
        let thai_digit_left = out.iter().any(|l| l.chars().any(|c| ('\u{0E50}'..='\u{0E59}').contains(&c)));
        prop_assert!(!thai_digit_left);
    }

    #[test]
    fn plain_ascii_passes_through(s in "[a-zA-Z0-9.,:;()/\\-_=+#%&'\"!?\t]{0,20}( [a-zA-Z0-9.,:;()/\\-_=+#%&'\"!?\t]{1,20}){0,6}") {
        prop_assume!(s.is_empty() || s.chars().any(|c| c != ' ' && c != '\t'));
        let out = normalize_lines(&[s.as_str()], TextOrigin::Text);
        prop_assert_eq!(&out.lines[0], &s);
        prop_assert!(out.counts.is_empty());
    }

    #[test]
    fn ascii_only_loses_space_runs_and_trailing_spaces(s in "[ -)+-;=?-Z^-~\t]{0,40}") {
        // no '*', '<', '[' (markup characters): only the space repairs apply
        let out = normalize_lines(&[s.as_str()], TextOrigin::PdfTextLayer);
        let mut want = String::new();
        for c in s.chars() {
            if !(c == ' ' && want.ends_with(' ')) {
                want.push(c);
            }
        }
        let mut want = want.trim_end_matches(' ').to_string();
        if want.chars().all(|c| c == '\t') {
            want.clear();
        }
        prop_assert_eq!(&out.lines[0], &want);
    }
}
