//! Stage 5: records.jsonl, errors.jsonl, summary.json, CSV exports, and the
//! resume state. Every output file is written atomically.

pub mod atomic;
pub mod corrections;
pub mod csv;
pub mod html;
pub mod parquet;
pub mod schema;
pub mod state;
pub mod summary;

use crate::error::DocError;
use crate::model::Record;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;

/// A table derived from every record: its name (the file stem), columns
/// and the rows one record gives. Each is written twice, as CSV (BOM, for
/// spreadsheets) and as typed Parquet.
pub struct TableSpec {
    pub name: &'static str,
    pub columns: &'static [&'static str],
    pub rows: fn(&Record) -> Vec<Vec<String>>,
}

/// Every derived table, in the order of the README.
pub const TABLES: &[TableSpec] = &[
    TableSpec {
        name: "projects",
        columns: csv::PROJECTS_COLUMNS,
        rows: csv::projects_rows,
    },
    TableSpec {
        name: "budget_rows",
        columns: csv::BUDGET_ROWS_COLUMNS,
        rows: csv::budget_rows_rows,
    },
    TableSpec {
        name: "panel",
        columns: csv::PANEL_COLUMNS,
        rows: csv::panel_rows,
    },
    TableSpec {
        name: "checks",
        columns: csv::CHECKS_COLUMNS,
        rows: csv::checks_rows,
    },
    TableSpec {
        name: "warnings",
        columns: csv::WARNINGS_COLUMNS,
        rows: csv::warnings_rows,
    },
];

/// The per-document files derived from the store (counted in
/// `bytes_per_document.output`; summary.json/html are a few KB per archive),
/// records and CSVs also in their ".gz" form (`ingest --compress`).
pub fn output_files() -> Vec<String> {
    let mut v = vec![
        "records.jsonl".to_string(),
        "records.jsonl.gz".to_string(),
        "errors.jsonl".to_string(),
    ];
    for t in TABLES {
        v.push(format!("{}.csv", t.name));
        v.push(format!("{}.csv.gz", t.name));
        v.push(format!("{}.parquet", t.name));
    }
    v
}

/// Whether the outputs in `out` are the compressed ones (records.jsonl.gz):
/// a later run into the same folder keeps that unless told otherwise.
pub fn outputs_compressed(out: &Path) -> bool {
    out.join("records.jsonl.gz").is_file() && !out.join("records.jsonl").is_file()
}

/// One line of `errors.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ErrorLine {
    pub path: String,
    pub sha256: Option<String>,
    pub stage: String,
    pub kind: String,
    pub message: String,
}

impl ErrorLine {
    pub fn from_doc_error(e: &DocError, path: &str, sha256: Option<String>) -> Self {
        ErrorLine {
            path: path.to_string(),
            sha256,
            stage: serde_json::to_value(e.stage)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
            kind: e.kind.as_str().to_string(),
            message: e.message.clone(),
        }
    }
}

/// A record as one JSONL line (no trailing newline).
pub fn record_line(r: &Record) -> String {
    // Serialising plain data structs cannot fail; fall back to an empty
    // object rather than panicking if it ever did.
    serde_json::to_string(r).unwrap_or_else(|_| "{}".to_string())
}

/// Writers for the outputs of one run, in the order records arrive.
pub struct Outputs {
    records: atomic::Sink,
    errors: atomic::AtomicFile,
    /// Per entry of [`TABLES`]: its CSV and its Parquet twin.
    tables: Vec<(atomic::Sink, parquet::Table)>,
    pub summary: summary::Summary,
}

impl Outputs {
    /// `compress`: records.jsonl.gz and *.csv.gz instead of the plain files
    /// (errors.jsonl stays plain: short, and read by people).
    pub fn create(out: &Path, compress: bool) -> std::io::Result<Self> {
        let mut tables = Vec::with_capacity(TABLES.len());
        for t in TABLES {
            let mut csv_file =
                atomic::Sink::create(&out.join(format!("{}.csv", t.name)), compress)?;
            csv::write_header(&mut csv_file, t.columns)?;
            let pq_file = atomic::AtomicFile::create(&out.join(format!("{}.parquet", t.name)))?;
            tables.push((
                csv_file,
                parquet::Table::create(pq_file, t.name, t.columns)?,
            ));
        }
        Ok(Outputs {
            tables,
            records: atomic::Sink::create(&out.join("records.jsonl"), compress)?,
            errors: atomic::AtomicFile::create(&out.join("errors.jsonl"))?,
            summary: summary::Summary::new(),
        })
    }

    /// Write a record, validated against the schema first ([`schema::enforce`]:
    /// a violating value is removed with a warning, never written).
    pub fn record(&mut self, r: &Record) -> std::io::Result<()> {
        if schema::is_valid(r) {
            return self.record_raw(&record_line(r), r);
        }
        let mut fixed = r.clone();
        schema::enforce(&mut fixed);
        self.record_raw(&record_line(&fixed), &fixed)
    }

    /// A record whose JSONL line is already made (merge copies lines verbatim).
    pub fn record_raw(&mut self, line: &str, r: &Record) -> std::io::Result<()> {
        writeln!(self.records, "{line}")?;
        for (spec, (csv_file, pq)) in TABLES.iter().zip(self.tables.iter_mut()) {
            let rows = (spec.rows)(r);
            csv::write_rows(csv_file, &rows)?;
            for row in rows {
                pq.push(row)?;
            }
        }
        self.summary.add_record(r);
        Ok(())
    }

    pub fn error(&mut self, e: &ErrorLine) -> std::io::Result<()> {
        writeln!(
            self.errors,
            "{}",
            serde_json::to_string(e).map_err(std::io::Error::other)?
        )?;
        self.summary.add_error(&e.kind);
        Ok(())
    }

    /// Make every file visible; returns the summary (not yet written).
    pub fn commit(self) -> std::io::Result<summary::Summary> {
        self.records.commit()?;
        self.errors.commit()?;
        for (csv_file, pq) in self.tables {
            csv_file.commit()?;
            pq.commit()?;
        }
        Ok(self.summary)
    }
}

pub fn write_summary(out: &Path, s: &summary::Summary) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(s).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    atomic::write_atomic(&out.join("summary.json"), &bytes)?;
    atomic::write_atomic(&out.join("summary.html"), html::render(s).as_bytes())
}
