//! `thaiplan ingest`: parallel over documents, deterministic output,
//! resumable, shardable. A bad file is an error line, never the end of a run.

use super::inputs::{self, Input};
use super::shard::{shard_of, Shard};
use crate::emit::state::{StateDir, Stored};
use crate::emit::{self, ErrorLine, Outputs};
use crate::extract::{ExtractOptions, OcrMode};
use crate::model::Warning;
use crate::model::WarningCode;
use crate::pipeline;
use clap::Args;
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Args, Debug, Clone)]
pub struct IngestArgs {
    /// Files, directories (recursive) or manifests (*.jsonl: one JSON object
    /// a line with "path", optional "sha256", "lao_code", "kind").
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output directory (records.jsonl, errors.jsonl, summary.json, CSVs).
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, value_enum, default_value_t = OcrMode::Auto)]
    pub ocr: OcrMode,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Only the documents of shard i of N (0-based, "i/N"). Also taken from
    /// SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX.
    #[arg(long)]
    pub shard: Option<String>,
    /// Process every document again, ignoring the resume state in --out.
    #[arg(long)]
    pub force: bool,
    /// Per-document time limit for PDF extraction, seconds.
    #[arg(long, default_value_t = 300)]
    pub timeout: u64,
    /// Per-document memory limit for PDF extraction, MiB.
    #[arg(long, default_value_t = 4096)]
    pub memory_mb: u64,
    /// Run PDF extraction in-process instead of in a limited worker process.
    #[arg(long)]
    pub no_isolate: bool,
    /// No progress bar or log lines.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// What happened to one input (kept small: records live in the state dir).
enum Outcome {
    NotMine,
    Stored {
        sha: String,
        resumed: bool,
        failed: bool,
    },
    Failed(ErrorLine),
}

fn path_sha(key: &str) -> String {
    pipeline::sha256_hex(key.as_bytes())
}

struct Progress {
    total: u64,
    done: AtomicU64,
    failed: AtomicU64,
    pages: AtomicU64,
    bar: Option<indicatif::ProgressBar>,
    last_log: Mutex<Instant>,
    start: Instant,
    quiet: bool,
}

impl Progress {
    fn new(total: u64, quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let b = indicatif::ProgressBar::new(total);
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} files  {msg}  elapsed {elapsed} eta {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b
        });
        Progress {
            total,
            done: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            pages: AtomicU64::new(0),
            bar,
            last_log: Mutex::new(Instant::now()),
            start: Instant::now(),
            quiet,
        }
    }

    fn tick(&self, failed: bool, pages: u64) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let f = if failed {
            self.failed.fetch_add(1, Ordering::Relaxed) + 1
        } else {
            self.failed.load(Ordering::Relaxed)
        };
        let p = self.pages.fetch_add(pages, Ordering::Relaxed) + pages;
        if let Some(b) = &self.bar {
            b.set_position(done);
            b.set_message(format!("{p} pages, {f} failed"));
        } else if !self.quiet {
            // Plain periodic lines for logs (not a TTY).
            if let Ok(mut last) = self.last_log.lock() {
                if last.elapsed() >= Duration::from_secs(10) || done == self.total {
                    *last = Instant::now();
                    eprintln!(
                        "thaiplan: {done}/{} files, {p} pages, {f} failed, {:.0} s",
                        self.total,
                        self.start.elapsed().as_secs_f64()
                    );
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish();
        }
    }
}

fn process_one(
    input: &Input,
    shard: Option<Shard>,
    state: &StateDir,
    opts: &ExtractOptions,
    force: bool,
) -> (Outcome, u64) {
    let bytes = match pipeline::read_input(&input.path) {
        Ok(b) => b,
        Err(e) => {
            if let Some(s) = shard {
                if shard_of(&path_sha(&input.key), s.count) != s.index {
                    return (Outcome::NotMine, 0);
                }
            }
            let mut d = crate::error::DocError::from_extract(&input.path, e);
            d.stage = crate::error::Stage::Read;
            return (
                Outcome::Failed(ErrorLine::from_doc_error(&d, &input.key, None)),
                0,
            );
        }
    };
    let sha = pipeline::sha256_hex(&bytes);
    if let Some(s) = shard {
        if !s.owns(&sha) {
            return (Outcome::NotMine, 0);
        }
    }
    if let Some(expected) = &input.expected_sha256 {
        if expected != &sha {
            let e = ErrorLine {
                path: input.key.clone(),
                sha256: Some(sha),
                stage: "read".into(),
                kind: "sha256_mismatch".into(),
                message: format!("{}: sha256 is not the manifest's {expected}", input.key),
            };
            return (Outcome::Failed(e), 0);
        }
    }
    if !force {
        if let Some(stored) = state.get(&sha) {
            let pages = stored
                .record
                .as_ref()
                .and_then(|r| r.source.pages)
                .unwrap_or(0) as u64;
            let failed = stored.error.is_some();
            return (
                Outcome::Stored {
                    sha,
                    resumed: true,
                    failed,
                },
                pages,
            );
        }
    }
    let stored = match pipeline::process_bytes(&input.path, &bytes, opts) {
        Ok(r) => Stored {
            pipeline_version: crate::PIPELINE_VERSION.into(),
            path: input.key.clone(),
            record: Some(r),
            error: None,
        },
        Err(e) => Stored {
            pipeline_version: crate::PIPELINE_VERSION.into(),
            path: input.key.clone(),
            record: None,
            error: Some(ErrorLine::from_doc_error(&e, &input.key, Some(sha.clone()))),
        },
    };
    let pages = stored
        .record
        .as_ref()
        .and_then(|r| r.source.pages)
        .unwrap_or(0) as u64;
    if let Err(e) = state.put(&sha, &stored) {
        let line = ErrorLine {
            path: input.key.clone(),
            sha256: Some(sha),
            stage: "emit".into(),
            kind: "io".into(),
            message: format!("{}: cannot store result: {e}", input.key),
        };
        return (Outcome::Failed(line), pages);
    }
    let failed = stored.error.is_some();
    (
        Outcome::Stored {
            sha,
            resumed: false,
            failed,
        },
        pages,
    )
}

