//! The Part-2 budget summary table (docs/grammar.md §3).
//!
//! The table is found by its header row (`ปี N` year cells next to a
//! โครงการ/กิจกรรม/มาตรการ column), then read physical row by physical row.
//! Each of the first three columns is merged on its own (§3.3 "one visual
//! line per row"): a dimension starts where column 1 reads "N.", a mission
//! where column 2 reads "N.N", a project where column 3 reads "N)" / "N.";
//! anything else continues the current cell of that column. This one rule
//! reads both the 000 style (one physical row per project, wraps already
//! joined inside the cell) and the split style.
//!
//! Budget cells follow §3.2. A multi-project cell is split and its year
//! tokens are assigned in order; value-only rows feed the next project of the
//! preceding group; what stays missing is null with a warning and may be
//! inferred from a stated total afterwards ([`infer_from_totals`]).
//!
//! Other layouts read: years and unit in one header cell, or the years on a
//! second header row; a separate "ที่" number column; dimension / mission
//! as section rows; mission sub-totals; a summary table (จำนวนโครงการ)
//! before the project table. PDF text-layer artefacts: a header glued onto
//! a data row, a page of rows merged into one (its รวม split off), digits
//! split by a space. Fixtures: `fixtures/text/table_*.txt`.

use super::grammar::{parse_budget_cell, re, squash, Cell, PART_HEADING};
use super::lines::{clean_cell, Line};
use super::{Lines, Meta};
use crate::model::WarningCode;
use crate::model::{
    BudgetRow, BudgetTable, DimensionTotal, GrandTotal, Project, SourceSpan, Warning,
};
use crate::normalize::chars::thai_digits_to_ascii;
use crate::recognize::vocab;
use regex::Regex;

// A year header cell: "ปี 2566", "ปี 2566 งบประมาณ (บาท)", "งบประมาณ ปี 2566",
// "ปีงบประมาณ พ.ศ. 2566".
re!(
    YEAR_CELL,
    r"^(?:งบประมาณ\s*)?\(?ปี\s*(?:งบประมาณ\s*)?(?:พ\.\s*ศ\.\s*)?(?P<y>[0-9]{4})(?P<rest>[^0-9]{0,30})$"
);
// A bare "พ.ศ. 2566" / "2566" header cell (other plans).
re!(
    YEAR_BARE,
    r"^(?:พ\.\s*ศ\.\s*)?(?P<y>2[4-6][0-9]{2})(?:\s*\(?(?:บาท|งบประมาณ)[^0-9]{0,30})?$"
);
// Column 1: "1. การสร้าง…", "มิติที่ 1 …", "มติที่ 2", "มิติ 3".
re!(
    DIM_START,
    &format!(
        r"^(?:{dim}\s*(?:ที่)?\s*)?(?P<n>[0-9])\s*(?:[.)]|\s|$)",
        dim = vocab::dimension_word()
    )
);
// Column 2: a mission code.
re!(
    MISSION_START,
    r"^(?P<code>[0-9]+\.[0-9]+(?:\.[0-9]+)?)(?:\s|$|[^0-9.])"
);
// Column 3: a project marker at the start.
re!(
    PROJECT_START,
    r"^(?P<n>[0-9]{1,3})\s*(?P<m>[).])(?:[^0-9]|$)"
);
// Project markers anywhere (for splitting multi-project cells).
re!(PAREN_MARK, r"(?:^|\s)(?P<n>[0-9]{1,3})\)\s*");
re!(
    DOT_MARK,
    r"(?:^|\s)(?P<n>[0-9]{1,3})\.(?:\s+|(?P<t>[^0-9\s]))"
);
// Total-row labels.
re!(
    TOTAL_LABEL,
    &format!(
        r"^รวม(?P<grand>\s*(?:ทั้งสิ้น|ทั้งหมด))?(?:\s*{dim}\s*(?:ที่)?\s*(?P<d>[0-9]))?\s*(?:(?:จำนวน\s*)?[0-9]+\s*โครงการ.*)?$",
        dim = vocab::dimension_word()
    )
);
re!(PROJECT_COUNT, r"(?P<n>[0-9]+)\s*โครงการ");
re!(WORD_PROJECT, r"โครงการ|กิจกรรม|มาตรการ");
re!(
    HEADER_YEAR_PREFIX,
    r"^\(?ปี\s*(?:งบประมาณ\s*)?(?:พ\.\s*ศ\.\s*)?[0-9]{4}\s*(?:งบประมาณ\s*)?(?:\(\s*บาท\s*\))?(?P<rest>.*)$"
);
re!(
    HEADER_DIM_PREFIX,
    &format!(r"^{dim}(?:\s|$)", dim = vocab::dimension_word())
);
re!(
    HEADER_MISSION_PREFIX,
    &format!(r"^ภารกิจ(?:ตาม)?{dim}?", dim = vocab::dimension_word())
);
re!(
    HEADER_PROJECT_PREFIX,
    r"^(?:ชื่อ)?โครงการ\s*/\s*กิจกรรม(?:\s*/\s*มาตรการ)?"
);
re!(HEADER_NOTE_PREFIX, r"^หมายเหตุ");
re!(
    TRAILING_COUNT,
    r"^(?P<head>.*\S)\s*(?P<tot>จำนวน\s*[0-9]+\s*โครงการ)$"
);
re!(TRAILING_LABEL, r"^(?P<head>.*?)\s*(?P<label>รวม(?:ทั้งสิ้น)?)$");
re!(
    TRAILING_AMOUNT,
    r"^(?P<head>.*?)\s*(?P<tot>จำนวน\s*(?:[0-9][0-9, ]*(?:\.[0-9]{1,2})?|-)\s*บาท)$"
);
re!(
    MISSION_ANY,
    r"(?:^|\s)(?P<code>[0-9]+\.[0-9]+(?:\.[0-9]+)?)\s"
);
re!(NUMBER_CELL, r"^(?P<n>[0-9]{1,3})\s*[.)]?$");
re!(
    DIM_SECTION_ROW,
    &format!(
        r"^{dim}\s*ที่\s*(?P<n>[0-9])(?:[^0-9]|$)",
        dim = vocab::dimension_word()
    )
);
re!(SPLIT_DIGITS, r"(?P<a>[0-9,])\s+(?P<b>[0-9,])");

/// Column layout, from the header row.
#[derive(Debug, Clone, PartialEq)]
struct Columns {
    dim: Option<usize>,
    mission: Option<usize>,
    project: usize,
    years: Vec<usize>,
    note: Option<usize>,
    /// A separate running-number column ("ลำดับที่", "ที่").
    number: Option<usize>,
    ncells: usize,
}

fn cells_of(line: &Line) -> Vec<String> {
    line.cells()
        .into_iter()
        .map(|c| thai_digits_to_ascii(&c))
        .collect()
}

fn cell_year(cell: &str) -> Option<u32> {
    let c = cell.trim();
    let y = YEAR_CELL
        .captures(c)
        .or_else(|| YEAR_BARE.captures(c))
        .and_then(|m| m.name("y"))
        .and_then(|m| m.as_str().parse::<u32>().ok())?;
    (2400..=2700).contains(&y).then_some(y)
}

fn is_dim_word(c: &str) -> bool {
    let c = c.trim();
    ["มิติ", "มติ", "มิตี"].iter().any(|w| c.starts_with(w))
}

/// A header row: year cells after a project column. Returns years and layout.
fn header_columns(cells: &[String]) -> Option<(Vec<u32>, Columns)> {
    let mut years = Vec::new();
    let mut year_cols = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        if let Some(y) = cell_year(c) {
            years.push(y);
            year_cols.push(i);
        }
    }
    let first = *year_cols.first()?;
    // Years must increase and be one block of columns.
    if years.windows(2).any(|w| w[1] <= w[0]) || year_cols.windows(2).any(|w| w[1] != w[0] + 1) {
        return None;
    }
    let project = (0..first).rev().find(|&i| {
        cells
            .get(i)
            .is_some_and(|c| WORD_PROJECT.is_match(c) && !c.contains("จำนวน"))
    })?;
    // A header names columns: no project marker, no long text.
    let pc = cells.get(project).map(|c| c.trim()).unwrap_or("");
    if PROJECT_START.is_match(pc) || pc.chars().count() > 60 {
        return None;
    }
    let mission = (0..project).find(|&i| cells.get(i).is_some_and(|c| c.contains("ภารกิจ")));
    let dim =
        (0..project).find(|&i| Some(i) != mission && cells.get(i).is_some_and(|c| is_dim_word(c)));
    let last = *year_cols.last()?;
    let note = (last + 1..cells.len())
        .find(|&i| cells.get(i).is_some_and(|c| c.contains("หมายเหตุ")))
        // An unlabelled column after the years; never a "รวม" (five-year
        // total) or other named column.
        .or_else(|| (cells.get(last + 1).is_some_and(|c| c.trim().is_empty())).then_some(last + 1));
    let number = (0..project).find(|&i| {
        cells.get(i).is_some_and(|c| {
            let c = squash(c);
            c == "ที่" || c.starts_with("ลำดับ")
        })
    });
    Some((
        years,
        Columns {
            dim,
            mission,
            project,
            years: year_cols,
            note,
            number,
            ncells: cells.len(),
        },
    ))
}

