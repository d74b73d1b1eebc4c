//! From a detail block's labelled fields to the typed `Project` (docs/grammar.md
//! §4.6): names and kinds, list items, budget and period forms.

use super::labels::FieldKind;
use super::text::paragraphs;
use crate::model::WarningCode;
use crate::model::{Project, SourceSpan, Warning};
use crate::recognize::grammar::{
    captured_years, parse_amount, parse_budget_cell, re, year_range, Cell, PERIOD,
};
use crate::recognize::lines::join_fragments;
use crate::recognize::vocab;
use crate::thai::is_mark;

// §4.6 list markers: "1)", "- 1)", "(1)", "- (1)", "2.1)", "2.1.1)", "1.",
// "3.1 ", "- ", "•".
re!(
    MARKER,
    r"^\s*(?:[-–•●▪*]\s*)?(?:\(\s*[0-9]{1,2}\s*\)|[0-9]{1,2}(?:\.[0-9]{1,2}){1,3}(?:\s*[.)]|\s)|[0-9]{1,2}\s*[.)])\s*"
);
// A bullet glyph that did not read may stand before a numbered marker as
// a stray token of one to three characters and a space: OCR of a checkbox
// or arrow bullet ("J 3)", "0 4)", "') 1)", "ท 1)", "ป์ 1)": 18 of the 41
// objective items of plan 000 scanned in Loma, Norasi and Garuda), or a
// symbol-font bullet a PDF extracts as a letter ("Ø 1.", "§ 2)"). Taken
// only when the number continues the list (see `list_items`).
re!(
    STRAY_MARKER,
    r"^\s*\S{1,3}\s+(?:\(\s*(?P<a>[0-9]{1,2})\s*\)|(?P<b>[0-9]{1,2})\s*[.)])\s*"
);
re!(
    MARKER_NUMBER,
    r"^\s*(?:[-–•●▪*]\s*)?\(?\s*(?P<n>[0-9]{1,2})\s*[.)]"
);
re!(BULLET, r"^\s*[-–•●▪*]\s*");
re!(NO_BUDGET, r"ไม่(?:ได้)?\s*(?:ใช้|มี|ตั้ง)\s*งบ");
re!(
    PER_YEAR,
    r"ปีละ\s*(?P<amt>[0-9][0-9,]*(?:\.[0-9]{1,2})?)\s*บาท"
);
re!(
    TOTAL,
    r"รวม(?:ทั้งสิ้น)?\s*(?:เป็น)?(?:เงิน)?\s*(?P<amt>[0-9][0-9,]*(?:\.[0-9]{1,2})?)\s*บาท"
);
re!(TOTAL_WORD, r"รวม|ทั้งสิ้น|ตลอดโครงการ|ตลอดระยะเวลา");
// The amount starts a word: after the start, a space, a Thai letter or an
// opening bracket, quote or colon. Without the guard the tail of a garbled
// figure was read: "20.000 บาท" (OCR's comma as a dot) and "30)000 บาท"
// (as a bracket) gave "000 บาท" = 0.
re!(
    MONEY_ANY,
    r"(?:^|[\s\u0E01-\u0E4F(\[“\x22:：])(?P<amt>[0-9][0-9,]*(?:\.[0-9]{1,2})?)\s*(?P<mil>ล้าน)?\s*บาท"
);
re!(
    YEARS_ANY,
    &format!(
        r"(?:ปี\s?งบประมาณ|{be}|ปี)\s*(?:{be}\s*)?(?P<from>[0-9]{{4}})(?:\s*[-–—]\s*(?:{be}\s*)?(?P<to>[0-9]{{4}}))?",
        be = vocab::BE_ERA
    )
);
re!(
    FY_DATES,
    r"ตุลาคม\s*(?P<y1>[0-9]{4})\s*[-–—]\s*(?:[0-9]{1,2}\s*)?กันยายน\s*(?P<y2>[0-9]{4})"
);

/// One labelled field as read from the lines.
#[derive(Debug, Clone)]
pub struct RawField {
    pub kind: FieldKind,
    /// As printed without number; None for sub-fields of a results container.
    pub label: Option<String>,
    pub label_line: usize,
    /// Value fragments in order: the inline value, then each content line
    /// (flattened, markup removed).
    pub pieces: Vec<String>,
    pub last_line: usize,
    /// Index of the container field for ผลผลิต / ผลลัพธ์ sub-fields.
    pub parent: Option<usize>,
}

