//! The covering บันทึกข้อความ (docs/grammar.md §1.2, §5.2): header fields with
//! their label words stripped. The approval block below them is metadata
//! and is not read.

use crate::model::WarningCode;
use crate::model::{Memo, Warning};
use crate::recognize::lines::collapse_spaces;
use crate::recognize::Lines;
use regex::Regex;
use std::sync::LazyLock;

static FORM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^บันทึก\s*ข้อความ$").expect("static regex"));
// Label then value; the value may also sit on the next line. "ที่" and
// "วันที่" often share one line ("ที่ สน 52301/179 วันที่ 31 มีนาคม 2564").
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<label>ส่วนราชการ|วันที่|ที่|เรื่อง|เรียน)(?:\s*:)?(?:\s+|$)(?P<value>.*)$")
        .expect("static regex")
});
// OCR only: "ที่" / "วันที่" with the space after the label lost
// ("ที่สน 52301/135", "วันที่31มีนาคม2505"); the value must start like a
// reference or a date so prose is not split.
static OCR_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<label>วันที่|ที่)(?P<value>(?:[ก-ฮ]{1,4}\.?\s*)?[0-9].*)$").expect("static regex")
});
static DATE_IN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+วันที่\s*:?\s*").expect("static regex"));

/// How far after the form line the header fields may sit (blank lines included).
const WINDOW: usize = 30;

pub fn recognize(lines: &Lines, warnings: &mut Vec<Warning>) -> Option<Memo> {
    // The form word is on a line of its own near the top (§1.2).
    let form = lines
        .lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(40)
        .find(|l| FORM.is_match(&flat(l.text)))?;
    let mut memo = Memo::default();
    let mut last = form.no;
    let end = form.no + WINDOW;
    let mut no = form.no;
    let mut last_label: Option<&'static str> = None;
    while let Some(l) = lines.next_non_blank(no) {
        no = l.no;
        if no > end {
            break;
        }
        let text = flat(l.text);
        let field = FIELD
            .captures(&text)
            .or_else(|| OCR_FIELD.captures(&text).filter(|_| l.ocr));
        let Some(c) = field else {
            // A wrapped value (PDF lines are visual lines: the subject
            // wraps) continues the field above it, until เรียน.
            if memo.addressee.is_some() {
                break;
            }
            let slot = match last_label {
                Some("ส่วนราชการ") => &mut memo.department,
                Some("เรื่อง") => &mut memo.subject,
                _ => continue,
            };
            if let Some(v) = slot.as_mut() {
                *v = crate::recognize::lines::join_fragments(&[v.as_str(), text.as_str()]);
                last = no;
            }
            continue;
        };
        let label = c.name("label").map(|m| m.as_str()).unwrap_or("");
        last_label = match label {
            "ส่วนราชการ" => Some("ส่วนราชการ"),
            "เรื่อง" => Some("เรื่อง"),
            _ => None,
        };
        let mut value = c
            .name("value")
            .map(|m| m.as_str().trim().to_string())
            .unwrap_or_default();
        if value.is_empty() {
            // Value on the next line.
            if let Some(n) = lines.next_non_blank(no) {
                if !FIELD.is_match(&flat(n.text)) {
                    value = flat(n.text);
                    no = n.no;
                }
            }
        }
        let value = value.trim_start_matches(':').trim().to_string();
        last = no;
        match label {
            "ส่วนราชการ" => {
                set(&mut memo.department, value, label, l.no, lines, warnings)
            }
            "ที่" => {
                // "ที่ สน 52301/179 วันที่ 31 มีนาคม 2564"
                let parts: Vec<&str> = DATE_IN.splitn(&value, 2).collect();
                set(
                    &mut memo.reference,
                    parts.first().map(|s| s.to_string()).unwrap_or_default(),
                    label,
                    l.no,
                    lines,
                    warnings,
                );
                if let Some(d) = parts.get(1) {
                    set(
                        &mut memo.date_text,
                        d.to_string(),
                        "วันที่",
                        l.no,
                        lines,
                        warnings,
                    );
                }
            }
            "วันที่" => set(&mut memo.date_text, value, label, l.no, lines, warnings),
            "เรื่อง" => set(&mut memo.subject, value, label, l.no, lines, warnings),
            "เรียน" => {
                set(&mut memo.addressee, value, label, l.no, lines, warnings);
                break;
            }
            _ => {}
        }
    }
    if memo.department.is_none()
        && memo.reference.is_none()
        && memo.subject.is_none()
        && memo.addressee.is_none()
    {
        warnings.push(Warning::new(
            WarningCode::MemoFields,
            "บันทึกข้อความ without header fields",
            Some(form.span()),
        ));
    }
    memo.source_span = Some(lines.span(form.no, last));
    Some(memo)
}

/// Cells of a table-laid memo header join with one space.
fn flat(s: &str) -> String {
    collapse_spaces(&crate::recognize::lines::clean_cell(&super::text::canon(
        &s.replace('\t', " "),
    )))
}

fn set(
    slot: &mut Option<String>,
    value: String,
    label: &str,
    no: usize,
    lines: &Lines,
    warnings: &mut Vec<Warning>,
) {
    if value.is_empty() {
        return;
    }
    if slot.is_some() {
        warnings.push(Warning::new(
            WarningCode::MemoFieldRepeated,
            format!("memo field {label} printed twice"),
            Some(lines.span(no, no)),
        ));
        return;
    }
    *slot = Some(value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::report::test_support::doc;

    #[test]
    fn same_line_reference_and_date_and_value_on_next_line() {
        let d = doc(&[
            "บันทึกข้อความ",
            "ส่วนราชการ กองคลัง",
            "ที่ ชม 12345/67 วันที่ 1 เมษายน 2566",
            "เรื่อง",
            "รายงานผลการดำเนินงาน",
            "ตามแผน ปี พ.ศ. 2566",
            "เรียน นายกองค์การบริหารส่วนตำบลตัวอย่าง",
            "ต้นเรื่อง",
        ]);
        let mut w = Vec::new();
        let m = recognize(&Lines::new(&d), &mut w).expect("memo");
        assert_eq!(m.department.as_deref(), Some("กองคลัง"));
        assert_eq!(m.reference.as_deref(), Some("ชม 12345/67"));
        assert_eq!(m.date_text.as_deref(), Some("1 เมษายน 2566"));
        assert_eq!(
            m.subject.as_deref(),
            Some("รายงานผลการดำเนินงาน ตามแผน ปี พ.ศ. 2566")
        );
        assert_eq!(m.addressee.as_deref(), Some("นายกองค์การบริหารส่วนตำบลตัวอย่าง"));
        assert_eq!(
            m.source_span.map(|s| (s.line_start, s.line_end)),
            Some((1, 7))
        );
    }

    #[test]
    fn no_form_no_memo() {
        let d = doc(&["เรื่อง ทดสอบ", "เรียน นายก"]);
        assert!(recognize(&Lines::new(&d), &mut Vec::new()).is_none());
    }
}