/// The second header row ("งบประมาณ (บาท)" under every year).
fn is_unit_header(cells: &[String], cols: &Columns) -> bool {
    let year_cells: Vec<&String> = cols.years.iter().filter_map(|&i| cells.get(i)).collect();
    let pre_end = cols.years.first().copied().unwrap_or(0);
    !year_cells.is_empty()
        && year_cells.iter().all(|c| {
            (c.contains("งบประมาณ") || c.contains("บาท"))
                && !c.chars().any(|ch| ch.is_ascii_digit())
                && budget_cell(c) == Cell::Unreadable
        })
        && cells
            .iter()
            .take(pre_end)
            .all(|c| !c.contains("รวม") && !c.chars().any(|ch| ch.is_ascii_digit()))
}

/// A PDF text layer can merge a page's rows into one physical row, the
/// รวม row included: "… 4) โครงการ…จำนวน 4 โครงการ" in column 3, "- - 30,000
/// 50,000 จำนวน 80,000 บาท" in each year. Split off the trailing total
/// when every part of it is there (label, count and a "จำนวน … บาท" per year).
fn split_trailing_total(cells: &[String], cols: &Columns) -> Option<(Vec<String>, Vec<String>)> {
    let proj = cells.get(cols.project)?.trim();
    let pc = TRAILING_COUNT.captures(proj)?;
    let head = pc.name("head")?.as_str().trim();
    let count = pc.name("tot")?.as_str().trim();
    if !PROJECT_START.is_match(head) {
        return None;
    }
    let pre_end = cols.years.first().copied()?;
    let (label_col, label_cap) = (0..pre_end).find_map(|i| {
        let c = cells.get(i)?;
        TRAILING_LABEL.captures(c.trim()).map(|m| (i, m))
    })?;
    let label = label_cap.name("label")?.as_str().to_string();
    let label_head = label_cap.name("head")?.as_str().trim().to_string();
    let mut data = cells.to_vec();
    let mut total = vec![String::new(); cells.len()];
    for &i in &cols.years {
        let c = cells.get(i)?.trim();
        let m = TRAILING_AMOUNT.captures(c)?;
        if let Some(d) = data.get_mut(i) {
            *d = m.name("head")?.as_str().trim().to_string();
        }
        if let Some(t) = total.get_mut(i) {
            *t = m.name("tot")?.as_str().trim().to_string();
        }
    }
    if let Some(d) = data.get_mut(cols.project) {
        *d = head.to_string();
    }
    if let Some(d) = data.get_mut(label_col) {
        *d = label_head;
    }
    if let Some(t) = total.get_mut(label_col) {
        *t = label;
    }
    if let Some(t) = total.get_mut(cols.project) {
        *t = count.to_string();
    }
    Some((data, total))
}

/// A PDF text layer can glue a page's repeated header onto its first data
/// row, cell by cell ("ปี 2566 งบประมาณ (บาท) -", "ภารกิจตามมิติ 2.3 …").
/// When every year cell starts with its header text and some cell has
/// something after it, strip the header words and keep the data.
fn strip_merged_header(cells: Vec<String>, cols: &Columns) -> Vec<String> {
    let mut rests = Vec::new();
    for &i in &cols.years {
        match cells
            .get(i)
            .and_then(|c| HEADER_YEAR_PREFIX.captures(c.trim()))
        {
            Some(m) => rests.push(
                m.name("rest")
                    .map(|r| r.as_str().trim().to_string())
                    .unwrap_or_default(),
            ),
            None => return cells,
        }
    }
    if rests.iter().all(|r| r.is_empty()) {
        return cells; // a plain header row
    }
    let mut out = cells;
    for (&i, rest) in cols.years.iter().zip(rests) {
        if let Some(c) = out.get_mut(i) {
            *c = rest;
        }
    }
    for (idx, re) in [
        (cols.dim, &*HEADER_DIM_PREFIX),
        (cols.mission, &*HEADER_MISSION_PREFIX),
        (Some(cols.project), &*HEADER_PROJECT_PREFIX),
        (cols.note, &*HEADER_NOTE_PREFIX),
    ] {
        if let Some(c) = idx.and_then(|i| out.get_mut(i)) {
            let stripped = re.replace(c.trim(), "").trim().to_string();
            *c = stripped;
        }
    }
    out
}

/// Is this line a row of the open table (§3 "what is a table row")?
fn is_table_row(line: &Line, cols: &Columns) -> bool {
    if !line.has_tab() {
        return false;
    }
    let n = line.raw_cells().len();
    let min = cols.years.first().copied().unwrap_or(cols.project) + 1;
    n >= min && n <= cols.ncells + 1
}

/// Per project and year: what the table gave so far.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Unset,
    Value(f64),
    Unreadable,
}

#[derive(Debug, Clone)]
struct Draft {
    dimension: Option<u8>,
    mission: Option<String>,
    number: Option<String>,
    name: String,
    slots: Vec<Slot>,
    note: Option<String>,
    span: SourceSpan,
}

#[derive(Debug, Default)]
struct Group {
    rows: Vec<usize>,
    /// Next project (index into `rows`) a value-only row feeds.
    next: usize,
    /// Token counts printed per year on the group's first row.
    tokens: Vec<usize>,
    cells: Vec<String>,
    /// Closed by the next project, a total row or the table's end: no
    /// value-only row feeds it any more.
    closed: bool,
}

struct Reader {
    cols: Columns,
    years: Vec<u32>,
    rows: Vec<Draft>,
    groups: Vec<Group>,
    dim_totals: Vec<DimensionTotal>,
    grand: Option<GrandTotal>,
    warnings: Vec<Warning>,
    cur_dim: Option<u8>,
    cur_mission: Option<String>,
    /// The current project accepts continuation text (split style).
    open_project: Option<usize>,
    /// Rows since the last total row (for dimension of a bare รวม).
    since_total: Vec<usize>,
    /// Multi-project cells whose mission cell lists several codes.
    ambiguous: Vec<Ambiguous>,
    /// The first word of the table's first remark ("อยู่ใน"): remarks of one
    /// table follow one template, so it marks where a remark starts.
    remark_open: Option<String>,
    /// (previous row, current row): the current project's first row brought
    /// remark text that does not open like a remark while the previous
    /// project had one; if the current project's own remark opens further
    /// down, that text was the previous remark's wrapped tail.
    pending_tail: Option<(usize, usize)>,
}

/// The first word of a remark, when long enough to mean something.
fn opening_word(note: &str) -> Option<&str> {
    note.split_whitespace()
        .next()
        .filter(|w| w.chars().count() >= 3)
}

/// Physical rows merged by the extractor: one mission cell holding several
/// codes ("1.1 … 1.2 …") beside several projects, and one remark cell
/// holding the remarks of all of them. The text cannot say which project
/// sits under which code; the Part-3 blocks can ([`place_ambiguous`]).
#[derive(Debug, Clone)]
struct Ambiguous {
    rows: Vec<usize>,
    codes: Vec<String>,
    note: String,
}

/// Split a budget cell into its tokens (multi-project cells print
/// "- - 20,000 -"). A cell the grammar reads whole is one token.
fn cell_tokens(cell: &str) -> Vec<String> {
    let c = cell.trim();
    if c.is_empty() {
        return Vec::new();
    }
    if budget_cell(c) != Cell::Unreadable {
        return vec![c.to_string()];
    }
    let mut out: Vec<String> = Vec::new();
    for t in c.split_whitespace() {
        if t == "จำนวน" || t == "บาท" {
            continue;
        }
        let t = t.strip_prefix("จำนวน").unwrap_or(t);
        let t = t.strip_suffix("บาท").unwrap_or(t);
        if !t.is_empty() {
            out.push(t.to_string());
        }
    }
    out
}

