//! The narrative report (docs/grammar.md §5.4): dimension and mission headings,
//! then numbered items, each with an action list (การดำเนินการ) and a
//! result list (ผลการดำเนินการ). Item numbers are kept as printed, never
//! renumbered (duplicates, gaps and code-like numbers are warned about).

use crate::model::WarningCode;
use crate::model::{Activity, SourceSpan, Warning};
use crate::recognize::grammar::{re, DIMENSION_HEADING, MISSION_HEADING};
use crate::recognize::lines::{collapse_spaces, join_fragments};
use crate::recognize::{Line, Lines};
use regex::Regex;
use std::collections::BTreeMap;

// §5.4 item start: "1.มาตรการ …", "14. กิจกรรม …", "4.1.1.1. โครงการ …", "4.4.กิจกรรม …".
re!(
    ITEM,
    r"^(?:-\s*)?(?P<n>[0-9]+(?:\.[0-9]+){0,3})\.\s*(?P<title>[^\s0-9].*)$"
);
re!(
    ACTION_LABEL,
    r"^(?:[-•]\s*)?(?P<label>การดำเนินการ|วิธีดำเนินการ|วิธีการดำเนินการ|การดำเนินงาน|วิธีดำเนินงาน|วิธีการดำเนินงาน)\s*(?::\s*(?P<rest>.*))?$"
);
re!(
    RESULT_LABEL,
    r"^(?:[-•]\s*)?(?P<label>ผลการดำเนินการ|ผลดำเนินการ|ผลการดำเนินงาน|ผลการปฏิบัติงาน|ผลการดำเนินการที่ได้)\s*(?::\s*(?P<rest>.*))?$"
);
// A label glued to the end of a text line (PDF paragraph joins:
// "…ทับซ้อน” การดำเนินการ", "…ทับซ้อนผลการดำเนินการ").
re!(
    GLUED_ACTION,
    r"^(?P<pre>.*\S)(?P<sp>\s*)(?P<label>การดำเนินการ|วิธีดำเนินการ|วิธีการดำเนินการ)\s*:?$"
);
re!(
    GLUED_RESULT,
    r"^(?P<pre>.*\S)\s*(?P<label>ผลการดำเนินการ|ผลดำเนินการ|ผลการดำเนินงาน)\s*:?$"
);
/// Words after which "การดำเนินการ" continues the sentence.
const GLUE_BLOCKERS: [&str; 19] = [
    "ใน",
    "ของ",
    "เพื่อ",
    "และ",
    "การ",
    "ต่อ",
    "ด้าน",
    "ทุก",
    "ตาม",
    "จาก",
    "แก่",
    "ให้",
    "ที่",
    "โดย",
    "หรือ",
    "กับ",
    "แห่ง",
    "วิธี",
    "เวลา",
];
// Titles of reported items start with a project word.
re!(PROJECT_WORD, r"^(?:มาตรการ|กิจกรรม|โครงการ)");
// The same labels with vowel and tone marks dropped (OCR).
re!(
    ACTION_SK,
    r"^(?:[-•]\s*)?(?P<label>การดาเนนการ|วธดาเนนการ|วธการดาเนนการ|การดาเนนงาน|วธดาเนนงาน|วธการดาเนนงาน)\s*(?::.*)?$"
);
re!(
    RESULT_SK,
    r"^(?:[-•]\s*)?(?P<label>ผลการดาเนนการ|ผลดาเนนการ|ผลการดาเนนงาน|ผลการปฏบตงาน|ผลการดาเนนการทได)\s*(?::.*)?$"
);
// An item numbered with a Thai letter (lettered lists, or OCR misreading
// a digit: "ฆ.กิจกรรม" for "๗.กิจกรรม").
re!(
    LETTER_ITEM,
    r"^(?P<n>[ก-ฮ])\.\s*(?P<title>(?:มาตรการ|กิจกรรม|โครงการ).*)$"
);
// OCR only: a space before the number's dot ("10 . กิจกรรม"), the dot
// lost ("33กิจกรรม", glued: "33 กิจกรรม" is not taken), or the
// number read as Latin letters ("ool. มาตรการ", "oe. กิจกรรม"); the
// letters are kept as printed and give no number.
re!(
    OCR_ITEM,
    r"^(?P<n>[0-9]{1,3})(?:\s+\.\s*)?(?P<title>(?:มาตรการ|กิจกรรม|โครงการ).*)$"
);
re!(
    OCR_LETTER_ITEM,
    r"^(?P<n>[A-Za-z]{1,3})\.\s*(?P<title>(?:มาตรการ|กิจกรรม|โครงการ).*)$"
);
// OCR only: an item start run into the end of a mission heading (the
// heading and the item's first line side by side on the page, joined as
// one visual line): "2.1 แสดงเจตจำนง… 3 .กิจกรรม “ประกาศ…".
re!(
    OCR_GLUED_ITEM,
    r"^(?P<head>.*\S)\s+(?P<item>(?:[0-9]{1,3}\s?|[ก-ฮ]|[A-Za-z]{1,3})\.\s*(?:มาตรการ|กิจกรรม|โครงการ).*)$"
);
// OCR only: a mission code with the space after it lost ("3.3.1ดำเนินการ…");
// three components, so "5.จัดทำ…" and "2.5.กิจกรรม…" are not headings.
re!(
    OCR_MISSION,
    r"^(?P<code>[0-9]\.[0-9]{1,2}\.[0-9]{1,2})(?P<title>[ก-ฮ].*)$"
);
// An item title with no number at all (other templates).
re!(
    UNNUMBERED,
    r"^(?:[-•]\s*)?(?P<title>(?:มาตรการ|กิจกรรม|โครงการ)\S.*)$"
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

/// A label line: the label as printed (or, when OCR lost its marks
/// — "การดาเนนการ" — the label it must be) and text after a colon.
type Label = (String, Option<String>);

fn label_of(t: &str, exact: &Regex, skeleton: &Regex, canonical: &[(&str, &str)]) -> Option<Label> {
    if let Some(c) = exact.captures(t) {
        let rest = c
            .name("rest")
            .map(|m| m.as_str().trim().to_string())
            .filter(|s| !s.is_empty());
        return Some((c.name("label")?.as_str().to_string(), rest));
    }
    if t.chars().count() > 40 {
        return None;
    }
    let sk = super::text::skeleton_str(t);
    let c = skeleton.captures(&sk)?;
    let key = c.name("label")?.as_str();
    let label = canonical
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.to_string())?;
    let rest = t
        .split_once(':')
        .map(|(_, r)| r.trim().to_string())
        .filter(|s| !s.is_empty());
    Some((label, rest))
}

