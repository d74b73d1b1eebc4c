//! `errors.jsonl` states each fact once (issue 11): the path in `path`
//! only, the kind prefix ("corrupt PDF:", "encrypted document:") once. Before,
//! the PDF worker's message was re-wrapped by the parent:
//! `x.pdf: corrupt PDF: x.pdf: corrupt PDF: Invalid cross-reference table`.
mod batch_common;
use batch_common::*;

#[test]
fn pdf_error_lines_state_the_path_and_the_kind_once() {
    let t = tempfile::tempdir().unwrap();
    let inp = t.path().join("in");
    std::fs::create_dir_all(&inp).unwrap();
    for f in [
        "pdf/truncated.pdf",
        "pdf/encrypted_user_password_secret.pdf",
    ] {
        let src = fixtures(f);
        std::fs::copy(&src, inp.join(src.file_name().unwrap())).unwrap();
    }
    ingest(&["in", "--out", "o"], t.path());
    let text = std::fs::read_to_string(t.path().join("o/errors.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    for (name, kind, prefix) in [
        ("truncated.pdf", "corrupt", "corrupt PDF:"),
        (
            "encrypted_user_password_secret.pdf",
            "encrypted",
            "encrypted document:",
        ),
    ] {
        let l = lines
            .iter()
            .find(|l| l["path"].as_str().unwrap_or("").ends_with(name))
            .unwrap_or_else(|| panic!("no error line for {name}: {text}"));
        let msg = l["message"].as_str().unwrap();
        assert_eq!(l["kind"], kind, "{l}");
        assert!(!msg.contains(name), "message repeats the path: {msg}");
        assert!(msg.starts_with(prefix), "{msg}");
        assert_eq!(msg.matches(prefix).count(), 1, "prefix doubled: {msg}");
        // The whole line names the file exactly once.
        let raw = text.lines().find(|r| r.contains(name)).unwrap();
        assert_eq!(raw.matches(name).count(), 1, "{raw}");
    }
}
