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
//! - `glyphs`: TrueType glyph boxes, to re-map Thai marks whose ToUnicode
//!   entry contradicts the glyph (re-distilled LibreOffice PDFs);
//! - `layout`: baseline clustering, mark attachment, spaces, tables;
//! - `worker`: the isolation subprocess (`thaiplan pdf-worker FILE`).

pub mod content;
pub mod font;
pub mod glyphs;
pub mod layout;
pub mod worker;

use super::{is_page_number, ExtractOptions};
use crate::error::ExtractError;
use crate::model::WarningCode;
use crate::model::{Extraction, Format, RawDoc, RawLine, TextOrigin};
use layout::Item;
use std::path::Path;

pub fn extract(path: &Path, bytes: &[u8], opts: &ExtractOptions) -> Result<RawDoc, ExtractError> {
    if opts.isolate {
        return worker::run_isolated(path, opts);
    }
    extract_in_process(bytes)
}

fn corrupt(detail: impl ToString) -> ExtractError {
    ExtractError::Corrupt {
        format: "PDF".into(),
        detail: detail.to_string(),
    }
}

/// Open a PDF, decrypting with the empty user password when needed (RC4,
/// AES-128 and AES-256: lopdf ≥ 0.36 implements the standard security
/// handler up to revision 6). Damage poppler and MuPDF read through is read
/// through here too (lopdf finds `%PDF-` after leading bytes and rebuilds a
/// wrong or damaged xref by scanning for objects); what was repaired comes
/// back as warning texts for a `pdf_repaired` warning.
pub fn open(bytes: &[u8]) -> Result<(lopdf::Document, Vec<String>), ExtractError> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| {
        let msg = e.to_string();
        if msg.to_ascii_lowercase().contains("encrypt")
            || msg.to_ascii_lowercase().contains("decrypt")
            || msg.to_ascii_lowercase().contains("password")
        {
            ExtractError::Encrypted { detail: msg }
        } else {
            corrupt(msg)
        }
    })?;
    // lopdf opens with the empty user password by itself; a document that
    // is still encrypted needs a real one.
    if doc.is_encrypted() {
        return Err(ExtractError::Encrypted {
            detail: format!(
                "needs a password: the empty user password does not open it ({})",
                security_handler(&doc)
            ),
        });
    }
    let repaired = repairs(bytes, &doc);
    Ok((doc, repaired))
}

/// "AES-256, security handler revision 6" and the like, for error messages.
fn security_handler(doc: &lopdf::Document) -> String {
    let Ok(enc) = doc.get_encrypted() else {
        return "unknown security handler".into();
    };
    let int = |k: &[u8]| enc.get(k).and_then(|o| o.as_i64()).ok();
    let (v, r) = (int(b"V").unwrap_or(0), int(b"R").unwrap_or(0));
    let filter = enc
        .get(b"Filter")
        .and_then(|o| o.as_name())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default();
    let cipher = match v {
        5 => "AES-256",
        4 => {
            // The stream filter's method names the cipher (AESV2 or V2 = RC4).
            let stmf = enc.get(b"StmF").and_then(|o| o.as_name()).ok();
            let cfm = stmf.and_then(|n| {
                enc.get(b"CF")
                    .and_then(|o| o.as_dict())
                    .and_then(|cf| cf.get(n))
                    .and_then(|o| o.as_dict())
                    .and_then(|d| d.get(b"CFM"))
                    .and_then(|o| o.as_name())
                    .ok()
            });
            if cfm == Some(b"AESV2".as_slice()) {
                "AES-128"
            } else {
                "RC4-128"
            }
        }
        _ => "RC4",
    };
    if filter == "Standard" {
        format!("{cipher}, standard security handler revision {r}")
    } else {
        format!("security handler /{filter}, V {v}")
    }
}

