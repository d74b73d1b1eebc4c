//! summary.html is self-contained (no network resource, no script), escapes
//! every string, and renders in a real browser (headless chromium
//! screenshot), issue 16.
mod batch_common;
use batch_common::*;
use std::process::Command;
use thaiplan::emit::html;
use thaiplan::emit::summary::Summary;

#[test]
fn strings_are_escaped() {
    let mut s = Summary::new();
    s.warnings_by_code
        .insert("<script>alert('x')</script>".into(), 2);
    s.by_kind.insert("a&b\"c".into(), 1);
    let page = html::render(&s);
    assert!(!page.contains("<script>"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(page.contains("a&amp;b&quot;c"));
}

#[test]
fn summary_html_is_offline_and_renders_in_chromium() {
    let t = tempfile::tempdir().unwrap();
    for sub in ["text", "docx"] {
        let o = ingest(&[corpus(sub).to_str().unwrap(), "--out", "o"], t.path());
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let page_path = t.path().join("o/summary.html");
    let page = String::from_utf8(read(&page_path)).unwrap();
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "network reference"
    );
    assert!(!page.contains("<script"), "no script needed");
    for title in [
        "Documents by kind",
        "Documents by format",
        "Documents by fiscal year",
        "Coverage by province code",
        "Budgets by dimension and year",
        "Check failures",
        "Warnings by code",
    ] {
        assert!(page.contains(title), "chart {title:?} missing");
    }
    // Both archive batches count: 4 texts + 4 DOCX.
    assert!(page.contains("<td>8</td>"), "8 documents expected");
    // Province 94 (Pattani, stated in 000) has a bar.
    assert!(page.contains(">94 "), "province code 94 missing");
    // Every province bar has its official name, also for a record that
    // carries a code but no province name (its code came from a district).
    let records = String::from_utf8(read(&t.path().join("o/records.jsonl"))).unwrap();
    for l in records.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        if let Some(code) = v["organization"]["province_code"].as_str() {
            let name = thaiplan::recognize::area::province_name(code).expect("official code");
            assert!(
                page.contains(&format!("{code} {name}")),
                "province {code} without its name"
            );
        }
    }

    let png = t.path().join("summary.png");
    let profile = t.path().join("chromium-profile");
    let o = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1200,2000")
        .arg(format!("file://{}", page_path.display()))
        .output()
        .expect("chromium (scripts/setup.sh installs it)");
    let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
    // A blank 1200x2000 PNG is ~10 KB; charts with text make it several times that.
    assert!(
        size > 30_000,
        "screenshot {size} bytes: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    if let Ok(dir) = std::env::var("THAIPLAN_SCREENSHOT_DIR") {
        let _ = std::fs::copy(&png, std::path::Path::new(&dir).join("summary.png"));
    }
}
