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
    pub warnings: Vec<crate::model::Warning>,
}

impl Default for Meta {
    fn default() -> Self {
        Meta {
            doc_kind: DocKind::Unknown,
            title: None,
            organization: Organization::default(),
            fiscal_years: Vec::new(),
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

    let structure = structure::recognize(&lines, &meta);
    warnings.extend(structure.warnings);

    let (budget_table, w) = match meta.doc_kind {
        DocKind::Report => (None, Vec::new()),
        _ => budget_table::recognize_with_blocks(&lines, &meta, &structure.projects),
    };
    warnings.extend(w);

    let stated_counts = counts::stated_counts(&lines);

    let (report, projects) = if meta.doc_kind == DocKind::Report {
        let (r, w) = report::recognize(&lines, &meta);
        warnings.extend(w);
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
