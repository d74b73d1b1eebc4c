//! Render a [`SynthDoc`] as a text dump, a DOCX (OOXML written directly,
//! with real `w:tbl` tables and vertical merges) or an HTML page (`<table>`
//! with `rowspan`), the inputs for the PDF renderers.

use super::{thai_digits, Legacy, Node, SynthDoc};
use std::io::Write;

fn digits(s: &str, thai: bool) -> String {
    if thai {
        thai_digits(s)
    } else {
        s.to_string()
    }
}

/// A heading line may carry the page-number marker \u{1} (legacy class):
/// text dumps glue a page number in front, other forms drop the marker.
fn heading_text(s: &str, page: Option<usize>) -> String {
    match (s.strip_prefix('\u{1}'), page) {
        (Some(rest), Some(p)) => format!("{p} {rest}"),
        (Some(rest), None) => rest.to_string(),
        (None, _) => s.to_string(),
    }
}

/// Windows-1252 reading of a legacy Thai font's positional glyphs
/// (bytes 0x80–0x9F): the tone marks lowered (SD, 0x8B–0x8F) and lowered
/// and shifted left (SDL, 0x86–0x8A), the upper vowels shifted left (SL,
/// 0x82–0x85). Only the stand-ins that a cp1252 decoder shows as printable
/// characters are used.
fn cp1252_damage(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let tall = matches!(prev, 'ป' | 'ฝ' | 'ฟ' | 'ฬ');
        let prev_is_cons = ('\u{0E01}'..='\u{0E2E}').contains(&prev);
        let r = match c {
            // tone on a consonant with no upper vowel: lowered form
            '\u{0E48}' if prev_is_cons && !tall => Some('\u{2039}'), // ‹ 0x8B
            '\u{0E49}' if prev_is_cons && !tall => Some('\u{0152}'), // Œ 0x8C
            '\u{0E4B}' if prev_is_cons && !tall => Some('\u{017D}'), // Ž 0x8E
            // tone on a tall consonant: lowered and shifted left
            '\u{0E48}' if tall => Some('\u{2020}'), // † 0x86
            '\u{0E49}' if tall => Some('\u{2021}'), // ‡ 0x87
            '\u{0E4A}' if tall => Some('\u{02C6}'), // ˆ 0x88
            '\u{0E4B}' if tall => Some('\u{2030}'), // ‰ 0x89
            '\u{0E4C}' if tall => Some('\u{0160}'), // Š 0x8A
            // upper vowel on a tall consonant: shifted left
            '\u{0E34}' if tall => Some('\u{201A}'), // ‚ 0x82
            '\u{0E35}' if tall => Some('\u{0192}'), // ƒ 0x83
            '\u{0E36}' if tall => Some('\u{201E}'), // „ 0x84
            '\u{0E37}' if tall => Some('\u{2026}'), // … 0x85
            _ => None,
        };
        out.push(r.unwrap_or(c));
    }
    out
}

fn damage(s: &str, legacy: &[Legacy]) -> String {
    let mut s = s.to_string();
    if legacy.contains(&Legacy::SaraAm) {
        // the nikhahit of ำ is lost: ตำบล → ตาบล
        s = s.replace('\u{0E33}', "\u{0E32}");
    }
    if legacy.contains(&Legacy::Cp1252) {
        s = cp1252_damage(&s);
    }
    s
}

/// How a PDF rendering's source varies its text layer (issue 12's forms
/// "letter-spaced PDF" and "legacy-PUA PDF"); the default is plain.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Letter spacing in hundredths of an em (CSS `letter-spacing` in the
    /// HTML, `w:spacing` in the DOCX: Word's "expanded by").
    pub spacing: u32,
    /// Text pre-shaped into the Thai PUA the way pre-OpenType Windows
    /// programs wrote it (the font then draws the shifted glyph and the
    /// PDF's ToUnicode names the PUA code point).
    pub pua: bool,
}

impl Style {
    fn tx(&self, s: &str) -> String {
        if self.pua {
            pua_shape(s)
        } else {
            s.to_string()
        }
    }
}