const ACTION_CANON: [(&str, &str); 6] = [
    ("การดาเนนการ", "การดำเนินการ"),
    ("วธดาเนนการ", "วิธีดำเนินการ"),
    ("วธการดาเนนการ", "วิธีการดำเนินการ"),
    ("การดาเนนงาน", "การดำเนินงาน"),
    ("วธดาเนนงาน", "วิธีดำเนินงาน"),
    ("วธการดาเนนงาน", "วิธีการดำเนินงาน"),
];
const RESULT_CANON: [(&str, &str); 5] = [
    ("ผลการดาเนนการ", "ผลการดำเนินการ"),
    ("ผลดาเนนการ", "ผลดำเนินการ"),
    ("ผลการดาเนนงาน", "ผลการดำเนินงาน"),
    ("ผลการปฏบตงาน", "ผลการปฏิบัติงาน"),
    ("ผลการดาเนนการทได", "ผลการดำเนินการที่ได้"),
];

fn action_label(t: &str) -> Option<Label> {
    label_of(t, &ACTION_LABEL, &ACTION_SK, &ACTION_CANON)
}

fn result_label(t: &str) -> Option<Label> {
    label_of(t, &RESULT_LABEL, &RESULT_SK, &RESULT_CANON)
}

fn is_label(t: &str) -> bool {
    action_label(t).is_some() || result_label(t).is_some()
}

