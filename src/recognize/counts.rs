//! Project counts stated in prose (preface, Part-2 intro): §2.2, §3.8.
//!
//! - whole plan: "… รวมทั้งสิ้นจำนวน 20 โครงการ" (preface, 000:L21), "รวมจำนวน
//!   20 โครงการ" (Part-2 prose, 000:L127);
//! - per dimension: "มิติที่ 1 … จำนวน 4 โครงการ" (000:L23–29); the count
//!   may wrap onto the next non-blank line.
//!
//! Only prose before the real Part-3 heading is read: inside project blocks
//! "จำนวน N โครงการ" means something else. Table rows (TAB lines) are the
//! table's business, not prose.

use super::grammar::{re, PART_HEADING};
use super::{Line, Lines, StatedCount};
use crate::normalize::chars::thai_digits_to_ascii;
use crate::recognize::vocab;

// Whole-plan count: needs รวม (รวมทั้งสิ้น / รวมจำนวน / รวม N) before the count.
re!(
    PLAN_COUNT,
    r"รวม\s*(?:ทั้งสิ้น|ทั้งหมด)?\s*(?:จำนวน)?\s*(?P<n>[0-9]{1,4})\s*(?:โครงการ|กิจกรรม|มาตรการ)"
);
// A dimension line (its misspellings included) with its count.
re!(
    DIM_LINE,
    &format!(
        r"^(?:-\s*)?{dim}\s*ที่\s*(?P<d>[0-9])(?:[^0-9]|$)",
        dim = vocab::dimension_word()
    )
);
re!(
    DIM_COUNT,
    r"จำนวน\s*(?P<n>[0-9]{1,4})\s*(?:โครงการ|กิจกรรม|มาตรการ)"
);
// The start of a wrapped count on the next line.
re!(
    COUNT_CONT,
    r"^(?:จำนวน\s*)?[0-9]{1,4}\s*(?:โครงการ|กิจกรรม|มาตรการ)"
);

/// A real part heading (not preface prose, not a TOC line): its number.
fn real_part_heading(l: &Line) -> Option<u32> {
    if l.has_tab() {
        return None;
    }
    let t = l.text.trim();
    if t.contains("ประกอบด้วย") || DIM_COUNT.is_match(t) {
        return None;
    }
    PART_HEADING
        .captures(t)
        .and_then(|c| c.name("n"))
        .and_then(|n| n.as_str().parse().ok())
}

pub fn stated_counts(lines: &Lines) -> Vec<StatedCount> {
    let mut out = Vec::new();
    // Context: prose before the first real part heading (and the TOC) is the
    // preface; after a real ส่วนที่ 2 heading it is Part-2 prose.
    let mut context = "preface";
    let all = &lines.lines;
    let mut i = 0;
    while i < all.len() {
        let Some(l) = all.get(i) else { break };
        i += 1;
        if l.is_blank() || l.has_tab() {
            continue;
        }
        if let Some(n) = real_part_heading(l) {
            match n {
                2 => context = "part2_prose",
                n if n >= 3 => break,
                _ => context = "part1",
            }
            continue;
        }
        if context == "part1" {
            continue;
        }
        let text = thai_digits_to_ascii(l.text.trim());
        // Join a wrapped count from the next non-blank line.
        let next = lines.next_non_blank(l.no);
        let joined = match next {
            Some(nl)
                if !nl.has_tab()
                    && (text.ends_with("จำนวน")
                        || (!DIM_COUNT.is_match(&text) && !PLAN_COUNT.is_match(&text)))
                    && COUNT_CONT.is_match(&thai_digits_to_ascii(nl.text.trim())) =>
            {
                Some((
                    format!("{text} {}", thai_digits_to_ascii(nl.text.trim())),
                    nl.no,
                ))
            }
            _ => None,
        };
        let (full, end) = joined.clone().unwrap_or_else(|| (text.clone(), l.no));
        if let Some(d) = DIM_LINE
            .captures(&full)
            .and_then(|c| c.name("d"))
            .and_then(|d| d.as_str().parse::<u8>().ok())
        {
            if let Some(n) = DIM_COUNT
                .captures(&full)
                .and_then(|c| c.name("n"))
                .and_then(|n| n.as_str().parse::<u32>().ok())
            {
                out.push(StatedCount {
                    dimension: Some(d),
                    count: n,
                    context: context.to_string(),
                    source_span: lines.span(l.no, end),
                });
                if joined.is_some() {
                    i = end; // skip the continuation line
                }
                continue;
            }
        }
        if let Some(n) = PLAN_COUNT
            .captures(&full)
            .and_then(|c| c.name("n"))
            .and_then(|n| n.as_str().parse::<u32>().ok())
        {
            out.push(StatedCount {
                dimension: None,
                count: n,
                context: context.to_string(),
                source_span: lines.span(l.no, end),
            });
            if joined.is_some() {
                i = end;
            }
        }
    }
    out
}
