//! `thaiplan eval` on a hand-made gold + record pair (fixtures/eval):
//! every hit and miss counted by hand.

use std::path::Path;
use thaiplan::eval::{self, Category, Score};

fn data(p: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/eval")
        .join(p)
}

fn sc(correct: usize, total: usize) -> Score {
    Score { correct, total }
}

#[test]
fn eval_tiny_exact_counts() {
    let mut problems = Vec::new();
    let gold = eval::load_gold(&data("gold"), &mut problems).expect("gold dir");
    let recs = eval::load_records(&data("records.jsonl"), &mut problems).expect("records");
    // broken.json and the non-JSON record line.
    assert_eq!(problems.len(), 2, "{problems:?}");
    let res = eval::evaluate(&gold, &recs);
    assert_eq!(res.documents.len(), 2);
    assert_eq!(res.unscored, vec!["elsewhere/not_in_gold.txt".to_string()]);
    assert_eq!(
        res.gold_without_record,
        vec!["tiny_unused.json".to_string()]
    );

    // in/tiny_plan.scan.pdf is matched to tiny_plan.json through its stem.
    let plan = &res.documents[0];
    assert_eq!(plan.gold, "tiny_plan.json");
    assert_eq!(plan.scores[&Category::Metadata], sc(6, 7)); // district เมือง vs เมืองตัวอย่าง
    assert_eq!(plan.scores[&Category::TableRows], sc(8, 11)); // row 2 mission + note, extra row 3
    assert_eq!(plan.scores[&Category::BudgetCells], sc(3, 4)); // null cell read as 0
    assert_eq!(plan.scores[&Category::Totals], sc(5, 6)); // grand total projects 3 vs 2
    assert_eq!(plan.scores[&Category::BlockFields], sc(9, 11)); // target_group, objectives_count
    assert!(!plan.scores.contains_key(&Category::ReportFields)); // null report on both sides
    assert_eq!(plan.overall, sc(31, 39));
    let fields: Vec<&str> = plan.misses.iter().map(|m| m.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "organization.district",
            "budget_table.rows[2].mission",
            "budget_table.rows[2].note",
            "budget_table.rows[2].budgets[2566]",
            "budget_table.rows: extra row 3",
            "grand_total.projects",
            "projects[1].target_group",
            "projects[1].objectives_count",
        ]
    );

    // The memo gold (Thai memo keys, Thai digits, period from/to, status
    // table headers) against RECORD's report fields.
    let rep = &res.documents[1];
    assert_eq!(rep.gold, "tiny_report.json");
    assert_eq!(rep.scores[&Category::Metadata], sc(5, 5)); // "memo" = report
    assert_eq!(rep.scores[&Category::ReportFields], sc(15, 18));
    assert_eq!(rep.overall, sc(20, 23));

    assert_eq!(res.overall, sc(51, 62));
    assert_eq!(res.categories[&Category::Metadata], sc(11, 12));
}

#[test]
fn eval_tiny_cli_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("scores.json");
    let code = eval::run(&data("gold"), &data("records.jsonl"), true, Some(&out)).expect("runs");
    assert_eq!(code, 0);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
    assert_eq!(v["overall"]["correct"], 51);
    assert_eq!(v["overall"]["total"], 62);
    assert_eq!(
        v["documents"][0]["misses"][0]["field"],
        "organization.district"
    );
    assert_eq!(v["categories"]["budget_cells"]["total"], 4);
}

#[test]
fn eval_render_lists_misses() {
    let mut problems = Vec::new();
    let gold = eval::load_gold(&data("gold"), &mut problems).expect("gold dir");
    let recs = eval::load_records(&data("records.jsonl"), &mut problems).expect("records");
    let text = eval::render(&eval::evaluate(&gold, &recs), true);
    assert!(
        text.contains("in/tiny_plan.scan.pdf\tgrand_total.projects\t2\t3"),
        "{text}"
    );
    assert!(text.contains("unscored (no gold): elsewhere/not_in_gold.txt"));
    assert!(text.contains("51/62"));
}

#[test]
fn eval_inferred_cell_matches_gold_null() {
    use serde_json::json;
    let gold = json!({"fiscal_years": [2566, 2567], "summary_table": {"rows": [
        {"number": 10, "name": "มาตรการสิบ", "budgets": [null, 7]}]}});
    let mut g = std::collections::BTreeMap::new();
    g.insert("d".to_string(), ("d.json".to_string(), gold));
    // Column order differs from the gold: cells are aligned by year.
    let rec = json!({"source": {"path": "d.txt"}, "budget_table": {"years": [2567, 2566], "rows": [
        {"number": "10", "name": "มาตรการสิบ", "budgets": [7, 0], "inferred": [true, true]}]}});
    let res = eval::evaluate(&g, &[rec]);
    // 2566: inferred 0 = not read = gold null; 2567: inferred 7 = printed 7.
    assert_eq!(res.documents[0].scores[&Category::BudgetCells], sc(2, 2));
    let rec = json!({"source": {"path": "d.txt"}, "budget_table": {"years": [2567, 2566], "rows": [
        {"number": "10", "name": "มาตรการสิบ", "budgets": [7, 0]}]}});
    // Read as 0 without saying so: a miss.
    assert_eq!(
        eval::evaluate(&g, &[rec]).documents[0].scores[&Category::BudgetCells],
        sc(1, 2)
    );
}
