//! A long PDF is read in chunks of pages on several threads (issue 16).
//! What a user would notice if the chunking broke: text that differs from a
//! one-thread read (pages out of order, a row or paragraph not joined across
//! a chunk boundary, a header repeated per chunk not removed).

use std::path::Path;
use std::process::Command;

fn thaiplan() -> &'static str {
    env!("CARGO_BIN_EXE_thaiplan")
}

#[test]
fn long_pdf_reads_the_same_on_one_thread_and_on_four() {
    if Command::new("qpdf").arg("--version").output().is_err() {
        // scripts/setup.sh installs qpdf; without it this cannot be built.
        assert!(std::env::var_os("CI").is_none(), "qpdf missing in CI");
        eprintln!("skipped: qpdf not installed");
        return;
    }
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdf");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    // 000 + 003 + 002 + 000: 246 pages, so several chunks whose boundaries
    // fall inside tables and paragraphs.
    let parts = [&files[0], &files[2], &files[1], &files[0]];
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long.pdf");
    let mut cmd = Command::new("qpdf");
    cmd.arg("--empty").arg("--pages");
    for p in parts {
        cmd.arg(p);
    }
    let st = cmd.arg("--").arg(&long).status().unwrap();
    assert!(st.success());
    let read = |threads: &str| {
        let out = Command::new(thaiplan())
            .arg("text")
            .arg(&long)
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let one = read("1");
    let four = read("4");
    assert!(one.lines().count() > 2000, "{} lines", one.lines().count());
    assert!(one == four, "text differs between one thread and four");
}
