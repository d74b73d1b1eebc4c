//! One tesseract run per page image, bounded by a per-page limit and the
//! document's deadline (`--timeout`).

use super::{tesseract_bin, OcrFailure, LANGS, PSM};
use crate::extract::scratch::{run_bounded, RunError};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Separates the TSV from the plain text in one cached OCR result.
pub(super) const TXT_SEP: &str = "\n\u{1e}TXT\n";

/// Run tesseract on one image with a wall-clock limit. One run writes both
/// the TSV (boxes, confidences) and the plain text, whose spaces are
/// tesseract's own word-space decisions (better than box gaps for Thai).
/// Returns `TSV + TXT_SEP + text`.
pub(super) fn run_tesseract(
    img: &Path,
    limit: Duration,
    deadline: Instant,
) -> Result<String, OcrFailure> {
    // tesseract appends ".tsv" / ".txt" to this base name.
    let base = img.with_extension("ocr");
    let tsv_path = PathBuf::from(format!("{}.tsv", base.display()));
    let txt_path = PathBuf::from(format!("{}.txt", base.display()));
    let page_deadline = Instant::now() + limit;
    let status = run_bounded(
        Command::new(tesseract_bin())
            .arg(img)
            .arg(&base)
            .args(["-l", LANGS, "--psm", PSM, "txt", "tsv"])
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        page_deadline.min(deadline),
    )
    .map_err(|e| match e {
        RunError::Deadline if page_deadline < deadline => {
            OcrFailure::Failed(format!("tesseract timed out after {} s", limit.as_secs()))
        }
        RunError::Deadline => OcrFailure::Deadline,
        RunError::Spawn(e) => OcrFailure::Unavailable(format!("tesseract: {e}")),
        RunError::Wait(e) => OcrFailure::Failed(format!("tesseract: {e}")),
    })?;
    if !status.success {
        return Err(OcrFailure::Failed(format!(
            "tesseract exited with {}",
            status.code
        )));
    }
    let tsv =
        std::fs::read(&tsv_path).map_err(|e| OcrFailure::Failed(format!("tesseract TSV: {e}")))?;
    let txt = std::fs::read(&txt_path).unwrap_or_default();
    let _ = std::fs::remove_file(&tsv_path);
    let _ = std::fs::remove_file(&txt_path);
    Ok(format!(
        "{}{TXT_SEP}{}",
        String::from_utf8_lossy(&tsv),
        String::from_utf8_lossy(&txt)
    ))
}
