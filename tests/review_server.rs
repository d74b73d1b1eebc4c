//! `thaiplan review` over HTTP: only its own routes, nothing outside OUT and
//! the run's inputs (traversal, encoded traversal, absolute paths, planted
//! symlinks, a hand-edited source path), a CSRF token on every write,
//! `--read-only`, and every string escaped (Thai text and hostile lines).

mod batch_common;
mod review_common;
use batch_common::*;
use review_common::*;
use serde_json::Value;
use std::path::PathBuf;

const SECRET: &str = "TOP-SECRET-do-not-serve";

/// A run over plan 000 (text) and a hostile copy of it; returns (dir, out,
/// sha of 000, sha of the hostile copy).
fn run_text() -> (tempfile::TempDir, PathBuf, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let inp = dir.path().join("in");
    std::fs::create_dir_all(&inp).unwrap();
    let plan = std::fs::read_to_string(corpus("text/000_c8f04830a1ea0035.txt")).unwrap();
    std::fs::write(inp.join("000.txt"), &plan).unwrap();
    // Markup in a table row's name and in a free line: the page must show
    // it as text.
    let hostile = plan.replacen(
        "โครงการส่งเสริมคุณธรรม",
        "โครงการส่งเสริมคุณธรรม<script>alert(1)</script>",
        1,
    ) + "\n<img src=x onerror=alert(2)> \"quoted\" & 'single' </div><b>\n";
    std::fs::write(inp.join("hostile.txt"), &hostile).unwrap();
    let out = dir.path().join("out");
    let o = ingest(
        &[inp.to_str().unwrap(), "--out", out.to_str().unwrap()],
        dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let sha = |s: &str| thaiplan::pipeline::sha256_hex(s.as_bytes());
    (dir, out, sha(&plan), sha(&hostile))
}

#[test]
fn only_its_own_routes_are_served() {
    let (dir, out, sha, _) = run_text();
    std::fs::write(dir.path().join("secret.txt"), SECRET).unwrap();
    std::fs::write(out.join("secret.txt"), SECRET).unwrap();
    let s = review(&out, &[]);
    let a = &s.addr;
    assert_eq!(get(a, "/").status, 200);
    assert_eq!(get(a, &format!("/doc/{sha}")).status, 200);
    let secret = dir.path().join("secret.txt");
    for path in [
        "/../secret.txt".to_string(),
        "/../../../../etc/passwd".into(),
        "/%2e%2e/secret.txt".into(),
        "/%2E%2E%2Fsecret.txt".into(),
        "/assets/../secret.txt".into(),
        "/assets/..%2f..%2fsecret.txt".into(),
        "/assets/%2e%2e/%2e%2e/secret.txt".into(),
        "/secret.txt".into(),
        "/records.jsonl".into(),
        "/.state".into(),
        secret.display().to_string(),
        format!("/{}", secret.display()),
        "//etc/passwd".into(),
        "/etc/passwd".into(),
        format!("/doc/{sha}/../../secret.txt"),
        "/doc/..%2f..%2fsecret.txt".into(),
        format!("/doc/{}", "../".repeat(10) + "etc/passwd"),
        format!("/page/{sha}/..%2f..%2fsecret.txt"),
        format!("/page/{sha}/1.png"), // a text document has no page images
        format!("/doc/{}", sha.to_uppercase()),
        "/doc/0000000000000000000000000000000000000000000000000000000000000000".into(),
        "/assets\\..\\secret.txt".into(),
    ] {
        let r = get(a, &path);
        // 400: tiny_http refuses some request lines before routing
        assert!(matches!(r.status, 400 | 404), "{path} -> {}", r.status);
        assert!(
            !r.text().contains(SECRET) && !r.text().contains("root:"),
            "{path}"
        );
    }
    // DNS rebinding: another site's name resolving to 127.0.0.1.
    let r = http(a, "GET", "/", &[("Host", "attacker.example:80")], b"");
    assert_eq!(r.status, 421);
    // Pages forbid inline script and framing.
    let csp = get(a, "/")
        .header("Content-Security-Policy")
        .unwrap_or("")
        .to_string();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
}

#[test]
fn a_source_path_that_is_not_the_runs_input_is_not_read() {
    // records.jsonl is a file anyone can edit: a record pointing at another
    // file (its sha256 does not match) shows an error, not the file.
    let (dir, out, sha, _) = run_text();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, format!("{SECRET}\n")).unwrap();
    let recs = std::fs::read_to_string(out.join("records.jsonl")).unwrap();
    let edited: String = recs
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            if v["source"]["sha256"] == sha.as_str() {
                v["source"]["path"] = Value::String(secret.display().to_string());
            }
            format!("{v}\n")
        })
        .collect();
    std::fs::write(out.join("records.jsonl"), edited).unwrap();
    let s = review(&out, &[]);
    let page = get(&s.addr, &format!("/doc/{sha}"));
    assert_eq!(page.status, 200);
    assert!(!page.text().contains(SECRET));
    assert!(page.text().contains("has changed since the run"));
}

