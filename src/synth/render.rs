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
    let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Laksaman\" w:hAnsi=\"Laksaman\" w:cs=\"Laksaman\" w:eastAsia=\"Laksaman\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:bidi=\"th-TH\"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>";
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
            ("word/styles.xml", styles),
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
    let mut o = String::from(
        "<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\"><style>body{font-family:Laksaman,Garuda,sans-serif;font-size:14pt} table{border-collapse:collapse} td{border:1px solid #000;padding:2px;vertical-align:top} .pb{page-break-after:always}</style></head><body>\n",
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
