//! Loading gold files and records, and the file stem that matches them.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The stem a record and a gold are matched by:
/// `a/b/004_3a9855a8704ba7b3.scan.pdf` → `004_3a9855a8704ba7b3`.
pub fn match_stem(p: &str) -> String {
    let name = p.rsplit(['/', '\\']).next().unwrap_or(p);
    let stem = match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    };
    stem.strip_suffix(".scan").unwrap_or(stem).to_string()
}

/// Load every `*.json` gold file of a directory, keyed by match stem (the
/// file's own stem, and the stem of its `source` field where that differs).
pub fn load_gold(
    dir: &Path,
    problems: &mut Vec<String>,
) -> Result<BTreeMap<String, (String, Value)>, String> {
    let rd = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read gold directory: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .collect();
    files.sort();
    let mut out = BTreeMap::new();
    for f in files {
        let text = match std::fs::read_to_string(&f) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{}: cannot read: {e}", f.display()));
                continue;
            }
        };
        let v: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{}: not JSON: {e}", f.display()));
                continue;
            }
        };
        if !v.is_object() {
            problems.push(format!("{}: not a JSON object", f.display()));
            continue;
        }
        let shown = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let stem = match_stem(&shown);
        if let Some(src) = v.get("source").and_then(Value::as_str) {
            let s2 = match_stem(src);
            if s2 != stem {
                out.entry(s2).or_insert_with(|| (shown.clone(), v.clone()));
            }
        }
        out.insert(stem, (shown, v));
    }
    Ok(out)
}

/// Read records.jsonl, or records.jsonl.gz (`ingest --compress`; also when
/// the plain name is given and only the .gz exists). Unparsable lines
/// become problems.
pub fn load_records(file: &Path, problems: &mut Vec<String>) -> Result<Vec<Value>, String> {
    let mut text = String::new();
    crate::emit::atomic::open_maybe_gz(file)
        .and_then(|mut r| std::io::Read::read_to_string(&mut r, &mut text))
        .map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v) if v.is_object() => out.push(v),
            Ok(_) => problems.push(format!(
                "{} line {}: not a JSON object",
                file.display(),
                i + 1
            )),
            Err(e) => problems.push(format!("{} line {}: not JSON: {e}", file.display(), i + 1)),
        }
    }
    Ok(out)
}
