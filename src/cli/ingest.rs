//! `thaiplan ingest`: parallel over documents, deterministic output,
//! resumable, shardable. A bad file is an error line, never the end of a run.

use super::inputs::{self, Input};
use super::shard::{shard_of, Shard};
use crate::emit::corrections::{self, Corrections};
use crate::emit::state::{IndexEntry, StateDir, Stored};
use crate::emit::summary::{BytesPerDocument, Summary};
use crate::emit::{self, ErrorLine, Outputs};
use crate::extract::{ExtractOptions, OcrMode};
use crate::model::Warning;
use crate::model::WarningCode;
use crate::pipeline;
use clap::Args;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
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
    /// OCR scanned pages with tesseract: auto (pages without a text layer),
    /// always, never.
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
    /// Write outputs for this run's inputs only. By default --out is a
    /// growing archive: its outputs cover every document ever ingested into
    /// it (`thaiplan forget` removes documents).
    #[arg(long)]
    pub only_inputs: bool,
    /// Write records.jsonl.gz and the CSVs as *.csv.gz (about a tenth of the
    /// plain size; pandas, DuckDB, R and `thaiplan eval` read them as they
    /// are). Kept for later runs into the same --out; --compress=false goes
    /// back to plain files.
    #[arg(long, num_args = 0..=1, default_missing_value = "true")]
    pub compress: Option<bool>,
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
    /// The corrections file (RECORD.md v2) applied to every record;
    /// default OUT/corrections.jsonl.
    #[arg(long)]
    pub corrections: Option<PathBuf>,
}

/// What happened to one input (kept small: records live in the state dir).
enum Outcome {
    NotMine,
    /// Ctrl-C came before this document started (or killed its worker).
    Interrupted,
    Stored {
        sha: String,
        bytes: u64,
        resumed: bool,
        failed: bool,
        /// Another path of this run had the same content and processed it.
        duplicate: bool,
    },
    Failed(ErrorLine),
}

/// Set by SIGINT; the pipeline checks it between documents.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

#[cfg(unix)]
extern "C" fn on_sigint(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
    // A second Ctrl-C stops at once (async-signal-safe call).
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
    }
}

fn install_sigint() {
    #[cfg(unix)]
    unsafe {
        libc::signal(
            libc::SIGINT,
            on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t,
        );
    }
}

/// Per content, the one thread that processes it; the others wait for it
/// and reuse its stored result (duplicate files used to race, issue 16).
type InFlight = Mutex<HashMap<String, Arc<OnceLock<Result<(u64, bool, bool), String>>>>>;

fn path_sha(key: &str) -> String {
    pipeline::sha256_hex(key.as_bytes())
}

struct Progress {
    total: u64,
    /// Shared with the per-document sink (OCR page progress).
    log: std::sync::Arc<Mutex<Instant>>,
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
            log: std::sync::Arc::new(Mutex::new(Instant::now())),
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

