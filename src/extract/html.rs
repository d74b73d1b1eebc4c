//! Web pages (issue 13): a saved `.html` page → the text-corpus line format.
//!
//! A hand-written tolerant tokenizer and a one-pass renderer (no DOM): real
//! pages have unclosed `<p>`/`<li>`/`<td>`, stray end tags and bare `&`, and
//! a browser's rules for them are only partly needed here. Why not a crate:
//! docs/decisions.md ("HTML input").
//!
//! Rendering, one output line per:
//! - block element (p, div, h1-h6, li, dt/dd, blockquote, pre lines, …) and
//!   `<br>`; inline elements join. Whitespace collapses as a browser shows
//!   it (`&nbsp;` included); `<pre>` keeps its lines and TABs. `<b>/<strong>`
//!   and headings are bold: a wholly bold line sets `hints.bold`, a bold
//!   stretch inside a line is wrapped in `**` (as DOCX and the text corpus).
//!   `<ol>`/`<ul>` items get the label a browser draws ("1. ", "- ").
//! - data-table row: cells TAB-joined; several blocks inside a cell
//!   (`<p>`, `<br>`, `<div>`) are `<p>a</p> <p>b</p>` like the text corpus;
//!   `colspan=n` → the text then n-1 empty cells; a `rowspan` leaves its
//!   column empty on the rows below (the text corpus prints a merged cell
//!   once, and repeating budget money would count it twice); a nested data
//!   table becomes one cell paragraph per row.
//! - layout table (a page laid out with `<table>`: a cell holding a nested
//!   table of ≥ 2 rows, a heading, > 40 blocks or > 3,000 characters, or
//!   `role="presentation"`): its cells' content in order, as if there were
//!   no table.
//!
//! Dropped: `head` (title, meta), `script`, `style`, `template`, `noscript`,
//! `nav`, `header`, `footer`, `aside`, `form`, `button`, `select`, `svg`,
//! `iframe`, elements with `hidden` or `display:none`, ARIA landmark roles
//! other than `main`, and elements whose class or id is a site-chrome word
//! (`CHROME_WORDS`: menus, sidebars, breadcrumbs of WordPress/Joomla-style
//! themes). Images are dropped (their alt text is not document text).
//!
//! Charset: BOM, else valid UTF-8, else `<meta charset>` or
//! `http-equiv="Content-Type"` in the first 4 KB, else Windows-874 (the
//! Thai default; TIS-620 is its subset), with a `legacy_encoding` warning.

use crate::error::ExtractError;
use crate::model::{
    Extraction, Format, LineHints, RawDoc, RawLine, TextOrigin, Warning, WarningCode,
};
use std::path::Path;

/// Elements whose whole subtree is not document text.
const DROPPED: &[&str] = &[
    "head", "script", "style", "template", "noscript", "nav", "header", "footer", "aside", "form",
    "button", "select", "svg", "iframe", "object", "title", "textarea", "map", "canvas", "video",
    "audio",
];

/// class / id tokens (split on space, `-`, `_`) that mark site chrome in
/// common CMS themes (WordPress, Joomla, Drupal, the DLA/LAO templates).
/// Whole tokens only: "entry-content" or "menu-item-text" inside content
/// are not matched by accident because only these exact words count, and
/// only on the token sequences listed (e.g. "widget area" = `widget-area`).
const CHROME_WORDS: &[&str] = &[
    "sidebar",
    "widget-area",
    "breadcrumb",
    "breadcrumbs",
    "navbar",
    "navigation",
    "site-header",
    "site-footer",
    "header",
    "footer",
    "masthead",
    "colophon",
    "topbar",
    "main-menu",
    "menu",
    "skip-link",
    "screen-reader-text",
    "share",
    "social",
    "comments",
    "cookie",
];

/// ARIA roles that are page chrome.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
];

/// Void elements: never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noscript", "template", "iframe",
];

/// Elements that break lines (before and after).
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "address",
    "figure",
    "figcaption",
    "center",
    "hr",
    "caption",
    "fieldset",
    "legend",
    "details",
    "summary",
    "body",
    "html",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// A layout table's cell: more blocks or characters than a data cell has
/// (the largest cell of the four corpus documents: 9 paragraphs, 1,160 chars).
const LAYOUT_BLOCKS: usize = 40;
const LAYOUT_CHARS: usize = 3_000;

