//! Heading candidates of the outline (docs/grammar.md §2.2–§2.6), line by
//! line. Context rules (between blocks, current dimension, preface/TOC
//! region) are applied by the walker in `blocks.rs`.

use super::text::{char_len, has_letter, has_tab};
use crate::recognize::grammar::{re, DIMENSION_HEADING, MISSION_HEADING, PART_HEADING};
use crate::recognize::vocab;

// A dimension keyword inside a part title (the merged line of 000:L164).
re!(
    DIM_INSIDE,
    &format!(
        r"{dim}{thi}\s*[0-9](?:\s|$)",
        dim = vocab::dimension_word(),
        thi = vocab::ORDINAL_THI
    )
);
// Preface prose ends with a project count (§2.2).
re!(
    COUNT_END,
    r"จำนวน\s*[0-9]+\s*(?:โครงการ|กิจกรรม|มาตรการ)[^\s]*\s*[.)]?\s*$"
);
re!(
    COUNT_LINE,
    r"^\s*(?:รวม\s*)?จำนวน\s*[0-9]+\s*(?:โครงการ|กิจกรรม|มาตรการ)"
);
// A TOC line in other plans: the title followed by a page number or range.
re!(
    PAGE_END,
    r"\s(?:หน้า\s*)?[0-9]{1,3}(?:\s*[-–]\s*[0-9]{1,3})?$"
);
re!(
    INNER_CODE,
    r"\s(?P<code>[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2})\s+(?P<title>\S.*)$"
);
re!(PART1, r"^(?P<n>[0-9]{1,2})\.\s*(?P<title>\S.*)$");

#[derive(Debug, Clone, PartialEq)]
pub struct PartHeading {
    pub n: u32,
    pub title: Option<String>,
    /// "ส่วนที่ 3 … มิติที่ 1 …" on one line: the dimension part.
    pub merged_dim: Option<(u8, Option<String>)>,
}

/// Preface prose that only looks like a heading (§2.2): "ประกอบด้วย", or
/// a trailing "จำนวน N โครงการ".
pub fn is_prose_heading(text: &str) -> bool {
    text.contains("ประกอบด้วย") || COUNT_END.is_match(text)
}

/// "จำนวน N โครงการ" wrapped onto the line after a preface heading.
pub fn is_count_line(text: &str) -> bool {
    COUNT_LINE.is_match(text)
}

pub fn ends_with_page_number(text: &str) -> bool {
    PAGE_END.is_match(text.trim())
}

fn opt_title(s: Option<&str>) -> Option<String> {
    s.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// §2.3: "ส่วนที่ N title", anchored, no TAB (TOC lines carry one).
pub fn part(text: &str) -> Option<PartHeading> {
    if has_tab(text) {
        return None;
    }
    let t = text.trim();
    let c = PART_HEADING.captures(t)?;
    if is_prose_heading(t) {
        return None;
    }
    let n: u32 = c.name("n")?.as_str().parse().ok()?;
    if n == 0 || n > 9 {
        return None;
    }
    let title = opt_title(c.name("title").map(|m| m.as_str()));
    let mut out = PartHeading {
        n,
        title: title.clone(),
        merged_dim: None,
    };
    if let Some(tt) = title {
        if let Some(m) = DIM_INSIDE.find(&tt) {
            let dim_text = tt.get(m.start()..).unwrap_or("");
            if let Some(d) = dimension(dim_text) {
                out.title = opt_title(tt.get(..m.start()));
                out.merged_dim = Some(d);
            }
        }
    }
    Some(out)
}

/// §2.4: "มิติที่ N title" and its misspellings, anchored, no TAB.
pub fn dimension(text: &str) -> Option<(u8, Option<String>)> {
    if has_tab(text) {
        return None;
    }
    let t = text.trim();
    let c = DIMENSION_HEADING.captures(t)?;
    if is_prose_heading(t) {
        return None;
    }
    let n: u8 = c.name("n")?.as_str().parse().ok()?;
    if n == 0 {
        return None;
    }
    let title = c.name("title").or_else(|| c.name("glued"));
    Some((n, opt_title(title.map(|m| m.as_str()))))
}

re!(
    GLUED_DIM,
    &format!(
        r"\s(?P<kw>{dim}ที่\s*(?P<n>[0-9])(?:\s+(?P<title>\S.*))?)$",
        dim = vocab::dimension_word()
    )
);

/// A dimension heading run onto the end of a text line (PDF paragraphs):
/// (text before, number, title). The caller must corroborate it.
pub fn glued_dimension(text: &str) -> Option<(String, u8, Option<String>)> {
    if has_tab(text) {
        return None;
    }
    let c = GLUED_DIM.captures(text)?;
    let kw = c.name("kw")?;
    let prefix = text.get(..kw.start())?.trim().to_string();
    if prefix.is_empty() {
        return None;
    }
    let n: u8 = c.name("n")?.as_str().parse().ok()?;
    Some((prefix, n, opt_title(c.name("title").map(|m| m.as_str()))))
}

/// §2.5: a mission code heading "2.2.3 title". A TAB indent or a TAB inside
/// the line makes it a list item or a table cell, not a heading.
pub fn mission(text: &str) -> Option<(String, String)> {
    if has_tab(text) {
        return None;
    }
    let t = text.trim();
    let c = MISSION_HEADING.captures(t)?;
    let code = c.name("code")?.as_str().to_string();
    let title = c.name("title")?.as_str().trim().to_string();
    if !has_letter(&title) || code.split('.').any(|p| p.len() > 2) {
        return None;
    }
    // Issue 12 class 7: a Thai and an Arabic code on one line ("๑.๑ การสร้าง
    // จิตสำนึก 1.1.1 การสร้างจิตสำนึกและ…", digits already ASCII): the code
    // that extends the first is the more specific heading.
    if let Some(m) = INNER_CODE.captures(&title) {
        if let (Some(c2), Some(t2)) = (m.name("code"), m.name("title")) {
            if c2.as_str().starts_with(&format!("{code}.")) && has_letter(t2.as_str()) {
                return Some((c2.as_str().to_string(), t2.as_str().trim().to_string()));
            }
        }
    }
    Some((code, title))
}

pub fn first_component(code: &str) -> Option<u32> {
    code.split('.').next().and_then(|p| p.parse().ok())
}

/// §2.6: a numbered Part-1 section ("2. หลักการและเหตุผล"): short, no TAB.
pub fn part1_heading(text: &str) -> Option<(String, String)> {
    if has_tab(text) {
        return None;
    }
    let t = text.trim();
    let c = PART1.captures(t)?;
    let title = c.name("title")?.as_str().trim().to_string();
    if char_len(&title) > 80 || title.matches(' ').count() > 4 || !has_letter(&title) {
        return None;
    }
    if title.starts_with(|ch: char| ch.is_ascii_digit() || ch == ')' || ch == '(') {
        return None;
    }
    Some((c.name("n")?.as_str().to_string(), title))
}

/// §2.6 memo headings (004:L17–53): a short line opening a memo section.
pub fn memo_heading(text: &str) -> Option<String> {
    const STEMS: [&str; 9] = [
        "ต้นเรื่อง",
        "เรื่องเดิม",
        "ข้อเท็จจริง",
        "ข้อพิจารณา",
        "ข้อเสนอแนะ",
        "ข้อกฎหมาย",
        "ระเบียบที่เกี่ยวข้อง",
        "ความเห็น",
        "คำสั่ง",
    ];
    if has_tab(text) {
        return None;
    }
    let t = text.trim();
    if char_len(t) > 60 || !STEMS.iter().any(|s| t.starts_with(s)) {
        return None;
    }
    Some(t.to_string())
}

/// A short stand-alone line in front of a table ("การเบิกจ่ายงบประมาณ"):
/// the caller checks that a table row follows.
pub fn table_title(text: &str) -> Option<String> {
    if has_tab(text) {
        return None;
    }
    let t = text.trim();
    if t.is_empty() || char_len(t) > 80 || !has_letter(t) {
        return None;
    }
    if t.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '(' || c == '*' || c == '•')
    {
        return None;
    }
    Some(t.to_string())
}

