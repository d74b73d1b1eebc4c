//! The resume store: one small file per finished document under
//! `OUT/.state/`, keyed by sha256 and written atomically. A re-run with the
//! same `--out` reads these instead of processing again; a killed run loses
//! nothing already stored.

use super::atomic::write_atomic;
use super::ErrorLine;
use crate::model::Record;
use serde::{Deserialize, Serialize};
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

    fn file(&self, sha256: &str) -> PathBuf {
        self.dir.join(format!("{sha256}.json"))
    }

    /// The stored result for this content under this pipeline version.
    pub fn get(&self, sha256: &str) -> Option<Stored> {
        let bytes = std::fs::read(self.file(sha256)).ok()?;
        let s: Stored = serde_json::from_slice(&bytes).ok()?;
        (s.pipeline_version == crate::PIPELINE_VERSION).then_some(s)
    }

    pub fn put(&self, sha256: &str, stored: &Stored) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(stored).map_err(std::io::Error::other)?;
        write_atomic(&self.file(sha256), &bytes)
    }
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
