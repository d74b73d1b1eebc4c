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

mod flat;
mod header;
mod place;
mod reader;
#[cfg(test)]
mod tests;
pub mod totals;

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

use header::*;
use place::*;
use reader::*;
pub use totals::{
    dim_total_usable, fmt_amount, grand_total_usable, infer_from_totals, inference_source,
    rows_of_total, InferSource,
};

// A year header cell: "ปี 2566", "ปี 2566 งบประมาณ (บาท)", "งบประมาณ ปี 2566",
// "ปีงบประมาณ พ.ศ. 2566".
re!(
    pub(super) YEAR_CELL,
    &format!(
        r"^(?:งบประมาณ\s*)?\(?ปี\s*(?:งบประมาณ\s*)?(?:{be}\s*)?(?P<y>[0-9]{{4}})(?P<rest>[^0-9]{{0,30}})$",
        be = vocab::BE_ERA_SPACED
    )
);
// A bare "พ.ศ. 2566" / "2566" header cell (other plans).
re!(
    pub(super) YEAR_BARE,
    &format!(
        r"^(?:{be}\s*)?(?P<y>2[4-6][0-9]{{2}})(?:\s*\(?(?:บาท|งบประมาณ)[^0-9]{{0,30}})?$",
        be = vocab::BE_ERA_SPACED
    )
);
// Column 1: "1. การสร้าง…", "มิติที่ 1 …", "มติที่ 2", "มิติ 3".
re!(
    pub(super) DIM_START,
    &format!(
        r"^(?:{dim}\s*(?:ที่)?\s*)?(?P<n>[0-9])\s*(?:[.)]|\s|$)",
        dim = vocab::dimension_word()
    )
);
// Column 2: a mission code.
re!(
    pub(super) MISSION_START,
    r"^(?P<code>[0-9]+\.[0-9]+(?:\.[0-9]+)?)(?:\s|$|[^0-9.])"
);
// Column 3: a project marker at the start.
re!(
    pub(super) PROJECT_START,
    r"^(?P<n>[0-9]{1,3})\s*(?P<m>[).])(?:[^0-9]|$)"
);
// Project markers anywhere (for splitting multi-project cells).
re!(pub(super) PAREN_MARK, r"(?:^|\s)(?P<n>[0-9]{1,3})\)\s*");
re!(
    pub(super) DOT_MARK,
    r"(?:^|\s)(?P<n>[0-9]{1,3})\.(?:\s+|(?P<t>[^0-9\s]))"
);
// Total-row labels.
re!(
    pub(super) TOTAL_LABEL,
    &format!(
        r"^รวม(?P<grand>\s*{grand})?(?:\s*{dim}\s*(?:ที่)?\s*(?P<d>[0-9])\s*[.)]?)?\s*(?:(?:จำนวน\s*)?[0-9]+\s*โครงการ.*)?$",
        dim = vocab::dimension_word(),
        grand = vocab::alt(vocab::GRAND_TOTAL_WORDS)
    )
);
// A total label naming its dimension first: "มติที่ 4 รวม", "มิติที่ 2.
// การบริหาร… รวม 3 โครงการ" (issue 12 class 3).
re!(
    pub(super) TOTAL_LABEL_DIM_FIRST,
    &format!(
        r"^{dim}\s*(?:ที่)?\s*(?P<d>[0-9])\s*[.)]?(?:\s+[^0-9]*?)?\s*รวม\s*(?:(?:จำนวน\s*)?[0-9]+\s*โครงการ.*)?$",
        dim = vocab::dimension_word()
    )
);
// A cell naming a dimension: "มติที่ 4", "มิติ 2.", "มิติที่ 3 การ…".
re!(
    pub(super) DIM_LABEL_CELL,
    &format!(
        r"^{dim}\s*(?:ที่)?\s*(?P<d>[0-9])(?:\s*[.)])?(?:\s|$)",
        dim = vocab::dimension_word()
    )
);
re!(pub(super) PROJECT_COUNT, r"(?P<n>[0-9]+)\s*โครงการ");
// §3.4 a total row's count cell alone, "จำนวน N โครงการ" (a stray mark
// may follow N: "จำนวน 4 จ โครงการ"): with year cells in the total's form
// it makes a total row whose รวม did not read ("sau", Umpush 000).
re!(
    pub(super) COUNT_CELL,
    r"^จำนวน\s*(?P<n>[0-9]{1,3})\s*(?:\S{1,2}\s+)?โครงการ\s*$"
);
re!(pub(super) WORD_PROJECT, &vocab::alt(vocab::PROJECT_WORDS));
re!(
    pub(super) HEADER_YEAR_PREFIX,
    &format!(
        r"^\(?ปี\s*(?:งบประมาณ\s*)?(?:{be}\s*)?[0-9]{{4}}\s*(?:งบประมาณ\s*)?(?:\(\s*บาท\s*\))?(?P<rest>.*)$",
        be = vocab::BE_ERA_SPACED
    )
);
re!(
    pub(super) HEADER_DIM_PREFIX,
    &format!(r"^{dim}(?:\s|$)", dim = vocab::dimension_word())
);
re!(
    pub(super) HEADER_MISSION_PREFIX,
    &format!(r"^ภารกิจ(?:ตาม)?{dim}?", dim = vocab::dimension_word())
);
re!(
    pub(super) HEADER_PROJECT_PREFIX,
    r"^(?:ชื่อ)?โครงการ\s*/\s*กิจกรรม(?:\s*/\s*มาตรการ)?"
);
re!(pub(super) HEADER_NOTE_PREFIX, r"^หมายเหตุ");
re!(
    pub(super) TRAILING_COUNT,
    r"^(?P<head>.*\S)\s*(?P<tot>จำนวน\s*[0-9]+\s*โครงการ)$"
);
re!(pub(super) TRAILING_LABEL, r"^(?P<head>.*?)\s*(?P<label>รวม(?:ทั้งสิ้น)?)$");
re!(
    pub(super) TRAILING_AMOUNT,
    r"^(?P<head>.*?)\s*(?P<tot>จำนวน\s*(?:[0-9][0-9, ]*(?:\.[0-9]{1,2})?|-)\s*บาท)$"
);
re!(
    pub(super) MISSION_ANY,
    r"(?:^|\s)(?P<code>[0-9]+\.[0-9]+(?:\.[0-9]+)?)\s"
);
re!(pub(super) NUMBER_CELL, r"^(?P<n>[0-9]{1,3})\s*[.)]?$");
re!(
    pub(super) DIM_SECTION_ROW,
    &format!(
        r"^{dim}\s*ที่\s*(?P<n>[0-9])(?:[^0-9]|$)",
        dim = vocab::dimension_word()
    )
);
// An amount in a cell ("20,000", "1,500.50"): not a header cell.
re!(pub(super) AMOUNT_IN_CELL, r"[0-9],[0-9]{3}");
// A 4-digit BE year anywhere in a cell ("i 2570", "7 ปี 2566 (").
re!(pub(super) YEAR_DIGITS, r"(?:^|[^0-9])(?P<y>2[4-6][0-9]{2})(?:[^0-9]|$)");
re!(pub(super) SPLIT_DIGITS, r"(?P<a>[0-9,])\s+(?P<b>[0-9,])");

