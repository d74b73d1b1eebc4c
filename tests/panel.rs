//! panel.csv (RECORD.md v2): one row per plan x fiscal year x dimension; on
//! plan 000 it agrees with every stated dimension total the checks confirm.
mod batch_common;
use batch_common::*;

#[test]
fn panel_agrees_with_stated_dimension_totals_on_000() {
    let t = tempfile::tempdir().unwrap();
    let inp = t.path().join("in");
    std::fs::create_dir_all(&inp).unwrap();
    std::fs::copy(corpus("text/000_c8f04830a1ea0035.txt"), inp.join("000.txt")).unwrap();
    let o = ingest(&["in", "--out", "o"], t.path());
    assert!(o.status.success());
    let rec: serde_json::Value =
        serde_json::from_slice(&read(&t.path().join("o/records.jsonl"))).unwrap();
    let csv = String::from_utf8(read(&t.path().join("o/panel.csv"))).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}')
        .split(',')
        .collect();
    let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(String::from).collect())
        .collect();
    let years = rec["budget_table"]["years"].as_array().unwrap();
    let dims = rec["budget_table"]["dimension_totals"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        years.len() * dims.len(),
        "one row per dimension x year"
    );
    let mut compared = 0;
    for d in dims {
        let dim = d["dimension"].as_u64().unwrap().to_string();
        for (j, y) in years.iter().enumerate() {
            let scope = format!("dimension {dim}, {y}");
            let year = y.to_string();
            let confirmed = rec["checks"].as_array().unwrap().iter().any(|c| {
                c["rule"] == "dimension_total" && c["scope"] == scope.as_str() && c["ok"] == true
            });
            let Some(stated) = d["budgets"][j].as_f64() else {
                continue;
            };
            let row = rows
                .iter()
                .find(|r| r[col("dimension")] == dim && r[col("fiscal_year")] == year)
                .unwrap_or_else(|| panic!("no panel row for {scope}"));
            if confirmed {
                let got: f64 = row[col("budget_baht")].parse().unwrap();
                assert_eq!(got, stated, "{scope}");
                compared += 1;
            }
            assert_eq!(row[col("province_code")], "94");
            assert_eq!(row[col("subdistrict_code")], "940503");
        }
    }
    assert!(compared >= 15, "only {compared} confirmed totals compared");
}
