//! Stage 1: bytes → [`RawDoc`] lines in the text-corpus line format
//! (TAB-separated cells, `<p>…</p>` paragraphs inside cells).

pub mod docx;
pub mod ocr;
pub mod pdf;
pub mod text;

use crate::error::ExtractError;
use crate::model::WarningCode;
use crate::model::{Extraction, Format, OcrPage, RawDoc, TextOrigin, Warning};
use std::path::Path;

/// Inputs larger than this are refused before reading (a 1 GB sparse file
/// must not be slurped into memory).
pub const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum OcrMode {
    Never,
    #[default]
    Auto,
    Always,
}

#[derive(Debug, Clone)]
pub struct ExtractOptions {
    pub ocr: OcrMode,
    /// Where OCR output is cached by page-image hash (None = no cache;
    /// default: `$THAIPLAN_OCR_CACHE`).
    pub ocr_cache: Option<std::path::PathBuf>,
    /// Per-document wall-clock limit for the PDF worker, seconds.
    pub timeout_secs: u64,
    /// Per-document address-space limit for the PDF worker, bytes.
    pub memory_limit: u64,
    /// Run PDF extraction in a worker subprocess (isolation). Tests and the
    /// worker itself run in-process.
    pub isolate: bool,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            ocr: OcrMode::Auto,
            // THAIPLAN_OCR_CACHE lets `thaiplan text` reuse OCR across runs.
            ocr_cache: std::env::var_os("THAIPLAN_OCR_CACHE").map(std::path::PathBuf::from),
            timeout_secs: 120,
            memory_limit: 4 * 1024 * 1024 * 1024,
            isolate: false,
        }
    }
}

/// What the bytes are, by content first and extension second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Pdf,
    Zip,
    Ole,
    Text,
    Binary,
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Sniffed::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Sniffed::Ole;
    }
    if text::looks_like_text(bytes) {
        Sniffed::Text
    } else {
        Sniffed::Binary
    }
}

/// The format a path will be read as, or None if it is not a document we read.
pub fn format_of(path: &Path, bytes: &[u8]) -> Option<Format> {
    match sniff(bytes) {
        Sniffed::Pdf => Some(Format::Pdf),
        Sniffed::Zip | Sniffed::Ole => Some(Format::Docx),
        Sniffed::Text => Some(Format::Text),
        Sniffed::Binary => {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            match ext.as_str() {
                "pdf" => Some(Format::Pdf),
                "docx" | "doc" => Some(Format::Docx),
                "txt" | "md" => Some(Format::Text),
                _ => None,
            }
        }
    }
}

/// Extract one document's lines from its bytes.
pub fn extract(path: &Path, bytes: &[u8], opts: &ExtractOptions) -> Result<RawDoc, ExtractError> {
    match sniff(bytes) {
        Sniffed::Pdf => pdf::extract(path, bytes, opts).map(|raw| with_ocr(raw, bytes, opts)),
        Sniffed::Zip => docx::extract(path, bytes),
        Sniffed::Ole => {
            // An OLE file is either a legacy .doc or an encrypted OOXML package.
            // Needle built once (not per window: a large .doc is scanned whole).
            let needle: Vec<u8> = "EncryptedPackage"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes())
                .take(18)
                .collect();
            if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
                Err(ExtractError::Encrypted {
                    detail: "password-protected Word file (OLE EncryptedPackage)".into(),
                })
            } else {
                Err(ExtractError::LegacyDoc)
            }
        }
        Sniffed::Text => text::extract(path, bytes),
        Sniffed::Binary => {
            if bytes.is_empty() {
                // An empty file is an (empty) text document: it yields a record
                // of kind unknown with a warning, not an error.
                return text::extract(path, bytes);
            }
            Err(ExtractError::Unsupported {
                what: "binary data that is neither PDF, DOCX nor text".into(),
            })
        }
    }
}