impl RawField {
    pub fn new(kind: FieldKind, label: Option<String>, line: usize, parent: Option<usize>) -> Self {
        RawField {
            kind,
            label,
            label_line: line,
            pieces: Vec::new(),
            last_line: line,
            parent,
        }
    }
    /// Add a content line. Each `<p>` paragraph of a table cell is a piece
    /// of its own, so list items inside one cell stay apart.
    pub fn push(&mut self, line: usize, text: &str) {
        for piece in paragraphs(text) {
            self.pieces.push(piece);
            self.last_line = self.last_line.max(line);
        }
    }
    pub fn text(&self) -> Option<String> {
        let t = join_fragments(&self.pieces);
        if t.is_empty() {
            None
        } else {
            Some(t)
        }
    }
}

/// A detail block before typing.
#[derive(Debug, Clone, Default)]
pub struct RawBlock {
    pub number: Option<u32>,
    pub start: usize,
    pub end: usize,
    pub page: Option<u32>,
    pub dimension: Option<u8>,
    pub mission: Option<String>,
    pub fields: Vec<RawField>,
}

impl RawBlock {
    pub fn has(&self, kind: FieldKind) -> bool {
        self.fields.iter().any(|f| f.kind == kind)
    }
    pub fn span(&self) -> SourceSpan {
        SourceSpan::lines(self.start, self.end, self.page)
    }
}

re!(
    LONE_NO_BUDGET,
    r"^\s*(?:-\s*)?ไม่(?:ได้)?\s*(?:ใช้|มี|ตั้ง)\s*งบประมาณ[^\s]*(?:\s*(?:ใน)?(?:การ)?ดำเนิน(?:การ|งาน))?\s*$"
);
re!(
    LONE_AMOUNT,
    r"^\s*(?:-\s*)?(?:งบประมาณ\s*)?(?:จำนวน\s*)?[0-9][0-9,]*(?:\.[0-9]{1,2})?\s*บาท\s*$"
);

/// A value standing alone whose label is missing (§4.2 "a field whose
/// label is missing entirely"): a whole-line period or budget.
pub fn unlabelled_kind(text: &str) -> Option<FieldKind> {
    let t = text.trim();
    if let Some(m) = PERIOD.find(t) {
        let tail = t.get(m.end()..).unwrap_or("").trim();
        if tail.is_empty() {
            return Some(FieldKind::Period);
        }
    }
    if LONE_NO_BUDGET.is_match(t) || LONE_AMOUNT.is_match(t) {
        return Some(FieldKind::Budget);
    }
    None
}

/// Split list pieces into items: one per marked piece, marker stripped;
/// unmarked pieces continue the previous item (a first unmarked piece
/// starts one).
pub fn list_items(pieces: &[String]) -> Vec<String> {
    let mut items: Vec<Vec<String>> = Vec::new();
    // The number of the last "N)" / "N." marker: a stray-prefixed marker
    // must continue it.
    let mut last: Option<u32> = None;
    for p in pieces {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        let marked = match MARKER.find(p) {
            Some(m) => {
                last = MARKER_NUMBER
                    .captures(p)
                    .and_then(|c| marker_number(&c, &["n"]))
                    .or(last);
                Some(m)
            }
            // Only read when no real marker is there.
            None => match STRAY_MARKER.captures(p).and_then(|c| {
                let n = marker_number(&c, &["a", "b"])?;
                // The next number, or the one after when the item between
                // lost its marker too ("Uva) …" for "2) …", Garuda 000).
                let continues = match last {
                    None => n == 1,
                    Some(l) => n == l + 1 || n == l + 2,
                };
                continues.then(|| (n, c.get(0)))
            }) {
                Some((n, m)) => {
                    last = Some(n);
                    m
                }
                None => BULLET.find(p),
            },
        };
        match marked {
            Some(m) => {
                let rest = p.get(m.end()..).unwrap_or("").trim().to_string();
                items.push(if rest.is_empty() {
                    Vec::new()
                } else {
                    vec![rest]
                });
            }
            None => match items.last_mut() {
                Some(last) => last.push(p.to_string()),
                None => items.push(vec![p.to_string()]),
            },
        }
    }
    items
        .into_iter()
        .map(|parts| join_fragments(&parts))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The number a marker regex captured in the first of `names` present.
fn marker_number(c: &regex::Captures<'_>, names: &[&str]) -> Option<u32> {
    names
        .iter()
        .find_map(|n| c.name(n))
        .and_then(|m| m.as_str().parse().ok())
}

/// `kind` from the name's first whole word (§4.6); "กิจรรม" is a misspelt
/// กิจกรรม (mapped, with a warning).
pub fn name_kind(name: &str) -> (Option<String>, bool) {
    let t = name.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '“' | '"' | '\''));
    // A word continues through a combining mark: a prefix followed by one
    // is not a whole word.
    for k in ["โครงการ", "มาตรการ", "กิจกรรม"] {
        if let Some(rest) = t.strip_prefix(k) {
            if !rest.starts_with(is_mark) {
                return (Some(k.to_string()), false);
            }
        }
    }
    if let Some(rest) = t.strip_prefix("กิจรรม") {
        if !rest.starts_with(is_mark) {
            return (Some("กิจกรรม".to_string()), true);
        }
    }
    (None, false)
}

