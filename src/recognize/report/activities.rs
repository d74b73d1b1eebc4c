//! The narrative report (DOCUMENTS.md §5.4): dimension and mission headings,
//! then numbered items, each with an action list (การดำเนินการ) and a
//! result list (ผลการดำเนินการ). Item numbers are kept as printed, never
//! renumbered (duplicates, gaps and code-like numbers are warned about).

use crate::model::{Activity, SourceSpan, Warning};
use crate::recognize::grammar::{DIMENSION_HEADING, MISSION_HEADING};
use crate::recognize::lines::{collapse_spaces, join_fragments};
use crate::recognize::{Line, Lines};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).expect("static regex"));
    };
}

// §5.4 item start: "1.มาตรการ …", "14. กิจกรรม …", "4.1.1.1. โครงการ …", "4.4.กิจกรรม …".
re!(
    ITEM,
    r"^(?:-\s*)?(?P<n>[0-9]+(?:\.[0-9]+){0,3})\.\s*(?P<title>\S.*)$"
);
re!(
    ACTION_LABEL,
    r"^(?:[-•]\s*)?(?P<label>การดำเนินการ|วิธีดำเนินการ|วิธีการดำเนินการ|การดำเนินงาน|วิธีดำเนินงาน|วิธีการดำเนินงาน)\s*(?::\s*(?P<rest>.*))?$"
);
re!(
    RESULT_LABEL,
    r"^(?:[-•]\s*)?(?P<label>ผลการดำเนินการ|ผลดำเนินการ|ผลการดำเนินงาน|ผลการปฏิบัติงาน|ผลการดำเนินการที่ได้)\s*(?::\s*(?P<rest>.*))?$"
);
// "1. ผลผลิต", "๑ ผลผลิต", "2. ผลลัพธ์".
re!(SUBLABEL, r"^(?P<n>[0-9])\.?\s*(?P<w>ผลผลิต|ผลลัพธ์)\s*:?$");
// Signature lines end a result list.
re!(
    SIGNATURE,
    r"^(?:\(\s*(?:นาย|นาง|นางสาว|ว่าที่|จ\.ส\.|พ\.)?[^)]*\)|ลงชื่อ.*)$"
);
// A list line: "- …", "1. …", "(1) …", "1) …".
re!(
    PAGE_NO,
    r"^(?:-\s*[0-9]{1,3}\s*-|หน้า\s*[0-9]{1,3}|[0-9]{1,3})$"
);
re!(LIST_MARK, r"^(?:[-•*]\s*|\(?[0-9]+[.)]\s*)");

#[derive(PartialEq, Clone, Copy)]
enum State {
    /// Between items (headings allowed).
    Between,
    /// Title read, waiting for the action label.
    Title,
    Action,
    Result,
}

fn is_label(t: &str) -> bool {
    ACTION_LABEL.is_match(t) || RESULT_LABEL.is_match(t)
}

/// The line's text with a leading bullet glyph (PDF: "•", a private-use glyph, "▪")
/// written as "- " so the grammar sees one bullet form.
fn text_of(l: &Line) -> String {
    let t = l.text.trim();
    let mut chars = t.chars();
    match chars.next() {
        Some('•' | '●' | '▪' | '◦' | '\u{F000}'..='\u{F8FF}') => {
            let rest = chars.as_str().trim_start();
            collapse_spaces(&format!("- {rest}"))
        }
        _ => collapse_spaces(t),
    }
}

/// A page number left on its own line ("13", "- 13 -", "หน้า 13"): not content.
fn is_noise(l: &Line) -> bool {
    PAGE_NO.is_match(l.text.trim())
}

/// The next line after `no` that is neither blank nor a page number.
fn next_content<'a>(lines: &'a Lines<'a>, mut no: usize) -> Option<&'a Line<'a>> {
    loop {
        let l = lines.next_non_blank(no)?;
        if !is_noise(l) {
            return Some(l);
        }
        no = l.no;
    }
}

/// How many unnumbered lines an item title may wrap onto (PDF lines are
/// visual lines: titles wrap onto two or three).
const TITLE_WRAP: usize = 3;

/// The item-start test (§5.4): a numbered line whose next non-blank line is
/// an action label, or whose title continues on unnumbered lines first.
/// Returns the title's continuation lines.
fn item_start(lines: &Lines, l: &Line) -> Option<Vec<usize>> {
    if l.has_tab() {
        return None;
    }
    let t = text_of(l);
    if !ITEM.is_match(&t) || is_label(&t) {
        return None;
    }
    let mut cont = Vec::new();
    let mut no = l.no;
    loop {
        let n = next_content(lines, no)?;
        let tn = text_of(n);
        if ACTION_LABEL.is_match(&tn) {
            return Some(cont);
        }
        if cont.len() == TITLE_WRAP
            || n.has_tab()
            || ITEM.is_match(&tn)
            || is_label(&tn)
            || is_heading(&tn)
            || LIST_MARK.is_match(&tn)
        {
            return None;
        }
        cont.push(n.no);
        no = n.no;
    }
}

