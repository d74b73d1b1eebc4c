//! Tables without TABs (issue 12 class 8): text flattened from web pages or
//! PDF text layers prints the header words on one or a few lines ("มิติ
//! ภารกิจ โครงการ/กิจกรรม ปี 2566 ปี 2567 …", one "งบประมาณ (บาท)" per line)
//! and each row as "๑) name 20,000 20,000 …" with the amounts at the end,
//! or one cell per line. The region is rewritten into TAB rows on the same
//! line numbers (spans stay true) and read by the ordinary reader; the
//! record says so with a `table_flattened` warning, and a row whose amount
//! count differs from the year count gets null budgets and a
//! `table_row_amounts_mismatch` warning (which year an amount belongs to
//! is not known).

use super::*;

// A year in a flattened header: "ปี 2566", "พ.ศ. 2566", "2566".
re!(
    FLAT_YEAR,
    r"(?:ปี\s*)?(?:งบประมาณ\s*)?(?:พ\.\s*ศ\.\s*)?\b(?P<y>25[0-9]{2})\b"
);
// An amount token at the end of a row.
re!(
    AMOUNT_TOKEN,
    r"^(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,2})?|[0-9]+(?:\.[0-9]{1,2})?|-|#+)$"
);

/// The header words that may share the header lines with the years.
fn is_header_word_line(t: &str) -> bool {
    let rest = FLAT_YEAR.replace_all(t, " ");
    let rest = rest
        .replace("งบประมาณ", " ")
        .replace("(บาท)", " ")
        .replace("บาท", " ")
        .replace("หมายเหตุ", " ")
        .replace("ภารกิจตาม", " ")
        .replace("ภารกิจ", " ")
        .replace("ที่", " ")
        .replace("ลำดับ", " ")
        .replace("ชื่อ", " ")
        .replace("และ", " ");
    let rest = vocab::DIMENSION_WORDS
        .iter()
        .chain(vocab::PROJECT_WORDS.iter())
        .fold(rest, |acc, w| acc.replace(w, " "));
    rest.chars()
        .all(|c| c.is_whitespace() || matches!(c, '/' | '(' | ')' | '.' | ',' | '-' | '–' | ':'))
}

/// Years of a header run starting at line index `i`: (years, last index).
fn flat_header(all: &[Line], i: usize) -> Option<(Vec<u32>, usize)> {
    let first = all.get(i)?.text.trim();
    // One header line may carry every column: "ปี 2566 งบประมาณ (บาท)" per
    // year and หมายเหตุ are ~190 characters for five years.
    if first.is_empty() || first.contains('\t') || first.chars().count() > 400 {
        return None;
    }
    if !WORD_PROJECT.is_match(first) || !is_header_word_line(first) {
        return None;
    }
    let mut years: Vec<u32> = Vec::new();
    let mut end = i;
    for (k, l) in all.iter().enumerate().skip(i).take(12) {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        if t.contains('\t') || !is_header_word_line(t) {
            break;
        }
        for c in FLAT_YEAR.captures_iter(t) {
            if let Some(y) = c.name("y").and_then(|m| m.as_str().parse::<u32>().ok()) {
                if !years.contains(&y) {
                    years.push(y);
                }
            }
        }
        end = k;
    }
    let consecutive = years.windows(2).all(|w| w[1] == w[0] + 1);
    (!years.is_empty() && years.len() <= 6 && consecutive).then_some((years, end))
}

/// Words that make the number after them prose, not an amount ("ปี 2566",
/// "หน้า 45", "ข้อ 3"): a remark after the amounts often ends in one.
const PROSE_NUMBER_WORDS: &[&str] = &["ปี", "พ.ศ.", "หน้า", "ข้อ", "ที่", "ฉบับที่"];

/// A BE year written bare ("2561"): inside a year range it is prose.
fn bare_year(t: &str) -> bool {
    t.len() == 4 && t.starts_with("25") && t.bytes().all(|b| b.is_ascii_digit())
}

/// The amount a token stands for, if it is one: "20,000", "-", "#####",
/// and the total-row forms "20,000บาท", "-บาท" (the "จำนวน … บาท" words
/// around an amount are fillers, see `is_filler`).
fn amount_of(t: &str) -> Option<&str> {
    let a = t.strip_suffix("บาท").unwrap_or(t);
    AMOUNT_TOKEN.is_match(a).then_some(a)
}

/// "จำนวน 20,000 บาท": the words a total cell wraps its amount in.
fn is_filler(t: &str) -> bool {
    t == "จำนวน" || t == "บาท"
}