/// Fiscal years a period names (§4.6).
pub fn period_years(text: &str) -> Vec<u32> {
    let plausible = |y: u32| (2400..=2700).contains(&y);
    let caps = PERIOD
        .captures(text.trim())
        .or_else(|| YEARS_ANY.captures(text));
    if let Some(c) = caps {
        let (from, to) = captured_years(&c);
        if let Some(f) = from.filter(|y| plausible(*y)) {
            return year_range(f, to.filter(|y| plausible(*y)));
        }
    }
    if let Some(c) = FY_DATES.captures(text) {
        if let Some(y) = c
            .name("y2")
            .and_then(|m| m.as_str().parse::<u32>().ok())
            .filter(|y| plausible(*y))
        {
            return vec![y];
        }
    }
    Vec::new()
}

type BudgetWarning = Option<(WarningCode, String)>;

/// One amount in a budget text: "30,000 บาท", "1.5 ล้านบาท".
fn amounts_in(t: &str) -> Result<Vec<f64>, ()> {
    let mut out = Vec::new();
    for c in MONEY_ANY.captures_iter(t) {
        let Some(a) = c.name("amt") else { continue };
        let v = parse_amount(a.as_str()).ok_or(())?;
        out.push(if c.name("mil").is_some() {
            v * 1_000_000.0
        } else {
            v
        });
    }
    Ok(out)
}

/// The budget value (§4.6): (per-year or single amount, total, warning).
pub fn budget(text: &str, years: usize) -> (Option<f64>, Option<f64>, BudgetWarning) {
    // "20,000.- บาท": the dash closes the figure.
    let cleaned = text.trim().replace(".-", "");
    let t = cleaned.as_str();
    if NO_BUDGET.is_match(t) {
        return (Some(0.0), None, None);
    }
    let unreadable = |why: &str| {
        (
            None,
            None,
            Some((WarningCode::BudgetUnreadable, format!("{why} in \"{t}\""))),
        )
    };
    if let Some(c) = PER_YEAR.captures(t) {
        let n = c.name("amt").and_then(|m| parse_amount(m.as_str()));
        let m = TOTAL
            .captures(t)
            .and_then(|c| c.name("amt"))
            .and_then(|m| parse_amount(m.as_str()));
        let Some(n) = n else {
            return unreadable("cannot read the per-year amount");
        };
        let warn = match m {
            Some(m) if years > 0 && (n * years as f64 - m).abs() > 0.5 => Some((
                WarningCode::BudgetTotalMismatch,
                format!("per-year {n} × {years} years ≠ stated total {m} in \"{t}\""),
            )),
            _ => None,
        };
        return (Some(n), m, warn);
    }
    let Ok(vals) = amounts_in(t) else {
        return unreadable("malformed amount");
    };
    if let Some(&first) = vals.first() {
        if vals.iter().any(|v| (v - first).abs() > 0.005) {
            return (
                None,
                None,
                Some((
                    WarningCode::BudgetAmbiguous,
                    format!("several different amounts in \"{t}\""),
                )),
            );
        }
        if TOTAL_WORD.is_match(t) && years > 1 {
            // Only a total over several years: the per-year figure is not
            // printed and is not guessed.
            return (
                None,
                Some(first),
                Some((
                    WarningCode::BudgetTotalOnly,
                    format!("only a total over {years} years in \"{t}\""),
                )),
            );
        }
        return (Some(first), None, None);
    }
    let bare = t.trim_start_matches("งบประมาณ").trim();
    match parse_budget_cell(bare) {
        Cell::Amount(a) if !bare.is_empty() => (Some(a), None, None),
        _ => (
            None,
            None,
            Some((
                WarningCode::BudgetUnparsed,
                format!("no amount in budget text \"{t}\""),
            )),
        ),
    }
}

fn warn(ws: &mut Vec<Warning>, code: WarningCode, msg: String, span: SourceSpan) {
    ws.push(Warning::new(code, msg, Some(span)));
}

