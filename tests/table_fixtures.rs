//! Synthetic Part-2 tables (fixtures/text/table_*.txt), each pinning one
//! artefact of "other plans" (DOCUMENTS.md §3): "#####" cells, Thai digits
//! with decimals, one visual line per row, a lost page, a combined header.

use std::path::Path;
use thaiplan::extract::ExtractOptions;
use thaiplan::model::{BudgetTable, Check, Record};
use thaiplan::pipeline;

/// Budget cells per year, as compared in the row/total tuples below.
type Budgets = Vec<Option<f64>>;

fn record(name: &str) -> Record {
    let p = format!("{}/fixtures/text/{name}", env!("CARGO_MANIFEST_DIR"));
    pipeline::process_path(Path::new(&p), &ExtractOptions::default()).unwrap()
}

fn table(r: &Record) -> &BudgetTable {
    r.budget_table.as_ref().expect("table")
}

/// Each row as (dimension, mission, number, name), the shape the tests compare.
fn outline(t: &BudgetTable) -> Vec<(Option<u8>, Option<&str>, &str, &str)> {
    t.rows
        .iter()
        .map(|r| {
            (
                r.dimension,
                r.mission.as_deref(),
                r.number.as_deref().unwrap(),
                r.name.as_str(),
            )
        })
        .collect()
}

fn check<'a>(r: &'a Record, rule: &str, scope: &str) -> &'a Check {
    r.checks
        .iter()
        .find(|c| c.rule == rule && c.scope == scope)
        .unwrap_or_else(|| panic!("no {rule} '{scope}'"))
}

fn row<'a>(t: &'a BudgetTable, number: &str) -> &'a thaiplan::model::BudgetRow {
    t.rows
        .iter()
        .find(|r| r.number.as_deref() == Some(number))
        .unwrap()
}

#[test]
fn hash_cells_null_warned_and_recovered_from_totals() {
    let r = record("table_hash_cells.txt");
    let t = table(&r);
    assert_eq!(t.rows.len(), 20);
    // Row 3 / 2568 "#####": dimension-1 total 80,000 − 50,000 read = 30,000.
    let r3 = row(t, "3");
    assert_eq!(r3.budgets[2], Some(30000.0));
    assert_eq!(r3.inferred, vec![false, false, true, false, false]);
    // Row 14 / 2566: the dimension-3 total pins it at 20,000.
    let r14 = row(t, "14");
    assert_eq!((r14.budgets[0], r14.inferred[0]), (Some(20000.0), true));
    // Rows 3 and 4 / 2570: two unknowns for one total: stay null.
    assert_eq!((r3.budgets[4], row(t, "4").budgets[4]), (None, None));
    let unreadable = r
        .warnings
        .iter()
        .filter(|w| w.code == "budget_cell_unreadable" && w.message.contains("\"#####\""))
        .count();
    assert_eq!(unreadable, 4);
    // The dimension-4 total cell "#####" is recorded as stated: null.
    assert_eq!(t.dimension_totals[3].budgets[4], None);
    assert!(r.warnings.iter().any(|w| w.code == "total_cell_unreadable"));

    // The check of the total a value was inferred from cannot fail on it:
    // undefined; the grand total checks the inferred 30,000 independently.
    let c = check(&r, "dimension_total", "dimension 1, 2568");
    assert_eq!(
        (c.stated, c.computed, c.ok),
        (Some(80000.0), Some(80000.0), None)
    );
    let c = check(&r, "grand_total", "grand total, 2568: rows");
    assert_eq!((c.computed, c.ok), (Some(120000.0), Some(true)));
    // Two nulls, 80,000 short: undefined, not failed.
    let c = check(&r, "dimension_total", "dimension 1, 2570");
    assert_eq!((c.computed, c.ok), (Some(0.0), None));
    let c = check(&r, "dimension_total", "dimension 4, 2570");
    assert_eq!((c.stated, c.ok), (None, None));
    assert!(!r.checks.iter().any(|c| c.ok == Some(false)));
}

