//! Command-line interface: `thaiplan ingest|text|normalize|schema|eval|...`.

pub mod bench;
pub mod ingest;
pub mod inputs;
pub mod merge;
pub mod review;
pub mod shard;
pub mod synth;

use crate::extract::{ExtractOptions, OcrMode};
use crate::model::TextOrigin;
use clap::{Parser, Subcommand};
use std::io::{Read, Write};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "thaiplan",
    version,
    about = "Thai anti-corruption plans and reports to JSON records"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read documents (files, directories, manifests) and write records.jsonl,
    /// errors.jsonl, summary.json and CSV exports to --out.
    Ingest(ingest::IngestArgs),
    /// Measure documents/s, pages/s and MB/s with 1 and 2 threads, side by
    /// side with `pdftotext -layout`, and peak memory.
    Bench(bench::BenchArgs),
    /// Combine the output directories of shards into one.
    Merge(merge::MergeArgs),
    /// Serve a local page (127.0.0.1) to check a run's values against their
    /// source and write corrections.
    Review(review::ReviewArgs),
    /// Remove documents from an archive (`ingest --out`) and rewrite its
    /// outputs without them. Each item is a document path as ingested, a
    /// directory prefix ending in "/", or a sha256.
    Forget {
        /// The archive directory (an `ingest --out`).
        out: PathBuf,
        #[arg(required = true)]
        items: Vec<String>,
    },
    /// Print a document's normalised text with the line numbers that
    /// `source_span` refers to.
    Text {
        /// The document (PDF, DOCX, scan, text).
        file: PathBuf,
        /// Print without line numbers.
        #[arg(long)]
        plain: bool,
        /// OCR scanned pages with tesseract: auto (pages without a text
        /// layer), always, never.
        #[arg(long, value_enum, default_value_t = OcrMode::Auto)]
        ocr: OcrMode,
    },
    /// Normalise Thai text from stdin to stdout.
    Normalize {
        /// Print the repair counts (to stderr) as well: one `name<TAB>count`
        /// line per repair, then one `warning<TAB>line N<TAB>code<TAB>message`
        /// line per warning.
        #[arg(long)]
        report: bool,
        /// Where the text came from: text, docx, pdf (pdftotext-style text
        /// layer: enables the word-list-checked tone-mark moves) or ocr.
        #[arg(long, default_value = "text")]
        origin: String,
    },
    /// Print the record JSON Schema.
    Schema,
    /// Score records against gold files.
    Eval {
        /// Directory of gold files (`<stem>.json`).
        #[arg(long)]
        gold: PathBuf,
        /// The records.jsonl to score.
        records: PathBuf,
        /// Print every miss, not only the first ones per category.
        #[arg(long)]
        all_misses: bool,
        /// Write the scores as JSON to this file.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// Write seeded synthetic plans and reports with their gold files.
    Synth(synth::SynthArgs),
    /// Accuracy of synthetic records per variant class and per form.
    SynthEval(synth::SynthEvalArgs),
    /// Internal: extract one PDF in-process and print the RawDoc as JSON
    /// (the isolation worker spawned by the PDF extractor).
    #[command(hide = true)]
    PdfWorker { file: PathBuf },
}

/// The `--origin` names of `thaiplan normalize` (also the Python API's).
pub fn parse_origin(name: &str) -> Result<TextOrigin, String> {
    match name {
        "text" => Ok(TextOrigin::Text),
        "docx" => Ok(TextOrigin::Docx),
        "pdf" => Ok(TextOrigin::PdfTextLayer),
        "ocr" => Ok(TextOrigin::Ocr),
        o => Err(format!("unknown origin {o:?} (text, docx, pdf, ocr)")),
    }
}

