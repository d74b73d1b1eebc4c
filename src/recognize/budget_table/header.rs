//! The header row: years, column layout, the unit row, a header glued
//! onto a data row (docs/grammar.md §3.1).

use super::*;

/// Column layout, from the header row.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Columns {
    pub(super) dim: Option<usize>,
    pub(super) mission: Option<usize>,
    pub(super) project: usize,
    pub(super) years: Vec<usize>,
    pub(super) note: Option<usize>,
    /// A separate running-number column ("ลำดับที่", "ที่").
    pub(super) number: Option<usize>,
    pub(super) ncells: usize,
}

pub(super) fn cell_year(cell: &str) -> Option<u32> {
    let c = cell.trim();
    let y = YEAR_CELL
        .captures(c)
        .or_else(|| YEAR_BARE.captures(c))
        .and_then(|m| m.name("y"))
        .and_then(|m| m.as_str().parse::<u32>().ok())?;
    (2400..=2700).contains(&y).then_some(y)
}

pub(super) fn is_dim_word(c: &str) -> bool {
    let c = c.trim();
    vocab::DIMENSION_WORDS.iter().any(|w| c.starts_with(w))
}

/// A header row: year cells after a project column. Returns years and layout.
pub(super) fn header_columns(cells: &[String]) -> Option<(Vec<u32>, Columns)> {
    let mut years = Vec::new();
    let mut year_cols = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        if let Some(y) = cell_year(c) {
            years.push(y);
            year_cols.push(i);
        }
    }
    fill_misread_years(cells, &mut years, &mut year_cols);
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
        .find(|&i| {
            cells.get(i).is_some_and(|c| {
                let c = squash(c);
                vocab::HEADER_NOTE_WORDS.iter().any(|w| c.contains(w))
            })
        })
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

/// Year cells OCR misread ("ปี 250" for ปี ๒๕๖๗, "Deer"), between or
/// beside well-read years that step by one a column: such a cell takes the
/// year of its place in the run. Needs two well-read years in a row of
/// consecutive columns; a cell beside the run only when it still reads
/// as a year label (starts with ปี or พ.ศ. and holds a digit), a cell
/// inside the run when it is short. The years read are never changed.
fn fill_misread_years(cells: &[String], years: &mut Vec<u32>, cols: &mut Vec<usize>) {
    if years.len() < 2 {
        return;
    }
    // The well-read years must agree on one sequence: year = base + column.
    let base = years[0] as i64 - cols[0] as i64;
    if years
        .iter()
        .zip(cols.iter())
        .any(|(&y, &c)| y as i64 - base != c as i64)
    {
        return;
    }
    let label = |c: &str| {
        let c = c.trim();
        (c.starts_with("ปี") || c.starts_with("พ.ศ"))
            && c.chars()
                .any(|ch| ch.is_ascii_digit() || ('๐'..='๙').contains(&ch))
    };
    let short = |c: &str| {
        let n = c.trim().chars().count();
        (1..=12).contains(&n) && !c.contains("หมายเหตุ")
    };
    let (lo, hi) = (cols[0], cols[cols.len() - 1]);
    let mut add = Vec::new();
    for k in lo + 1..hi {
        if !cols.contains(&k) && cells.get(k).is_some_and(|c| short(c) || label(c)) {
            add.push(k);
        }
    }
    if add.len() + cols.len() != hi - lo + 1 {
        return;
    }
    if lo > 0 && cells.get(lo - 1).is_some_and(|c| label(c)) {
        add.push(lo - 1);
    }
    if cells.get(hi + 1).is_some_and(|c| label(c)) {
        add.push(hi + 1);
    }
    for k in add {
        let y = base + k as i64;
        if (2400..=2700).contains(&y) {
            cols.push(k);
        }
    }
    cols.sort_unstable();
    *years = cols.iter().map(|&k| (base + k as i64) as u32).collect();
}

/// The header repeated at the top of a scanned page, read with OCR noise
/// (Garuda 000: "NA" / "โ= a NA" for มิติ, year cells "wero", "ปี 252",
/// "i 2570", "7 ปี 2566 ("): DOCUMENTS.md §3.5. It is the table's header
/// when its cells, position by position, still read as header cells: the
/// project column names the column (a project word, no project marker),
/// most year cells read as a year label (a year word or a 4-digit BE
/// year) and hold no amount or dash, another named column (mission,
/// remark) agrees, and the years it does read mostly match the table's.
/// Its year cells are never read: the first header's years stand.
pub(super) fn repeats_header(cells: &[String], cols: &Columns, years: &[u32]) -> bool {
    // Position by position: the row must have the header's shape.
    if cells.len() + 1 < cols.ncells || cells.len() > cols.ncells + 1 {
        return false;
    }
    let at = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(|c| squash(c));
    let has = |c: &Option<String>, words: &[&str]| {
        c.as_deref()
            .is_some_and(|c| words.iter().any(|w| c.contains(w)))
    };
    let project = at(Some(cols.project)).unwrap_or_default();
    if !WORD_PROJECT.is_match(&project)
        || PROJECT_START.is_match(&project)
        || project.contains("จำนวน")
        || project.chars().count() > 60
    {
        return false;
    }
    let named = has(&at(cols.mission), vocab::HEADER_MISSION_WORDS)
        || has(&at(cols.note), vocab::HEADER_NOTE_WORDS)
        || at(cols.dim).is_some_and(|c| is_dim_word(&c));
    if !named {
        return false;
    }
    let (mut label, mut agree, mut disagree) = (0, 0, 0);
    for (k, &i) in cols.years.iter().enumerate() {
        let c = cells.get(i).map(|c| c.trim()).unwrap_or("");
        // Data: an amount, a dash, a total ("จำนวน …").
        if c.contains("จำนวน")
            || AMOUNT_IN_CELL.is_match(c)
            || c.split_whitespace().any(|t| matches!(t, "-" | "–" | "—"))
        {
            return false;
        }
        let four = YEAR_DIGITS.captures(c).and_then(|m| m.name("y"));
        if vocab::HEADER_YEAR_WORDS.iter().any(|w| c.contains(w)) || four.is_some() {
            label += 1;
        }
        if let Some(y) = cell_year(c).or_else(|| four.and_then(|y| y.as_str().parse().ok())) {
            if years.get(k) == Some(&y) {
                agree += 1;
            } else {
                disagree += 1;
            }
        }
    }
    2 * label > cols.years.len() && disagree <= agree
}

/// The second header row ("งบประมาณ (บาท)" under every year).
pub(super) fn is_unit_header(cells: &[String], cols: &Columns) -> bool {
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

/// A PDF text layer can glue a page's repeated header onto its first data
/// row, cell by cell ("ปี 2566 งบประมาณ (บาท) -", "ภารกิจตามมิติ 2.3 …").
/// When every year cell starts with its header text and some cell has
/// something after it, strip the header words and keep the data.
pub(super) fn strip_merged_header(cells: Vec<String>, cols: &Columns) -> Vec<String> {
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

/// The header row at 0-based line `i`: its years, layout and cells. When
/// the line holds only the years (a two-row header with the column names
/// above), the previous non-blank row supplies the other cells.
pub(super) fn header_at(lines: &Lines, i: usize) -> Option<(Vec<u32>, Columns, Vec<String>)> {
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