#[test]
fn thai_digits_with_decimals() {
    let r = record("table_thai_digits.txt");
    let t = table(&r);
    assert_eq!(t.years, vec![2566, 2567, 2568, 2569, 2570]);
    assert_eq!(row(t, "3").budgets, vec![Some(12340.5); 5]);
    assert_eq!(t.dimension_totals[0].budgets, vec![Some(62340.5); 5]);
    assert_eq!(
        t.grand_total.as_ref().unwrap().budgets,
        vec![Some(102340.5); 5]
    );
    assert_eq!(row(t, "20").number.as_deref(), Some("20"));
    assert_eq!(row(t, "12").mission.as_deref(), Some("2.3"));
    for c in r.checks.iter().filter(|c| c.rule != "detail_vs_table") {
        assert_eq!(c.ok, Some(true), "{c:?}");
    }
    assert!(r.normalization.get("thai_digits").copied().unwrap_or(0) > 100);
}

#[test]
fn one_visual_line_per_row_merges_each_column() {
    let r = record("table_one_line_per_row.txt");
    let t = table(&r);
    assert_eq!(t.years, vec![2566, 2567, 2568]);
    let got = outline(t);
    assert_eq!(
        got,
        vec![
            // wrap mid-word joined without a space; "สัม" repeated across the wrap kept once
            (
                Some(1),
                Some("1.1"),
                "1",
                "โครงการเผยแพร่ประชาสัมพันธ์ความรู้ด้านกฎหมาย"
            ),
            // column 2 started 1.2 while column 3 still wrapped project 1
            (Some(1), Some("1.2"), "2", "โครงการส่งเสริมคุณธรรม"),
            // the name continues across a page break, running title and repeated header
            (Some(2), Some("2.1"), "3", "มาตรการเปิดเผยข้อมูลสาธารณะประจำปี"),
            (Some(2), Some("2.2"), "4", "กิจกรรมประเมินความพึงพอใจ"),
        ]
    );
    assert_eq!(t.rows[0].note.as_deref(), Some("อยู่ในแผนพัฒนา"));
    assert_eq!(
        t.rows[2].budgets,
        vec![Some(20000.0), Some(0.0), Some(10000.0)]
    );
    assert_eq!(t.rows[3].budgets, vec![Some(0.0), Some(5000.0), Some(0.0)]);
    assert_eq!(
        (
            t.rows[0].source_span.line_start,
            t.rows[0].source_span.line_end
        ),
        (12, 14)
    );
    assert_eq!(t.dimension_totals.len(), 2);
    assert_eq!(
        t.grand_total.as_ref().unwrap().budgets,
        vec![Some(50000.0), Some(35000.0), Some(40000.0)]
    );
    assert!(
        r.checks.iter().all(|c| c.ok == Some(true)),
        "{:#?}",
        r.checks
    );
}

#[test]
fn missing_page_records_what_is_present() {
    let r = record("table_missing_page.txt");
    let t = table(&r);
    // Rows 11–15 and the dimension-2/3 totals were on the lost page.
    assert_eq!(t.rows.len(), 15);
    assert!(t
        .rows
        .iter()
        .all(|r| !matches!(r.number.as_deref(), Some("11" | "14"))));
    let dims: Vec<Option<u8>> = t.dimension_totals.iter().map(|d| d.dimension).collect();
    assert_eq!(dims, vec![Some(1), Some(4)]);
    // Project 10 has no printed value and no usable total (rows are missing): null.
    assert_eq!(row(t, "10").budgets, vec![None; 5]);
    assert!(row(t, "10").inferred.is_empty());
    // What is present is checked; what is lost is said.
    assert_eq!(
        check(&r, "dimension_total", "dimension 1, 2566").ok,
        Some(true)
    );
    assert_eq!(
        check(&r, "dimension_total", "dimension 4, 2570").ok,
        Some(true)
    );
    let c = check(&r, "project_count", "plan: grand total row vs table rows");
    assert_eq!(
        (c.stated, c.computed, c.ok),
        (Some(20.0), Some(15.0), Some(false))
    );
    let c = check(&r, "grand_total", "grand total, 2566: rows");
    assert_eq!(
        (c.stated, c.computed, c.ok),
        (Some(120000.0), Some(100000.0), None)
    );
    assert!(!r
        .checks
        .iter()
        .any(|c| c.scope.contains("dimension totals") || c.scope.contains("Σ total rows")));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.code == "dimension_total_missing" && w.message.contains("dimension 2")));
}