/// What had to be repaired to read the file: bytes before `%PDF-`, bytes
/// other than whitespace after the last `%%EOF` (a partial download padded
/// with zeros, an appended page of HTML), an xref found away from
/// `startxref` or rebuilt by scanning.
fn repairs(bytes: &[u8], doc: &lopdf::Document) -> Vec<String> {
    let mut out = Vec::new();
    let start = bytes.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
    if start > 0 {
        out.push(format!("{start} byte(s) before %PDF- skipped"));
    }
    // Only the tail matters: an incremental update has an %%EOF per revision.
    let tail_from = bytes.len().saturating_sub(1 << 20).max(start);
    if let Some(eof) = bytes[tail_from..].windows(5).rposition(|w| w == b"%%EOF") {
        let after = &bytes[tail_from + eof + 5..];
        let junk = after.iter().filter(|b| !b.is_ascii_whitespace()).count();
        if junk > 0 {
            out.push(format!(
                "{} byte(s) after the last %%EOF ignored",
                after.len()
            ));
        }
    } else {
        out.push("no %%EOF (file cut short or padded)".into());
    }
    match doc.xref_recovery {
        Some(lopdf::xref::XrefRecovery::OffsetCorrected) => {
            out.push("startxref or /Prev did not point at the xref; the one nearby was used".into())
        }
        Some(lopdf::xref::XrefRecovery::Reconstructed) => {
            out.push("xref table unreadable or wrong; rebuilt by scanning for objects".into())
        }
        Some(other) => out.push(format!("xref repaired ({other:?})")),
        None => {}
    }
    out
}

