//! Bad DOCX inputs get a typed error, never a panic.

use std::io::Write;
use std::path::Path;
use thaiplan::error::ExtractError;
use thaiplan::extract::docx::{self, Limits};
use zip::write::SimpleFileOptions;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            z.start_file(*name, opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

fn doc_xml(body: &str) -> Vec<u8> {
    format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
        .into_bytes()
}

fn run(bytes: &[u8]) -> Result<thaiplan::model::RawDoc, ExtractError> {
    docx::extract(Path::new("x.docx"), bytes)
}

#[test]
fn minimal_package_reads() {
    let z = zip_of(&[(
        "word/document.xml",
        &doc_xml("<w:p><w:r><w:t>สวัสดี</w:t></w:r></w:p>"),
    )]);
    let d = run(&z).unwrap();
    assert_eq!(d.lines.len(), 1);
    assert_eq!(d.lines[0].text, "สวัสดี");
    assert_eq!(d.format, thaiplan::model::Format::Docx);
    assert_eq!(d.extraction, thaiplan::model::Extraction::Docx);
    assert_eq!(d.origin, thaiplan::model::TextOrigin::Docx);
}

#[test]
fn not_a_zip() {
    let e = run(b"hello, this is not a zip").unwrap_err();
    assert_eq!(e.kind(), "unsupported", "{e}");
    assert!(e.to_string().contains("not a zip"), "{e}");
}

#[test]
fn truncated_zip_is_corrupt() {
    let z = zip_of(&[("word/document.xml", &doc_xml("<w:p/>"))]);
    let e = run(&z[..z.len() / 2]).unwrap_err();
    assert_eq!(e.kind(), "corrupt", "{e}");
    let mut junk = b"PK\x03\x04".to_vec();
    junk.extend([0xABu8; 300]);
    assert_eq!(run(&junk).unwrap_err().kind(), "corrupt");
}

#[test]
fn zip_without_document_xml() {
    let z = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
    let e = run(&z).unwrap_err();
    assert_eq!(e.kind(), "unsupported");
    assert!(
        e.to_string().contains("word/document.xml") && e.to_string().contains("Excel"),
        "{e}"
    );
    let e = run(&zip_of(&[("readme.txt", b"hi")])).unwrap_err();
    assert!(e.to_string().contains("without word/document.xml"), "{e}");
}

/// OLE compound file header.
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

#[test]
fn encrypted_ole_and_legacy_doc() {
    let mut enc = OLE.to_vec();
    enc.extend(vec![0u8; 504]);
    enc.extend(
        "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    enc.extend(vec![0u8; 100]);
    let e = run(&enc).unwrap_err();
    assert_eq!(e.kind(), "encrypted", "{e}");
    // Same answer through the format dispatcher.
    let e = thaiplan::extract::extract(Path::new("x.docx"), &enc, &Default::default()).unwrap_err();
    assert_eq!(e.kind(), "encrypted");

    let mut doc = OLE.to_vec();
    doc.extend(vec![0u8; 504]);
    doc.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
    // A .doc goes through LibreOffice (issue 13): this fake one fails
    // there, or LibreOffice is missing; either way the message says so.
    let e = run(&doc).unwrap_err();
    assert!(
        matches!(e.kind().as_str(), "conversion_failed" | "converter_missing"),
        "{e}"
    );
    assert!(e.to_string().contains("LibreOffice"), "{e}");
}

#[test]
fn zip_bomb_ratio_is_refused() {
    // 4 MB of one repeated paragraph deflates to a few KB: > 100:1.
    let body = "<w:p><w:r><w:t>aaaaaaaaaaaaaaaa</w:t></w:r></w:p>".repeat(4 * 1024 * 1024 / 48);
    let z = zip_of(&[("word/document.xml", &doc_xml(&body))]);
    assert!(z.len() < 200_000);
    let e = run(&z).unwrap_err();
    assert_eq!(e.kind(), "limit_exceeded", "{e}");
    assert!(e.to_string().contains("zip bomb"), "{e}");
}

#[test]
fn total_uncompressed_cap() {
    let body = "<w:p><w:r><w:t>ข้อความ</w:t></w:r></w:p>".repeat(1000);
    let z = zip_of(&[("word/document.xml", &doc_xml(&body))]);
    let small = Limits {
        max_uncompressed: 10_000,
        ..Limits::default()
    };
    let e = docx::extract_with_limits(Path::new("x.docx"), &z, small).unwrap_err();
    assert_eq!(e.kind(), "limit_exceeded", "{e}");
    // Under the default limits the same file is fine.
    assert_eq!(run(&z).unwrap().lines.len(), 1000);
}

#[test]
fn doctype_and_entities_are_refused() {
    let billion = format!(
        r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document {W}><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"#
    );
    let e = run(&zip_of(&[("word/document.xml", billion.as_bytes())])).unwrap_err();
    assert_eq!(e.kind(), "unsupported", "{e}");
    assert!(e.to_string().contains("DOCTYPE"), "{e}");

    let xxe = format!(
        r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document {W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"#
    );
    assert!(run(&zip_of(&[("word/document.xml", xxe.as_bytes())])).is_err());

    // An undefined entity without a DOCTYPE is not expanded either.
    let e = run(&zip_of(&[(
        "word/document.xml",
        &doc_xml("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"),
    )]))
    .unwrap_err();
    assert!(e.to_string().contains("entity"), "{e}");

    // A DOCTYPE in styles.xml is refused too.
    let styles = br#"<!DOCTYPE s [<!ENTITY a "b">]><w:styles/>"#;
    let e = run(&zip_of(&[
        ("word/document.xml", &doc_xml("<w:p/>")),
        ("word/styles.xml", styles),
    ]))
    .unwrap_err();
    assert!(e.to_string().contains("DOCTYPE"), "{e}");
}

#[test]
fn malformed_xml_is_corrupt() {
    let z = zip_of(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
    let e = run(&z).unwrap_err();
    assert_eq!(e.kind(), "corrupt", "{e}");
    assert!(e.to_string().contains("XML error"), "{e}");
}

#[test]
fn empty_body_is_an_empty_document() {
    let d = run(&zip_of(&[("word/document.xml", &doc_xml(""))])).unwrap();
    assert!(d.lines.is_empty());
}

#[test]
fn escapes_and_char_refs_are_decoded() {
    let z = zip_of(&[(
        "word/document.xml",
        &doc_xml("<w:p><w:r><w:t>A &amp; B &lt;&#3647;&#x0E51;&gt;</w:t></w:r></w:p>"),
    )]);
    assert_eq!(run(&z).unwrap().lines[0].text, "A & B <฿๑>");
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
        /// Random bytes behind a zip signature, and random XML-ish bodies in a
        /// valid zip, give Ok or a typed error: never a panic.
        #[test]
        fn never_panics(tail in proptest::collection::vec(any::<u8>(), 0..400),
                        body in "(<w:(p|r|t|tbl|tr|tc|tab|br|b|del|ins|vMerge|gridSpan|numPr|numId|ilvl|txbxContent|fldSimple)( w:val=\"[0-9a-z]{0,3}\")?/?>|</w:(p|r|t|tbl|tr|tc|del|ins)>|[a-zก-ฮ ]{0,5}){0,40}") {
            let mut bytes = b"PK\x03\x04".to_vec();
            bytes.extend(tail);
            let _ = run(&bytes);
            let z = zip_of(&[("word/document.xml", &doc_xml(&body))]);
            let _ = run(&z);
        }
    }
}

#[test]
fn floods_of_unclosed_fields_and_deep_nesting_stay_fast() {
    let t = std::time::Instant::now();
    let mut body = String::new();
    for _ in 0..20_000 {
        body.push_str(r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#);
    }
    body.push_str(&"<w:r><w:t>x</w:t></w:r>".repeat(20_000));
    let body = format!("<w:p>{body}</w:p>{}", "<w:tbl><w:tr><w:tc>".repeat(5_000));
    let body = format!("{body}{}", "</w:tc></w:tr></w:tbl>".repeat(5_000));
    let z = zip_of(&[("word/document.xml", &doc_xml(&body))]);
    let _ = run(&z);
    assert!(t.elapsed().as_secs() < 10, "took {:?}", t.elapsed());
}

#[test]
fn large_legacy_doc_is_refused_quickly() {
    let mut doc = OLE.to_vec();
    doc.resize(20 * 1024 * 1024, 0x41);
    let t = std::time::Instant::now();
    let e =
        thaiplan::extract::extract(Path::new("big.doc"), &doc, &Default::default()).unwrap_err();
    // No WordDocument stream: refused without starting LibreOffice.
    assert_eq!(e.kind(), "unsupported");
    assert!(t.elapsed().as_secs() < 5, "took {:?}", t.elapsed());
}

/// Text boxes nested 50,000 deep (each `w:txbxContent` inside a paragraph of
/// the one around it) used to build an equally deep tree that was flattened
/// and dropped recursively: a stack overflow aborts the whole batch, which
/// no panic guard can catch.
#[test]
fn deeply_nested_text_boxes_do_not_overflow_the_stack() {
    let n = 50_000;
    // Distinct anchor texts keep the package under the zip-bomb ratio.
    let open: String = (0..n)
        .map(|i| format!("<w:p><w:r><w:t>{i}</w:t></w:r><w:r><w:txbxContent>"))
        .collect();
    let body = format!(
        "{open}<w:p><w:r><w:t>ใน</w:t></w:r></w:p>{}",
        "</w:txbxContent></w:r></w:p>".repeat(n)
    );
    let z = zip_of(&[("word/document.xml", &doc_xml(&body))]);
    // A test thread has a 2 MiB stack, like the batch's worker threads.
    let d = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || run(&z).map(|d| d.lines.len()))
        .unwrap()
        .join()
        .unwrap();
    let lines = d.unwrap();
    // Every paragraph is still delivered: the n anchors and the innermost text.
    assert_eq!(lines, n + 1);
}