/// A run of amount tokens: [start, end) token indices and the amounts.
struct Run {
    start: usize,
    end: usize,
    amounts: Vec<String>,
}

/// Maximal runs of amounts (fillers inside or around a run belong to it).
/// A number after a prose word ("ปี 2566", "หน้า 45") or a bare BE-year
/// range ("2561 - 2564") is not an amount.
fn amount_runs(toks: &[&str]) -> Vec<Run> {
    let n = toks.len();
    let mut prose = vec![false; n];
    for i in 0..n {
        let t = toks.get(i).copied().unwrap_or("");
        let prev = i.checked_sub(1).and_then(|j| toks.get(j)).copied();
        if prev.is_some_and(|p| PROSE_NUMBER_WORDS.contains(&p)) {
            prose[i] = true;
        }
        // "2561 - 2564", "2561-2564" in a remark
        if bare_year(t) {
            let next2 = (toks.get(i + 1).copied(), toks.get(i + 2).copied());
            if let (Some(d), Some(y)) = next2 {
                if matches!(d, "-" | "–") && bare_year(y) {
                    for k in i..=i + 2 {
                        if let Some(p) = prose.get_mut(k) {
                            *p = true;
                        }
                    }
                }
            }
        }
    }
    let mut runs: Vec<Run> = Vec::new();
    let mut cur: Option<Run> = None;
    for (i, t) in toks.iter().enumerate() {
        let amount = if prose.get(i).copied().unwrap_or(false) {
            None
        } else {
            amount_of(t)
        };
        match (amount, is_filler(t)) {
            (Some(a), _) => {
                let r = cur.get_or_insert(Run {
                    start: i,
                    end: i,
                    amounts: Vec::new(),
                });
                r.amounts.push(a.to_string());
                r.end = i + 1;
            }
            // "จำนวน" opens a run; "บาท" closes the amount before it
            (None, true) => {
                if let Some(r) = cur.as_mut() {
                    r.end = i + 1;
                } else if *t == "จำนวน" {
                    cur = Some(Run {
                        start: i,
                        end: i + 1,
                        amounts: Vec::new(),
                    });
                }
            }
            (None, false) => {
                if let Some(r) = cur.take() {
                    runs.push(r);
                }
            }
        }
    }
    if let Some(r) = cur.take() {
        runs.push(r);
    }
    runs.retain(|r| !r.amounts.is_empty());
    runs
}

// Two amount cells glued where a line wrapped ("จำนวน 20,000บาทจำนวน
// 20,000 บาท", "60,000จำนวน …": a browser draws no space at a wrap, so
// the PDF has none, synth pdf-chromium 11_012).
re!(GLUED_CELLS, r"(บาท|[0-9๐-๙])(จำนวน)|(บาท)([0-9๐-๙])");

/// Split a flattened row into (head, amounts, remark) for a table of `n`
/// years. The amounts are the run at the end of the row. A row that ends
/// in text has a remark (the หมายเหตุ cell: "… 20,000 20,000 อยู่ใน
/// ข้อบัญญัติ ปี 2565"): its amounts are the last run of exactly `n`
/// money-like amounts ("20,000", "-", "#####", "5,000.00"; a bare "2"
/// may be part of a name) followed by a word that is not a project count.
fn split_row(t: &str, n: usize) -> (String, Vec<String>, String) {
    let t = GLUED_CELLS.replace_all(t, "$1$3 $2$4");
    let t = t.as_ref();
    let toks: Vec<&str> = t.split_whitespace().collect();
    let runs = amount_runs(&toks);
    let join = |a: usize, b: usize| toks.get(a..b).unwrap_or(&[]).join(" ");
    let money_like = |a: &String| a.contains(',') || a.starts_with('#') || a == "-";
    // A row ending in a bare year ("… แผนพัฒนาท้องถิ่น 2567", a remark
    // whose "- 2567 หน้า 82" wrapped to the next line) has no amount there:
    // a year is never money.
    let pick = match runs
        .last()
        .filter(|r| r.end == toks.len() && !r.amounts.iter().all(|a| bare_year(a)))
    {
        Some(r) => Some(r),
        None => runs.iter().rev().find(|r| {
            r.start > 0
                && r.amounts.len() == n
                && r.amounts.iter().all(money_like)
                && toks
                    .get(r.end)
                    .is_some_and(|w| !vocab::PROJECT_WORDS.iter().any(|p| w.starts_with(p)))
        }),
    };
    match pick {
        Some(r) => (join(0, r.start), r.amounts.clone(), join(r.end, toks.len())),
        None => (t.to_string(), Vec::new(), String::new()),
    }
}