pub fn extract_in_process(bytes: &[u8]) -> Result<RawDoc, ExtractError> {
    let (doc, repaired) = open(bytes)?;
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(corrupt("no pages (page tree missing or unreadable)"));
    }
    let mut raw = RawDoc::from_lines(
        Format::Pdf,
        Extraction::TextLayer,
        TextOrigin::PdfTextLayer,
        Vec::new(),
    );
    raw.pages = Some(pages.len() as u32);
    if !repaired.is_empty() {
        // Read in full, as poppler does, but the file is not what its
        // producer wrote: say so (issue 13).
        raw.warnings.push(crate::model::Warning::new(
            WarningCode::PdfRepaired,
            format!("damaged PDF read after repair: {}", repaired.join("; ")),
            None,
        ));
    }
    let page_list: Vec<(u32, lopdf::ObjectId)> = pages.iter().map(|(&n, &id)| (n, id)).collect();
    // A second pass, with Thai marks from the glyph shapes, only for a
    // document that has no /ActualText yet showed codes whose ToUnicode
    // entry contradicts their glyph (a re-distilled LibreOffice PDF).
    let mut read = read_pages(&doc, &page_list, false);
    let actual: u64 = read.iter().map(|p| p.actual).sum();
    let remapped: u64 = read.iter().map(|p| p.remapped).sum();
    let glyph_marks = actual == 0 && remapped > 0;
    if glyph_marks {
        read = read_pages(&doc, &page_list, true);
    }
    let unmapped: u64 = read.iter().map(|p| p.unmapped).sum();
    let mut page_items: Vec<(u32, Vec<Item>, f64)> = Vec::with_capacity(read.len());
    let mut widths: Vec<f64> = Vec::with_capacity(read.len());
    let mut page_warnings = Vec::new();
    let mut ocr_wanted = Vec::new();
    let mut bad_pages = 0usize;
    for p in read {
        widths.push(p.width);
        match p.items {
            Ok(items) => {
                if !p.usable {
                    ocr_wanted.push(p.no);
                }
                page_items.push((p.no, items, p.height));
            }
            Err(e) => {
                // One unreadable page goes to OCR; the others still count.
                bad_pages += 1;
                page_warnings.push(crate::model::Warning::new(
                    WarningCode::PdfPageUnreadable,
                    format!("page {}: {e}", p.no),
                    None,
                ));
                ocr_wanted.push(p.no);
                page_items.push((p.no, Vec::new(), p.height));
            }
        }
    }
    raw.warnings.extend(page_warnings);
    raw.ocr_wanted.extend(ocr_wanted);
    if glyph_marks {
        // Thai marks read from the glyphs instead of a contradicting
        // ToUnicode entry: counted, as the normaliser counts its repairs.
        raw.counts.insert("pdf_glyph_marks".into(), remapped);
    }
    if bad_pages == pages.len() {
        return Err(corrupt("no page content could be read"));
    }
    let mut counts = Counts::default();
    remove_print_margins(&mut page_items, &mut counts);
    remove_page_numbers(&mut page_items, &mut counts);
    remove_repeated_headers(&mut page_items, &mut counts);
    // The text's right edge per page width, over the whole document: a
    // sparse page (a signature block) must not take its own short lines
    // for full ones.
    let mut by_width: std::collections::BTreeMap<i64, Vec<f64>> = Default::default();
    for ((_, items, _), w) in page_items.iter().zip(&widths) {
        by_width
            .entry(*w as i64)
            .or_default()
            .extend(items.iter().filter(|i| i.row.is_none()).map(|i| i.right));
    }
    // Once per width, not per page: sorting every line's edge again for each
    // page made a 900-page PDF quadratic (17% of its ingest, perf).
    let edges: std::collections::BTreeMap<i64, f64> = by_width
        .into_iter()
        .map(|(w, mut r)| {
            r.sort_by(f64::total_cmp);
            let e = r
                .get(r.len().saturating_sub(1).saturating_sub(r.len() / 10))
                .copied()
                .unwrap_or(0.0);
            (w, e)
        })
        .collect();
    let doc_edge = |w: f64| -> f64 { edges.get(&(w as i64)).copied().unwrap_or(0.0) };
    let mut flat: Vec<(u32, Item)> = Vec::new();
    for ((no, items, _), w) in page_items.iter().zip(&widths) {
        let mut page = join_paragraphs(items, doc_edge(*w));
        pad_continued_columns(&mut page, flat.last().map(|(_, it)| it));
        for (k, it) in page.into_iter().enumerate() {
            // A table row split by a page break continues in the first row
            // of the next page: join it cell by cell.
            // A paragraph cut by the page break continues in the first line
            // of the next page.
            if k == 0 && it.row.is_none() {
                if let Some((_, prev)) = flat.last_mut() {
                    if continues_paragraph(prev, &it) {
                        prev.text = layout::join_wrapped(&[
                            std::mem::take(&mut prev.text),
                            it.text.clone(),
                        ]);
                        prev.right = it.right;
                        prev.y = it.y;
                        prev.last_bold = it.last_bold;
                        prev.bold = prev.bold && it.bold;
                        counts.page_joins += 1;
                        continue;
                    }
                }
            }
            if k == 0 && it.row.is_some() {
                if let Some((_, prev)) = flat.last_mut() {
                    if continues_row(prev, &it) {
                        for (a, b) in prev.cells.iter_mut().zip(&it.cells) {
                            *a = layout::join_wrapped(&[std::mem::take(a), b.clone()])
                                .trim()
                                .to_string();
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
        let hints = thaiplan_hints(&it);
        raw.lines.push(RawLine {
            // Rows keep leading and trailing TABs: they are empty cells.
            text: if it.row.is_some() {
                it.text
            } else {
                it.text.trim().to_string()
            },
            page: Some(no),
            hints,
        });
    }
    raw.counts.insert("split_rows".into(), counts.split_rows);
    raw.counts.insert("page_joins".into(), counts.page_joins);
    raw.counts
        .insert("page_numbers".into(), counts.page_numbers);
    raw.counts
        .insert("repeated_headers".into(), counts.repeated_headers);
    if counts.print_margins > 0 {
        raw.counts
            .insert("print_margins".into(), counts.print_margins);
    }
    raw.counts.insert("actual_text".into(), actual);
    if unmapped > 0 {
        // Glyphs drawn without any Unicode mapping are lost text: say so.
        raw.counts.insert("pdf_unmapped_glyphs".into(), unmapped);
        raw.warnings.push(crate::model::Warning::new(
            WarningCode::PdfUnmappedGlyphs,
            format!("{unmapped} glyph(s) have no Unicode mapping (no ToUnicode entry or encoding); their text is missing"),
            None,
        ));
    }
    Ok(raw)
}

/// Inheritable page attribute.
fn page_attr<'a>(
    doc: &'a lopdf::Document,
    id: lopdf::ObjectId,
    key: &[u8],
) -> Option<&'a lopdf::Object> {
    let mut cur = doc.get_dictionary(id).ok();
    for _ in 0..32 {
        let d = cur?;
        if let Ok(o) = d.get(key) {
            return match o {
                lopdf::Object::Reference(r) => doc.get_object(*r).ok(),
                o => Some(o),
            };
        }
        cur = d
            .get(b"Parent")
            .and_then(|o| o.as_reference())
            .and_then(|r| doc.get_dictionary(r))
            .ok();
    }
    None
}

/// One page as read: its geometry, laid-out items (or why it could not be
/// read), whether its text is usable, and the counters the document-level
/// decisions need.
struct PageRead {
    no: u32,
    width: f64,
    height: f64,
    items: Result<Vec<Item>, String>,
    usable: bool,
    actual: u64,
    remapped: u64,
    unmapped: u64,
}

/// Pages per chunk below which a document is read on one thread: each chunk
/// parses its fonts again (an interpreter per chunk), which a short document
/// does not win back.
const PAGES_PER_CHUNK: usize = 24;

/// Read and lay out every page. Long documents are read in chunks on the
/// rayon pool (issue 16: a 900-page PDF took 1.5x pdftotext on one thread);
/// pages are independent, so the result is the same as one pass in order.
fn read_pages(
    doc: &lopdf::Document,
    pages: &[(u32, lopdf::ObjectId)],
    glyph_marks: bool,
) -> Vec<PageRead> {
    use rayon::prelude::*;
    let read_chunk = |chunk: &[(u32, lopdf::ObjectId)]| -> Vec<PageRead> {
        let mut interp = content::Interp::new(doc);
        interp.glyph_marks = glyph_marks;
        chunk
            .iter()
            .map(|&(no, id)| {
                let (width, height, base) = page_geometry(doc, id);
                match interp.page(id, base) {
                    Ok(pc) => PageRead {
                        no,
                        width,
                        height,
                        usable: usable_text(&pc.glyphs, pc.images),
                        actual: pc.actual_text_spans,
                        remapped: pc.remapped_marks,
                        unmapped: pc.unmapped,
                        items: Ok(layout::layout_page(pc)),
                    },
                    Err(e) => PageRead {
                        no,
                        width,
                        height,
                        items: Err(e),
                        usable: false,
                        actual: 0,
                        remapped: 0,
                        unmapped: 0,
                    },
                }
            })
            .collect()
    };
    let threads = rayon::current_num_threads().max(1);
    if pages.len() < 2 * PAGES_PER_CHUNK || threads == 1 {
        return read_chunk(pages);
    }
    // At least PAGES_PER_CHUNK pages a chunk, about four chunks a thread so
    // that a slow chunk does not leave a core idle.
    let chunk = pages.len().div_ceil(threads * 4).max(PAGES_PER_CHUNK);
    pages
        .par_chunks(chunk)
        .map(read_chunk)
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

/// Upright page size and the matrix from user space to the upright page
/// (MediaBox origin moved to 0,0; /Rotate applied clockwise).
fn page_geometry(doc: &lopdf::Document, id: lopdf::ObjectId) -> (f64, f64, [f64; 6]) {
    let mb: Vec<f64> = page_attr(doc, id, b"MediaBox")
        .and_then(|o| o.as_array().ok())
        .map(|a| {
            a.iter()
                .filter_map(|o| o.as_float().ok())
                .map(f64::from)
                .collect()
        })
        .unwrap_or_default();
    let (x0, y0, w, h) = if mb.len() == 4 && mb.iter().all(|v| v.is_finite()) {
        (
            mb[0].min(mb[2]),
            mb[1].min(mb[3]),
            (mb[2] - mb[0]).abs(),
            (mb[3] - mb[1]).abs(),
        )
    } else {
        (0.0, 0.0, 595.0, 842.0)
    };
    let rot = page_attr(doc, id, b"Rotate")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    // user → origin-moved: (x - x0, y - y0); then rotate.
    let (r, size): ([f64; 6], (f64, f64)) = match rot {
        90 => ([0.0, -1.0, 1.0, 0.0, 0.0, w], (h, w)),
        180 => ([-1.0, 0.0, 0.0, -1.0, w, h], (w, h)),
        270 => ([0.0, 1.0, -1.0, 0.0, h, 0.0], (h, w)),
        _ => ([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], (w, h)),
    };
    let t = [1.0, 0.0, 0.0, 1.0, -x0, -y0];
    let m = content::mul(&t, &r);
    (size.0, size.1, m)
}

/// A page's text layer is usable if it has letters or digits and is not
/// mostly replacement characters, controls or unknown private-use code
/// points (known Thai PUA glyphs are mapped by the normaliser).
fn usable_text(glyphs: &[content::Glyph], images: u64) -> bool {
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
            } else if (0x0E01..=0x0E5B).contains(&u)
                || c.is_alphanumeric()
                || (0xF700..=0xF89E).contains(&u)
            {
                // Thai first: `is_alphanumeric` takes the slow Unicode table
                // path for it, 12% of a 900-page PDF's ingest (perf).
                good += 1;
            }
        }
    }
    // A scan with a little text on it (a stamped page number, a header)
    // still needs OCR.
    let enough = if images > 0 { good >= 40 } else { good > 0 };
    enough && bad * 2 <= good + bad
}

