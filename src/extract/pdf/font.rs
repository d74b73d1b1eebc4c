//! Fonts: code → Unicode (ToUnicode CMaps with bfchar/bfrange, simple-font
//! encodings with /Differences) and code → advance width (simple /Widths,
//! Type0 /W arrays).

use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// What a text-showing operator needs to know about a font.
#[derive(Debug, Default)]
pub struct Font {
    /// Byte lengths of codes (1 for simple fonts; from the codespace ranges
    /// of the CMap for Type0, default 2).
    code_len: usize,
    to_unicode: HashMap<u32, String>,
    /// Fallback for simple fonts without a ToUnicode entry for a code.
    encoding: Option<Box<[Option<char>; 256]>>,
    widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space → text space (1/1000 except Type3).
    scale: f64,
    pub composite: bool,
    /// Bold face (name or descriptor weight): a paragraph-boundary signal
    /// and the `bold` line hint.
    pub bold: bool,
    /// Thai-mark codes whose glyph shape contradicts their ToUnicode entry,
    /// with the mark the glyph draws (`glyphs::repair_thai_marks`). Used only
    /// when the document has no /ActualText: LibreOffice's ToUnicode and
    /// ActualText are consistent in drawing order together, and only a
    /// re-distilled copy (ActualText dropped) needs the glyph's own mark.
    pub glyph_marks: HashMap<u32, String>,
}

/// One decoded code.
pub struct Code {
    pub code: u32,
    pub text: String,
    /// Advance in text space units per unit font size.
    pub width: f64,
    /// The single-byte code 32 (word spacing applies).
    pub is_space: bool,
    /// The font's ToUnicode entry for this code contradicts the glyph.
    pub remapped: bool,
}

/// A PDF number object (integer or real) as f64.
pub(super) fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

impl Font {
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        let composite = subtype == b"Type0";
        let base = dict
            .get(b"BaseFont")
            .ok()
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        let bold = base.windows(4).any(|w| w.eq_ignore_ascii_case(b"bold"))
            || base.windows(5).any(|w| w.eq_ignore_ascii_case(b"heavy"));
        let mut font = Font {
            bold,
            code_len: if composite { 2 } else { 1 },
            default_width: 0.0,
            scale: 0.001,
            composite,
            ..Default::default()
        };
        if subtype == b"Type3" {
            if let Ok(m) = dict
                .get(b"FontMatrix")
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_array())
            {
                if let Some(a) = m.first().and_then(num) {
                    font.scale = a;
                }
            }
        }
        if let Ok(tu) = dict.get(b"ToUnicode") {
            if let Ok(stream) = deref(doc, tu).as_stream() {
                let data = stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone());
                let (map, lens) = parse_cmap(&data);
                font.to_unicode = map;
                if composite {
                    if let Some(l) = lens {
                        font.code_len = l;
                    }
                }
            }
        }
        if composite {
            font.default_width = 1000.0;
            if let Some(desc) = dict
                .get(b"DescendantFonts")
                .map(|o| deref(doc, o))
                .ok()
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok())
            {
                if let Some(dw) = desc.get(b"DW").ok().map(|o| deref(doc, o)).and_then(num) {
                    font.default_width = dw;
                }
                if let Ok(w) = desc
                    .get(b"W")
                    .map(|o| deref(doc, o))
                    .and_then(|o| o.as_array())
                {
                    parse_w_array(doc, w, &mut font.widths);
                }
            }
            if let Ok(enc) = dict.get(b"Encoding").and_then(|o| o.as_name()) {
                // Only Identity-H/V are 2-byte CIDs we can map without the CMap file.
                if enc.starts_with(b"Identity") && font.to_unicode.is_empty() {
                    font.code_len = 2;
                }
            }
        } else {
            let first = dict
                .get(b"FirstChar")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(num)
                .unwrap_or(0.0) as u32;
            if let Ok(w) = dict
                .get(b"Widths")
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_array())
            {
                // /FirstChar is the file's word: the range stops at u32::MAX
                // instead of overflowing.
                for (code, o) in (first..=u32::MAX).zip(w.iter()) {
                    if let Some(v) = num(deref(doc, o)) {
                        font.widths.insert(code, v);
                    }
                }
            }
            if let Some(fd) = dict
                .get(b"FontDescriptor")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok())
            {
                if let Some(mw) = fd.get(b"MissingWidth").ok().and_then(num) {
                    font.default_width = mw;
                }
            }
            if font.widths.is_empty() {
                font.default_width = standard14_width(dict);
            }
            font.encoding = Some(simple_encoding(doc, dict));
        }
        if !font.to_unicode.is_empty() {
            let mut fixed = font.to_unicode.clone();
            if remap_thai_marks(doc, dict, composite, &mut fixed) > 0 {
                font.glyph_marks = fixed
                    .into_iter()
                    .filter(|(k, v)| font.to_unicode.get(k) != Some(v))
                    .collect();
            }
        }
        font
    }

    /// Split a string operand into codes and decode each.
    /// With `glyph_marks`, Thai marks come from the glyph shapes where
    /// they contradict the ToUnicode entry; `Code::remapped` says so.
    pub fn decode(&self, bytes: &[u8], glyph_marks: bool) -> Vec<Code> {
        let n = self.code_len.clamp(1, 4);
        let mut out = Vec::with_capacity(bytes.len() / n + 1);
        for chunk in bytes.chunks(n) {
            let code = chunk.iter().fold(0u32, |a, b| (a << 8) | *b as u32);
            let remap = self.glyph_marks.get(&code);
            let text = match remap.filter(|_| glyph_marks).or(self.to_unicode.get(&code)) {
                Some(t) => t.clone(),
                None => match &self.encoding {
                    Some(enc) => enc
                        .get(code as usize)
                        .copied()
                        .flatten()
                        .map(String::from)
                        .unwrap_or_default(),
                    None => String::new(),
                },
            };
            let w = self
                .widths
                .get(&code)
                .copied()
                .unwrap_or(self.default_width)
                * self.scale;
            out.push(Code {
                code,
                text,
                width: w,
                is_space: n == 1 && code == 32,
                remapped: remap.is_some(),
            });
        }
        out
    }
}

