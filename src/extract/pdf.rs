//! PDF text layer: glyphs with positions, ActualText, lines and tables by
//! geometry. (Issue 5: to be implemented.)
//!
//! Contract: `extract` returns the text lines of every page (RawLine.page
//! set), `pages` = page count, and `ocr_wanted` = the pages without a usable
//! text layer. It does not run OCR itself: `extract::extract` does.
//! Stub for now: counts pages and marks every page for OCR.

use super::ExtractOptions;
use crate::error::ExtractError;
use crate::model::{Extraction, Format, RawDoc, TextOrigin};
use std::path::Path;

pub fn extract(path: &Path, bytes: &[u8], _opts: &ExtractOptions) -> Result<RawDoc, ExtractError> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| ExtractError::Corrupt {
        path: path.into(),
        format: "PDF",
        detail: e.to_string(),
    })?;
    let n = doc.get_pages().len() as u32;
    let mut raw = RawDoc::from_lines(
        Format::Pdf,
        Extraction::TextLayer,
        TextOrigin::PdfTextLayer,
        Vec::new(),
    );
    raw.pages = Some(n);
    raw.ocr_wanted = (1..=n).collect();
    Ok(raw)
}