#[derive(Default)]
struct Counts {
    split_rows: u64,
    page_joins: u64,
    page_numbers: u64,
    repeated_headers: u64,
    print_margins: u64,
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

/// The header and footer a browser prints in the page margins (Chromium:
/// date and time + page title on top, URL + "n/N" at the foot): dropped
/// when a page's first item opens with a date and time or its last one
/// opens with a URL or ends with this page's "n/N" counter. They would
/// otherwise join across pages and hide a table that opens the next page.
fn remove_print_margins(pages: &mut [(u32, Vec<Item>, f64)], counts: &mut Counts) {
    static DATE_TIME: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4},?\s+[0-9]{1,2}:[0-9]{2}(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s|$)").ok()
    });
    static COUNTER: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:^|\s)([0-9]{1,4})\s?/\s?([0-9]{1,4})$").ok()
    });
    let total = pages.len();
    for (k, (_, items, h)) in pages.iter_mut().enumerate() {
        let h = *h;
        let first_is = items.first().is_some_and(|it| {
            it.row.is_none()
                && it.top > 0.85 * h
                && DATE_TIME
                    .as_ref()
                    .is_some_and(|re| re.is_match(it.text.trim()))
        });
        let last_is = items.last().is_some_and(|it| {
            let t = it.text.trim();
            let counter = COUNTER
                .as_ref()
                .and_then(|re| re.captures(t))
                .is_some_and(|c| {
                    c[1].parse::<usize>().ok() == Some(k + 1)
                        && c[2].parse::<usize>().ok() == Some(total)
                });
            let url = ["file://", "http://", "https://"]
                .iter()
                .any(|u| t.starts_with(u));
            it.row.is_none() && it.y < 0.15 * h && (counter || url)
        });
        if last_is {
            items.pop();
            counts.print_margins += 1;
        }
        if first_is && !items.is_empty() {
            items.remove(0);
            counts.print_margins += 1;
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
    let mut prev_ended_in_row = false;
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
        // Only a table that opens the page continues one: a table under a
        // title is a new table, even with the same header.
        let opens_page = items.first().is_some_and(|it| it.row.is_some()) && prev_ended_in_row;
        while opens_page && k < first_table_rows.len().min(2) {
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
        // Pages with nothing on them do not break a table.
        if let Some(last) = items.last() {
            prev_ended_in_row = last.row.is_some();
        }
    }
}

/// Does a line open a new paragraph by its first characters (list number,
/// bullet, heading word)?
fn starts_block(text: &str) -> bool {
    let t = text.trim_start();
    if is_bare_label(t) {
        return true;
    }
    let mut chars = t.chars();
    let first = chars.next().unwrap_or(' ');
    if matches!(
        first,
        '-' | '•' | '\u{F0B7}' | '*' | '●' | '○' | '▪' | '■' | '❖' | '✓'
    ) {
        return true;
    }
    // "(1)", "(ก)" open items; "(Corruption …" continues a sentence.
    if first == '(' {
        let inner: String = chars.by_ref().take_while(|c| *c != ')').collect();
        let n = inner.trim().chars().count();
        if (1..=2).contains(&n) && t.contains(')') {
            return true;
        }
    }
    let digits: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(c))
        .collect();
    // "1." "2)" "1.1" open items; "2580)" (a year closing a parenthesis) does not.
    if !digits.is_empty() && digits.chars().count() <= 2 {
        let rest = &t[digits.len()..];
        if rest.starts_with('.') || rest.starts_with(')') {
            return true;
        }
    }
    // Only headings that can follow a full-width line; ordinary words
    // ("เรียน", "เรื่อง") also start continuation lines ("ร้อง|เรียน").
    ["ส่วนที่ ", "มิติที่ "].iter().any(|w| t.starts_with(w)) || is_total_line(t)
}

