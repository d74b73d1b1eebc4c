//! Input formats and damaged files (issue 13), data-driven: every
//! `fixtures/formats/NAME.expect.json` is checked against the input
//! `fixtures/formats/NAME.*` run through the pipeline.
//!
//! An expect file is a partial record: the keys present must match (objects
//! recursively, other values exactly), plus
//! - `$error`: the document must fail with this error kind;
//! - `$len`: {"dotted.path": n} array lengths;
//! - `$warnings_include` / `$warnings_exclude`: warning codes;
//! - `$requires`: "soffice" skips the file when LibreOffice is missing.
//!
//! Kept simple on purpose: the shared fixture harness (branch i11-fixtures)
//! can replace it.

use serde_json::Value;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/formats")
}

fn input_for(expect: &Path) -> PathBuf {
    let name = expect.file_name().unwrap().to_string_lossy().to_string();
    let stem = name.trim_end_matches(".expect.json");
    let mut found: Vec<PathBuf> = std::fs::read_dir(expect.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().to_string();
            !n.ends_with(".expect.json") && n.rsplit_once('.').map(|(s, _)| s) == Some(stem)
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{stem}: exactly one input expected: {found:?}"
    );
    found.pop().unwrap()
}

fn at<'a>(v: &'a Value, dotted: &str) -> &'a Value {
    dotted.split('.').fold(v, |v, k| &v[k])
}

/// Every key of `want` matches in `got`; returns the mismatches.
fn partial(want: &Value, got: &Value, path: &str, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                if k.starts_with('$') {
                    continue;
                }
                partial(
                    wv,
                    g.get(k).unwrap_or(&Value::Null),
                    &format!("{path}.{k}"),
                    out,
                );
            }
        }
        _ if want == got => {}
        _ => out.push(format!("{path}: want {want}, got {got}")),
    }
}

#[test]
fn format_fixtures_match_their_expect_files() {
    let have_soffice = thaiplan::extract::convert::soffice_bin().is_some();
    let mut expects: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".expect.json"))
        .collect();
    expects.sort();
    assert!(expects.len() >= 15, "fixtures missing: {expects:?}");
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in &expects {
        let want: Value = serde_json::from_slice(&std::fs::read(e).unwrap()).unwrap();
        if want["$requires"] == "soffice" && !have_soffice {
            eprintln!("skipped (no LibreOffice): {}", e.display());
            continue;
        }
        let input = input_for(e);
        let name = input.file_name().unwrap().to_string_lossy().to_string();
        let opts = thaiplan::extract::ExtractOptions {
            timeout_secs: 120,
            ..Default::default()
        };
        let got = thaiplan::pipeline::process_path(&input, &opts);
        checked += 1;
        match (&want["$error"], got) {
            (Value::String(kind), Err(err)) => {
                if err.kind.as_str() != kind {
                    failures.push(format!("{name}: error kind {} (want {kind})", err.kind));
                }
            }
            (Value::String(kind), Ok(_)) => {
                failures.push(format!("{name}: a record, want error {kind}"))
            }
            (_, Err(err)) => failures.push(format!("{name}: error {}: {}", err.kind, err.message)),
            (_, Ok(rec)) => {
                let rec = serde_json::to_value(&rec).unwrap();
                let mut out = Vec::new();
                partial(&want, &rec, "", &mut out);
                if let Some(lens) = want["$len"].as_object() {
                    for (k, n) in lens {
                        let len = at(&rec, k).as_array().map(|a| a.len());
                        if len != n.as_u64().map(|n| n as usize) {
                            out.push(format!("len({k}) = {len:?}, want {n}"));
                        }
                    }
                }
                let codes: Vec<&str> = rec["warnings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|w| w["code"].as_str())
                    .collect();
                for c in want["$warnings_include"].as_array().into_iter().flatten() {
                    if !codes.contains(&c.as_str().unwrap()) {
                        out.push(format!("warning {c} missing (have {codes:?})"));
                    }
                }
                for c in want["$warnings_exclude"].as_array().into_iter().flatten() {
                    if codes.contains(&c.as_str().unwrap()) {
                        out.push(format!("warning {c} present"));
                    }
                }
                failures.extend(out.into_iter().map(|m| format!("{name}: {m}")));
            }
        }
    }
    assert!(checked >= 12, "only {checked} fixtures checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Without LibreOffice, RTF/ODT/.doc are an error line naming the fix;
/// never a text record of RTF control words.
#[test]
fn without_libreoffice_converted_formats_name_the_fix() {
    let t = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_thaiplan"))
        .args(["ingest", "-q", "--out"])
        .arg(t.path().join("o"))
        .arg(dir().join("plan_excerpt_rtf.rtf"))
        .arg(dir().join("plan_excerpt_odt.odt"))
        .arg(dir().join("plan_excerpt_doc.doc"))
        .env("THAIPLAN_SOFFICE", "/nonexistent/soffice")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let errs = std::fs::read_to_string(t.path().join("o/errors.jsonl")).unwrap();
    let lines: Vec<Value> = errs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{errs}");
    for l in &lines {
        assert_eq!(l["kind"], "converter_missing", "{l}");
        assert!(
            l["message"]
                .as_str()
                .unwrap()
                .contains("libreoffice-writer-nogui"),
            "{l}"
        );
    }
    let recs = std::fs::read_to_string(t.path().join("o/records.jsonl")).unwrap();
    assert!(recs.trim().is_empty(), "no record expected: {recs}");
}