/// §3.2 cell grammar, also accepting the accountant's "30,000.-" (a
/// trailing ".-" after digits means "no satang"; the value is unambiguous).
fn budget_cell(s: &str) -> Cell {
    let t = s.trim();
    let t = t.strip_suffix("บาท").map(str::trim_end).unwrap_or(t);
    for suffix in [".-", ".–", ".="] {
        if let Some(head) = t.strip_suffix(suffix) {
            if head.chars().last().is_some_and(|c| c.is_ascii_digit()) {
                return parse_budget_cell(head);
            }
        }
    }
    let cell = parse_budget_cell(s);
    // PDF text layers split a number ("จำนวน 120,00 0บาท"): rejoin digits
    // across spaces only when the comma grouping then checks out.
    if cell == Cell::Unreadable && SPLIT_DIGITS.is_match(s) {
        let joined = SPLIT_DIGITS.replace_all(s, "$a$b");
        if joined.contains(',') {
            if let Cell::Amount(v) = parse_budget_cell(&joined) {
                return Cell::Amount(v);
            }
        }
    }
    cell
}

fn read_token(t: &str) -> Slot {
    match budget_cell(t) {
        Cell::Amount(v) => Slot::Value(v),
        Cell::Unreadable => Slot::Unreadable,
    }
}