fn cells_of(line: &Line) -> Vec<String> {
    line.cells()
        .into_iter()
        .map(|c| thai_digits_to_ascii(&c))
        .collect()
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
    let (table, warnings) = read_table(lines, meta, blocks);
    if table.is_some() {
        return (table, warnings);
    }
    // No TAB table: a flattened one (issue 12 class 8), rewritten into TAB
    // rows on the same line numbers.
    let Some((text, mut flat_warnings)) = flat::tabify(lines) else {
        return (table, warnings);
    };
    let flat = Lines {
        lines: lines
            .lines
            .iter()
            .zip(text.iter())
            .map(|(l, t)| Line {
                no: l.no,
                page: l.page,
                text: t.as_str(),
                bold: l.bold,
                ocr: l.ocr,
            })
            .collect(),
    };
    let (table, w) = read_table(&flat, meta, blocks);
    if table.is_none() {
        return (None, warnings);
    }
    flat_warnings.extend(w);
    (table, flat_warnings)
}

fn read_table(
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
    // The last table row, held back until the next row shows whether it
    // goes on after a page break (§3.3): its cells, its line, the lines
    // of the fragments joined to it.
    type Held<'l, 'a> = (Vec<String>, &'l Line<'a>, Vec<&'l Line<'a>>);
    let mut held: Option<Held> = None;
    // A page break since the held row: another page, or a header skipped.
    let mut broke = false;
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
            let same_project_head = !header_project.is_empty()
                && cells
                    .get(rd.cols.project)
                    .is_some_and(|c| squash(c) == header_project);
            if no_digits && same_project_head {
                broke = true;
                continue;
            }
            // The header repeated at the top of a scanned page, its year
            // cells read differently by OCR ("ปี 250", "Deer"): the same
            // column names and year-like cells where the years are. Not
            // the start of another table.
            if same_project_head
                && rd.cols.years.iter().any(|&k| {
                    cells.get(k).is_some_and(|c| {
                        header::cell_year(c)
                            == rd
                                .years
                                .get(rd.cols.years.iter().position(|&x| x == k).unwrap_or(0))
                                .copied()
                    })
                })
            {
                broke = true;
                continue;
            }
            // Read with more noise: still the header by its cells.
            if repeats_header(&cells, &rd.cols, &rd.years) {
                broke = true;
                continue;
            }
            if let Some((ys, _, _)) = header_at(lines, i - 1) {
                if ys == rd.years {
                    broke = true;
                    continue;
                }
                if ys.len() > 1 {
                    break; // a different table starts
                }
            }
            if is_unit_header(&cells, &rd.cols) {
                broke = true;
                continue;
            }
        }
        if is_table_row(l, &rd.cols) {
            let cells = row_cells_of(l, &rd.cols);
            if let Some((prev, _, more)) = held.as_mut() {
                let page_turned = matches!((more.last().and_then(|m| m.page), l.page), (Some(a), Some(b)) if a != b);
                if (broke || page_turned) && continues_across_break(prev, &cells, &rd.cols) {
                    *prev = join_cells(prev, &cells, &rd.cols);
                    more.push(l);
                    broke = false;
                    continue;
                }
            }
            if let Some((cells, line, more)) = held.take() {
                rd.data_row(cells, line, &more[1..]);
            }
            held = Some((cells, l, vec![l]));
            broke = false;
            continue;
        }
        // Not a row: a running title / page number when the table resumes
        // within a few lines, otherwise the end of the table.
        if PART_HEADING.is_match(l.text.trim()) {
            break;
        }
        if !table_resumes(lines, l.no, &rd.cols, &rd.years) {
            break;
        }
    }
    if let Some((cells, line, more)) = held.take() {
        rd.data_row(cells, line, &more[1..]);
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

fn table_resumes(lines: &Lines, after: usize, cols: &Columns, years: &[u32]) -> bool {
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
            if header_at(lines, l.no.saturating_sub(1)).is_some()
                || is_unit_header(&cells, cols)
                || repeats_header(&cells, cols, years)
            {
                return true;
            }
            if is_table_row(l, cols) && l.non_empty_cells() >= 2 {
                return true;
            }
        }
    }
    false
}
