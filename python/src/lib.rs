//! `thaiplan._native`: the Rust half of the Python API (the Python half,
//! with the docstrings users see, is `python/thaiplan/`).
//!
//! Every entry point runs the library's own code (`thaiplan::cli`,
//! `thaiplan::pipeline`, `thaiplan::normalize`): nothing is re-implemented.
//! Each one releases the GIL while Rust works (`Python::detach`, called
//! `allow_threads` before pyo3 0.26) and catches panics, so nothing unwinds
//! into the interpreter; a failure becomes `thaiplan.ThaiplanError` carrying
//! the error kind (the same kinds as `errors.jsonl`, plus `usage`, `run` and
//! `panic`).

use clap::Parser;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use std::ffi::OsString;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use thaiplan::cli::{Cli, Command};
use thaiplan::error::DocError;
use thaiplan::extract::{ExtractOptions, OcrMode};

/// A failure on its way to Python (built without the GIL, raised with it).
struct Failure {
    kind: String,
    stage: Option<String>,
    path: Option<String>,
    message: String,
}

impl Failure {
    fn new(kind: &str, message: impl Into<String>) -> Self {
        Failure {
            kind: kind.into(),
            stage: None,
            path: None,
            message: message.into(),
        }
    }

    fn from_doc(e: DocError) -> Self {
        Failure {
            kind: e.kind.as_str().to_string(),
            // Stage serialises in lowercase in errors.jsonl; Debug is its name.
            stage: Some(format!("{:?}", e.stage).to_lowercase()),
            path: Some(e.path.to_string_lossy().into_owned()),
            message: e.message,
        }
    }

    /// `thaiplan.ThaiplanError(message, kind, stage, path)`; a RuntimeError
    /// with the kind in its text if the Python package cannot be imported
    /// (the extension used on its own).
    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        let made = py
            .import("thaiplan._errors")
            .and_then(|m| m.getattr("ThaiplanError"))
            .and_then(|cls| {
                cls.call1((
                    self.message.as_str(),
                    self.kind.as_str(),
                    self.stage.as_deref(),
                    self.path.as_deref(),
                ))
            });
        match made {
            Ok(exc) => PyErr::from_value(exc),
            Err(_) => PyRuntimeError::new_err(format!("[{}] {}", self.kind, self.message)),
        }
    }
}

fn panic_message(p: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// Run `f` without the GIL and with panics caught.
fn guarded<T, F>(py: Python<'_>, f: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce() -> Result<T, Failure> + Send,
{
    py.detach(move || {
        catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| {
            Err(Failure::new(
                "panic",
                format!("thaiplan crashed: {}", panic_message(p)),
            ))
        })
    })
    .map_err(|f| f.into_pyerr(py))
}

fn parse_ocr(name: &str) -> Result<OcrMode, Failure> {
    <OcrMode as clap::ValueEnum>::from_str(name, true).map_err(|_| {
        Failure::new(
            "usage",
            format!("unknown ocr {name:?} (never, auto, always)"),
        )
    })
}

/// Run `thaiplan ingest ARGS...` in this process (ARGS as on the command
/// line, without the program and subcommand names). Returns the exit status:
/// 0 when every document gave a record, 1 when some failed (see
/// errors.jsonl). Raises ThaiplanError (kind "usage") on bad arguments and
/// (kind "run") when the run itself cannot proceed.
#[pyfunction]
fn ingest(py: Python<'_>, args: Vec<OsString>) -> PyResult<i32> {
    guarded(py, move || {
        let mut argv: Vec<OsString> = vec!["thaiplan".into(), "ingest".into()];
        argv.extend(args);
        let cli = Cli::try_parse_from(argv).map_err(|e| {
            // clap's first line ("error: unexpected argument '--bogus'
            // found"); its tips speak of the command line, not Python.
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("bad arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            Failure::new("usage", format!("{first} (see `thaiplan ingest --help`)"))
        })?;
        match cli.command {
            Command::Ingest(a) => thaiplan::cli::ingest::run(a).map_err(|m| Failure::new("run", m)),
            _ => Err(Failure::new("usage", "not an ingest command line")),
        }
    })
}

/// The normalised text of one document as `thaiplan text` prints it:
/// numbered lines (the numbers `source_span` uses) with page markers, or
/// plain lines.
#[pyfunction]
#[pyo3(signature = (path, ocr = "auto", plain = false))]
fn text(py: Python<'_>, path: PathBuf, ocr: &str, plain: bool) -> PyResult<String> {
    let ocr = parse_ocr(ocr).map_err(|f| f.into_pyerr(py))?;
    guarded(py, move || {
        let opts = ExtractOptions {
            ocr,
            ..Default::default()
        };
        let bytes = thaiplan::pipeline::read_input(&path).map_err(|e| {
            let mut d = DocError::from_extract(&path, e);
            d.stage = thaiplan::error::Stage::Read;
            Failure::from_doc(d)
        })?;
        let doc =
            thaiplan::pipeline::normalized_text(&path, &bytes, &opts).map_err(Failure::from_doc)?;
        let mut out = Vec::new();
        thaiplan::cli::write_text(&mut out, &doc, plain)
            .map_err(|e| Failure::new("io", e.to_string()))?;
        String::from_utf8(out).map_err(|e| Failure::new("io", e.to_string()))
    })
}

/// Normalise Thai text (`thaiplan normalize`): the text, line for line, and
/// the repair counts as (name, count) pairs in the order
/// `thaiplan normalize --report` prints them (every known repair, zeros
/// included, then any other counter).
#[pyfunction]
#[pyo3(signature = (s, origin = "text"))]
fn normalize(py: Python<'_>, s: String, origin: &str) -> PyResult<(String, Vec<(String, u64)>)> {
    let origin =
        thaiplan::cli::parse_origin(origin).map_err(|m| Failure::new("usage", m).into_pyerr(py))?;
    guarded(py, move || {
        let (out, mut n) = thaiplan::normalize::normalize_str(&s, origin);
        let mut counts: Vec<(String, u64)> = thaiplan::normalize::COUNTER_NAMES
            .iter()
            .map(|k| (k.to_string(), n.counts.remove(*k).unwrap_or(0)))
            .collect();
        counts.extend(n.counts);
        Ok((out, counts))
    })
}

/// The whole command line in this process (argv[0] is the program name);
/// returns the exit status. The `thaiplan` command uses this only when the
/// wheel carries no bundled binary (e.g. after `maturin develop`).
#[pyfunction]
fn cli(py: Python<'_>, argv: Vec<OsString>) -> PyResult<i32> {
    guarded(py, move || Ok(thaiplan::cli::main_with(argv)))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(ingest, m)?)?;
    m.add_function(wrap_pyfunction!(text, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(cli, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("PIPELINE_VERSION", thaiplan::PIPELINE_VERSION)?;
    m.add("RECORD_SCHEMA", thaiplan::RECORD_SCHEMA)?;
    Ok(())
}
