//! `thaiplan bench PATHS...`: documents/s, pages/s and MB/s of the whole
//! pipeline with 1 and 2 (or --threads) threads, side by side with
//! `pdftotext -layout` on the same PDFs, plus peak RSS. Honest numbers: the
//! files are read into memory first, so disk speed is out of both timings.

use super::inputs;
use crate::extract::{ExtractOptions, OcrMode};
use crate::model::Format;
use clap::Args;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Args, Debug, Clone)]
pub struct BenchArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Thread counts to measure.
    #[arg(long, value_delimiter = ',', default_values_t = vec![1usize, 2])]
    pub threads: Vec<usize>,
    /// Repetitions per configuration (the best is reported).
    #[arg(long, default_value_t = 3)]
    pub repeat: usize,
    #[arg(long, value_enum, default_value_t = OcrMode::Never)]
    pub ocr: OcrMode,
    /// Skip the pdftotext comparison.
    #[arg(long)]
    pub no_pdftotext: bool,
}

fn max_rss_kib(who: i32) -> i64 {
    // SAFETY: getrusage writes into the struct we pass; no other effects.
    unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        if libc::getrusage(who, &mut u) == 0 {
            u.ru_maxrss
        } else {
            -1
        }
    }
}

struct Row {
    tool: String,
    threads: usize,
    docs: usize,
    pages: u64,
    bytes: u64,
    secs: f64,
}

fn print_row(r: &Row) {
    let s = r.secs.max(1e-9);
    println!(
        "{:<22} {:>3} {:>6} {:>7} {:>8.2} {:>9.3} {:>9.2} {:>9.2} {:>8.2}",
        r.tool,
        r.threads,
        r.docs,
        r.pages,
        r.bytes as f64 / 1e6,
        r.secs,
        r.docs as f64 / s,
        r.pages as f64 / s,
        r.bytes as f64 / 1e6 / s
    );
}

/// Runs `f` `repeat` times on a pool of `threads` and returns the best wall
/// time with the result of the last run (all runs give the same result).
fn best_of<T: Send>(
    threads: usize,
    repeat: usize,
    f: impl Fn() -> T + Sync,
) -> Result<(f64, T), String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .map_err(|e| e.to_string())?;
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let out = pool.install(&f);
        best = best.min(t.elapsed().as_secs_f64());
        last = Some(out);
    }
    // repeat.max(1) >= 1, so a run happened.
    last.map(|out| (best, out))
        .ok_or_else(|| "no run".to_string())
}

pub fn run(args: BenchArgs) -> Result<i32, String> {
    let (inputs, _) = inputs::collect(&args.paths);
    let mut docs = Vec::new();
    for i in &inputs {
        if let Ok(b) = crate::pipeline::read_input(&i.path) {
            docs.push((i.path.clone(), b));
        }
    }
    let total_bytes: u64 = docs.iter().map(|(_, b)| b.len() as u64).sum();
    let opts = ExtractOptions {
        ocr: args.ocr,
        isolate: true,
        ..Default::default()
    };
    println!(
        "{:<22} {:>3} {:>6} {:>7} {:>8} {:>9} {:>9} {:>9} {:>8}",
        "tool", "thr", "docs", "pages", "MB", "seconds", "docs/s", "pages/s", "MB/s"
    );
    let mut pdf_pages = 0u64;
    for &threads in &args.threads {
        let (secs, pages) = best_of(threads, args.repeat, || -> Vec<(Option<Format>, u64)> {
            docs.par_iter()
                .map(|(p, b)| match crate::pipeline::process_bytes(p, b, &opts) {
                    Ok(r) => (Some(r.source.format), r.source.pages.unwrap_or(0) as u64),
                    Err(_) => (None, 0),
                })
                .collect()
        })?;
        pdf_pages = pages
            .iter()
            .filter(|(f, _)| *f == Some(Format::Pdf))
            .map(|(_, n)| n)
            .sum();
        print_row(&Row {
            tool: "thaiplan (pipeline)".into(),
            threads,
            docs: docs.len(),
            pages: pages.iter().map(|(_, n)| n).sum(),
            bytes: total_bytes,
            secs,
        });
    }
    let pdfs: Vec<&(PathBuf, Vec<u8>)> = docs
        .iter()
        .filter(|(_, b)| b.starts_with(b"%PDF"))
        .collect();
    if !args.no_pdftotext && !pdfs.is_empty() {
        let pdf_bytes: u64 = pdfs.iter().map(|(_, b)| b.len() as u64).sum();
        let pdf_row = |tool: &str, threads: usize, secs: f64| Row {
            tool: tool.into(),
            threads,
            docs: pdfs.len(),
            pages: pdf_pages,
            bytes: pdf_bytes,
            secs,
        };
        for &threads in &args.threads {
            let (secs, any_ok) = best_of(threads, args.repeat, || {
                pdfs.par_iter()
                    .map(|(p, _)| {
                        std::process::Command::new("pdftotext")
                            .args(["-layout"])
                            .arg(p)
                            .arg("-")
                            .stdout(std::process::Stdio::null())
                            .stderr(std::process::Stdio::null())
                            .status()
                            .map(|s| s.success())
                            .unwrap_or(false)
                    })
                    .reduce(|| false, |a, b| a || b)
            })?;
            if !any_ok {
                println!("pdftotext -layout: not available (install poppler-utils)");
                break;
            }
            print_row(&pdf_row("pdftotext -layout", threads, secs));
        }
        // The same PDFs through thaiplan alone, for the side-by-side ratio.
        for &threads in &args.threads {
            let (secs, ()) = best_of(threads, args.repeat, || {
                pdfs.par_iter().for_each(|(p, b)| {
                    let _ = crate::pipeline::process_bytes(p, b, &opts);
                })
            })?;
            print_row(&pdf_row("thaiplan (PDFs only)", threads, secs));
        }
    }
    // A child's max RSS counts the pages it shared with this process between
    // fork and exec, so it can approach this process's own figure.
    println!(
        "peak RSS: thaiplan process {} MiB, largest child (PDF worker / pdftotext / tesseract; includes pages shared at fork) {} MiB",
        max_rss_kib(libc::RUSAGE_SELF) / 1024,
        max_rss_kib(libc::RUSAGE_CHILDREN) / 1024
    );
    Ok(0)
}