/// A flattened table's total row printed as text ("รวม จำนวน 2 โครงการ
/// 170,000", "รวมทั้งสิ้น 12 โครงการ -"): a row of its own even after a row
/// that ran to the margin (synth pdf-lo 7_039, 7_004: the total row was
/// joined to the project row above, its counts and budgets lost). Prose
/// "รวมทั้ง…"/"รวมถึง…" has no count, "รวม 5 โครงการ ได้แก่" no amount
/// right after the count.
fn is_total_line(t: &str) -> bool {
    static TOTAL: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^รวม(?:ทั้งสิ้น)?\s*(?:จำนวน\s*)?[0-9๐-๙]+\s*(?:โครงการ|กิจกรรม|มาตรการ)\S*\s+(?:จำนวน\s*)?(?:[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})+|-)",
        )
        .ok()
    });
    TOTAL.as_ref().is_some_and(|re| re.is_match(t.trim()))
}

/// Join the visual lines of a paragraph: a line continues the previous one if
/// they are close in pitch and size, the previous one runs to the right edge
/// of the text, and the new one is not indented further or opens a block.
fn join_paragraphs(items: &[Item], doc_edge: f64) -> Vec<Item> {
    let page_edge = {
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
    let right_edge = page_edge.max(doc_edge);
    if std::env::var_os("THAIPLAN_PDF_DEBUG").is_some() {
        eprintln!("right_edge {right_edge:.1}");
        for it in items {
            eprintln!(
                "L{:6.1} R{:6.1} y{:6.1} s{:4.1} fw{:5.1} b{}{} {:?} {}",
                it.left,
                it.right,
                it.y,
                it.size,
                it.first_word,
                it.first_bold as u8,
                it.last_bold as u8,
                it.row,
                it.text.chars().take(70).collect::<String>()
            );
        }
    }
    let mut out: Vec<Item> = Vec::new();
    let mut prev: Option<&Item> = None;
    let (mut para_marker, mut para_left) = (false, 0.0);
    for it in items {
        let join = match prev {
            Some(p) if p.row.is_none() && it.row.is_none() => {
                let pitch = p.y - it.y;
                let size = p.size.max(it.size);
                // The line ended because the next word did not fit: it runs
                // to the right edge, or the next line opens with a Latin
                // word too wide for the space left (Thai wraps anywhere
                // between words, so only the edge test applies to it).
                let space = if p.text.ends_with(' ') {
                    0.25 * size
                } else {
                    0.0
                };
                let fits = p.right + space + it.first_word < right_edge - 0.05 * size;
                let latin = it
                    .text
                    .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '(');
                // Letter-spaced text (Word's "expanded", CSS letter-spacing)
                // widens words: a next word of up to 8 em that would not fit
                // also ends the line (synth pdf-spaced: "… ประจำ" |
                // "ปีงบประมาณ" 6.9 em at 0.2 em spacing, 5.7 em short).
                let full = !fits
                    && (p.right >= right_edge - 4.5 * size || latin || it.first_word <= 8.0 * size);
                // Continuation lines align with the paragraph (or with the
                // text after a list marker: hanging indent).
                let aligned = it.left <= p.left + 0.5 * size
                    || (para_marker && it.left <= para_left + 4.0 * size)
                    // centred text (titles) wraps around the same centre
                    // (and the wrapped line filled the column)
                    || ((p.left + p.right - it.left - it.right).abs() < 2.0 * size
                        && it.left > p.left
                        && p.right >= right_edge - 1.5 * size);
                // A change of weight at the break (a bold label after body
                // text, or body text after a bold heading) is a new paragraph.
                p.last_bold == it.first_bold
                    && (p.size - it.size).abs() <= 0.15 * size
                    && pitch > 0.8 * size
                    && pitch < 2.1 * size
                    && full
                    && aligned
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
                last.last_bold = it.last_bold;
                last.bold = last.bold && it.bold;
            }
            _ => {
                para_marker = starts_block(&it.text);
                para_left = it.left;
                let mut it = it.clone();
                it.edge = right_edge;
                out.push(it);
            }
        }
        prev = Some(it);
    }
    out
}

