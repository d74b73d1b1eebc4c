//! Text dumps (.txt/.md as in ../shared/corpus/text): UTF-8 or TIS-620 /
//! Windows-874, split into lines. Markup (`<p>`, `**`, tabs) is kept: the
//! normaliser and the recognisers deal with it.

use crate::error::ExtractError;
use crate::model::WarningCode;
use crate::model::{Extraction, Format, RawDoc, RawLine, TextOrigin, Warning};
use std::path::Path;

/// True when the bytes decode as text: valid UTF-8 without NULs, or
/// Windows-874 with a good share of Thai and few control bytes.
pub fn looks_like_text(bytes: &[u8]) -> bool {
    if bytes.is_empty() {
        return false;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.contains(&0) {
        return false;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x09 || (b > 0x0d && b < 0x20) || b == 0x7f)
        .count();
    if controls * 100 > sample.len() {
        return false;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        // A cut multi-byte sequence at the sample end is still UTF-8.
        Err(e) if e.error_len().is_none() => true,
        Err(_) => {
            // Windows-874: Thai letters are 0xA1..0xFB; other high bytes are rare.
            let high = sample.iter().filter(|&&b| b >= 0x80).count();
            let thai = sample
                .iter()
                .filter(|&&b| (0xA1..=0xFB).contains(&b))
                .count();
            high > 0 && thai * 10 >= high * 9
        }
    }
}

/// Decode to a String: UTF-8 (BOM stripped) or Windows-874 (a superset of
/// TIS-620). Returns the text and the encoding name when it was not UTF-8.
pub fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(_) => {
            let (cow, _, _) = encoding_rs::WINDOWS_874.decode(bytes);
            (cow.into_owned(), Some("windows-874"))
        }
    }
}

/// Split into lines on LF, CRLF or CR. The last line counts even without a
/// final newline; a final newline does not make an extra empty line.
pub fn split_lines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            b'\r' => {
                out.push(&s[start..i]);
                if i + 1 < b.len() && b[i + 1] == b'\n' {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < b.len() {
        out.push(&s[start..]);
    }
    out
}

pub fn extract(path: &Path, bytes: &[u8]) -> Result<RawDoc, ExtractError> {
    let (text, encoding) = decode(bytes);
    let lines = split_lines(&text)
        .into_iter()
        .map(|l| RawLine {
            text: l.to_string(),
            page: None,
            hints: Default::default(),
        })
        .collect();
    let mut doc = RawDoc::from_lines(Format::Text, Extraction::Text, TextOrigin::Text, lines);
    if let Some(enc) = encoding {
        doc.warnings.push(Warning::new(
            WarningCode::LegacyEncoding,
            format!("{}: not UTF-8; decoded as {enc} (TIS-620)", path.display()),
            None,
        ));
    }
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_last_line_without_newline() {
        assert_eq!(split_lines("a\nb"), vec!["a", "b"]);
        assert_eq!(split_lines("a\nb\n"), vec!["a", "b"]);
        assert_eq!(split_lines("a\r\nb\rc"), vec!["a", "b", "c"]);
        assert_eq!(split_lines("a\n\n"), vec!["a", ""]);
    }

    #[test]
    fn decodes_windows_874_thai() {
        // "ตรัง" in TIS-620.
        let bytes = [0xB5, 0xC3, 0xD1, 0xA7];
        assert!(looks_like_text(&bytes));
        let (s, enc) = decode(&bytes);
        assert_eq!(s, "ตรัง");
        assert_eq!(enc, Some("windows-874"));
    }
}