struct FlatRow {
    at: usize,
    dim: String,
    mission: String,
    project: String,
    amounts: Vec<String>,
    note: String,
}

// A dimension cell printed on its own line: "1. การสร้างสังคมที่ไม่ทนต่อ
// การทุจริต" (the table's first column, §3.1, without its TABs).
re!(DIM_NUMBER_LINE, r"^(?P<d>[1-9])\s*\.\s*[^0-9\s]");

/// Is `head` (a line without amounts at index `k`) a dimension section
/// line? "N. text" whose next line opens a mission of dimension N ("N.1
/// …"), or that follows the header or a total row and does not start with
/// a project word ("1. โครงการ…" with its amounts on the next lines is a
/// project).
fn dimension_line(head: &str, all: &[Line], k: usize, prev: Option<&FlatRow>) -> bool {
    let Some(d) = DIM_NUMBER_LINE.captures(head).and_then(|c| c.name("d")) else {
        return false;
    };
    let next_mission = all
        .iter()
        .skip(k + 1)
        .map(|l| l.text.trim())
        .find(|t| !t.is_empty())
        .and_then(|t| MISSION_START.captures(t))
        .and_then(|c| c.name("code"))
        .is_some_and(|c| c.as_str().split('.').next() == Some(d.as_str()));
    let after_total = prev.is_none_or(|r| {
        r.project.is_empty() && r.mission.is_empty()
            || TOTAL_LABEL.is_match(&r.project)
            || TOTAL_LABEL_DIM_FIRST.is_match(&r.project)
    });
    let body = head
        .get(d.end()..)
        .unwrap_or("")
        .trim_start_matches(['.', ' ']);
    next_mission || (after_total && !vocab::PROJECT_WORDS.iter().any(|w| body.starts_with(w)))
}

/// "1. การสร้าง… 1.1 การเสริม… 1) โครงการ…": a dimension cell followed on
/// the same line by a mission of that dimension → (dimension, rest).
fn dimension_then_mission(head: &str) -> Option<(&str, &str)> {
    let d = DIM_NUMBER_LINE.captures(head)?.name("d")?;
    let body = head.get(d.end()..)?.trim_start_matches(['.', ' ']);
    if vocab::PROJECT_WORDS.iter().any(|w| body.starts_with(w)) {
        return None;
    }
    let code = format!(" {}.", d.as_str());
    let at = head.match_indices(&code).map(|(i, _)| i + 1).find(|&i| {
        head.get(i..)
            .is_some_and(|r| MISSION_START.is_match(r) && !PROJECT_START.is_match(r))
    })?;
    Some((head.get(..at)?.trim(), head.get(at..)?))
}