/// Apply what the manifest says about a document.
fn apply_manifest(input: &Input, mut stored: Stored) -> Stored {
    if let Some(r) = stored.record.as_mut() {
        r.source.lao_code = input.lao_code.clone();
        if let Some(k) = &input.expected_kind {
            if k != r.doc_kind.as_str() {
                r.warnings.push(Warning::new(
                    WarningCode::ManifestKindMismatch,
                    format!(
                        "manifest says kind {k:?}, the document reads as {}",
                        r.doc_kind.as_str()
                    ),
                    None,
                ));
            }
        }
    }
    stored
}

pub fn run(args: IngestArgs) -> Result<i32, String> {
    let started = Instant::now();
    let shard = match &args.shard {
        Some(s) => Some(Shard::parse(s)?),
        None => Shard::from_env(|k| std::env::var(k).ok())?,
    };
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let state = StateDir::open(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let (inputs, problems) = inputs::collect(&args.paths);
    let opts = ExtractOptions {
        ocr: args.ocr,
        ocr_cache: Some(args.out.join(".ocr-cache")),
        timeout_secs: args.timeout,
        memory_limit: args.memory_mb.saturating_mul(1024 * 1024),
        isolate: !args.no_isolate,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| e.to_string())?;
    let progress = Progress::new(inputs.len() as u64, args.quiet);
    let outcomes: Vec<Outcome> = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| {
                let (o, pages) = process_one(input, shard, &state, &opts, args.force);
                progress.tick(
                    matches!(o, Outcome::Failed(_) | Outcome::Stored { failed: true, .. }),
                    pages,
                );
                o
            })
            .collect()
    });
    progress.finish();

    // Assemble in sorted-path order, streaming records from the state dir.
    let mut out = Outputs::create(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let mut problem_lines: Vec<ErrorLine> = problems
        .iter()
        .filter(|p| {
            shard
                .map(|s| shard_of(&path_sha(&p.path.to_string_lossy()), s.count) == s.index)
                .unwrap_or(true)
        })
        .map(|p| ErrorLine {
            path: p.path.to_string_lossy().to_string(),
            sha256: None,
            stage: "read".into(),
            kind: "input".into(),
            message: p.message.clone(),
        })
        .collect();
    problem_lines.sort_by(|a, b| a.path.cmp(&b.path));
    let mut problems_iter = problem_lines.into_iter().peekable();
    let mut failed = 0u64;
    let mut resumed = 0u64;
    let io = |e: std::io::Error| e.to_string();
    for (input, outcome) in inputs.iter().zip(outcomes) {
        while problems_iter
            .peek()
            .map(|p| p.path < input.key)
            .unwrap_or(false)
        {
            if let Some(p) = problems_iter.next() {
                failed += 1;
                out.error(&p).map_err(io)?;
            }
        }
        match outcome {
            Outcome::NotMine => {}
            Outcome::Failed(e) => {
                failed += 1;
                if !args.quiet {
                    eprintln!("error: {}: {}", e.path, e.message);
                }
                out.error(&e).map_err(io)?;
            }
            Outcome::Stored {
                sha, resumed: r, ..
            } => {
                resumed += r as u64;
                let Some(stored) = state.get(&sha) else {
                    failed += 1;
                    out.error(&ErrorLine {
                        path: input.key.clone(),
                        sha256: Some(sha),
                        stage: "emit".into(),
                        kind: "io".into(),
                        message: "stored result vanished".into(),
                    })
                    .map_err(io)?;
                    continue;
                };
                let stored = apply_manifest(input, stored.for_path(&input.key));
                if let Some(rec) = &stored.record {
                    out.record(rec).map_err(io)?;
                } else if let Some(e) = &stored.error {
                    failed += 1;
                    if !args.quiet {
                        eprintln!("error: {}: {}", e.path, e.message);
                    }
                    out.error(e).map_err(io)?;
                }
            }
        }
    }
    for p in problems_iter {
        failed += 1;
        out.error(&p).map_err(io)?;
    }
    let mut summary = out.commit().map_err(io)?;
    summary.resumed = resumed;
    summary.finish(started.elapsed().as_secs_f64());
    emit::write_summary(&args.out, &summary).map_err(io)?;
    if !args.quiet {
        eprintln!(
            "thaiplan: {} records, {} errors ({} resumed) in {:.2} s -> {}",
            summary.records,
            summary.errors,
            resumed,
            summary.seconds,
            args.out.display()
        );
    }
    Ok(if failed > 0 { 1 } else { 0 })
}
