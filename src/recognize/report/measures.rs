//! ITA "measures" results tables (docs/grammar.md §5.1): one row per measure,
//! columns found by their header words. Header rows repeat after page
//! breaks and are recognised by content; `--` separator rows are dropped;
//! rows whose name cell is empty continue the previous measure.

use super::text::sq;
use crate::model::WarningCode;
use crate::model::{Measure, Warning};
use crate::recognize::grammar::squash;
use crate::recognize::{Line, Lines};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Name,
    Method,
    Responsible,
    Period,
    Result,
    Outcome,
}

#[derive(Debug, Default)]
pub struct Measures {
    pub rows: Vec<Measure>,
    pub columns: Vec<String>,
}

/// The column a header cell names. Order matters: "ผลลัพธ์หรือความสำเร็จ"
/// before "สรุปผลการดำเนินการ" before the name column's "มาตรการ".
pub fn classify_header(cell: &str) -> Option<Col> {
    let t = sq(cell);
    if t.is_empty() {
        return None;
    }
    if t.contains("ผลลัพธ์") || t.contains("ความสำเร็จ") {
        Some(Col::Outcome)
    } else if t.contains("สรุปผล") || t.starts_with("ผลการดำเนิน") || t.starts_with("ผลการปฏิบัติ")
    {
        Some(Col::Result)
    } else if t.contains("ระยะเวลา") {
        Some(Col::Period)
    } else if t.contains("ผู้รับผิดชอบ") || t.starts_with("หน่วยงาน")
    {
        Some(Col::Responsible)
    } else if t.contains("ขั้นตอน") || t.starts_with("วิธี") {
        Some(Col::Method)
    } else if t.starts_with("มาตรการ") || t.starts_with("กิจกรรม") || t.starts_with("โครงการ")
    {
        Some(Col::Name)
    } else {
        None
    }
}

/// A header row: at least three different columns named, the name column
/// among them, and a result or outcome column.
fn header(line: &Line) -> Option<Vec<Option<Col>>> {
    if !line.has_tab() {
        return None;
    }
    let cols: Vec<Option<Col>> = line
        .raw_cells()
        .iter()
        .map(|c| classify_header(c))
        .collect();
    let mut kinds: Vec<Col> = cols.iter().flatten().copied().collect();
    kinds.dedup();
    let distinct = {
        let mut k = kinds.clone();
        k.sort_by_key(|c| *c as u8);
        k.dedup();
        k.len()
    };
    let has = |c: Col| cols.contains(&Some(c));
    // Data cells are long; header cells are short labels.
    let short = line.cells().iter().all(|c| c.chars().count() <= 40);
    if distinct >= 3 && short && has(Col::Name) && (has(Col::Result) || has(Col::Outcome)) {
        Some(cols)
    } else {
        None
    }
}

fn is_separator(line: &Line) -> bool {
    let t = line.text.trim();
    !t.is_empty()
        && t.chars()
            .all(|c| c == '-' || c == '\t' || c == ' ' || c == '|' || c == ':')
}

