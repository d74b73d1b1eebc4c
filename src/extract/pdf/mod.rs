//! PDF text layer: glyphs with positions, ActualText, lines and tables by
//! geometry.
//!
//! Contract: `extract` returns the text lines of every page (RawLine.page
//! set), `pages` = page count, and `ocr_wanted` = the pages without a usable
//! text layer. It does not run OCR itself: `extract::extract` does.
//!
//! - `content`: content-stream interpreter (text state, CTM, marked content
//!   with /ActualText, ruling paths, form XObjects);
//! - `font`: ToUnicode CMaps, simple encodings, widths;
//! - `layout`: baseline clustering, mark attachment, spaces, tables;
//! - `worker`: the isolation subprocess (`thaiplan pdf-worker FILE`).

pub mod content;
pub mod font;
pub mod layout;
pub mod worker;

use super::ExtractOptions;
use crate::error::ExtractError;
use crate::model::{Extraction, Format, RawDoc, RawLine, TextOrigin};
use layout::Item;
use std::path::Path;

pub fn extract(path: &Path, bytes: &[u8], opts: &ExtractOptions) -> Result<RawDoc, ExtractError> {
    if opts.isolate {
        return worker::run_isolated(path, opts);
    }
    extract_in_process(path, bytes)
}

fn corrupt(path: &Path, detail: impl ToString) -> ExtractError {
    ExtractError::Corrupt {
        path: path.into(),
        format: "PDF",
        detail: detail.to_string(),
    }
}

/// Open a PDF, decrypting with the empty user password when needed.
pub fn open(path: &Path, bytes: &[u8]) -> Result<lopdf::Document, ExtractError> {
    let mut doc = lopdf::Document::load_mem(bytes).map_err(|e| {
        let msg = e.to_string();
        if msg.to_ascii_lowercase().contains("encrypt")
            || msg.to_ascii_lowercase().contains("decrypt")
        {
            ExtractError::Encrypted {
                path: path.into(),
                detail: msg,
            }
        } else {
            corrupt(path, msg)
        }
    })?;
    if doc.is_encrypted() {
        doc.decrypt("").map_err(|e| ExtractError::Encrypted {
            path: path.into(),
            detail: format!("needs a password (the empty user password did not open it: {e})"),
        })?;
    }
    Ok(doc)
}

pub fn extract_in_process(path: &Path, bytes: &[u8]) -> Result<RawDoc, ExtractError> {
    let doc = open(path, bytes)?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(corrupt(path, "no pages (page tree missing or unreadable)"));
    }
    let mut interp = content::Interp::new(&doc);
    let mut raw = RawDoc::from_lines(
        Format::Pdf,
        Extraction::TextLayer,
        TextOrigin::PdfTextLayer,
        Vec::new(),
    );
    raw.pages = Some(pages.len() as u32);
    let mut page_items: Vec<(u32, Vec<Item>, f64)> = Vec::new();
    let mut actual = 0u64;
    let mut bad_pages = 0usize;
    for (&no, &id) in &pages {
        let height = page_height(&doc, id);
        let pc = match interp.page(id) {
            Ok(pc) => pc,
            Err(e) => {
                // One unreadable page goes to OCR; the others still count.
                bad_pages += 1;
                raw.warnings.push(crate::model::Warning::new(
                    "pdf_page_unreadable",
                    format!("page {no}: {e}"),
                    None,
                ));
                raw.ocr_wanted.push(no);
                page_items.push((no, Vec::new(), height));
                continue;
            }
        };
        actual += pc.actual_text_spans;
        if !usable_text(&pc.glyphs) {
            raw.ocr_wanted.push(no);
        }
        page_items.push((no, layout::layout_page(pc), height));
    }
    if bad_pages == pages.len() {
        return Err(corrupt(path, "no page content could be read"));
    }
    let mut counts = Counts::default();
    remove_page_numbers(&mut page_items, &mut counts);
    remove_repeated_headers(&mut page_items, &mut counts);
    let mut flat: Vec<(u32, Item)> = Vec::new();
    for (no, items, _) in &page_items {
        let first_on_page = flat.len();
        for it in join_paragraphs(items) {
            // A table row split by a page break continues in the first row
            // of the next page: join it cell by cell.
            if flat.len() == first_on_page && it.row.is_some() {
                if let Some((_, prev)) = flat.last_mut() {
                    if continues_row(prev, &it) {
                        for (a, b) in prev.cells.iter_mut().zip(&it.cells) {
                            *a = layout::join_wrapped(&[std::mem::take(a), b.clone()]);
                        }
                        prev.text = prev.cells.join("\t");
                        counts.split_rows += 1;
                        continue;
                    }
                }
            }
            flat.push((*no, it));
        }
    }
    for (no, it) in flat {
        raw.lines.push(RawLine {
            text: it.text,
            page: Some(no),
            hints: Default::default(),
        });
    }
    raw.counts.insert("split_rows".into(), counts.split_rows);
    raw.counts
        .insert("page_numbers".into(), counts.page_numbers);
    raw.counts
        .insert("repeated_headers".into(), counts.repeated_headers);
    raw.counts.insert("actual_text".into(), actual);
    Ok(raw)
}

