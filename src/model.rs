//! The record types: the centre of the pipeline.
//!
//! `Record` is the contract of `../shared/spec/RECORD.md` (version 1) and of
//! `schemas/record.schema.json`. Every stage either produces the intermediate
//! types at the bottom of this file or fills parts of a `Record`; nothing
//! here does I/O.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod warning;
pub use warning::WarningCode;

pub const SCHEMA_VERSION: &str = "2";

/// Where a value came from: 1-based lines of the normalised text as
/// `thaiplan text FILE` prints it, plus the PDF page where there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SourceSpan {
    pub page: Option<u32>,
    pub line_start: usize,
    pub line_end: usize,
    /// Values read by OCR: the lowest word confidence (0-100) on the span's
    /// lines, set once the record is complete (`check::confidence`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_confidence: Option<u8>,
}

impl SourceSpan {
    pub fn line(line: usize, page: Option<u32>) -> Self {
        SourceSpan {
            page,
            line_start: line,
            line_end: line,
            ocr_confidence: None,
        }
    }
    pub fn lines(line_start: usize, line_end: usize, page: Option<u32>) -> Self {
        SourceSpan {
            page,
            line_start,
            line_end: line_end.max(line_start),
            ocr_confidence: None,
        }
    }
    /// The smallest span covering both.
    pub fn join(self, other: SourceSpan) -> SourceSpan {
        SourceSpan {
            page: self.page.or(other.page),
            line_start: self.line_start.min(other.line_start),
            line_end: self.line_end.max(other.line_end),
            ocr_confidence: match (self.ocr_confidence, other.ocr_confidence) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Docx,
    Text,
    /// A web page (issue 13): read by `extract::html`.
    Html,
    /// RTF, legacy Word and OpenDocument: converted to DOCX by LibreOffice.
    Rtf,
    Doc,
    Odt,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Text => "text",
            Format::Html => "html",
            Format::Rtf => "rtf",
            Format::Doc => "doc",
            Format::Odt => "odt",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Extraction {
    #[serde(rename = "text-layer")]
    TextLayer,
    #[serde(rename = "ocr")]
    Ocr,
    #[serde(rename = "docx")]
    Docx,
    #[serde(rename = "text")]
    Text,
    /// Markup interpreted (tables, blocks), not just decoded as text.
    #[serde(rename = "html")]
    Html,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub path: String,
    pub sha256: String,
    pub format: Format,
    pub pages: Option<u32>,
    pub extraction: Extraction,
    /// The LAO code a manifest gave for this file, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lao_code: Option<String>,
    /// Per-page OCR confidence (0-100) where pages were OCR'd; empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocr_pages: Vec<OcrPage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrPage {
    pub page: u32,
    pub confidence: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Plan,
    Report,
    Unknown,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Plan => "plan",
            DocKind::Report => "report",
            DocKind::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Organization {
    pub name: Option<String>,
    /// อบต, อบจ, เทศบาลตำบล, เทศบาลเมือง, เทศบาลนคร, กรุงเทพมหานคร, เมืองพัทยา
    pub kind: Option<String>,
    pub district: Option<String>,
    pub province: Option<String>,
    /// RECORD v2: official 2-digit province code (data/areas).
    #[serde(default)]
    pub province_code: Option<String>,
    /// RECORD v2: official 4-digit district code.
    #[serde(default)]
    pub district_code: Option<String>,
    /// RECORD v2: official 6-digit subdistrict code of the LAO's seat.
    #[serde(default)]
    pub subdistrict_code: Option<String>,
    /// RECORD v2: how the codes were found.
    #[serde(default)]
    pub area_match: AreaMatch,
    /// RECORD v2: candidate subdistrict codes when ambiguous, ascending.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub area_candidates: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_span: Option<SourceSpan>,
}

/// How an organisation's area codes were found (RECORD.md v2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum AreaMatch {
    /// From names the document prints.
    Stated,
    /// No province printed; exactly one area carries the LAO's place name.
    Inferred,
    /// Several areas carry it and nothing printed decides.
    Ambiguous,
    /// Nothing matched.
    #[default]
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Part,
    Dimension,
    Mission,
    Project,
    Heading,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub kind: SectionKind,
    pub code: Option<String>,
    pub title: Option<String>,
    pub source_span: SourceSpan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetRow {
    pub dimension: Option<u8>,
    pub mission: Option<String>,
    /// As printed (digits normalised), e.g. "6".
    pub number: Option<String>,
    pub name: String,
    pub budgets: Vec<Option<f64>>,
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred: Vec<bool>,
    pub source_span: SourceSpan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionTotal {
    pub dimension: Option<u8>,
    pub projects: Option<u32>,
    pub budgets: Vec<Option<f64>>,
    pub source_span: SourceSpan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GrandTotal {
    pub projects: Option<u32>,
    pub budgets: Vec<Option<f64>>,
    pub source_span: SourceSpan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct BudgetTable {
    pub years: Vec<u32>,
    pub rows: Vec<BudgetRow>,
    pub dimension_totals: Vec<DimensionTotal>,
    pub grand_total: Option<GrandTotal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Project {
    pub number: Option<u32>,
    pub dimension: Option<u8>,
    pub mission: Option<String>,
    /// โครงการ, มาตรการ, กิจกรรม
    pub kind: Option<String>,
    pub name: String,
    pub rationale: Option<String>,
    pub objectives: Vec<String>,
    pub target_group: Option<String>,
    pub area: Option<String>,
    pub method: Vec<String>,
    pub period_text: Option<String>,
    pub period_years: Vec<u32>,
    pub budget_text: Option<String>,
    pub budget_baht: Option<f64>,
    /// "ปีละ N … รวม M": M.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_total_baht: Option<f64>,
    pub responsible: Option<String>,
    pub indicators: Vec<String>,
    pub outputs: Vec<String>,
    pub outcomes: Vec<String>,
    /// Every labelled field: label as printed (without its number) -> text.
    pub fields: BTreeMap<String, Option<String>>,
    /// The labels in document order (the map above is sorted).
    #[serde(default)]
    pub field_labels: Vec<String>,
    pub source_span: SourceSpan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub rule: String,
    pub scope: String,
    pub stated: Option<f64>,
    pub computed: Option<f64>,
    /// `None` when the check is undefined (e.g. a percentage of 0/0): a
    /// warning, neither a pass nor a failure.
    pub ok: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_span: Option<SourceSpan>,
    /// True when a value involved was read by OCR (a failed check may be a
    /// misread digit rather than an error in the document).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ocr: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub code: WarningCode,
    pub message: String,
    pub source_span: Option<SourceSpan>,
}

impl Warning {
    pub fn new(code: WarningCode, message: impl Into<String>, span: Option<SourceSpan>) -> Self {
        Warning {
            code,
            message: message.into(),
            source_span: span,
        }
    }
}

/// Counts of each Thai text repair, keyed by counter name (`thai_digits`,
/// `pua_glyphs`, `sara_am`, `mark_order`, ...). A BTreeMap keeps output stable.
pub type NormalizationCounts = BTreeMap<String, u64>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Memo {
    pub department: Option<String>,
    pub reference: Option<String>,
    pub date_text: Option<String>,
    pub subject: Option<String>,
    pub addressee: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_span: Option<SourceSpan>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Measure {
    pub name: String,
    pub method_text: Option<String>,
    pub responsible: Option<String>,
    pub period_text: Option<String>,
    pub result_text: Option<String>,
    pub outcome_text: Option<String>,
    pub ita_scores: Vec<f64>,
    /// Stated changes (เพิ่มขึ้น … / ลดลง …): not scores.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ita_score_changes: Vec<f64>,
    /// The name cell as printed when `name` was taken from the same phrase
    /// written normally elsewhere in the row (letter-spaced, misspelt cells).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_as_printed: Option<String>,
    pub source_span: SourceSpan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct SummaryRow {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<u8>,
    pub projects_planned: Option<f64>,
    pub projects_done: Option<f64>,
    pub budget_plan: Option<f64>,
    pub budget_ordinance: Option<f64>,
    pub budget_spent: Option<f64>,
    pub pct_projects: Option<f64>,
    pub pct_budget: Option<f64>,
    pub source_span: SourceSpan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Status {
    pub projects_initial: Option<f64>,
    pub projects_total: Option<f64>,
    pub in_ordinance: Option<f64>,
    pub in_progress: Option<f64>,
    pub done: Option<f64>,
    pub not_possible: Option<f64>,
    pub implementation_pct: Option<f64>,
    pub implementation_level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_span: Option<SourceSpan>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Activity {
    pub number: Option<u32>,
    pub dimension: Option<u8>,
    pub mission: Option<String>,
    pub name: String,
    pub action_text: Option<String>,
    pub result_text: Option<String>,
    /// The item's number token as printed (digits normalised), e.g. "38.", "4.1.1.1.".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_printed: Option<String>,
    /// The action label as printed (การดำเนินการ, วิธีดำเนินการ).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_label: Option<String>,
    /// The result label as printed (ผลการดำเนินการ, ผลดำเนินการ, ผลการดำเนินงาน).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_label: Option<String>,
    pub source_span: SourceSpan,
}

/// A secondary per-dimension table of a report (e-PlanNACC "plan",
/// "ordinance", "disbursement" tables): used for consistency checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ReportTable {
    /// "plan", "ordinance", "disbursement".
    pub kind: String,
    pub title: Option<String>,
    /// Value columns, named as printed (parent + child header).
    pub columns: Vec<String>,
    pub rows: Vec<ReportTableRow>,
    pub total: Option<ReportTableRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ReportTableRow {
    pub dimension: Option<u8>,
    /// Aligned with `columns`; unreadable cells are null.
    pub values: Vec<Option<f64>>,
    pub source_span: SourceSpan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Report {
    pub fiscal_year: Option<u32>,
    pub period_text: Option<String>,
    pub period_months: Option<u8>,
    pub ita_score: Option<f64>,
    pub memo: Option<Memo>,
    pub measures: Vec<Measure>,
    pub dimension_summary: Vec<SummaryRow>,
    pub summary_total: Option<SummaryRow>,
    pub status: Option<Status>,
    pub activities: Vec<Activity>,
    /// The level text stated with the overall ITA score ("ระดับคะแนนผ่านดี").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ita_level_text: Option<String>,
    /// "ข้อมูล ณ วันที่ …" under the statistics tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_as_of_text: Option<String>,
    /// Header of the measures table (one name per column).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measure_columns: Vec<String>,
    /// Header of the summary table, parent + child names ("งบประมาณ ใช้จริง").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub summary_columns: Vec<String>,
    /// Tables that repeat the summary's figures per dimension.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra_tables: Vec<ReportTable>,
}

/// One document's record: one line of `records.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub schema_version: String,
    pub source: Source,
    pub doc_kind: DocKind,
    pub title: Option<String>,
    pub organization: Organization,
    pub fiscal_years: Vec<u32>,
    pub sections: Vec<Section>,
    pub budget_table: Option<BudgetTable>,
    pub projects: Vec<Project>,
    pub report: Option<Report>,
    pub checks: Vec<Check>,
    pub warnings: Vec<Warning>,
    pub normalization: NormalizationCounts,
    /// RECORD v2: the corrections file's fixes applied to this record (at
    /// output assembly, never stored in the resume state). Absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Correction>,
}

/// RECORD v2 `$defs/correction`: one applied fix. `old == new` is a
/// "verified" mark (the reviewer confirmed the extracted value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    pub pointer: String,
    pub old: serde_json::Value,
    pub new: serde_json::Value,
    pub by: Option<String>,
    pub at: Option<String>,
    pub note: Option<String>,
}

// ---------------------------------------------------------------------------
// Intermediate types between stages.
// ---------------------------------------------------------------------------

/// Per-line hints an extractor can give (DOCX bold, OCR origin).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LineHints {
    pub bold: bool,
    pub ocr: bool,
    /// OCR'd lines: the lowest word confidence on the line (0-100), which
    /// becomes `source_span.ocr_confidence` of the values read from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conf: Option<u8>,
}

/// One line as an extractor renders it, in the line format of the text
/// corpus: TAB-separated table cells, `<p>…</p>` paragraphs inside cells.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RawLine {
    pub text: String,
    pub page: Option<u32>,
    pub hints: LineHints,
}

/// Which tool produced the text: some repairs only apply to one extractor's
/// artefacts (e.g. tone marks moved after the next consonant by pdftotext).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TextOrigin {
    #[default]
    Text,
    Docx,
    PdfTextLayer,
    Ocr,
}

/// Output of `extract`: the document's lines, before normalisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawDoc {
    pub format: Format,
    pub extraction: Extraction,
    pub origin: TextOrigin,
    pub pages: Option<u32>,
    pub lines: Vec<RawLine>,
    pub ocr_pages: Vec<OcrPage>,
    /// 1-based pages without a usable text layer (no text, or mostly PUA /
    /// garbage): the PDF extractor lists them, `extract` sends them to OCR.
    pub ocr_wanted: Vec<u32>,
    /// Extractor counters that belong in `normalization` (e.g.
    /// `page_numbers`, `repeated_headers`, `markup`).
    pub counts: NormalizationCounts,
    pub warnings: Vec<Warning>,
}

impl RawDoc {
    pub fn from_lines(
        format: Format,
        extraction: Extraction,
        origin: TextOrigin,
        lines: Vec<RawLine>,
    ) -> Self {
        RawDoc {
            format,
            extraction,
            origin,
            pages: None,
            lines,
            ocr_pages: Vec::new(),
            ocr_wanted: Vec::new(),
            counts: NormalizationCounts::new(),
            warnings: Vec::new(),
        }
    }
}

/// Output of `normalize`: the same number of lines as the `RawDoc`, each
/// repaired. Line `i` (0-based) is line `i + 1` of `thaiplan text`.
#[derive(Debug, Clone, PartialEq)]
pub struct NormDoc {
    pub format: Format,
    pub extraction: Extraction,
    pub pages: Option<u32>,
    pub lines: Vec<String>,
    pub line_pages: Vec<Option<u32>>,
    pub line_hints: Vec<LineHints>,
    pub ocr_pages: Vec<OcrPage>,
    pub counts: NormalizationCounts,
    pub warnings: Vec<Warning>,
}
