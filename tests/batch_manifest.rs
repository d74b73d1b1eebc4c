//! Manifests (issue 7): JSONL lines with path, optional sha256, LAO code and
//! kind. The sha256 is checked, the LAO code copied to the record, a kind
//! that disagrees with the document is a warning, a bad line an error line.
mod batch_common;
use batch_common::*;

#[test]
fn manifest_paths_sha_lao_code_and_kind() {
    let t = tempfile::tempdir().unwrap();
    make_inputs(t.path());
    let sha = |p: &str| thaiplan::pipeline::sha256_hex(&read(&t.path().join("in").join(p)));
    let good = sha("000_c8f04830a1ea0035.txt");
    let manifest = format!(
        "{}\n{}\n{}\nnot json\n",
        serde_json::json!({"path": "in/000_c8f04830a1ea0035.txt", "sha256": good, "lao_code": "6940511", "kind": "plan"}),
        serde_json::json!({"path": "in/004_3a9855a8704ba7b3.txt", "lao_code": "5470103", "kind": "plan"}),
        serde_json::json!({"path": "in/002_6cb85bbd8efcfe0c.txt", "sha256": "00".repeat(32)}),
    );
    std::fs::write(t.path().join("m.jsonl"), manifest).unwrap();
    let o = ingest(&["m.jsonl", "--out", "o"], t.path());
    assert_eq!(
        o.status.code(),
        Some(1),
        "a bad sha256 and a bad line are failures"
    );
    let recs: Vec<serde_json::Value> =
        String::from_utf8_lossy(&read(&t.path().join("o/records.jsonl")))
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
    assert_eq!(recs.len(), 2);
    let r000 = recs
        .iter()
        .find(|r| r["source"]["path"].as_str().unwrap().contains("000_"))
        .unwrap();
    assert_eq!(r000["source"]["lao_code"], "6940511");
    assert!(!r000["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "manifest_kind_mismatch"));
    let r004 = recs
        .iter()
        .find(|r| r["source"]["path"].as_str().unwrap().contains("004_"))
        .unwrap();
    assert_eq!(r004["source"]["lao_code"], "5470103");
    assert!(r004["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["code"] == "manifest_kind_mismatch"));
    let errs = String::from_utf8_lossy(&read(&t.path().join("o/errors.jsonl"))).to_string();
    assert!(errs.contains("sha256_mismatch"), "{errs}");
    assert!(errs.contains("bad manifest line"), "{errs}");
}