/// Legacy Windows positional forms (U+F700–U+F71A, the table of
/// `normalize::pua`): a tone mark or thanthakhat with no upper vowel is
/// lowered (F70A–F70E), on a tall consonant (ป ฝ ฟ ฬ) lowered and shifted
/// left (F713–F717), after an upper vowel on a tall consonant shifted left
/// (F705–F709); an upper vowel on a tall consonant is shifted left (F710,
/// F701–F704, F711, F712); a lower vowel under ฎ ฏ is lowered (F718–F71A)
/// and ญ ฐ lose their tail (F70F, F700) above one.
pub fn pua_shape(s: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    let mut base: Option<char> = None;
    let mut upper = false;
    let shift = |c: char, by: u32| char::from_u32(by + c as u32 - 0x0E48).unwrap_or(c);
    for c in s.chars() {
        let tall = matches!(base, Some('ป' | 'ฝ' | 'ฟ' | 'ฬ'));
        match c {
            '\u{0E01}'..='\u{0E2E}' => {
                base = Some(c);
                upper = false;
                out.push(c);
            }
            '\u{0E31}' | '\u{0E34}'..='\u{0E37}' | '\u{0E47}' | '\u{0E4D}' if base.is_some() => {
                upper = true;
                out.push(if tall {
                    match c {
                        '\u{0E31}' => '\u{F710}',
                        '\u{0E47}' => '\u{F712}',
                        '\u{0E4D}' => '\u{F711}',
                        _ => char::from_u32(0xF701 + c as u32 - 0x0E34).unwrap_or(c),
                    }
                } else {
                    c
                });
            }
            '\u{0E48}'..='\u{0E4C}' if base.is_some() => out.push(match (upper, tall) {
                (true, true) => shift(c, 0xF705),
                (true, false) => c,
                (false, true) => shift(c, 0xF713),
                (false, false) => shift(c, 0xF70A),
            }),
            '\u{0E38}'..='\u{0E3A}' if base.is_some() => {
                match base {
                    Some('ฎ' | 'ฏ') => {
                        out.push(char::from_u32(0xF718 + c as u32 - 0x0E38).unwrap_or(c));
                        continue;
                    }
                    Some(b @ ('ญ' | 'ฐ')) if out.last() == Some(&b) => {
                        out.pop();
                        out.push(if b == 'ญ' { '\u{F70F}' } else { '\u{F700}' });
                    }
                    _ => {}
                }
                out.push(c);
            }
            '\u{0E30}'..='\u{0E4E}' => out.push(c),
            _ => {
                base = None;
                upper = false;
                out.push(c);
            }
        }
    }
    out.into_iter().collect()
}

/// The text dump: one line per paragraph, table rows as TAB-joined cells.
pub fn text(doc: &SynthDoc) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut page = 1usize;
    let glue = doc.legacy.contains(&Legacy::PageNumber);
    for (node, thai) in &doc.nodes {
        match node {
            Node::Line(s) => {
                let s = heading_text(s, glue.then_some(page));
                lines.push(digits(&s, *thai));
            }
            Node::Blank => lines.push(String::new()),
            Node::PageBreak => {
                page += 1;
                lines.push(String::new());
            }
            Node::Table(rows) => {
                for r in rows {
                    let cells: Vec<String> = r
                        .iter()
                        .map(|c| {
                            if c.covered {
                                String::new()
                            } else {
                                c.text.clone()
                            }
                        })
                        .collect();
                    lines.push(digits(&cells.join("\t"), *thai));
                }
            }
        }
        if let Node::Line(s) = node {
            if s.starts_with('\u{1}') {
                page += 1;
            }
        }
    }
    let t = lines.join("\n") + "\n";
    damage(&t, &doc.legacy)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn w_p(s: &str) -> String {
    if s.is_empty() {
        "<w:p/>".into()
    } else {
        format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            esc(s)
        )
    }
}

/// The DOCX bytes.
pub fn docx(doc: &SynthDoc) -> Vec<u8> {
    docx_styled(doc, Style::default())
}

