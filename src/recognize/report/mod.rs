//! Implementation and ITA reports (docs/grammar.md §5; RECORD.md `report`).
//!
//! A report is read in independent passes, each tolerant of the others'
//! absence: the covering memo (§5.2), an ITA measures table (§5.1), the
//! e-PlanNACC statistics tables (§5.3) and the narrative items (§5.4).
//! Top-level facts (fiscal year, round, overall ITA score) come from titles
//! and prose. Nothing here checks arithmetic: `check::report` does.

pub mod activities;
pub mod measures;
pub mod memo;
pub mod stats;
pub mod text;

use super::{Lines, Meta};
use crate::model::WarningCode;
use crate::model::{Report, SourceSpan, Warning};
use crate::recognize::grammar::re;
use crate::recognize::vocab;

// A fiscal-year phrase: "ประจำปีงบประมาณ พ.ศ. 2564", "ปี พ.ศ.2564", "ปีงบประมาณ 2568".
// A following "- 2564" makes it a range (an item title), which is not a report year;
// a fifth digit (OCR: "๒๕๒๐๕") makes it no year at all.
re!(
    YEAR_PHRASE,
    &format!(
        r"ปี\s*(?:งบประมาณ\s*)?(?:{loose}\s*)?(?P<y>25[4-9][0-9])(?P<range>\s*[-–—]\s*(?:{be}\s*)?[0-9]{{4}})?(?:[^0-9]|$)",
        loose = vocab::BE_ERA_LOOSE,
        be = vocab::BE_ERA
    )
);
re!(
    BUDGET_YEAR_PHRASE,
    &format!(
        r"ประจำปี\s*งบประมาณ\s*(?:{loose}\s*)?(?P<y>25[4-9][0-9])(?P<range>\s*[-–—]\s*(?:{be}\s*)?[0-9]{{4}})?(?:[^0-9]|$)",
        loose = vocab::BE_ERA_LOOSE,
        be = vocab::BE_ERA
    )
);
// "รอบ 6 เดือน (ตุลาคม 2563 – มีนาคม 2564)".
re!(
    ROUND,
    r"รอบ\s*(?P<m>[0-9]{1,2})\s*เดือน(?P<paren>\s*\([^)]*\))?"
);
// "คะแนนเฉลี่ยรวม 92.22 คะแนน ระดับคะแนนผ่านดี".
re!(
    OVERALL_ITA,
    r"คะแนน(?:เฉลี่ย)?\s*(?:รวม|ภาพรวม)\s*(?:เท่ากับ\s*|ได้\s*)?(?P<s>[0-9]{1,3}(?:\.[0-9]{1,2})?)\s*(?:คะแนน)?\s*(?P<lvl>ระดับ(?:คะแนน)?\s*(?:ไม่ผ่าน|ผ่าน)?\s*(?:ดีเยี่ยม|ดีมาก|ดี|พอใช้|ปานกลาง|ต้องปรับปรุง|ปรับปรุง|สูงมาก|สูง|ต่ำมาก|ต่ำ|มาก|น้อย)?(?:\s*\(?[A-F]{1,2}\)?(?:\s|$))?)?"
);

