//! Stage 1: bytes → [`RawDoc`] lines in the text-corpus line format
//! (TAB-separated cells, `<p>…</p>` paragraphs inside cells).

pub mod convert;
pub mod docx;
pub mod html;
pub mod ocr;
pub mod pdf;
pub mod scratch;
pub mod text;

use crate::error::ExtractError;
use crate::model::WarningCode;
use crate::model::{Extraction, Format, OcrPage, RawDoc, TextOrigin, Warning};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    /// Where scratch directories go (OCR page images, LibreOffice
    /// conversions); None = `$TMPDIR`. `ingest` uses `OUT/.tmp`.
    pub tmp_dir: Option<std::path::PathBuf>,
    /// Where long steps (OCR pages) report progress; none by default.
    pub progress: ProgressSink,
}

/// A progress callback for long steps inside one document (OCR pages).
#[derive(Clone, Default)]
pub struct ProgressSink(Option<Arc<ProgressFn>>);

type ProgressFn = dyn Fn(&str) + Send + Sync;

impl ProgressSink {
    pub fn new(f: impl Fn(&str) + Send + Sync + 'static) -> Self {
        ProgressSink(Some(Arc::new(f)))
    }

    pub fn say(&self, msg: &str) {
        if let Some(f) = &self.0 {
            f(msg)
        }
    }
}

impl std::fmt::Debug for ProgressSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "ProgressSink(on)"
        } else {
            "ProgressSink(off)"
        })
    }
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
            tmp_dir: None,
            progress: ProgressSink::default(),
        }
    }
}

/// What the bytes are: by content, the extension only breaking ties
/// between text and a tag-bearing web-page fragment (issue 13: "content
/// decides the reader").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Empty,
    Pdf,
    /// A zip: DOCX, or anything else the DOCX reader explains.
    Zip,
    /// An OpenDocument text (zip whose first entry `mimetype` says so).
    Odt,
    Ole,
    Rtf,
    Html,
    Text,
    Binary,
}

/// Magic bytes, in the order they are tried.
const ODT_MIME: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.text";

pub fn sniff(bytes: &[u8]) -> Sniffed {
    sniff_named(Path::new(""), bytes)
}

/// [`sniff`] with the file name: a text file named `.html`/`.htm` that
/// has tags is a page fragment.
pub fn sniff_named(path: &Path, bytes: &[u8]) -> Sniffed {
    if bytes.is_empty() {
        return Sniffed::Empty;
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Sniffed::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        // ODF stores `mimetype` first and uncompressed (ODF 1.2 §3.3).
        if bytes.get(30..30 + ODT_MIME.len()) == Some(ODT_MIME) {
            return Sniffed::Odt;
        }
        return Sniffed::Zip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Sniffed::Ole;
    }
    let trimmed = {
        let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
        &b[n..]
    };
    if trimmed.starts_with(b"{\\rtf") {
        return Sniffed::Rtf;
    }
    if html::looks_like_html(bytes) || html::looks_like_mhtml(bytes) {
        return Sniffed::Html;
    }
    if text::looks_like_text(bytes) {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(ext.as_str(), "html" | "htm" | "xhtml") && html::has_tags(bytes) {
            return Sniffed::Html;
        }
        Sniffed::Text
    } else {
        Sniffed::Binary
    }
}

/// The format a path will be read as, or None if it is not a document we read.
pub fn format_of(path: &Path, bytes: &[u8]) -> Option<Format> {
    match sniff_named(path, bytes) {
        Sniffed::Pdf => Some(Format::Pdf),
        Sniffed::Zip => Some(Format::Docx),
        Sniffed::Odt => Some(Format::Odt),
        Sniffed::Ole => Some(Format::Doc),
        Sniffed::Rtf => Some(Format::Rtf),
        Sniffed::Html => Some(Format::Html),
        Sniffed::Text => Some(Format::Text),
        Sniffed::Empty | Sniffed::Binary => None,
    }
}