/// True when the bytes are a web page: after a BOM, whitespace, an XML
/// declaration and comments (a browser's `<!-- saved from url=… -->`), the
/// first tag is a doctype or html/head/body/meta/title. A text dump that
/// uses `<p>` inside table cells (the text corpus) does not start that way.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = utf16_head(bytes).unwrap_or_else(|| {
        let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        String::from_utf8_lossy(&b[..b.len().min(4096)]).into_owned()
    });
    let mut s = head.trim_start();
    loop {
        let lower = s.get(..s.len().min(16)).unwrap_or("").to_ascii_lowercase();
        if lower.starts_with("<!--") {
            match s.find("-->") {
                Some(i) => s = s[i + 3..].trim_start(),
                None => return false,
            }
        } else if lower.starts_with("<?xml") {
            match s.find("?>") {
                Some(i) => s = s[i + 2..].trim_start(),
                None => return false,
            }
        } else {
            return [
                "<!doctype html",
                "<html",
                "<head",
                "<body",
                "<meta",
                "<title",
            ]
            .iter()
            .any(|p| {
                lower.starts_with(p)
                    && lower[p.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| c == '>' || c.is_ascii_whitespace() || c == '/')
            });
        }
    }
}

/// True for a text file named as a web page that has tags in it (a page
/// fragment without `<html>`); used with the extension only.
pub fn has_tags(bytes: &[u8]) -> bool {
    let s = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]).to_ascii_lowercase();
    ["<table", "<p>", "<p ", "<div", "<br", "<h1", "<h2", "<body"]
        .iter()
        .any(|t| s.contains(t))
}

fn utf16_head(bytes: &[u8]) -> Option<String> {
    let enc = if bytes.starts_with(b"\xFF\xFE") {
        encoding_rs::UTF_16LE
    } else if bytes.starts_with(b"\xFE\xFF") {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    let (s, _, _) = enc.decode(&bytes[..bytes.len().min(8192)]);
    Some(s.into_owned())
}

/// The charset a `<meta>` in the first 4 KB declares, if any.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(i) = rest.find("<meta") {
        rest = &rest[i + 5..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let attrs = parse_attrs(tag);
        let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let label = match get("charset") {
            Some(c) => Some(c.to_string()),
            None if get("http-equiv").is_some_and(|h| h.trim() == "content-type") => get("content")
                .and_then(|c| c.split_once("charset="))
                .map(|(_, v)| {
                    v.trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
                        .split(';')
                        .next()
                        .unwrap_or("")
                        .to_string()
                }),
            None => None,
        };
        if let Some(enc) = label.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes()))
        {
            return Some(enc);
        }
    }
    None
}

/// Decode a page. Returns the text and the legacy encoding used, if any.
pub fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), None);
    }
    if let Some(enc) = [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE]
        .into_iter()
        .find(|e| {
            bytes.starts_with(if *e == encoding_rs::UTF_16LE {
                b"\xFF\xFE"
            } else {
                b"\xFE\xFF"
            })
        })
    {
        let (s, _, _) = enc.decode(bytes);
        return (s.into_owned(), None);
    }
    // Valid UTF-8 wins over a declared legacy charset: Thai in TIS-620 is
    // never valid UTF-8, and browsers re-save pages as UTF-8 keeping the
    // old <meta>.
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), None);
    }
    let enc = match declared_charset(bytes) {
        Some(e)
            if e != encoding_rs::UTF_8
                && e != encoding_rs::UTF_16LE
                && e != encoding_rs::UTF_16BE =>
        {
            e
        }
        // Undeclared, or declared UTF-8 but not: the Thai default.
        _ => encoding_rs::WINDOWS_874,
    };
    let (s, _, _) = enc.decode(bytes);
    (s.into_owned(), Some(enc.name()))
}

// ---------------------------------------------------------------- tokenizer

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Text(&'a str),
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End(String),
}

/// Attributes of a tag body (after the name): `a=b`, `a="b"`, `a='b'`, `a`.
/// Names are lowercased; values keep their case and are entity-decoded.
fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        if start == i {
            break;
        }
        let name = s[start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                i += 1;
                let vs = i;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = decode_entities(&s[vs..i]);
                i += 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = decode_entities(&s[vs..i]);
            }
        }
        out.push((name, value));
    }
    out
}

/// Find `needle` (ASCII, lowercase) case-insensitively from byte `from`.
fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || from >= h.len() {
        return None;
    }
    (from..=h.len().saturating_sub(n.len())).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

struct Tokenizer<'a> {
    s: &'a str,
    pos: usize,
    /// Inside a raw-text element: skip to its end tag.
    raw: Option<String>,
}

