//! `thaiplan merge SHARD_DIR... --out DIR`: combine shard outputs into what
//! one run over all inputs would have written (records and errors merged by
//! path; CSVs and summary counts regenerated from them; timings and resume
//! counts summed from the shards' summaries).

use crate::emit::summary::Summary;
use crate::emit::{self, ErrorLine, Outputs};
use crate::model::Record;
use clap::Args;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{BufRead, Lines};
use std::path::{Path, PathBuf};

#[derive(Args, Debug, Clone)]
pub struct MergeArgs {
    /// Output directories of the shards.
    #[arg(required = true)]
    pub shards: Vec<PathBuf>,
    #[arg(long)]
    pub out: PathBuf,
}

struct Source {
    lines: Lines<Box<dyn BufRead>>,
    file: PathBuf,
}

/// A shard's `name`, plain or compressed (`ingest --compress`).
fn open(dir: &Path, name: &str) -> Result<Option<Source>, String> {
    let Some(file) = emit::atomic::existing(&dir.join(name)) else {
        return Ok(None);
    };
    match emit::atomic::open_maybe_gz(&file) {
        Ok(r) => Ok(Some(Source {
            lines: r.lines(),
            file,
        })),
        Err(e) => Err(format!("{}: {e}", file.display())),
    }
}

/// Next non-empty line with its sort key (the path).
fn next_keyed(
    src: &mut Source,
    key_of: &dyn Fn(&str) -> Option<String>,
) -> Result<Option<(String, String)>, String> {
    for line in src.lines.by_ref() {
        let line = line.map_err(|e| format!("{}: {e}", src.file.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let key = key_of(&line)
            .ok_or_else(|| format!("{}: a line without a path", src.file.display()))?;
        return Ok(Some((key, line)));
    }
    Ok(None)
}

/// K-way merge of sorted JSONL files by key; calls `f` for each line in order.
fn merge_sorted(
    dirs: &[PathBuf],
    name: &str,
    key_of: &dyn Fn(&str) -> Option<String>,
    mut f: impl FnMut(&str) -> Result<(), String>,
) -> Result<(), String> {
    let mut sources = Vec::new();
    for d in dirs {
        if let Some(s) = open(d, name)? {
            sources.push(s);
        }
    }
    let mut heap = BinaryHeap::new();
    for (i, s) in sources.iter_mut().enumerate() {
        if let Some((k, l)) = next_keyed(s, key_of)? {
            heap.push(Reverse((k, i, l)));
        }
    }
    while let Some(Reverse((_, i, line))) = heap.pop() {
        f(&line)?;
        if let Some((k, l)) = next_keyed(&mut sources[i], key_of)? {
            heap.push(Reverse((k, i, l)));
        }
    }
    Ok(())
}

pub fn run(args: MergeArgs) -> Result<i32, String> {
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    // Compressed when the shards are.
    let compress = args.shards.iter().any(|d| emit::outputs_compressed(d));
    let mut out = Outputs::create(&args.out, compress).map_err(|e| e.to_string())?;
    let record_key = |l: &str| -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(l).ok()?;
        v.get("source")?.get("path")?.as_str().map(String::from)
    };
    merge_sorted(&args.shards, "records.jsonl", &record_key, |line| {
        let r: Record = serde_json::from_str(line).map_err(|e| format!("bad record line: {e}"))?;
        out.record_raw(line, &r).map_err(|e| e.to_string())
    })?;
    let error_key =
        |l: &str| -> Option<String> { serde_json::from_str::<ErrorLine>(l).ok().map(|e| e.path) };
    let mut failed = 0;
    merge_sorted(&args.shards, "errors.jsonl", &error_key, |line| {
        let e: ErrorLine =
            serde_json::from_str(line).map_err(|e| format!("bad error line: {e}"))?;
        failed += 1;
        out.error(&e).map_err(|e| e.to_string())
    })?;
    let mut summary = out.commit().map_err(|e| e.to_string())?;
    // Timings and resume counts come from the shards' own summaries.
    let mut times = Summary::new();
    for d in &args.shards {
        if let Ok(bytes) = std::fs::read(d.join("summary.json")) {
            if let Ok(s) = serde_json::from_slice::<Summary>(&bytes) {
                times.seconds += s.seconds;
                times.resumed += s.resumed;
            }
        }
    }
    summary.resumed = times.resumed;
    summary.finish(times.seconds);
    emit::write_summary(&args.out, &summary).map_err(|e| e.to_string())?;
    eprintln!(
        "thaiplan: merged {} shards: {} records, {} errors -> {}",
        args.shards.len(),
        summary.records,
        summary.errors,
        args.out.display()
    );
    Ok(if failed > 0 { 1 } else { 0 })
}
