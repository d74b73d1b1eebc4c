//! Typed twins of the CSV exports (`projects.parquet`, `budget_rows.parquet`,
//! `panel.parquet`), written with the low-level `parquet` column writer (no
//! arrow: see docs/decisions.md for the build cost). The rows are the CSV
//! rows; each column has a type, so codes and missions stay strings, years
//! and counts are INT64, money DOUBLE, flags BOOLEAN. An empty cell is null.

use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use std::io;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Col {
    Str,
    Int,
    Money,
    Flag,
}

/// Column types of the CSV tables, by table and column name (anything else:
/// string). budget_rows.number is the number as printed (model: a string).
pub fn col_type(table: &str, name: &str) -> Col {
    match name {
        "number" if table == "budget_rows" => Col::Str,
        "project_index" | "number" | "dimension" | "year" | "fiscal_year" | "line_start"
        | "line_end" | "page" | "row_index" | "projects" => Col::Int,
        "budget_baht" | "stated" | "computed" => Col::Money,
        "inferred" | "ok" | "ocr" => Col::Flag,
        _ => Col::Str,
    }
}

/// Rows are buffered and written in row groups of at most this many rows
/// or this many bytes of cells, whichever comes first: 65,536 rows of the
/// five tables held 300 MB at once on a 4,000-document archive (peak RSS
/// 308 MB against 26 MB without them).
const ROW_GROUP: usize = 65_536;
const ROW_GROUP_BYTES: usize = 4 << 20;

pub struct Table {
    columns: Vec<(String, Col)>,
    rows: Vec<Vec<String>>,
    /// Bytes of the buffered cells.
    bytes: usize,
    writer: SerializedFileWriter<crate::emit::atomic::AtomicFile>,
}

fn pq(e: parquet::errors::ParquetError) -> io::Error {
    io::Error::other(e.to_string())
}

impl Table {
    pub fn create(
        file: crate::emit::atomic::AtomicFile,
        table: &str,
        names: &[&str],
    ) -> io::Result<Self> {
        use parquet::basic::{LogicalType, Repetition, Type as Physical};
        let columns: Vec<(String, Col)> = names
            .iter()
            .map(|n| (n.to_string(), col_type(table, n)))
            .collect();
        let fields = columns
            .iter()
            .map(|(n, c)| {
                let b = match c {
                    Col::Str => Type::primitive_type_builder(n, Physical::BYTE_ARRAY)
                        .with_logical_type(Some(LogicalType::String)),
                    Col::Int => Type::primitive_type_builder(n, Physical::INT64),
                    Col::Money => Type::primitive_type_builder(n, Physical::DOUBLE),
                    Col::Flag => Type::primitive_type_builder(n, Physical::BOOLEAN),
                };
                b.with_repetition(Repetition::OPTIONAL)
                    .build()
                    .map(Arc::new)
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(pq)?;
        let schema = Type::group_type_builder(table)
            .with_fields(fields)
            .build()
            .map_err(pq)?;
        // GZIP pages (flate2's pure-Rust backend, already a dependency):
        // every reader (pyarrow, DuckDB, R arrow) has it; the corpus tables
        // shrink about 3x (docs/decisions.md).
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(parquet::basic::Compression::GZIP(Default::default()))
                .build(),
        );
        let writer = SerializedFileWriter::new(file, Arc::new(schema), props).map_err(pq)?;
        Ok(Table {
            columns,
            rows: Vec::new(),
            bytes: 0,
            writer,
        })
    }

    pub fn push(&mut self, row: Vec<String>) -> io::Result<()> {
        // A cell costs its bytes plus a String's 24-byte header.
        self.bytes += row.iter().map(|c| c.len() + 24).sum::<usize>();
        self.rows.push(row);
        if self.rows.len() >= ROW_GROUP || self.bytes >= ROW_GROUP_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.rows);
        self.bytes = 0;
        let mut rg = self.writer.next_row_group().map_err(pq)?;
        let mut i = 0;
        while let Some(mut col) = rg.next_column().map_err(pq)? {
            let kind = self.columns.get(i).map(|c| c.1).unwrap_or(Col::Str);
            let cells = rows
                .iter()
                .map(|r| r.get(i).map(String::as_str).unwrap_or(""));
            let mut def = Vec::with_capacity(rows.len());
            match kind {
                Col::Str => {
                    let mut v = Vec::new();
                    for c in cells {
                        def.push((!c.is_empty()) as i16);
                        if !c.is_empty() {
                            v.push(ByteArray::from(c.as_bytes().to_vec()));
                        }
                    }
                    col.typed::<ByteArrayType>()
                        .write_batch(&v, Some(&def), None)
                        .map_err(pq)?;
                }
                Col::Int => {
                    let mut v = Vec::new();
                    for c in cells {
                        // Cells come from integers we formatted: a parse
                        // failure cannot happen; it would be null, never 0.
                        let x = c.parse::<i64>().ok();
                        def.push(x.is_some() as i16);
                        v.extend(x);
                    }
                    col.typed::<Int64Type>()
                        .write_batch(&v, Some(&def), None)
                        .map_err(pq)?;
                }
                Col::Money => {
                    let mut v = Vec::new();
                    for c in cells {
                        let x = c.parse::<f64>().ok();
                        def.push(x.is_some() as i16);
                        v.extend(x);
                    }
                    col.typed::<DoubleType>()
                        .write_batch(&v, Some(&def), None)
                        .map_err(pq)?;
                }
                Col::Flag => {
                    let mut v = Vec::new();
                    for c in cells {
                        let x = match c {
                            "true" => Some(true),
                            "false" => Some(false),
                            _ => None,
                        };
                        def.push(x.is_some() as i16);
                        v.extend(x);
                    }
                    col.typed::<BoolType>()
                        .write_batch(&v, Some(&def), None)
                        .map_err(pq)?;
                }
            }
            col.close().map_err(pq)?;
            i += 1;
        }
        rg.close().map_err(pq)?;
        Ok(())
    }

    /// Write the last row group and the footer; the file becomes visible.
    pub fn commit(mut self) -> io::Result<()> {
        self.flush()?;
        let file = self.writer.into_inner().map_err(pq)?;
        file.commit()
    }
}
