//! The pipeline runs one way: a module may use only its own stage and the
//! stages before it (README, docs/decisions.md "Layers"). This test reads
//! every `src/**/*.rs` and fails on a `crate::X` path that points to a later
//! stage, naming file:line. A new top-level module must be placed in
//! `RANK` below, so its position in the order is a decision, not an accident.

use std::path::{Path, PathBuf};

/// Stage order. Equal ranks may use each other; a lower rank never uses a
/// higher one. `eval` may read anything but the CLI; `fuzzing` is test
/// support that drives the whole pipeline.
const RANK: &[(&str, u8)] = &[
    ("model", 0),
    ("error", 0),
    ("thai", 0),
    ("extract", 1),
    ("normalize", 2),
    ("recognize", 3),
    ("check", 4),
    ("emit", 5),
    ("pipeline", 6),
    ("synth", 6),
    ("eval", 7),
    ("review", 8),
    ("cli", 9),
    ("fuzzing", 9),
];

fn rank(module: &str) -> Option<u8> {
    RANK.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read src").flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file belongs to (`src/recognize/meta.rs` →
/// `recognize`, `src/model.rs` → `model`); None for lib.rs/main.rs.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
}

#[test]
fn no_module_uses_a_later_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let path_re = regex::Regex::new(r"crate::([a-z_]+)").expect("regex");
    // `use crate::{a, b}` groups.
    let group_re = regex::Regex::new(r"crate::\{([^}]*)\}").expect("regex");
    let mut unplaced = Vec::new();
    let mut violations = Vec::new();
    let mut edges = 0;
    for f in &files {
        let Some(from) = top_module(&src, f) else {
            continue;
        };
        let Some(from_rank) = rank(&from) else {
            unplaced.push(from.clone());
            continue;
        };
        let text = std::fs::read_to_string(f).expect("read file");
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let mut targets: Vec<String> = path_re
                .captures_iter(code)
                .map(|c| c[1].to_string())
                .collect();
            for g in group_re.captures_iter(code) {
                targets.extend(
                    g[1].split(',')
                        .filter_map(|s| s.trim().split("::").next())
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                );
            }
            for to in targets {
                if to == from {
                    continue;
                }
                edges += 1;
                let Some(to_rank) = rank(&to) else {
                    unplaced.push(to.clone());
                    continue;
                };
                if to_rank > from_rank {
                    violations.push(format!(
                        "{}:{}: {from} (stage {from_rank}) uses crate::{to} (stage {to_rank})",
                        f.strip_prefix(&src).unwrap_or(f).display(),
                        i + 1
                    ));
                }
            }
        }
    }
    unplaced.sort();
    unplaced.dedup();
    assert!(
        unplaced.is_empty(),
        "modules with no place in the stage order (add them to RANK): {unplaced:?}"
    );
    assert!(
        edges > 50,
        "only {edges} cross-module edges found: is the scan broken?"
    );
    assert!(
        violations.is_empty(),
        "imports against the stage order:\n{}",
        violations.join("\n")
    );
}