fn is_heading(t: &str) -> bool {
    DIMENSION_HEADING.is_match(t) || MISSION_HEADING.is_match(t)
}

struct Open {
    act: Activity,
    action: Vec<String>,
    result: Vec<String>,
    sublabels: Vec<(String, usize)>,
}

fn push_line(buf: &mut Vec<String>, t: String) {
    // A list item or sub-label starts a new line; anything else continues
    // the previous one (a wrapped line).
    if buf.is_empty() || LIST_MARK.is_match(&t) || SUBLABEL.is_match(&t) {
        buf.push(t);
    } else if let Some(last) = buf.last_mut() {
        *last = join_fragments(&[last.as_str(), t.as_str()]);
    }
}

fn finish(open: Option<Open>, lines: &Lines, out: &mut Vec<Activity>, warnings: &mut Vec<Warning>) {
    let Some(mut o) = open else { return };
    o.act.action_text = if o.action.is_empty() {
        None
    } else {
        Some(o.action.join("\n"))
    };
    o.act.result_text = if o.result.is_empty() {
        None
    } else {
        Some(o.result.join("\n"))
    };
    if o.act.action_label.is_none() {
        warnings.push(Warning::new(
            "activity_no_action",
            format!("item \"{}\" has no action list", o.act.name),
            Some(o.act.source_span),
        ));
    }
    if o.act.result_label.is_none() {
        warnings.push(Warning::new(
            "activity_no_result",
            format!("item \"{}\" has no result list", o.act.name),
            Some(o.act.source_span),
        ));
    }
    // "1. ผลผลิต" then "2. ผลผลิต" where ผลลัพธ์ is meant (004:L386/391).
    for w in o.sublabels.windows(2) {
        if let [(a, _), (b, no)] = w {
            if a == b {
                warnings.push(Warning::new(
                    "result_sublabel",
                    format!("result sub-label \"{b}\" printed twice in item \"{}\" (ผลผลิต/ผลลัพธ์ expected); kept as printed", o.act.name),
                    Some(lines.span(*no, *no)),
                ));
            }
        }
    }
    out.push(o.act);
}