/// Rewrite the first flattened table into TAB rows. Returns the rewritten
/// lines (same count and numbers as the input) and the table's warnings,
/// or None when the document has no flattened table header.
pub(super) fn tabify(lines: &Lines) -> Option<(Vec<String>, Vec<Warning>)> {
    let all = &lines.lines;
    let (hi, years, hend) =
        (0..all.len()).find_map(|i| flat_header(all, i).map(|(y, e)| (i, y, e)))?;
    let n = years.len();
    let mut out: Vec<String> = all.iter().map(|l| l.text.to_string()).collect();
    let mut rows: Vec<FlatRow> = Vec::new();
    let mut end = hend;
    let mut misses = 0;
    for (k, l) in all.iter().enumerate().skip(hend + 1) {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        if t.contains('\t') || PART_HEADING.is_match(t) {
            break;
        }
        let (head, amounts, note) = split_row(t, n);
        let head = head.trim().to_string();
        let new_row = |rows: &mut Vec<FlatRow>| {
            rows.push(FlatRow {
                at: k,
                dim: String::new(),
                mission: String::new(),
                project: String::new(),
                amounts: Vec::new(),
                note: String::new(),
            })
        };
        if TOTAL_LABEL.is_match(&head) || TOTAL_LABEL_DIM_FIRST.is_match(&head) {
            new_row(&mut rows);
            if let Some(r) = rows.last_mut() {
                r.project = head;
                r.amounts = amounts;
            }
        } else if DIM_LABEL_CELL.is_match(&head) && amounts.is_empty() {
            new_row(&mut rows);
            if let Some(r) = rows.last_mut() {
                r.dim = head;
            }
        } else if head.is_empty() && !amounts.is_empty() {
            // One cell per line: amounts of the open row.
            match rows.last_mut() {
                Some(r) if r.amounts.len() < n && !r.project.is_empty() => {
                    r.amounts.extend(amounts)
                }
                _ => {
                    misses += 1;
                    if misses > 3 {
                        break;
                    }
                    continue;
                }
            }
        } else if let Some((dim, rest)) = dimension_then_mission(&head) {
            // "1. dimension 1.1 mission 1) project …" on one line.
            let (mis, proj) = mission_and_project(rest);
            new_row(&mut rows);
            if let Some(r) = rows.last_mut() {
                r.dim = dim.to_string();
                r.mission = mis;
                r.project = proj;
                r.amounts = amounts;
                r.note = note;
            }
        } else if amounts.is_empty() && dimension_line(&head, all, k, rows.last()) {
            new_row(&mut rows);
            if let Some(r) = rows.last_mut() {
                r.dim = head;
            }
        } else if MISSION_START.is_match(&head) {
            // "1.1 mission 1) project …" or a mission line alone.
            let (mis, proj) = mission_and_project(&head);
            new_row(&mut rows);
            if let Some(r) = rows.last_mut() {
                r.mission = mis;
                r.project = proj;
                r.amounts = amounts;
                r.note = note;
            }
        } else if PROJECT_START.is_match(&head) {
            new_row(&mut rows);
            if let Some(r) = rows.last_mut() {
                r.project = head;
                r.amounts = amounts;
                r.note = note;
            }
        } else if let Some(r) = rows
            .last_mut()
            .filter(|r| !r.project.is_empty() && r.amounts.is_empty())
        {
            // A wrapped name.
            r.project = format!("{} {head}", r.project);
            r.amounts = amounts;
            r.note = note;
        } else if let Some(r) = rows.last_mut().filter(|r| {
            amounts.is_empty()
                && r.amounts.len() == n
                && r.note.is_empty()
                && !r.project.is_empty()
                && !TOTAL_LABEL.is_match(&r.project)
                && !TOTAL_LABEL_DIM_FIRST.is_match(&r.project)
        }) {
            // One cell per line: the remark after a project's amounts.
            r.note = head;
        } else {
            misses += 1;
            if misses > 3 {
                break;
            }
            continue;
        }
        misses = 0;
        end = k;
    }
    if !rows.iter().any(|r| !r.project.is_empty()) {
        return None;
    }
    let mut warnings = vec![Warning::new(
        WarningCode::TableFlattened,
        format!(
            "the budget table has no TAB cells (text flattened from a web page or PDF): rows read from line order and trailing amounts, {n} year(s)"
        ),
        Some(lines.span(hi + 1, end + 1)),
    )];
    let header_years: Vec<String> = years.iter().map(|y| format!("ปี {y}")).collect();
    for o in out.iter_mut().take(hend + 1).skip(hi) {
        o.clear();
    }
    if let Some(h) = out.get_mut(hi) {
        *h = format!(
            "มิติ\tภารกิจ\tโครงการ/กิจกรรม/มาตรการ\t{}\tหมายเหตุ",
            header_years.join("\t")
        );
    }
    for o in out.iter_mut().take(end + 1).skip(hend + 1) {
        o.clear();
    }
    for r in &rows {
        let mut cells: Vec<String> = if r.project.is_empty()
            || r.amounts.is_empty() && !TOTAL_LABEL.is_match(&r.project)
        {
            vec![String::new(); n]
        } else if r.amounts.len() == n {
            r.amounts.clone()
        } else {
            warnings.push(Warning::new(
                WarningCode::TableRowAmountsMismatch,
                format!(
                    "flattened row \"{}\" has {} amount(s) for {n} year(s) ({}): which year each belongs to is unknown, recorded as null",
                    r.project,
                    r.amounts.len(),
                    r.amounts.join(" ")
                ),
                all.get(r.at).map(|l| l.span()),
            ));
            vec![String::new(); n]
        };
        if r.project.is_empty() && !r.dim.is_empty() && r.mission.is_empty() {
            // A section row: "มิติที่ 1 …" across the table.
            cells = vec![String::new(); n];
        }
        if let Some(o) = out.get_mut(r.at) {
            *o = format!(
                "{}\t{}\t{}\t{}\t{}",
                r.dim,
                r.mission,
                r.project,
                cells.join("\t"),
                r.note
            );
        }
    }
    Some((out, warnings))
}

/// "1.1 mission 1) project …": the mission part and the project part at
/// the first "N)" mark after the start; the whole text is the mission when
/// there is none.
fn mission_and_project(text: &str) -> (String, String) {
    match PAREN_MARK.find(text) {
        Some(m) if m.start() > 0 => (
            text.get(..m.start()).unwrap_or("").trim().to_string(),
            text.get(m.start()..).unwrap_or("").trim().to_string(),
        ),
        _ => (text.to_string(), String::new()),
    }
}