/// Split column 3 into (number, name) pairs. Markers must increase by a
/// small step so that "(พ.ศ. 2566)" or "3.5 ไร่" inside a name don't split.
fn split_projects(text: &str) -> Vec<(Option<String>, String)> {
    let Some(start) = PROJECT_START.captures(text) else {
        return vec![(None, text.trim().to_string())];
    };
    let paren = start.name("m").map(|m| m.as_str()) == Some(")");
    let re: &Regex = if paren { &PAREN_MARK } else { &DOT_MARK };
    // (marker start, name start, number)
    let mut marks: Vec<(usize, usize, u32)> = Vec::new();
    for c in re.captures_iter(text) {
        let (Some(whole), Some(n)) = (c.get(0), c.name("n")) else {
            continue;
        };
        let Ok(num) = n.as_str().parse::<u32>() else {
            continue;
        };
        let name_start = match c.name("t") {
            Some(t) => t.start(),
            None => whole.end(),
        };
        let accept = match marks.last() {
            None => whole.start() == 0 || text[..whole.start()].trim().is_empty(),
            Some(&(_, _, prev)) => num > prev && num <= prev + 3,
        };
        if accept {
            marks.push((n.start(), name_start, num));
        }
    }
    if marks.is_empty() {
        return vec![(None, text.trim().to_string())];
    }
    let mut out = Vec::new();
    for (k, &(_, name_start, num)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map(|m| m.0).unwrap_or(text.len());
        let name = text.get(name_start..end).unwrap_or("").trim().to_string();
        out.push((Some(num.to_string()), name));
    }
    out
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Join a wrapped fragment in the split style: Thai–Thai with no space
/// (the wrap may fall mid-word), a syllable repeated on both sides of the
/// wrap dropped once, else one space.
fn join_wrap(prev: &str, next: &str) -> String {
    let prev = prev.trim_end();
    let next = next.trim_start();
    if prev.is_empty() {
        return next.to_string();
    }
    if next.is_empty() {
        return prev.to_string();
    }
    let (Some(a), Some(b)) = (prev.chars().last(), next.chars().next()) else {
        return format!("{prev} {next}");
    };
    if is_thai(a) && is_thai(b) {
        let pc: Vec<char> = prev.chars().collect();
        let nc: Vec<char> = next.chars().collect();
        for k in (3..=6).rev() {
            if pc.len() > k
                && nc.len() > k
                && pc[pc.len() - k..] == nc[..k]
                && pc[pc.len() - k..].iter().all(|c| is_thai(*c))
            {
                let rest: String = nc[k..].iter().collect();
                return format!("{prev}{rest}");
            }
        }
        format!("{prev}{next}")
    } else {
        format!("{prev} {next}")
    }
}

impl Reader {
    fn cell(&self, cells: &[String], idx: Option<usize>) -> String {
        idx.and_then(|i| cells.get(i))
            .map(|c| c.trim().to_string())
            .unwrap_or_default()
    }

    fn year_cells(&self, cells: &[String]) -> Vec<String> {
        self.cols
            .years
            .iter()
            .map(|&i| {
                cells
                    .get(i)
                    .map(|c| c.trim().to_string())
                    .unwrap_or_default()
            })
            .collect()
    }

    fn close_group(&mut self) {
        let Some(g) = self.groups.last_mut() else {
            return;
        };
        if g.closed {
            return;
        }
        g.closed = true;
        self.pending_tail = None;
        let Some(g) = self.groups.last() else { return };
        let k = g.rows.len();
        let unset: Vec<usize> = g
            .rows
            .iter()
            .copied()
            .filter(|&r| {
                self.rows
                    .get(r)
                    .is_some_and(|d| d.slots.contains(&Slot::Unset))
            })
            .collect();
        let uneven = k > 1 && g.tokens.iter().any(|&m| m > 1 && m != k);
        if k > 1 && (uneven || !unset.is_empty()) {
            let span = g
                .rows
                .iter()
                .filter_map(|&r| self.rows.get(r))
                .map(|d| d.span)
                .reduce(|a, b| a.join(b));
            let names: Vec<String> = g
                .rows
                .iter()
                .filter_map(|&r| self.rows.get(r))
                .map(|d| d.number.clone().unwrap_or_else(|| "?".into()))
                .collect();
            let missing: Vec<String> = unset
                .iter()
                .filter_map(|&r| self.rows.get(r))
                .map(|d| d.number.clone().unwrap_or_else(|| d.name.clone()))
                .collect();
            self.warnings.push(Warning::new(
                WarningCode::BudgetTokensMismatch,
                format!(
                    "one cell lists {k} projects ({}) but its year cells print {:?} values ({}); values assigned in order, the mapping cannot be verified{}",
                    names.join(", "),
                    g.tokens,
                    g.cells.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", "),
                    if missing.is_empty() { String::new() } else { format!("; no value for project(s) {}", missing.join(", ")) }
                ),
                span,
            ));
        } else if k == 1 {
            if let Some(d) = g.rows.first().and_then(|&r| self.rows.get(r)) {
                let ys: Vec<String> = d
                    .slots
                    .iter()
                    .zip(&self.years)
                    .filter(|(s, _)| **s == Slot::Unset)
                    .map(|(_, y)| y.to_string())
                    .collect();
                if !ys.is_empty() {
                    self.warnings.push(Warning::new(
                        WarningCode::BudgetCellMissing,
                        format!(
                            "project {}: no budget printed for {}",
                            d.number.clone().unwrap_or_else(|| d.name.clone()),
                            ys.join(", ")
                        ),
                        Some(d.span),
                    ));
                }
            }
        }
        self.open_project = None;
    }

    fn new_group(
        &mut self,
        projects: Vec<(Option<String>, String)>,
        years: &[String],
        note: &str,
        line: &Line,
    ) {
        self.close_group();
        let mut dimension = self.cur_dim;
        if dimension.is_none() {
            // After a รวม row closed the dimension and column 1 is empty (or
            // cut off): the mission code's first number names the dimension.
            dimension = self
                .cur_mission
                .as_deref()
                .and_then(|m| m.split('.').next())
                .and_then(|d| d.parse::<u8>().ok())
                .filter(|d| (1..=9).contains(d));
            if dimension.is_none() {
                self.warnings.push(Warning::new(
                    WarningCode::TableRowWithoutDimension,
                    format!(
                        "no dimension for table row \"{}\"",
                        clean_cell(line.text).chars().take(80).collect::<String>()
                    ),
                    Some(line.span()),
                ));
            }
        }
        let k = projects.len();
        let ny = self.years.len();
        let mut group = Group::default();
        let mut rows_slots = vec![vec![Slot::Unset; ny]; k];
        for (yi, cell) in years.iter().enumerate().take(ny) {
            let toks = cell_tokens(cell);
            group.tokens.push(toks.len());
            group.cells.push(cell.clone());
            // One project: the cell is its value (several tokens: unreadable).
            // Several: tokens in order, one per project.
            let values: Vec<Slot> = if k == 1 && toks.len() > 1 {
                vec![Slot::Unreadable]
            } else {
                toks.iter().map(|t| read_token(t)).collect()
            };
            let unreadable = values.contains(&Slot::Unreadable);
            for (j, v) in values.into_iter().enumerate() {
                if let Some(slot) = rows_slots.get_mut(j).and_then(|r| r.get_mut(yi)) {
                    *slot = v;
                }
            }
            if unreadable {
                self.warnings.push(Warning::new(
                    WarningCode::BudgetCellUnreadable,
                    format!(
                        "unreadable budget cell \"{cell}\" ({}), recorded as null",
                        self.years.get(yi).copied().unwrap_or(0)
                    ),
                    Some(line.span()),
                ));
            }
        }
        group.next = group.tokens.iter().copied().max().unwrap_or(0).min(k);
        let note = if note.is_empty() {
            None
        } else {
            Some(note.to_string())
        };
        for ((number, name), slots) in projects.into_iter().zip(rows_slots) {
            group.rows.push(self.rows.len());
            self.since_total.push(self.rows.len());
            self.rows.push(Draft {
                dimension,
                mission: self.cur_mission.clone(),
                number,
                name,
                slots,
                note: note.clone(),
                span: line.span(),
            });
        }
        self.open_project = if k == 1 {
            self.rows.len().checked_sub(1)
        } else {
            None
        };
        self.pending_tail = None;
        if let Some(n) = note.as_deref() {
            match self.remark_open.as_deref() {
                None => self.remark_open = opening_word(n).map(str::to_string),
                Some(open) if k == 1 && !n.starts_with(open) => {
                    let cur = self.rows.len().saturating_sub(1);
                    if let Some(prev) = cur.checked_sub(1) {
                        if self.rows.get(prev).is_some_and(|d| d.note.is_some()) {
                            self.pending_tail = Some((prev, cur));
                        }
                    }
                }
                Some(_) => {}
            }
        }
        self.groups.push(group);
    }

    /// Fill the unset slots of row `r` from a row of year cells.
    fn feed(&mut self, r: usize, years: &[String], line: &Line) {
        let ny = self.years.len();
        let mut warn = Vec::new();
        if let Some(d) = self.rows.get_mut(r) {
            for (yi, cell) in years.iter().enumerate().take(ny) {
                if d.slots.get(yi) != Some(&Slot::Unset) {
                    continue;
                }
                let toks = cell_tokens(cell);
                let v = match toks.len() {
                    0 => continue,
                    1 => toks.first().map(|t| read_token(t)).unwrap_or(Slot::Unset),
                    _ => Slot::Unreadable,
                };
                if v == Slot::Unreadable {
                    warn.push((cell.clone(), yi));
                }
                if let Some(s) = d.slots.get_mut(yi) {
                    *s = v;
                }
            }
            d.span = d.span.join(line.span());
        }
        for (cell, yi) in warn {
            self.warnings.push(Warning::new(
                WarningCode::BudgetCellUnreadable,
                format!(
                    "unreadable budget cell \"{cell}\" ({}), recorded as null",
                    self.years.get(yi).copied().unwrap_or(0)
                ),
                Some(line.span()),
            ));
        }
    }

    fn total_row(&mut self, cells: &[String], label: &regex::Captures, line: &Line) {
        self.close_group();
        let pre_end = self.cols.years.first().copied().unwrap_or(0);
        let projects = cells.iter().take(pre_end).find_map(|c| {
            PROJECT_COUNT
                .captures(c)
                .and_then(|m| m.name("n"))
                .and_then(|n| n.as_str().parse::<u32>().ok())
        });
        let mut budgets = Vec::new();
        for (yi, cell) in self.year_cells(cells).iter().enumerate() {
            let v = if cell.is_empty() {
                None
            } else {
                match budget_cell(cell) {
                    Cell::Amount(v) => Some(v),
                    Cell::Unreadable => None,
                }
            };
            if v.is_none() {
                self.warnings.push(Warning::new(
                    WarningCode::TotalCellUnreadable,
                    format!("total row: budget cell \"{cell}\" ({}) unreadable or empty, recorded as null", self.years.get(yi).copied().unwrap_or(0)),
                    Some(line.span()),
                ));
            }
            budgets.push(v);
        }
        if label.name("grand").is_some() {
            if self.grand.is_some() {
                self.warnings.push(Warning::new(
                    WarningCode::DuplicateGrandTotal,
                    "a second รวมทั้งสิ้น row; the first is kept",
                    Some(line.span()),
                ));
            } else {
                self.grand = Some(GrandTotal {
                    projects,
                    budgets,
                    source_span: line.span(),
                });
            }
        } else {
            let explicit = label.name("d").and_then(|d| d.as_str().parse::<u8>().ok());
            // The dimension the row closes: that of the last row before it
            // (rows of several dimensions since the last total mean a total
            // row was lost with a page; the checks warn about that).
            let dimension = explicit.or_else(|| {
                self.since_total
                    .last()
                    .and_then(|&r| self.rows.get(r))
                    .and_then(|d| d.dimension)
            });
            if dimension.is_none() {
                self.warnings.push(Warning::new(
                    WarningCode::TotalWithoutDimension,
                    "a รวม row whose dimension cannot be determined",
                    Some(line.span()),
                ));
            }
            self.dim_totals.push(DimensionTotal {
                dimension,
                projects,
                budgets,
                source_span: line.span(),
            });
            // A รวม row closes the dimension (§3.4).
            self.cur_dim = None;
            self.cur_mission = None;
        }
        self.since_total.clear();
    }

    fn data_row(&mut self, line: &Line) {
        let cells = strip_merged_header(cells_of(line), &self.cols);
        match split_trailing_total(&cells, &self.cols) {
            Some((data, total)) => {
                self.row_cells(data, line);
                self.row_cells(total, line);
            }
            None => self.row_cells(cells, line),
        }
    }

    fn row_cells(&mut self, cells: Vec<String>, line: &Line) {
        let pre_end = self.cols.years.first().copied().unwrap_or(0);
        // Total rows: รวม / รวมทั้งสิ้น in any column before the years.
        for c in cells.iter().take(pre_end) {
            if let Some(label) = TOTAL_LABEL.captures(c.trim()) {
                self.total_row(&cells, &label, line);
                return;
            }
        }
        let dim_txt = self.cell(&cells, self.cols.dim);
        let mis_txt = self.cell(&cells, self.cols.mission);
        let mut proj_txt = self.cell(&cells, Some(self.cols.project));
        // The running number printed in its own column: read it as "N) name".
        let num_txt = self.cell(&cells, self.cols.number);
        if !proj_txt.is_empty() && !PROJECT_START.is_match(&proj_txt) {
            if let Some(n) = NUMBER_CELL.captures(&num_txt).and_then(|c| c.name("n")) {
                proj_txt = format!("{}) {proj_txt}", n.as_str());
            }
        }
        let years = self.year_cells(&cells);
        let note = self.cell(&cells, self.cols.note);
        let has_values = years.iter().any(|c| !c.is_empty());

        // Section rows of tables without a dimension or mission column:
        // "มิติที่ 1 …" or "1.1 …" alone across the row, no values.
        if !has_values {
            let pre_end = self.cols.years.first().copied().unwrap_or(0);
            let dim_row = cells.iter().take(pre_end).find_map(|c| {
                DIM_SECTION_ROW
                    .captures(c.trim())
                    .and_then(|m| m.name("n"))
                    .and_then(|n| n.as_str().parse::<u8>().ok())
            });
            if let Some(n) = dim_row {
                self.close_group();
                self.cur_dim = Some(n);
                self.cur_mission = None;
                return;
            }
            if self.cols.mission.is_none() {
                if let Some(code) = MISSION_START
                    .captures(&proj_txt)
                    .and_then(|c| c.name("code"))
                {
                    self.close_group();
                    self.cur_mission = Some(code.as_str().to_string());
                    return;
                }
            }
        }

        if !dim_txt.is_empty() {
            if let Some(n) = DIM_START
                .captures(&dim_txt)
                .and_then(|c| c.name("n"))
                .and_then(|n| n.as_str().parse::<u8>().ok())
            {
                if n >= 1 && Some(n) != self.cur_dim {
                    self.cur_mission = None;
                }
                if n >= 1 {
                    self.cur_dim = Some(n);
                }
            }
        }
        if let Some(code) = MISSION_START
            .captures(&mis_txt)
            .and_then(|c| c.name("code"))
        {
            self.cur_mission = Some(code.as_str().to_string());
        }
        // Several mission codes in one cell (rows merged by the extractor):
        // which project sits under which cannot be known past the first.
        let codes: Vec<String> = MISSION_ANY
            .captures_iter(&mis_txt)
            .filter_map(|c| c.name("code").map(|m| m.as_str().to_string()))
            .collect();
        let several_missions = codes.len() > 1;

        if !proj_txt.is_empty() {
            if PROJECT_START.is_match(&proj_txt) {
                let projects = split_projects(&proj_txt);
                let k = projects.len();
                self.new_group(projects, &years, &note, line);
                if several_missions && k > 1 {
                    let n = self.rows.len();
                    // Placing by order needs the cell to open with its first
                    // code; text before it may continue an earlier mission.
                    if MISSION_START.is_match(&mis_txt) {
                        self.ambiguous.push(Ambiguous {
                            rows: (n.saturating_sub(k)..n).collect(),
                            codes: codes.clone(),
                            note: note.clone(),
                        });
                    }
                    for d in self.rows.iter_mut().skip(n.saturating_sub(k)).skip(1) {
                        d.mission = None;
                    }
                    self.warnings.push(Warning::new(
                        WarningCode::MissionAmbiguous,
                        format!(
                            "one cell lists missions {} for {k} projects; the first project is placed under {}, the others only where order or Part 3 settles it",
                            codes.join(", "),
                            codes.first().cloned().unwrap_or_default()
                        ),
                        Some(line.span()),
                    ));
                    self.cur_mission = codes.last().cloned();
                }
                return;
            }
            // Unnumbered text in column 3: continues the open project when
            // the row brings no values (or the project still waits for its
            // values); otherwise a project printed without a number.
            if let Some(r) = self.open_project {
                let waiting = self
                    .rows
                    .get(r)
                    .is_some_and(|d| d.slots.iter().all(|s| *s == Slot::Unset));
                if !has_values || waiting {
                    if let Some(d) = self.rows.get_mut(r) {
                        d.name = join_wrap(&d.name, &proj_txt);
                    }
                    self.continue_note(r, &note, line);
                    if has_values {
                        self.feed(r, &years, line);
                    } else if let Some(d) = self.rows.get_mut(r) {
                        d.span = d.span.join(line.span());
                    }
                    return;
                }
            }
            if has_values {
                self.new_group(vec![(None, proj_txt)], &years, &note, line);
            }
            // Text without values and no open project: a stray caption.
            return;
        }

        if has_values {
            // Value-only row: the next project of the preceding group.
            let target = self.groups.last_mut().filter(|g| !g.closed).and_then(|g| {
                let r = g.rows.get(g.next).copied();
                if r.is_some() {
                    g.next += 1;
                }
                r
            });
            let target = target.or_else(|| {
                self.open_project.filter(|&r| {
                    self.rows
                        .get(r)
                        .is_some_and(|d| d.slots.contains(&Slot::Unset))
                })
            });
            match target {
                Some(r) => {
                    self.feed(r, &years, line);
                    if !note.is_empty() {
                        if let Some(d) = self.rows.get_mut(r) {
                            d.note = Some(note.clone());
                        }
                    }
                }
                None => self.warnings.push(Warning::new(
                    WarningCode::TableOrphanValues,
                    format!(
                        "budget cells {:?} belong to no project; not recorded",
                        years
                    ),
                    Some(line.span()),
                )),
            }
            return;
        }
        // Only columns 1/2 (wrap continuations) or a note continuation.
        if !note.is_empty() {
            if let Some(r) = self.open_project {
                self.continue_note(r, &note, line);
                if let Some(d) = self.rows.get_mut(r) {
                    d.span = d.span.join(line.span());
                }
            }
        }
    }

    /// A remark fragment on a later physical row of project `r`: it
    /// continues the project's remark, unless it opens the project's own
    /// remark after a pending tail of the previous one (§3.3 "merge each
    /// column on its own"; the remark column wraps independently too).
    fn continue_note(&mut self, r: usize, note: &str, line: &Line) {
        if note.is_empty() {
            return;
        }
        if self.remark_open.is_none() {
            self.remark_open = opening_word(note).map(str::to_string);
        }
        let opens = self
            .remark_open
            .as_deref()
            .is_some_and(|o| note.starts_with(o));
        if let Some((prev, cur)) = self.pending_tail {
            if cur == r && opens {
                self.pending_tail = None;
                let tail = self.rows.get_mut(r).and_then(|d| d.note.take());
                if let (Some(tail), Some(p)) = (tail, self.rows.get_mut(prev)) {
                    p.note = Some(match p.note.take() {
                        Some(n) => join_wrap(&n, &tail),
                        None => tail.clone(),
                    });
                    self.warnings.push(Warning::new(
                        WarningCode::RemarkTailMoved,
                        format!(
                            "remark text \"{tail}\" beside project {} continues the remark of project {}",
                            self.rows.get(r).and_then(|d| d.number.clone()).unwrap_or_default(),
                            self.rows.get(prev).and_then(|d| d.number.clone()).unwrap_or_default()
                        ),
                        Some(line.span()),
                    ));
                }
                if let Some(d) = self.rows.get_mut(r) {
                    d.note = Some(note.to_string());
                }
                return;
            }
        }
        if let Some(d) = self.rows.get_mut(r) {
            d.note = Some(match d.note.take() {
                Some(n) => join_wrap(&n, note),
                None => note.to_string(),
            });
        }
    }
}