pub fn recognize(lines: &Lines, meta: &Meta) -> (Report, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut report = Report::default();

    let memo = memo::recognize(lines, &mut warnings);

    let m = measures::recognize(lines, &mut warnings);
    report.measures = m.rows;
    report.measure_columns = m.columns;

    let st = stats::recognize(lines, &mut warnings);
    report.dimension_summary = st.summary_rows;
    report.summary_total = st.summary_total;
    report.summary_columns = st.summary_columns;
    report.status = st.status;
    report.extra_tables = st.extra_tables;
    report.data_as_of_text = st.data_as_of_text;

    report.activities = activities::recognize(lines, &mut warnings);
    drop_impossible_dimensions(&mut report, &mut warnings);

    // Lines that belong to tables or items are not prose.
    let mut covered = vec![false; lines.len() + 2];
    for a in &report.activities {
        for n in a.source_span.line_start..=a.source_span.line_end {
            if let Some(c) = covered.get_mut(n) {
                *c = true;
            }
        }
    }
    let is_prose = |no: usize| !covered.get(no).copied().unwrap_or(false);

    report.fiscal_year = fiscal_year(lines, &memo, &st.title_rows, meta, &mut warnings);
    if let Some(fy) = report.fiscal_year {
        let mut w = Vec::new();
        prose_year_clash(lines, fy, &is_prose, &mut w);
        // The metadata pass may already have said so for the same line.
        w.retain(|x| {
            !meta.warnings.iter().any(|m| {
                m.code == x.code
                    && m.source_span.map(|s| s.line_start) == x.source_span.map(|s| s.line_start)
            })
        });
        warnings.extend(w);
    }
    let (pt, pm) = period(lines, &is_prose, &mut warnings);
    report.period_text = pt;
    report.period_months = pm;
    let (score, lvl) = overall_ita(lines);
    report.ita_score = score;
    report.ita_level_text = lvl;
    report.memo = memo;
    (report, warnings)
}

/// The only non-empty cell of a row is the first: a title row inside a table.
pub(crate) fn title_cell(text: &str) -> Option<String> {
    let cells: Vec<String> = text.split('\t').map(super::lines::clean_cell).collect();
    let first = cells.first()?.clone();
    if first.is_empty() || cells.iter().skip(1).any(|c| !c.is_empty()) {
        return None;
    }
    Some(first)
}

fn year_of(text: &str) -> Option<u32> {
    YEAR_PHRASE
        .captures_iter(text)
        .find(|c| c.name("range").is_none())
        .and_then(|c| c.name("y"))
        .and_then(|y| y.as_str().parse().ok())
}

