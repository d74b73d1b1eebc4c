//! The corrections file (RECORD.md v2): a person's fixes, kept outside the
//! pipeline and applied to every run's output.
//!
//! One JSON object a line: `sha256` (the document), `pointer` (RFC 6901
//! into the record), `value`, optional `by`, `at` (RFC 3339), `note`, and
//! optional `old` (an extension the review page writes: the value the
//! reviewer saw). Corrections are applied at output assembly, after the
//! record is loaded from the resume store, so the store keeps the
//! uncorrected record and a re-run (or `--force`) applies them again.
//!
//! A "verified" mark is a correction whose `value` equals the extracted
//! value: it is recorded in `corrections` with `old == new`.
//!
//! A correction is never applied to another document (it is keyed by
//! sha256) nor to another value: it is `correction_unresolved` (a warning on
//! the record, counted in summary.json) when its pointer does not resolve,
//! points at what the pipeline computes rather than reads (checks,
//! warnings, source, ...), the value does not fit the record's type there,
//! or `old` is given and the value there is now neither `old` nor `value`
//! (the pipeline changed and the pointer may now name another cell).

use crate::check::{self, Recheck};
use crate::model::{Correction, Record, Warning, WarningCode};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

pub const FILE_NAME: &str = "corrections.jsonl";
pub const UNRESOLVED: WarningCode = WarningCode::CorrectionUnresolved;

/// The record fields a correction may not touch: they are computed from the
/// read values (checks, warnings) or identify the input.
const NOT_CORRECTABLE: &[&str] = &[
    "schema_version",
    "source",
    "checks",
    "warnings",
    "normalization",
    "corrections",
];

/// One line of the corrections file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorrectionLine {
    pub sha256: String,
    pub pointer: String,
    pub value: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The value the reviewer saw (guards against a shifted pointer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
}

/// A loaded corrections file, by document, in file order.
#[derive(Debug, Default)]
pub struct Corrections {
    pub by_sha: BTreeMap<String, Vec<CorrectionLine>>,
    /// Lines that are not corrections (bad JSON, missing fields), as
    /// messages with the line number.
    pub invalid: Vec<String>,
}

impl Corrections {
    /// Read `path`; a missing file is an empty set.
    pub fn load(path: &Path) -> std::io::Result<Self> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(e),
        };
        let mut c = Corrections::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<CorrectionLine>(line) {
                Ok(l) if l.pointer.is_empty() || l.pointer.starts_with('/') => {
                    c.by_sha.entry(l.sha256.clone()).or_default().push(l)
                }
                Ok(l) => c.invalid.push(format!(
                    "{}:{}: pointer {:?} does not start with /",
                    path.display(),
                    i + 1,
                    l.pointer
                )),
                Err(e) => c.invalid.push(format!(
                    "{}:{}: not a correction: {e}",
                    path.display(),
                    i + 1
                )),
            }
        }
        Ok(c)
    }

    pub fn for_sha(&self, sha: &str) -> &[CorrectionLine] {
        self.by_sha.get(sha).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Append one line to a corrections file (created when missing). One
/// `write` of the whole line with O_APPEND, so concurrent writers never
/// interleave within a line.
pub fn append(path: &Path, line: &CorrectionLine) -> std::io::Result<()> {
    let mut text = serde_json::to_string(line).map_err(std::io::Error::other)?;
    text.push('\n');
    if let Some(d) = path.parent() {
        if !d.as_os_str().is_empty() {
            std::fs::create_dir_all(d)?;
        }
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_data()
}

/// JSON equality with numbers compared as numbers (a record holds 1000.0
/// where a person writes 1000).
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Unescape one RFC 6901 reference token.
fn token(t: &str) -> String {
    t.replace("~1", "/").replace("~0", "~")
}

/// Apply a document's corrections in file order, then re-run the checks when
/// anything changed. Returns (applied, unresolved).
pub fn apply(
    record: &mut Record,
    recheck: Option<&Recheck>,
    list: &[CorrectionLine],
) -> (u64, u64) {
    if list.is_empty() {
        return (0, 0);
    }
    let Ok(mut v) = serde_json::to_value(&*record) else {
        return (0, 0);
    };
    let mut applied: Vec<Correction> = Vec::new();
    let mut unresolved: Vec<Warning> = Vec::new();
    let mut unresolve = |c: &CorrectionLine, why: String| {
        unresolved.push(Warning::new(
            UNRESOLVED,
            format!("correction of {} not applied: {why}", c.pointer),
            None,
        ))
    };
    for c in list {
        let first = c.pointer.split('/').nth(1).map(token).unwrap_or_default();
        if NOT_CORRECTABLE.contains(&first.as_str()) {
            unresolve(
                c,
                format!("/{first} is computed, not read; correct the values it comes from"),
            );
            continue;
        }
        let Some(target) = v.pointer_mut(&c.pointer) else {
            unresolve(c, "the pointer does not resolve in this record".into());
            continue;
        };
        let old = target.clone();
        if let Some(seen) = &c.old {
            if !same_value(&old, seen) && !same_value(&old, &c.value) {
                unresolve(
                    c,
                    format!("the value there is now {old}, the reviewer saw {seen}"),
                );
                continue;
            }
        }
        *target = c.value.clone();
        // The corrected record must still be a record (a string in a money
        // cell would break every consumer).
        if let Err(e) = serde_json::from_value::<Record>(v.clone()) {
            if let Some(t) = v.pointer_mut(&c.pointer) {
                *t = old;
            }
            unresolve(c, format!("the value does not fit there: {e}"));
            continue;
        }
        // Nor may it break the schema (a dimension 7, a year 3566): refused
        // and reported rather than written and then removed again.
        if let Some(msg) = super::schema::error_at(&v, &c.pointer) {
            if let Some(t) = v.pointer_mut(&c.pointer) {
                *t = old;
            }
            unresolve(c, format!("the value breaks the schema: {msg}"));
            continue;
        }
        applied.push(Correction {
            pointer: c.pointer.clone(),
            old,
            new: c.value.clone(),
            by: c.by.clone(),
            at: c.at.clone(),
            note: c.note.clone(),
        });
    }
    let n_applied = applied.len() as u64;
    let n_unresolved = unresolved.len() as u64;
    if !applied.is_empty() {
        if let Ok(mut r) = serde_json::from_value::<Record>(v) {
            if let Some(rc) = recheck {
                check::rerun(&mut r, rc);
            }
            r.corrections.extend(applied);
            *record = r;
        }
    }
    record.warnings.extend(unresolved);
    (n_applied, n_unresolved)
}