fn page_height(doc: &lopdf::Document, id: lopdf::ObjectId) -> f64 {
    let mut cur = doc.get_dictionary(id).ok();
    for _ in 0..32 {
        let Some(d) = cur else { break };
        if let Ok(a) = d
            .get(b"MediaBox")
            .and_then(|o| match o {
                lopdf::Object::Reference(r) => doc.get_object(*r),
                o => Ok(o),
            })
            .and_then(|o| o.as_array())
        {
            let v: Vec<f64> = a
                .iter()
                .filter_map(|o| o.as_float().ok())
                .map(f64::from)
                .collect();
            if v.len() == 4 {
                return (v[3] - v[1]).abs();
            }
        }
        cur = d
            .get(b"Parent")
            .and_then(|o| o.as_reference())
            .and_then(|r| doc.get_dictionary(r))
            .ok();
    }
    842.0
}

/// A page's text layer is usable if it has letters or digits and is not
/// mostly replacement characters, controls or unknown private-use code
/// points (known Thai PUA glyphs are mapped by the normaliser).
fn usable_text(glyphs: &[content::Glyph]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for g in glyphs {
        for c in g.text.chars() {
            let u = c as u32;
            if c == '\u{FFFD}'
                || (c.is_control() && !c.is_whitespace())
                || ((0xE000..=0xF8FF).contains(&u)
                    && !(0xF700..=0xF71A).contains(&u)
                    && !(0xF884..=0xF89E).contains(&u)
                    && u != 0xF0B7)
            {
                bad += 1;
            } else if c.is_alphanumeric() || (0xF700..=0xF89E).contains(&u) {
                good += 1;
            }
        }
    }
    good > 0 && bad * 2 <= good + bad
}

#[derive(Default)]
struct Counts {
    split_rows: u64,
    page_numbers: u64,
    repeated_headers: u64,
}

/// A page-number line: digits (Arabic or Thai), optionally "หน้า" or dashes.
fn is_page_number(text: &str) -> bool {
    let t: String = text
        .trim()
        .trim_start_matches("หน้า")
        .chars()
        .filter(|c| !matches!(c, '-' | '–' | ' ' | '\u{2014}'))
        .collect();
    !t.is_empty()
        && t.chars().count() <= 4
        && t.chars()
            .all(|c| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c))
}