/// Write a normalised document as `thaiplan text` prints it: numbered lines
/// (the numbers `source_span` uses) with page markers, or plain lines.
/// Shared with the Python API's `thaiplan.text`.
pub fn write_text(
    out: &mut impl Write,
    doc: &crate::model::NormDoc,
    plain: bool,
) -> std::io::Result<()> {
    let mut last_page = None;
    for (i, line) in doc.lines.iter().enumerate() {
        let page = doc.line_pages.get(i).copied().flatten();
        if plain {
            writeln!(out, "{line}")?;
        } else {
            if page.is_some() && page != last_page {
                writeln!(out, "      ---- page {} ----", page.unwrap_or(0))?;
            }
            writeln!(out, "{:>5}\t{line}", i + 1)?;
        }
        last_page = page;
    }
    Ok(())
}

pub fn main() -> i32 {
    main_with(std::env::args_os())
}

/// The command line on given arguments (the first is the program name): the
/// exit status, with clap's messages and `--help` printed as `parse()` would.
/// The Python wheel's fallback entry point calls this in-process.
pub fn main_with<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let code = match Cli::try_parse_from(args) {
        Ok(cli) => match run(cli) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("thaiplan: {e}");
                2
            }
        },
        Err(e) => {
            let _ = e.print();
            e.exit_code()
        }
    };
    let _ = std::io::stdout().flush();
    code
}

/// Commands whose output is meant for a pager or `head` die quietly on a
/// closed pipe, like other Unix tools (Rust ignores SIGPIPE, so a write
/// failed with "Broken pipe" before). Not for ingest: its PDF and OCR
/// children talk over pipes and a dead child must not kill the batch.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

pub fn run(cli: Cli) -> Result<i32, String> {
    if matches!(
        cli.command,
        Command::Text { .. } | Command::Normalize { .. } | Command::Schema | Command::Eval { .. }
    ) {
        quiet_on_closed_pipe();
    }
    match cli.command {
        Command::Forget { out, items } => ingest::forget(&out, &items),
        Command::Ingest(args) => ingest::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Review(args) => review::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Synth(args) => synth::run(args),
        Command::SynthEval(args) => synth::run_eval(args),
        Command::Text { file, plain, ocr } => {
            crate::extract::scratch::install_signal_cleanup();
            let opts = ExtractOptions {
                ocr,
                ..Default::default()
            };
            let bytes = crate::pipeline::read_input(&file)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            let doc = crate::pipeline::normalized_text(&file, &bytes, &opts)
                .map_err(|e| e.to_string())?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            write_text(&mut out, &doc, plain)
                .and_then(|()| out.flush())
                .map_err(|e| e.to_string())?;
            Ok(0)
        }
        Command::Normalize { report, origin } => {
            let origin = parse_origin(&origin)?;
            let mut input = Vec::new();
            std::io::stdin()
                .read_to_end(&mut input)
                .map_err(|e| e.to_string())?;
            let (text, _) = crate::extract::text::decode(&input);
            let (out, n) = crate::normalize::normalize_str(&text, origin);
            std::io::stdout()
                .write_all(out.as_bytes())
                .map_err(|e| e.to_string())?;
            if report {
                let mut err = std::io::stderr();
                // every known repair, zeros included, so that reports line up
                for k in crate::normalize::COUNTER_NAMES {
                    let _ = writeln!(err, "{k}\t{}", n.counts.get(k).copied().unwrap_or(0));
                }
                for (k, v) in &n.counts {
                    if !crate::normalize::COUNTER_NAMES.contains(&k.as_str()) {
                        let _ = writeln!(err, "{k}\t{v}");
                    }
                }
                for (line, code, msg) in &n.warnings {
                    let _ = writeln!(err, "warning\tline {}\t{code}\t{msg}", line + 1);
                }
            }
            Ok(0)
        }
        Command::Schema => {
            println!("{}", crate::RECORD_SCHEMA.trim_end());
            Ok(0)
        }
        Command::PdfWorker { file } => Ok(crate::extract::pdf::worker::worker_main(&file)),
        Command::Eval {
            gold,
            records,
            all_misses,
            json,
        } => crate::eval::run(&gold, &records, all_misses, json.as_deref()),
    }
}