/// Find the table and read it. Returns the table (rows as printed, plus
/// values inferred from totals) and warnings.
pub fn recognize(lines: &Lines, meta: &Meta) -> (Option<BudgetTable>, Vec<Warning>) {
    recognize_with_blocks(lines, meta, &[])
}

/// [`recognize`], with the Part-3 detail blocks to place the projects of a
/// merged mission cell under their codes (`place_ambiguous`).
pub fn recognize_with_blocks(
    lines: &Lines,
    meta: &Meta,
    blocks: &[Project],
) -> (Option<BudgetTable>, Vec<Warning>) {
    let all = &lines.lines;
    // The first header row that is followed by a data row.
    let mut start = None;
    for i in 0..all.len() {
        if let Some((years, cols, cells)) = header_at(lines, i) {
            start = Some((i, years, cols, cells));
            break;
        }
    }
    let Some((hi, years, cols, header_cells)) = start else {
        return (None, Vec::new());
    };
    let header_project = header_cells
        .get(cols.project)
        .map(|c| squash(c))
        .unwrap_or_default();

    let mut rd = Reader {
        cols,
        years: years.clone(),
        rows: Vec::new(),
        groups: Vec::new(),
        dim_totals: Vec::new(),
        grand: None,
        warnings: Vec::new(),
        cur_dim: None,
        cur_mission: None,
        open_project: None,
        since_total: Vec::new(),
        ambiguous: Vec::new(),
        remark_open: None,
        pending_tail: None,
    };
    let mut i = hi + 1;
    while i < all.len() {
        let Some(l) = all.get(i) else { break };
        i += 1;
        if l.is_blank() {
            continue;
        }
        let cells = cells_of(l);
        if l.has_tab() {
            // First row of a two-row header whose years are on the second.
            let no_digits = !cells
                .iter()
                .any(|c| c.chars().any(|ch| ch.is_ascii_digit()));
            if no_digits
                && !header_project.is_empty()
                && cells
                    .get(rd.cols.project)
                    .is_some_and(|c| squash(c) == header_project)
            {
                continue;
            }
            if let Some((ys, _, _)) = header_at(lines, i - 1) {
                if ys == rd.years {
                    continue;
                }
                if ys.len() > 1 {
                    break; // a different table starts
                }
            }
            if is_unit_header(&cells, &rd.cols) {
                continue;
            }
        }
        if is_table_row(l, &rd.cols) {
            rd.data_row(l);
            continue;
        }
        // Not a row: a running title / page number when the table resumes
        // within a few lines, otherwise the end of the table.
        if PART_HEADING.is_match(l.text.trim()) {
            break;
        }
        if !table_resumes(lines, l.no, &rd.cols) {
            break;
        }
    }
    rd.close_group();

    if rd.rows.is_empty() && rd.dim_totals.is_empty() && rd.grand.is_none() {
        return (None, Vec::new());
    }
    let mut warnings = rd.warnings;
    let ambiguous = rd.ambiguous;
    let rows: Vec<BudgetRow> = rd
        .rows
        .into_iter()
        .map(|d| BudgetRow {
            dimension: d.dimension,
            mission: d.mission,
            number: d.number,
            name: d.name,
            budgets: d
                .slots
                .iter()
                .map(|s| match s {
                    Slot::Value(v) => Some(*v),
                    _ => None,
                })
                .collect(),
            note: d.note,
            inferred: Vec::new(),
            source_span: d.span,
        })
        .collect();
    let mut table = BudgetTable {
        years,
        rows,
        dimension_totals: rd.dim_totals,
        grand_total: rd.grand,
    };
    warnings.extend(place_ambiguous(
        &mut table,
        &ambiguous,
        blocks,
        meta.organization.name.as_deref(),
    ));
    warnings.extend(infer_from_totals(&mut table));
    (Some(table), warnings)
}

