//! Stage 3: structure from normalised lines (docs/grammar.md §1–§5).
//!
//! Each sub-recogniser reads [`Lines`] and returns its own typed result;
//! none of them reads another's output except through [`Meta`], which is
//! computed first (doc kind, organisation and years decide how the rest is
//! read).

pub mod area;
pub mod budget_table;
pub mod counts;
pub mod grammar;
pub mod join;
pub mod lines;
pub mod meta;
pub mod ocr_names;
pub mod report;
pub mod structure;
pub mod vocab;

use crate::model::WarningCode;
use crate::model::{
    BudgetTable, DocKind, NormDoc, Organization, Project, Report, Section, SourceSpan, Warning,
};
pub use lines::{Line, Lines};

/// Top-level facts (§1, §2.1): decided before the body is read.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub doc_kind: DocKind,
    pub title: Option<String>,
    pub organization: Organization,
    pub fiscal_years: Vec<u32>,
    /// The years came only from block period fields (§1.3's last resort):
    /// a budget table's header, read later, states them better.
    pub fiscal_years_from_periods: bool,
    pub warnings: Vec<crate::model::Warning>,
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            doc_kind: DocKind::Unknown,
            title: None,
            organization: Organization::default(),
            fiscal_years: Vec::new(),
            fiscal_years_from_periods: false,
            warnings: Vec::new(),
        }
    }
}

/// A project count stated in prose or a total row ("จำนวน 20 โครงการ"),
/// input to the `project_count` check. Serialisable: the resume store keeps
/// them so that checks can be re-run on corrected values.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StatedCount {
    /// None = the whole plan; Some(d) = dimension d.
    pub dimension: Option<u8>,
    pub count: u32,
    /// Where it was stated: "preface", "part2_prose", ...
    pub context: String,
    pub source_span: SourceSpan,
}

/// The outline and Part-3 detail blocks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Structure {
    pub sections: Vec<Section>,
    pub projects: Vec<Project>,
    pub warnings: Vec<Warning>,
}

/// Everything recognised in one document, before checks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Recognized {
    pub meta: Meta,
    pub sections: Vec<Section>,
    pub budget_table: Option<BudgetTable>,
    pub projects: Vec<Project>,
    pub report: Option<Report>,
    pub stated_counts: Vec<StatedCount>,
    pub warnings: Vec<Warning>,
}

pub fn recognize(doc: &NormDoc) -> Recognized {
    // OCR'd names that lost their tone marks, restored first so every
    // recogniser reads the name as printed (ocr_names).
    let restored = ocr_names::restore(doc);
    let doc = restored.as_ref().map_or(doc, |(d, _)| d);
    let lines = Lines::new(doc);
    let mut meta = meta::recognize(&lines);
    let (codes, area_warnings) = area::match_area(&meta.organization);
    let org = &mut meta.organization;
    org.province_code = codes.province_code;
    org.district_code = codes.district_code;
    org.subdistrict_code = codes.subdistrict_code;
    org.area_match = codes.area_match;
    org.area_candidates = codes.area_candidates;
    let span = org.source_span;
    meta.warnings.extend(area_warnings.into_iter().map(|mut w| {
        w.source_span = w.source_span.or(span);
        w
    }));
    let mut warnings = meta.warnings.clone();
    warnings.extend(restored.as_ref().map(|(_, w)| w.clone()));

    let structure = structure::recognize(&lines, &meta);
    warnings.extend(structure.warnings);

    let (budget_table, w) = match meta.doc_kind {
        DocKind::Report => (None, Vec::new()),
        _ => budget_table::recognize_with_blocks(&lines, &meta, &structure.projects),
    };
    warnings.extend(w);

    if let Some(t) = budget_table.as_ref() {
        let span = t.rows.first().map(|r| r.source_span);
        table_years(&mut meta, &t.years, span, &mut warnings);
    }

    let mut projects = structure.projects;
    if let Some(t) = &budget_table {
        warnings.extend(dimensions_from_rows(
            &mut projects,
            t,
            &structure.sections,
            meta.organization.name.as_deref(),
        ));
    }
    warnings.extend(drop_out_of_range(&mut projects));
    if doc.extraction == crate::model::Extraction::Ocr {
        for p in projects.iter_mut() {
            for l in p.field_labels.iter_mut() {
                *l = vocab::label_as_printed(l);
            }
            p.fields = std::mem::take(&mut p.fields)
                .into_iter()
                .map(|(k, v)| (vocab::label_as_printed(&k), v))
                .collect();
        }
    }

    let mut stated_counts = counts::stated_counts(&lines);
    // A flattened table's total rows (no TAB) read like prose counts; the
    // table already holds them (issue 12 class 8).
    if let Some(t) = &budget_table {
        let table_lines: Vec<usize> = t
            .dimension_totals
            .iter()
            .map(|d| d.source_span.line_start)
            .chain(t.grand_total.iter().map(|g| g.source_span.line_start))
            .collect();
        stated_counts.retain(|c| !table_lines.contains(&c.source_span.line_start));
    }

    let (report, projects) = if meta.doc_kind == DocKind::Report {
        let (r, w) = report::recognize(&lines, &meta);
        warnings.extend(w);
        // A report states its fiscal year (issue 12 class 6).
        if let (true, Some(fy)) = (meta.fiscal_years.is_empty(), r.fiscal_year) {
            meta.fiscal_years = vec![fy];
        }
        // Report items go to report.activities; plans' blocks to projects.
        (Some(r), Vec::new())
    } else {
        (None, projects)
    };

    Recognized {
        sections: structure.sections,
        budget_table,
        projects,
        report,
        stated_counts,
        warnings,
        meta,
    }
}

