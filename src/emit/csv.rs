//! CSV exports for spreadsheet users: UTF-8 with a BOM so Excel shows Thai.
//! Column order is part of the interface (documented in the README).

use crate::model::Record;
use std::io::{self, Write};

pub const BOM: &str = "\u{FEFF}";

pub const PROJECTS_COLUMNS: &[&str] = &[
    "source_path",
    "sha256",
    "organization",
    "org_kind",
    "district",
    "province",
    "doc_kind",
    "project_index",
    "number",
    "dimension",
    "mission",
    "kind",
    "name",
    "year",
    "budget_baht",
    "budget_text",
    "period_text",
    "responsible",
    "line_start",
    "line_end",
    // appended in issue 16 (the order above is stable)
    "page",
    "province_code",
    "district_code",
    "subdistrict_code",
];

pub const BUDGET_ROWS_COLUMNS: &[&str] = &[
    "source_path",
    "sha256",
    "organization",
    "province",
    "row_index",
    "dimension",
    "mission",
    "number",
    "name",
    "year",
    "budget_baht",
    "inferred",
    "note",
    "page",
    "line_start",
    "line_end",
];

/// RECORD.md v2 `panel`: one row per plan x fiscal year x dimension.
pub const PANEL_COLUMNS: &[&str] = &[
    "source_path",
    "sha256",
    "organization",
    "province_code",
    "district_code",
    "subdistrict_code",
    "fiscal_year",
    "dimension",
    "projects",
    "budget_baht",
    "inferred",
];

/// One row per check of every record (issue 16): filter failed checks,
/// OCR-affected ones, a rule across an archive.
pub const CHECKS_COLUMNS: &[&str] = &[
    "source_path",
    "sha256",
    "organization",
    "province_code",
    "doc_kind",
    "rule",
    "scope",
    "stated",
    "computed",
    "ok",
    "ocr",
    "page",
    "line_start",
    "line_end",
];

/// One row per warning of every record (issue 16).
pub const WARNINGS_COLUMNS: &[&str] = &[
    "source_path",
    "sha256",
    "organization",
    "province_code",
    "doc_kind",
    "code",
    "message",
    "page",
    "line_start",
    "line_end",
];

/// Quote a field when needed (RFC 4180).
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

/// Money without a trailing ".0" for whole baht.
pub fn money(v: Option<f64>) -> String {
    match v {
        None => String::new(),
        Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", x as i64),
        Some(x) => format!("{x}"),
    }
}

fn write_row<W: Write>(w: &mut W, cells: &[String]) -> io::Result<()> {
    let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
    w.write_all(line.join(",").as_bytes())?;
    w.write_all(b"\r\n")
}

/// projects.csv / projects.parquet: one row per project and fiscal year it
/// names (`period_years`); a project without years gets one row with an
/// empty year. `budget_baht` is the block's per-year figure.
pub fn projects_rows(r: &Record) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let org = &r.organization;
    for (i, p) in r.projects.iter().enumerate() {
        let years: Vec<Option<u32>> = if p.period_years.is_empty() {
            vec![None]
        } else {
            p.period_years.iter().map(|y| Some(*y)).collect()
        };
        for y in years {
            rows.push(vec![
                r.source.path.clone(),
                r.source.sha256.clone(),
                opt(&org.name),
                opt(&org.kind),
                opt(&org.district),
                opt(&org.province),
                r.doc_kind.as_str().to_string(),
                (i + 1).to_string(),
                opt(&p.number),
                opt(&p.dimension),
                opt(&p.mission),
                opt(&p.kind),
                p.name.clone(),
                opt(&y),
                money(p.budget_baht),
                opt(&p.budget_text),
                opt(&p.period_text),
                opt(&p.responsible),
                p.source_span.line_start.to_string(),
                p.source_span.line_end.to_string(),
                opt(&p.source_span.page),
                opt(&org.province_code),
                opt(&org.district_code),
                opt(&org.subdistrict_code),
            ]);
        }
    }
    rows
}

/// budget_rows.csv / budget_rows.parquet: one row per budget-table row and year.
pub fn budget_rows_rows(r: &Record) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let Some(t) = &r.budget_table else {
        return rows;
    };
    for (i, row) in t.rows.iter().enumerate() {
        for (j, year) in t.years.iter().enumerate() {
            let v = row.budgets.get(j).copied().flatten();
            let inferred = row.inferred.get(j).copied().unwrap_or(false);
            rows.push(vec![
                r.source.path.clone(),
                r.source.sha256.clone(),
                opt(&r.organization.name),
                opt(&r.organization.province),
                (i + 1).to_string(),
                opt(&row.dimension),
                opt(&row.mission),
                opt(&row.number),
                row.name.clone(),
                year.to_string(),
                money(v),
                if inferred {
                    "true".into()
                } else {
                    "false".into()
                },
                opt(&row.note),
                opt(&row.source_span.page),
                row.source_span.line_start.to_string(),
                row.source_span.line_end.to_string(),
            ]);
        }
    }
    rows
}