    /// Per-page progress of long documents (OCR): the bar's message on a
    /// TTY, else a log line at most every 10 s.
    fn sink(&self) -> crate::extract::ProgressSink {
        if self.quiet {
            return crate::extract::ProgressSink::default();
        }
        if let Some(bar) = self.bar.clone() {
            return crate::extract::ProgressSink::new(move |m| bar.set_message(m.to_string()));
        }
        let log = self.log.clone();
        crate::extract::ProgressSink::new(move |m| {
            if let Ok(mut last) = log.lock() {
                if last.elapsed() >= Duration::from_secs(10) {
                    *last = Instant::now();
                    eprintln!("thaiplan: {m}");
                }
            }
        })
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
    inflight: &InFlight,
    corrections: &Corrections,
) -> (Outcome, u64) {
    if INTERRUPTED.load(Ordering::SeqCst) {
        return (Outcome::Interrupted, 0);
    }
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
    let cell = match inflight.lock() {
        Ok(mut m) => m.entry(sha.clone()).or_default().clone(),
        Err(_) => Arc::new(OnceLock::new()),
    };
    let mut ran_here = false;
    let result = cell
        .get_or_init(|| {
            ran_here = true;
            get_or_process(input, &bytes, &sha, state, opts, force, corrections)
        })
        .clone();
    match result {
        Ok((pages, resumed, failed)) => (
            Outcome::Stored {
                sha,
                bytes: bytes.len() as u64,
                resumed,
                failed,
                duplicate: !ran_here,
            },
            if ran_here { pages } else { 0 },
        ),
        Err(msg) if msg.is_empty() => (Outcome::Interrupted, 0),
        Err(msg) => (
            Outcome::Failed(ErrorLine {
                path: input.key.clone(),
                sha256: Some(sha),
                stage: "emit".into(),
                kind: "io".into(),
                message: format!("{}: cannot store result: {msg}", input.key),
            }),
            0,
        ),
    }
}

/// The stored result for this content, processing it first if needed:
/// Ok((pages, resumed, failed)), or Err(io message) — Err("") when Ctrl-C
/// came during a document that then failed (its worker got the signal too:
/// not a result to keep).
fn get_or_process(
    input: &Input,
    bytes: &[u8],
    sha: &str,
    state: &StateDir,
    opts: &ExtractOptions,
    force: bool,
    corrections: &Corrections,
) -> Result<(u64, bool, bool), String> {
    let pages_of = |s: &Stored| s.record.as_ref().and_then(|r| r.source.pages).unwrap_or(0) as u64;
    // A store written before corrections existed cannot re-run checks:
    // process such a document again when a correction names it.
    let stale = |s: &Stored| {
        s.record.is_some() && s.recheck.is_none() && !corrections.for_sha(sha).is_empty()
    };
    if !force {
        if let Some(stored) = state.get(sha).filter(|s| !stale(s)) {
            return Ok((pages_of(&stored), true, stored.error.is_some()));
        }
    }
    let stored = match pipeline::process_bytes_recheck(&input.path, bytes, opts) {
        Ok((r, recheck)) => Stored {
            pipeline_version: crate::PIPELINE_VERSION.into(),
            path: input.key.clone(),
            record: Some(r),
            error: None,
            recheck: Some(recheck),
        },
        Err(e) => {
            if INTERRUPTED.load(Ordering::SeqCst) {
                return Err(String::new());
            }
            Stored {
                pipeline_version: crate::PIPELINE_VERSION.into(),
                path: input.key.clone(),
                record: None,
                error: Some(ErrorLine::from_doc_error(
                    &e,
                    &input.key,
                    Some(sha.to_string()),
                )),
                recheck: None,
            }
        }
    };
    state.put(sha, &stored).map_err(|e| e.to_string())?;
    Ok((pages_of(&stored), false, stored.error.is_some()))
}

/// Apply what the manifest said about a document.
fn apply_manifest(entry: &IndexEntry, mut stored: Stored) -> Stored {
    if let Some(r) = stored.record.as_mut() {
        r.source.lao_code = entry.lao_code.clone();
        if let Some(k) = &entry.kind {
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

/// Scratch dirs `thaiplan-KIND-PID-N` whose process is gone (a SIGKILLed
/// run cannot clean up after itself).
fn remove_stale_scratch(tmp: &std::path::Path) {
    let Ok(rd) = std::fs::read_dir(tmp) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let pid = name
            .strip_prefix("thaiplan-")
            .and_then(|r| r.split('-').nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid {
            if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

pub fn run(args: IngestArgs) -> Result<i32, String> {
    let started = Instant::now();
    let shard = match &args.shard {
        Some(s) => Some(Shard::parse(s)?),
        None => Shard::from_env(|k| std::env::var(k).ok())?,
    };
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let state = StateDir::open(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let (inputs, problems, skipped) = inputs::collect_with_skipped(&args.paths);
    // Scratch files (OCR page images, conversions) live under OUT/.tmp and
    // go on SIGTERM too; leftovers of a SIGKILLed run are removed. SIGINT
    // is then taken over by `install_sigint`: finish what runs, write the
    // outputs (Scratch guards still clean up as each document ends).
    let tmp_dir = args.out.join(".tmp");
    remove_stale_scratch(&tmp_dir);
    crate::extract::scratch::install_signal_cleanup();
    install_sigint();
    let progress = Progress::new(inputs.len() as u64, args.quiet);
    let corrections_path = args
        .corrections
        .clone()
        .unwrap_or_else(|| args.out.join(corrections::FILE_NAME));
    let corrections = Corrections::load(&corrections_path)
        .map_err(|e| format!("{}: {e}", corrections_path.display()))?;
    for m in &corrections.invalid {
        eprintln!("warning: {m}");
    }
    let opts = ExtractOptions {
        ocr: args.ocr,
        ocr_cache: Some(args.out.join(".ocr-cache")),
        timeout_secs: args.timeout,
        memory_limit: args.memory_mb.saturating_mul(1024 * 1024),
        isolate: !args.no_isolate,
        tmp_dir: Some(tmp_dir.clone()),
        progress: progress.sink(),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| e.to_string())?;
    let inflight = InFlight::default();
    let outcomes: Vec<Outcome> = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| {
                let (o, pages) = process_one(
                    input,
                    shard,
                    &state,
                    &opts,
                    args.force,
                    &inflight,
                    &corrections,
                );
                if !matches!(o, Outcome::Interrupted) {
                    progress.tick(
                        matches!(o, Outcome::Failed(_) | Outcome::Stored { failed: true, .. }),
                        pages,
                    );
                }
                o
            })
            .collect()
    });
    progress.finish();
    // Only removed when empty (another run may share OUT).
    let _ = std::fs::remove_dir(&tmp_dir);
    let interrupted = outcomes
        .iter()
        .filter(|o| matches!(o, Outcome::Interrupted))
        .count();

    // The archive: every document of earlier runs plus this run's.
    let mut index = state.read_index();
    let mut failed_keys = HashSet::new();
    let mut this_run = HashSet::new();
    let mut resumed = 0u64;
    let mut duplicates = 0u64;
    let mut run_errors: Vec<ErrorLine> = Vec::new();
    for (input, outcome) in inputs.iter().zip(outcomes) {
        match outcome {
            Outcome::NotMine | Outcome::Interrupted => {}
            Outcome::Failed(e) => {
                failed_keys.insert(input.key.clone());
                run_errors.push(e);
            }
            Outcome::Stored {
                sha,
                bytes,
                resumed: r,
                duplicate,
                ..
            } => {
                resumed += r as u64;
                duplicates += duplicate as u64;
                this_run.insert(input.key.clone());
                index.insert(
                    input.key.clone(),
                    IndexEntry {
                        path: input.key.clone(),
                        sha256: sha,
                        bytes,
                        lao_code: input.lao_code.clone(),
                        kind: input.expected_kind.clone(),
                    },
                );
            }
        }
    }
    let io = |e: std::io::Error| e.to_string();
    state.write_index(&index).map_err(io)?;

    run_errors.extend(
        problems
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
            }),
    );
    // Stable: a path's own errors keep their order.
    run_errors.sort_by(|a, b| a.path.cmp(&b.path));

    // Assemble in sorted-path order, streaming records from the store. A
    // path that failed in this run shows its error, not an older record.
    let compress = args
        .compress
        .unwrap_or_else(|| emit::outputs_compressed(&args.out));
    let (mut summary, failed) = write_outputs(
        &args.out,
        compress,
        &state,
        &index,
        run_errors,
        &|p| failed_keys.contains(p) || (args.only_inputs && !this_run.contains(p)),
        &|p| !args.quiet && this_run.contains(p),
        args.quiet,
        &corrections,
        shard.is_none(),
    )?;
    summary.resumed = resumed;
    summary.duplicates = duplicates;
    summary.skipped = skipped.len() as u64;
    for (_, why) in &skipped {
        *summary.skipped_by_reason.entry(why.clone()).or_default() += 1;
    }
    summary.finish(started.elapsed().as_secs_f64());
    emit::write_summary(&args.out, &summary).map_err(io)?;
    if !args.quiet {
        let skipped_note = if skipped.is_empty() {
            String::new()
        } else {
            let reasons: Vec<String> = summary
                .skipped_by_reason
                .iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect();
            format!(", {} files skipped ({})", skipped.len(), reasons.join(", "))
        };
        eprintln!(
            "thaiplan: {} records, {} errors ({} resumed{}) in {:.2} s -> {}",
            summary.records,
            summary.errors,
            resumed,
            skipped_note,
            summary.seconds,
            args.out.display()
        );
    }
    if interrupted > 0 {
        eprintln!(
            "thaiplan: interrupted: {interrupted} of {} documents not done; the outputs in {} \
             cover the finished ones. Run the same command again to resume.",
            inputs.len(),
            args.out.display()
        );
        return Ok(130);
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// records.jsonl, errors.jsonl, the CSVs and the size figures, derived from
/// the store for every index entry not `skip`ped, merged in path order with
/// this run's errors. Returns the summary (not yet written) and the number
/// of error lines.
// Ten plain inputs, each a different concern of the two callers (run,
// forget); a struct for them would only be built to be taken apart here.
#[allow(clippy::too_many_arguments)]
pub fn write_outputs(
    out_dir: &Path,
    compress: bool,
    state: &StateDir,
    index: &BTreeMap<String, IndexEntry>,
    run_errors: Vec<ErrorLine>,
    skip: &dyn Fn(&str) -> bool,
    say_errors_of: &dyn Fn(&str) -> bool,
    quiet: bool,
    corrections: &Corrections,
    count_absent_corrections: bool,
) -> Result<(Summary, u64), String> {
    // Documents given a record (a correction of any other is unresolved:
    // the document is gone or failed).
    let mut corrected_docs: std::collections::BTreeSet<String> = Default::default();
    let io = |e: std::io::Error| e.to_string();
    let mut out =
        Outputs::create(out_dir, compress).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let mut errors_iter = run_errors.into_iter().peekable();
    let mut failed = 0u64;
    let mut emitted: Vec<&IndexEntry> = Vec::new();
    for entry in index.values() {
        if skip(&entry.path) {
            continue;
        }
        while let Some(p) = errors_iter.next_if(|p| p.path < entry.path) {
            failed += 1;
            if !quiet {
                eprintln!("error: {}", p.message);
            }
            out.error(&p).map_err(io)?;
        }
        emitted.push(entry);
        let Some(stored) = state.get(&entry.sha256) else {
            failed += 1;
            out.error(&ErrorLine {
                path: entry.path.clone(),
                sha256: Some(entry.sha256.clone()),
                stage: "emit".into(),
                kind: "io".into(),
                message: format!(
                    "{}: stored result missing (run again with --force to redo it)",
                    entry.path
                ),
            })
            .map_err(io)?;
            continue;
        };
        let mut stored = stored.for_path(&entry.path);
        if let Some(rec) = stored.record.as_mut() {
            // Before the manifest's warning: re-running checks replaces the
            // warnings after `warnings_before_checks`.
            corrections::apply(
                rec,
                stored.recheck.as_ref(),
                corrections.for_sha(&entry.sha256),
            );
            corrected_docs.insert(entry.sha256.clone());
        }
        let stored = apply_manifest(entry, stored);
        if let Some(rec) = &stored.record {
            out.record(rec).map_err(io)?;
        } else if let Some(e) = &stored.error {
            failed += 1;
            if say_errors_of(&entry.path) {
                eprintln!("error: {}", e.message);
            }
            out.error(e).map_err(io)?;
        }
    }
    for p in errors_iter {
        failed += 1;
        if !quiet {
            eprintln!("error: {}", p.message);
        }
        out.error(&p).map_err(io)?;
    }
    let mut summary = out.commit().map_err(io)?;
    summary.corrections_invalid = corrections.invalid.len() as u64;
    // Under --shard the other documents are in other shards, not gone.
    if count_absent_corrections {
        for (sha, list) in &corrections.by_sha {
            if !corrected_docs.contains(sha) {
                summary.corrections_unresolved += list.len() as u64;
                eprintln!(
                    "warning: {} correction(s) of document {sha} not applied: no record of it in the archive",
                    list.len()
                );
            }
        }
    }
    if !emitted.is_empty() {
        let n = emitted.len() as u64;
        let output: u64 = emit::output_files()
            .iter()
            .map(|f| {
                std::fs::metadata(out_dir.join(f))
                    .map(|m| m.len())
                    .unwrap_or(0)
            })
            .sum();
        summary.bytes_per_document = BytesPerDocument {
            input: emitted.iter().map(|e| e.bytes).sum::<u64>() / n,
            store: state.bytes_of(emitted.iter().map(|e| e.sha256.as_str())) / n,
            output: output / n,
        };
    }
    Ok((summary, failed))
}

/// A path as one key per file: canonical when it exists, else made
/// absolute and cleaned of "." and ".." lexically (a deleted file).
fn same_file_key(p: &str) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    let abs = std::env::current_dir()
        .map(|d| d.join(p))
        .unwrap_or_else(|_| PathBuf::from(p));
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `thaiplan forget OUT ITEM...`: drop documents from the index, delete
/// contents no other path uses, and rewrite the outputs.
pub fn forget(out_dir: &Path, items: &[String]) -> Result<i32, String> {
    let started = Instant::now();
    if !out_dir.join(".state").is_dir() {
        return Err(format!(
            "{}: not an archive (no .state/)",
            out_dir.display()
        ));
    }
    let state = StateDir::open(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let mut index = state.read_index();
    // Paths are compared as the same file, however spelt: the index keeps
    // them as given to ingest ("../corpus/a.pdf"), a user may name them
    // absolutely, with "./", or name the folder without a trailing slash.
    let norms: HashMap<String, PathBuf> = index
        .values()
        .map(|e| (e.path.clone(), same_file_key(&e.path)))
        .collect();
    let mut unmatched = Vec::new();
    let mut removed: Vec<IndexEntry> = Vec::new();
    for item in items {
        // The item's own key and folder-ness once, not per index entry.
        let key = same_file_key(item);
        let folder = item.ends_with('/') || Path::new(item).is_dir();
        let matches = |e: &IndexEntry| {
            e.path == *item
                || e.sha256.eq_ignore_ascii_case(item)
                || norms
                    .get(&e.path)
                    .is_some_and(|entry| *entry == key || (folder && entry.starts_with(&key)))
        };
        let keys: Vec<String> = index
            .values()
            .filter(|e| matches(e))
            .map(|e| e.path.clone())
            .collect();
        if keys.is_empty() {
            unmatched.push(item.clone());
        }
        for k in keys {
            if let Some(e) = index.remove(&k) {
                removed.push(e);
            }
        }
    }
    let io = |e: std::io::Error| e.to_string();
    state.write_index(&index).map_err(io)?;
    let still_used: HashSet<&str> = index.values().map(|e| e.sha256.as_str()).collect();
    for e in &removed {
        if !still_used.contains(e.sha256.as_str()) {
            let _ = std::fs::remove_file(state.file(&e.sha256));
        }
    }
    // The archive's own corrections file (forget has no --corrections).
    let corrections_path = out_dir.join(corrections::FILE_NAME);
    let corrections = Corrections::load(&corrections_path)
        .map_err(|e| format!("{}: {e}", corrections_path.display()))?;
    let (mut summary, _) = write_outputs(
        out_dir,
        emit::outputs_compressed(out_dir),
        &state,
        &index,
        Vec::new(),
        &|_| false,
        &|_| false,
        true,
        &corrections,
        true,
    )?;
    summary.finish(started.elapsed().as_secs_f64());
    emit::write_summary(out_dir, &summary).map_err(io)?;
    for u in &unmatched {
        eprintln!(
            "thaiplan: forget: {u:?} names no document of {}",
            out_dir.display()
        );
    }
    eprintln!(
        "thaiplan: forgot {} documents; {} remain in {}",
        removed.len(),
        index.len(),
        out_dir.display()
    );
    Ok(if unmatched.is_empty() { 0 } else { 1 })
}
