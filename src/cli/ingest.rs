//! `thaiplan ingest`: parallel over documents, deterministic output.

use crate::emit::{self, ErrorLine};
use crate::extract::{ExtractOptions, OcrMode};
use clap::Args;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args, Debug, Clone)]
pub struct IngestArgs {
    /// Files, directories (recursive) or manifests (*.jsonl).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, value_enum, default_value_t = OcrMode::Auto)]
    pub ocr: OcrMode,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
}

/// Every file under the given paths, sorted, symlink loops ignored.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(p: &Path, out: &mut Vec<PathBuf>, depth: usize) {
        if depth > 64 {
            return;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                if let Ok(rd) = std::fs::read_dir(p) {
                    for e in rd.flatten() {
                        walk(&e.path(), out, depth + 1);
                    }
                }
            }
            _ => out.push(p.to_path_buf()),
        }
    }
    let mut out = Vec::new();
    for p in paths {
        walk(p, &mut out, 0);
    }
    out.sort();
    out.dedup();
    out
}

pub fn run(args: IngestArgs) -> Result<i32, String> {
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let inputs = collect_inputs(&args.paths);
    let opts = ExtractOptions { ocr: args.ocr, ..Default::default() };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| e.to_string())?;
    let results: Vec<_> = pool.install(|| {
        inputs.par_iter().map(|p| (p.clone(), crate::pipeline::process_path(p, &opts))).collect()
    });
    let mut records = std::io::BufWriter::new(
        std::fs::File::create(args.out.join("records.jsonl")).map_err(|e| e.to_string())?,
    );
    let mut errors = std::io::BufWriter::new(
        std::fs::File::create(args.out.join("errors.jsonl")).map_err(|e| e.to_string())?,
    );
    let mut failed = 0;
    for (path, r) in results {
        match r {
            Ok(rec) => writeln!(records, "{}", emit::record_line(&rec)).map_err(|e| e.to_string())?,
            Err(e) => {
                failed += 1;
                let sha = std::fs::read(&path).ok().map(|b| crate::pipeline::sha256_hex(&b));
                let line = ErrorLine::from_doc_error(&e, sha);
                writeln!(errors, "{}", serde_json::to_string(&line).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
                eprintln!("error: {}", e.message);
            }
        }
    }
    records.flush().map_err(|e| e.to_string())?;
    errors.flush().map_err(|e| e.to_string())?;
    Ok(if failed > 0 { 1 } else { 0 })
}