/// Issue 12 class 1: Part-3 blocks printed without a มิติ heading (for some
/// or all dimensions) take dimension and mission from their Part-2 row,
/// joined by name (§3.8, never by number alone). A block with no dimension
/// takes the row's; a block whose dimension was carried over from an
/// earlier heading takes the row's when Part 3 has no heading for the
/// row's dimension (the carry-over crossed a missing heading). Each is
/// marked with a `dimension_inferred` warning naming the row, at its span.
fn dimensions_from_rows(
    projects: &mut [Project],
    table: &BudgetTable,
    sections: &[Section],
    org: Option<&str>,
) -> Vec<Warning> {
    let headed: Vec<u8> = sections
        .iter()
        .filter(|s| s.kind == crate::model::SectionKind::Dimension)
        .filter(|s| {
            table
                .rows
                .iter()
                .all(|r| r.source_span.line_end < s.source_span.line_start)
        })
        .filter_map(|s| s.code.as_deref().and_then(|c| c.parse().ok()))
        .collect();
    let mut warnings = Vec::new();
    for (ri, pi, _) in join::match_rows(&table.rows, projects, org) {
        let (Some(row), Some(p)) = (table.rows.get(ri), projects.get_mut(pi)) else {
            continue;
        };
        let Some(rd) = row.dimension.filter(|d| (1..=4).contains(d)) else {
            continue;
        };
        let take = match p.dimension {
            None => true,
            Some(pd) => pd != rd && !headed.contains(&rd),
        };
        if !take {
            continue;
        }
        let was = p
            .dimension
            .map(|d| format!(" (was {d}, carried over from an earlier heading)"))
            .unwrap_or_default();
        p.dimension = Some(rd);
        p.mission = row.mission.clone();
        warnings.push(Warning::new(
            WarningCode::DimensionInferred,
            format!(
                "block \"{}\" has no มิติ heading: dimension {rd}{was} and mission {} from table row {} \"{}\"",
                p.name,
                row.mission.as_deref().unwrap_or("-"),
                row.number.as_deref().unwrap_or("?"),
                row.name
            ),
            Some(row.source_span),
        ));
    }
    warnings
}

/// Issue 12 class 2: both frameworks have four dimensions (§1.4); a block
/// dimension or mission code outside 1-4 is never emitted (a project with
/// dimension 9 from a "9.1" result item violated the schema): null, with a
/// warning.
fn drop_out_of_range(projects: &mut [Project]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for p in projects {
        let from_mission = p
            .mission
            .as_deref()
            .and_then(|m| m.split('.').next())
            .and_then(|d| d.parse::<u32>().ok());
        let bad_dim = p.dimension.filter(|d| !(1..=4).contains(d));
        let bad_mission = from_mission.filter(|d| !(1..=4).contains(d));
        if bad_dim.is_some() || bad_mission.is_some() {
            warnings.push(Warning::new(
                WarningCode::DimensionOutOfRange,
                format!(
                    "block \"{}\": dimension {:?} / mission {:?} outside the frameworks' 1-4: left empty",
                    p.name, p.dimension, p.mission
                ),
                Some(p.source_span),
            ));
            if bad_dim.is_some() {
                p.dimension = None;
            }
            p.mission = None;
        }
    }
    warnings
}

/// Issue 12 class 6: `fiscal_years` is never empty when the budget table's
/// header states years, and agrees with them. The header wins over block
/// period fields (marked by a warning naming its source); a title that
/// disagrees with the header is kept and warned about.
fn table_years(
    meta: &mut Meta,
    years: &[u32],
    span: Option<SourceSpan>,
    warnings: &mut Vec<Warning>,
) {
    if years.is_empty() || meta.doc_kind == DocKind::Report {
        return;
    }
    let mut sorted = years.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    if sorted == meta.fiscal_years {
        return;
    }
    if meta.fiscal_years.is_empty() || meta.fiscal_years_from_periods {
        warnings.push(Warning::new(
            crate::model::WarningCode::FiscalYearsFromTable,
            format!(
                "fiscal years {sorted:?} taken from the budget table header{}",
                if meta.fiscal_years.is_empty() {
                    String::new()
                } else {
                    format!(" (block periods say {:?})", meta.fiscal_years)
                }
            ),
            span,
        ));
        meta.fiscal_years = sorted;
    } else {
        warnings.push(Warning::new(
            crate::model::WarningCode::FiscalYearsTableMismatch,
            format!(
                "the title states {:?}, the budget table header {sorted:?}; the title is kept",
                meta.fiscal_years
            ),
            span,
        ));
    }
}
