//! The row reader: physical rows merged per column into dimensions,
//! missions and projects; budget cells and totals (docs/grammar.md §3.2, §3.3).

use super::*;

/// A PDF text layer can merge a page's rows into one physical row, the
/// รวม row included: "… 4) โครงการ…จำนวน 4 โครงการ" in column 3, "- - 30,000
/// 50,000 จำนวน 80,000 บาท" in each year. Split off the trailing total
/// when every part of it is there (label, count and a "จำนวน … บาท" per year).
pub(super) fn split_trailing_total(
    cells: &[String],
    cols: &Columns,
) -> Option<(Vec<String>, Vec<String>)> {
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

/// The cells of a table row: Thai digits read, a header glued on by a
/// PDF text layer stripped.
pub(super) fn row_cells_of(line: &Line, cols: &Columns) -> Vec<String> {
    strip_merged_header(cells_of(line), cols)
}

// A project marker misread by OCR ("») มาตรการ", "o>) โครงการ"): one to
// three non-space characters and ")" opening the cell. It opens a row, so
// a row starting with it never continues the one before.
re!(pub(super) LOOSE_MARK, r"^\S{1,3}\s*\)");

/// §3.3 "Fragments continue across a page break and its repeated header":
/// `cur`, the first row after a page break, continues `prev`, the last row
/// before it, cell by cell, when it opens nothing (no total label,
/// dimension, mission, project marker or running number) and brings text
/// in the project column or no values at all (a row of values alone is a
/// value-only row, §3.3). A total row cut by the break (its year cells
/// without their amounts: "จำนวน" / "20,000 บาท" on the next page) takes
/// the rest of its cells the same way. Scans in Loma and Garuda (000)
/// break the 2.2 row ("- - 20,000" / "-") and the 11)–13) row so.
pub(super) fn continues_across_break(prev: &[String], cur: &[String], cols: &Columns) -> bool {
    let pre_end = cols.years.first().copied().unwrap_or(0);
    let cell = |cs: &[String], i: Option<usize>| {
        i.and_then(|i| cs.get(i))
            .map(|c| c.trim().to_string())
            .unwrap_or_default()
    };
    let label = |cs: &[String]| {
        cs.iter().take(pre_end).any(|c| {
            let c = c.trim();
            TOTAL_LABEL.is_match(c) || TOTAL_LABEL_DIM_FIRST.is_match(c)
        })
    };
    let values = |cs: &[String]| {
        cols.years
            .iter()
            .any(|&i| cs.get(i).is_some_and(|c| !c.trim().is_empty()))
    };
    if label(cur)
        || DIM_START.is_match(&cell(cur, cols.dim))
        || MISSION_START.is_match(&cell(cur, cols.mission))
        || NUMBER_CELL.is_match(&cell(cur, cols.number))
    {
        return false;
    }
    let proj = cell(cur, Some(cols.project));
    if PROJECT_START.is_match(&proj) || LOOSE_MARK.is_match(&proj) {
        return false;
    }
    if label(prev) {
        // The total's amounts went on with the next page.
        return values(cur)
            && cols.years.iter().any(|&i| {
                prev.get(i)
                    .is_some_and(|c| budget_cell(c.trim()) == Cell::Unreadable)
            });
    }
    if proj.is_empty() && values(cur) {
        return false;
    }
    !cell(prev, Some(cols.project)).is_empty()
}

/// Join a row with its continuation after a page break, cell by cell: a
/// year cell's values in order with a space ("- - 20,000" + "-"), text
/// as a wrap ([`join_wrap`]).
pub(super) fn join_cells(prev: &[String], cur: &[String], cols: &Columns) -> Vec<String> {
    let n = prev.len().max(cur.len());
    (0..n)
        .map(|i| {
            let a = prev.get(i).map(|c| c.trim()).unwrap_or("");
            let b = cur.get(i).map(|c| c.trim()).unwrap_or("");
            if cols.years.contains(&i) {
                [a, b]
                    .iter()
                    .filter(|c| !c.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                join_wrap(a, b)
            }
        })
        .collect()
}

/// Is this line a row of the open table (§3 "what is a table row")?
pub(super) fn is_table_row(line: &Line, cols: &Columns) -> bool {
    if !line.has_tab() {
        return false;
    }
    let n = line.raw_cells().len();
    let min = cols.years.first().copied().unwrap_or(cols.project) + 1;
    n >= min && n <= cols.ncells + 1
}

/// Per project and year: what the table gave so far.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Slot {
    Unset,
    Value(f64),
    Unreadable,
}

#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub(super) dimension: Option<u8>,
    pub(super) mission: Option<String>,
    pub(super) number: Option<String>,
    pub(super) name: String,
    pub(super) slots: Vec<Slot>,
    pub(super) note: Option<String>,
    pub(super) span: SourceSpan,
}