/// A table continued from the previous page whose outer column is not
/// drawn here (LibreOffice leaves out the rules of a merged cell that
/// ended on the previous page): its rows get the missing outer columns
/// back as empty cells, so every row of the table has the same columns.
fn pad_continued_columns(page: &mut [Item], prev: Option<&Item>) {
    let (Some(prev), Some(first)) = (prev, page.first()) else {
        return;
    };
    let (Some((table, _)), true) = (first.row, prev.row.is_some()) else {
        return;
    };
    let full = &prev.cols;
    if full.len() <= first.cols.len() || first.cols.len() < 2 {
        return;
    }
    let at = |x: f64| full.iter().position(|c| (c - x).abs() <= 2.0);
    let (Some(lo), Some(hi)) = (
        first.cols.first().and_then(|x| at(*x)),
        first.cols.last().and_then(|x| at(*x)),
    ) else {
        return;
    };
    if lo == 0 && hi + 1 == full.len() {
        return;
    }
    for it in page
        .iter_mut()
        .filter(|it| it.row.is_some_and(|(t, _)| t == table))
    {
        let (Some(a), Some(b)) = (
            it.cols.first().and_then(|x| at(*x)),
            it.cols.last().and_then(|x| at(*x)),
        ) else {
            continue;
        };
        if (a, b) != (lo, hi) {
            continue;
        }
        let mut cells = vec![String::new(); lo];
        cells.append(&mut it.cells);
        cells.extend(std::iter::repeat_n(String::new(), full.len() - 1 - hi));
        let mut cols = full[..lo].to_vec();
        cols.append(&mut it.cols);
        cols.extend_from_slice(&full[hi + 1..]);
        it.cells = cells;
        it.cols = cols;
        it.text = it.cells.join("\t");
    }
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
    // Both rows closed by drawn rules: Chromium draws every whole row's box
    // and leaves a split row open, LibreOffice closes split rows too. So
    // the text decides: cells that open an item ("1.", "1.2", "2)") or
    // hold an amount under a filled cell are a new row (a header row
    // fills every cell, the row after it leaves its note empty); a split
    // row's rest only continues the text of its cells ("จำนวน" | "50,000
    // บาท": the cell above has no number yet).
    if prev.ruled_bottom && next.ruled_top {
        let new_row = next
            .cells
            .iter()
            .zip(&prev.cells)
            .filter(|(n, p)| {
                let n = n.trim();
                !n.is_empty()
                    && (starts_block(n) || (is_amount(n) && has_number(p)))
                    && !cut_number(p, n)
            })
            .count();
        if new_row >= 2 {
            return false;
        }
    }
    let filled = |it: &Item| it.cells.iter().filter(|c| !c.trim().is_empty()).count();
    filled(next) < filled(prev)
}