/// The embedded TrueType program (FontFile2) of a simple font or of a
/// Type0 font's CIDFontType2 descendant, with the code → glyph id map:
/// the program's cmap for simple fonts, /CIDToGIDMap (Identity or a
/// stream) for CID fonts.
fn remap_thai_marks(
    doc: &Document,
    dict: &Dictionary,
    composite: bool,
    to_unicode: &mut HashMap<u32, String>,
) -> usize {
    let font_dict = if composite {
        match dict
            .get(b"DescendantFonts")
            .map(|o| deref(doc, o))
            .ok()
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok())
        {
            Some(d) => d,
            None => return 0,
        }
    } else {
        dict
    };
    // Only fonts that draw Thai marks are worth parsing.
    if !to_unicode
        .values()
        .any(|s| s.chars().any(|c| ('\u{0E31}'..='\u{0E4E}').contains(&c)))
    {
        return 0;
    }
    let Some(program) = font_dict
        .get(b"FontDescriptor")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .and_then(|fd| fd.get(b"FontFile2").ok())
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_stream().ok())
        .and_then(|s| s.decompressed_content().ok())
    else {
        return 0;
    };
    let Some(tt) = super::glyphs::TrueType::parse(&program) else {
        return 0;
    };
    let cid_to_gid: Option<Vec<u8>> = if composite {
        match font_dict.get(b"CIDToGIDMap").map(|o| deref(doc, o)) {
            Ok(Object::Stream(s)) => Some(s.decompressed_content().unwrap_or_default()),
            _ => None, // Identity (the default)
        }
    } else {
        None
    };
    let gid = |code: u32| -> Option<u16> {
        if !composite {
            return tt.gid_for_code(code);
        }
        match &cid_to_gid {
            None => u16::try_from(code).ok(),
            Some(m) => {
                let i = 2 * code as usize;
                Some(u16::from_be_bytes([*m.get(i)?, *m.get(i + 1)?]))
            }
        }
    };
    super::glyphs::repair_thai_marks(to_unicode, tt.upem, |code| tt.bbox(gid(code)?))
}

fn standard14_width(dict: &Dictionary) -> f64 {
    let base = dict
        .get(b"BaseFont")
        .ok()
        .and_then(|o| o.as_name().ok())
        .unwrap_or(b"");
    if base.windows(7).any(|w| w == b"Courier") {
        600.0
    } else {
        500.0
    }
}