/// Remove digits-only lines at the top or bottom edge of a page.
fn remove_page_numbers(pages: &mut [(u32, Vec<Item>, f64)], counts: &mut Counts) {
    for (_, items, height) in pages.iter_mut() {
        let h = *height;
        let mut drop = Vec::new();
        let n = items.len();
        for idx in [0usize, n.saturating_sub(1)] {
            if let Some(it) = items.get(idx) {
                let at_edge = it.top > 0.85 * h || it.y < 0.15 * h;
                if it.row.is_none() && at_edge && is_page_number(&it.text) && !drop.contains(&idx) {
                    drop.push(idx);
                }
            }
        }
        drop.sort_unstable();
        for idx in drop.into_iter().rev() {
            items.remove(idx);
            counts.page_numbers += 1;
        }
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Drop header rows that a table repeats at the top of each page. The first
/// one or two rows of a table are its header; a table that opens a page with
/// those rows is a continuation.
fn remove_repeated_headers(pages: &mut [(u32, Vec<Item>, f64)], counts: &mut Counts) {
    let mut headers: Vec<String> = Vec::new();
    for (_, items, _) in pages.iter_mut() {
        let mut tables_seen: Vec<usize> = Vec::new();
        let mut drop = Vec::new();
        let mut first_table_rows: Vec<(usize, usize)> = Vec::new(); // (item idx, row)
        for (i, it) in items.iter().enumerate() {
            if let Some((t, r)) = it.row {
                if !tables_seen.contains(&t) {
                    tables_seen.push(t);
                }
                if tables_seen.first() == Some(&t) {
                    first_table_rows.push((i, r));
                }
            }
        }
        // Continuation: leading rows of the page's first table equal a remembered header.
        let mut k = 0;
        while k < first_table_rows.len().min(2) {
            let (i, _) = first_table_rows[k];
            let key = squash(&items[i].text);
            if !headers.is_empty() && headers.contains(&key) {
                drop.push(i);
                k += 1;
            } else {
                break;
            }
        }
        // Remember the header rows of every table that starts on this page.
        let continued = !drop.is_empty();
        for (ti, &t) in tables_seen.iter().enumerate() {
            if ti == 0 && continued {
                continue;
            }
            let rows: Vec<String> = items
                .iter()
                .filter(|it| it.row.is_some_and(|(tt, _)| tt == t))
                .take(2)
                .map(|it| squash(&it.text))
                .collect();
            if !rows.is_empty() {
                headers = rows;
            }
        }
        for i in drop.into_iter().rev() {
            items.remove(i);
            counts.repeated_headers += 1;
        }
    }
}

/// Does a line open a new paragraph by its first characters (list number,
/// bullet, heading word)?
fn starts_block(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.chars();
    let first = chars.next().unwrap_or(' ');
    if matches!(
        first,
        '-' | '•' | '\u{F0B7}' | '*' | '(' | '●' | '○' | '▪' | '■' | '❖' | '✓'
    ) {
        return true;
    }
    let digits: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(c))
        .collect();
    if !digits.is_empty() {
        let rest = &t[digits.len()..];
        if rest.starts_with('.') || rest.starts_with(')') {
            return true;
        }
    }
    [
        "ส่วนที่",
        "มิติที่",
        "ภารกิจ",
        "หมายเหตุ",
        "ลงชื่อ",
        "เรื่อง",
        "เรียน",
        "ที่ ",
    ]
    .iter()
    .any(|w| t.starts_with(w))
}

/// Join the visual lines of a paragraph: a line continues the previous one if
/// they are close in pitch and size, the previous one runs to the right edge
/// of the text, and the new one is not indented further or opens a block.
fn join_paragraphs(items: &[Item]) -> Vec<Item> {
    let right_edge = {
        let mut r: Vec<f64> = items
            .iter()
            .filter(|i| i.row.is_none())
            .map(|i| i.right)
            .collect();
        r.sort_by(f64::total_cmp);
        // A high percentile, not the max: one overlong line must not move it.
        r.get(r.len().saturating_sub(1).saturating_sub(r.len() / 10))
            .copied()
            .unwrap_or(0.0)
    };
    let mut out: Vec<Item> = Vec::new();
    let mut prev: Option<&Item> = None;
    for it in items {
        let join = match prev {
            Some(p) if p.row.is_none() && it.row.is_none() => {
                let pitch = p.y - it.y;
                let size = p.size.max(it.size);
                (p.size - it.size).abs() <= 0.15 * size
                    && pitch > 0.8 * size
                    && pitch < 2.1 * size
                    && p.right >= right_edge - 3.5 * size
                    && it.left <= p.left + 0.5 * size
                    && !starts_block(&it.text)
            }
            _ => false,
        };
        match (join, out.last_mut()) {
            (true, Some(last)) => {
                last.text =
                    layout::join_wrapped(&[std::mem::take(&mut last.text), it.text.clone()]);
                last.y = it.y;
                last.right = it.right;
                last.left = it.left;
            }
            _ => out.push(it.clone()),
        }
        prev = Some(it);
    }
    out
}

/// Is `next` (the first item of a page) the rest of table row `prev` (the
/// last item of the previous page)? Same columns, and fewer filled cells:
/// the short cells of a split row end on the first page, while a new row
/// fills its cells (a vertically merged first column stays empty in both).
fn continues_row(prev: &Item, next: &Item) -> bool {
    if prev.row.is_none()
        || next.row.is_none()
        || prev.cols.len() != next.cols.len()
        || prev.cells.len() != next.cells.len()
    {
        return false;
    }
    if prev
        .cols
        .iter()
        .zip(&next.cols)
        .any(|(a, b)| (a - b).abs() > 2.0)
    {
        return false;
    }
    let filled = |it: &Item| it.cells.iter().filter(|c| !c.trim().is_empty()).count();
    filled(next) < filled(prev)
}