#[test]
fn combined_header_dot_numbers_restarting() {
    let r = record("table_combined_header.txt");
    let t = table(&r);
    assert_eq!(t.years, vec![2565, 2566, 2567]);
    let got = outline(t);
    assert_eq!(
        got,
        vec![
            (Some(1), Some("1.1"), "1", "โครงการอบรมคุณธรรม"),
            (Some(1), Some("1.1"), "2", "กิจกรรมให้ความรู้"),
            (Some(1), Some("1.2"), "1", "โครงการเยาวชนต้านทุจริต"),
            (Some(2), Some("2.1"), "1", "มาตรการแสดงเจตจำนงสุจริต"),
        ]
    );
    assert_eq!(
        t.rows[2].budgets,
        vec![Some(5000.5), Some(0.0), Some(5000.5)]
    );
    assert_eq!(t.rows[2].note.as_deref(), Some("ข้อบัญญัติ"));
    let dt: Vec<(Option<u8>, Option<u32>)> = t
        .dimension_totals
        .iter()
        .map(|d| (d.dimension, d.projects))
        .collect();
    assert_eq!(dt, vec![(Some(1), Some(3)), (Some(2), Some(1))]);
    assert_eq!(t.grand_total.as_ref().unwrap().projects, Some(4));
    assert!(r.checks.iter().all(|c| c.ok == Some(true)));
}

#[test]
fn years_on_the_second_header_row_and_unnumbered_project() {
    let r = record("table_years_second_header_row.txt");
    let t = table(&r);
    assert_eq!(t.years, vec![2566, 2567, 2568]);
    let got: Vec<(Option<&str>, &str, Budgets)> = t
        .rows
        .iter()
        .map(|r| (r.number.as_deref(), r.name.as_str(), r.budgets.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("1"), "โครงการอบรมจริยธรรม", vec![Some(15000.0); 3]),
            (None, "กิจกรรมวันต่อต้านคอร์รัปชัน", vec![Some(5000.0); 3]),
            (Some("2"), "มาตรการเผยแพร่ข้อมูล", vec![Some(0.0); 3]),
        ]
    );
    // The repeated two-row header after the page break is skipped, not read as rows.
    assert_eq!(t.dimension_totals.len(), 2);
    assert_eq!(t.grand_total.as_ref().unwrap().projects, Some(3));
    assert!(r.checks.iter().all(|c| c.ok == Some(true)));
}

#[test]
fn mission_subtotals_each_check_their_own_rows() {
    let r = record("table_mission_subtotals.txt");
    let t = table(&r);
    // After a รวม closes the dimension, the mission code (1.2) names it.
    let dims: Vec<Option<u8>> = t.rows.iter().map(|r| r.dimension).collect();
    assert_eq!(dims, vec![Some(1), Some(1), Some(1), Some(2)]);
    // "#####" of project 2 / 2567 pinned by its own sub-total (15,000 − 10,000).
    assert_eq!(
        (t.rows[1].budgets[1], t.rows[1].inferred.clone()),
        (Some(5000.0), vec![false, true])
    );
    let c = check(&r, "dimension_total", "dimension 1 (L8), 2566");
    assert_eq!(
        (c.stated, c.computed, c.ok),
        (Some(20000.0), Some(20000.0), Some(true))
    );
    // A real disagreement is recorded, not fixed: 2,000 stated, 1,000 in the rows.
    let c = check(&r, "dimension_total", "dimension 2, 2567");
    assert_eq!(
        (c.stated, c.computed, c.ok),
        (Some(2000.0), Some(1000.0), Some(false))
    );
    let c = check(&r, "grand_total", "grand total, 2567: rows");
    assert_eq!(
        (c.stated, c.computed, c.ok),
        (Some(17000.0), Some(16000.0), Some(false))
    );
    assert_eq!(
        check(
            &r,
            "project_count",
            "dimension 1: total row L6 vs table rows"
        )
        .ok,
        Some(true)
    );
    assert_eq!(
        t.dimension_totals[1].budgets,
        vec![Some(20000.0), Some(0.0)]
    );
}

