//! Comparing one record with one gold file, field by field.
//!
//! Both sides are read as `serde_json::Value` so that a gold written by hand
//! (missing keys, numbers as strings, Thai digits) or a record from another
//! version never stops an evaluation: a key absent from the gold is not
//! scored; a key the gold states and the record lacks is a miss.

use super::{Category, DocEval, Miss};
use serde_json::Value;

/// Absolute tolerance for numbers: amounts are whole baht or satang, and
/// percentages and scores are printed with 2 decimals.
pub const NUM_TOLERANCE: f64 = 0.005;

static NULL: Value = Value::Null;

/// Text as compared: Thai digits mapped to ASCII, decomposed sara am and
/// "เเ" composed, markup (`**`, `<p>`, `</p>`) and invisible characters
/// dropped, and *all* whitespace removed (Thai is written without word
/// spaces; RECORD joins a wrap inside a word with no space while the gold
/// files keep every wrap as one space, so spaces carry no information the
/// two sides agree on). Spelling, quotes, dashes and punctuation are
/// compared exactly.
// The scorer keeps its own digit and month tables on purpose: it must not
// share code with the pipeline it grades, or a shared bug would score as right.
pub fn norm_text(s: &str) -> String {
    let s = s.replace("**", "").replace("<p>", "").replace("</p>", "");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{0E50}'..='\u{0E59}' => out.push((b'0' + (c as u32 - 0x0E50) as u8) as char),
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out.replace("\u{0E4D}\u{0E32}", "\u{0E33}")
        .replace("เเ", "แ")
}

/// A number from a JSON number or a numeric string ("30,000", "๓๐,๐๐๐").
pub fn as_num(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => {
            let t: String = norm_text(s).chars().filter(|c| *c != ',').collect();
            let t = t.trim_end_matches("บาท");
            if t == "-" {
                Some(0.0)
            } else {
                t.parse::<f64>().ok()
            }
        }
        _ => None,
    }
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(norm_text(s)),
        other => Some(norm_text(&other.to_string())),
    }
}

/// How two values are compared.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Text,
    Number,
    /// A list of numbers compared in order (budgets) or as a set (years, scores).
    NumList {
        sorted: bool,
    },
    TextList,
    /// An exact JSON value after text normalisation of strings.
    Exact,
}

pub fn equal(kind: Kind, expected: &Value, got: &Value) -> bool {
    match kind {
        Kind::Text | Kind::Exact => match (expected, got) {
            (Value::Null, Value::Null) => true,
            (Value::Null, _) | (_, Value::Null) => false,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (e, g) => text_of(e) == text_of(g),
        },
        Kind::Number => match (expected, got) {
            (Value::Null, Value::Null) => true,
            (e, g) => match (as_num(e), as_num(g)) {
                (Some(a), Some(b)) => (a - b).abs() <= NUM_TOLERANCE + 1e-9,
                _ => false,
            },
        },
        Kind::NumList { sorted } => {
            let (Some(e), Some(g)) = (expected.as_array(), got.as_array()) else {
                return expected.is_null() && got.is_null();
            };
            if e.len() != g.len() {
                return false;
            }
            let to = |a: &Vec<Value>| -> Vec<Option<f64>> {
                let mut v: Vec<Option<f64>> = a.iter().map(as_num).collect();
                if sorted {
                    v.sort_by(|x, y| x.partial_cmp(y).unwrap_or(std::cmp::Ordering::Equal));
                }
                v
            };
            to(e).iter().zip(to(g).iter()).all(|(a, b)| match (a, b) {
                (None, None) => true,
                (Some(a), Some(b)) => (a - b).abs() <= NUM_TOLERANCE + 1e-9,
                _ => false,
            })
        }
        Kind::TextList => {
            let (Some(e), Some(g)) = (expected.as_array(), got.as_array()) else {
                return expected.is_null() && got.is_null();
            };
            e.len() == g.len() && e.iter().zip(g).all(|(a, b)| text_of(a) == text_of(b))
        }
    }
}

/// `v[key]` for the first of several key spellings present.
pub fn key<'a>(v: &'a Value, keys: &[&str]) -> Option<&'a Value> {
    let o = v.as_object()?;
    keys.iter().find_map(|k| o.get(*k))
}