#[test]
fn a_planted_symlink_in_the_page_cache_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = corpus("pdf/000_c8f04830a1ea0035.pdf");
    let sha = thaiplan::pipeline::sha256_hex(&read(&pdf));
    let out = dir.path().join("out");
    let o = ingest(
        &[pdf.to_str().unwrap(), "--out", out.to_str().unwrap()],
        dir.path(),
    );
    assert!(o.status.success());
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, SECRET).unwrap();
    let cache = out.join(".review-cache");
    std::fs::create_dir_all(&cache).unwrap();
    std::os::unix::fs::symlink(&secret, cache.join(format!("{sha}-1.png"))).unwrap();
    let s = review(&out, &[]);
    let r = get(&s.addr, &format!("/page/{sha}/1.png"));
    assert_eq!(r.status, 200);
    assert!(r.body.starts_with(b"\x89PNG"), "not a PNG");
    assert_eq!(r.header("Content-Type"), Some("image/png"));
    // the link was replaced by the image, its target left alone
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), SECRET);
    assert!(
        !std::fs::symlink_metadata(cache.join(format!("{sha}-1.png")))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // pages past the end are not rendered
    let pages = 1 + serde_json::from_str::<Value>(
        std::fs::read_to_string(out.join("records.jsonl"))
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap()["source"]["pages"]
        .as_u64()
        .unwrap();
    assert_eq!(
        get(&s.addr, &format!("/page/{sha}/{pages}.png")).status,
        404
    );
    assert_eq!(get(&s.addr, &format!("/page/{sha}/0.png")).status, 404);
}

fn post(addr: &str, headers: &[(&str, &str)], body: &Value) -> Resp {
    http(
        addr,
        "POST",
        "/correct",
        headers,
        body.to_string().as_bytes(),
    )
}

#[test]
fn every_write_needs_the_csrf_token_and_read_only_refuses_all() {
    let (_dir, out, sha, _) = run_text();
    let file = out.join("corrections.jsonl");
    let body = serde_json::json!({"sha256": sha, "pointer": "/budget_table/rows/2/budgets/0",
                                  "value": 35000, "by": "t", "note": "n"});
    let s = review(&out, &[]);
    let a = s.addr.as_str();
    let tok = token(a);
    let json = ("Content-Type", "application/json");
    assert_eq!(post(a, &[json], &body).status, 403, "no token");
    assert_eq!(
        post(a, &[json, ("X-CSRF-Token", "0".repeat(32).as_str())], &body).status,
        403
    );
    assert_eq!(
        post(a, &[json, ("X-CSRF-Token", &tok[..31])], &body).status,
        403
    );
    // a cross-site form can send neither the header nor JSON
    assert_eq!(
        post(
            a,
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("X-CSRF-Token", &tok)
            ],
            &body
        )
        .status,
        415
    );
    assert_eq!(
        post(
            a,
            &[
                json,
                ("X-CSRF-Token", &tok),
                ("Origin", "http://attacker.example")
            ],
            &body
        )
        .status,
        403
    );
    assert!(!file.exists(), "a refused write wrote");
    // a pointer that does not resolve, a value that does not fit
    let mut bad = body.clone();
    bad["pointer"] = "/budget_table/rows/999/budgets/0".into();
    assert_eq!(post(a, &[json, ("X-CSRF-Token", &tok)], &bad).status, 400);
    let mut bad = body.clone();
    bad["value"] = "thirty".into();
    assert_eq!(post(a, &[json, ("X-CSRF-Token", &tok)], &bad).status, 400);
    assert!(!file.exists());
    let origin = format!("http://{a}");
    let r = post(
        a,
        &[json, ("X-CSRF-Token", &tok), ("Origin", &origin)],
        &body,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let lines = std::fs::read_to_string(&file).unwrap();
    assert_eq!(lines.lines().count(), 1);
    let line: Value = serde_json::from_str(lines.trim()).unwrap();
    assert_eq!(line["sha256"], sha.as_str());
    assert_eq!(line["value"], 35000);
    assert_eq!(line["old"], 30000.0);
    assert!(line["at"].as_str().unwrap().ends_with('Z'));
    drop(s);
    // a new start has a new token; --read-only refuses even with it
    let s = review(&out, &["--read-only"]);
    let tok2 = token(&s.addr);
    assert_ne!(tok, tok2);
    let r = post(&s.addr, &[json, ("X-CSRF-Token", &tok2)], &body);
    assert_eq!(r.status, 403);
    assert_eq!(std::fs::read_to_string(&file).unwrap().lines().count(), 1);
    assert!(get(&s.addr, "/")
        .text()
        .contains("name=\"read-only\" content=\"true\""));
}

#[test]
fn thai_text_and_hostile_lines_are_escaped() {
    let (_dir, out, _, hostile) = run_text();
    let s = review(&out, &[]);
    let a = s.addr.as_str();
    // a hostile correction note, applied by a re-run
    let tok = token(a);
    let r = post(
        a,
        &[("Content-Type", "application/json"), ("X-CSRF-Token", &tok)],
        &serde_json::json!({"sha256": hostile, "pointer": "/organization/district",
                            "value": "มายอ<svg onload=alert(3)>", "note": "</td><script>alert(4)</script>", "by": "\"><i>"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let inp = out.parent().unwrap().join("in");
    let o = ingest(
        &[inp.to_str().unwrap(), "--out", out.to_str().unwrap()],
        &inp,
    );
    assert!(o.status.success());
    let page = get(a, &format!("/doc/{hostile}")).text();
    for raw in ["<script>alert", "<img src=x", "<svg", "</div><b>", "\"><i>"] {
        assert!(!page.contains(raw), "unescaped {raw:?}");
    }
    for escaped in [
        "โครงการส่งเสริมคุณธรรม&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(2)&gt; &quot;quoted&quot; &amp; &#39;single&#39;",
        "มายอ&lt;svg onload=alert(3)&gt;",
        "&lt;/td&gt;&lt;script&gt;alert(4)&lt;/script&gt;",
        "องค์การบริหารส่วนตำบลตรัง",
    ] {
        assert!(page.contains(escaped), "missing {escaped:?}");
    }
    // the only script is the page's own
    assert_eq!(page.matches("<script").count(), 1);
    let overview = get(a, "/?province=%E0%B8%9B%E0%B8%B1%E0%B8%95%E0%B8%95%E0%B8%B2%E0%B8%99%E0%B8%B5&kind=%3Cscript%3E").text();
    assert!(!overview.contains("<script>"));
    assert_eq!(overview.matches("<script").count(), 1);
}

#[test]
fn overview_lists_worst_first_and_filters() {
    let (_dir, out, sha, hostile) = run_text();
    // Correct a cell of the hostile copy: its dimension total now fails.
    let file = out.join("corrections.jsonl");
    std::fs::write(
        &file,
        format!(
            "{}\n",
            serde_json::json!({"sha256": hostile, "pointer": "/budget_table/rows/2/budgets/0", "value": 1})
        ),
    )
    .unwrap();
    let inp = out.parent().unwrap().join("in");
    assert!(ingest(
        &[inp.to_str().unwrap(), "--out", out.to_str().unwrap()],
        &inp
    )
    .status
    .success());
    let s = review(&out, &[]);
    let page = get(&s.addr, "/").text();
    let (h, p) = (page.find(&hostile).unwrap(), page.find(&sha).unwrap());
    assert!(h < p, "the document with more failed checks comes first");
    let corrected = get(&s.addr, "/?status=corrected").text();
    assert!(corrected.contains(&hostile) && !corrected.contains(&sha));
    let reports = get(&s.addr, "/?kind=report").text();
    assert!(!reports.contains(&hostile) && !reports.contains(&sha));
    let by_province = get(
        &s.addr,
        "/?province=%E0%B8%9B%E0%B8%B1%E0%B8%95%E0%B8%95%E0%B8%B2%E0%B8%99%E0%B8%B5",
    )
    .text();
    assert!(by_province.contains(&sha));
}