pub fn recognize(lines: &Lines, warnings: &mut Vec<Warning>) -> Measures {
    let mut out = Measures::default();
    let mut cols: Option<Vec<Option<Col>>> = None;
    // The first row after a (repeated) header line.
    let mut after_header = false;
    for l in &lines.lines {
        if let Some(h) = header(l) {
            if out.columns.is_empty() {
                out.columns = l.cells();
            }
            cols = Some(h);
            after_header = true;
            continue;
        }
        let first_after_header = std::mem::replace(&mut after_header, false);
        let Some(map) = &cols else { continue };
        if l.is_blank() || is_separator(l) {
            continue;
        }
        if !l.has_tab() {
            // Prose ends the table.
            cols = None;
            continue;
        }
        let cells = l.cells();
        let get = |c: Col| -> String {
            map.iter()
                .position(|x| *x == Some(c))
                .and_then(|i| cells.get(i))
                .cloned()
                .unwrap_or_default()
        };
        let mut name = get(Col::Name);
        if l.ocr {
            // A speck read as a lone full stop or comma after the name.
            while let Some((head, tail)) = name.rsplit_once(' ') {
                if tail.is_empty() || !tail.chars().all(|c| matches!(c, '.' | ',' | '\'')) {
                    break;
                }
                name = head.trim_end().to_string();
            }
        }
        // OCR: a measure cut by a page break goes on below the repeated
        // header with its name cell filled too ("จัดซื้อจัดจ้าง"): no
        // responsible unit and a period cell that does not open with ปี
        // ("กันยายน ๒๕๖๘", the tail of the period) mark the rest of the
        // row above, never a new measure.
        let period = get(Col::Period);
        if l.ocr
            && first_after_header
            && !name.is_empty()
            && get(Col::Responsible).is_empty()
            && !period.trim_start().starts_with("ปี")
        {
            if let Some(prev) = out.rows.last_mut() {
                prev.name = format!("{} {name}", prev.name);
                append(&mut prev.method_text, get(Col::Method));
                append(&mut prev.period_text, period);
                append(&mut prev.result_text, get(Col::Result));
                append(&mut prev.outcome_text, get(Col::Outcome));
                prev.source_span = prev.source_span.join(l.span());
                continue;
            }
        }
        if name.is_empty() {
            // A continuation row (002:L14, L23): its cells continue the
            // previous measure's columns, usually only the last one.
            match out.rows.last_mut() {
                Some(prev) => {
                    append(&mut prev.method_text, get(Col::Method));
                    append(&mut prev.responsible, get(Col::Responsible));
                    append(&mut prev.period_text, get(Col::Period));
                    append(&mut prev.result_text, get(Col::Result));
                    append(&mut prev.outcome_text, get(Col::Outcome));
                    prev.source_span = prev.source_span.join(l.span());
                }
                None => {
                    if l.non_empty_cells() > 0 {
                        warnings.push(Warning::new(
                            WarningCode::MeasureOrphanRow,
                            "table row without a measure name before any measure",
                            Some(l.span()),
                        ));
                    }
                }
            }
            continue;
        }
        let opt = |s: String| if s.is_empty() { None } else { Some(s) };
        out.rows.push(Measure {
            name,
            method_text: opt(get(Col::Method)),
            responsible: opt(get(Col::Responsible)),
            period_text: opt(get(Col::Period)),
            result_text: opt(get(Col::Result)),
            outcome_text: opt(get(Col::Outcome)),
            source_span: l.span(),
            ..Default::default()
        });
    }
    for m in &mut out.rows {
        repair_name(m, warnings);
        let mut text = String::new();
        for t in [&m.result_text, &m.outcome_text].into_iter().flatten() {
            text.push_str(t);
            text.push(' ');
        }
        let (scores, changes) = ita_numbers(&text);
        m.ita_scores = scores;
        m.ita_score_changes = changes;
    }
    out
}

fn append(slot: &mut Option<String>, more: String) {
    if more.is_empty() {
        return;
    }
    match slot {
        Some(s) => {
            s.push(' ');
            s.push_str(&more);
        }
        None => *slot = Some(more),
    }
}

/// Thai (and Lao look-alike) vowel and tone marks: what a garbled cell
/// gets wrong or loses (§6.1: ุ for ู, a Lao ິ for ิ, or the mark dropped by
/// PDF extraction: "ทรัพย์สน").
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' | '\u{0EB1}' | '\u{0EB4}'..='\u{0EBC}' | '\u{0EC8}'..='\u{0ECD}')
}

/// Base letters only (ำ read as า: "ก ำ ร" for การ), with each one's index.
fn skeleton(chars: &[char]) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::new();
    let mut idx = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if is_mark(*c) {
            continue;
        }
        out.push(if *c == '\u{0E33}' { '\u{0E32}' } else { *c });
        idx.push(i);
    }
    (out, idx)
}