/// The DOCX bytes, letter-spaced and/or PUA-shaped (a PDF's source).
pub fn docx_styled(doc: &SynthDoc, st: Style) -> Vec<u8> {
    let w_p = |s: &str| w_p(&st.tx(s));
    let mut body = String::new();
    for (node, thai) in &doc.nodes {
        match node {
            Node::Line(s) => body.push_str(&w_p(&digits(&heading_text(s, None), *thai))),
            Node::Blank => body.push_str("<w:p/>"),
            Node::PageBreak => body.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"),
            Node::Table(rows) => {
                let ncol = rows.iter().map(Vec::len).max().unwrap_or(0);
                body.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
                for b in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                    body.push_str(&format!(
                        "<w:{b} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                    ));
                }
                body.push_str("</w:tblBorders></w:tblPr><w:tblGrid>");
                for _ in 0..ncol {
                    body.push_str("<w:gridCol/>");
                }
                body.push_str("</w:tblGrid>");
                for r in rows {
                    body.push_str("<w:tr>");
                    for c in r {
                        body.push_str("<w:tc><w:tcPr>");
                        if c.covered {
                            body.push_str("<w:vMerge/>");
                        } else if c.span > 1 {
                            body.push_str("<w:vMerge w:val=\"restart\"/>");
                        }
                        body.push_str("</w:tcPr>");
                        if c.covered {
                            body.push_str("<w:p/>");
                        } else {
                            body.push_str(&w_p(&digits(&c.text, *thai)));
                        }
                        body.push_str("</w:tc>");
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/><w:pgMar w:top=\"1000\" w:right=\"1000\" w:bottom=\"1000\" w:left=\"1000\" w:header=\"500\" w:footer=\"500\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    // w:spacing is in twentieths of a point; the font is 14 pt
    let spacing = if st.spacing > 0 {
        format!("<w:spacing w:val=\"{}\"/>", st.spacing * 14 * 20 / 100)
    } else {
        String::new()
    };
    let styles = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Laksaman\" w:hAnsi=\"Laksaman\" w:cs=\"Laksaman\" w:eastAsia=\"Laksaman\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>{spacing}<w:lang w:bidi=\"th-TH\"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>");
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    let doc_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>";
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opt: zip::write::SimpleFileOptions = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            // a fixed timestamp keeps the bytes (and the sha256) deterministic
            .last_modified_time(zip::DateTime::default());
        for (name, data) in [
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", rels),
            ("word/_rels/document.xml.rels", doc_rels),
            ("word/document.xml", document.as_str()),
            ("word/styles.xml", styles.as_str()),
        ] {
            // writing to memory cannot fail short of allocation failure
            let _ = z.start_file(name, opt);
            let _ = z.write_all(data.as_bytes());
        }
        let _ = z.finish();
    }
    buf.into_inner()
}

/// The HTML page (the Chromium PDF's input).
pub fn html(doc: &SynthDoc) -> String {
    html_styled(doc, Style::default())
}

/// The HTML page, letter-spaced and/or PUA-shaped (a PDF's source).
pub fn html_styled(doc: &SynthDoc, st: Style) -> String {
    let esc = |s: &str| esc(&st.tx(s));
    let spacing = if st.spacing > 0 {
        format!(";letter-spacing:{:.2}em", f64::from(st.spacing) / 100.0)
    } else {
        String::new()
    };
    let mut o = format!(
        "<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\"><style>body{{font-family:Laksaman,Garuda,sans-serif;font-size:14pt{spacing}}} table{{border-collapse:collapse}} td{{border:1px solid #000;padding:2px;vertical-align:top}} .pb{{page-break-after:always}}</style></head><body>\n",
    );
    for (node, thai) in &doc.nodes {
        match node {
            Node::Line(s) => {
                o.push_str(&format!(
                    "<p>{}</p>\n",
                    esc(&digits(&heading_text(s, None), *thai))
                ));
            }
            Node::Blank => {}
            Node::PageBreak => o.push_str("<div class=\"pb\"></div>\n"),
            Node::Table(rows) => {
                o.push_str("<table>\n");
                for r in rows {
                    o.push_str("<tr>");
                    for c in r {
                        if c.covered {
                            continue;
                        }
                        if c.span > 1 {
                            o.push_str(&format!("<td rowspan=\"{}\">", c.span));
                        } else {
                            o.push_str("<td>");
                        }
                        o.push_str(&esc(&digits(&c.text, *thai)));
                        o.push_str("</td>");
                    }
                    o.push_str("</tr>\n");
                }
                o.push_str("</table>\n");
            }
        }
    }
    o.push_str("</body></html>\n");
    o
}