/// Run OCR on the pages the PDF extractor could not read (`ocr_wanted`), or
/// on every page with `--ocr always`, and splice the OCR lines into page
/// order. Never fails: a page OCR could not read gets a warning.
fn with_ocr(mut raw: RawDoc, bytes: &[u8], opts: &ExtractOptions) -> RawDoc {
    let pages: Vec<u32> = match opts.ocr {
        OcrMode::Never => Vec::new(),
        OcrMode::Auto => {
            let mut p = raw.ocr_wanted.clone();
            p.sort_unstable();
            p.dedup();
            p
        }
        OcrMode::Always => (1..=raw.pages.unwrap_or(0)).collect(),
    };
    let results = ocr::ocr_pages(bytes, &pages, opts.ocr_cache.as_deref());
    let mut got: Vec<u32> = Vec::new();
    let mut ocr_lines = Vec::new();
    let mut unavailable: Vec<u32> = Vec::new();
    let mut low: Vec<String> = Vec::new();
    for (page, res) in results {
        match res {
            Ok(t) => {
                raw.ocr_pages.push(OcrPage {
                    page,
                    confidence: t.confidence,
                });
                if let Some(c) = t.confidence {
                    if c < ocr::LOW_CONFIDENCE {
                        low.push(format!("{page} ({c:.0})"));
                    }
                }
                if !t.lines.is_empty() {
                    got.push(page);
                    ocr_lines.extend(t.lines);
                }
            }
            Err(ocr::OcrFailure::Unavailable(why)) => {
                unavailable.push(page);
                raw.warnings.push(Warning::new(
                    WarningCode::OcrUnavailable,
                    format!("page {page}: OCR unavailable: {why}"),
                    None,
                ));
            }
            Err(ocr::OcrFailure::Failed(why)) => {
                raw.warnings.push(Warning::new(
                    WarningCode::OcrFailed,
                    format!("page {page}: OCR failed: {why}"),
                    None,
                ));
            }
        }
    }
    if !low.is_empty() {
        raw.warnings.push(Warning::new(
            WarningCode::OcrLowConfidence,
            format!(
                "OCR mean word confidence under {:.0} on page(s) {}: check numbers by eye",
                ocr::LOW_CONFIDENCE,
                low.join(", ")
            ),
            None,
        ));
    }
    if !got.is_empty() {
        // OCR replaces whatever the text layer gave for those pages (it was
        // judged unusable, or --ocr always asked for OCR instead).
        raw.lines
            .retain(|l| !l.page.is_some_and(|p| got.contains(&p)));
        let had_text = raw.lines.iter().any(|l| !l.text.trim().is_empty());
        raw.lines.extend(ocr_lines);
        // Stable: keeps each page's own line order; page-less lines first.
        raw.lines.sort_by_key(|l| l.page.unwrap_or(0));
        raw.extraction = Extraction::Ocr;
        if !had_text {
            raw.origin = TextOrigin::Ocr;
        }
    }
    let unread: Vec<u32> = raw
        .ocr_wanted
        .iter()
        .copied()
        .filter(|p| !got.contains(p))
        .collect();
    if !unread.is_empty() {
        let list = unread
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let why = if opts.ocr == OcrMode::Never {
            " (--ocr never)"
        } else if !unavailable.is_empty() {
            " (OCR unavailable)"
        } else {
            ""
        };
        raw.warnings.push(Warning::new(
            WarningCode::NoTextLayer,
            format!("no usable text layer on page(s) {list}{why}"),
            None,
        ));
    }
    raw
}

/// Read a file with a size cap (never slurp a 1 GB sparse file).
pub fn read_input(path: &Path) -> Result<Vec<u8>, ExtractError> {
    let meta = std::fs::metadata(path).map_err(ExtractError::io)?;
    if !meta.is_file() {
        return Err(ExtractError::Unsupported {
            what: "not a regular file".into(),
        });
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(ExtractError::TooLarge {
            size: meta.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    std::fs::read(path).map_err(ExtractError::io)
}