impl<'a> Tokenizer<'a> {
    fn new(s: &'a str) -> Self {
        Tokenizer {
            s,
            pos: 0,
            raw: None,
        }
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let s = self.s;
        let b = s.as_bytes();
        if let Some(name) = self.raw.take() {
            let start = self.pos;
            let end = find_ci(s, start, &format!("</{name}")).unwrap_or(s.len());
            self.pos = end;
            if end > start {
                // Raw text is never document text (script, style, …).
                return Some(Token::Text(""));
            }
        }
        loop {
            if self.pos >= b.len() {
                return None;
            }
            let i = self.pos;
            if b[i] != b'<' {
                let end = s[i..].find('<').map(|k| i + k).unwrap_or(s.len());
                self.pos = end;
                return Some(Token::Text(&s[i..end]));
            }
            let next = b.get(i + 1).copied().unwrap_or(b' ');
            if s[i..].starts_with("<!--") {
                self.pos = s[i + 4..]
                    .find("-->")
                    .map(|k| i + 4 + k + 3)
                    .unwrap_or(s.len());
                continue;
            }
            if next == b'!' || next == b'?' {
                self.pos = s[i..].find('>').map(|k| i + k + 1).unwrap_or(s.len());
                continue;
            }
            let is_end = next == b'/';
            let name_start = if is_end { i + 2 } else { i + 1 };
            if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
                // A bare "<" (e.g. "a < b"): text.
                let end = s[i + 1..].find('<').map(|k| i + 1 + k).unwrap_or(s.len());
                self.pos = end;
                return Some(Token::Text(&s[i..end]));
            }
            let mut k = name_start;
            while k < b.len() && !b[k].is_ascii_whitespace() && b[k] != b'>' && b[k] != b'/' {
                k += 1;
            }
            let name = s[name_start..k].to_ascii_lowercase();
            // Tag end: the first '>' outside quotes.
            let mut j = k;
            let mut quote: Option<u8> = None;
            while j < b.len() {
                match (quote, b[j]) {
                    (None, b'>') => break,
                    (None, q @ (b'"' | b'\'')) if j > 0 && b[j - 1] == b'=' => quote = Some(q),
                    (Some(q), c) if c == q => quote = None,
                    _ => {}
                }
                j += 1;
            }
            let body = &s[k..j.min(s.len())];
            self.pos = (j + 1).min(s.len());
            if is_end {
                return Some(Token::End(name));
            }
            let self_closing = body.trim_end().ends_with('/');
            if RAW_TEXT.contains(&name.as_str()) && !self_closing {
                self.raw = Some(name.clone());
            }
            return Some(Token::Start {
                attrs: parse_attrs(body),
                name,
                self_closing,
            });
        }
    }
}