/// A letter-spaced, misspelt name cell (002:L12 col 1) is written normally
/// elsewhere in its own row. When the squashed name does not occur there
/// but a phrase with the same base letters does (marks and ำ/า aside), that
/// phrase is the name; the printed form is kept in `name_as_printed` and a
/// warning says so.
fn repair_name(m: &mut Measure, warnings: &mut Vec<Warning>) {
    let name_s = squash(&m.name);
    let name: Vec<char> = name_s.chars().collect();
    let mut row_s = String::new();
    for t in [&m.method_text, &m.result_text, &m.outcome_text]
        .into_iter()
        .flatten()
    {
        row_s.push_str(&squash(t));
    }
    if row_s.contains(&name_s) {
        return;
    }
    let row: Vec<char> = row_s.chars().collect();
    let (nk, _) = skeleton(&name);
    let (rk, ri) = skeleton(&row);
    if nk.len() < 8 || rk.len() < nk.len() {
        return;
    }
    let Some(start) = rk.windows(nk.len()).position(|w| w == nk.as_slice()) else {
        return;
    };
    let (Some(&from), Some(&last)) = (ri.get(start), ri.get(start + nk.len() - 1)) else {
        return;
    };
    let mut to = last + 1;
    while row.get(to).is_some_and(|c| is_mark(*c)) {
        to += 1;
    }
    let fixed: String = row
        .get(from..to)
        .map(|w| w.iter().collect())
        .unwrap_or_default();
    if fixed.is_empty() || fixed == name_s {
        return;
    }
    warnings.push(Warning::new(
        WarningCode::MeasureNameRespelled,
        format!(
            "measure name printed \"{}\"; the same phrase is written \"{fixed}\" in its row",
            m.name
        ),
        Some(m.source_span),
    ));
    m.name_as_printed = Some(std::mem::replace(&mut m.name, fixed));
}

static NUM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]+(?:[.,][0-9]+)*").expect("static regex"));
// A space may split the word: OCR word spacing ("เพิ่ม ขึ้น8.91" on the
// 002 scan) or a wrapped line joined with a space.
static CHANGE_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"เพิ่ม\s?ขึ้น|ลด\s?ลง|เปลี่ยน\s?แปลง|ต่าง\s?จาก").expect("static regex"));
static SCORE_CONTEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)คะแนน|ITA|ร้อยละ").expect("static regex"));

