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
    if first.is_empty() || first.contains('\t') || first.chars().count() > 160 {
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

/// Split trailing amount tokens off a row: (head, amounts).
fn trailing_amounts(t: &str) -> (String, Vec<String>) {
    let toks: Vec<&str> = t.split_whitespace().collect();
    let mut k = toks.len();
    while k > 0 && toks.get(k - 1).is_some_and(|x| AMOUNT_TOKEN.is_match(x)) {
        k -= 1;
    }
    // A project marker "1)" alone is not an amount row.
    let head = toks.get(..k).unwrap_or(&[]).join(" ");
    let amounts = toks
        .get(k..)
        .unwrap_or(&[])
        .iter()
        .map(|s| s.to_string())
        .collect();
    (head, amounts)
}

struct FlatRow {
    at: usize,
    dim: String,
    mission: String,
    project: String,
    amounts: Vec<String>,
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
        let (head, amounts) = trailing_amounts(t);
        let head = head.trim().to_string();
        let new_row = |rows: &mut Vec<FlatRow>| {
            rows.push(FlatRow {
                at: k,
                dim: String::new(),
                mission: String::new(),
                project: String::new(),
                amounts: Vec::new(),
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
        } else if MISSION_START.is_match(&head) {
            // "1.1 mission 1) project …" or a mission line alone.
            let (mis, proj) = match PAREN_MARK.find(&head) {
                Some(m) if m.start() > 0 => (
                    head.get(..m.start()).unwrap_or("").trim().to_string(),
                    head.get(m.start()..).unwrap_or("").trim().to_string(),
                ),
                _ => (head.clone(), String::new()),
            };
            new_row(&mut rows);
            if let Some(r) = rows.last_mut() {
                r.mission = mis;
                r.project = proj;
                r.amounts = amounts;
            }
        } else if PROJECT_START.is_match(&head) {
            new_row(&mut rows);
            if let Some(r) = rows.last_mut() {
                r.project = head;
                r.amounts = amounts;
            }
        } else if let Some(r) = rows
            .last_mut()
            .filter(|r| !r.project.is_empty() && r.amounts.is_empty())
        {
            // A wrapped name.
            r.project = format!("{} {head}", r.project);
            r.amounts = amounts;
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
            "มิติ\tภารกิจ\tโครงการ/กิจกรรม/มาตรการ\t{}",
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
                "{}\t{}\t{}\t{}",
                r.dim,
                r.mission,
                r.project,
                cells.join("\t")
            );
        }
    }
    Some((out, warnings))
}
