//! Data-driven fixtures: every `fixtures/<area>/**/<name>.<ext>` goes through
//! the pipeline `thaiplan ingest` runs (`pipeline::process_path`) and is
//! compared with `<name>.expect.json` beside it, a partial record pinning
//! only what the fixture is about. The format is in `fixtures/README.md`.
//!
//! A failure lists every mismatch of every fixture of the area as
//! `file  pointer  expected … got …`. `THAIPLAN_BLESS=1 cargo test --release
//! --test fixtures` rewrites the expect files from the current output,
//! keeping only the keys and pointers already pinned (review with git diff).

use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};
use thaiplan::extract::{ocr, ExtractOptions};
use thaiplan::pipeline;

/// Every directory under `fixtures/` is one of these; a new directory must be
/// added here (and gets its own test below) so nothing is silently skipped.
const AREAS: &[&str] = &[
    "corpus", "docx", "eval", "hostile", "pdf", "report", "scan", "text",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn bless() -> bool {
    std::env::var_os("THAIPLAN_BLESS").is_some_and(|v| v != "0")
}

/// Inputs are every file except expect files, gold/eval data (JSON, JSONL)
/// and documentation.
fn is_input(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
    !(name.starts_with("README") || name.starts_with('.') || matches!(ext, "json" | "jsonl" | "md"))
}

fn inputs_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            inputs_under(&p, out);
        } else if p.is_file() && is_input(&p) {
            out.push(p);
        }
    }
}

fn expect_path(input: &Path) -> PathBuf {
    let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    input.with_file_name(format!("{stem}.expect.json"))
}

/// What one fixture produced: its record as JSON, or its error kind; and
/// the normalised lines (`thaiplan text`) when the expect file pins them.
struct Outcome {
    record: Option<Value>,
    error: Option<String>,
    error_message: String,
    text: Option<Vec<String>>,
}

fn run(input: &Path, want_text: bool) -> Outcome {
    let opts = ExtractOptions::default();
    let (record, error, error_message) = match pipeline::process_path(input, &opts) {
        Ok(r) => (
            Some(serde_json::to_value(&r).expect("record serialises")),
            None,
            String::new(),
        ),
        Err(e) => (None, Some(e.kind.as_str().to_string()), e.message.clone()),
    };
    let text = want_text.then(|| {
        pipeline::read_input(input)
            .ok()
            .and_then(|b| pipeline::normalized_text(input, &b, &opts).ok())
            .map(|d| d.lines)
            .unwrap_or_default()
    });
    Outcome {
        record,
        error,
        error_message,
        text,
    }
}

// ---------------------------------------------------------------- compare

fn escape(k: &str) -> String {
    k.replace('~', "~0").replace('/', "~1")
}

fn show(v: Option<&Value>) -> String {
    match v {
        None => "(absent)".into(),
        Some(v) => serde_json::to_string(v).unwrap_or_default(),
    }
}

fn same_scalar(e: &Value, g: Option<&Value>) -> bool {
    match (e, g) {
        (Value::Null, None | Some(Value::Null)) => true,
        (Value::Number(a), Some(Value::Number(b))) => {
            let (a, b) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            (a - b).abs() <= 1e-9 * a.abs().max(1.0)
        }
        (e, Some(g)) => e == g,
        _ => false,
    }
}

/// Partial comparison: objects by the keys present in `exp`, arrays element
/// by element with the length pinned, scalars by value (numbers as f64;
/// `null` also matches an absent key).
fn compare(exp: &Value, got: Option<&Value>, ptr: &str, out: &mut Vec<String>) {
    match exp {
        Value::Object(m) => {
            let Some(Value::Object(g)) = got else {
                out.push(format!("{ptr}: expected an object, got {}", show(got)));
                return;
            };
            for (k, v) in m {
                compare(v, g.get(k), &format!("{ptr}/{}", escape(k)), out);
            }
        }
        Value::Array(a) => {
            let Some(Value::Array(g)) = got else {
                out.push(format!("{ptr}: expected an array, got {}", show(got)));
                return;
            };
            if a.len() != g.len() {
                out.push(format!(
                    "{ptr}: expected {} elements, got {}",
                    a.len(),
                    g.len()
                ));
            }
            for (i, v) in a.iter().enumerate() {
                compare(v, g.get(i), &format!("{ptr}/{i}"), out);
            }
        }
        e => {
            if !same_scalar(e, got) {
                out.push(format!(
                    "{ptr}: expected {}, got {}",
                    show(Some(e)),
                    show(got)
                ));
            }
        }
    }
}

