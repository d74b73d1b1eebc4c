//! The archive store: one gzip file per distinct content under
//! `OUT/.state/<sha256>.json.gz`, written atomically, plus `index.jsonl`
//! (path -> sha256, manifest facts) naming every document of the archive.
//! A re-run with the same `--out` reads these instead of processing again; a
//! killed run loses nothing already stored; outputs are derived from the
//! index, so one `--out` grows across runs (issue 16).

use super::atomic::write_atomic;
use super::ErrorLine;
use crate::model::Record;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stored {
    pub pipeline_version: String,
    /// The path the document was first processed under (messages mention it).
    pub path: String,
    pub record: Option<Record>,
    pub error: Option<ErrorLine>,
    /// Needed to re-run checks on corrected values (absent in stores
    /// written before corrections existed: such a document is processed
    /// again when a correction names it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recheck: Option<crate::check::Recheck>,
}

pub struct StateDir {
    dir: PathBuf,
}

impl StateDir {
    pub fn open(out: &Path) -> std::io::Result<Self> {
        let dir = out.join(".state");
        std::fs::create_dir_all(&dir)?;
        // Temporary files of a killed run are garbage: never half-results.
        for d in [out, dir.as_path()] {
            if let Ok(rd) = std::fs::read_dir(d) {
                for e in rd.flatten() {
                    let name = e.file_name().to_string_lossy().to_string();
                    if name.starts_with('.') && name.contains(".tmp-") {
                        let _ = std::fs::remove_file(e.path());
                    }
                }
            }
        }
        Ok(StateDir { dir })
    }

    /// The compressed file of one content (gzip: the JSON shrinks ~10x on
    /// the corpus, see docs/decisions.md).
    pub fn file(&self, sha256: &str) -> PathBuf {
        self.dir.join(format!("{sha256}.json.gz"))
    }

    /// The uncompressed file of archives written before issue 16.
    fn legacy_file(&self, sha256: &str) -> PathBuf {
        self.dir.join(format!("{sha256}.json"))
    }

    /// The stored result for this content under this pipeline version.
    pub fn get(&self, sha256: &str) -> Option<Stored> {
        let bytes = match std::fs::File::open(self.file(sha256)) {
            Ok(f) => {
                let mut v = Vec::new();
                flate2::read::GzDecoder::new(f).read_to_end(&mut v).ok()?;
                v
            }
            Err(_) => std::fs::read(self.legacy_file(sha256)).ok()?,
        };
        let s: Stored = serde_json::from_slice(&bytes).ok()?;
        (s.pipeline_version == crate::PIPELINE_VERSION).then_some(s)
    }

    pub fn put(&self, sha256: &str, stored: &Stored) -> std::io::Result<()> {
        let json = serde_json::to_vec(stored).map_err(std::io::Error::other)?;
        let mut gz = flate2::write::GzEncoder::new(
            Vec::with_capacity(json.len() / 8),
            // Level 6 (flate2's default). Measured on 100 plan texts and the
            // 893-page PDF: level 1 makes the store 3x larger (61 vs 20
            // KB/doc), level 3 1.3x (26 KB/doc) for 0.03 s less on that PDF.
            flate2::Compression::default(),
        );
        gz.write_all(&json)?;
        write_atomic(&self.file(sha256), &gz.finish()?)?;
        // The uncompressed copy of an older run is now superseded.
        let _ = std::fs::remove_file(self.legacy_file(sha256));
        Ok(())
    }

    /// Bytes of the stored files of these contents plus the index.
    pub fn bytes_of<'a>(&self, shas: impl IntoIterator<Item = &'a str>) -> u64 {
        let mut seen = std::collections::HashSet::new();
        let mut n = file_len(&self.dir.join(INDEX));
        for sha in shas {
            if seen.insert(sha) {
                n += file_len(&self.file(sha)).max(file_len(&self.legacy_file(sha)));
            }
        }
        n
    }

    /// Every document of the archive, by path (empty for a new `--out`).
    /// A malformed line is skipped: the document is processed again.
    pub fn read_index(&self) -> BTreeMap<String, IndexEntry> {
        let mut m = BTreeMap::new();
        let Ok(f) = std::fs::File::open(self.dir.join(INDEX)) else {
            return m;
        };
        for line in std::io::BufReader::new(f).lines() {
            let Ok(line) = line else { break };
            if let Ok(e) = serde_json::from_str::<IndexEntry>(&line) {
                m.insert(e.path.clone(), e);
            }
        }
        m
    }

    pub fn write_index(&self, index: &BTreeMap<String, IndexEntry>) -> std::io::Result<()> {
        let mut buf = Vec::new();
        for e in index.values() {
            serde_json::to_writer(&mut buf, e).map_err(std::io::Error::other)?;
            buf.push(b'\n');
        }
        write_atomic(&self.dir.join(INDEX), &buf)
    }
}

const INDEX: &str = "index.jsonl";

fn file_len(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

/// One document of the archive: which content sits under which path, and
/// what its manifest said about it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IndexEntry {
    pub path: String,
    pub sha256: String,
    /// Input file size.
    pub bytes: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lao_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl Stored {
    /// The record or error as it applies to `path` (the same bytes may sit
    /// under several paths).
    pub fn for_path(mut self, path: &str) -> Self {
        if self.path != path {
            if let Some(r) = self.record.as_mut() {
                r.source.path = path.to_string();
            }
            if let Some(e) = self.error.as_mut() {
                e.message = e.message.replace(&self.path, path);
                e.path = path.to_string();
            }
            self.path = path.to_string();
        }
        self
    }
}
