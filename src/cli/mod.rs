//! Command-line interface: `thaiplan ingest|text|normalize|schema|eval|...`.

pub mod bench;
pub mod ingest;
pub mod inputs;
pub mod merge;
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
    /// Print a document's normalised text with the line numbers that
    /// `source_span` refers to.
    Text {
        file: PathBuf,
        /// Print without line numbers.
        #[arg(long)]
        plain: bool,
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
        #[arg(long)]
        gold: PathBuf,
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

pub fn main() -> i32 {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("thaiplan: {e}");
            2
        }
    }
}

pub fn run(cli: Cli) -> Result<i32, String> {
    match cli.command {
        Command::Ingest(args) => ingest::run(args),
        Command::Merge(args) => merge::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Synth(args) => synth::run(args),
        Command::SynthEval(args) => synth::run_eval(args),
        Command::Text { file, plain, ocr } => {
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
            let mut last_page = None;
            for (i, line) in doc.lines.iter().enumerate() {
                let page = doc.line_pages.get(i).copied().flatten();
                if plain {
                    writeln!(out, "{line}").map_err(|e| e.to_string())?;
                } else {
                    if page.is_some() && page != last_page {
                        writeln!(out, "      ---- page {} ----", page.unwrap_or(0))
                            .map_err(|e| e.to_string())?;
                    }
                    writeln!(out, "{:>5}\t{line}", i + 1).map_err(|e| e.to_string())?;
                }
                last_page = page;
            }
            Ok(0)
        }
        Command::Normalize { report, origin } => {
            let origin = match origin.as_str() {
                "text" => TextOrigin::Text,
                "docx" => TextOrigin::Docx,
                "pdf" => TextOrigin::PdfTextLayer,
                "ocr" => TextOrigin::Ocr,
                o => return Err(format!("unknown --origin {o:?} (text, docx, pdf, ocr)")),
            };
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
