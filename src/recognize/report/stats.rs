//! e-PlanNACC statistics tables (docs/grammar.md §5.3): the per-dimension
//! summary with its total row, the status table, and the tables that repeat
//! the summary's figures (kept for consistency checks).
//!
//! Tables are read as blocks of consecutive TAB rows. Header rows are the
//! rows before the first row with numbers; a two-row header with merged
//! parents names each column parent + child ("งบประมาณ ใช้จริง"). Columns
//! are mapped to fields by their names, never by position alone.

use super::text::{dimension_of, is_number_cell, is_total_label, number_cell, sq};
use crate::model::WarningCode;
use crate::model::{ReportTable, ReportTableRow, SourceSpan, Status, SummaryRow, Warning};
use crate::recognize::lines::{clean_cell, collapse_spaces};
use crate::recognize::{Line, Lines};
use regex::Regex;
use std::sync::LazyLock;

static AS_OF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ข้อมูล\s*ณ\s*วันที่\s*\S.*$").expect("static regex"));

#[derive(Debug, Default)]
pub struct Stats {
    pub summary_rows: Vec<SummaryRow>,
    pub summary_total: Option<SummaryRow>,
    pub summary_columns: Vec<String>,
    pub status: Option<Status>,
    pub extra_tables: Vec<ReportTable>,
    pub data_as_of_text: Option<String>,
    /// Title rows inside tables (004:L67), for the fiscal year and round.
    pub title_rows: Vec<(usize, String)>,
}

/// A summary column's field, from its (parent + child) name.
pub fn summary_field(name: &str) -> Option<&'static str> {
    let n = sq(name);
    if n.contains("ร้อยละ") {
        if n.contains("งบประมาณ") {
            return Some("pct_budget");
        }
        if n.contains("โครงการ") {
            return Some("pct_projects");
        }
        return None;
    }
    if n.starts_with("โครงการ") || n.starts_with("จำนวนโครงการ")
    {
        if n.contains("แล้ว") || n.contains("ดำเนินการ") {
            return Some("projects_done");
        }
        if n.contains("ตามแผน") || n.contains("ทั้งหมด") || n == "โครงการ"
        {
            return Some("projects_planned");
        }
        return None;
    }
    if n.contains("ข้อบัญญัติ") || n.contains("เทศบัญญัติ")
    {
        return Some("budget_ordinance");
    }
    if n.contains("ใช้จริง") || n.contains("เบิกจ่าย") || n.contains("ที่ใช้") || n.contains("ใช้ไป")
    {
        return Some("budget_spent");
    }
    if n.contains("ตามแผน") || n == "งบประมาณ" {
        return Some("budget_plan");
    }
    None
}

pub fn set_field(row: &mut SummaryRow, field: &str, v: Option<f64>) {
    match field {
        "projects_planned" => row.projects_planned = v,
        "projects_done" => row.projects_done = v,
        "budget_plan" => row.budget_plan = v,
        "budget_ordinance" => row.budget_ordinance = v,
        "budget_spent" => row.budget_spent = v,
        "pct_projects" => row.pct_projects = v,
        "pct_budget" => row.pct_budget = v,
        _ => {}
    }
}

pub fn get_field(row: &SummaryRow, field: &str) -> Option<f64> {
    match field {
        "projects_planned" => row.projects_planned,
        "projects_done" => row.projects_done,
        "budget_plan" => row.budget_plan,
        "budget_ordinance" => row.budget_ordinance,
        "budget_spent" => row.budget_spent,
        "pct_projects" => row.pct_projects,
        "pct_budget" => row.pct_budget,
        _ => None,
    }
}

pub const SUMMARY_FIELDS: [&str; 7] = [
    "projects_planned",
    "projects_done",
    "budget_plan",
    "budget_ordinance",
    "budget_spent",
    "pct_projects",
    "pct_budget",
];

/// One block of consecutive TAB rows.
struct Block<'a> {
    rows: Vec<Line<'a>>,
    /// The nearest non-blank, non-table line before the block (its title).
    title: Option<String>,
    /// Blank lines only between this block and the previous one.
    adjacent_to_prev: bool,
}

impl<'a> Block<'a> {
    /// The last prose line titles the block when it stands at most 4 lines above it.
    fn new(
        rows: Vec<Line<'a>>,
        last_text: &Option<(usize, String)>,
        adjacent_to_prev: bool,
    ) -> Self {
        let title = last_text
            .as_ref()
            .filter(|(no, _)| rows.first().is_some_and(|f| f.no - no <= 4))
            .map(|t| t.1.clone());
        Block {
            rows,
            title,
            adjacent_to_prev,
        }
    }
}

