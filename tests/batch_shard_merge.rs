//! N local shards merged are byte-for-byte one run (issue 7).
mod batch_common;
use batch_common::*;

#[test]
fn three_shards_merged_equal_one_run() {
    let t = tempfile::tempdir().unwrap();
    make_inputs(t.path());
    let one = ingest(&["in", "--out", "one"], t.path());
    assert_eq!(
        one.status.code(),
        Some(1),
        "hostile inputs make the exit status 1"
    );
    let mut shard_dirs = Vec::new();
    for i in 0..3 {
        let d = format!("s{i}");
        let o = ingest(&["in", "--out", &d, "--shard", &format!("{i}/3")], t.path());
        assert!(o.status.code().is_some(), "shard {i} crashed");
        shard_dirs.push(d);
    }
    let mut cmd = std::process::Command::new(bin());
    cmd.arg("merge")
        .args(&shard_dirs)
        .args(["--out", "merged"])
        .current_dir(t.path());
    let m = cmd.output().unwrap();
    assert!(m.status.code().is_some());
    for f in [
        "records.jsonl",
        "errors.jsonl",
        "projects.csv",
        "budget_rows.csv",
    ] {
        let a = read(&t.path().join("one").join(f));
        let b = read(&t.path().join("merged").join(f));
        assert!(a == b, "{f} differs between one run and merged shards");
    }
    // Every shard got something, and nothing was counted twice.
    let total: usize = shard_dirs
        .iter()
        .map(|d| {
            String::from_utf8_lossy(&read(&t.path().join(d).join("records.jsonl")))
                .lines()
                .count()
        })
        .sum();
    let one_n = String::from_utf8_lossy(&read(&t.path().join("one/records.jsonl")))
        .lines()
        .count();
    assert_eq!(total, one_n);
}

#[test]
fn shard_from_slurm_environment() {
    let t = tempfile::tempdir().unwrap();
    make_inputs(t.path());
    let out = std::process::Command::new(bin())
        .args(["ingest", "in", "--out", "s", "-q"])
        .env("SLURM_ARRAY_TASK_ID", "1")
        .env("SLURM_ARRAY_TASK_COUNT", "2")
        .current_dir(t.path())
        .output()
        .unwrap();
    assert!(out.status.code().is_some());
    let flag = std::process::Command::new(bin())
        .args(["ingest", "in", "--out", "f", "-q", "--shard", "1/2"])
        .current_dir(t.path())
        .output()
        .unwrap();
    assert!(flag.status.code().is_some());
    assert_eq!(
        read(&t.path().join("s/records.jsonl")),
        read(&t.path().join("f/records.jsonl"))
    );
}