/// Every ITA score a row states, and the stated changes (§5.1). A number
/// counts when it reads as a score (0–100, at most 2 decimals; an integer
/// only when "คะแนน" follows) in a score context; years, list markers,
/// URLs and indicator codes ("(e4)") do not. A number after a change word
/// (เพิ่มขึ้น, ลดลง) is a change, unless arithmetic shows it is the earlier
/// score: a − b = c with c another change makes b a score (002 row 3:
/// 98.67 − 89.76 = 8.91).
pub fn ita_numbers(text: &str) -> (Vec<f64>, Vec<f64>) {
    // (value, is_change)
    let mut found: Vec<(f64, bool)> = Vec::new();
    let mut window_start = 0usize;
    for m in NUM.find_iter(text) {
        let tok = m.as_str();
        let before = &text[..m.start()];
        let after = &text[m.end()..];
        let prev = before.chars().last();
        let next = after.chars().next();
        // Indicator codes, URLs, dates, versions.
        if prev.is_some_and(|c| {
            c.is_ascii_alphabetic() || matches!(c, '/' | ':' | '.' | '-' | '_' | '=' | '?' | '&')
        }) || next.is_some_and(|c| c.is_ascii_alphabetic() || c == '/')
        {
            continue;
        }
        let decimal = tok.contains('.') && !tok.contains(',');
        let after_trim = after.trim_start();
        let followed_by_score = after_trim.starts_with("คะแนน");
        if decimal {
            let mut parts = tok.split('.');
            let int = parts.next().unwrap_or("");
            let frac = parts.next().unwrap_or("");
            if parts.next().is_some() || int.len() > 3 || frac.is_empty() || frac.len() > 2 {
                continue;
            }
        } else if tok.contains(',') || !followed_by_score || tok.len() > 3 {
            continue;
        }
        let Ok(v) = tok.parse::<f64>() else { continue };
        if !(0.0..=100.0).contains(&v) {
            continue;
        }
        // The text since the previous candidate (at most ~80 characters)
        // decides the number's role.
        let win_from = floor_char(before, window_start.max(before.len().saturating_sub(240)));
        let window = &before[win_from..];
        let change = CHANGE_WORD.is_match(window);
        // A change needs a score before it; a score needs a score word.
        if !(SCORE_CONTEXT.is_match(window) || followed_by_score || (change && !found.is_empty())) {
            continue;
        }
        found.push((v, change));
        window_start = m.end();
    }
    // Arithmetic: a score a, a "change" b and a change c with |a − b| = c
    // means b is the earlier score (the change is the smaller number).
    // (Cubic in the numbers found: only for the few a row states.)
    let n = if found.len() <= 24 { found.len() } else { 0 };
    let mut to_score = Vec::new();
    for i in 0..n {
        for j in 0..n {
            for k in 0..n {
                if i == j || j == k || i == k {
                    continue;
                }
                let (a, a_ch) = found[i];
                let (b, b_ch) = found[j];
                let (c, c_ch) = found[k];
                if !a_ch && b_ch && c_ch && c < b && ((a - b).abs() - c).abs() < 0.011 {
                    to_score.push(j);
                }
            }
        }
    }
    for j in to_score {
        if let Some(f) = found.get_mut(j) {
            f.1 = false;
        }
    }
    let scores = found.iter().filter(|f| !f.1).map(|f| f.0).collect();
    let changes = found.iter().filter(|f| f.1).map(|f| f.0).collect();
    (scores, changes)
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i.min(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_and_changes() {
        let r1 = "หรือไม่ITA ปี 2568 ปีงบประมาณ 2568 ได้คะแนน 88.83 เพิ่มขึ้นจากปีงบประมาณ 2567 ร้อยละ 3.16 พบว่า ด้านการปรับปรุง การทำงาน (e4) และ";
        assert_eq!(ita_numbers(r1), (vec![88.83], vec![3.16]));
        let r3 = "ITA ปี2568 ได้ คะแนน 98.67 คะแนน เพิ่มขึ้นคะแนน 89.76 คะแนน มีคะแนนเฉลี่ยเพิ่มขึ้น8.91 คะแนน แสดงให้เห็นว่า";
        assert_eq!(ita_numbers(r3), (vec![98.67, 89.76], vec![8.91]));
        // The same row as OCR spaces it: the change words split.
        let r3_ocr = "ITA ปี2568 ได้ คะแนน 98.67 คะแนน เพิ่มขึ้น คะแนน 89.76 คะแนน มี คะแนนเฉลี่ยเพิ่ม ขึ้น8.91 คะแนน แสดงให้";
        assert_eq!(ita_numbers(r3_ocr), (vec![98.67, 89.76], vec![8.91]));
        let r5_ocr = "ได้คะแนนร้อยละ 88.84 เพิ่ม ขึ้น 3.17 และ ลด ลง 1.5 แสดงให้เห็นว่า";
        assert_eq!(ita_numbers(r5_ocr), (vec![88.84], vec![3.17, 1.5]));
        let r5 = "ปีงบประมาณ 2568 ได้คะแนนร้อยละ 88.84 เพิ่มขึ้น 3.17 แสดงให้เห็นว่า";
        assert_eq!(ita_numbers(r5), (vec![88.84], vec![3.17]));
        assert_eq!(
            ita_numbers("1. เว็บไซต์ https://www.takhob.go.th/index.php 2. Facebook"),
            (vec![], vec![])
        );
        assert_eq!(
            ita_numbers("ผลการ ประเมิน EIT ด้านประสิทธิภาพ อยู่ในระดับดี พ.ศ.2560"),
            (vec![], vec![])
        );
    }
}
