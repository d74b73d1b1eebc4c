//! Corrections (RECORD.md v2): a person's fixes survive every re-run, re-run
//! the checks, reach the CSVs, and are never applied where they do not fit.

mod batch_common;
use batch_common::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const PLAN_000: &str = "text/000_c8f04830a1ea0035.txt";
const REPORT_002: &str = "text/002_6cb85bbd8efcfe0c.txt";
/// Row 3 of plan 000's table (โครงการส่งเสริมคุณธรรม…, dimension 1): 30,000
/// a year; dimension 1 totals 80,000 in 2566.
const CELL: &str = "/budget_table/rows/2/budgets/0";

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let inp = dir.path().join("in");
    std::fs::create_dir_all(&inp).unwrap();
    for f in [PLAN_000, REPORT_002] {
        let src = corpus(f);
        std::fs::copy(&src, inp.join(src.file_name().unwrap())).unwrap();
    }
    let out = dir.path().join("out");
    (dir, inp, out)
}

fn run(inp: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![inp.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = ingest(&args, inp);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

fn records(out: &Path) -> Vec<Value> {
    String::from_utf8(read(&out.join("records.jsonl")))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn plan(out: &Path) -> Value {
    records(out)
        .into_iter()
        .find(|r| r["source"]["path"].as_str().unwrap().contains("000_"))
        .expect("plan 000 record")
}

fn summary(out: &Path) -> Value {
    serde_json::from_slice(&read(&out.join("summary.json"))).unwrap()
}

fn write_corrections(path: &Path, lines: &[Value]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn check<'a>(rec: &'a Value, rule: &str, scope: &str) -> &'a Value {
    rec["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["rule"] == rule && c["scope"] == scope)
        .unwrap_or_else(|| panic!("no {rule} check for {scope}"))
}

#[test]
fn corrections_survive_three_reruns_and_force() {
    let (_d, inp, out) = setup();
    run(&inp, &out, &[]);
    let sha = plan(&out)["source"]["sha256"].as_str().unwrap().to_string();
    write_corrections(
        &out.join("corrections.jsonl"),
        &[
            json!({"sha256": sha, "pointer": CELL, "value": 35000, "by": "somchai",
                 "at": "2026-12-04T19:00:00Z", "note": "printed 35,000 on p. 9"}),
        ],
    );
    let mut first: Option<Vec<u8>> = None;
    for extra in [&[][..], &[], &[], &["--force"]] {
        run(&inp, &out, extra);
        let rec = plan(&out);
        assert_eq!(rec.pointer(CELL).unwrap().as_f64(), Some(35000.0));
        // Applied once per run, not once more per run.
        assert_eq!(
            rec["corrections"],
            json!([{"pointer": CELL, "old": 30000.0, "new": 35000, "by": "somchai",
                    "at": "2026-12-04T19:00:00Z", "note": "printed 35,000 on p. 9"}])
        );
        assert_eq!(rec["schema_version"], "2");
        let bytes = read(&out.join("records.jsonl"));
        match &first {
            None => first = Some(bytes),
            Some(f) => assert!(f == &bytes, "records.jsonl differs between re-runs"),
        }
        assert_eq!(summary(&out)["corrections_applied"], 1);
    }
    // The resume store keeps the record as read.
    let store = thaiplan::emit::state::StateDir::open(&out).unwrap();
    let stored = serde_json::to_value(store.get(&sha).expect("stored")).unwrap();
    assert_eq!(
        stored["record"].pointer(CELL).unwrap().as_f64(),
        Some(30000.0)
    );
    // Every record is RECORD v2 (area codes); uncorrected ones carry no
    // corrections array.
    let other = records(&out)
        .into_iter()
        .find(|r| r["source"]["sha256"] != sha.as_str())
        .unwrap();
    assert_eq!(other["schema_version"], "2");
    assert!(other.get("corrections").is_none());
}

#[test]
fn corrected_cell_reruns_checks_and_reaches_csv() {
    let (_d, inp, out) = setup();
    run(&inp, &out, &[]);
    let before = plan(&out);
    let c = check(&before, "dimension_total", "dimension 1, 2566");
    assert_eq!(
        (c["stated"].as_f64(), c["ok"].as_bool()),
        (Some(80000.0), Some(true))
    );
    let sha = before["source"]["sha256"].as_str().unwrap().to_string();
    // Kept elsewhere (e.g. under version control) with --corrections.
    let file = out.parent().unwrap().join("vc").join("fixes.jsonl");
    write_corrections(
        &file,
        &[json!({"sha256": sha, "pointer": CELL, "value": 35000})],
    );
    run(&inp, &out, &["--corrections", file.to_str().unwrap()]);
    let after = plan(&out);
    let c = check(&after, "dimension_total", "dimension 1, 2566");
    assert_eq!(c["computed"].as_f64(), Some(85000.0));
    assert_eq!(c["ok"].as_bool(), Some(false));
    // The other years are untouched.
    assert_eq!(
        check(&after, "dimension_total", "dimension 1, 2567")["ok"].as_bool(),
        Some(true)
    );
    let failed = |r: &Value| {
        r["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["ok"] == false)
            .count()
    };
    assert!(failed(&after) > failed(&before));
    // CSV: the corrected cell, year 2566 of row 3.
    let csv = String::from_utf8(read(&out.join("budget_rows.csv"))).unwrap();
    let row: Vec<&str> = csv
        .lines()
        .find(|l| l.contains(&sha) && l.contains(",2566,") && l.contains("คุณธรรม"))
        .expect("csv row")
        .split(',')
        .collect();
    assert!(row.contains(&"35000"), "{row:?}");
    // Without the file nothing is corrected: the store was never changed.
    run(&inp, &out, &[]);
    assert_eq!(plan(&out).pointer(CELL).unwrap().as_f64(), Some(30000.0));
}

#[test]
fn stale_pointers_are_warned_counted_and_never_applied_elsewhere() {
    let (_d, inp, out) = setup();
    run(&inp, &out, &[]);
    let sha = plan(&out)["source"]["sha256"].as_str().unwrap().to_string();
    write_corrections(
        &out.join("corrections.jsonl"),
        &[
            // a row the record no longer has
            json!({"sha256": sha, "pointer": "/budget_table/rows/99/budgets/0", "value": 1}),
            // a document that is gone: the same pointer exists in plan 000
            json!({"sha256": "00".repeat(32), "pointer": CELL, "value": 1}),
            // the reviewer saw 12345 there; it is 30000 now (shifted rows)
            json!({"sha256": sha, "pointer": CELL, "value": 1, "old": 12345}),
            // computed fields are not correctable
            json!({"sha256": sha, "pointer": "/checks/0/ok", "value": true}),
            // a string in a money cell
            json!({"sha256": sha, "pointer": "/budget_table/rows/3/budgets/0", "value": "abc"}),
        ],
    );
    std::fs::write(
        out.join("corrections.jsonl"),
        format!(
            "{}not a correction\n",
            String::from_utf8(read(&out.join("corrections.jsonl"))).unwrap()
        ),
    )
    .unwrap();
    let o = run(&inp, &out, &[]);
    let rec = plan(&out);
    assert_eq!(rec.pointer(CELL).unwrap().as_f64(), Some(30000.0));
    assert!(rec.get("corrections").is_none());
    let warned: Vec<&str> = rec["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "correction_unresolved")
        .map(|w| w["message"].as_str().unwrap())
        .collect();
    assert_eq!(warned.len(), 4, "{warned:?}");
    assert!(warned.iter().any(|m| m.contains("rows/99")));
    assert!(warned.iter().any(|m| m.contains("reviewer saw 12345")));
    let s = summary(&out);
    assert_eq!(s["corrections_unresolved"], 5);
    assert_eq!(s["corrections_invalid"], 1);
    assert_eq!(s["corrections_applied"], 0);
    assert!(String::from_utf8_lossy(&o.stderr).contains(&"00".repeat(32)));
}

#[test]
fn verified_mark_is_a_correction_with_the_same_value() {
    let (_d, inp, out) = setup();
    run(&inp, &out, &[]);
    let before = plan(&out);
    let sha = before["source"]["sha256"].as_str().unwrap().to_string();
    write_corrections(
        &out.join("corrections.jsonl"),
        &[
            json!({"sha256": sha, "pointer": CELL, "value": 30000, "old": 30000, "note": "verified"}),
        ],
    );
    run(&inp, &out, &[]);
    let after = plan(&out);
    assert_eq!(after["corrections"][0]["old"].as_f64(), Some(30000.0));
    assert_eq!(after["corrections"][0]["new"].as_f64(), Some(30000.0));
    assert_eq!(after["checks"], before["checks"]);
}

#[test]
fn corrected_records_validate_against_the_schema() {
    let (_d, inp, out) = setup();
    run(&inp, &out, &[]);
    let sha = plan(&out)["source"]["sha256"].as_str().unwrap().to_string();
    write_corrections(
        &out.join("corrections.jsonl"),
        &[
            json!({"sha256": sha, "pointer": CELL, "value": 35000, "by": "a", "at": "2026-12-04T19:00:00Z"}),
            json!({"sha256": sha, "pointer": "/organization/province", "value": "ปัตตานี"}),
            json!({"sha256": sha, "pointer": "/budget_table/rows/99", "value": null}),
            // Fits the type, breaks the schema: refused and reported.
            json!({"sha256": sha, "pointer": "/budget_table/rows/0/dimension", "value": 7}),
        ],
    );
    run(&inp, &out, &[]);
    let schema: Value = serde_json::from_str(thaiplan::RECORD_SCHEMA).unwrap();
    let v = jsonschema::draft202012::new(&schema).unwrap();
    for r in records(&out) {
        let errs: Vec<String> = v.iter_errors(&r).map(|e| e.to_string()).collect();
        assert!(errs.is_empty(), "{errs:?}");
    }
    let p = plan(&out);
    assert_ne!(p["budget_table"]["rows"][0]["dimension"], 7);
    let refused = p["warnings"].as_array().unwrap().iter().any(|w| {
        w["code"] == "correction_unresolved"
            && w["message"]
                .as_str()
                .unwrap_or("")
                .contains("breaks the schema")
    });
    assert!(refused, "{}", p["warnings"]);
    assert_eq!(summary(&out)["schema_violations"], 0);
}

#[test]
fn a_store_without_recheck_data_is_processed_again_when_corrected() {
    // Stores written before corrections existed lack the prose counts the
    // checks need: such a document is read again, so checks still re-run.
    let (_d, inp, out) = setup();
    run(&inp, &out, &[]);
    let sha = plan(&out)["source"]["sha256"].as_str().unwrap().to_string();
    // An old store: uncompressed `<sha>.json` without `recheck`.
    let store = thaiplan::emit::state::StateDir::open(&out).unwrap();
    let mut stored = serde_json::to_value(store.get(&sha).expect("stored")).unwrap();
    stored.as_object_mut().unwrap().remove("recheck");
    std::fs::remove_file(store.file(&sha)).unwrap();
    let state = out.join(".state").join(format!("{sha}.json"));
    std::fs::write(&state, serde_json::to_vec(&stored).unwrap()).unwrap();
    write_corrections(
        &out.join("corrections.jsonl"),
        &[json!({"sha256": sha, "pointer": CELL, "value": 35000})],
    );
    run(&inp, &out, &[]);
    let rec = plan(&out);
    assert_eq!(
        check(&rec, "dimension_total", "dimension 1, 2566")["ok"].as_bool(),
        Some(false)
    );
    assert_eq!(summary(&out)["resumed"], 1);
}
