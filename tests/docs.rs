//! The repository documents itself: every schema property has a
//! description, `docs/record.md` is generated from the schema, and every
//! `docs/grammar.md §N.M` the code cites exists.
//!
//! `THAIPLAN_BLESS=1 cargo test --release --test docs` rewrites
//! `docs/record.md` from `schemas/record.schema.json`.

use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> Value {
    serde_json::from_str(thaiplan::RECORD_SCHEMA).expect("schema is JSON")
}

/// Every property (at any depth, in `properties` of the record and of each
/// `$defs` entry) as (path, its schema).
fn properties<'a>(v: &'a Value, path: &str, out: &mut Vec<(String, &'a Value)>) {
    if let Some(Value::Object(props)) = v.get("properties") {
        for (k, p) in props {
            let here = format!("{path}.{k}");
            out.push((here.clone(), p));
            properties(p, &here, out);
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(sub) = v.get(key) {
            properties(sub, path, out);
        }
    }
}

fn all_properties(s: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    properties(s, "record", &mut out);
    if let Some(Value::Object(defs)) = s.get("$defs") {
        for (name, d) in defs {
            properties(d, name, &mut out);
        }
    }
    out
}

#[test]
fn every_schema_property_has_a_description() {
    let s = schema();
    let props = all_properties(&s);
    assert!(props.len() >= 170, "only {} properties found", props.len());
    let missing: Vec<&str> = props
        .iter()
        .filter(|(_, p)| {
            p.get("description")
                .and_then(Value::as_str)
                .is_none_or(|d| d.trim().is_empty())
        })
        .map(|(path, _)| path.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "schema properties without a description (add one in schemas/record.schema.json, then THAIPLAN_BLESS=1 cargo test --test docs):\n{}",
        missing.join("\n")
    );
}

/// A schema as a short type expression: `string or null`, `[budget_row]`,
/// `"plan", "report", "unknown"`.
fn type_of(v: &Value) -> String {
    if let Some(r) = v.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or(r);
        return format!("[{name}](#{name})");
    }
    if let Some(Value::Array(e)) = v.get("enum") {
        return e
            .iter()
            .map(|x| serde_json::to_string(x).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(", ");
    }
    if let Some(c) = v.get("const") {
        return serde_json::to_string(c).unwrap_or_default();
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(alts)) = v.get(key) {
            return alts.iter().map(type_of).collect::<Vec<_>>().join(" or ");
        }
    }
    let t = match v.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec!["any"],
    };
    t.iter()
        .map(|t| match *t {
            "array" => format!("[{}]", v.get("items").map(type_of).unwrap_or_default()),
            "object" => match v.get("additionalProperties") {
                Some(ap @ Value::Object(_)) => format!("object of {}", type_of(ap)),
                _ => "object".into(),
            },
            "integer" => match (v.get("minimum"), v.get("maximum")) {
                (Some(a), Some(b)) => format!("integer {a}–{b}"),
                (Some(a), None) => format!("integer ≥ {a}"),
                _ => "integer".into(),
            },
            t => t.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn table(out: &mut String, v: &Value, prefix: &str) {
    let required: BTreeSet<&str> = v
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(Value::Object(props)) = v.get("properties") else {
        return;
    };
    for (k, p) in props {
        let desc = p.get("description").and_then(Value::as_str).unwrap_or("");
        let opt = if required.contains(k.as_str()) {
            ""
        } else {
            " (optional)"
        };
        let _ = writeln!(
            out,
            "| `{prefix}{k}` | {} | {}{opt} |",
            cell(&type_of(p)),
            cell(desc)
        );
        if p.get("properties").is_some() {
            table(out, p, &format!("{prefix}{k}."));
        }
    }
}

/// `docs/record.md`, rendered from the schema.
fn render(s: &Value) -> String {
    let mut out = String::new();
    out.push_str("# The record\n\n<!-- Generated from schemas/record.schema.json by tests/docs.rs; do not edit.\n     Rewrite with: THAIPLAN_BLESS=1 cargo test --release --test docs -->\n\n");
    if let Some(d) = s.get("description").and_then(Value::as_str) {
        let _ = writeln!(out, "{d}\n");
    }
    out.push_str(
        "Every document becomes one such JSON object (one line of `records.jsonl`); \
         every record validates against [`schemas/record.schema.json`](../schemas/record.schema.json). \
         Years are Buddhist Era, money is baht as a JSON number, line numbers are those \
         `thaiplan text` prints. Where each value is found in a document: \
         [grammar.md](grammar.md). A field marked (optional) is omitted when empty.\n\n",
    );
    out.push_str("## record\n\n| field | type | meaning |\n|---|---|---|\n");
    table(&mut out, s, "");
    if let Some(Value::Object(defs)) = s.get("$defs") {
        for (name, d) in defs {
            let _ = writeln!(out, "\n## {name}\n");
            if let Some(desc) = d.get("description").and_then(Value::as_str) {
                let _ = writeln!(out, "{}\n", cell(desc));
            }
            if d.get("properties").is_some() {
                out.push_str("| field | type | meaning |\n|---|---|---|\n");
                table(&mut out, d, "");
            } else {
                let _ = writeln!(out, "Type: {}", type_of(d));
            }
        }
    }
    out
}

#[test]
fn record_md_is_generated_from_the_schema() {
    let path = root().join("docs/record.md");
    let want = render(&schema());
    if std::env::var_os("THAIPLAN_BLESS").is_some_and(|v| v != "0") {
        std::fs::write(&path, &want).expect("write docs/record.md");
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/record.md is not what the schema renders to; run THAIPLAN_BLESS=1 cargo test --release --test docs and commit it"
    );
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for p in rd.filter_map(|e| e.ok().map(|e| e.path())) {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Every "grammar.md §N.M" (and the old "docs/grammar.md §N.M") in the code
/// names a numbered heading of docs/grammar.md.
#[test]
fn grammar_references_resolve() {
    let grammar = std::fs::read_to_string(root().join("docs/grammar.md")).expect("docs/grammar.md");
    let headings: BTreeSet<String> = grammar
        .lines()
        .filter(|l| l.starts_with('#'))
        .filter_map(|l| l.trim_start_matches('#').split_whitespace().next())
        .map(|n| n.trim_end_matches('.').to_string())
        .collect();
    let re =
        regex::Regex::new(r"(?:grammar|DOCUMENTS)\.md,? §([0-9]+(?:\.[0-9]+)*)").expect("regex");
    let mut files = Vec::new();
    for d in ["src", "tests", "benches", "examples"] {
        rust_files(&root().join(d), &mut files);
    }
    let mut seen = 0;
    let mut bad = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for c in re.captures_iter(&text) {
            seen += 1;
            if !headings.contains(&c[1]) {
                bad.push(format!("{}: §{}", f.display(), &c[1]));
            }
        }
    }
    assert!(seen >= 20, "only {seen} references found");
    assert!(
        bad.is_empty(),
        "references to no heading of docs/grammar.md:\n{}",
        bad.join("\n")
    );
}
