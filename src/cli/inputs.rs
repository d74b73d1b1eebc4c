//! Which files a run reads: paths, directories (recursive, by content
//! sniffing) and manifests (JSONL: path, optional sha256, lao_code, kind).

use std::collections::HashSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// One document to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// The key records are sorted by: the path as a string.
    pub key: String,
    pub expected_sha256: Option<String>,
    pub lao_code: Option<String>,
    pub expected_kind: Option<String>,
}

impl Input {
    pub fn new(path: PathBuf) -> Self {
        let key = path.to_string_lossy().to_string();
        Input {
            path,
            key,
            expected_sha256: None,
            lao_code: None,
            expected_kind: None,
        }
    }
}

#[derive(serde::Deserialize)]
struct ManifestLine {
    path: String,
    #[serde(default)]
    sha256: Option<String>,
    #[serde(default, alias = "lao")]
    lao_code: Option<String>,
    #[serde(default)]
    kind: Option<String>,
}

/// A problem with the inputs themselves (bad manifest line, unreadable
/// directory): reported as error lines, never fatal.
#[derive(Debug, Clone)]
pub struct InputProblem {
    pub path: PathBuf,
    pub message: String,
}

/// Extensions a directory walk takes without sniffing.
const DOC_EXTS: &[&str] = &[
    "pdf", "docx", "doc", "txt", "md", "html", "htm", "xhtml", "mhtml", "mht", "rtf", "odt",
];

fn is_manifest(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.eq_ignore_ascii_case("jsonl"))
        .unwrap_or(false)
}

/// Why a directory walk left a file out ("extension .xlsx", "no extension"):
/// counted in summary.json so a user sees what was not read.
fn skip_reason(p: &Path) -> String {
    match p.extension().and_then(|e| e.to_str()) {
        Some(e) => format!("extension .{}", e.to_ascii_lowercase()),
        None => "no extension".to_string(),
    }
}

/// In a directory walk, take a file if its extension says document, or its
/// first bytes do (a PDF or DOCX without the right name still counts).
fn wanted_in_walk(p: &Path) -> bool {
    let ext = p
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if DOC_EXTS.contains(&ext.as_str()) {
        return true;
    }
    let mut head = [0u8; 8];
    let n = std::fs::File::open(p)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let head = &head[..n];
    head.starts_with(b"%PDF-")
        || head.starts_with(b"PK\x03\x04")
        || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || head.starts_with(b"{\\rtf")
}

/// A browser's "Web page, complete" saves `NAME.html` and `NAME_files/`
/// (scripts, styles, ad frames): the folder is not documents.
fn is_saved_page_assets(dir: &Path) -> bool {
    let Some(name) = dir.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(stem) = name.strip_suffix("_files") else {
        return false;
    };
    let parent = dir.parent().unwrap_or(Path::new("."));
    ["html", "htm"]
        .iter()
        .any(|e| parent.join(format!("{stem}.{e}")).is_file())
}

fn walk(
    dir: &Path,
    out: &mut Vec<Input>,
    problems: &mut Vec<InputProblem>,
    skipped: &mut Vec<(PathBuf, String)>,
    seen: &mut HashSet<PathBuf>,
    depth: usize,
) {
    // A symlink loop shows up as a directory we have already visited.
    let canon = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            problems.push(InputProblem {
                path: dir.into(),
                message: format!("{}: {e}", dir.display()),
            });
            return;
        }
    };
    if !seen.insert(canon) || depth > 64 {
        return;
    }
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            problems.push(InputProblem {
                path: dir.into(),
                message: format!("{}: cannot list directory: {e}", dir.display()),
            });
            return;
        }
    };
    for entry in rd.flatten() {
        let p = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue; // hidden files and our own state directories
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() && is_saved_page_assets(&p) => {}
            Ok(m) if m.is_dir() => walk(&p, out, problems, skipped, seen, depth + 1),
            Ok(m) if m.is_file() => {
                if wanted_in_walk(&p) {
                    out.push(Input::new(p));
                } else {
                    let why = skip_reason(&p);
                    skipped.push((p, why));
                }
            }
            Ok(_) => {}
            Err(e) => {
                // Dangling or looping symlink, permission problem: report it.
                problems.push(InputProblem {
                    path: p.clone(),
                    message: format!("{}: {e}", p.display()),
                });
            }
        }
    }
}

fn read_manifest(path: &Path, out: &mut Vec<Input>, problems: &mut Vec<InputProblem>) {
    let f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            problems.push(InputProblem {
                path: path.into(),
                message: format!("{}: {e}", path.display()),
            });
            return;
        }
    };
    let base = path.parent().unwrap_or(Path::new("."));
    for (i, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                problems.push(InputProblem {
                    path: path.into(),
                    message: format!("{}:{}: {e}", path.display(), i + 1),
                });
                break;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<ManifestLine>(&line) {
            Ok(m) => {
                let p = Path::new(&m.path);
                let p = if p.is_absolute() {
                    p.to_path_buf()
                } else {
                    base.join(p)
                };
                let mut input = Input::new(p);
                input.expected_sha256 = m.sha256.map(|s| s.to_ascii_lowercase());
                input.lao_code = m.lao_code;
                input.expected_kind = m.kind;
                out.push(input);
            }
            Err(e) => problems.push(InputProblem {
                path: path.into(),
                message: format!("{}:{}: bad manifest line: {e}", path.display(), i + 1),
            }),
        }
    }
}

/// Every input under `paths`, sorted by key, duplicates removed.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputProblem>) {
    let (out, problems, _) = collect_with_skipped(paths);
    (out, problems)
}

/// `collect`, plus the files a directory walk left out with the reason.
pub fn collect_with_skipped(
    paths: &[PathBuf],
) -> (Vec<Input>, Vec<InputProblem>, Vec<(PathBuf, String)>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut skipped = Vec::new();
    let mut seen = HashSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut out, &mut problems, &mut skipped, &mut seen, 0),
            Ok(_) if is_manifest(p) => read_manifest(p, &mut out, &mut problems),
            Ok(_) => out.push(Input::new(p.clone())),
            // A named path that cannot be stat'ed still gets an error line
            // from the pipeline (with the precise reason).
            Err(_) => out.push(Input::new(p.clone())),
        }
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out.dedup_by(|a, b| a.key == b.key);
    skipped.sort();
    (out, problems, skipped)
}