/// Named entities seen on Thai government pages and in office exports;
/// anything else is kept as written.
const ENTITIES: &[(&str, &str)] = &[
    ("nbsp", "\u{A0}"),
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("hellip", "…"),
    ("bull", "•"),
    ("middot", "·"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("copy", "©"),
    ("reg", "®"),
    ("times", "×"),
    ("divide", "÷"),
    ("deg", "°"),
    ("plusmn", "±"),
    ("shy", "\u{AD}"),
    ("zwnj", "\u{200C}"),
    ("zwj", "\u{200D}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("minus", "−"),
    ("frac12", "½"),
    ("sup2", "²"),
    ("check", "✓"),
];

/// Decode character references: `&#3585;`, `&#xE01;`, `&name;` (and the
/// legacy `&nbsp`/`&amp` without `;`). Invalid ones stay as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let body_end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map(|k| k + 1)
            .unwrap_or(rest.len());
        let body = &rest[1..body_end];
        let semi = rest[body_end..].starts_with(';');
        let consumed = body_end + semi as usize;
        let decoded: Option<String> = if let Some(num) = body.strip_prefix('#') {
            let v = match num.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            v.map(|v| match v {
                // Windows-1252 C1 range, as browsers read it.
                0x80..=0x9F => {
                    let byte = [v as u8];
                    let (c, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
                    c.into_owned()
                }
                _ => char::from_u32(v).unwrap_or('\u{FFFD}').to_string(),
            })
        } else {
            ENTITIES
                .iter()
                .find(|(n, _)| {
                    *n == body && (semi || ["nbsp", "amp", "lt", "gt", "quot"].contains(n))
                })
                .map(|(_, v)| v.to_string())
        };
        match decoded {
            Some(d) if !body.is_empty() => {
                out.push_str(&d);
                rest = &rest[consumed..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------- renderer

/// A piece of output inside a table cell (kept structured so a layout
/// table can give its content back as lines).
#[derive(Debug, Clone)]
enum Block {
    /// A paragraph: text, wholly bold.
    Para(String, bool),
    /// A row of a nested table: TAB-joined cells, bold.
    Row(String, bool),
}

#[derive(Debug, Default)]
struct Cell {
    blocks: Vec<Block>,
    colspan: usize,
    rowspan: usize,
    heading: bool,
    chars: usize,
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<(String, bool)>>,
    /// Rendered blocks of every cell, in order (for a layout table).
    flow: Vec<Block>,
    row: Option<Vec<(String, bool)>>,
    cell: Option<Cell>,
    /// (column, width, rows still covered) of cells with rowspan > 1.
    rowspans: Vec<(usize, usize, usize)>,
    layout: bool,
    /// Text inside the table but outside any cell (a caption, stray text).
    stray: Vec<Block>,
}

impl Table {
    fn pad_rowspans(&mut self) {
        let Some(row) = self.row.as_mut() else { return };
        loop {
            let col = row.len();
            match self
                .rowspans
                .iter()
                .find(|(c, _, left)| *c == col && *left > 0)
            {
                Some(&(_, w, _)) => row.extend(std::iter::repeat_n((String::new(), false), w)),
                None => break,
            }
        }
    }
}

/// One element on the open-element stack.
#[derive(Debug)]
struct Open {
    name: String,
    dropped: bool,
    bold: bool,
    pre: bool,
    /// For ol/ul: next item number (None = bullets).
    list: Option<Option<u64>>,
}

struct Renderer {
    stack: Vec<Open>,
    dropped: usize,
    bold: usize,
    pre: usize,
    tables: Vec<Table>,
    /// The line being built: (text, bold) pieces.
    line: Vec<(String, bool)>,
    /// A list label waiting for the item's first text.
    label: Option<String>,
    out: Vec<RawLine>,
}

fn is_chrome(attrs: &[(String, String)]) -> bool {
    let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    if attrs.iter().any(|(n, _)| n == "hidden") {
        return true;
    }
    if let Some(style) = get("style") {
        let st: String = style
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if st.contains("display:none") || st.contains("visibility:hidden") {
            return true;
        }
    }
    if get("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(role) = get("role") {
        if CHROME_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()) {
            return true;
        }
    }
    for key in ["class", "id"] {
        if let Some(v) = get(key) {
            let v = v.to_ascii_lowercase();
            if v.split_whitespace()
                .any(|tok| CHROME_WORDS.contains(&tok.replace('_', "-").as_str()))
            {
                return true;
            }
        }
    }
    false
}

impl Renderer {
    fn new() -> Self {
        Renderer {
            stack: Vec::new(),
            dropped: 0,
            bold: 0,
            pre: 0,
            tables: Vec::new(),
            line: Vec::new(),
            label: None,
            out: Vec::new(),
        }
    }

    fn text(&mut self, raw: &str) {
        if self.dropped > 0 || raw.is_empty() {
            return;
        }
        let t = decode_entities(raw);
        let bold = self.bold > 0;
        if self.pre > 0 {
            let mut first = true;
            for part in t.split('\n') {
                if !first {
                    self.flush();
                }
                first = false;
                let part = part.trim_end_matches('\r').replace('\u{A0}', " ");
                if !part.is_empty() {
                    self.push(part, bold);
                }
            }
            return;
        }
        // Collapse white space as a browser does (NBSP shows as a space).
        let mut s = String::with_capacity(t.len());
        let mut space = false;
        for c in t.chars() {
            if c.is_whitespace() || c == '\u{A0}' {
                space = true;
            } else {
                if space {
                    s.push(' ');
                }
                space = false;
                s.push(c);
            }
        }
        if space {
            s.push(' ');
        }
        if s.is_empty() {
            return;
        }
        self.push(s, bold);
    }

    fn push(&mut self, mut s: String, bold: bool) {
        let at_start = self.line.iter().all(|(t, _)| t.trim().is_empty());
        if at_start {
            // In <pre>, leading TABs are empty cells of a text dump.
            let trimmed = if self.pre > 0 {
                s.trim_start_matches(' ')
            } else {
                s.trim_start()
            };
            if trimmed.trim().is_empty() && self.pre == 0 {
                return;
            }
            s = trimmed.to_string();
            if let Some(l) = self.label.take() {
                self.line.push((l, false));
            }
        }
        self.line.push((s, bold));
    }

    /// End the current line (a block boundary).
    fn flush(&mut self) {
        let segs = std::mem::take(&mut self.line);
        let Some((text, bold)) = render_line(&segs) else {
            return;
        };
        if let Some(t) = self.tables.last_mut() {
            if let Some(c) = t.cell.as_mut() {
                c.chars += text.chars().count();
                c.blocks.push(Block::Para(text, bold));
            } else {
                t.stray.push(Block::Para(text, bold));
            }
            return;
        }
        self.emit(text, bold);
    }

    fn emit(&mut self, text: String, bold: bool) {
        self.out.push(RawLine {
            text,
            page: None,
            hints: LineHints {
                bold,
                ..LineHints::default()
            },
        });
    }

    fn start(&mut self, name: String, attrs: Vec<(String, String)>, self_closing: bool) {
        let name_s = name.as_str();
        if self.dropped > 0 {
            if !VOID.contains(&name_s) && !self_closing {
                self.stack.push(Open {
                    name,
                    dropped: true,
                    bold: false,
                    pre: false,
                    list: None,
                });
                self.dropped += 1;
            }
            return;
        }
        // Implied end tags (unclosed p, li, td, tr, dt/dd, option).
        match name_s {
            "p" | "div" | "ul" | "ol" | "table" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "blockquote" | "pre" | "dl" | "hr" | "section" | "article" => self.close_implied(
                &["p"],
                &["td", "th", "table", "li", "div", "blockquote"],
                true,
            ),
            "li" => self.close_implied(&["li"], &["ul", "ol", "td", "th", "table"], false),
            "dt" | "dd" => self.close_implied(&["dt", "dd"], &["dl", "td", "th", "table"], false),
            "td" | "th" => self.close_implied(&["td", "th"], &["tr", "table"], false),
            "tr" => self.close_implied(&["tr", "td", "th"], &["table"], false),
            "thead" | "tbody" | "tfoot" => self.close_implied(
                &["thead", "tbody", "tfoot", "tr", "td", "th"],
                &["table"],
                false,
            ),
            _ => {}
        }
        let dropped = DROPPED.contains(&name_s) || is_chrome(&attrs);
        if dropped {
            if !VOID.contains(&name_s) && !self_closing {
                self.flush();
                self.stack.push(Open {
                    name,
                    dropped: true,
                    bold: false,
                    pre: false,
                    list: None,
                });
                self.dropped += 1;
            }
            return;
        }
        let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        match name_s {
            "br" => {
                self.flush();
                return;
            }
            "hr" => {
                self.flush();
                return;
            }
            "table" => {
                self.flush();
                self.tables.push(Table {
                    layout: get("role").is_some_and(|r| r.eq_ignore_ascii_case("presentation")),
                    ..Default::default()
                });
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(Vec::new());
                }
            }
            "td" | "th" => {
                let span = |k: &str| {
                    get(k)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 1000)
                };
                let (colspan, rowspan) = (span("colspan"), span("rowspan"));
                if let Some(t) = self.tables.last_mut() {
                    if t.row.is_none() {
                        t.row = Some(Vec::new());
                    }
                    t.pad_rowspans();
                    t.cell = Some(Cell {
                        colspan,
                        rowspan,
                        heading: false,
                        ..Default::default()
                    });
                }
                if self.tables.is_empty() {
                    // A cell outside any table: a block.
                    self.flush();
                }
            }
            "img" | "input" | "meta" | "link" => return,
            _ => {}
        }
        if BLOCK.contains(&name_s) {
            self.flush();
        }
        if HEADINGS.contains(&name_s) {
            if let Some(c) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                c.heading = true;
            }
        }
        if name_s == "li" {
            let label = self
                .stack
                .iter_mut()
                .rev()
                .find_map(|o| o.list.as_mut())
                .map(|l| match l {
                    Some(n) => {
                        let s = format!("{n}. ");
                        *n += 1;
                        s
                    }
                    None => "- ".to_string(),
                });
            self.label = label;
        }
        if VOID.contains(&name_s) || self_closing {
            return;
        }
        let bold = matches!(name_s, "b" | "strong" | "th") || HEADINGS.contains(&name_s);
        let pre = matches!(name_s, "pre" | "plaintext" | "listing");
        let list = match name_s {
            "ol" => Some(Some(
                get("start")
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .unwrap_or(1),
            )),
            "ul" | "menu" => Some(None),
            _ => None,
        };
        self.bold += bold as usize;
        self.pre += pre as usize;
        self.stack.push(Open {
            name,
            dropped: false,
            bold,
            pre,
            list,
        });
    }

    /// Close open elements named in `names` that sit above the nearest
    /// element in `stop` (e.g. a new `<li>` closes the open `<li>` of the
    /// same list, never one of an outer list), with everything above them.
    /// `strict`: only when nothing but inline elements lie above it (a new
    /// block closes an open `<p>`, not a `<div>` inside it).
    fn close_implied(&mut self, names: &[&str], stop: &[&str], strict: bool) {
        loop {
            let Some(i) = self
                .stack
                .iter()
                .rposition(|o| names.contains(&o.name.as_str()) || stop.contains(&o.name.as_str()))
            else {
                return;
            };
            if stop.contains(&self.stack[i].name.as_str())
                && !names.contains(&self.stack[i].name.as_str())
            {
                return;
            }
            if strict
                && self.stack[i + 1..]
                    .iter()
                    .any(|o| BLOCK.contains(&o.name.as_str()) || o.name == "table")
            {
                return;
            }
            while self.stack.len() > i {
                self.pop();
            }
        }
    }

    fn end(&mut self, name: String) {
        let name_s = name.as_str();
        // Table-structure end tags never close across their table.
        let boundary: &[&str] = match name_s {
            "td" | "th" | "tr" | "thead" | "tbody" | "tfoot" | "table" => &["table"],
            "li" => &["ul", "ol", "table", "td", "th"],
            "p" => &["td", "th", "table", "div", "li", "blockquote"],
            _ => &["td", "th", "table"],
        };
        let Some(i) = self
            .stack
            .iter()
            .rposition(|o| o.name == name_s || (boundary.contains(&o.name.as_str()) && !o.dropped))
        else {
            if name_s == "br" || name_s == "p" {
                // "</br>" and a stray "</p>" break the line, as browsers do.
                self.flush();
            }
            return;
        };
        if self.stack[i].name != name_s {
            if name_s == "p" {
                self.flush();
            }
            return;
        }
        while self.stack.len() > i {
            self.pop();
        }
    }

    fn pop(&mut self) {
        let Some(o) = self.stack.pop() else { return };
        if o.dropped {
            self.dropped = self.dropped.saturating_sub(1);
            return;
        }
        self.bold -= o.bold as usize;
        self.pre -= o.pre as usize;
        let name = o.name.as_str();
        if BLOCK.contains(&name) {
            self.flush();
        }
        match name {
            "td" | "th" => self.end_cell(),
            "tr" => self.end_row(),
            "table" => self.end_table(),
            "li" => self.label = None,
            _ => {}
        }
    }

    fn end_cell(&mut self) {
        self.flush();
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        let Some(c) = t.cell.take() else { return };
        if c.blocks
            .iter()
            .filter(|b| matches!(b, Block::Row(..)))
            .count()
            >= 2
            || c.heading
            || c.blocks.len() > LAYOUT_BLOCKS
            || c.chars > LAYOUT_CHARS
        {
            t.layout = true;
        }
        let parts: Vec<(String, bool)> = c
            .blocks
            .iter()
            .map(|b| match b {
                Block::Para(s, bold) => (s.clone(), *bold),
                Block::Row(s, bold) => (flatten_row(s), *bold),
            })
            .filter(|(s, _)| !s.is_empty())
            .collect();
        let bold = !parts.is_empty() && parts.iter().all(|(_, b)| *b);
        let text = match parts.len() {
            0 => String::new(),
            1 => parts[0].0.clone(),
            _ => parts
                .iter()
                .map(|(p, _)| format!("<p>{p}</p>"))
                .collect::<Vec<_>>()
                .join(" "),
        };
        t.flow.extend(c.blocks);
        if t.row.is_none() {
            t.row = Some(Vec::new());
        }
        let col = t.row.as_ref().map(|r| r.len()).unwrap_or(0);
        if let Some(row) = t.row.as_mut() {
            row.push((text, bold));
            row.extend(std::iter::repeat_n((String::new(), false), c.colspan - 1));
        }
        if c.rowspan > 1 {
            t.rowspans.push((col, c.colspan, c.rowspan));
        }
    }

    fn end_row(&mut self) {
        if self.tables.last().is_some_and(|t| t.cell.is_some()) {
            self.end_cell();
        }
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        t.pad_rowspans();
        let Some(row) = t.row.take() else { return };
        // Each covering rowspan has now covered one more row (a rowspan
        // pushed by a cell of this row starts covering the next one).
        for rs in t.rowspans.iter_mut() {
            rs.2 = rs.2.saturating_sub(1);
        }
        t.rowspans.retain(|rs| rs.2 > 0);
        if row.iter().any(|(c, _)| !c.is_empty()) {
            t.rows.push(row);
        }
    }

    fn end_table(&mut self) {
        if self
            .tables
            .last()
            .is_some_and(|t| t.row.is_some() || t.cell.is_some())
        {
            self.end_row();
        }
        self.flush();
        let Some(t) = self.tables.pop() else { return };
        let mut blocks = t.stray;
        if t.layout {
            blocks.extend(t.flow);
        } else {
            for row in t.rows {
                let bold = row.iter().filter(|(c, _)| !c.is_empty()).all(|(_, b)| *b);
                let cells: Vec<String> = row.into_iter().map(|(c, _)| c).collect();
                blocks.push(Block::Row(cells.join("\t"), bold));
            }
        }
        match self.tables.last_mut() {
            Some(parent) => match parent.cell.as_mut() {
                Some(c) => {
                    c.chars += blocks
                        .iter()
                        .map(|b| match b {
                            Block::Para(s, _) | Block::Row(s, _) => s.chars().count(),
                        })
                        .sum::<usize>();
                    c.blocks.extend(blocks);
                }
                None => parent.stray.extend(blocks),
            },
            None => {
                for b in blocks {
                    match b {
                        Block::Para(s, bold) | Block::Row(s, bold) => self.emit(s, bold),
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Vec<RawLine> {
        while !self.stack.is_empty() {
            self.pop();
        }
        while !self.tables.is_empty() {
            self.end_table();
        }
        self.flush();
        self.out
    }
}

/// A nested data-table row inside a cell: its cells joined by spaces.
fn flatten_row(s: &str) -> String {
    s.split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace("</p> <p>", " ")
        .replace("<p>", "")
        .replace("</p>", "")
}

/// A line's pieces → its text (trimmed) and whether it is wholly bold;
/// `**` around bold stretches of a partly bold line. None when empty.
fn render_line(segs: &[(String, bool)]) -> Option<(String, bool)> {
    let has = |(t, _): &&(String, bool)| !t.trim().is_empty();
    if !segs.iter().any(|s| has(&s)) {
        return None;
    }
    let all_bold = segs.iter().filter(has).all(|(_, b)| *b);
    let mut s = String::new();
    let mut in_bold = false;
    for (t, b) in segs {
        let b = *b && !all_bold && !t.trim().is_empty();
        if b != in_bold {
            // Markers hug the text: spaces stay outside them.
            let lead = &t[..t.len() - t.trim_start().len()];
            if in_bold {
                let trail_len = s.len() - s.trim_end().len();
                let trail = s[s.len() - trail_len..].to_string();
                s.truncate(s.len() - trail_len);
                s.push_str("**");
                s.push_str(&trail);
            }
            s.push_str(lead);
            if b {
                s.push_str("**");
            }
            s.push_str(t.trim_start());
            in_bold = b;
        } else {
            s.push_str(t);
        }
    }
    if in_bold {
        let trail_len = s.len() - s.trim_end().len();
        s.truncate(s.len() - trail_len);
        s.push_str("**");
    }
    // Spaces only: TABs at either end are empty cells (a <pre> text dump).
    let text = s.trim_matches(' ').to_string();
    (!text.trim().is_empty()).then_some((text, all_bold))
}

/// Render decoded HTML into lines.
pub fn render(html: &str) -> Vec<RawLine> {
    let mut r = Renderer::new();
    for tok in Tokenizer::new(html) {
        match tok {
            Token::Text(t) => r.text(t),
            Token::Start {
                name,
                attrs,
                self_closing,
            } => r.start(name, attrs, self_closing),
            Token::End(name) => r.end(name),
        }
    }
    r.finish()
}

pub fn extract(path: &Path, bytes: &[u8]) -> Result<RawDoc, ExtractError> {
    let (text, encoding) = match mhtml_html_part(bytes) {
        // "Web page, single file" (.mhtml): the page is the first text/html part.
        Some((part, Some(enc))) if enc != encoding_rs::UTF_8 => {
            let (s, _, _) = enc.decode(&part);
            (s.into_owned(), Some(enc.name()))
        }
        Some((part, _)) => decode(&part),
        None => decode(bytes),
    };
    let lines = render(&text);
    let mut doc = RawDoc::from_lines(Format::Html, Extraction::Html, TextOrigin::Text, lines);
    if let Some(enc) = encoding {
        doc.warnings.push(Warning::new(
            WarningCode::LegacyEncoding,
            format!("{}: not UTF-8; decoded as {enc}", path.display()),
            None,
        ));
    }
    Ok(doc)
}

/// True for a MIME web archive (.mhtml/.mht as browsers save "single
/// file" pages): MIME headers with `multipart/related` in the first 2 KB.
pub fn looks_like_mhtml(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    head.contains("mime-version:") && head.contains("multipart/related")
}

/// The first `text/html` part of a MIME web archive, decoded from its
/// transfer encoding, with the part's declared charset.
fn mhtml_html_part(bytes: &[u8]) -> Option<(Vec<u8>, Option<&'static encoding_rs::Encoding>)> {
    if !looks_like_mhtml(bytes) {
        return None;
    }
    let s = String::from_utf8_lossy(bytes);
    let lower_head = s[..s.len().min(4096)].to_ascii_lowercase();
    let b = lower_head.find("boundary=")? + "boundary=".len();
    let raw = &s[b..];
    let boundary = if let Some(r) = raw.strip_prefix('"') {
        r.split('"').next()?
    } else {
        raw.split(|c: char| c == ';' || c.is_whitespace()).next()?
    };
    let delim = format!("--{boundary}");
    for part in s.split(delim.as_str()).skip(1) {
        let part = part
            .strip_prefix("\r\n")
            .or_else(|| part.strip_prefix('\n'))?;
        let (head, body) = part
            .split_once("\r\n\r\n")
            .or_else(|| part.split_once("\n\n"))?;
        let h = head.to_ascii_lowercase();
        let ctype = header(&h, "content-type").unwrap_or_default();
        if !ctype.starts_with("text/html") {
            continue;
        }
        let charset = ctype
            .split(';')
            .find_map(|p| p.trim().strip_prefix("charset="))
            .and_then(|c| encoding_rs::Encoding::for_label(c.trim_matches('"').as_bytes()));
        let body = body.trim_end_matches(['\r', '\n']);
        let data = match header(&h, "content-transfer-encoding").as_deref() {
            Some("quoted-printable") => quoted_printable(body),
            Some("base64") => base64(body),
            _ => body.as_bytes().to_vec(),
        };
        return Some((data, charset));
    }
    None
}

fn header(head: &str, name: &str) -> Option<String> {
    head.lines()
        .find_map(|l| l.strip_prefix(name)?.trim_start().strip_prefix(':'))
        .map(|v| v.trim().to_string())
}

/// RFC 2045 quoted-printable: `=XX` bytes, `=` at line end = soft break.
fn quoted_printable(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            match (b.get(i + 1), b.get(i + 2)) {
                (Some(b'\r'), Some(b'\n')) => i += 3,
                (Some(b'\n'), _) => i += 2,
                (Some(&h), Some(&l)) => {
                    let hex = |c: u8| (c as char).to_digit(16);
                    match (hex(h), hex(l)) {
                        (Some(h), Some(l)) => {
                            out.push((h * 16 + l) as u8);
                            i += 3;
                        }
                        _ => {
                            out.push(b'=');
                            i += 1;
                        }
                    }
                }
                _ => {
                    out.push(b'=');
                    i += 1;
                }
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut n) = (0u32, 0u32);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((acc >> n) as u8);
            acc &= (1 << n) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        render(html).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn entities_decode_and_bad_ones_stay() {
        assert_eq!(
            decode_entities("a&amp;b &#3585;&#xE02; &nbsp;x &bogus; & y"),
            "a&b กข \u{A0}x &bogus; & y"
        );
        assert_eq!(decode_entities("&#150;"), "–");
    }

    #[test]
    fn unclosed_cells_rows_and_paragraphs() {
        let l = lines("<table><tr><td>a<td colspan=2>b<tr><td>c<br>d<td>e</table><p>x<p>y");
        // colspan=2: the text, then one empty cell.
        assert_eq!(l, vec!["a\tb\t", "<p>c</p> <p>d</p>\te", "x", "y"]);
    }

    #[test]
    fn rowspan_leaves_the_column_empty_below() {
        let l = lines("<table><tr><td rowspan=2>a</td><td>b</td></tr><tr><td>c</td></tr><tr><td>d</td><td>e</td></tr></table>");
        assert_eq!(l, vec!["a\tb", "\tc", "d\te"]);
    }

    #[test]
    fn chrome_is_dropped() {
        let l = lines("<html><head><title>T</title><style>p{}</style></head><body><nav>menu</nav><div class=\"sidebar\">side</div><script>var a='<p>';</script><p>body</p><footer>f</footer></body></html>");
        assert_eq!(l, vec!["body"]);
    }

    #[test]
    fn layout_table_gives_its_content_back() {
        let l = lines("<table><tr><td><h1>Title</h1><p>para</p><table><tr><td>1</td><td>x</td></tr><tr><td>2</td><td>y</td></tr></table></td></tr></table>");
        assert_eq!(l, vec!["Title", "para", "1\tx", "2\ty"]);
    }

    #[test]
    fn bold_stretch_and_lists() {
        let l = lines("<p>a <b>b</b> c</p><ol start=3><li>x<li>y</ol><ul><li>z</ul>");
        assert_eq!(l, vec!["a **b** c", "3. x", "4. y", "- z"]);
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"));
        assert!(looks_like_html(
            b"<!-- saved from url=(0022)http://x.go.th/ -->\n<html>"
        ));
        assert!(looks_like_html(b"<HTML><BODY>"));
        assert!(!looks_like_html("1\ta\t<p>x</p> <p>y</p>".as_bytes()));
        assert!(!looks_like_html(b"<htmlfoo>"));
    }

    #[test]
    fn mhtml_quoted_printable_part() {
        let m = "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----B--x\"\r\n\r\n------B--x\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<html><body><p>=E0=B8=95=E0=B8=A3=E0=B8=B1=E0=B8=87 a=3Db lo=\r\nng</p></body></html>\r\n------B--x--\r\n";
        assert!(looks_like_mhtml(m.as_bytes()));
        let d = extract(Path::new("x.mhtml"), m.as_bytes()).unwrap();
        assert_eq!(d.lines[0].text, "ตรัง a=b long");
        assert_eq!(base64("4LiV"), "ต".as_bytes());
    }

    #[test]
    fn charset_from_meta() {
        let mut b = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-874\"></head><body><p>".to_vec();
        b.extend([0xB5, 0xC3, 0xD1, 0xA7]);
        let (s, enc) = decode(&b);
        assert!(s.contains("ตรัง"));
        assert_eq!(enc, Some("windows-874"));
    }
}