fn blocks<'a>(lines: &Lines<'a>) -> Vec<Block<'a>> {
    let mut out: Vec<Block<'a>> = Vec::new();
    let mut cur: Vec<Line<'a>> = Vec::new();
    let mut last_text: Option<(usize, String)> = None;
    let mut prose_since_block = true;
    for l in &lines.lines {
        if l.has_tab() {
            cur.push(*l);
            continue;
        }
        if !cur.is_empty() {
            out.push(Block::new(
                std::mem::take(&mut cur),
                &last_text,
                !prose_since_block,
            ));
            prose_since_block = false;
        }
        if !l.is_blank() {
            last_text = Some((
                l.no,
                collapse_spaces(
                    l.text
                        .trim()
                        .trim_matches('"')
                        .trim_matches('“')
                        .trim_matches('”'),
                ),
            ));
            prose_since_block = true;
        }
    }
    if !cur.is_empty() {
        out.push(Block::new(cur, &last_text, !prose_since_block));
    }
    out
}

fn numeric_count(l: &Line) -> usize {
    l.cells().iter().filter(|c| is_number_cell(c)).count()
}

/// Column names from one or two header rows: merged parents carry to the
/// right over empty cells that have a child.
fn column_names(header: &[Line]) -> Vec<String> {
    match header {
        [] => Vec::new(),
        [one] => one.cells(),
        [.., parent, child] => {
            let p = parent.cells();
            let c = child.cells();
            let n = p.len().max(c.len());
            let mut carry = String::new();
            (0..n)
                .map(|i| {
                    let pi = p.get(i).cloned().unwrap_or_default();
                    let ci = c.get(i).cloned().unwrap_or_default();
                    if !pi.is_empty() {
                        carry = pi.clone();
                    }
                    let parent = if pi.is_empty() && !ci.is_empty() {
                        carry.clone()
                    } else {
                        pi
                    };
                    collapse_spaces(&format!("{parent} {ci}"))
                })
                .collect()
        }
    }
}

fn read_value(
    cell: Option<&String>,
    line: &Line,
    what: &str,
    warnings: &mut Vec<Warning>,
) -> Option<f64> {
    let c = cell.map(|s| s.as_str()).unwrap_or("");
    match number_cell(c) {
        Ok(v) => v,
        Err(_) => {
            warnings.push(Warning::new(
                WarningCode::UnreadableCell,
                format!("{what}: cannot read \"{c}\""),
                Some(line.span()),
            ));
            None
        }
    }
}

/// A table with one row per dimension (and a total row).
struct DimTable<'a> {
    columns: Vec<String>,
    /// Indices of value columns.
    value_cols: Vec<usize>,
    rows: Vec<(Option<u8>, bool, Line<'a>)>,
    title: Option<String>,
    header_key: String,
}

fn dim_table<'a>(
    header: &[Line<'a>],
    data: &[Line<'a>],
    title: Option<String>,
) -> Option<DimTable<'a>> {
    let columns = column_names(header);
    let dim_col = columns.iter().position(|c| sq(c) == "มิติ" || sq(c) == "มิติที่");
    let mut rows = Vec::new();
    for l in data {
        let cells = l.cells();
        if numeric_count(l) < 1 {
            continue;
        }
        let total = cells.iter().take(3).any(|c| is_total_label(c));
        let dim = match dim_col {
            Some(i) => cells.get(i).and_then(|c| dimension_of(c)),
            None => cells.first().and_then(|c| dimension_of(c)),
        };
        if dim.is_none() && !total {
            continue;
        }
        rows.push((dim, total, *l));
    }
    if rows.is_empty() || (dim_col.is_none() && rows.iter().all(|r| r.0.is_none())) {
        return None;
    }
    // Value columns: numeric in most data rows, not the dimension column.
    let n = columns
        .len()
        .max(rows.iter().map(|r| r.2.cells().len()).max().unwrap_or(0));
    let value_cols: Vec<usize> = (0..n)
        .filter(|i| Some(*i) != dim_col)
        .filter(|i| {
            let num = rows
                .iter()
                .filter(|r| r.2.cells().get(*i).is_some_and(|c| is_number_cell(c)))
                .count();
            num * 2 > rows.len()
        })
        .collect();
    if value_cols.is_empty() {
        return None;
    }
    let header_key = header
        .iter()
        .map(|h| sq(h.text))
        .collect::<Vec<_>>()
        .join("|");
    Some(DimTable {
        columns,
        value_cols,
        rows,
        title,
        header_key,
    })
}