pub fn recognize(lines: &Lines, warnings: &mut Vec<Warning>) -> Vec<Activity> {
    let mut out: Vec<Activity> = Vec::new();
    let mut dimension: Option<u8> = None;
    let mut mission: Option<String> = None;
    // Missions stacked with no item between (004:L822→L824).
    let mut stacked: Vec<String> = Vec::new();
    let mut state = State::Between;
    let mut open: Option<Open> = None;
    let mut skip_to = 0usize;

    for l in &lines.lines {
        if l.no <= skip_to || l.is_blank() || is_noise(l) {
            continue;
        }
        let t = text_of(l);

        // 1. The item-start test wins over the heading test (§2.5 rule 1).
        if let Some(cont) = item_start(lines, l) {
            finish(open.take(), lines, &mut out, warnings);
            let c = ITEM.captures(&t);
            let n = c
                .as_ref()
                .and_then(|c| c.name("n"))
                .map(|m| m.as_str().to_string())
                .unwrap_or_default();
            let mut title = c
                .as_ref()
                .and_then(|c| c.name("title"))
                .map(|m| m.as_str().to_string())
                .unwrap_or_default();
            for no in &cont {
                if let Some(cl) = lines.get(*no) {
                    title = join_fragments(&[title, text_of(cl)]);
                }
            }
            let title_end = cont.last().copied().unwrap_or(l.no);
            if stacked.len() > 1 {
                warnings.push(Warning::new(
                    "stacked_missions",
                    format!("missions {} printed with no item between; item \"{}\" is put under the last", stacked.join(", "), title),
                    Some(l.span()),
                ));
            }
            stacked.clear();
            let number = if n.contains('.') {
                None
            } else {
                n.parse::<u32>().ok()
            };
            open = Some(Open {
                act: Activity {
                    number,
                    dimension,
                    mission: mission.clone(),
                    name: title,
                    number_printed: Some(format!("{n}.")),
                    source_span: lines.span(l.no, title_end),
                    ..Default::default()
                },
                action: Vec::new(),
                result: Vec::new(),
                sublabels: Vec::new(),
            });
            state = State::Title;
            skip_to = title_end;
            continue;
        }

        if !l.has_tab() {
            // 2. Headings, only between items or after a result list has
            //    started (never inside an action list).
            if state != State::Action && state != State::Title {
                if let Some(c) = DIMENSION_HEADING.captures(&t) {
                    finish(open.take(), lines, &mut out, warnings);
                    dimension = c.name("n").and_then(|m| m.as_str().parse().ok());
                    mission = None;
                    stacked.clear();
                    state = State::Between;
                    continue;
                }
                if let Some(c) = MISSION_HEADING.captures(&t) {
                    let code = c
                        .name("code")
                        .map(|m| m.as_str().to_string())
                        .unwrap_or_default();
                    let first: Option<u8> = code.split('.').next().and_then(|s| s.parse().ok());
                    // Rule 3: the first component is the current dimension.
                    if dimension.is_none() || first == dimension {
                        finish(open.take(), lines, &mut out, warnings);
                        if dimension.is_none() {
                            dimension = first;
                        }
                        // A parent then its child is the hierarchy, not a stack.
                        stacked.retain(|s| !code.starts_with(&format!("{s}.")));
                        stacked.push(code.clone());
                        mission = Some(code);
                        state = State::Between;
                        continue;
                    }
                }
            }
            if let Some(c) = ACTION_LABEL.captures(&t) {
                if state == State::Title {
                    if let Some(o) = open.as_mut() {
                        o.act.action_label = c.name("label").map(|m| m.as_str().to_string());
                        o.act.source_span = o.act.source_span.join(l.span());
                        if let Some(rest) = c
                            .name("rest")
                            .map(|m| m.as_str().trim())
                            .filter(|s| !s.is_empty())
                        {
                            o.action.push(rest.to_string());
                        }
                    }
                    state = State::Action;
                    continue;
                }
            }
            if let Some(c) = RESULT_LABEL.captures(&t) {
                if matches!(state, State::Action | State::Title) {
                    if let Some(o) = open.as_mut() {
                        o.act.result_label = c.name("label").map(|m| m.as_str().to_string());
                        o.act.source_span = o.act.source_span.join(l.span());
                        if let Some(rest) = c
                            .name("rest")
                            .map(|m| m.as_str().trim())
                            .filter(|s| !s.is_empty())
                        {
                            o.result.push(rest.to_string());
                        }
                    }
                    state = State::Result;
                    continue;
                }
            }
            if state == State::Result && SIGNATURE.is_match(&t) {
                finish(open.take(), lines, &mut out, warnings);
                state = State::Between;
                continue;
            }
        }

        match state {
            State::Action => {
                if let Some(o) = open.as_mut() {
                    push_line(&mut o.action, t);
                    o.act.source_span = o.act.source_span.join(l.span());
                }
            }
            State::Result => {
                if let Some(o) = open.as_mut() {
                    if let Some(c) = SUBLABEL.captures(&t) {
                        o.sublabels.push((
                            c.name("w")
                                .map(|m| m.as_str().to_string())
                                .unwrap_or_default(),
                            l.no,
                        ));
                    }
                    push_line(&mut o.result, t);
                    o.act.source_span = o.act.source_span.join(l.span());
                }
            }
            // Heading continuations, prose, tables: not item content.
            State::Between | State::Title => {}
        }
    }
    finish(open.take(), lines, &mut out, warnings);
    numbering_warnings(&out, warnings);
    out
}

/// §5.4 numbering rules: duplicates, code-like numbers and gaps are warned
/// about; numbers are never changed.
fn numbering_warnings(items: &[Activity], warnings: &mut Vec<Warning>) {
    let mut seen: BTreeMap<u32, SourceSpan> = BTreeMap::new();
    let mut last: Option<(u32, usize)> = None;
    for (pos, a) in items.iter().enumerate() {
        let span = Some(SourceSpan::line(
            a.source_span.line_start,
            a.source_span.page,
        ));
        match a.number {
            None => {
                warnings.push(Warning::new(
                    "numbering_code_like",
                    format!(
                        "item number \"{}\" is not a running number; number left null",
                        a.number_printed.as_deref().unwrap_or("")
                    ),
                    span,
                ));
            }
            Some(n) => {
                if let Some(first) = seen.get(&n) {
                    warnings.push(Warning::new(
                        "numbering_duplicate",
                        format!(
                            "item number {n} printed again (first at line {}); kept as printed",
                            first.line_start
                        ),
                        span,
                    ));
                } else {
                    seen.insert(n, a.source_span);
                }
                if let Some((pn, ppos)) = last {
                    // Items in between (with code-like numbers) fill places.
                    let between = pos.saturating_sub(ppos + 1) as u64;
                    let expected = u64::from(pn) + 1 + between;
                    if u64::from(n) > expected {
                        let count = u64::from(n) - expected;
                        let missing = if count <= 10 {
                            (expected..u64::from(n))
                                .map(|m| m.to_string())
                                .collect::<Vec<_>>()
                                .join(", ")
                        } else {
                            format!("{expected}–{}", u64::from(n) - 1)
                        };
                        warnings.push(Warning::new(
                            "numbering_gap",
                            format!("item numbers jump from {pn} to {n}: {missing} missing"),
                            span,
                        ));
                    }
                }
                last = Some((n, pos));
            }
        }
    }
}
