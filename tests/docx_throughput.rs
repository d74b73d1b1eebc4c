//! DOCX extraction throughput on the corpus (release build, by hand):
//! `cargo test --release --test docx_throughput -- --ignored --nocapture`

use std::path::Path;
use std::time::Instant;

#[test]
#[ignore]
fn docx_throughput() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/docx");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    let rounds = 50;
    let mut lines = 0;
    let t = Instant::now();
    for _ in 0..rounds {
        for (p, b) in &files {
            lines += thaiplan::extract::docx::extract(Path::new(p), b)
                .unwrap()
                .lines
                .len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    let docs = (rounds * files.len()) as f64;
    eprintln!(
        "{} docs x {rounds} rounds in {s:.3} s: {:.0} docs/s, {:.1} MB/s of .docx, {:.0} lines/s, {:.2} ms/doc",
        files.len(),
        docs / s,
        (bytes * rounds) as f64 / s / 1e6,
        lines as f64 / s,
        1000.0 * s / docs
    );
}