/// OCR: a dimension cell misread (๓ as 5) between dimensions d-1 and
/// d+1 is d, with a warning; other rows keep what they print.
fn ocr_row_dimensions(rows: &mut [(Option<u8>, bool, Line)], warnings: &mut Vec<Warning>) {
    let dims: Vec<Option<u8>> = rows
        .iter()
        .map(|(d, total, _)| if *total { None } else { *d })
        .collect();
    for i in 1..rows.len().saturating_sub(1) {
        let (Some(Some(p)), Some(Some(q))) = (dims.get(i - 1), dims.get(i + 1)) else {
            continue;
        };
        let Some(row) = rows.get_mut(i) else { continue };
        let want = p.saturating_add(1);
        if row.2.ocr && !row.1 && q.checked_sub(*p) == Some(2) && row.0 != Some(want) {
            warnings.push(Warning::new(
                WarningCode::OcrDimension,
                format!(
                    "OCR dimension cell reads {} between dimensions {p} and {q}: read as {want}",
                    row.0
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "nothing".into())
                ),
                Some(row.2.span()),
            ));
            row.0 = Some(want);
        }
    }
}

fn table_kind(title: Option<&str>, columns: &[String]) -> String {
    let t = title.map(sq).unwrap_or_default();
    let cols = columns.iter().map(|c| sq(c)).collect::<Vec<_>>().join("|");
    if t.contains("เบิกจ่าย") || (cols.contains("เบิกจ่าย") && t.is_empty())
    {
        "disbursement".into()
    } else if t.contains("ข้อบัญญัติ") || t.contains("เทศบัญญัติ")
    {
        "ordinance".into()
    } else if t.contains("แผน") {
        "plan".into()
    } else {
        "table".into()
    }
}