fn parse_w_array(doc: &Document, w: &[Object], widths: &mut HashMap<u32, f64>) {
    let mut i = 0;
    while i < w.len() {
        let Some(first) = num(deref(doc, &w[i])) else {
            break;
        };
        let first = first as u32;
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                // The range stops at u32::MAX rather than overflowing on a hostile CID.
                for (code, o) in (first..=u32::MAX).zip(list.iter()) {
                    if let Some(v) = num(deref(doc, o)) {
                        widths.insert(code, v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o).unwrap_or(first as f64) as u32;
                let v = w
                    .get(i + 2)
                    .map(|o| deref(doc, o))
                    .and_then(num)
                    .unwrap_or(0.0);
                // Bound absurd ranges from hostile files.
                if last >= first && last - first <= 65535 && widths.len() < MAX_CMAP_ENTRIES {
                    for c in first..=last {
                        widths.insert(c, v);
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// Bound on code mappings and widths per font (hostile files).
const MAX_CMAP_ENTRIES: usize = 1 << 20;

// ---------------------------------------------------------------------------
// CMap parsing
// ---------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Num(i64),
    Word(String),
    Open,
    Close,
}

fn tokenize(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let mut j = i + 1;
                let mut hex = Vec::new();
                while j < data.len() && data[j] != b'>' {
                    if data[j].is_ascii_hexdigit() {
                        hex.push(data[j]);
                    }
                    j += 1;
                }
                if hex.len() % 2 == 1 {
                    hex.push(b'0');
                }
                let bytes = hex
                    .chunks(2)
                    .map(|p| {
                        let h = (p[0] as char).to_digit(16).unwrap_or(0);
                        let l = (p[1] as char).to_digit(16).unwrap_or(0);
                        (h * 16 + l) as u8
                    })
                    .collect();
                out.push(Tok::Hex(bytes));
                i = j + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings occur in headers only; skip balanced.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let s = i;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !b"<>[]()%/".contains(&data[i])
                {
                    i += 1;
                }
                if i == s {
                    i += 1; // lone '/', skip
                    continue;
                }
                let w = String::from_utf8_lossy(&data[s..i]).into_owned();
                match w.parse::<i64>() {
                    Ok(n) => out.push(Tok::Num(n)),
                    Err(_) => out.push(Tok::Word(w)),
                }
            }
        }
    }
    out
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |a, b| (a << 8) | *b as u32)
}

/// Big-endian UTF-16 code units; an odd trailing byte is a unit of its own.
fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| match *p {
            [hi, lo] => u16::from_be_bytes([hi, lo]),
            [b] => u16::from(b),
            _ => 0, // `chunks` yields no empty chunk
        })
        .collect()
}

fn utf16(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(bytes))
}