/// `v[key]` or null.
pub fn at<'a>(v: &'a Value, k: &str) -> &'a Value {
    v.get(k).unwrap_or(&NULL)
}

/// A dotted path into a record ("organization.name"); null where absent.
pub fn path<'a>(v: &'a Value, p: &str) -> &'a Value {
    let mut cur = v;
    for part in p.split('.') {
        cur = cur.get(part).unwrap_or(&NULL);
    }
    cur
}

/// Scores fields into one document's evaluation.
pub struct Scorer<'a> {
    pub doc: &'a mut DocEval,
    /// The record has no counterpart of the gold row/block/object being
    /// scored: every gold field of it is a miss, null ones included.
    pub absent: bool,
}

impl Scorer<'_> {
    /// Score one field.
    pub fn field(
        &mut self,
        cat: Category,
        name: impl Into<String>,
        kind: Kind,
        expected: &Value,
        got: &Value,
    ) {
        let ok = !self.absent && equal(kind, expected, got);
        let s = self.doc.scores.entry(cat).or_default();
        s.total += 1;
        if ok {
            s.correct += 1;
        } else {
            self.doc.misses.push(Miss {
                category: cat,
                field: name.into(),
                expected: expected.clone(),
                got: got.clone(),
            });
        }
    }

    /// Score a gold field only where the gold states it (key present).
    pub fn opt(
        &mut self,
        cat: Category,
        name: &str,
        kind: Kind,
        gold: &Value,
        gkeys: &[&str],
        got: &Value,
    ) {
        if let Some(e) = key(gold, gkeys) {
            self.field(cat, name, kind, e, got);
        }
    }

    /// A miss with no gold counterpart (an extra row, a fabricated table).
    pub fn extra(&mut self, cat: Category, name: impl Into<String>, got: Value) {
        let s = self.doc.scores.entry(cat).or_default();
        s.total += 1;
        self.doc.misses.push(Miss {
            category: cat,
            field: name.into(),
            expected: Value::Null,
            got,
        });
    }
}

/// Name similarity: Dice coefficient over character bigrams of the
/// normalised texts (1.0 = equal).
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = norm_text(a).chars().collect();
    let b: Vec<char> = norm_text(b).chars().collect();
    if a == b {
        return 1.0;
    }
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let mut bg: Vec<(char, char)> = b.windows(2).map(|w| (w[0], w[1])).collect();
    let total = (a.len() - 1 + bg.len()) as f64;
    let mut hits = 0usize;
    for w in a.windows(2) {
        if let Some(pos) = bg.iter().position(|x| *x == (w[0], w[1])) {
            bg.swap_remove(pos);
            hits += 1;
        }
    }
    2.0 * hits as f64 / total
}

/// Pair gold items with record items: by number (several with one number:
/// the most similar name), then by equal or similar name, then by position
/// (only when both lists have the same length, or the names are at least
/// loosely similar). Returns, per gold item, the record index.
pub fn match_items(
    gold: &[(Option<i64>, String)],
    rec: &[(Option<i64>, String)],
) -> Vec<Option<usize>> {
    let mut used = vec![false; rec.len()];
    let mut out: Vec<Option<usize>> = vec![None; gold.len()];
    // 1. number (+ name to break ties)
    for (gi, (gn, gname)) in gold.iter().enumerate() {
        let Some(gn) = gn else { continue };
        let best = rec
            .iter()
            .enumerate()
            .filter(|(ri, (rn, _))| !used[*ri] && *rn == Some(*gn))
            .map(|(ri, (_, rname))| (ri, similarity(gname, rname)))
            .max_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal));
        if let Some((ri, sim)) = best {
            // A number match whose name is unrelated is a different item
            // (numbering restarts, duplicated numbers): leave it to step 2.
            if sim >= 0.3 || gname.is_empty() {
                used[ri] = true;
                out[gi] = Some(ri);
            }
        }
    }
    // 2. name: exact first, then the most similar above a threshold.
    for threshold in [1.0, 0.6] {
        for (gi, (_, gname)) in gold.iter().enumerate() {
            if out[gi].is_some() {
                continue;
            }
            let best = rec
                .iter()
                .enumerate()
                .filter(|(ri, _)| !used[*ri])
                .map(|(ri, (_, rname))| (ri, similarity(gname, rname)))
                .filter(|(_, s)| *s >= threshold)
                .max_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal));
            if let Some((ri, _)) = best {
                used[ri] = true;
                out[gi] = Some(ri);
            }
        }
    }
    // 3. position
    let same_len = gold.len() == rec.len();
    for (gi, (_, gname)) in gold.iter().enumerate() {
        if out[gi].is_some() || gi >= rec.len() || used[gi] {
            continue;
        }
        if same_len || similarity(gname, &rec[gi].1) >= 0.3 {
            used[gi] = true;
            out[gi] = Some(gi);
        }
    }
    out
}

