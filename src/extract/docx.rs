//! DOCX: zip + quick-xml, streamed into the text-corpus line format.
//!
//! Rendering (docs/grammar.md §6.3), one output line per:
//! - body paragraph (runs joined; `w:tab` → TAB; `w:br`/`w:cr` start a new
//!   line, as a soft break does visually). A list paragraph gets the label
//!   Word draws: "- " for bullets, the rendered number ("1. ", "๑) ", "ก. ")
//!   otherwise. Bold runs inside a partly bold paragraph are wrapped in `**`
//!   (as the text corpus does); a wholly bold paragraph sets `hints.bold`.
//! - table row: cells TAB-joined; a cell with several non-empty paragraphs
//!   is `<p>a</p> <p>b</p>`; TABs inside a cell become spaces.
//!   `gridSpan=n` → the text then n-1 empty cells, `gridBefore/After` →
//!   empty cells, so columns stay aligned with the grid. A `vMerge`
//!   continuation cell is empty: the text corpus prints a rowspan's text on
//!   its first row only and the recognisers carry columns forward (§3.1),
//!   and repeating a merged budget cell would count its money twice.
//!   `w:tblHeader` rows are stored once in the XML, so they are read once.
//!   Nested tables are flattened into the enclosing cell, one cell
//!   paragraph per nested row (its cells joined with spaces).
//! - Text boxes (`w:txbxContent`) follow their anchor paragraph as
//!   paragraphs of their own; image alt text (`wp:docPr/@descr`) is kept as
//!   `[image: …]` like the text corpus.
//! - `w:sym` (Symbol/Wingdings bullets) → its private-use code point
//!   (U+F0B7 …), which the normaliser turns into "- " at line start.
//!
//! Not read: headers, footers, footnotes, comments (other parts);
//! deletions (`w:del`, `w:moveFrom`); field instructions and the results of
//! PAGE/NUMPAGES fields; `mc:Fallback` (duplicate of `mc:Choice`).
//!
//! Empty paragraphs are kept as empty lines; no blank line is invented
//! between paragraphs. The text corpus separates paragraphs with blank lines
//! in 000/002/004 but not in 003, which the DOCX does not record, so line
//! numbers of the two forms differ (content lines agree: see
//! scripts/docx_vs_text.py and tests/docx_corpus.rs).
//!
//! Safety: every part is read through a reader that caps the total
//! uncompressed size and the compression ratio (zip bombs); a DOCTYPE is
//! refused (entity expansion); nothing here panics on input data.

mod numbering;

use crate::error::ExtractError;
use crate::model::WarningCode;
use crate::model::{Extraction, Format, LineHints, RawDoc, RawLine, TextOrigin, Warning};
use numbering::{attr, on_off, Counters, Numbering, Styles};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::cell::{Cell as StdCell, RefCell};
use std::io::{BufReader, Cursor, Read};
use std::path::Path;

/// Total uncompressed bytes read from one package, all parts together.
pub const MAX_UNCOMPRESSED: u64 = 200 * 1024 * 1024;
/// Largest compression ratio accepted for an entry once it is past
/// [`RATIO_FLOOR`] bytes (real XML stays well under 30:1).
pub const MAX_RATIO: u64 = 100;
pub const RATIO_FLOOR: u64 = 1024 * 1024;
const FORMAT: &str = "docx";
/// Nesting depth of fields tracked (real documents nest two or three).
const MAX_FIELDS: usize = 64;
/// Nesting depth of text boxes kept as such (real documents nest one or two).
/// Deeper ones are read as paragraphs of the box around them: the rendered
/// tree nests once per box and is walked and dropped recursively.
const MAX_TEXT_BOXES: usize = 32;

/// An XML problem, with the byte position where it was found.
#[derive(Debug)]
pub struct XmlError {
    pub pos: u64,
    pub detail: String,
    /// A DOCTYPE or entity trick rather than plain corruption.
    pub unsafe_xml: bool,
}

impl XmlError {
    fn at<R>(r: &Reader<R>, e: impl std::fmt::Display) -> XmlError {
        XmlError {
            pos: r.error_position(),
            detail: e.to_string(),
            unsafe_xml: false,
        }
    }
    fn doctype() -> XmlError {
        XmlError {
            pos: 0,
            detail: "XML DOCTYPE declaration refused (entity expansion risk)".into(),
            unsafe_xml: true,
        }
    }
}

