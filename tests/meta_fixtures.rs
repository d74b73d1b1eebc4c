//! Issue 12 classes 4 (organisation), 5 (document kinds), 6 (years) and 9
//! (legacy font damage): every `fixtures/text/{org,kind,years,legacy}_*.txt`
//! against its `.expect.json` (a partial record: nested keys compared by the
//! keys present, arrays in full, `/json/pointer` keys, `$…` directives
//! skipped). A minimal loop until the data-driven harness of branch
//! i11-fixtures (tests/fixtures.rs) lands, which reads the same files.

use serde_json::Value;
use std::path::Path;
use thaiplan::extract::ExtractOptions;

fn same(exp: &Value, got: &Value, at: &str, out: &mut Vec<String>) {
    match (exp, got) {
        (Value::Object(e), _) => {
            for (k, v) in e {
                same(
                    v,
                    got.get(k).unwrap_or(&Value::Null),
                    &format!("{at}/{k}"),
                    out,
                );
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            if (a.as_f64().unwrap_or(f64::NAN) - b.as_f64().unwrap_or(f64::NAN)).abs() > 1e-9 {
                out.push(format!("{at}: expected {exp}, got {got}"));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same(x, y, &format!("{at}/{i}"), out);
            }
        }
        _ if exp == got => {}
        _ => out.push(format!("{at}: expected {exp}, got {got}")),
    }
}

#[test]
fn meta_fixtures_match_their_expectations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/text");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/text")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.ends_with(".txt")
                && ["org_", "kind_", "years_", "legacy_"]
                    .iter()
                    .any(|k| n.starts_with(k))
        })
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 25, "{} fixtures", inputs.len());
    let mut fails = Vec::new();
    for p in &inputs {
        let exp: Value = serde_json::from_str(
            &std::fs::read_to_string(p.with_extension("expect.json")).expect("expect file"),
        )
        .expect("expect file is JSON");
        let rec = thaiplan::pipeline::process_path(p, &ExtractOptions::default())
            .map(|r| serde_json::to_value(&r).expect("serialises"))
            .unwrap_or(Value::Null);
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let mut out = Vec::new();
        for (k, v) in exp.as_object().into_iter().flatten() {
            if k.starts_with('$') {
                continue;
            }
            if k.starts_with('/') {
                same(v, rec.pointer(k).unwrap_or(&Value::Null), k, &mut out);
            } else {
                same(
                    v,
                    rec.get(k).unwrap_or(&Value::Null),
                    &format!("/{k}"),
                    &mut out,
                );
            }
        }
        fails.extend(out.into_iter().map(|m| format!("{name}  {m}")));
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}