/// The current output cut to the shape of `exp` (what blessing writes):
/// the same keys, arrays at their current length (new elements take the
/// shape of the last pinned one).
fn project(exp: &Value, got: Option<&Value>) -> Value {
    match (exp, got) {
        (Value::Object(m), Some(Value::Object(g))) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), project(v, g.get(k))))
                .collect(),
        ),
        (Value::Array(a), Some(Value::Array(g))) if !a.is_empty() => Value::Array(
            g.iter()
                .enumerate()
                .map(|(i, gv)| project(a.get(i).unwrap_or(&a[a.len() - 1]), Some(gv)))
                .collect(),
        ),
        (_, Some(g)) => g.clone(),
        (_, None) => Value::Null,
    }
}

// ------------------------------------------------------------ directives

fn codes(rec: &Value) -> Vec<(String, String, Option<u64>)> {
    rec["warnings"]
        .as_array()
        .map(|ws| {
            ws.iter()
                .map(|w| {
                    (
                        w["code"].as_str().unwrap_or("").to_string(),
                        w["message"].as_str().unwrap_or("").to_string(),
                        w["source_span"]["line_start"].as_u64(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// `"code"`, or `{"code": …, "message_contains": …}`.
fn warning_matches(spec: &Value, code: &str, message: &str, line: Option<u64>) -> bool {
    match spec {
        Value::String(s) => match s.strip_suffix('*') {
            Some(prefix) => code.starts_with(prefix),
            None => code == s,
        },
        Value::Object(o) => {
            o.get("code").and_then(Value::as_str) == Some(code)
                && match o.get("message_contains") {
                    None => true,
                    Some(Value::String(m)) => message.contains(m.as_str()),
                    Some(Value::Array(ms)) => ms
                        .iter()
                        .all(|m| m.as_str().is_some_and(|m| message.contains(m))),
                    Some(_) => false,
                }
                && o.get("line_start")
                    .is_none_or(|l| l.as_u64().is_some() && l.as_u64() == line)
        }
        _ => false,
    }
}

fn check_key(c: &Value) -> String {
    format!(
        "{}: {}",
        c["rule"].as_str().unwrap_or(""),
        c["scope"].as_str().unwrap_or("")
    )
}

fn checks(rec: &Value) -> Vec<&Value> {
    rec["checks"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

/// "rule: scope" of every check whose `ok` is `want` (false or null).
fn checks_with(rec: &Value, want: &Value) -> Vec<String> {
    let mut v: Vec<String> = checks(rec)
        .into_iter()
        .filter(|c| c.get("ok").unwrap_or(&Value::Null) == want)
        .map(check_key)
        .collect();
    v.sort();
    v
}

const DIRECTIVES: &[&str] = &[
    "$error",
    "$error_message_contains",
    "$text",
    "$warnings_include",
    "$warnings_exclude",
    "$warning_counts",
    "$checks",
    "$check_counts",
    "$checks_failed",
    "$checks_undefined",
    "$comment",
];

/// Compare one fixture; returns the mismatches and the blessed expectation.
fn judge(expect: &Map<String, Value>, o: &Outcome) -> (Vec<String>, Map<String, Value>) {
    let mut bad = Vec::new();
    let mut blessed = Map::new();
    for k in expect.keys().filter(|k| k.starts_with('$')) {
        if !DIRECTIVES.contains(&k.as_str()) {
            bad.push(format!("{k}: unknown directive (known: {DIRECTIVES:?})"));
        }
    }
    if let Some(c) = expect.get("$comment") {
        blessed.insert("$comment".into(), c.clone());
    }
    if let Some(e) = expect.get("$error") {
        let got = o.error.as_ref().map(|k| json!(k));
        if !same_scalar(e, got.as_ref()) {
            bad.push(format!(
                "$error: expected {}, got {}",
                show(Some(e)),
                match &o.error {
                    Some(_) => show(got.as_ref()),
                    None => "a record".into(),
                }
            ));
        }
        blessed.insert("$error".into(), got.unwrap_or(Value::Null));
    }
    if let Some(m) = expect.get("$error_message_contains") {
        let want = m.as_str().unwrap_or("");
        if !o.error_message.contains(want) {
            bad.push(format!(
                "$error_message_contains: {want:?} not in {:?}",
                o.error_message
            ));
        }
        blessed.insert("$error_message_contains".into(), m.clone());
    }
    if let Some(t) = expect.get("$text") {
        let got = json!(o.text.clone().unwrap_or_default());
        compare(t, Some(&got), "$text", &mut bad);
        blessed.insert("$text".into(), got);
    }
    let Some(rec) = &o.record else {
        if !expect.contains_key("$error") {
            bad.push(format!(
                "no record: the pipeline gave the error {:?} (pin it with \"$error\")",
                o.error
            ));
        }
        for k in expect.keys().filter(|k| !k.starts_with('$')) {
            bad.push(format!("{k}: no record to compare"));
        }
        return (bad, blessed);
    };
    let ws = codes(rec);
    if let Some(Value::Array(inc)) = expect.get("$warnings_include") {
        let mut keep = Vec::new();
        for spec in inc {
            if ws.iter().any(|(c, m, l)| warning_matches(spec, c, m, *l)) {
                keep.push(spec.clone());
            } else {
                bad.push(format!(
                    "$warnings_include: no warning {} (codes: {:?})",
                    show(Some(spec)),
                    ws.iter().map(|(c, _, _)| c.as_str()).collect::<Vec<_>>()
                ));
            }
        }
        blessed.insert("$warnings_include".into(), Value::Array(keep));
    }
    if let Some(Value::Array(exc)) = expect.get("$warnings_exclude") {
        for spec in exc {
            for (c, m, _) in ws
                .iter()
                .filter(|(c, m, l)| warning_matches(spec, c, m, *l))
            {
                bad.push(format!(
                    "$warnings_exclude: {} present: {c}: {m}",
                    show(Some(spec))
                ));
            }
        }
        blessed.insert("$warnings_exclude".into(), Value::Array(exc.clone()));
    }
    if let Some(Value::Object(counts)) = expect.get("$warning_counts") {
        let mut now = Map::new();
        for (code, n) in counts {
            let got = ws.iter().filter(|(c, _, _)| c == code).count();
            if !same_scalar(n, Some(&json!(got))) {
                bad.push(format!("$warning_counts/{code}: expected {n}, got {got}"));
            }
            now.insert(code.clone(), json!(got));
        }
        blessed.insert("$warning_counts".into(), Value::Object(now));
    }
    if let Some(Value::Object(cs)) = expect.get("$checks") {
        let mut now = Map::new();
        for (key, partial) in cs {
            let found = checks(rec).into_iter().find(|c| &check_key(c) == key);
            let ptr = format!("$checks/{key}");
            match (partial, found) {
                (Value::Null, None) => {}
                (Value::Null, Some(c)) => {
                    bad.push(format!("{ptr}: expected no such check, got {c}"))
                }
                (_, None) => bad.push(format!("{ptr}: no such check")),
                (p, Some(c)) => compare(p, Some(c), &ptr, &mut bad),
            }
            now.insert(key.clone(), project(partial, found));
        }
        blessed.insert("$checks".into(), Value::Object(now));
    }
    if let Some(Value::Object(counts)) = expect.get("$check_counts") {
        let mut now = Map::new();
        for (rule, n) in counts {
            let got = checks(rec).iter().filter(|c| c["rule"] == **rule).count();
            if !same_scalar(n, Some(&json!(got))) {
                bad.push(format!("$check_counts/{rule}: expected {n}, got {got}"));
            }
            now.insert(rule.clone(), json!(got));
        }
        blessed.insert("$check_counts".into(), Value::Object(now));
    }
    for (key, want) in [
        ("$checks_failed", json!(false)),
        ("$checks_undefined", Value::Null),
    ] {
        if let Some(e) = expect.get(key) {
            let got = json!(checks_with(rec, &want));
            compare(e, Some(&got), key, &mut bad);
            blessed.insert(key.into(), got);
        }
    }
    for (k, v) in expect.iter().filter(|(k, _)| !k.starts_with('$')) {
        if k.starts_with('/') {
            let got = rec.pointer(k);
            compare(v, got, k, &mut bad);
            blessed.insert(k.clone(), project(v, got));
        } else {
            let got = rec.get(k);
            compare(v, got, &format!("/{}", escape(k)), &mut bad);
            blessed.insert(k.clone(), project(v, got));
        }
    }
    (bad, blessed)
}

/// Run every fixture of `area`; one failure message for all mismatches.
fn run_area(area: &str) {
    let dir = root().join(area);
    let mut inputs = Vec::new();
    inputs_under(&dir, &mut inputs);
    if area == "scan" {
        if let Err(why) = ocr::availability() {
            eprintln!("SKIPPED: scan fixtures need tesseract + Thai ({why}); run scripts/setup.sh");
            return;
        }
    }
    let mut report = Vec::new();
    // Two inputs differing only in extension would share one expect file.
    for w in inputs.windows(2) {
        if w[0].parent() == w[1].parent() && w[0].file_stem() == w[1].file_stem() {
            report.push(format!(
                "{} and {}: one expect file for two inputs; rename one",
                w[0].display(),
                w[1].display()
            ));
        }
    }
    for input in &inputs {
        let rel = input
            .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")))
            .unwrap_or(input)
            .display()
            .to_string();
        let ep = expect_path(input);
        let Ok(text) = std::fs::read_to_string(&ep) else {
            report.push(format!(
                "{rel}: no expect file {} (every fixture pins something; see fixtures/README.md)",
                ep.display()
            ));
            continue;
        };
        let expect: Map<String, Value> = match serde_json::from_str(&text) {
            Ok(Value::Object(m)) => m,
            Ok(_) => {
                report.push(format!("{}: not a JSON object", ep.display()));
                continue;
            }
            Err(e) => {
                report.push(format!("{}: bad JSON: {e}", ep.display()));
                continue;
            }
        };
        let o = run(input, expect.contains_key("$text"));
        let (bad, blessed) = judge(&expect, &o);
        // A misspelt directive pins nothing: blessing must not hide it.
        if let Some(b) = bad
            .iter()
            .find(|b| bless() && b.contains("unknown directive"))
        {
            report.push(format!("{rel}  {b}"));
        }
        if bless() {
            let mut s = serde_json::to_string_pretty(&Value::Object(blessed)).expect("json");
            s.push('\n');
            if s != text {
                std::fs::write(&ep, s).expect("write expect file");
                eprintln!("blessed {}", ep.display());
            }
        } else {
            for b in bad {
                report.push(format!("{rel}  {b}"));
            }
        }
    }
    // Expect files whose input is gone would pin nothing.
    let mut orphans = Vec::new();
    expect_files_under(&dir, &mut orphans);
    for e in orphans {
        let stem = e
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".expect.json"))
            .unwrap_or("");
        if !inputs.iter().any(|i| {
            i.parent() == e.parent() && i.file_stem().and_then(|s| s.to_str()) == Some(stem)
        }) {
            report.push(format!("{}: expect file without an input", e.display()));
        }
    }
    assert!(
        report.is_empty(),
        "{} mismatch(es) in fixtures/{area} (THAIPLAN_BLESS=1 rewrites the expect files):\n{}",
        report.len(),
        report.join("\n")
    );
}

fn expect_files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for p in rd.filter_map(|e| e.ok().map(|e| e.path())) {
        if p.is_dir() {
            expect_files_under(&p, out);
        } else if p.to_string_lossy().ends_with(".expect.json") {
            out.push(p);
        }
    }
}

#[test]
fn every_fixture_directory_is_an_area() {
    let mut dirs: Vec<String> = std::fs::read_dir(root())
        .expect("fixtures/")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    assert_eq!(dirs, AREAS, "add the new area to AREAS and give it a test");
}

#[test]
fn corpus() {
    run_area("corpus");
}
#[test]
fn docx() {
    run_area("docx");
}
/// Gold and record files for `thaiplan eval` (tests/eval_tiny.rs): no inputs.
#[test]
fn eval() {
    run_area("eval");
}
#[test]
fn hostile() {
    run_area("hostile");
}
#[test]
fn pdf() {
    run_area("pdf");
}
#[test]
fn report() {
    run_area("report");
}
#[test]
fn scan() {
    run_area("scan");
}
#[test]
fn text() {
    run_area("text");
}

/// The comparison itself: partial objects, pinned array lengths, numbers as
/// f64, null for absent, and blessing keeps the pinned shape only.
#[test]
fn harness_compares_partially_and_blesses_narrowly() {
    let got = json!({"a": 1.0, "b": [{"x": 1, "y": 2}, {"x": 3, "y": 4}], "c": null});
    let mut bad = Vec::new();
    compare(
        &json!({"a": 1, "b": [{"x": 1}, {"x": 3}], "c": null, "d": null}),
        Some(&got),
        "",
        &mut bad,
    );
    assert!(bad.is_empty(), "{bad:?}");
    compare(&json!({"a": 2, "b": [{"x": 1}]}), Some(&got), "", &mut bad);
    assert_eq!(
        bad,
        vec!["/a: expected 2, got 1.0", "/b: expected 1 elements, got 2"]
    );
    let blessed = project(&json!({"b": [{"x": 0}]}), Some(&got));
    assert_eq!(blessed, json!({"b": [{"x": 1}, {"x": 3}]}));
    let exp: Map<String, Value> = serde_json::from_value(json!({
        "/b/1/y": 5, "$warnings_include": ["w"], "$checks_failed": []
    }))
    .unwrap();
    let o = Outcome {
        record: Some(
            json!({"b": got["b"], "warnings": [{"code": "w", "message": "m"}],
            "checks": [{"rule": "r", "scope": "s", "ok": false}]}),
        ),
        error: None,
        error_message: String::new(),
        text: None,
    };
    let (bad, blessed) = judge(&exp, &o);
    assert_eq!(
        bad,
        vec![
            "$checks_failed: expected 0 elements, got 1",
            "/b/1/y: expected 5, got 4"
        ]
    );
    assert_eq!(blessed["/b/1/y"], json!(4));
    assert_eq!(blessed["$checks_failed"], json!(["r: s"]));
}