/// Extract one document's lines from its bytes.
pub fn extract(path: &Path, bytes: &[u8], opts: &ExtractOptions) -> Result<RawDoc, ExtractError> {
    // One deadline for the whole document: the PDF worker, then OCR of all
    // its pages, or a LibreOffice conversion.
    let deadline = Instant::now() + Duration::from_secs(opts.timeout_secs.max(1));
    match sniff_named(path, bytes) {
        Sniffed::Empty => Err(ExtractError::EmptyFile),
        Sniffed::Pdf => {
            pdf::extract(path, bytes, opts).map(|raw| with_ocr(path, raw, bytes, opts, deadline))
        }
        Sniffed::Zip => docx::extract(path, bytes),
        Sniffed::Odt => converted(path, bytes, Format::Odt, opts, deadline),
        Sniffed::Rtf => converted(path, bytes, Format::Rtf, opts, deadline),
        Sniffed::Html => html::extract(path, bytes),
        Sniffed::Ole => {
            // An OLE file is either a legacy .doc or an encrypted OOXML package.
            // Needles built once (not per window: a large .doc is scanned whole).
            let utf16 = |s: &str, n: usize| -> Vec<u8> {
                s.encode_utf16()
                    .flat_map(|u| u.to_le_bytes())
                    .take(n)
                    .collect()
            };
            let enc = utf16("EncryptedPackage", 18);
            let word = utf16("WordDocument", 24);
            if bytes.windows(enc.len()).any(|w| w == enc.as_slice()) {
                Err(ExtractError::Encrypted {
                    detail: "password-protected Word file (OLE EncryptedPackage)".into(),
                })
            } else if !bytes.windows(word.len()).any(|w| w == word.as_slice()) {
                // Excel, Outlook, PowerPoint … or a damaged file: not Word.
                Err(ExtractError::Unsupported {
                    what: "OLE compound file without a WordDocument stream (not a Word .doc)"
                        .into(),
                })
            } else {
                converted(path, bytes, Format::Doc, opts, deadline)
            }
        }
        Sniffed::Text => text::extract(path, bytes),
        Sniffed::Binary => Err(ExtractError::Unsupported {
            what: "binary data that is neither PDF, DOCX, RTF, ODT, HTML nor text".into(),
        }),
    }
}

/// RTF, .doc, .odt: LibreOffice to DOCX, then the DOCX reader; the record
/// says what the file was (`format`) and a warning says it was converted.
fn converted(
    path: &Path,
    bytes: &[u8],
    format: Format,
    opts: &ExtractOptions,
    deadline: Instant,
) -> Result<RawDoc, ExtractError> {
    let deadline = deadline.min(Instant::now() + convert::MAX_CONVERSION);
    let docx = convert::to_docx(bytes, format, opts, deadline)?;
    let mut raw = docx::extract(path, &docx)?;
    raw.format = format;
    raw.warnings.push(Warning::new(
        WarningCode::ConvertedByLibreoffice,
        format!(
            "{}: {} converted to DOCX by LibreOffice before reading",
            path.display(),
            format.as_str().to_ascii_uppercase()
        ),
        None,
    ));
    Ok(raw)
}

/// Run OCR on the pages the PDF extractor could not read (`ocr_wanted`), or
/// on every page with `--ocr always`, and splice the OCR lines into page
/// order. Never fails: a page OCR could not read gets a warning.
fn with_ocr(
    path: &Path,
    mut raw: RawDoc,
    bytes: &[u8],
    opts: &ExtractOptions,
    deadline: Instant,
) -> RawDoc {
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
    let started = Instant::now();
    let report = |done: usize, total: usize| {
        opts.progress.say(&format!(
            "{}: OCR page {done}/{total}, {:.0} s",
            path.display(),
            started.elapsed().as_secs_f64()
        ))
    };
    let limits = ocr::OcrLimits {
        deadline: Some(deadline),
        tmp: opts.tmp_dir.as_deref(),
        progress: Some(&report),
    };
    let results = ocr::ocr_pages_limited(bytes, &pages, opts.ocr_cache.as_deref(), &limits);
    let mut cut: Vec<u32> = Vec::new();
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
            Err(ocr::OcrFailure::Deadline) => cut.push(page),
            Err(ocr::OcrFailure::Failed(why)) => {
                raw.warnings.push(Warning::new(
                    WarningCode::OcrFailed,
                    format!("page {page}: OCR failed: {why}"),
                    None,
                ));
            }
        }
    }
    if !cut.is_empty() {
        // The record is still written, flagged partial: which pages are missing.
        raw.warnings.push(Warning::new(
            WarningCode::OcrTimeout,
            format!(
                "OCR stopped at the {} s per-document limit (--timeout): {} of {} page(s) not read: {}; the record is partial",
                opts.timeout_secs,
                cut.len(),
                pages.len(),
                page_list(&cut)
            ),
            None,
        ));
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

/// A page-number line: digits (Arabic or Thai), optionally "หน้า" or dashes.
pub(crate) fn is_page_number(text: &str) -> bool {
    let t: String = text
        .trim()
        .trim_start_matches("หน้า")
        .chars()
        .filter(|c| !matches!(c, '-' | '–' | ' ' | '\u{2014}'))
        .collect();
    // Three digits at most: a lone year ("2568") at the top of a cover is
    // content, not a page number.
    !t.is_empty()
        && t.chars().count() <= 3
        && t.chars()
            .all(|c| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c))
}

/// "1-3, 7, 9-12": a page list that stays short for 100+ pages.
fn page_list(pages: &[u32]) -> String {
    let mut p = pages.to_vec();
    p.sort_unstable();
    p.dedup();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < p.len() {
        let mut j = i;
        while j + 1 < p.len() && p[j + 1] == p[j] + 1 {
            j += 1;
        }
        out.push(if j > i {
            format!("{}-{}", p[i], p[j])
        } else {
            p[i].to_string()
        });
        i = j + 1;
    }
    out.join(", ")
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
