//! Damaged-but-readable PDFs, as downloads deliver them (issue 13): each
//! shared PDF re-written five ways in memory (a UTF-8 BOM or an HTTP header
//! before `%PDF`, trailing NULs of a pre-allocated partial download, a wrong
//! `startxref`, overwritten xref bytes). Poppler reads all of them in full;
//! so must we: the record equals the clean one's apart from one
//! `pdf_repaired` warning, and so does its eval score. The same damage, as
//! files, comes from scripts/make_pdf_variants.py for `thaiplan eval`.

use serde_json::Value;
use std::path::Path;
use thaiplan::eval;
use thaiplan::extract::ExtractOptions;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Bytes → damaged bytes.
type Damage = fn(&[u8]) -> Vec<u8>;

/// The damage forms by name.
fn forms() -> Vec<(&'static str, Damage)> {
    vec![
        ("bom", |b| [b"\xEF\xBB\xBF".as_slice(), b].concat()),
        ("http", |b| {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: {}\r\n\r\n",
                b.len()
            );
            [head.as_bytes(), b].concat()
        }),
        ("trailing_zeros", |b| [b, &[0u8; 4096][..]].concat()),
        ("wrong_startxref", |b| {
            // Half the true offset: inside some object, not at an xref.
            let i = find(b, b"startxref").expect("startxref");
            let rest = &b[i + 9..];
            let digits: String = rest
                .iter()
                .skip_while(|c| c.is_ascii_whitespace())
                .take_while(|c| c.is_ascii_digit())
                .map(|&c| c as char)
                .collect();
            let n: usize = digits.parse().expect("offset");
            let end =
                i + 9 + rest.iter().take_while(|c| !c.is_ascii_digit()).count() + digits.len();
            [
                &b[..i],
                format!("startxref\n{}", n / 2).as_bytes(),
                &b[end..],
            ]
            .concat()
        }),
        ("damaged_xref", |b| {
            // Overwrite 80 bytes in the middle of the xref table's entries.
            let i = find(b, b"\nxref").expect("xref");
            let j = i + find(&b[i..], b"trailer").expect("trailer");
            let mid = (i + j) / 2;
            [&b[..mid], &b"#garbage# ".repeat(8)[..], &b[mid + 80..]].concat()
        }),
    ]
}

fn record(path: &Path, bytes: &[u8]) -> Value {
    let rec = thaiplan::pipeline::process_bytes(path, bytes, &ExtractOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::to_value(&rec).expect("serialises")
}

/// The record without what names the file (path, hash) and without the
/// repair warnings.
fn comparable(mut v: Value) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove("source");
        if let Some(Value::Array(w)) = o.get_mut("warnings") {
            w.retain(|w| w["code"] != "pdf_repaired");
        }
    }
    v
}

#[test]
fn damaged_pdfs_read_like_the_clean_ones() {
    let dir = Path::new(CORPUS).join("pdf");
    let mut problems = Vec::new();
    let gold = eval::load_gold(&Path::new(CORPUS).join("gold"), &mut problems).expect("gold");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("shared corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let clean: Vec<Value> = names
        .iter()
        .map(|p| record(p, &std::fs::read(p).expect("read")))
        .collect();
    for c in &clean {
        let codes: Vec<&Value> = c["warnings"].as_array().into_iter().flatten().collect();
        assert!(
            codes.iter().all(|w| w["code"] != "pdf_repaired"),
            "a clean PDF is not repaired"
        );
    }
    let clean_score = eval::evaluate(&gold, &clean)
        .overall
        .accuracy()
        .unwrap_or(0.0);
    for (form, damage) in forms() {
        let mut recs = Vec::new();
        for (p, c) in names.iter().zip(&clean) {
            let bytes = damage(&std::fs::read(p).expect("read"));
            let r = record(p, &bytes);
            let repaired = r["warnings"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|w| w["code"] == "pdf_repaired")
                .count();
            assert_eq!(
                repaired,
                1,
                "{form} {}: one pdf_repaired warning",
                p.display()
            );
            assert!(
                comparable(r.clone()) == comparable(c.clone()),
                "{form} {}: record differs from the clean one",
                p.display()
            );
            recs.push(r);
        }
        let score = eval::evaluate(&gold, &recs)
            .overall
            .accuracy()
            .unwrap_or(0.0);
        println!("{form}: overall {score:.4} (clean {clean_score:.4})");
        assert!(
            (score - clean_score).abs() <= 0.01,
            "{form}: {score} vs {clean_score}"
        );
    }
}