/// An integer from a JSON number or numeric string.
pub fn as_int(v: &Value) -> Option<i64> {
    as_num(v).filter(|f| f.fract() == 0.0).map(|f| f as i64)
}

const THAI_MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];
const THAI_MONTHS_SHORT: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// "ตุลาคม 2563" → months since year 0 (month index, BE year).
fn month_index(s: &str) -> Option<i64> {
    let t = norm_text(s);
    let m = THAI_MONTHS
        .iter()
        .position(|m| t.contains(m))
        .or_else(|| THAI_MONTHS_SHORT.iter().position(|m| t.contains(m)))? as i64;
    let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
    let y: i64 = digits.get(digits.len().saturating_sub(4)..)?.parse().ok()?;
    Some(y * 12 + m)
}

/// A gold `period_months`: a number, or `{"from": "ตุลาคม 2563", "to":
/// "มีนาคม 2564"}` counted inclusively (= 6).
pub fn period_months(v: &Value) -> Value {
    if let (Some(f), Some(t)) = (
        v.get("from").and_then(Value::as_str),
        v.get("to").and_then(Value::as_str),
    ) {
        if let (Some(a), Some(b)) = (month_index(f), month_index(t)) {
            if b >= a {
                return Value::from(b - a + 1);
            }
        }
        return Value::Null;
    }
    v.clone()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_normalisation() {
        assert_eq!(norm_text("สน ๕๒๓๐๑/๑๗๙"), norm_text("สน 52301/179"));
        assert_eq!(norm_text("ประมวล จริยธรรม"), norm_text("ประมวลจริยธรรม"));
        assert_ne!(norm_text("2566 – 2570"), norm_text("2566 - 2570"));
        assert_eq!(norm_text("<p>ทุกกอง</p>"), "ทุกกอง");
    }

    #[test]
    fn numbers() {
        assert!(equal(Kind::Number, &json!(9.38), &json!(9.375)));
        assert!(!equal(Kind::Number, &json!(0), &Value::Null));
        assert!(equal(Kind::Number, &json!("๓๐,๐๐๐"), &json!(30000)));
        assert!(equal(
            Kind::NumList { sorted: false },
            &json!([0, null]),
            &json!([0.0, null])
        ));
        assert!(!equal(
            Kind::NumList { sorted: false },
            &json!([0, null]),
            &json!([0, 0])
        ));
    }

    #[test]
    fn months() {
        assert_eq!(
            period_months(&json!({"from": "ตุลาคม 2563", "to": "มีนาคม 2564"})),
            json!(6)
        );
        assert_eq!(
            period_months(&json!({"from": "ตุลาคม ๒๕๖๓", "to": "กันยายน ๒๕๖๔"})),
            json!(12)
        );
        assert_eq!(period_months(&json!(6)), json!(6));
    }

    #[test]
    fn matching() {
        let g = vec![
            (Some(1), "ก ข ค".to_string()),
            (Some(2), "มาตรการหนึ่ง".into()),
            (None, "กิจกรรมสอง".into()),
        ];
        let r = vec![
            (Some(2), "มาตรการหนึ่ง".into()),
            (None, "กิจกรรมสอง".into()),
            (Some(1), "กขค".into()),
        ];
        assert_eq!(match_items(&g, &r), vec![Some(2), Some(0), Some(1)]);
    }
}