/// One panel cell: the rows of one dimension in one year of a budget table.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelCell {
    pub dimension: u8,
    pub year: u32,
    /// Budget-table rows (projects and measures) of the dimension.
    pub projects: u32,
    /// Sum of the rows' budgets; None when any cell is unknown.
    pub budget_baht: Option<f64>,
    /// An inferred cell is in the sum.
    pub inferred: bool,
}

/// The panel cells of a record, by dimension then year (rows without a
/// dimension are left out: they belong to no panel cell).
pub fn panel_cells(r: &Record) -> Vec<PanelCell> {
    let Some(t) = &r.budget_table else {
        return Vec::new();
    };
    let mut dims: Vec<u8> = t.rows.iter().filter_map(|row| row.dimension).collect();
    dims.sort_unstable();
    dims.dedup();
    let mut out = Vec::new();
    for d in dims {
        let rows: Vec<_> = t
            .rows
            .iter()
            .filter(|row| row.dimension == Some(d))
            .collect();
        for (j, year) in t.years.iter().enumerate() {
            let mut sum = Some(0.0);
            let mut inferred = false;
            for row in &rows {
                match (sum, row.budgets.get(j).copied().flatten()) {
                    (Some(acc), Some(v)) => sum = Some(acc + v),
                    _ => sum = None,
                }
                inferred |= row.inferred.get(j).copied().unwrap_or(false);
            }
            out.push(PanelCell {
                dimension: d,
                year: *year,
                projects: rows.len() as u32,
                budget_baht: sum,
                inferred,
            });
        }
    }
    out
}

/// panel.csv / panel.parquet: one row per plan x fiscal year x dimension.
pub fn panel_rows(r: &Record) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let org = &r.organization;
    for c in panel_cells(r) {
        rows.push(vec![
            r.source.path.clone(),
            r.source.sha256.clone(),
            opt(&org.name),
            opt(&org.province_code),
            opt(&org.district_code),
            opt(&org.subdistrict_code),
            c.year.to_string(),
            c.dimension.to_string(),
            c.projects.to_string(),
            money(c.budget_baht),
            c.inferred.to_string(),
        ]);
    }
    rows
}

/// The document columns that open the checks and warnings rows.
fn doc_cells(r: &Record) -> Vec<String> {
    vec![
        r.source.path.clone(),
        r.source.sha256.clone(),
        opt(&r.organization.name),
        opt(&r.organization.province_code),
        r.doc_kind.as_str().to_string(),
    ]
}

fn span_cells(s: Option<&crate::model::SourceSpan>) -> [String; 3] {
    match s {
        Some(s) => [
            opt(&s.page),
            s.line_start.to_string(),
            s.line_end.to_string(),
        ],
        None => Default::default(),
    }
}

/// The rows of checks.csv / checks.parquet. `ok` is empty when the check is
/// undefined (neither passed nor failed).
pub fn checks_rows(r: &Record) -> Vec<Vec<String>> {
    r.checks
        .iter()
        .map(|c| {
            let mut row = doc_cells(r);
            row.extend([
                c.rule.clone(),
                c.scope.clone(),
                money(c.stated),
                money(c.computed),
                opt(&c.ok),
                c.ocr.to_string(),
            ]);
            row.extend(span_cells(c.source_span.as_ref()));
            row
        })
        .collect()
}

/// The rows of warnings.csv / warnings.parquet.
pub fn warnings_rows(r: &Record) -> Vec<Vec<String>> {
    r.warnings
        .iter()
        .map(|w| {
            let mut row = doc_cells(r);
            row.extend([w.code.as_str().to_string(), w.message.clone()]);
            row.extend(span_cells(w.source_span.as_ref()));
            row
        })
        .collect()
}

/// Write a table's header (with the BOM) and then its rows.
pub fn write_header<W: Write>(w: &mut W, columns: &[&str]) -> io::Result<()> {
    w.write_all(BOM.as_bytes())?;
    write_row(
        w,
        &columns.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    )
}

pub fn write_rows<W: Write>(w: &mut W, rows: &[Vec<String>]) -> io::Result<()> {
    for row in rows {
        write_row(w, row)?;
    }
    Ok(())
}