/// Type a raw block into a `Project`.
pub fn build_project(b: &RawBlock, warnings: &mut Vec<Warning>) -> Project {
    let mut p = Project {
        number: b.number,
        dimension: b.dimension,
        mission: b.mission.clone(),
        source_span: b.span(),
        ..Project::default()
    };
    let span_of = |f: &RawField| SourceSpan::lines(f.label_line, f.last_line, b.page);

    // `fields`: every printed label with its whole text; sub-fields are part
    // of their container's text.
    for (i, f) in b.fields.iter().enumerate() {
        let Some(label) = &f.label else { continue };
        let mut pieces = f.pieces.clone();
        for sub in b.fields.iter().filter(|s| s.parent == Some(i)) {
            pieces.push(if sub.kind == FieldKind::Outputs {
                "ผลผลิต".into()
            } else {
                "ผลลัพธ์".into()
            });
            pieces.extend(sub.pieces.iter().cloned());
        }
        let text = {
            let t = join_fragments(&pieces);
            if t.is_empty() {
                None
            } else {
                Some(t)
            }
        };
        if text.is_none() {
            warn(
                warnings,
                WarningCode::EmptyField,
                format!("block field \"{label}\" is empty"),
                span_of(f),
            );
        }
        p.field_labels.push(label.clone());
        match p.fields.get_mut(label) {
            Some(existing) => {
                warn(
                    warnings,
                    WarningCode::DuplicateLabel,
                    format!("label \"{label}\" appears twice in one block"),
                    span_of(f),
                );
                if let Some(t) = text {
                    *existing = Some(match existing.take() {
                        Some(e) => format!("{e} {t}"),
                        None => t,
                    });
                }
            }
            None => {
                p.fields.insert(label.clone(), text);
            }
        }
    }

    let first_text = |kind: FieldKind| {
        b.fields
            .iter()
            .find(|f| f.kind == kind && f.parent.is_none())
            .and_then(|f| f.text())
    };
    let items_of = |kind: FieldKind| -> Vec<String> {
        b.fields
            .iter()
            .filter(|f| f.kind == kind)
            .flat_map(|f| list_items(&f.pieces))
            .collect()
    };

    if let Some(name) = first_text(FieldKind::Name) {
        let (kind, typo) = name_kind(&name);
        if typo {
            if let Some(f) = b.fields.iter().find(|f| f.kind == FieldKind::Name) {
                warn(
                    warnings,
                    WarningCode::KindTypo,
                    format!("name starts with \"กิจรรม\", read as กิจกรรม: \"{name}\""),
                    span_of(f),
                );
            }
        }
        p.kind = kind;
        p.name = name;
    }
    p.rationale = first_text(FieldKind::Rationale);
    p.objectives = items_of(FieldKind::Objectives);
    // Text fields keep list markers as printed, lines joined with one space
    // (the gold's reading; docs/grammar.md §4.6 suggests one item per line).
    p.target_group = first_text(FieldKind::Target);
    p.area = first_text(FieldKind::Area);
    p.method = items_of(FieldKind::Method);
    p.responsible = first_text(FieldKind::Responsible);
    p.indicators = items_of(FieldKind::Indicators);
    p.outputs = items_of(FieldKind::Outputs);
    p.outcomes = items_of(FieldKind::Outcomes);

    p.period_text = first_text(FieldKind::Period);
    if let Some(t) = &p.period_text {
        p.period_years = period_years(t);
    }

    if let Some(f) = b.fields.iter().find(|f| f.kind == FieldKind::Budget) {
        if let Some(t) = f.text() {
            let (baht, total, w) = budget(&t, p.period_years.len());
            p.budget_baht = baht;
            p.budget_total_baht = total;
            if let Some((code, msg)) = w {
                warn(warnings, code, msg, span_of(f));
            }
            p.budget_text = Some(t);
        }
    }

    // A results container without sub-labels: keep its text in `fields`
    // only and say so (§4.6 "Don't guess").
    for (i, f) in b.fields.iter().enumerate() {
        if f.kind == FieldKind::Results
            && !f.pieces.is_empty()
            && !b.fields.iter().any(|s| s.parent == Some(i))
        {
            warn(
                warnings,
                WarningCode::ResultsUnsplit,
                format!(
                    "{:?} has no ผลผลิต/ผลลัพธ์ sub-labels; outputs/outcomes left empty",
                    f.label.as_deref().unwrap_or("")
                ),
                span_of(f),
            );
        }
    }
    // A block cut short (a missing page) lacks labels every template has.
    let missing: Vec<&str> = [
        (FieldKind::Name, "name"),
        (FieldKind::Period, "period"),
        (FieldKind::Budget, "budget"),
        (FieldKind::Responsible, "responsible"),
    ]
    .iter()
    .filter(|(k, _)| !b.has(*k))
    .map(|(_, n)| *n)
    .collect();
    if !missing.is_empty() {
        warn(
            warnings,
            WarningCode::BlockMissingFields,
            format!("detail block has no {} field", missing.join(", ")),
            b.span(),
        );
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn items() {
        assert_eq!(list_items(&v(&["- 1) ก", "2) ข", "ค"])), v(&["ก", "ข ค"]));
        assert_eq!(list_items(&v(&["3.1 ก", "3.2 ข"])), v(&["ก", "ข"]));
        assert_eq!(
            list_items(&v(&["(1) ก", "- (2) ข", "- ค"])),
            v(&["ก", "ข", "ค"])
        );
        assert_eq!(list_items(&v(&["เพื่อเชิดชูเกียรติ"])), v(&["เพื่อเชิดชูเกียรติ"]));
        assert_eq!(
            list_items(&v(&["2.1.1) ข้อมูล", "-กำหนด"])),
            v(&["ข้อมูล", "กำหนด"])
        );
        // A bullet glyph read as a stray token before the next number.
        assert_eq!(
            list_items(&v(&[
                "> 1) ก",
                "ข",
                "1 2) ค",
                "J 3) ง",
                "0 4) จ",
                "\') 5) ฉ",
                "Ø 6. ช",
                "ท 7) ซ",
                "ป์ 8) ฌ"
            ])),
            v(&["ก ข", "ค", "ง", "จ", "ฉ", "ช", "ซ", "ฌ"])
        );
        // Not a marker: a number and a word, a year, a number out of
        // sequence after a word.
        assert_eq!(
            list_items(&v(&["1) ก", "20 คน", "2566 1) ข", "ปี 5) ค"])),
            v(&["ก 20 คน 2566 1) ข ปี 5) ค"])
        );
    }

    #[test]
    fn kinds() {
        assert_eq!(
            name_kind("มาตรการ “ส่งเสริม"),
            (Some("มาตรการ".into()), false)
        );
        assert_eq!(name_kind("มาตรฐานการยกระดับ"), (None, false));
        assert_eq!(name_kind("กิจรรมการเผยแพร่"), (Some("กิจกรรม".into()), true));
        assert_eq!(name_kind("ยกย่องเชิดชูเกียรติ"), (None, false));
    }

    #[test]
    fn budgets_and_periods() {
        assert_eq!(budget("ไม่ใช้งบประมาณดำเนินการ", 5).0, Some(0.0));
        assert_eq!(budget("งบประมาณข้อบัญญัติ 30,000 บาท", 5).0, Some(30000.0));
        assert_eq!(budget("50,000 บาท", 5).0, Some(50000.0));
        let (n, m, w) = budget("ปีละ 10,000 บาท รวม 50,000 บาท (ห้าหมื่นบาทถ้วน)", 5);
        assert_eq!((n, m, w), (Some(10000.0), Some(50000.0), None));
        assert_eq!(
            budget("ปีละ 10,000 บาท รวม 40,000 บาท", 5)
                .2
                .map(|w| w.0.as_str()),
            Some("budget_total_mismatch")
        );
        assert_eq!(budget("30,00 บาท", 1).0, None);
        assert_eq!(budget("งบประมาณ จำนวน 20,000.- บาท", 5).0, Some(20000.0));
        assert_eq!(budget("1.5 ล้านบาท", 1).0, Some(1_500_000.0));
        let (n, m, w) = budget("รวม 5 ปี 100,000 บาท", 5);
        assert_eq!(
            (n, m, w.map(|w| w.0.as_str())),
            (None, Some(100000.0), Some("budget_total_only"))
        );
        assert_eq!(
            budget("10,000 บาท และ 20,000 บาท", 5)
                .2
                .map(|w| w.0.as_str()),
            Some("budget_ambiguous")
        );
        assert_eq!(period_years("ปี 2566 - 2570").len(), 5);
        assert_eq!(
            budget("ตามข้อบัญญัติ", 1).2.map(|w| w.0.as_str()),
            Some("budget_unparsed")
        );
        assert_eq!(
            period_years("ปีงบประมาณ พ.ศ. 2566 – 2570"),
            vec![2566, 2567, 2568, 2569, 2570]
        );
        assert_eq!(period_years("ปีงบประมาณ 2562 -2564"), vec![2562, 2563, 2564]);
        assert_eq!(
            period_years("ปี งบประมาณ พ.ศ. 2568 1 ตุลาคม 2567- 30 กันยายน 2568"),
            vec![2568]
        );
        assert_eq!(period_years("1 ตุลาคม 2567 - 30 กันยายน 2568"), vec![2568]);
    }
}
