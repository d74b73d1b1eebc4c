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

/// The Parquet twins read back with the `parquet` crate: typed columns
/// (codes as strings, years and counts INT64, money DOUBLE, flags BOOLEAN)
/// and the same rows as the CSVs.
#[test]
fn parquet_tables_read_back_with_types() {
    use parquet::basic::Type as Physical;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;
    let t = tempfile::tempdir().unwrap();
    let o = ingest(&[corpus("text").to_str().unwrap(), "--out", "o"], t.path());
    assert!(o.status.success());
    for (table, expect) in [
        (
            "panel",
            vec![
                ("province_code", Physical::BYTE_ARRAY),
                ("fiscal_year", Physical::INT64),
                ("dimension", Physical::INT64),
                ("projects", Physical::INT64),
                ("budget_baht", Physical::DOUBLE),
                ("inferred", Physical::BOOLEAN),
            ],
        ),
        (
            "projects",
            vec![
                ("mission", Physical::BYTE_ARRAY),
                ("number", Physical::INT64),
                ("year", Physical::INT64),
                ("budget_baht", Physical::DOUBLE),
                ("page", Physical::INT64),
                ("subdistrict_code", Physical::BYTE_ARRAY),
            ],
        ),
        (
            "budget_rows",
            vec![
                ("number", Physical::BYTE_ARRAY),
                ("year", Physical::INT64),
                ("inferred", Physical::BOOLEAN),
            ],
        ),
        (
            "checks",
            vec![
                ("rule", Physical::BYTE_ARRAY),
                ("stated", Physical::DOUBLE),
                ("computed", Physical::DOUBLE),
                ("ok", Physical::BOOLEAN),
                ("ocr", Physical::BOOLEAN),
                ("line_start", Physical::INT64),
            ],
        ),
        (
            "warnings",
            vec![
                ("code", Physical::BYTE_ARRAY),
                ("message", Physical::BYTE_ARRAY),
                ("page", Physical::INT64),
            ],
        ),
    ] {
        let f = std::fs::File::open(t.path().join(format!("o/{table}.parquet"))).unwrap();
        let reader = SerializedFileReader::new(f).unwrap();
        let schema = reader.metadata().file_metadata().schema_descr_ptr();
        let names: Vec<String> = schema
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        for (name, ty) in &expect {
            let i = names
                .iter()
                .position(|n| n == name)
                .unwrap_or_else(|| panic!("{table}.{name}"));
            assert_eq!(schema.column(i).physical_type(), *ty, "{table}.{name}");
        }
        let csv = String::from_utf8(read(&t.path().join(format!("o/{table}.csv")))).unwrap();
        let csv_rows = csv.lines().count() - 1;
        let rows: Vec<_> = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(rows.len(), csv_rows, "{table}: parquet rows != csv rows");
        if table == "checks" || table == "warnings" {
            // One row per check / warning of every record, none lost.
            let jsonl = String::from_utf8(read(&t.path().join("o/records.jsonl"))).unwrap();
            let n: usize = jsonl
                .lines()
                .map(|l| {
                    let v: serde_json::Value = serde_json::from_str(l).unwrap();
                    v[table].as_array().map_or(0, |a| a.len())
                })
                .sum();
            assert!(n > 0, "{table}: the corpus has some");
            assert_eq!(rows.len(), n, "{table}: rows != the records' {table}");
        }
        if table == "panel" {
            // 000's panel: province code "94" as a string, budgets as doubles.
            let pc = names.iter().position(|n| n == "province_code").unwrap();
            let bb = names.iter().position(|n| n == "budget_baht").unwrap();
            let fy = names.iter().position(|n| n == "fiscal_year").unwrap();
            let r = rows
                .iter()
                .find(|r| r.get_string(pc).map(|s| s == "94").unwrap_or(false))
                .expect("a panel row of province 94");
            assert!(r.get_double(bb).unwrap() >= 0.0);
            assert!((2560..2600).contains(&r.get_long(fy).unwrap()));
        }
    }
}