/// Safety limits for one package (tests lower them).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Total uncompressed bytes read, all parts together.
    pub max_uncompressed: u64,
    /// Largest inflate ratio for an entry once past `ratio_floor` bytes.
    pub max_ratio: u64,
    pub ratio_floor: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_uncompressed: MAX_UNCOMPRESSED,
            max_ratio: MAX_RATIO,
            ratio_floor: RATIO_FLOOR,
        }
    }
}

/// Caps shared by all parts of one package.
struct Guard {
    limits: Limits,
    total: StdCell<u64>,
    tripped: RefCell<Option<String>>,
}

/// A reader that stops a zip bomb: counts what it inflates and fails once
/// the package total or this entry's ratio is over the limit.
struct Limited<'g, R> {
    inner: R,
    name: String,
    read: u64,
    compressed: u64,
    guard: &'g Guard,
}

impl<R: Read> Read for Limited<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        let total = self.guard.total.get() + n as u64;
        self.guard.total.set(total);
        let l = self.guard.limits;
        let why = if total > l.max_uncompressed {
            Some(format!(
                "more than {} bytes uncompressed (at {})",
                l.max_uncompressed, self.name
            ))
        } else if self.read > l.ratio_floor && self.read / self.compressed.max(1) > l.max_ratio {
            Some(format!(
                "{} inflates more than {}:1 ({} bytes from {})",
                self.name, l.max_ratio, self.read, self.compressed
            ))
        } else {
            None
        };
        if let Some(why) = why {
            *self.guard.tripped.borrow_mut() = Some(why.clone());
            return Err(std::io::Error::other(why));
        }
        Ok(n)
    }
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;
type Entry<'a, 'b, 'g> = Limited<'g, zip::read::ZipFile<'a, Cursor<&'b [u8]>>>;

fn open_entry<'a, 'b, 'g>(
    zip: &'a mut Archive<'b>,
    name: &str,
    guard: &'g Guard,
) -> Result<Option<Entry<'a, 'b, 'g>>, ExtractError> {
    let Some(idx) = zip.index_for_name(name) else {
        return Ok(None);
    };
    let file = match zip.by_index(idx) {
        Ok(f) => f,
        Err(zip::result::ZipError::UnsupportedArchive(m))
            if m == zip::result::ZipError::PASSWORD_REQUIRED =>
        {
            return Err(ExtractError::Encrypted {
                detail: format!("zip entry {name} is password-protected"),
            })
        }
        Err(e) => return Err(corrupt(format!("cannot open {name}: {e}"))),
    };
    if file.encrypted() {
        return Err(ExtractError::Encrypted {
            detail: format!("zip entry {name} is password-protected"),
        });
    }
    // Declared sizes can lie; they only let us refuse early. The reader
    // enforces the real limits.
    if file.size() > guard.limits.max_uncompressed {
        return Err(limit(format!(
            "{name} declares {} bytes uncompressed",
            file.size()
        )));
    }
    let compressed = file.compressed_size();
    Ok(Some(Limited {
        inner: file,
        name: name.to_string(),
        read: 0,
        compressed,
        guard,
    }))
}

fn corrupt(detail: String) -> ExtractError {
    ExtractError::Corrupt {
        format: FORMAT.into(),
        detail,
    }
}

fn limit(detail: String) -> ExtractError {
    ExtractError::LimitExceeded {
        format: FORMAT.into(),
        detail,
    }
}

/// Maps an XML error to the typed error: a tripped size guard wins.
fn xml_err(part: &str, guard: &Guard, e: XmlError) -> ExtractError {
    if let Some(why) = guard.tripped.borrow().clone() {
        return limit(format!("zip bomb suspected: {why}"));
    }
    if e.unsafe_xml {
        return ExtractError::Unsupported {
            what: format!("{part}: {}", e.detail),
        };
    }
    corrupt(format!("{part}: XML error at byte {}: {}", e.pos, e.detail))
}

