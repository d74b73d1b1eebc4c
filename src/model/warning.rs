//! Warning codes: the closed list of `warnings[].code` values.
//!
//! Serialised snake_case (`WarningCode::FiscalYearClash` → `"fiscal_year_clash"`),
//! so the JSON is the same as when codes were strings; `schemas/record.schema.json`
//! lists the same values (`tests` in this module keep the two in step).
//!
//! Convention for producing warnings: a recogniser that knows where it is in
//! the document takes `warnings: &mut Vec<Warning>` and pushes
//! `Warning::new(WarningCode::X, message, span)`. A pure helper that sees only
//! a string (no line) returns `Option<(WarningCode, String)>` beside its value
//! and its caller attaches the span. A new code is one variant here plus its
//! string in the schema enum.

use serde::{Deserialize, Serialize};

macro_rules! warning_codes {
    ($($variant:ident = $code:literal,)*) => {
        /// One kind of warning (see the module doc for the convention).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum WarningCode {
            $($variant,)*
        }

        impl WarningCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [WarningCode] = &[$(WarningCode::$variant,)*];

            /// The code as it appears in JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(WarningCode::$variant => $code,)*
                }
            }
        }
    };
}

warning_codes! {
    ActivityNoAction = "activity_no_action",
    ActivityNoResult = "activity_no_result",
    AreaAmbiguous = "area_ambiguous",
    AreaRenamed = "area_renamed",
    AreaUnknown = "area_unknown",
    BlockMissingFields = "block_missing_fields",
    BlockWithoutTableRow = "block_without_table_row",
    BudgetAmbiguous = "budget_ambiguous",
    BudgetCellInferred = "budget_cell_inferred",
    BudgetCellMissing = "budget_cell_missing",
    BudgetCellUnreadable = "budget_cell_unreadable",
    BudgetTokensMismatch = "budget_tokens_mismatch",
    BudgetTotalMismatch = "budget_total_mismatch",
    BudgetTotalOnly = "budget_total_only",
    BudgetUnparsed = "budget_unparsed",
    BudgetUnreadable = "budget_unreadable",
    CheckUnverifiable = "check_unverifiable",
    ConvertedByLibreoffice = "converted_by_libreoffice",
    CorrectionUnresolved = "correction_unresolved",
    DimensionInferred = "dimension_inferred",
    DimensionOutOfRange = "dimension_out_of_range",
    DimensionTotalMissing = "dimension_total_missing",
    DocKindUnknown = "doc_kind_unknown",
    DocxTrackedChanges = "docx_tracked_changes",
    DocxTruncated = "docx_truncated",
    DuplicateGrandTotal = "duplicate_grand_total",
    DuplicateHeading = "duplicate_heading",
    DuplicateLabel = "duplicate_label",
    EmptyBlock = "empty_block",
    EmptyField = "empty_field",
    EmptyText = "empty_text",
    FiscalYearClash = "fiscal_year_clash",
    FiscalYearConflict = "fiscal_year_conflict",
    FiscalYearsFromTable = "fiscal_years_from_table",
    FiscalYearsTableMismatch = "fiscal_years_table_mismatch",
    ForeignScript = "foreign_script",
    ImplausibleYear = "implausible_year",
    KindTypo = "kind_typo",
    LegacyEncoding = "legacy_encoding",
    LostVowel = "lost_vowel",
    ManifestKindMismatch = "manifest_kind_mismatch",
    MeasureNameRespelled = "measure_name_respelled",
    MeasureOrphanRow = "measure_orphan_row",
    MemoFieldRepeated = "memo_field_repeated",
    MemoFields = "memo_fields",
    MissionAmbiguous = "mission_ambiguous",
    MissionDimensionMismatch = "mission_dimension_mismatch",
    MissionPlaced = "mission_placed",
    NoText = "no_text",
    NoTextLayer = "no_text_layer",
    NumberingAbsent = "numbering_absent",
    NumberingCodeLike = "numbering_code_like",
    NumberingDuplicate = "numbering_duplicate",
    NumberingGap = "numbering_gap",
    OcrCheckFailed = "ocr_check_failed",
    OcrDimension = "ocr_dimension",
    OcrFailed = "ocr_failed",
    OcrLowConfidence = "ocr_low_confidence",
    OcrMissionCode = "ocr_mission_code",
    OcrTimeout = "ocr_timeout",
    OcrUnavailable = "ocr_unavailable",
    OneDigitCandidate = "one_digit_candidate",
    OrdinalGap = "ordinal_gap",
    OrganizationNameVariants = "organization_name_variants",
    OrganizationPlaceConflict = "organization_place_conflict",
    PdfPageUnreadable = "pdf_page_unreadable",
    PdfRepaired = "pdf_repaired",
    PdfUnmappedGlyphs = "pdf_unmapped_glyphs",
    PeriodMonths = "period_months",
    RemarkTailMoved = "remark_tail_moved",
    ReplacementChar = "replacement_char",
    ResultSublabel = "result_sublabel",
    ResultsUnsplit = "results_unsplit",
    SchemaViolation = "schema_violation",
    StackedMissions = "stacked_missions",
    SummaryTotalRepeated = "summary_total_repeated",
    TableFlattened = "table_flattened",
    TableHeaderAssumed = "table_header_assumed",
    TableOrphanValues = "table_orphan_values",
    TableRowAmountsMismatch = "table_row_amounts_mismatch",
    TableRowWithoutBlock = "table_row_without_block",
    TableRowWithoutDimension = "table_row_without_dimension",
    TableRowsIgnored = "table_rows_ignored",
    TableTotalsMismatch = "table_totals_mismatch",
    TotalCellUnreadable = "total_cell_unreadable",
    TotalWithoutDimension = "total_without_dimension",
    UndefinedRatio = "undefined_ratio",
    UnknownPua = "unknown_pua",
    UnlabelledField = "unlabelled_field",
    UnreadableCell = "unreadable_cell",
}

impl std::fmt::Display for WarningCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for WarningCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for WarningCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::WarningCode;

    /// `as_str` (written by hand in the macro) must agree with serde's name.
    #[test]
    fn as_str_is_the_serialised_name() {
        for c in WarningCode::ALL {
            let json = serde_json::to_string(c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.as_str()));
        }
    }

    /// The schema's `warning.code` enum lists exactly the codes of this enum.
    #[test]
    fn schema_lists_every_code() {
        let schema: serde_json::Value = serde_json::from_str(crate::RECORD_SCHEMA).unwrap();
        let listed: Vec<&str> = schema["$defs"]["warning"]["properties"]["code"]["enum"]
            .as_array()
            .expect("warning.code has an enum in schemas/record.schema.json")
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        let ours: Vec<&str> = WarningCode::ALL.iter().map(|c| c.as_str()).collect();
        let mut a = listed.clone();
        a.sort_unstable();
        let mut b = ours.clone();
        b.sort_unstable();
        assert_eq!(a, b, "schema enum vs WarningCode::ALL");
    }
}