/// A number cut by the page break inside its cell: the cell above ends
/// in a bare run of 1–3 digits after a word ("จำนวน 1", no unit yet) and
/// the cell below opens with digits or a comma ("0,000บาท"): LibreOffice
/// wraps "จำนวน 10,000บาท" anywhere in the number.
fn cut_number(prev: &str, next: &str) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c);
    let mut words = prev.split_whitespace().rev();
    let last_ok = words
        .next()
        .is_some_and(|w| w.chars().count() <= 3 && w.chars().all(digit));
    let word_before = words
        .next()
        .is_some_and(|w| w.chars().any(layout::is_thai_letter));
    last_ok && word_before && next.trim().starts_with(|c: char| digit(c) || c == ',')
}

/// Has a digit or a dash (an amount, a year, "-").
fn has_number(t: &str) -> bool {
    t.chars()
        .any(|c| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c) || c == '-')
}

/// A value cell: an amount, a count or a dash with at most a unit word
/// or two ("50,000", "๑๐,๐๐๐.๐๐", "-", "จำนวน 60,000 บาท", "จำนวน 3
/// โครงการ"). A wrapped cell's rest is rarely one ("บาท", "อิเล็กทรอนิกส์").
fn is_amount(t: &str) -> bool {
    let numeric = has_number(t);
    let letters = t.chars().filter(|c| layout::is_thai_letter(*c)).count();
    numeric
        && letters <= 12
        && t.split_whitespace().count() <= 3
        && !t.chars().any(|c| c.is_ascii_alphabetic())
}