#[derive(Debug, Default)]
pub(super) struct Group {
    pub(super) rows: Vec<usize>,
    /// Next project (index into `rows`) a value-only row feeds.
    pub(super) next: usize,
    /// Token counts printed per year on the group's first row.
    pub(super) tokens: Vec<usize>,
    pub(super) cells: Vec<String>,
    /// Closed by the next project, a total row or the table's end: no
    /// value-only row feeds it any more.
    pub(super) closed: bool,
}

pub(super) struct Reader {
    pub(super) cols: Columns,
    pub(super) years: Vec<u32>,
    pub(super) rows: Vec<Draft>,
    pub(super) groups: Vec<Group>,
    pub(super) dim_totals: Vec<DimensionTotal>,
    pub(super) grand: Option<GrandTotal>,
    pub(super) warnings: Vec<Warning>,
    pub(super) cur_dim: Option<u8>,
    pub(super) cur_mission: Option<String>,
    /// The current project accepts continuation text (split style).
    pub(super) open_project: Option<usize>,
    /// Rows since the last total row (for dimension of a bare รวม).
    pub(super) since_total: Vec<usize>,
    /// Multi-project cells whose mission cell lists several codes.
    pub(super) ambiguous: Vec<Ambiguous>,
    /// The first word of the table's first remark ("อยู่ใน"): remarks of one
    /// table follow one template, so it marks where a remark starts.
    pub(super) remark_open: Option<String>,
    /// (previous row, current row): the current project's first row brought
    /// remark text that does not open like a remark while the previous
    /// project had one; if the current project's own remark opens further
    /// down, that text was the previous remark's wrapped tail.
    pub(super) pending_tail: Option<(usize, usize)>,
}

/// The first word of a remark, when long enough to mean something.
pub(super) fn opening_word(note: &str) -> Option<&str> {
    note.split_whitespace()
        .next()
        .filter(|w| w.chars().count() >= 3)
}

/// Physical rows merged by the extractor: one mission cell holding several
/// codes ("1.1 … 1.2 …") beside several projects, and one remark cell
/// holding the remarks of all of them. The text cannot say which project
/// sits under which code; the Part-3 blocks can ([`place_ambiguous`]).
#[derive(Debug, Clone)]
pub(super) struct Ambiguous {
    pub(super) rows: Vec<usize>,
    pub(super) codes: Vec<String>,
    pub(super) note: String,
}

