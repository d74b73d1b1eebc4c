//! Stage 3: structure from normalised lines (docs/grammar.md §1–§5).
//!
//! Each sub-recogniser reads [`Lines`] and returns its own typed result;
//! none of them reads another's output except through [`Meta`], which is
//! computed first (doc kind, organisation and years decide how the rest is
//! read).

pub mod budget_table;
pub mod counts;
pub mod grammar;
pub mod join;
pub mod lines;
pub mod meta;
pub mod report;
pub mod structure;
pub mod vocab;

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
/// input to the `project_count` check.
#[derive(Debug, Clone, PartialEq)]
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
    let lines = Lines::new(doc);
    let mut meta = meta::recognize(&lines);
    let mut warnings = meta.warnings.clone();

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

    let stated_counts = counts::stated_counts(&lines);

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
        (None, structure.projects)
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