pub fn recognize(lines: &Lines, warnings: &mut Vec<Warning>) -> Stats {
    let mut st = Stats::default();
    for l in &lines.lines {
        if l.has_tab() {
            continue;
        }
        if let Some(m) = AS_OF.find(l.text) {
            if st.data_as_of_text.is_none() {
                st.data_as_of_text = Some(collapse_spaces(m.as_str().trim_end_matches('*')));
            }
        }
    }

    let mut dim_tables: Vec<DimTable> = Vec::new();
    let mut last_wide: Option<Vec<Line>> = None;
    for b in blocks(lines) {
        let mut rows: Vec<Line> = Vec::new();
        for r in &b.rows {
            if let Some(t) = super::title_cell(r.text) {
                if rows.is_empty() {
                    st.title_rows.push((r.no, t));
                    continue;
                }
            }
            rows.push(*r);
        }
        let Some(first_data) = rows.iter().position(|r| numeric_count(r) >= 2) else {
            continue;
        };
        let header: Vec<Line> = rows
            .iter()
            .take(first_data)
            .rev()
            .take(2)
            .rev()
            .copied()
            .collect();
        let data = &rows[first_data..];
        let title = b
            .title
            .clone()
            .or_else(|| st.title_rows.last().map(|t| t.1.clone()));

        // Status table (§5.3): ตั้งต้น / ทั้งหมด / … and one value row.
        if st.status.is_none() {
            if let (Some(h), Some(v)) = (header.last(), data.first()) {
                let names = h.cells();
                let keys: Vec<String> = names.iter().map(|c| sq(c)).collect();
                if keys.iter().any(|k| k.contains("ตั้งต้น"))
                    && keys.iter().any(|k| k.contains("ทั้งหมด"))
                {
                    st.status = Some(status(&keys, h, v, warnings));
                    continue;
                }
            }
        }

        // A table printed with no header of its own right after a wide
        // table of the same shape (a page-break repeat the PDF extractor
        // dropped, 004:L84–86): it reuses that header, with a warning.
        if header.is_empty() {
            if let (Some(h), Some(d)) = (&last_wide, data.first()) {
                if h.last().map(|x| x.raw_cells().len()) == Some(d.raw_cells().len())
                    && d.non_empty_cells() >= 4
                {
                    if let Some(t) = wide_table(h, data, b.title.clone(), warnings) {
                        warnings.push(Warning::new(
                            WarningCode::TableHeaderAssumed,
                            format!("table \"{}\" has no header; the previous table's header (same shape) is assumed", b.title.clone().unwrap_or_default()),
                            Some(d.span()),
                        ));
                        st.extra_tables.push(t);
                        continue;
                    }
                }
            }
        }

        // Wide tables: parents "มิติที่ 1" … "รวม 4 มิติ", children per parent.
        if header.len() == 2 {
            let parents: Vec<String> = header.first().map(|h| h.cells()).unwrap_or_default();
            let dim_parents = parents.iter().filter(|p| dimension_of(p).is_some()).count();
            if dim_parents >= 2 {
                if let Some(t) = wide_table(&header, data, b.title.clone(), warnings) {
                    st.extra_tables.push(t);
                    last_wide = Some(header.clone());
                }
                continue;
            }
        }

        if let Some(t) = dim_table(&header, data, title) {
            // A table split by a page break repeats its header (004:L90–97).
            if b.adjacent_to_prev {
                if let Some(prev) = dim_tables.last_mut() {
                    if prev.header_key == t.header_key {
                        prev.rows.extend(t.rows);
                        continue;
                    }
                }
            }
            dim_tables.push(t);
        }
    }

    for mut t in dim_tables {
        ocr_row_dimensions(&mut t.rows, warnings);
        let fields: Vec<Option<&'static str>> = t
            .value_cols
            .iter()
            .map(|i| t.columns.get(*i).and_then(|c| summary_field(c)))
            .collect();
        let mapped = fields.iter().flatten().count();
        let has_pct = fields
            .iter()
            .any(|f| f.is_some_and(|f| f.starts_with("pct")));
        if st.summary_rows.is_empty() && st.summary_total.is_none() && mapped >= 4 && has_pct {
            st.summary_columns = t.columns.clone();
            for (dim, total, line) in &t.rows {
                let cells = line.cells();
                let mut row = SummaryRow {
                    dimension: *dim,
                    source_span: line.span(),
                    ..Default::default()
                };
                for (ci, f) in t.value_cols.iter().zip(&fields) {
                    if let Some(f) = f {
                        let v = read_value(cells.get(*ci), line, &format!("summary {f}"), warnings);
                        set_field(&mut row, f, v);
                    }
                }
                if *total {
                    row.dimension = None;
                    if st.summary_total.is_some() {
                        warnings.push(Warning::new(
                            WarningCode::SummaryTotalRepeated,
                            "a second total row in the summary table",
                            Some(line.span()),
                        ));
                    } else {
                        st.summary_total = Some(row);
                    }
                } else {
                    st.summary_rows.push(row);
                }
            }
            continue;
        }
        let columns: Vec<String> = t
            .value_cols
            .iter()
            .map(|i| t.columns.get(*i).cloned().unwrap_or_default())
            .collect();
        let mut table = ReportTable {
            kind: table_kind(t.title.as_deref(), &columns),
            title: t.title.clone(),
            columns,
            rows: Vec::new(),
            total: None,
        };
        for (dim, total, line) in &t.rows {
            let cells = line.cells();
            let values = t
                .value_cols
                .iter()
                .map(|i| read_value(cells.get(*i), line, "table cell", warnings))
                .collect();
            let row = ReportTableRow {
                dimension: if *total { None } else { *dim },
                values,
                source_span: line.span(),
            };
            if *total {
                table.total = Some(row);
            } else {
                table.rows.push(row);
            }
        }
        st.extra_tables.push(table);
    }
    st
}

fn status(keys: &[String], header: &Line, values: &Line, warnings: &mut Vec<Warning>) -> Status {
    let cells = values.cells();
    let mut s = Status {
        // Header and values: the numbers mean nothing without their names.
        source_span: Some(SourceSpan::lines(header.no, values.no, header.page)),
        ..Default::default()
    };
    for (i, k) in keys.iter().enumerate() {
        let cell = cells.get(i);
        // Order matters: the percentage column's header also says ตั้งต้น.
        if k.contains("ระดับ") {
            s.implementation_level = cell.map(|c| clean_cell(c)).filter(|c| !c.is_empty());
            continue;
        }
        let slot = if k.contains("ร้อยละ") || k.contains("ผลการนำ") || k.contains("คิดจาก")
        {
            &mut s.implementation_pct
        } else if k.contains("ไม่สามารถ") {
            &mut s.not_possible
        } else if k.contains("ระหว่าง") {
            &mut s.in_progress
        } else if k.contains("แล้วเสร็จ") {
            &mut s.done
        } else if k.contains("บรรจุ") || k.contains("ข้อบัญญัติ") || k.contains("เทศบัญญัติ")
        {
            &mut s.in_ordinance
        } else if k.contains("ทั้งหมด") {
            &mut s.projects_total
        } else if k.contains("ตั้งต้น") {
            &mut s.projects_initial
        } else {
            continue;
        };
        *slot = read_value(cell, values, &format!("status column {k}"), warnings);
    }
    s
}