/// Split a remark cell holding several remarks that open alike ("อยู่ใน …
/// หน้า 100 อยู่ใน … หน้า 97"): cut before each later occurrence of the
/// first word. One remark comes back whole.
fn split_remarks(note: &str) -> Vec<String> {
    let note = note.trim();
    let Some(first) = note.split_whitespace().next() else {
        return Vec::new();
    };
    if first.chars().count() < 3 {
        return vec![note.to_string()];
    }
    let mut cuts = vec![0];
    for (i, _) in note.match_indices(first) {
        if i > 0 && note[..i].ends_with(char::is_whitespace) {
            cuts.push(i);
        }
    }
    cuts.push(note.len());
    cuts.windows(2)
        .filter_map(|w| note.get(w[0]..w[1]))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Place the projects of merged mission cells (§3.3: a project belongs to
/// the mission current on its first physical row, which the merge lost).
///
/// What is certain comes first. Codes and projects both run down the cell
/// in order, and every printed code heads at least one project, so with k
/// projects and m codes project j sits under a code between j − (k − m) and
/// j: the first project under the first code, the last under the last, and
/// all of them when k = m. Within that range the Part-3 block joined to the
/// row by name (§3.8, never by number alone) decides, but only when the
/// blocks agree with every row the table places itself (Part 3 may number
/// missions in another framework, §1.4) and the order still holds. A row
/// between two rows of one code has that code. Rows left open keep a null
/// mission (the `mission_ambiguous` warning stands). When every row is
/// placed and the remark cell splits into one remark per code, each remark
/// goes to the first row of its code, where it was printed; otherwise the
/// merged remark stays on every row (§3.3).
fn place_ambiguous(
    table: &mut BudgetTable,
    ambiguous: &[Ambiguous],
    blocks: &[Project],
    org: Option<&str>,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if ambiguous.is_empty() {
        return warnings;
    }
    let matches = if blocks.is_empty() {
        Vec::new()
    } else {
        crate::recognize::join::match_rows(&table.rows, blocks, org)
    };
    let block_mission = |r: usize| {
        matches
            .iter()
            .find(|(ri, _, _)| *ri == r)
            .and_then(|(_, bi, _)| blocks.get(*bi))
            .and_then(|b| b.mission.clone())
    };
    let under = |m: &str, c: &str| m == c || m.starts_with(&format!("{c}."));
    let merged: Vec<usize> = ambiguous
        .iter()
        .flat_map(|a| a.rows.iter().copied())
        .collect();
    let mut agree = 0usize;
    let mut disagree = 0usize;
    for (r, row) in table.rows.iter().enumerate() {
        if merged.contains(&r) {
            continue;
        }
        if let (Some(m), Some(bm)) = (row.mission.as_deref(), block_mission(r)) {
            if under(&bm, m) {
                agree += 1;
            } else {
                disagree += 1;
            }
        }
    }
    let blocks_trusted = agree > 0 && disagree == 0;

    for a in ambiguous {
        let k = a.rows.len();
        let m = a.codes.len();
        if m == 0 || m > k {
            continue; // some code heads no project: nothing is certain
        }
        let slack = k - m;
        let range = |j: usize| (j.saturating_sub(slack), j.min(m - 1));
        let pinned: Vec<Option<usize>> = (0..k)
            .map(|j| {
                let (lo, hi) = range(j);
                (lo == hi).then_some(lo)
            })
            .collect();
        let mut from_blocks = vec![false; k];
        let mut placed = pinned.clone();
        if blocks_trusted {
            for (j, &r) in a.rows.iter().enumerate() {
                if placed.get(j).copied().flatten().is_some() {
                    continue;
                }
                let (lo, hi) = range(j);
                let c = block_mission(r)
                    .and_then(|bm| a.codes.iter().position(|c| under(&bm, c)))
                    .filter(|c| (lo..=hi).contains(c));
                if let (Some(c), Some(slot)) = (c, placed.get_mut(j)) {
                    *slot = Some(c);
                    if let Some(f) = from_blocks.get_mut(j) {
                        *f = true;
                    }
                }
            }
            let known: Vec<usize> = placed.iter().flatten().copied().collect();
            if known.windows(2).any(|w| w[0] > w[1]) {
                placed = pinned.clone();
                from_blocks = vec![false; k];
            }
        }
        // Between two placed rows of one code, or against the range's end.
        for j in 0..k {
            if placed.get(j).copied().flatten().is_some() {
                continue;
            }
            let (lo, hi) = range(j);
            let prev = placed
                .get(..j)
                .and_then(|t| t.iter().rev().flatten().next().copied());
            let next = placed
                .get(j + 1..)
                .and_then(|t| t.iter().flatten().next().copied());
            let lower = prev.map_or(lo, |p| p.max(lo));
            let upper = next.map_or(hi, |q| q.min(hi));
            if lower == upper {
                if let Some(slot) = placed.get_mut(j) {
                    *slot = Some(lower);
                }
            }
        }
        let mut by_order = Vec::new();
        let mut by_blocks = Vec::new();
        for (j, (&r, ci)) in a.rows.iter().zip(&placed).enumerate() {
            let (Some(row), Some(code)) = (table.rows.get_mut(r), ci.and_then(|c| a.codes.get(c)))
            else {
                continue;
            };
            if j > 0 {
                let id = row.number.clone().unwrap_or_else(|| row.name.clone());
                if from_blocks.get(j).copied().unwrap_or(false) {
                    by_blocks.push(id);
                } else {
                    by_order.push(id);
                }
            }
            row.mission = Some(code.clone());
        }
        let span = a
            .rows
            .iter()
            .filter_map(|&r| table.rows.get(r))
            .map(|d| d.source_span)
            .reduce(|x, y| x.join(y));
        if !by_order.is_empty() || !by_blocks.is_empty() {
            let mut how = Vec::new();
            if !by_order.is_empty() {
                how.push(format!(
                    "{} by the order of codes and projects",
                    by_order.join(", ")
                ));
            }
            if !by_blocks.is_empty() {
                how.push(format!(
                    "{} by the mission of their Part-3 block",
                    by_blocks.join(", ")
                ));
            }
            warnings.push(Warning::new(
                WarningCode::MissionPlaced,
                format!(
                    "merged mission cell ({}): project(s) {}",
                    a.codes.join(", "),
                    how.join("; ")
                ),
                span,
            ));
        }
        let remarks = split_remarks(&a.note);
        if m > 1 && remarks.len() == m && placed.iter().all(Option::is_some) {
            let mut seen = vec![false; m];
            for (&r, ci) in a.rows.iter().zip(&placed) {
                let Some(c) = *ci else { continue };
                let first = seen.get(c).is_some_and(|s| !s);
                if let Some(s) = seen.get_mut(c) {
                    *s = true;
                }
                if let Some(row) = table.rows.get_mut(r) {
                    row.note = if first { remarks.get(c).cloned() } else { None };
                }
            }
        }
    }
    warnings
}

/// The header row at 0-based line `i`: its years, layout and cells. When
/// the line holds only the years (a two-row header with the column names
/// above), the previous non-blank row supplies the other cells.
fn header_at(lines: &Lines, i: usize) -> Option<(Vec<u32>, Columns, Vec<String>)> {
    let l = lines.lines.get(i)?;
    if !l.has_tab() {
        return None;
    }
    let cells = cells_of(l);
    if let Some((y, c)) = header_columns(&cells) {
        return Some((y, c, cells));
    }
    let first_year = cells.iter().position(|c| cell_year(c).is_some())?;
    if cells.iter().filter(|c| cell_year(c).is_some()).count() < 2 {
        return None;
    }
    let prev = lines.lines.iter().take(i).rev().find(|p| !p.is_blank())?;
    if !prev.has_tab() {
        return None;
    }
    let above = cells_of(prev);
    let mut merged = cells.clone();
    for (k, m) in merged.iter_mut().enumerate() {
        let is_year = cell_year(m).is_some();
        if (k < first_year || !is_year) && m.trim().is_empty() {
            if let Some(a) = above.get(k) {
                *m = a.clone();
            }
        }
    }
    let (y, c) = header_columns(&merged)?;
    Some((y, c, merged))
}

fn table_resumes(lines: &Lines, after: usize, cols: &Columns) -> bool {
    let mut seen = 0;
    for l in lines.lines.iter().skip(after) {
        if l.is_blank() {
            continue;
        }
        seen += 1;
        if seen > 4 {
            return false;
        }
        if PART_HEADING.is_match(l.text.trim()) {
            return false;
        }
        if l.has_tab() {
            let cells = cells_of(l);
            if header_at(lines, l.no.saturating_sub(1)).is_some() || is_unit_header(&cells, cols) {
                return true;
            }
            if is_table_row(l, cols) && l.non_empty_cells() >= 2 {
                return true;
            }
        }
    }
    false
}

const EPS: f64 = 0.005;

/// Can the stated total of dimension `d` be used to infer row values? Only
/// when its stated project count (if any) equals the rows we read: if rows
/// were lost (a missing page), the gap would belong to them.
pub fn dim_total_usable(table: &BudgetTable, t: &DimensionTotal) -> bool {
    let n = rows_of_total(table, t).len();
    t.dimension.is_some() && n > 0 && t.projects.is_none_or(|p| p as usize == n)
}

/// The rows a dimension total sums: every row of its dimension, or, when
/// the dimension has several รวม rows (sub-totals per mission in other
/// plans), the rows of that dimension between the previous total and it.
pub fn rows_of_total(table: &BudgetTable, t: &DimensionTotal) -> Vec<usize> {
    let Some(d) = t.dimension else {
        return Vec::new();
    };
    let same = table
        .dimension_totals
        .iter()
        .filter(|x| x.dimension == Some(d))
        .count();
    let line = t.source_span.line_start;
    let prev = table
        .dimension_totals
        .iter()
        .map(|x| x.source_span.line_start)
        .filter(|&l| l < line)
        .max()
        .unwrap_or(0);
    (0..table.rows.len())
        .filter(|&r| {
            table.rows.get(r).is_some_and(|x| {
                x.dimension == Some(d)
                    && (same <= 1
                        || (x.source_span.line_start > prev && x.source_span.line_start < line))
            })
        })
        .collect()
}

/// The grand total may fill a cell only when no row is missing (its
/// project count, when stated, equals the rows read).
pub fn grand_total_usable(table: &BudgetTable) -> bool {
    table.grand_total.as_ref().is_some_and(|g| {
        !table.rows.is_empty() && g.projects.is_none_or(|p| p as usize == table.rows.len())
    })
}

/// Which stated total a cell (row, year) is inferred from: the row's
/// dimension total when it states that year and is usable, else the grand
/// total. Checks use this to know which check an inferred value cannot fail.
pub fn inference_source(table: &BudgetTable, row: &BudgetRow, yi: usize) -> Option<InferSource> {
    let ri = table.rows.iter().position(|r| std::ptr::eq(r, row));
    let dt = table.dimension_totals.iter().find(|t| {
        t.dimension.is_some()
            && t.dimension == row.dimension
            && t.budgets.get(yi).copied().flatten().is_some()
            && ri.is_none_or(|ri| rows_of_total(table, t).contains(&ri))
    });
    if let Some(t) = dt {
        if dim_total_usable(table, t) {
            return Some(InferSource::Dimension(t.source_span.line_start));
        }
    }
    if grand_total_usable(table)
        && table
            .grand_total
            .as_ref()
            .and_then(|g| g.budgets.get(yi).copied().flatten())
            .is_some()
    {
        return Some(InferSource::Grand);
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InferSource {
    /// The dimension total printed on this line.
    Dimension(usize),
    Grand,
}

/// Fill null cells pinned by a stated total (§3.3, §3.2 "#####"): one null
/// among a total's rows gets `stated − Σ read`; several nulls all get 0 when
/// the read values already reach the total (budgets are never negative).
/// Filled cells are marked `inferred`; nothing is filled when the gap is
/// negative or when the total's project count shows missing rows.
pub fn infer_from_totals(table: &mut BudgetTable) -> Vec<Warning> {
    let ny = table.years.len();
    // (row, source label) -> [(year, value, stated, read)], for one warning per row and total.
    // (year, value, stated, read) of each inferred cell.
    type Filled = (u32, f64, f64, f64);
    let mut notes: Vec<(usize, String, Vec<Filled>)> = Vec::new();
    for yi in 0..ny {
        // Dimension totals first, then the grand total for what is left.
        let mut scopes: Vec<(String, Vec<usize>, f64)> = Vec::new();
        for t in &table.dimension_totals {
            let (Some(d), Some(Some(stated))) = (t.dimension, t.budgets.get(yi).copied()) else {
                continue;
            };
            if !dim_total_usable(table, t) {
                continue;
            }
            let idx = rows_of_total(table, t);
            scopes.push((format!("dimension {d} total"), idx, stated));
        }
        if grand_total_usable(table) {
            if let Some(stated) = table
                .grand_total
                .as_ref()
                .and_then(|g| g.budgets.get(yi).copied().flatten())
            {
                scopes.push((
                    "grand total".to_string(),
                    (0..table.rows.len()).collect(),
                    stated,
                ));
            }
        }
        for (label, idx, stated) in scopes {
            let nulls: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&r| {
                    table
                        .rows
                        .get(r)
                        .is_some_and(|x| x.budgets.get(yi) == Some(&None))
                })
                .collect();
            if nulls.is_empty() {
                continue;
            }
            let read: f64 = idx
                .iter()
                .filter_map(|&r| {
                    table
                        .rows
                        .get(r)
                        .and_then(|x| x.budgets.get(yi).copied().flatten())
                })
                .sum();
            let gap = stated - read;
            let fill: Option<f64> = if nulls.len() == 1 && gap > -EPS {
                Some((gap.max(0.0) * 100.0).round() / 100.0)
            } else if gap.abs() < EPS {
                Some(0.0)
            } else {
                None
            };
            let Some(v) = fill else { continue };
            let year = table.years.get(yi).copied().unwrap_or(0);
            for r in nulls {
                if let Some(row) = table.rows.get_mut(r) {
                    if let Some(b) = row.budgets.get_mut(yi) {
                        *b = Some(v);
                    }
                    if row.inferred.len() != ny {
                        row.inferred = vec![false; ny];
                    }
                    if let Some(f) = row.inferred.get_mut(yi) {
                        *f = true;
                    }
                }
                match notes.iter_mut().find(|n| n.0 == r && n.1 == label) {
                    Some(n) => n.2.push((year, v, stated, read)),
                    None => notes.push((r, label.clone(), vec![(year, v, stated, read)])),
                }
            }
        }
    }
    let mut warnings = Vec::new();
    for (r, label, items) in notes {
        let Some(row) = table.rows.get(r) else {
            continue;
        };
        let detail: Vec<String> = items
            .iter()
            .map(|(y, v, s, read)| {
                format!(
                    "{y}: {} (stated {}, read values {})",
                    fmt_amount(*v),
                    fmt_amount(*s),
                    fmt_amount(*read)
                )
            })
            .collect();
        warnings.push(Warning::new(
            WarningCode::BudgetCellInferred,
            format!(
                "project {}: no readable value, inferred from the stated {label}: {}",
                row.number.clone().unwrap_or_else(|| row.name.clone()),
                detail.join("; ")
            ),
            Some(row.source_span),
        ));
    }
    warnings
}

pub fn fmt_amount(v: f64) -> String {
    let neg = v < 0.0;
    let v = v.abs();
    let cents = (v * 100.0).round() as u64;
    let (whole, frac) = (cents / 100, cents % 100);
    let s = whole.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if frac > 0 {
        out.push_str(&format!(".{frac:02}"));
    }
    if neg {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brow(number: &str, mission: Option<&str>, name: &str, note: Option<&str>) -> BudgetRow {
        BudgetRow {
            dimension: Some(1),
            mission: mission.map(str::to_string),
            number: Some(number.to_string()),
            name: name.to_string(),
            budgets: vec![None],
            note: note.map(str::to_string),
            inferred: Vec::new(),
            source_span: SourceSpan::default(),
        }
    }

    fn block(number: u32, mission: &str, name: &str) -> Project {
        Project {
            number: Some(number),
            dimension: Some(1),
            mission: Some(mission.to_string()),
            name: name.to_string(),
            ..Project::default()
        }
    }

    #[test]
    fn remarks_split_where_the_opening_word_repeats() {
        assert_eq!(
            split_remarks(
                "อยู่ใน แผนพัฒนา ท้องถิ่น 2566 - 2570 หน้า 100 อยู่ใน แผนพัฒนา ท้องถิ่น 2566 - 2570 หน้า 97"
            ),
            vec![
                "อยู่ใน แผนพัฒนา ท้องถิ่น 2566 - 2570 หน้า 100".to_string(),
                "อยู่ใน แผนพัฒนา ท้องถิ่น 2566 - 2570 หน้า 97".to_string()
            ]
        );
        assert_eq!(split_remarks("อยู่ในข้อ บัญญัติ ปี 2566").len(), 1);
        assert!(split_remarks("  ").is_empty());
    }

    /// Merged cell: codes 1.1, 1.2 beside projects 1–4, one remark per code;
    /// then rows 5, 6 placed by the table itself.
    fn merged_table() -> (BudgetTable, Vec<Ambiguous>) {
        let note = "อยู่ใน แผนพัฒนา หน้า 100 อยู่ใน แผนพัฒนา หน้า 97";
        let rows = vec![
            brow(
                "1",
                Some("1.1"),
                "โครงการเผยแพร่ความรู้ด้านกฎหมายแก่บุคลากร",
                Some(note),
            ),
            brow(
                "2",
                None,
                "มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม",
                Some(note),
            ),
            brow("3", None, "โครงการส่งเสริมคุณธรรมสำหรับบุคลากร", Some(note)),
            brow(
                "4",
                None,
                "โครงการส่งเสริมการดำเนินชีวิตตามหลักปรัชญาเศรษฐกิจพอเพียง",
                Some(note),
            ),
            brow("5", Some("2.1"), "มาตรการเปิดเผยข้อมูลสาธารณะขององค์กร", None),
            brow("6", Some("2.2"), "มาตรการ NO Gift Policy ของหน่วยงาน", None),
        ];
        let amb = vec![Ambiguous {
            rows: vec![0, 1, 2, 3],
            codes: vec!["1.1".into(), "1.2".into()],
            note: note.into(),
        }];
        let table = BudgetTable {
            years: vec![2566],
            rows,
            ..BudgetTable::default()
        };
        (table, amb)
    }

    fn missions(t: &BudgetTable) -> Vec<Option<&str>> {
        t.rows
            .iter()
            .take(4)
            .map(|r| r.mission.as_deref())
            .collect()
    }

    #[test]
    fn merged_missions_from_order_alone() {
        let (mut t, amb) = merged_table();
        let w = place_ambiguous(&mut t, &amb, &[], None);
        assert_eq!(missions(&t), vec![Some("1.1"), None, None, Some("1.2")]);
        assert!(w.iter().any(|w| w.code == "mission_placed"));
        // Not all placed: the merged remark stays on every row (§3.3).
        assert!(t.rows.iter().take(4).all(|r| r
            .note
            .as_deref()
            .is_some_and(|n| n.contains("100") && n.contains("97"))));
    }

    fn blocks(m2: &str, m5: &str) -> Vec<Project> {
        vec![
            block(1, "1.1.1", "โครงการเผยแพร่ความรู้ด้านกฎหมายแก่บุคลากร"),
            block(2, m2, "มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม"),
            block(3, "1.1.2", "โครงการส่งเสริมคุณธรรมสำหรับบุคลากร"),
            // Part 3 files project 4 under 1.1 too: the order overrules it.
            block(
                4,
                "1.1.3",
                "โครงการส่งเสริมการดำเนินชีวิตตามหลักปรัชญาเศรษฐกิจพอเพียง",
            ),
            block(5, m5, "มาตรการเปิดเผยข้อมูลสาธารณะขององค์กร"),
            block(6, "2.2.1", "มาตรการ NO Gift Policy ของหน่วยงาน"),
        ]
    }

    #[test]
    fn merged_missions_from_corroborated_blocks_and_remarks_split() {
        let (mut t, amb) = merged_table();
        place_ambiguous(&mut t, &amb, &blocks("1.1.1", "2.1.3"), None);
        assert_eq!(
            missions(&t),
            vec![Some("1.1"), Some("1.1"), Some("1.1"), Some("1.2")]
        );
        let notes: Vec<Option<&str>> = t.rows.iter().take(4).map(|r| r.note.as_deref()).collect();
        assert_eq!(
            notes,
            vec![
                Some("อยู่ใน แผนพัฒนา หน้า 100"),
                None,
                None,
                Some("อยู่ใน แผนพัฒนา หน้า 97")
            ]
        );
    }

    #[test]
    fn blocks_in_another_framework_are_not_trusted() {
        // Row 5 is 2.1 in the table but its block says 2.3.1: Part 3 numbers
        // missions differently, so its codes place nothing.
        let (mut t, amb) = merged_table();
        place_ambiguous(&mut t, &amb, &blocks("1.1.1", "2.3.1"), None);
        assert_eq!(missions(&t), vec![Some("1.1"), None, None, Some("1.2")]);
    }

    #[test]
    fn splits_multi_project_cells() {
        let p = split_projects(
            "6) มาตรการ NO Gift Policy 7) มาตรการส่งเสริม ของ องค์การ 8) ป้องกัน (พ.ศ. 2566) 9) ประเมิน",
        );
        let nums: Vec<_> = p
            .iter()
            .map(|(n, _)| n.clone().unwrap_or_default())
            .collect();
        assert_eq!(nums, vec!["6", "7", "8", "9"]);
        assert_eq!(p[0].1, "มาตรการ NO Gift Policy");
        assert_eq!(p[2].1, "ป้องกัน (พ.ศ. 2566)");
        let p = split_projects("1)โครงการเผยแพร่");
        assert_eq!(p, vec![(Some("1".into()), "โครงการเผยแพร่".into())]);
        let p = split_projects("3.โครงการ ก 4. โครงการ ข ระยะ 2.5 ปี");
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].1, "โครงการ ข ระยะ 2.5 ปี");
    }

    #[test]
    fn tokens() {
        assert_eq!(cell_tokens("- - 20,000 -"), vec!["-", "-", "20,000", "-"]);
        assert_eq!(cell_tokens("จำนวน 80,000 บาท"), vec!["จำนวน 80,000 บาท"]);
        assert_eq!(cell_tokens(""), Vec::<String>::new());
        assert_eq!(budget_cell("30,000.-"), Cell::Amount(30000.0));
        assert_eq!(budget_cell("จำนวน 30,000.- บาท"), Cell::Amount(30000.0));
        assert_eq!(budget_cell("-.-"), Cell::Unreadable);
        assert_eq!(budget_cell("จำนวน 120,00 0บาท"), Cell::Amount(120000.0));
        assert_eq!(budget_cell("20,000 30,000"), Cell::Unreadable);
        assert_eq!(budget_cell("5 000"), Cell::Unreadable);
        assert_eq!(cell_tokens("- 5,000.- -"), vec!["-", "5,000.-", "-"]);
    }

    #[test]
    fn header() {
        let cells: Vec<String> =
            "มติ\tภารกิจตามมติ\tโครงการ/กิจกรรม/มาตรการ\tปี 2566\tปี 2567\tปี 2568\tปี 2569\tปี 2570\tหมายเหตุ".split('\t').map(String::from).collect();
        let (years, c) = header_columns(&cells).expect("header");
        assert_eq!(years, vec![2566, 2567, 2568, 2569, 2570]);
        assert_eq!(
            (c.dim, c.mission, c.project, c.note),
            (Some(0), Some(1), 2, Some(8))
        );
        let cells: Vec<String> =
            "มิติ\tภารกิจ\tโครงการ\tปี 2566 งบประมาณ (บาท)\tปี 2567 งบประมาณ (บาท)\tหมายเหตุ"
                .split('\t')
                .map(String::from)
                .collect();
        assert_eq!(header_columns(&cells).map(|h| h.0), Some(vec![2566, 2567]));
    }

    #[test]
    fn wraps() {
        assert_eq!(join_wrap("โครงการส่ง", "เสริม"), "โครงการส่งเสริม");
        assert_eq!(join_wrap("ประชาสัม", "สัมพันธ์"), "ประชาสัมพันธ์");
        assert_eq!(join_wrap("NO", "Gift"), "NO Gift");
    }

    #[test]
    fn amounts_fmt() {
        assert_eq!(fmt_amount(120000.0), "120,000");
        assert_eq!(fmt_amount(12340.5), "12,340.50");
    }
}