/// Title, memo subject or table title (§1.3); disagreements among them
/// are warned about, the first report title wins.
fn fiscal_year(
    lines: &Lines,
    memo: &Option<crate::model::Memo>,
    title_rows: &[(usize, String)],
    meta: &Meta,
    warnings: &mut Vec<Warning>,
) -> Option<u32> {
    let mut found: Vec<(u32, usize, &'static str)> = Vec::new();
    // Report titles: a line starting with รายงานผล, or it and the next two
    // non-blank lines (004: the year is on the title's second line).
    for l in &lines.lines {
        let t = l.text.trim();
        if l.has_tab() || !t.starts_with("รายงานผล") || t.chars().count() > 250 {
            continue;
        }
        // The year may be on the title's next lines (004:L107; PDF: "…ประจำปีงบประมาณ" / "2568").
        let mut joined = t.to_string();
        let mut no = l.no;
        let mut y = year_of(&joined);
        for _ in 0..2 {
            if y.is_some() {
                break;
            }
            match lines.next_non_blank(no) {
                Some(n) if !n.has_tab() && n.text.chars().count() < 120 => {
                    joined.push(' ');
                    joined.push_str(n.text.trim());
                    y = year_of(&joined);
                    no = n.no;
                }
                _ => break,
            }
        }
        if let Some(y) = y {
            found.push((y, l.no, "title"));
        }
    }
    for (no, t) in title_rows {
        if let Some(y) = year_of(t) {
            found.push((y, *no, "table title"));
        }
    }
    if let Some(m) = memo {
        if let Some(y) = m.subject.as_deref().and_then(year_of) {
            let no = m.source_span.map(|s| s.line_start).unwrap_or(0);
            found.push((y, no, "memo subject"));
        }
    }
    let chosen = found
        .iter()
        .find(|f| f.2 == "title")
        .or_else(|| found.iter().find(|f| f.2 == "memo subject"))
        .or_else(|| found.first())
        .map(|f| f.0)
        .or_else(|| {
            if meta.fiscal_years.len() == 1 {
                meta.fiscal_years.first().copied()
            } else {
                None
            }
        });
    if let Some(fy) = chosen {
        for (y, no, what) in &found {
            if *y != fy {
                warnings.push(Warning::new(
                    WarningCode::FiscalYearConflict,
                    format!("{what} states fiscal year {y}, the report title {fy}"),
                    Some(lines.span(*no, *no)),
                ));
            }
        }
    }
    chosen
}

/// §1.3: prose that names another fiscal year than the title (002:L5).
fn prose_year_clash(
    lines: &Lines,
    fy: u32,
    is_prose: &dyn Fn(usize) -> bool,
    warnings: &mut Vec<Warning>,
) {
    for l in &lines.lines {
        if l.has_tab() || !is_prose(l.no) {
            continue;
        }
        for c in BUDGET_YEAR_PHRASE.captures_iter(l.text) {
            if c.name("range").is_some() {
                continue;
            }
            let Some(y) = c.name("y").and_then(|y| y.as_str().parse::<u32>().ok()) else {
                continue;
            };
            if y != fy {
                warnings.push(Warning::new(
                    WarningCode::FiscalYearClash,
                    format!("prose says \"{}\" under a report for fiscal year {fy}; the title's year is kept", c.get(0).map(|m| m.as_str()).unwrap_or("")),
                    Some(l.span()),
                ));
            }
        }
    }
}

/// The reporting round: the printed "รอบ N เดือน", preferring a form with
/// its month range in parentheses (004:L113) over a bare one (004:L67).
fn period(
    lines: &Lines,
    is_prose: &dyn Fn(usize) -> bool,
    warnings: &mut Vec<Warning>,
) -> (Option<String>, Option<u8>) {
    let mut best: Option<(bool, String, u32, SourceSpan)> = None;
    for l in &lines.lines {
        if !is_prose(l.no) {
            continue;
        }
        // The round may wrap: "… รอบ 6" / "เดือน (ตุลาคม 2563 – มีนาคม 2564)".
        let mut text = l.text.to_string();
        if let Some(n) = lines
            .next_non_blank(l.no)
            .filter(|n| !n.has_tab() && is_prose(n.no))
        {
            text.push(' ');
            text.push_str(n.text);
        }
        for c in ROUND.captures_iter(&text) {
            if c.get(0).is_some_and(|m| m.start() >= l.text.len()) {
                continue;
            }
            let text = super::lines::collapse_spaces(c.get(0).map(|m| m.as_str()).unwrap_or(""));
            let months: u32 = c
                .name("m")
                .and_then(|m| m.as_str().parse().ok())
                .unwrap_or(0);
            let paren = c.name("paren").is_some();
            let better = match &best {
                None => true,
                Some((bp, ..)) => paren && !bp,
            };
            if better {
                best = Some((paren, text, months, l.span()));
            }
        }
    }
    match best {
        None => (None, None),
        Some((_, text, m, span)) => {
            let months = match m {
                6 | 12 => Some(m as u8),
                _ => {
                    warnings.push(Warning::new(
                        WarningCode::PeriodMonths,
                        format!("round of {m} months: not 6 or 12"),
                        Some(span),
                    ));
                    None
                }
            };
            (Some(text), months)
        }
    }
}

// An ITA result analysis (issue 12 class 5) states the overall score as
// "…ผลการประเมิน… ได้คะแนน 88.50 คะแนน อยู่ในระดับ A", with no รวม.
re!(
    GOT_ITA,
    r"ได้\s*(?:รับ)?\s*คะแนน\s*(?P<s>[0-9]{1,3}(?:\.[0-9]{1,2})?)\s*คะแนน"
);

fn overall_ita(lines: &Lines) -> (Option<f64>, Option<String>) {
    let (s, lvl) = overall_ita_stated(lines);
    if s.is_some() {
        return (s, lvl);
    }
    // Only in a sentence about the assessment itself, so that a measure's
    // own score ("ได้คะแนน 88.83 เพิ่มขึ้น…", a table cell in 002) is not it.
    for l in &lines.lines {
        if l.has_tab() || !(l.text.contains("ผลการประเมิน") || l.text.contains("ITA"))
        {
            continue;
        }
        if let Some(s) = GOT_ITA
            .captures(l.text)
            .and_then(|c| c.name("s"))
            .and_then(|s| s.as_str().parse::<f64>().ok())
            .filter(|s| (0.0..=100.0).contains(s))
        {
            return (Some(s), None);
        }
    }
    (None, None)
}

fn overall_ita_stated(lines: &Lines) -> (Option<f64>, Option<String>) {
    for l in &lines.lines {
        if l.has_tab() {
            continue;
        }
        if let Some(c) = OVERALL_ITA.captures(l.text) {
            let s = c
                .name("s")
                .and_then(|s| s.as_str().parse::<f64>().ok())
                .filter(|s| (0.0..=100.0).contains(s));
            if s.is_some() {
                let lvl = c
                    .name("lvl")
                    .map(|m| super::lines::collapse_spaces(m.as_str()))
                    .filter(|l| l != "ระดับ" && l != "ระดับคะแนน");
                return (s, lvl);
            }
        }
    }
    (None, None)
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::model::{Extraction, Format, NormDoc};

    /// A normalised document from literal lines (TABs and `<p>` as in the corpus).
    pub fn doc(lines: &[&str]) -> NormDoc {
        let n = lines.len();
        NormDoc {
            format: Format::Text,
            extraction: Extraction::Text,
            pages: None,
            lines: lines.iter().map(|s| s.to_string()).collect(),
            line_pages: vec![None; n],
            line_hints: vec![Default::default(); n],
            ocr_pages: Vec::new(),
            counts: Default::default(),
            warnings: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::doc;
    use super::*;

    #[test]
    fn twelve_month_round_and_wrapped_title_year() {
        let d = doc(&[
            "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต",
            "",
            "ประจำปีงบประมาณ พ.ศ. 2566",
            "ผลการดำเนินงาน รอบ 12 เดือน",
            "(1 ตุลาคม 2565 - 30 กันยายน 2566)",
        ]);
        let (r, w) = recognize(&Lines::new(&d), &Meta::default());
        assert_eq!(r.fiscal_year, Some(2566));
        assert_eq!(r.period_months, Some(12));
        assert_eq!(
            r.period_text.as_deref(),
            Some("รอบ 12 เดือน (1 ตุลาคม 2565 - 30 กันยายน 2566)")
        );
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn ocr_years_with_a_fifth_digit_are_not_years() {
        let d = doc(&["รายงานผลการดำเนินการ", "ประจําปีงบประมาณ พ.ศ. 25205"]);
        let (r, _) = recognize(&Lines::new(&d), &Meta::default());
        assert_eq!(r.fiscal_year, None);
    }

    #[test]
    fn year_ranges_are_not_report_years() {
        let d = doc(&["รายงานผลโครงการ ประจำปีงบประมาณ 2561-2564", "เรื่อง x"]);
        let (r, _) = recognize(&Lines::new(&d), &Meta::default());
        assert_eq!(r.fiscal_year, None);
    }
}

/// Both frameworks have four dimensions (docs/grammar.md §1.4): a dimension
/// number above 4 that survived the OCR repairs (e.g. "มิติที่ 5" in a text
/// dump of OCR output, ๔ misread) is not a value: null, with a warning, so
/// the record stays schema-valid (found by fixtures/report/004_scan_psm4_*).
fn drop_impossible_dimensions(report: &mut Report, warnings: &mut Vec<Warning>) {
    let mut drop = |dim: &mut Option<u8>, span: SourceSpan, what: &str| {
        if let Some(d) = dim.filter(|d| !(1..=4).contains(d)) {
            warnings.push(Warning::new(
                WarningCode::DimensionOutOfRange,
                format!("{what} states dimension {d}; the frameworks have 1-4: left empty"),
                Some(span),
            ));
            *dim = None;
        }
    };
    for a in &mut report.activities {
        drop(&mut a.dimension, a.source_span, "activity");
    }
    for r in &mut report.dimension_summary {
        drop(&mut r.dimension, r.source_span, "summary row");
    }
    for t in &mut report.extra_tables {
        for r in &mut t.rows {
            drop(&mut r.dimension, r.source_span, "table row");
        }
    }
}