/// Parse a ToUnicode CMap: code → text, and the code byte length from the
/// codespace ranges (if they agree on one).
pub fn parse_cmap(data: &[u8]) -> (HashMap<u32, String>, Option<usize>) {
    let toks = tokenize(data);
    let mut map = HashMap::new();
    let mut len: Option<usize> = None;
    let mut i = 0;
    let mut section = "";
    while i < toks.len() {
        match &toks[i] {
            Tok::Word(w) if w == "begincodespacerange" => section = "cs",
            Tok::Word(w) if w == "beginbfchar" => section = "char",
            Tok::Word(w) if w == "beginbfrange" => section = "range",
            Tok::Word(w) if w.starts_with("end") => section = "",
            Tok::Hex(a) if section == "cs" => {
                if len.is_none() {
                    len = Some(a.len().max(1));
                }
                i += 2;
                continue;
            }
            Tok::Hex(src) if section == "char" => {
                if let Some(Tok::Hex(dst)) = toks.get(i + 1) {
                    map.insert(be(src), utf16(dst));
                }
                i += 2;
                continue;
            }
            Tok::Hex(lo) if section == "range" => {
                let (lo_v, hi_v) = match toks.get(i + 1) {
                    Some(Tok::Hex(hi)) => (be(lo), be(hi)),
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                // Cap range size: a hostile CMap must not allocate millions.
                let hi_v = hi_v.min(lo_v.saturating_add(65535));
                if map.len() > MAX_CMAP_ENTRIES {
                    break;
                }
                match toks.get(i + 2) {
                    Some(Tok::Hex(dst)) => {
                        let mut units = utf16_units(dst);
                        for code in lo_v..=hi_v {
                            map.insert(code, String::from_utf16_lossy(&units));
                            if let Some(last) = units.last_mut() {
                                *last = last.wrapping_add(1);
                            }
                        }
                        i += 3;
                    }
                    Some(Tok::Open) => {
                        let mut j = i + 3;
                        let mut code = lo_v;
                        while j < toks.len() && toks[j] != Tok::Close {
                            if let Tok::Hex(d) = &toks[j] {
                                if code <= hi_v {
                                    map.insert(code, utf16(d));
                                }
                                code = code.saturating_add(1);
                            }
                            j += 1;
                        }
                        i = j + 1;
                    }
                    _ => i += 2,
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    (map, len)
}

// ---------------------------------------------------------------------------
// Simple-font encodings
// ---------------------------------------------------------------------------

const WIN_ANSI_80: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

fn simple_encoding(doc: &Document, dict: &Dictionary) -> Box<[Option<char>; 256]> {
    let mut enc: Box<[Option<char>; 256]> = Box::new([None; 256]);
    // Base: WinAnsi-like (Standard and MacRoman agree on ASCII, which is
    // what matters without a ToUnicode map).
    for c in 32u32..127 {
        enc[c as usize] = char::from_u32(c);
    }
    for c in 0xA0u32..=0xFF {
        enc[c as usize] = char::from_u32(c);
    }
    for (k, u) in WIN_ANSI_80.iter().enumerate() {
        if *u != 0 {
            enc[0x80 + k] = char::from_u32(*u as u32);
        }
    }
    let encoding = dict.get(b"Encoding").map(|o| deref(doc, o));
    if let Ok(Object::Dictionary(ed)) = encoding {
        if let Ok(diffs) = ed
            .get(b"Differences")
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array())
        {
            let mut code = 0usize;
            for o in diffs {
                match o {
                    Object::Integer(n) => code = (*n).clamp(0, 255) as usize,
                    Object::Name(name) => {
                        if code < 256 {
                            enc[code] = glyph_name_char(name);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    enc
}

/// Unicode for a glyph name: `uniXXXX` / `uXXXX[XX]`, a few common names, and
/// single ASCII letters. Unknown names map to nothing (never guessed).
pub fn glyph_name_char(name: &[u8]) -> Option<char> {
    let s = std::str::from_utf8(name).ok()?;
    let s = s.split('.').next().unwrap_or(s);
    if let Some(h) = s.strip_prefix("uni") {
        // `get`, not `[..4]`: a name like "uni12ก" has no char boundary at byte 4.
        if let Some(hex) = h.get(..4) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
        }
    }
    if let Some(h) = s.strip_prefix('u') {
        if (4..=6).contains(&h.len()) {
            if let Ok(v) = u32::from_str_radix(h, 16) {
                return char::from_u32(v);
            }
        }
    }
    if s.len() == 1 {
        return s.chars().next();
    }
    let named = [
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("slash", '/'),
        ("percent", '%'),
        ("quotedbl", '"'),
        ("quotesingle", '\''),
        ("bullet", '\u{2022}'),
        ("endash", '\u{2013}'),
        ("emdash", '\u{2014}'),
        ("quotedblleft", '\u{201C}'),
        ("quotedblright", '\u{201D}'),
    ];
    named.iter().find(|(n, _)| *n == s).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_bfchar_and_bfrange() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n2 beginbfchar <0003> <0E01> <0004> <0E490E33> endbfchar\n2 beginbfrange <0010> <0012> <0E10> <0020> <0021> [<0041> <0042>] endbfrange";
        let (m, len) = parse_cmap(cmap);
        assert_eq!(len, Some(2));
        assert_eq!(m.get(&3).map(String::as_str), Some("ก"));
        assert_eq!(m.get(&4).map(String::as_str), Some("้ำ"));
        assert_eq!(m.get(&0x12).map(String::as_str), Some("ฒ"));
        assert_eq!(m.get(&0x21).map(String::as_str), Some("B"));
    }

    /// A /W array whose first CID is u32::MAX with two widths used to
    /// overflow `first + k` (a panic in debug builds, a wrapped key in release).
    #[test]
    fn w_array_first_cid_at_u32_max_does_not_overflow() {
        let doc = Document::new();
        let w = [
            Object::Integer(u32::MAX as i64),
            Object::Array(vec![Object::Integer(500), Object::Integer(600)]),
        ];
        let mut widths = HashMap::new();
        parse_w_array(&doc, &w, &mut widths);
        assert_eq!(widths.len(), 1);
        assert_eq!(widths.get(&u32::MAX), Some(&500.0));
    }

    /// A /Differences glyph name with a multi-byte character straddling
    /// byte 4 after "uni" used to panic on a byte slice.
    #[test]
    fn glyph_name_with_non_ascii_after_uni_does_not_panic() {
        assert_eq!(glyph_name_char("uni12ก".as_bytes()), None);
        assert_eq!(glyph_name_char("uniกข".as_bytes()), None);
        assert_eq!(glyph_name_char(b"uni0E01"), Some('ก'));
        assert_eq!(glyph_name_char(b"uni0E010E2D"), Some('ก'));
    }
}