/// Split a budget cell into its tokens (multi-project cells print
/// "- - 20,000 -"). A cell the grammar reads whole is one token.
pub(super) fn cell_tokens(cell: &str) -> Vec<String> {
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
pub(super) fn budget_cell(s: &str) -> Cell {
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

// A total cell whose unit word บาท OCR read as Latin letters ("จำนวน
// 20,000 UM", Garuda 000): "จำนวน", a comma-grouped amount, then one
// token of at most three letters and no digit.
re!(
    pub(super) TOTAL_MISREAD_UNIT,
    r"^(?P<head>จำนวน\s*[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,2})?)\s+[A-Za-z]{1,3}$"
);

/// A total cell read whole but for its unit word: the amount, which the
/// total's grammar ("จำนวน N บาท") places before the unit, is read; the
/// unit's place holds no digit, so nothing of the amount is guessed.
pub(super) fn total_with_misread_unit(cell: &str) -> Option<f64> {
    let head = TOTAL_MISREAD_UNIT.captures(cell.trim())?.name("head")?;
    match budget_cell(head.as_str()) {
        Cell::Amount(v) => Some(v),
        Cell::Unreadable => None,
    }
}

pub(super) fn read_token(t: &str) -> Slot {
    match budget_cell(t) {
        Cell::Amount(v) => Slot::Value(v),
        Cell::Unreadable => Slot::Unreadable,
    }
}

re!(BARE_NUMBER, r"\s(?P<n>[0-9]{1,3})(?:\s|$)");

/// Split column 3 into (number, name) pairs. Markers must increase by a
/// small step so that "(พ.ศ. 2566)" or "3.5 ไร่" inside a name don't split.
pub(super) fn split_projects(text: &str) -> Vec<(Option<String>, String)> {
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
    // A marker whose bracket OCR lost where the cell broke (a page or row
    // break right after "N)": "… ตำบลตั้ง 9" then "โครงการประเมิน…" on the
    // next page, Kinnari 000): a bare number that is the missing one of
    // the cell's own sequence, between its neighbours or ending the cell.
    if paren {
        let mut k = 0;
        while k < marks.len() {
            let (from, prev) = (marks[k].1, marks[k].2);
            let (to, next) = marks
                .get(k + 1)
                .map_or((text.len(), None), |m| (m.0, Some(m.2)));
            if next.is_none_or(|n| n == prev + 2) {
                let hole = text.get(from..to).unwrap_or("");
                // Without a right neighbour only at the very end: "… 13
                // ครั้ง" is a name.
                let found = BARE_NUMBER.captures_iter(hole).find_map(|c| {
                    let n = c.name("n")?;
                    let at_end = hole[n.end()..].trim().is_empty();
                    (n.as_str().parse::<u32>().ok() == Some(prev + 1) && (next.is_some() || at_end))
                        .then(|| (from + n.start(), from + n.end()))
                });
                if let Some((a, b)) = found {
                    marks.insert(k + 1, (a, b, prev + 1));
                    k += 1;
                }
            }
            k += 1;
        }
    }
    let mut out = Vec::new();
    for (k, &(_, name_start, num)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map(|m| m.0).unwrap_or(text.len());
        let name = text.get(name_start..end).unwrap_or("").trim().to_string();
        out.push((Some(num.to_string()), name));
    }
    out
}

pub(super) fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Join a wrapped fragment in the split style: Thai–Thai with no space
/// (the wrap may fall mid-word), a syllable repeated on both sides of the
/// wrap dropped once, else one space.
pub(super) fn join_wrap(prev: &str, next: &str) -> String {
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

    pub(super) fn close_group(&mut self) {
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
        // The token count the group's readable year cells agree on: the
        // evidence for splitting a glued "--" in a sibling cell.
        let year_tokens: Vec<Vec<String>> = years.iter().take(ny).map(|c| cell_tokens(c)).collect();
        let clean_count = if k > 1 {
            let counts: Vec<usize> = year_tokens
                .iter()
                .filter(|t| !t.is_empty() && t.iter().all(|x| read_token(x) != Slot::Unreadable))
                .map(|t| t.len())
                .collect();
            counts
                .first()
                .filter(|&&n| counts.iter().all(|&m| m == n))
                .copied()
        } else {
            None
        };
        for ((yi, cell), mut toks) in years.iter().enumerate().take(ny).zip(year_tokens) {
            // Two or three dashes glued ("-- 20,000 -"): OCR lost the space
            // between zero cells stacked in a multi-project cell, or one
            // long dash? Split only when that gives the count every
            // readable sibling year cell has (Loma 000's 2.2 row: "- -
            // 20,000 -" in 2566-2567, "-- 20,000 -" in 2568); warned.
            if let Some(n) = clean_count.filter(|&n| toks.len() < n) {
                let split: Vec<String> = toks
                    .iter()
                    .flat_map(|t| {
                        let dashes = t.chars().count();
                        if (2..=3).contains(&dashes) && t.chars().all(|c| c == '-') {
                            vec!["-".to_string(); dashes]
                        } else {
                            vec![t.clone()]
                        }
                    })
                    .collect();
                if split.len() == n && split.iter().all(|t| read_token(t) != Slot::Unreadable) {
                    self.warnings.push(Warning::new(
                        WarningCode::BudgetTokensMismatch,
                        format!(
                            "budget cell \"{cell}\" ({}): glued dashes read as {n} values, as the other year cells of the row have",
                            self.years.get(yi).copied().unwrap_or(0)
                        ),
                        Some(line.span()),
                    ));
                    toks = split;
                }
            }
            group.tokens.push(toks.len());
            group.cells.push(cell.clone());
            // One project: the cell is its value (several tokens: unreadable).
            // Several: tokens in order, one per project.
            let mut values: Vec<Slot> = if k == 1 && toks.len() > 1 {
                vec![Slot::Unreadable]
            } else {
                toks.iter().map(|t| read_token(t)).collect()
            };
            // Several projects, a token OCR garbled ("-- 20,000 -": two
            // dashes glued, or one long one?) and a count that does not
            // match: the place of every value in the cell is in doubt, so
            // none is assigned (null + warning) rather than shifted.
            if k > 1 && toks.len() != k && values.contains(&Slot::Unreadable) {
                values = vec![Slot::Unreadable; toks.len().min(k)];
            }
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

    /// A total row whose รวม did not read: a count cell ([`COUNT_CELL`])
    /// before the years, no project in the row, and every year cell in a
    /// total's form ("จำนวน …" or "… บาท"). Read as a bare รวม (its
    /// dimension from the rows before it), warned.
    fn unlabelled_total(
        &mut self,
        cells: &[String],
        line: &Line,
    ) -> Option<regex::Captures<'static>> {
        let pre_end = self.cols.years.first().copied().unwrap_or(0);
        let count = cells
            .iter()
            .take(pre_end)
            .find(|c| COUNT_CELL.is_match(c.trim()))?;
        if cells
            .iter()
            .take(pre_end)
            .any(|c| PROJECT_START.is_match(c.trim()))
        {
            return None;
        }
        let years = self.year_cells(cells);
        let total_form = |c: &String| c.starts_with("จำนวน") || c.ends_with("บาท");
        if years.iter().all(|c| c.is_empty())
            || !years.iter().filter(|c| !c.is_empty()).all(total_form)
        {
            return None;
        }
        let before: Vec<&str> = cells
            .iter()
            .take(pre_end)
            .map(|c| c.trim())
            .filter(|c| !c.is_empty() && *c != count.trim())
            .collect();
        self.warnings.push(Warning::new(
            WarningCode::UnreadableCell,
            format!(
                "a total row's label did not read ({:?}); read as รวม by its count cell \"{}\"",
                before.join(" "),
                count.trim()
            ),
            Some(line.span()),
        ));
        TOTAL_LABEL.captures("รวม")
    }

    fn total_row(&mut self, cells: &[String], label: &regex::Captures, line: &Line) {
        self.close_group();
        let pre_end = self.cols.years.first().copied().unwrap_or(0);
        let projects = cells.iter().take(pre_end).find_map(|c| {
            PROJECT_COUNT
                .captures(c)
                .or_else(|| COUNT_CELL.captures(c.trim()))
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
                    Cell::Unreadable => total_with_misread_unit(cell),
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
            // The row's own label decides (issue 12 class 3): in the label
            // cell ("รวมมิติที่ 1.") or in another cell before the years
            // ("มติที่ 4" beside "รวม"), also when the rows before it are
            // lost with a page.
            let explicit = label
                .name("d")
                .and_then(|d| d.as_str().parse::<u8>().ok())
                .or_else(|| {
                    cells.iter().take(pre_end).find_map(|c| {
                        DIM_LABEL_CELL
                            .captures(c.trim())
                            .and_then(|m| m.name("d"))
                            .and_then(|d| d.as_str().parse::<u8>().ok())
                    })
                })
                .filter(|d| (1..=4).contains(d));
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

    /// A physical row, its cells already read ([`row_cells_of`]) and
    /// possibly joined with its fragments after page breaks (`more`: the
    /// lines they came from, added to the spans of what the row makes).
    pub(super) fn data_row(&mut self, cells: Vec<String>, line: &Line, more: &[&Line]) {
        let (nrows, ndims, grand) = (self.rows.len(), self.dim_totals.len(), self.grand.is_some());
        match split_trailing_total(&cells, &self.cols) {
            Some((data, total)) => {
                self.row_cells(data, line);
                self.row_cells(total, line);
            }
            None => self.row_cells(cells, line),
        }
        for l in more {
            let span = l.span();
            let touched = self.open_project.filter(|&r| r < nrows);
            for r in (nrows..self.rows.len()).chain(touched) {
                if let Some(d) = self.rows.get_mut(r) {
                    d.span = d.span.join(span);
                }
            }
            for t in self.dim_totals.iter_mut().skip(ndims) {
                t.source_span = t.source_span.join(span);
            }
            if let Some(g) = self.grand.as_mut().filter(|_| !grand) {
                g.source_span = g.source_span.join(span);
            }
        }
    }

    fn row_cells(&mut self, cells: Vec<String>, line: &Line) {
        let pre_end = self.cols.years.first().copied().unwrap_or(0);
        // Total rows: รวม / รวมทั้งสิ้น in any column before the years.
        for c in cells.iter().take(pre_end) {
            let c = c.trim();
            if let Some(label) = TOTAL_LABEL
                .captures(c)
                .or_else(|| TOTAL_LABEL_DIM_FIRST.captures(c))
            {
                self.total_row(&cells, &label, line);
                return;
            }
        }
        if let Some(label) = self.unlabelled_total(&cells, line) {
            self.total_row(&cells, &label, line);
            return;
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
