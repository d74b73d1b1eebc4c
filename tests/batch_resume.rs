//! Resume: a re-run skips finished documents and writes identical output; a
//! run killed with SIGKILL loses nothing already stored and leaves no
//! half-written output file (issue 7).
mod batch_common;
use batch_common::*;
use std::time::{Duration, Instant};

fn summary(dir: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&read(&dir.join("summary.json"))).unwrap()
}

#[test]
fn rerun_is_identical_and_resumed() {
    let t = tempfile::tempdir().unwrap();
    make_inputs(t.path());
    ingest(&["in", "--out", "o"], t.path());
    let first = read(&t.path().join("o/records.jsonl"));
    let first_err = read(&t.path().join("o/errors.jsonl"));
    ingest(&["in", "--out", "o"], t.path());
    assert_eq!(first, read(&t.path().join("o/records.jsonl")));
    assert_eq!(first_err, read(&t.path().join("o/errors.jsonl")));
    let s = summary(&t.path().join("o"));
    assert!(
        s["resumed"].as_u64().unwrap() >= 8,
        "documents were processed again: {s}"
    );
}

#[test]
fn sigkill_loses_nothing_and_resume_completes() {
    let t = tempfile::tempdir().unwrap();
    let inp = t.path().join("in");
    std::fs::create_dir_all(&inp).unwrap();
    // Many distinct documents so the run is still going when it is killed.
    let base = std::fs::read_to_string(corpus("text/000_c8f04830a1ea0035.txt")).unwrap();
    for i in 0..150 {
        std::fs::write(inp.join(format!("doc{i:03}.txt")), format!("{base}\n{i}")).unwrap();
    }
    let mut child = std::process::Command::new(bin())
        .args(["ingest", "in", "--out", "o", "-q", "-j", "1"])
        .current_dir(t.path())
        .spawn()
        .unwrap();
    let state = t.path().join("o/.state");
    let start = Instant::now();
    loop {
        let n = std::fs::read_dir(&state).map(|r| r.count()).unwrap_or(0);
        if n >= 3 || start.elapsed() > Duration::from_secs(60) {
            break;
        }
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    // No visible output file is half-written: either absent or complete.
    for f in ["records.jsonl", "errors.jsonl", "summary.json"] {
        let p = t.path().join("o").join(f);
        if p.exists() {
            let s = summary(&t.path().join("o"));
            assert_eq!(
                s["documents"].as_u64(),
                Some(150),
                "{f} exists from an unfinished run"
            );
        }
    }
    let stored_before: usize = std::fs::read_dir(&state)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".json.gz"))
        .count();
    assert!(stored_before >= 1);
    let o = ingest(&["in", "--out", "o"], t.path());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let s = summary(&t.path().join("o"));
    assert_eq!(s["records"].as_u64(), Some(150));
    assert!(s["resumed"].as_u64().unwrap() as usize >= stored_before);
    // The resumed output equals a clean run.
    ingest(&["in", "--out", "clean"], t.path());
    assert_eq!(
        read(&t.path().join("o/records.jsonl")),
        read(&t.path().join("clean/records.jsonl"))
    );
    assert_eq!(
        read(&t.path().join("o/projects.csv")),
        read(&t.path().join("clean/projects.csv"))
    );
}