/// 000's table as the PDF text layer renders it: a page's rows merged into
/// one physical row (its รวม row included), a repeated header glued onto
/// the next data row, digits split by a space ("120,00 0บาท").
#[test]
fn pdf_merged_rows_glued_header_split_digits() {
    let r = record("table_pdf_merged_rows.txt");
    let t = table(&r);
    let text = record_000_text();
    let tt = table(&text);
    assert_eq!(t.rows.len(), 20);
    for (a, b) in t.rows.iter().zip(&tt.rows) {
        assert_eq!(
            (a.number.as_deref(), &a.budgets, a.dimension),
            (b.number.as_deref(), &b.budgets, b.dimension)
        );
    }
    let dt: Vec<(Option<u8>, Option<u32>, Budgets)> = t
        .dimension_totals
        .iter()
        .map(|d| (d.dimension, d.projects, d.budgets.clone()))
        .collect();
    let dtt: Vec<(Option<u8>, Option<u32>, Budgets)> = tt
        .dimension_totals
        .iter()
        .map(|d| (d.dimension, d.projects, d.budgets.clone()))
        .collect();
    assert_eq!(dt, dtt);
    assert_eq!(
        t.grand_total.as_ref().unwrap().budgets,
        vec![Some(120000.0); 5]
    );
    // Missions 1.1 and 1.2 share one merged cell (and no Part 3 follows):
    // the order of codes and projects places the first under 1.1 and the
    // last under 1.2; projects 2 and 3 stay open.
    let m: Vec<Option<&str>> = t.rows[..4].iter().map(|r| r.mission.as_deref()).collect();
    assert_eq!(m, vec![Some("1.1"), None, None, Some("1.2")]);
    assert!(r.warnings.iter().any(|w| w.code == "mission_ambiguous"));
    // Projects 11)–13) sat behind a glued header; 12) and 13) printed no value.
    assert_eq!(t.rows[10].mission.as_deref(), Some("2.3"));
    assert_eq!(t.rows[11].inferred, vec![true; 5]);
    assert!(r
        .checks
        .iter()
        .filter(|c| c.rule != "detail_vs_table")
        .all(|c| c.ok == Some(true)));
}

fn record_000_text() -> Record {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/text/000_c8f04830a1ea0035.txt"
    );
    pipeline::process_path(Path::new(p), &ExtractOptions::default()).unwrap()
}

/// A "ที่" number column, dimension and mission as section rows, a
/// five-year-total column and a named column after the years (neither is
/// read as a note or a budget), "5,000.-" cells.
#[test]
fn number_column_and_section_rows() {
    let r = record("table_number_column_section_rows.txt");
    let t = table(&r);
    assert_eq!(t.years, vec![2566, 2567, 2568]);
    // (dimension, mission, number, budgets, note) per row.
    type Row<'a> = (
        Option<u8>,
        Option<&'a str>,
        Option<&'a str>,
        Budgets,
        Option<&'a str>,
    );
    let got: Vec<Row> = t
        .rows
        .iter()
        .map(|r| {
            (
                r.dimension,
                r.mission.as_deref(),
                r.number.as_deref(),
                r.budgets.clone(),
                r.note.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Some(1),
                Some("1.1"),
                Some("1"),
                vec![Some(10000.0); 3],
                None
            ),
            (Some(1), Some("1.1"), Some("2"), vec![Some(0.0); 3], None),
            (
                Some(2),
                Some("2.1"),
                Some("1"),
                vec![Some(5000.0), Some(5000.0), Some(0.0)],
                None
            ),
        ]
    );
    assert_eq!(t.rows[2].name, "มาตรการเผยแพร่ข้อมูลข่าวสาร");
    assert!(t.dimension_totals.is_empty());
    assert_eq!(
        t.grand_total.as_ref().unwrap().budgets,
        vec![Some(15000.0), Some(15000.0), Some(10000.0)]
    );
    assert!(r.checks.iter().all(|c| c.ok == Some(true)));
    assert!(!r
        .warnings
        .iter()
        .any(|w| w.code.as_str().starts_with("budget_") || w.code.as_str().starts_with("table_")));
}

/// A per-dimension summary (มิติ | จำนวนโครงการ | ปี …) printed before the
/// project table is not the project table: its counts are not projects.
#[test]
fn summary_table_before_the_project_table_is_skipped() {
    let r = record("table_after_summary_table.txt");
    let t = table(&r);
    let names: Vec<&str> = t.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["โครงการอบรมคุณธรรม", "กิจกรรมเชิดชูความดี", "มาตรการเปิดเผยข้อมูล"]
    );
    assert_eq!(t.rows[0].source_span.line_start, 11);
    assert_eq!(t.grand_total.as_ref().unwrap().projects, Some(3));
    assert!(r.checks.iter().all(|c| c.ok == Some(true)));
}
