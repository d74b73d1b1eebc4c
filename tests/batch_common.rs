// Shared helpers for the batch tests (included with `mod`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_thaiplan")
}

pub fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(rel)
}

pub fn fixtures(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

pub fn ingest(args: &[&str], cwd: &Path) -> Output {
    Command::new(bin())
        .arg("ingest")
        .args(args)
        .arg("-q")
        .current_dir(cwd)
        .output()
        .expect("run thaiplan")
}

/// A directory of small inputs: the four shared texts, their DOCX forms,
/// and the hostile fixtures (copied, so tests can add files next to them).
pub fn make_inputs(dir: &Path) {
    let inp = dir.join("in");
    std::fs::create_dir_all(inp.join("hostile")).unwrap();
    for sub in ["text", "docx"] {
        for e in std::fs::read_dir(corpus(sub)).unwrap().flatten() {
            std::fs::copy(e.path(), inp.join(e.file_name())).unwrap();
        }
    }
    for e in std::fs::read_dir(fixtures("hostile")).unwrap().flatten() {
        std::fs::copy(e.path(), inp.join("hostile").join(e.file_name())).unwrap();
    }
}

pub fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}
