//! A hostile corpus: every file ends as a record or an error line, none
//! stops the run, and the exit status says something failed (issue 7).
mod batch_common;
use batch_common::*;
use std::io::Write;

fn errors(dir: &std::path::Path) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&read(&dir.join("errors.jsonl")))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn records(dir: &std::path::Path) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&read(&dir.join("records.jsonl")))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn error_kind(errs: &[serde_json::Value], name: &str) -> Option<String> {
    errs.iter()
        .find(|e| e["path"].as_str().unwrap_or("").ends_with(name))
        .map(|e| e["kind"].as_str().unwrap_or("").to_string())
}

#[test]
fn hostile_corpus_never_stops_the_run() {
    let t = tempfile::tempdir().unwrap();
    make_inputs(t.path());
    let h = t.path().join("in/hostile");
    // Generated here rather than committed: a 1 GB sparse file, a zip bomb,
    // a symlink loop, a non-UTF-8 file name, an unreadable file.
    let f = std::fs::File::create(h.join("sparse_1gb.pdf")).unwrap();
    f.set_len(1 << 30).unwrap();
    {
        let f = std::fs::File::create(h.join("zip_bomb.docx")).unwrap();
        let mut z = zip::ZipWriter::new(f);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("word/document.xml", opts).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..300 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap();
    }
    std::os::unix::fs::symlink("../hostile", h.join("loop")).unwrap();
    std::os::unix::fs::symlink("does-not-exist.pdf", h.join("dangling.pdf")).unwrap();
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"\xff\xfe-latin1-\xe9.txt");
        std::fs::write(h.join(name), "ส่วนที่ 3\n").unwrap();
    }
    std::fs::copy(
        fixtures("pdf/encrypted_user_password_secret.pdf"),
        h.join("encrypted_secret.pdf"),
    )
    .unwrap();
    std::fs::copy(
        fixtures("pdf/encrypted_empty_user_password.pdf"),
        h.join("encrypted_empty_password.pdf"),
    )
    .unwrap();
    let locked = h.join("unreadable.txt");
    std::fs::write(&locked, "x").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();

    let start = std::time::Instant::now();
    let o = ingest(&["in", "--out", "o"], t.path());
    assert!(
        start.elapsed().as_secs() < 300,
        "hostile corpus took too long"
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = t.path().join("o");
    let errs = errors(&out);
    let recs = records(&out);
    assert_eq!(
        error_kind(&errs, "sparse_1gb.pdf").as_deref(),
        Some("too_large")
    );
    assert!(
        error_kind(&errs, "zip_bomb.docx").is_some(),
        "zip bomb must be an error line: {errs:?}"
    );
    assert!(error_kind(&errs, "random_bytes.pdf").is_some());
    assert!(
        error_kind(&errs, "truncated.pdf").is_some()
            || recs.iter().any(|r| r["source"]["path"]
                .as_str()
                .unwrap()
                .ends_with("truncated.pdf"))
    );
    // An OLE file without a WordDocument stream is not a Word .doc (issue 13:
    // real .doc files go through LibreOffice; this one is refused up front).
    assert_eq!(
        error_kind(&errs, "legacy_word.doc").as_deref(),
        Some("unsupported")
    );
    assert!(error_kind(&errs, "dangling.pdf").is_some());
    // Root reads mode-000 files; anyone else gets an io error line.
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false);
    if !is_root {
        assert_eq!(error_kind(&errs, "unreadable.txt").as_deref(), Some("io"));
    }
    // TIS-620 text is decoded, prose is a record of kind unknown, and a
    // zero-byte file is an `empty_file` error line (issue 13), not a record.
    let rec = |name: &str| {
        recs.iter()
            .find(|r| r["source"]["path"].as_str().unwrap_or("").ends_with(name))
            .cloned()
    };
    let tis = rec("tis620_plan_cover.txt").expect("TIS-620 record");
    assert!(tis["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "legacy_encoding"));
    assert!(rec("empty.txt").is_none());
    assert_eq!(
        error_kind(&errs, "empty.txt").as_deref(),
        Some("empty_file")
    );
    let prose = rec("not_a_plan_thai_prose.txt").expect("prose record");
    assert_eq!(prose["doc_kind"], "unknown");
    assert_eq!(prose["projects"].as_array().unwrap().len(), 0);
    // The good documents are all there.
    for stem in [
        "000_c8f04830a1ea0035.txt",
        "002_6cb85bbd8efcfe0c.txt",
        "003_48a6fdefb7483585.txt",
        "004_3a9855a8704ba7b3.txt",
    ] {
        assert!(rec(stem).is_some(), "{stem} lost");
    }
    // Non-UTF-8 names survive as lossy paths.
    assert!(recs.iter().any(|r| r["source"]["path"]
        .as_str()
        .unwrap_or("")
        .contains("latin1")));
}