fn read_small(
    zip: &mut Archive<'_>,
    name: &str,
    guard: &Guard,
) -> Result<Option<Vec<u8>>, ExtractError> {
    let Some(mut r) = open_entry(zip, name, guard)? else {
        return Ok(None);
    };
    let mut v = Vec::new();
    if let Err(e) = r.read_to_end(&mut v) {
        if let Some(why) = guard.tripped.borrow().clone() {
            return Err(limit(format!("zip bomb suspected: {why}")));
        }
        return Err(corrupt(format!("cannot inflate {name}: {e}")));
    }
    Ok(Some(v))
}

/// The main document part named by `_rels/.rels` (usually word/document.xml).
fn main_part(zip: &mut Archive<'_>, guard: &Guard) -> Result<Option<String>, ExtractError> {
    if let Some(rels) = read_small(zip, "_rels/.rels", guard)? {
        let mut r = Reader::from_reader(rels.as_slice());
        let mut buf = Vec::new();
        loop {
            match r.read_event_into(&mut buf) {
                Ok(Event::Start(e)) | Ok(Event::Empty(e))
                    if e.local_name().as_ref() == b"Relationship" =>
                {
                    let ty = attr(&e, b"Type").unwrap_or_default();
                    if ty.ends_with("/officeDocument") {
                        if let Some(t) = attr(&e, b"Target") {
                            let t = t.trim_start_matches('/').to_string();
                            if zip.index_for_name(&t).is_some() {
                                return Ok(Some(t));
                            }
                        }
                    }
                }
                Ok(Event::DocType(_)) => {
                    return Err(xml_err("_rels/.rels", guard, XmlError::doctype()))
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
            buf.clear();
        }
    }
    Ok(zip
        .index_for_name("word/document.xml")
        .map(|_| "word/document.xml".to_string()))
}

fn not_word(zip: &Archive<'_>) -> ExtractError {
    let has = |p: &str| zip.file_names().any(|n| n.starts_with(p));
    let what = if has("xl/") {
        "a zip without word/document.xml: looks like an Excel workbook (.xlsx)"
    } else if has("ppt/") {
        "a zip without word/document.xml: looks like a PowerPoint file (.pptx)"
    } else if has("content.xml") {
        "a zip without word/document.xml: looks like an OpenDocument file (convert it to .docx)"
    } else {
        "a zip without word/document.xml (not a Word document)"
    };
    ExtractError::Unsupported { what: what.into() }
}

/// Read a .docx into lines. `bytes` is the whole file.
pub fn extract(path: &Path, bytes: &[u8]) -> Result<RawDoc, ExtractError> {
    extract_with_limits(path, bytes, Limits::default())
}

/// [`extract`] with explicit safety limits.
pub fn extract_with_limits(
    path: &Path,
    bytes: &[u8],
    limits: Limits,
) -> Result<RawDoc, ExtractError> {
    if !bytes.starts_with(b"PK") {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // Same answer as extract::extract gives for OLE files.
            return crate::extract::extract(path, bytes, &Default::default());
        }
        return Err(ExtractError::Unsupported {
            what: "not a zip archive, so not a .docx".into(),
        });
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| corrupt(format!("not a readable zip archive: {e}")))?;
    let guard = Guard {
        limits,
        total: StdCell::new(0),
        tripped: RefCell::new(None),
    };
    let Some(main) = main_part(&mut zip, &guard)? else {
        return Err(not_word(&zip));
    };
    let dir = main
        .rsplit_once('/')
        .map(|(d, _)| format!("{d}/"))
        .unwrap_or_default();

    let styles = match read_small(&mut zip, &format!("{dir}styles.xml"), &guard)? {
        Some(x) => Styles::parse(&x).map_err(|e| xml_err("styles.xml", &guard, e))?,
        None => Styles::default(),
    };
    let numbering = match read_small(&mut zip, &format!("{dir}numbering.xml"), &guard)? {
        Some(x) => Numbering::parse(&x).map_err(|e| xml_err("numbering.xml", &guard, e))?,
        None => Numbering::default(),
    };

    let mut walker = Walker::new(&styles, &numbering);
    // Elements still open at the end of the part: a cut-off document.xml
    // (a partial download or copy) parses "fine" up to the cut, and must
    // not become a record that looks complete (issue 13).
    let mut depth: usize = 0;
    let mut saw_root = false;
    {
        let Some(entry) = open_entry(&mut zip, &main, &guard)? else {
            return Err(not_word(&zip));
        };
        let mut reader = Reader::from_reader(BufReader::with_capacity(64 * 1024, entry));
        let mut buf = Vec::with_capacity(4096);
        loop {
            let ev = reader
                .read_event_into(&mut buf)
                .map_err(|e| xml_err(&main, &guard, XmlError::at(&reader, e)))?;
            match ev {
                Event::Start(e) => {
                    depth += 1;
                    saw_root = true;
                    walker.start(&e, false)
                }
                Event::Empty(e) => {
                    saw_root = true;
                    walker.start(&e, true)
                }
                Event::End(e) => {
                    depth = depth.saturating_sub(1);
                    walker.end(e.local_name().as_ref())
                }
                Event::Text(t) if walker.wants_text() => {
                    let s = t.unescape().map_err(|e| {
                        let mut x = XmlError::at(&reader, &e);
                        x.unsafe_xml = matches!(e, quick_xml::Error::Escape(_));
                        x.detail = format!("undefined entity or bad escape in text: {}", x.detail);
                        xml_err(&main, &guard, x)
                    })?;
                    walker.text(&s);
                }
                Event::CData(t) if walker.wants_text() => {
                    walker.text(&String::from_utf8_lossy(&t));
                }
                Event::DocType(_) => return Err(xml_err(&main, &guard, XmlError::doctype())),
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
    }
    let deleted = walker.deleted_runs;
    let lines = walker.finish();
    let mut doc = RawDoc::from_lines(Format::Docx, Extraction::Docx, TextOrigin::Docx, lines);
    if depth > 0 || !saw_root {
        doc.warnings.push(Warning::new(
            WarningCode::DocxTruncated,
            format!(
                "{}: {main} ends with {depth} element(s) still open: the document is cut off, text after the cut is missing",
                path.display()
            ),
            None,
        ));
    }
    if deleted > 0 {
        doc.warnings.push(Warning::new(
            WarningCode::DocxTrackedChanges,
            format!(
                "{}: {deleted} tracked deletion(s) left out; insertions kept",
                path.display()
            ),
            None,
        ));
    }
    Ok(doc)
}

/// Where a finished paragraph goes.
enum Container {
    Body,
    Cell,
    TextBox(Vec<Rendered>),
}

/// One rendered paragraph (possibly several lines after `w:br`).
#[derive(Debug, Clone, Default)]
struct Rendered {
    lines: Vec<String>,
    bold: bool,
    /// Text boxes anchored in it, rendered after it.
    after: Vec<Rendered>,
}

#[derive(Default)]
struct Para {
    /// Segments split at `w:br`; each is a list of (text, bold) pieces.
    segs: Vec<Vec<(String, bool)>>,
    style: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
    after: Vec<Rendered>,
}

impl Para {
    fn push(&mut self, s: &str, bold: bool) {
        if self.segs.is_empty() {
            self.segs.push(Vec::new());
        }
        if let Some(seg) = self.segs.last_mut() {
            match seg.last_mut() {
                Some((t, b)) if *b == bold => t.push_str(s),
                _ => seg.push((s.to_string(), bold)),
            }
        }
    }
    fn line_break(&mut self) {
        if self.segs.is_empty() {
            self.segs.push(Vec::new());
        }
        self.segs.push(Vec::new());
    }
}

#[derive(Default)]
struct CellBuf {
    paras: Vec<String>,
    bold: bool,
    any_text: bool,
    span: u32,
    vmerge_continue: bool,
}

#[derive(Default)]
struct Row {
    cells: Vec<CellBuf>,
    before: u32,
    after: u32,
    deleted: bool,
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
}

struct Field {
    instr: String,
    in_result: bool,
    simple: bool,
}

impl Field {
    /// Fields whose result is a page number: not content.
    fn hides_result(&self) -> bool {
        let w = self
            .instr
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        matches!(w.as_str(), "PAGE" | "NUMPAGES" | "SECTIONPAGES")
    }
}

struct Walker<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    counters: Counters,
    out: Vec<RawLine>,
    /// Local names of the open elements.
    stack: Vec<Vec<u8>>,
    /// Depth at which a skipped subtree (deletion, fallback) started.
    skip: Option<usize>,
    paras: Vec<Para>,
    containers: Vec<Container>,
    tables: Vec<Table>,
    fields: Vec<Field>,
    in_t: bool,
    in_instr: bool,
    run_bold: Option<bool>,
    run_style: Option<String>,
    run_hidden: bool,
    /// Field begins/fldSimple starts past MAX_FIELDS, not tracked (a flood of
    /// unclosed fields must not make every text piece scan them all).
    field_overflow: usize,
    simple_overflow: usize,
    /// Text boxes opened past MAX_TEXT_BOXES, not given a container.
    text_box_overflow: usize,
    deleted_runs: usize,
}

impl<'a> Walker<'a> {
    fn new(styles: &'a Styles, numbering: &'a Numbering) -> Self {
        Walker {
            styles,
            numbering,
            counters: Counters::default(),
            out: Vec::new(),
            stack: Vec::new(),
            skip: None,
            paras: Vec::new(),
            containers: vec![Container::Body],
            tables: Vec::new(),
            fields: Vec::new(),
            in_t: false,
            in_instr: false,
            run_bold: None,
            run_style: None,
            run_hidden: false,
            field_overflow: 0,
            simple_overflow: 0,
            text_box_overflow: 0,
            deleted_runs: 0,
        }
    }

    fn parent(&self) -> &[u8] {
        self.stack.last().map(|v| v.as_slice()).unwrap_or(b"")
    }

    fn grandparent(&self) -> &[u8] {
        self.stack
            .len()
            .checked_sub(2)
            .and_then(|i| self.stack.get(i))
            .map(|v| v.as_slice())
            .unwrap_or(b"")
    }

    fn wants_text(&self) -> bool {
        self.skip.is_none() && (self.in_t || self.in_instr)
    }

    fn hidden_by_field(&self) -> bool {
        self.fields.iter().any(|f| !f.in_result || f.hides_result())
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name().as_ref().to_vec();
        if self.skip.is_some() {
            if !empty {
                self.stack.push(name);
            }
            return;
        }
        let parent = self.parent().to_vec();
        match name.as_slice() {
            // Deleted or duplicate content: skip the whole subtree.
            // Superseded formatting of tracked changes: the old numPr/pStyle
            // must not number or style the paragraph.
            b"pPrChange" | b"rPrChange" | b"tblPrChange" | b"trPrChange" | b"tcPrChange"
            | b"sectPrChange" | b"numberingChange"
                if !empty =>
            {
                self.skip = Some(self.stack.len());
            }
            // <w:trPr><w:del/>: the whole row is a tracked deletion.
            b"del" if parent.as_slice() == b"trPr" => {
                self.deleted_runs += 1;
                if let Some(r) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    r.deleted = true;
                }
                if !empty {
                    self.skip = Some(self.stack.len());
                }
            }
            b"del" | b"moveFrom" | b"Fallback" | b"delText" => {
                if name.as_slice() == b"del" && parent.as_slice() != b"rPr" {
                    self.deleted_runs += 1;
                }
                if parent.as_slice() == b"rPr" {
                    // <w:rPr><w:del/> marks a deleted paragraph mark: nothing to drop.
                } else if !empty {
                    self.skip = Some(self.stack.len());
                }
            }
            b"p" => self.paras.push(Para::default()),
            b"pStyle" if parent.as_slice() == b"pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, b"val");
                }
            }
            b"numId" if parent.as_slice() == b"numPr" && self.grandparent() == b"pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.num_id = attr(e, b"val").and_then(|v| v.trim().parse().ok());
                }
            }
            b"ilvl" if parent.as_slice() == b"numPr" && self.grandparent() == b"pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.ilvl = attr(e, b"val").and_then(|v| v.trim().parse().ok());
                }
            }
            b"r" => {
                self.run_bold = None;
                self.run_style = None;
                self.run_hidden = false;
            }
            // Hidden text is not on the page.
            b"vanish" | b"webHidden"
                if parent.as_slice() == b"rPr" && self.grandparent() == b"r" =>
            {
                self.run_hidden = on_off(e)
            }
            b"rStyle" if parent.as_slice() == b"rPr" => self.run_style = attr(e, b"val"),
            b"b" if parent.as_slice() == b"rPr" && self.grandparent() == b"r" => {
                self.run_bold = Some(on_off(e))
            }
            b"t" if parent.as_slice() == b"r" => self.in_t = !empty,
            b"instrText" if parent.as_slice() == b"r" => self.in_instr = !empty,
            b"tab" | b"ptab" if parent.as_slice() == b"r" => self.piece("\t"),
            b"noBreakHyphen" if parent.as_slice() == b"r" => self.piece("-"),
            // A symbol-font character (Wingdings/Symbol bullet): passed on as
            // its private-use code point, which the normaliser maps (U+F0B7
            // at line start → "- ") or logs.
            b"sym" if parent.as_slice() == b"r" => {
                let c = attr(e, b"char")
                    .and_then(|h| u32::from_str_radix(h.trim(), 16).ok())
                    .map(|u| if u < 0x100 { u + 0xF000 } else { u })
                    .filter(|u| (0xF000..=0xF0FF).contains(u))
                    .and_then(char::from_u32);
                if let Some(c) = c {
                    self.piece(c.encode_utf8(&mut [0u8; 4]));
                }
            }
            b"br" | b"cr" if parent.as_slice() == b"r" => {
                let ty = attr(e, b"type").unwrap_or_default();
                // Page and column breaks move text, they don't split it.
                if ty != "page" && ty != "column" && !self.hidden_by_field() {
                    if let Some(p) = self.paras.last_mut() {
                        p.line_break();
                    }
                }
            }
            b"fldChar" => match attr(e, b"fldCharType").as_deref() {
                Some("begin") if self.fields.len() >= MAX_FIELDS => self.field_overflow += 1,
                Some("begin") => self.fields.push(Field {
                    instr: String::new(),
                    in_result: false,
                    simple: false,
                }),
                Some("separate") => {
                    if let Some(f) = self.fields.iter_mut().rev().find(|f| !f.simple) {
                        f.in_result = true;
                    }
                }
                Some("end") if self.field_overflow > 0 => self.field_overflow -= 1,
                Some("end") => {
                    if let Some(i) = self.fields.iter().rposition(|f| !f.simple) {
                        self.fields.remove(i);
                    }
                }
                _ => {}
            },
            b"fldSimple" if !empty && self.fields.len() >= MAX_FIELDS => self.simple_overflow += 1,
            b"fldSimple" if !empty => self.fields.push(Field {
                instr: attr(e, b"instr").unwrap_or_default(),
                in_result: true,
                simple: true,
            }),
            b"docPr" => {
                if let Some(d) = attr(e, b"descr") {
                    let d = d.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !d.is_empty() {
                        self.piece_plain(&format!("[image: {d}]"));
                    }
                }
            }
            b"txbxContent" if !empty => {
                let boxes = self
                    .containers
                    .iter()
                    .filter(|c| matches!(c, Container::TextBox(_)))
                    .count();
                if boxes < MAX_TEXT_BOXES {
                    self.containers.push(Container::TextBox(Vec::new()));
                } else {
                    self.text_box_overflow += 1;
                }
            }
            b"tbl" if !empty => self.tables.push(Table::default()),
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Row::default());
                }
            }
            b"gridBefore" | b"gridAfter" if parent.as_slice() == b"trPr" => {
                let n = attr(e, b"val")
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .unwrap_or(0)
                    .min(64);
                if let Some(r) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    if name.as_slice() == b"gridBefore" {
                        r.before = n;
                    } else {
                        r.after = n;
                    }
                }
            }
            b"tc" => {
                if let Some(r) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    r.cells.push(CellBuf {
                        span: 1,
                        bold: true,
                        ..Default::default()
                    });
                }
                if !empty {
                    self.containers.push(Container::Cell);
                }
            }
            b"gridSpan" if parent.as_slice() == b"tcPr" => {
                let n = attr(e, b"val")
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                if let Some(c) = self.cur_cell() {
                    c.span = n;
                }
            }
            // Legacy w:hMerge needs nothing: its continuation cell is in the
            // XML and renders as one more empty cell, like gridSpan.
            b"vMerge" if parent.as_slice() == b"tcPr" => {
                let restart = attr(e, b"val").as_deref() == Some("restart");
                if let Some(c) = self.cur_cell() {
                    c.vmerge_continue = !restart;
                }
            }
            _ => {}
        }
        if empty {
            if name.as_slice() == b"p" {
                self.end_para();
            } else if name.as_slice() == b"tr"
                || name.as_slice() == b"tbl"
                || name.as_slice() == b"r"
            {
                // An empty row/table/run holds nothing to close.
            }
        } else {
            self.stack.push(name);
        }
    }

    fn cur_cell(&mut self) -> Option<&mut CellBuf> {
        self.tables
            .last_mut()
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.cells.last_mut())
    }

    fn end(&mut self, _name: &[u8]) {
        let Some(name) = self.stack.pop() else { return };
        if let Some(d) = self.skip {
            if self.stack.len() <= d {
                self.skip = None;
            }
            return;
        }
        match name.as_slice() {
            b"t" => self.in_t = false,
            b"instrText" => self.in_instr = false,
            b"fldSimple" if self.simple_overflow > 0 => self.simple_overflow -= 1,
            b"fldSimple" => {
                if let Some(i) = self.fields.iter().rposition(|f| f.simple) {
                    self.fields.remove(i);
                }
            }
            b"p" => self.end_para(),
            b"txbxContent" if self.text_box_overflow > 0 => self.text_box_overflow -= 1,
            b"txbxContent" => {
                if let Some(Container::TextBox(paras)) = self.containers.pop() {
                    let mut paras = paras;
                    match self.paras.last_mut() {
                        Some(host) => host.after.append(&mut paras),
                        None => {
                            for r in paras {
                                self.deliver(r);
                            }
                        }
                    }
                }
            }
            b"tc" => {
                if matches!(self.containers.last(), Some(Container::Cell)) {
                    self.containers.pop();
                }
            }
            b"tbl" => {
                if let Some(t) = self.tables.pop() {
                    self.end_table(t);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if self.in_instr {
            if let Some(f) = self.fields.last_mut() {
                f.instr.push_str(s);
            }
            return;
        }
        if self.hidden_by_field() {
            return;
        }
        // A raw line break inside w:t is XML whitespace, not a Word break;
        // passing it on would split the line and shift every line number.
        if s.contains(['\n', '\r', '\u{b}', '\u{c}']) {
            let clean: String = s
                .chars()
                .map(|c| {
                    if matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}') {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            self.piece(&clean);
        } else {
            self.piece(s);
        }
    }

    fn bold_now(&self) -> bool {
        let pstyle = self.paras.last().and_then(|p| p.style.as_deref());
        self.run_bold
            .or_else(|| self.styles.bold(self.run_style.as_deref()))
            .or_else(|| self.styles.bold(pstyle))
            .unwrap_or_else(|| self.styles.default_bold())
    }

    fn piece(&mut self, s: &str) {
        if self.hidden_by_field() || self.run_hidden {
            return;
        }
        let bold = self.bold_now();
        if let Some(p) = self.paras.last_mut() {
            p.push(s, bold);
        }
    }

    /// Text that is not a run (alt text): never bold.
    fn piece_plain(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            // Keep the image label apart from adjacent text runs.
            p.push(s, false);
        }
    }

    fn end_para(&mut self) {
        let Some(p) = self.paras.pop() else { return };
        let (mut num, mut lvl) = (p.num_id, p.ilvl);
        if num.is_none() || lvl.is_none() {
            let (sn, sl) = self.styles.numbering(p.style.as_deref());
            num = num.or(sn);
            lvl = lvl.or(sl);
        }
        let label = match num {
            Some(n) if n != 0 => self
                .counters
                .next_label(self.numbering, n, lvl.unwrap_or(0)),
            _ => None,
        };
        let r = render_para(p.segs, label, p.after);
        self.deliver(r);
    }

    fn deliver(&mut self, r: Rendered) {
        match self.containers.last_mut() {
            Some(Container::TextBox(v)) => v.push(r),
            Some(Container::Cell) => {
                let mut all = Vec::new();
                flatten_rendered(r, &mut all);
                if let Some(c) = self.cur_cell() {
                    for (line, bold) in all {
                        let line = line.replace('\t', " ");
                        if !line.trim().is_empty() {
                            c.any_text = true;
                            c.bold &= bold;
                            c.paras.push(line.trim().to_string());
                        }
                    }
                }
            }
            Some(Container::Body) | None => {
                let mut all = Vec::new();
                flatten_rendered(r, &mut all);
                for (text, bold) in all {
                    self.out.push(RawLine {
                        text,
                        page: None,
                        hints: LineHints {
                            bold,
                            ..LineHints::default()
                        },
                    });
                }
            }
        }
    }

    fn end_table(&mut self, t: Table) {
        let rows: Vec<(String, bool)> = t
            .rows
            .into_iter()
            .filter(|r| !r.deleted)
            .map(render_row)
            .collect();
        match self.containers.last() {
            Some(Container::Body) | None => {
                for (text, bold) in rows {
                    self.out.push(RawLine {
                        text,
                        page: None,
                        hints: LineHints {
                            bold,
                            ..LineHints::default()
                        },
                    });
                }
            }
            _ => {
                // Nested table: one paragraph per row, cells joined by spaces
                // (a TAB would split the enclosing row).
                for (text, bold) in rows {
                    let flat = text
                        .split('\t')
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let flat = flat
                        .replace("</p> <p>", " ")
                        .replace("<p>", "")
                        .replace("</p>", "");
                    if !flat.is_empty() {
                        self.deliver(Rendered {
                            lines: vec![flat],
                            bold,
                            after: Vec::new(),
                        });
                    }
                }
            }
        }
    }

    fn finish(self) -> Vec<RawLine> {
        self.out
    }
}

fn flatten_rendered(r: Rendered, out: &mut Vec<(String, bool)>) {
    for l in r.lines {
        out.push((l, r.bold));
    }
    for a in r.after {
        flatten_rendered(a, out);
    }
}

/// Joins a paragraph's pieces: `**` around bold stretches when only part of
/// it is bold; the list label goes before the first line.
fn render_para(
    segs: Vec<Vec<(String, bool)>>,
    label: Option<String>,
    after: Vec<Rendered>,
) -> Rendered {
    let has_text = |seg: &Vec<(String, bool)>| seg.iter().any(|(t, _)| !t.trim().is_empty());
    let any_text = segs.iter().any(has_text);
    let all_bold = any_text
        && segs
            .iter()
            .flatten()
            .all(|(t, b)| *b || t.trim().is_empty());
    let mut lines: Vec<String> = segs
        .iter()
        .map(|seg| {
            let mut s = String::new();
            for (t, b) in seg {
                if *b && !all_bold && !t.trim().is_empty() {
                    let core = t.trim();
                    let lead = &t[..t.len() - t.trim_start().len()];
                    let trail = &t[t.trim_end().len()..];
                    s.push_str(lead);
                    s.push_str("**");
                    s.push_str(core);
                    s.push_str("**");
                    s.push_str(trail);
                } else {
                    s.push_str(t);
                }
            }
            s
        })
        .collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    if let (Some(l), true) = (label, any_text) {
        if let Some(first) = lines.iter_mut().find(|l| !l.trim().is_empty()) {
            *first = format!("{l} {}", first.trim_start());
        }
    }
    Rendered {
        lines,
        bold: all_bold,
        after,
    }
}

fn render_row(row: Row) -> (String, bool) {
    let mut cells: Vec<String> = Vec::new();
    let mut bold = true;
    let mut any = false;
    cells.extend(std::iter::repeat_n(String::new(), row.before as usize));
    for c in row.cells {
        let text = if c.vmerge_continue {
            String::new()
        } else {
            match c.paras.len() {
                0 => String::new(),
                1 => c.paras.into_iter().next().unwrap_or_default(),
                _ => c
                    .paras
                    .iter()
                    .map(|p| format!("<p>{p}</p>"))
                    .collect::<Vec<_>>()
                    .join(" "),
            }
        };
        if !text.is_empty() {
            any = true;
            bold &= c.bold && c.any_text;
        }
        cells.push(text);
        cells.extend(std::iter::repeat_n(
            String::new(),
            c.span.saturating_sub(1) as usize,
        ));
    }
    cells.extend(std::iter::repeat_n(String::new(), row.after as usize));
    (cells.join("\t"), any && bold)
}