/// The line's text with a leading bullet glyph (PDF: "•", a private-use glyph, "▪")
/// written as "- " so the grammar sees one bullet form.
fn text_of(l: &Line) -> String {
    let t = super::text::canon(l.text);
    let t = t.trim();
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

/// How an item was recognised.
struct Start {
    number: String,
    title: String,
    /// Lines of the title after the numbered one.
    cont: Vec<usize>,
    /// The action label when it is glued to the title's last line.
    glued_label: Option<String>,
    /// No action label at all: the lines after the title are its actions.
    implicit: bool,
}

/// The item-start test (§5.4): a numbered line whose next non-blank line is
/// an action label, or whose title continues on unnumbered lines first.
/// Outside action lists two looser forms are accepted, for text whose line
/// breaks were lost (PDF paragraph joins): the action label glued to the
/// end of the title, or no label at all when the title starts with a
/// project word and carries the next running number (or a code-like one).
/// `seen`: an item with both labels was already read, so the document
/// follows the item grammar and its looser forms may be trusted.
fn item_start(
    lines: &Lines,
    l: &Line,
    state: State,
    expected: &[u32],
    seen: bool,
) -> Option<Start> {
    if l.has_tab() {
        return None;
    }
    let t = text_of(l);
    if is_label(&t) {
        return None;
    }
    // A lettered item ("ฆ.กิจกรรม") counts only when its action label follows.
    // An unnumbered title ("โครงการ …" right before its action label) is
    // taken between items only.
    let (c, lettered) = if let Some(c) = ITEM.captures(&t) {
        (c, false)
    } else if let Some(c) = LETTER_ITEM.captures(&t) {
        (c, true)
    } else if let Some(c) = OCR_ITEM.captures(&t).filter(|_| l.ocr) {
        (c, false)
    } else if let Some(c) = OCR_LETTER_ITEM.captures(&t).filter(|_| l.ocr) {
        (c, true)
    } else if matches!(state, State::Between | State::Result) {
        (UNNUMBERED.captures(&t)?, true)
    } else {
        return None;
    };
    let number = c
        .name("n")
        .map(|m| m.as_str().to_string())
        .unwrap_or_default();
    let first = c
        .name("title")
        .map(|m| m.as_str().to_string())
        .unwrap_or_default();
    // "7. วิธีการดำเนินการ" is a numbered field label (plans), not an item.
    if is_label(&first) || first.chars().count() < 4 {
        return None;
    }
    let loose = matches!(state, State::Between | State::Result);
    let build =
        |cont: Vec<usize>, last_text: Option<String>, glued: Option<String>, implicit: bool| {
            let mut parts = vec![first.clone()];
            for (i, no) in cont.iter().enumerate() {
                if let Some(cl) = lines.get(*no) {
                    parts.push(if i + 1 == cont.len() {
                        last_text.clone().unwrap_or_else(|| text_of(cl))
                    } else {
                        text_of(cl)
                    });
                }
            }
            if cont.is_empty() {
                if let Some(lt) = &last_text {
                    parts = vec![lt.clone()];
                }
            }
            Start {
                number: number.clone(),
                title: join_fragments(&parts),
                cont,
                glued_label: glued,
                implicit,
            }
        };
    let glued = |text: &str| -> Option<(String, String)> {
        let g = GLUED_ACTION.captures(text)?;
        // With no space before it, "…ในการดำเนินการ" is prose, not a label:
        // the word before must not be a preposition or "การ".
        let pre = g.name("pre")?.as_str();
        if g.name("sp").is_none_or(|m| m.as_str().is_empty())
            && (!seen || pre.chars().count() < 8 || GLUE_BLOCKERS.iter().any(|w| pre.ends_with(w)))
        {
            return None;
        }
        Some((
            g.name("pre")?.as_str().to_string(),
            g.name("label")?.as_str().to_string(),
        ))
    };
    let plain: Option<u32> = if number.contains('.') {
        None
    } else {
        number.parse().ok()
    };
    let fits = match plain {
        Some(n) => expected.contains(&n),
        None => true,
    };
    // Inside an action list (its result label lost too) only a title with
    // a project word and the next running number counts.
    let glued_ok =
        !lettered && (loose || (state == State::Action && fits && PROJECT_WORD.is_match(&first)));
    if glued_ok {
        if let Some((pre, label)) = glued(&first) {
            return Some(build(Vec::new(), Some(pre), Some(label), false));
        }
    }
    let mut cont = Vec::new();
    let mut no = l.no;
    while let Some(n) = next_content(lines, no) {
        let tn = text_of(n);
        if action_label(&tn).is_some() {
            return Some(build(cont, None, None, false));
        }
        if cont.len() == TITLE_WRAP
            || n.has_tab()
            || ITEM.is_match(&tn)
            || (n.ocr && OCR_ITEM.is_match(&tn))
            || is_label(&tn)
            || is_heading(&tn)
            || LIST_MARK.is_match(&tn)
        {
            break;
        }
        cont.push(n.no);
        if glued_ok {
            if let Some((pre, label)) = glued(&tn) {
                return Some(build(cont, Some(pre), Some(label), false));
            }
        }
        no = n.no;
    }
    if !lettered && seen && state == State::Result && fits && PROJECT_WORD.is_match(&first) {
        return Some(build(Vec::new(), None, None, true));
    }
    None
}

/// After a heading-like line: more headings or their wrapped titles, then
/// an item start.
fn heading_leads_to_item(lines: &Lines, l: &Line, expected: &[u32]) -> bool {
    let mut no = l.no;
    for _ in 0..6 {
        let Some(n) = next_content(lines, no) else {
            return false;
        };
        if item_start(lines, n, State::Between, expected, true).is_some() {
            return true;
        }
        let tn = text_of(n);
        if n.has_tab() || is_label(&tn) || LIST_MARK.is_match(&tn) && !is_heading(&tn) {
            return false;
        }
        no = n.no;
    }
    false
}

fn is_heading(t: &str) -> bool {
    DIMENSION_HEADING.is_match(t) || MISSION_HEADING.is_match(t) || OCR_MISSION.is_match(t)
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

fn build_text(raw: &[String]) -> Option<String> {
    let mut buf = Vec::new();
    for t in raw {
        push_line(&mut buf, t.clone());
    }
    if buf.is_empty() {
        None
    } else {
        Some(buf.join("\n"))
    }
}

fn finish(open: Option<Open>, lines: &Lines, out: &mut Vec<Activity>, warnings: &mut Vec<Warning>) {
    let Some(mut o) = open else { return };
    // No result label seen: one may be glued to the end of an action line
    // (PDF: "…ทับซ้อนผลการดำเนินการ"). Only then is such a line split, so
    // "8. รายงานผลการดำเนินงาน" before a real label stays an action.
    if o.act.result_label.is_none() {
        let split = o.action.iter().rposition(|t| GLUED_RESULT.is_match(t));
        if let Some(i) = split {
            let tail: Vec<String> = o.action.split_off(i + 1);
            if let Some(c) = o.action.last().and_then(|t| GLUED_RESULT.captures(t)) {
                let pre = c
                    .name("pre")
                    .map(|m| m.as_str().to_string())
                    .unwrap_or_default();
                o.act.result_label = c.name("label").map(|m| m.as_str().to_string());
                if let Some(last) = o.action.last_mut() {
                    *last = pre;
                }
            }
            o.result = tail;
        }
    }
    o.act.action_text = build_text(&o.action);
    o.act.result_text = build_text(&o.result);
    if o.act.action_label.is_none() {
        warnings.push(Warning::new(
            WarningCode::ActivityNoAction,
            format!("item \"{}\" has no action label; the lines after its title are read as its actions", o.act.name),
            Some(o.act.source_span),
        ));
    }
    if o.act.result_label.is_none() {
        warnings.push(Warning::new(
            WarningCode::ActivityNoResult,
            format!("item \"{}\" has no result list", o.act.name),
            Some(o.act.source_span),
        ));
    }
    // "1. ผลผลิต" then "2. ผลผลิต" where ผลลัพธ์ is meant (004:L386/391).
    for w in o.sublabels.windows(2) {
        if let [(a, _), (b, no)] = w {
            if a == b {
                warnings.push(Warning::new(
                    WarningCode::ResultSublabel,
                    format!("result sub-label \"{b}\" printed twice in item \"{}\" (ผลผลิต/ผลลัพธ์ expected); kept as printed", o.act.name),
                    Some(lines.span(*no, *no)),
                ));
            }
        }
    }
    out.push(o.act);
}

/// Dimensions of the plan grammar run 1–4 (RECORD.md).
const MAX_DIMENSION: u8 = 4;

/// The dimension of a heading. On an OCR line a number no dimension has
/// ("มิติที่5" for ๔) right after dimension d is d+1, with a warning; the
/// printed number is otherwise kept.
fn ocr_dimension(
    printed: Option<u8>,
    previous: Option<u8>,
    l: &Line,
    warnings: &mut Vec<Warning>,
) -> Option<u8> {
    match (printed, previous) {
        (Some(n), Some(p)) if l.ocr && n > MAX_DIMENSION && p < MAX_DIMENSION => {
            warnings.push(Warning::new(
                WarningCode::OcrDimension,
                format!("OCR dimension heading reads {n} (no such dimension) after dimension {p}: read as {}", p + 1),
                Some(l.span()),
            ));
            Some(p + 1)
        }
        _ => printed,
    }
}

/// An item opened at line `no` from a recognised start: the state to go on
/// in and the last line of its title.
fn open_item(
    lines: &Lines,
    no: usize,
    st: Start,
    dimension: Option<u8>,
    mission: Option<String>,
) -> (Open, State, usize) {
    let title_end = st.cont.last().copied().unwrap_or(no);
    let number = if st.number.contains('.') {
        None
    } else {
        st.number.parse::<u32>().ok()
    };
    let state = if st.glued_label.is_some() || st.implicit {
        State::Action
    } else {
        State::Title
    };
    let open = Open {
        act: Activity {
            number,
            dimension,
            mission,
            name: st.title,
            number_printed: if st.number.is_empty() {
                None
            } else {
                Some(format!("{}.", st.number))
            },
            action_label: st.glued_label,
            source_span: lines.span(no, title_end),
            ..Default::default()
        },
        action: Vec::new(),
        result: Vec::new(),
        sublabels: Vec::new(),
    };
    (open, state, title_end)
}

pub fn recognize(lines: &Lines, warnings: &mut Vec<Warning>) -> Vec<Activity> {
    let mut out: Vec<Activity> = Vec::new();
    let mut dimension: Option<u8> = None;
    let mut mission: Option<String> = None;
    // Missions stacked with no item between (004:L822→L824): the last one
    // counts; the outline pass (structure) warns about the stack.
    let mut state = State::Between;
    let mut open: Option<Open> = None;
    let mut skip_to = 0usize;
    let (mut counted, mut seen, mut last_plain) = (0usize, false, 0u32);

    for l in &lines.lines {
        if l.no <= skip_to || l.is_blank() || is_noise(l) {
            continue;
        }
        let t = text_of(l);

        // 1. The item-start test wins over the heading test (§2.5 rule 1).
        // Running facts about the items so far, kept incrementally (a
        // rescan per line would be quadratic on long documents).
        for a in out.get(counted..).unwrap_or(&[]) {
            seen |= a.action_label.is_some() && a.result_label.is_some();
            if let Some(n) = a.number {
                last_plain = n;
            }
        }
        counted = out.len();
        let current = open
            .as_ref()
            .and_then(|o| o.act.number)
            .unwrap_or(last_plain);
        let expected = [current.saturating_add(1), current.saturating_add(2)];
        if let Some(st) = item_start(lines, l, state, &expected, seen) {
            finish(open.take(), lines, &mut out, warnings);
            let (o, s, end) = open_item(lines, l.no, st, dimension, mission.clone());
            (open, state, skip_to) = (Some(o), s, end);
            continue;
        }

        if !l.has_tab() {
            // 2. Headings, only between items or after a result list has
            //    started (never inside an action list).
            // In an action list a heading-like line is a list item (004:L451
            // " - 2.1 ปรับปรุง…") unless an item follows it: then the
            // result label was lost and the list has ended.
            let heading_ok = match state {
                State::Between | State::Result => true,
                State::Title => false,
                State::Action => is_heading(&t) && heading_leads_to_item(lines, l, &expected),
            };
            if heading_ok {
                if let Some(c) = DIMENSION_HEADING.captures(&t) {
                    finish(open.take(), lines, &mut out, warnings);
                    let printed: Option<u8> = c.name("n").and_then(|m| m.as_str().parse().ok());
                    dimension = ocr_dimension(printed, dimension, l, warnings);
                    mission = None;
                    state = State::Between;
                    continue;
                }
                let mission_c = MISSION_HEADING
                    .captures(&t)
                    .or_else(|| OCR_MISSION.captures(&t).filter(|_| l.ocr));
                if let Some(c) = mission_c {
                    let mut code = c
                        .name("code")
                        .map(|m| m.as_str().to_string())
                        .unwrap_or_default();
                    let mut first: Option<u8> = code.split('.').next().and_then(|s| s.parse().ok());
                    // OCR: a first component no dimension has (๔ read as 5)
                    // under a known dimension is that dimension, warned.
                    if let (true, Some(d), Some(f)) = (l.ocr, dimension, first) {
                        if !(1..=MAX_DIMENSION).contains(&f) {
                            let fixed = match code.split_once('.') {
                                Some((_, rest)) => format!("{d}.{rest}"),
                                None => code.clone(),
                            };
                            warnings.push(Warning::new(
                                WarningCode::OcrMissionCode,
                                format!("OCR mission code \"{code}\" under dimension {d}: read as \"{fixed}\""),
                                Some(l.span()),
                            ));
                            code = fixed;
                            first = Some(d);
                        }
                    }
                    // Rule 3: the first component is the current dimension.
                    if dimension.is_none() || first == dimension {
                        finish(open.take(), lines, &mut out, warnings);
                        if dimension.is_none() {
                            dimension = first;
                        }
                        mission = Some(code);
                        state = State::Between;
                        // OCR: an item start run into the heading's line.
                        let glued = OCR_GLUED_ITEM
                            .captures(&t)
                            .filter(|_| l.ocr)
                            .and_then(|g| g.name("item").map(|m| m.as_str().to_string()));
                        if let Some(item) = glued {
                            let tail = Line { text: &item, ..*l };
                            if let Some(st) = item_start(lines, &tail, state, &expected, seen) {
                                let (o, s, end) =
                                    open_item(lines, l.no, st, dimension, mission.clone());
                                (open, state, skip_to) = (Some(o), s, end);
                            }
                        }
                        continue;
                    }
                }
            }
            if let Some((label, rest)) = action_label(&t) {
                if state == State::Title {
                    if let Some(o) = open.as_mut() {
                        o.act.action_label = Some(label);
                        o.act.source_span = o.act.source_span.join(l.span());
                        o.action.extend(rest);
                    }
                    state = State::Action;
                    continue;
                }
            }
            if let Some((label, rest)) = result_label(&t) {
                if matches!(state, State::Action | State::Title) {
                    if let Some(o) = open.as_mut() {
                        o.act.result_label = Some(label);
                        o.act.source_span = o.act.source_span.join(l.span());
                        o.result.extend(rest);
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
            State::Action | State::Result => {
                if let Some(o) = open.as_mut() {
                    // In an action list, sub-labels mean the result label was
                    // glued to an action line (split off when the item ends).
                    if let Some(c) = SUBLABEL.captures(&t) {
                        o.sublabels.push((
                            c.name("w")
                                .map(|m| m.as_str().to_string())
                                .unwrap_or_default(),
                            l.no,
                        ));
                    }
                    if state == State::Action {
                        o.action.push(t);
                    } else {
                        o.result.push(t);
                    }
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
    let mut unnumbered = 0usize;
    for (pos, a) in items.iter().enumerate() {
        let span = Some(SourceSpan::line(
            a.source_span.line_start,
            a.source_span.page,
        ));
        match a.number {
            None if a.number_printed.is_none() => unnumbered += 1,
            None => {
                warnings.push(Warning::new(
                    WarningCode::NumberingCodeLike,
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
                        WarningCode::NumberingDuplicate,
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
                            WarningCode::NumberingGap,
                            format!("item numbers jump from {pn} to {n}: {missing} missing"),
                            span,
                        ));
                    }
                }
                last = Some((n, pos));
            }
        }
    }
    if unnumbered > 0 {
        warnings.push(Warning::new(
            WarningCode::NumberingAbsent,
            format!("{unnumbered} item(s) printed without a number; number left null"),
            None,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::report::test_support::doc;

    fn run(lines: &[&str]) -> (Vec<Activity>, Vec<Warning>) {
        let d = doc(lines);
        let mut w = Vec::new();
        let a = recognize(&Lines::new(&d), &mut w);
        (a, w)
    }

    /// The same lines marked as OCR output, as the extractor marks them.
    fn run_ocr(lines: &[&str]) -> Vec<Activity> {
        let mut d = doc(lines);
        for h in &mut d.line_hints {
            h.ocr = true;
        }
        recognize(&Lines::new(&d), &mut Vec::new())
    }

    #[test]
    fn ocr_number_with_its_dot_lost_or_spaced() {
        let lines = [
            "มิติที่ 3 การส่งเสริมบทบาท",
            "3.1.2 มีการเผยแพร่ข้อมูลข่าวสาร",
            "33กิจกรรม “ การเผยแพร่ข้อมูลข่าวสารด้านการเงิน”",
            "การดำเนินการ",
            "1. เผยแพร่",
            "ผลการดำเนินการ",
            "1 มีการเผยแพร่",
            "34 . กิจกรรม “ให้ความรู้”",
            "การดำเนินการ",
            "1. จัดอบรม",
            "ผลการดำเนินการ",
            "1 มีความรู้",
        ];
        let a = run_ocr(&lines);
        let got: Vec<(Option<u32>, Option<&str>)> =
            a.iter().map(|x| (x.number, x.mission.as_deref())).collect();
        assert_eq!(
            got,
            vec![(Some(33), Some("3.1.2")), (Some(34), Some("3.1.2"))]
        );
        // Not OCR: neither shape is an item start.
        assert!(run(&lines).0.is_empty());
    }

    #[test]
    fn ocr_shapes_decomposed_sara_am_page_numbers_bullets() {
        let (a, _) = run(&[
            "มิติที่ 1 การสร้างสังคม",
            "1.1.1 สร้างจิตสำนึก",
            "1.มาตรการ “ส่งเสริมการปฏิบัติงาน",
            "ตามประมวลจริยธรรม”",
            "การดําเนินการ",
            "13",
            "\u{F0B7} เผยแพร่ประมวลจริยธรรม",
            "ผลการดําเนินการ",
            "\u{F0B7} พนักงานปฏิบัติงานตามประมวล",
            "จริยธรรม",
            "2. กิจกรรมให้ความรู้",
            "การดําเนินการ",
            "- จัดประชุม",
            "ผลการดำเนินการ",
            "- มีความรู้",
        ]);
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].name, "มาตรการ “ส่งเสริมการปฏิบัติงาน ตามประมวลจริยธรรม”");
        assert_eq!(a[0].action_text.as_deref(), Some("- เผยแพร่ประมวลจริยธรรม"));
        assert_eq!(
            a[0].result_text.as_deref(),
            Some("- พนักงานปฏิบัติงานตามประมวล จริยธรรม")
        );
        assert_eq!(a[0].action_label.as_deref(), Some("การดำเนินการ"));
        assert_eq!(
            (a[1].number, a[1].mission.as_deref()),
            (Some(2), Some("1.1.1"))
        );
    }

    #[test]
    fn glued_labels_from_paragraph_joins() {
        let (a, w) = run(&[
            "1. มาตรการแรก",
            "การดำเนินการ",
            "- ก",
            "ผลการดำเนินการ",
            "- ข",
            "2. กิจกรรมที่สอง การดำเนินการ",
            "- จัดประชุมเรื่องผลประโยชน์ทับซ้อนผลการดำเนินการ",
            "- พนักงานมีความรู้",
            "3.กิจกรรมที่สาม ของเทศบาลตำบลท่าแร่การดำเนินการ",
            "8. รายงานผลการดำเนินงาน",
            "ผลการดำเนินการ",
            "- ค",
        ]);
        assert_eq!(a.len(), 3, "{a:?}");
        assert_eq!(a[1].name, "กิจกรรมที่สอง");
        assert_eq!(
            a[1].action_text.as_deref(),
            Some("- จัดประชุมเรื่องผลประโยชน์ทับซ้อน")
        );
        assert_eq!(a[1].result_text.as_deref(), Some("- พนักงานมีความรู้"));
        assert_eq!(a[1].result_label.as_deref(), Some("ผลการดำเนินการ"));
        // "8. รายงานผลการดำเนินงาน" before a real label stays an action.
        assert_eq!(a[2].name, "กิจกรรมที่สาม ของเทศบาลตำบลท่าแร่");
        assert_eq!(a[2].action_text.as_deref(), Some("8. รายงานผลการดำเนินงาน"));
        assert!(!w.iter().any(|w| w.code == "activity_no_result"));
    }

    #[test]
    fn nested_steps_are_not_missions_and_numbered_field_labels_are_not_items() {
        let (a, _) = run(&[
            "มิติที่ 2 การบริหาร",
            "2.3.1 มีการจัดทำแผนภูมิ",
            "20. มาตรการลดขั้นตอน",
            "การดำเนินการ",
            "1. จัดทำประกาศ",
            " - 2.1 ปรับปรุงแผนผัง",
            " - 2.2 ปรับปรุงป้าย",
            "3. มีการสำรวจ",
            "ผลการดำเนินการ",
            "1. ประชาชนได้รับบริการ",
            "6. ระยะเวลาการดำเนินการ",
            "ปีงบประมาณ 2566",
        ]);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].mission.as_deref(), Some("2.3.1"));
        assert!(a[0]
            .action_text
            .as_deref()
            .unwrap_or("")
            .contains("- 2.2 ปรับปรุงป้าย"));
    }

    #[test]
    fn ocr_lost_marks_lettered_number_and_heading_before_it() {
        let (a, w) = run(&[
            "มติที่ 2 การบริหารราชการ",
            "2.1 แสดงเจตจำนงทางการเมือง",
            "ฆ.กิจกรรม “ประกาศเจตจำนง",
            "ปกครองส่วนท้องถิ่น”",
            "การดาเนนการ",
            "1. ประกาศเจตจำนง",
            "ผลการดาเนนการ",
            "- มีประกาศ",
        ]);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(
            (a[0].number, a[0].number_printed.as_deref()),
            (None, Some("ฆ."))
        );
        assert_eq!(
            (a[0].dimension, a[0].mission.as_deref()),
            (Some(2), Some("2.1"))
        );
        assert_eq!(a[0].name, "กิจกรรม “ประกาศเจตจำนง ปกครองส่วนท้องถิ่น”");
        assert_eq!(
            (a[0].action_label.as_deref(), a[0].result_label.as_deref()),
            (Some("การดำเนินการ"), Some("ผลการดำเนินการ"))
        );
        assert_eq!(a[0].result_text.as_deref(), Some("- มีประกาศ"));
        assert!(w
            .iter()
            .any(|w| w.code == "numbering_code_like" && w.message.contains("ฆ.")));
    }

    #[test]
    fn unnumbered_items_other_template() {
        let (a, w) = run(&[
            "มิติที่ 3 การส่งเสริมบทบาท",
            "3.1.1 จัดให้มีศูนย์ข้อมูลข่าวสาร",
            "โครงการศูนย์ข้อมูลข่าวสาร",
            "การดำเนินการ",
            "- จัดตั้งศูนย์",
            "ผลการดำเนินการ",
            "- โครงการนี้ดำเนินการแล้ว",
            "- กิจกรรมเผยแพร่",
            "ประจำเดือน",
            "การดำเนินการ",
            "- เผยแพร่",
            "ผลการดำเนินการ",
            "- ประชาชนรับทราบ",
        ]);
        assert_eq!(a.len(), 2, "{a:?}");
        assert_eq!((a[0].number, a[0].number_printed.as_deref()), (None, None));
        assert_eq!(a[0].result_text.as_deref(), Some("- โครงการนี้ดำเนินการแล้ว"));
        assert_eq!(a[1].name, "กิจกรรมเผยแพร่ ประจำเดือน");
        assert_eq!(a[1].mission.as_deref(), Some("3.1.1"));
        assert!(w
            .iter()
            .any(|w| w.code == "numbering_absent" && w.message.starts_with('2')));
        assert!(!w.iter().any(|w| w.code == "numbering_code_like"));
    }
}