/// 004:L78–80: "มิติที่ 1⇥⇥มิติที่ 2⇥⇥…⇥รวม 4 มิติ⇥" / "โครงการ⇥งบประมาณ" ×5 / values.
fn wide_table(
    header: &[Line],
    data: &[Line],
    title: Option<String>,
    warnings: &mut Vec<Warning>,
) -> Option<ReportTable> {
    let parents = header.first()?.cells();
    let children = header.last()?.cells();
    // Groups: (dimension or total, column indices).
    let mut groups: Vec<(Option<u8>, bool, Vec<usize>)> = Vec::new();
    for i in 0..parents.len().max(children.len()) {
        let p = parents.get(i).map(|s| s.as_str()).unwrap_or("");
        if !p.is_empty() {
            groups.push((dimension_of(p), is_total_label(p), Vec::new()));
        }
        if let Some(g) = groups.last_mut() {
            g.2.push(i);
        }
    }
    let columns: Vec<String> = groups
        .first()?
        .2
        .iter()
        .map(|i| children.get(*i).cloned().unwrap_or_default())
        .collect();
    let line = data.first()?;
    let cells = line.cells();
    let mut table = ReportTable {
        kind: table_kind(title.as_deref(), &columns),
        title,
        columns,
        rows: Vec::new(),
        total: None,
    };
    for (dim, total, idx) in &groups {
        let values = idx
            .iter()
            .map(|i| read_value(cells.get(*i), line, "table cell", warnings))
            .collect();
        let row = ReportTableRow {
            dimension: *dim,
            values,
            source_span: line.span(),
        };
        if *total {
            table.total = Some(ReportTableRow {
                dimension: None,
                ..row
            });
        } else if dim.is_some() {
            table.rows.push(row);
        }
    }
    if data.len() > 1 {
        warnings.push(Warning::new(
            WarningCode::TableRowsIgnored,
            "per-dimension table with more than one value row: only the first is read",
            Some(SourceSpan::line(line.no, line.page)),
        ));
    }
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::report::test_support::doc;

    #[test]
    fn single_header_summary_with_other_words_and_a_bad_cell() {
        let d = doc(&[
            "มิติ\tจำนวนโครงการตามแผน\tจำนวนโครงการที่ดำเนินการ\tงบประมาณตามแผน\tงบประมาณที่เบิกจ่าย\tร้อยละโครงการ\tร้อยละงบประมาณ",
            "มิติที่ 1\t10\t5\t1,000\t500\t50.00\t50.00",
            "มิติที่ 2\t4\t4\t#####\t0\t100.00\t0.00",
            "รวม\t14\t9\t1,000\t500\t64.29\t50.00",
        ]);
        let mut w = Vec::new();
        let st = recognize(&Lines::new(&d), &mut w);
        assert_eq!(st.summary_rows.len(), 2);
        assert_eq!(st.summary_rows[1].budget_plan, None);
        assert!(w.iter().any(|w| w.code == "unreadable_cell"));
        let t = st.summary_total.expect("total");
        assert_eq!(
            (
                t.projects_planned,
                t.projects_done,
                t.budget_spent,
                t.pct_projects
            ),
            (Some(14.0), Some(9.0), Some(500.0), Some(64.29))
        );
        assert_eq!(st.summary_rows[0].budget_ordinance, None);
    }

    #[test]
    fn column_names_carry_merged_parents() {
        let d = doc(&["ก\tข\t\tค\t", "\tx\ty\t\tz"]);
        let l = Lines::new(&d);
        let names = column_names(&l.lines);
        assert_eq!(names, vec!["ก", "ข x", "ข y", "ค", "ค z"]);
    }
}