fn thaiplan_hints(it: &Item) -> crate::model::LineHints {
    crate::model::LineHints {
        bold: it.bold && it.row.is_none(),
        ..Default::default()
    }
}

/// A line that is only a field label (docs/grammar.md §4.2–4.3 stems, §5.4
/// action/result labels), optionally numbered: it is a paragraph of its own
/// even when the line before it runs to the margin.
fn is_bare_label(t: &str) -> bool {
    static BARE_LABEL: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:[-•\x{F0B7}]\s*)?(?:[0-9๐-๙]{1,2}\.?\s*)?(?:การดำเนินการ|ผล(?:การ)?ดำเนิน(?:การ|งาน)|วิธี(?:การ)?ดำเนิน(?:การ|งาน)|ผลผลิต(?:/ผลลัพธ์)?|ผลลัพธ์|(?:ตัว|ตัง)ชี้วัด(?:/ผลลัพธ์)?|วัตถุประสงค์|หลักการและเหตุผล(?:/\S+)?|กลุ่มเป้าหมาย|เป้าหมาย(?:/ผลผลิต)?|(?:พื้นที่|สถานที่)ดำเนินการ|ระยะเวลา(?:การ)?ดำเนิน(?:การ|งาน)|งบประมาณ\S*|ผู้รับผิดชอบ(?:โครงการ)?|ผลที่คาดว่าจะได้รับ|หน่วยงานดำเนินการ)\s*:?$",
        )
        .ok()
    });
    static ORDINAL: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^ลำดับ(?:ที่)?\s*[0-9๐-๙]+\s*(?:\([^)]*\))?$").ok()
    });
    let t = t.trim();
    BARE_LABEL.as_ref().is_some_and(|re| re.is_match(t))
        || ORDINAL.as_ref().is_some_and(|re| re.is_match(t))
}

/// Does `next` (the first line of a page) continue paragraph `prev` (the
/// last item of the previous page)? The previous line runs to the page's
/// right edge and could not take the next line's first word, the next line
/// starts at the same left margin, in the same size and weight, and opens
/// no block.
fn continues_paragraph(prev: &Item, next: &Item) -> bool {
    if prev.row.is_some() || next.row.is_some() || prev.edge <= 0.0 {
        return false;
    }
    let size = prev.size.max(next.size);
    let space = if prev.text.ends_with(' ') {
        0.25 * size
    } else {
        0.0
    };
    if std::env::var_os("THAIPLAN_PDF_DEBUG").is_some() {
        eprintln!(
            "PAGEJOIN? edge {:.1} prev L{:.1} R{:.1} s{} b{} | next L{:.1} fw{:.1} s{} b{} {}",
            prev.edge,
            prev.left,
            prev.right,
            prev.size,
            prev.last_bold,
            next.left,
            next.first_word,
            next.size,
            next.first_bold,
            next.text.chars().take(30).collect::<String>()
        );
    }
    (prev.size - next.size).abs() <= 0.15 * size
        && prev.last_bold == next.first_bold
        && prev.right >= prev.edge - 1.5 * size
        && prev.right + space + next.first_word >= prev.edge - 0.05 * size
        && (next.left - prev.left).abs() <= 0.5 * size
        && !starts_block(&next.text)
        && !is_page_number(&next.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_and_block_starts() {
        assert!(is_page_number("12"));
        assert!(is_page_number("- ๑๒ -"));
        assert!(is_page_number("หน้า 3"));
        assert!(!is_page_number("2568"));
        assert!(!is_page_number("3.1"));
        assert!(starts_block("1. ชื่อโครงการ"));
        assert!(starts_block("(2) เพื่อสร้าง"));
        assert!(starts_block("\u{F0B7} (1) เพื่อแสดง"));
        assert!(starts_block("การดำเนินการ"));
        assert!(starts_block("ลำดับที่ 14"));
        assert!(starts_block("๒. ผลลัพธ์"));
        assert!(!starts_block("2580) แผนแม่บท"));
        assert!(!starts_block("(Corruption Perception Index)"));
        assert!(!starts_block("เรียนของเทศบาลตำบลท่าแร่"));
        assert!(!starts_block("งบประมาณข้อบัญญัติ 30,000 บาท"));
    }
}