/// A report title line ("รายงานผลการดำเนินการตามแผน…", 004:L106).
pub fn report_title(text: &str) -> Option<String> {
    if has_tab(text) {
        return None;
    }
    let t = text.trim();
    if t.starts_with("รายงานผล") && char_len(t) <= 250 {
        Some(t.to_string())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts() {
        let p = part("ส่วนที่ 3 รายละเอียดโครงการ/กิจกรรม/มาตรการ มิติที่ 1 การสร้างวัฒนธรรมสุจริต").unwrap();
        assert_eq!(p.n, 3);
        assert_eq!(p.title.as_deref(), Some("รายละเอียดโครงการ/กิจกรรม/มาตรการ"));
        assert_eq!(p.merged_dim, Some((1, Some("การสร้างวัฒนธรรมสุจริต".into()))));
        assert_eq!(part("ส่วนที่ 3").unwrap().title, None);
        assert!(part("ส่วนที่ 1 บทนำ ประกอบด้วย การประเมินความเสี่ยง").is_none());
        assert!(part("ส่วนที่ 1 บทนำ\t1 - 7").is_none());
        assert!(part("…ทุกส่วนที่ได้รับ").is_none());
    }

    #[test]
    fn dimensions_and_missions() {
        assert_eq!(
            dimension("มติที่ 2 การบริหารราชการด้วยความโปร่งใส").map(|d| d.0),
            Some(2)
        );
        assert!(dimension("มิติที่ 1 การสร้างวัฒนธรรมสุจริต จำนวน 4 โครงการ").is_none());
        assert!(dimension("มิติที่ 1\t70,000.00").is_none());
        assert!(dimension("รวม 4 มิติ").is_none());
        assert_eq!(mission("- 2.3.1 มีการจัดทำแผนภูมิ").unwrap().0, "2.3.1");
        assert!(mission("2.1) กำหนดแนวทาง").is_none());
        assert!(mission("\t3.1 เพื่อเป็นการลดขั้นตอน").is_none());
        assert!(mission("4.4.กิจกรรมการรายงานผล").is_none());
        assert!(mission("4.1.1.1. โครงการจัดทำแผน").is_none());
    }

    #[test]
    fn other_headings() {
        assert_eq!(
            part1_heading("2. หลักการและเหตุผล"),
            Some(("2".into(), "หลักการและเหตุผล".into()))
        );
        assert!(part1_heading("1. การประเมินความเสี่ยงการทุจริต\t").is_none());
        assert!(memo_heading("ข้อพิจารณา/ข้อเสนอแนะ").is_some());
        assert!(is_count_line("จำนวน 4 โครงการ"));
        assert!(ends_with_page_number("ส่วนที่ 1 บทนำ 1 - 7"));
    }
}
