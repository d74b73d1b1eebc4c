//! `thaiplan review OUT`: a local page to check a run's values against their
//! source and write corrections (RECORD.md v2) to the corrections file.
//!
//! Security model: binds 127.0.0.1 unless `--host` says otherwise; answers
//! only requests whose Host header names the address it serves (DNS
//! rebinding); every write needs the per-start CSRF token (sent by the page
//! in a header, which a cross-site form cannot set) and JSON content;
//! `--read-only` refuses writes. Only fixed routes exist: a document is
//! named by its sha256 and must be a record of OUT; its source is read from
//! the record's `source.path` only when the file's sha256 matches (so a
//! hand-edited records.jsonl cannot expose another file); page images are
//! cached under OUT/.review-cache and a cache entry that is not a regular
//! file (a planted symlink) is replaced, never followed. Every string is
//! HTML-escaped and a strict Content-Security-Policy forbids inline script.

mod page;

use crate::emit::corrections::{self, CorrectionLine, Corrections};
use crate::extract::ExtractOptions;
use crate::model::Record;
use clap::Args;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Args, Debug, Clone)]
pub struct ReviewArgs {
    /// The output directory of `thaiplan ingest`.
    pub out: PathBuf,
    /// Port (0: any free port; the URL is printed).
    #[arg(long, default_value_t = 8377)]
    pub port: u16,
    /// Address to listen on. Anything but loopback exposes the page (and
    /// the source documents) to the network: only with this explicit flag.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Refuse every write (no corrections).
    #[arg(long)]
    pub read_only: bool,
    /// The corrections file; default OUT/corrections.jsonl.
    #[arg(long)]
    pub corrections: Option<PathBuf>,
}

/// A document's normalised lines: (page, text), line i is line i + 1.
type Lines = Arc<Vec<(Option<u32>, String)>>;

/// records.jsonl as last read: (mtime, length, records).
type Loaded = (std::time::SystemTime, u64, Arc<Vec<Record>>);

pub struct App {
    out: PathBuf,
    corrections: PathBuf,
    read_only: bool,
    token: String,
    /// Accepted Host header values ("127.0.0.1:8377", "localhost:8377").
    hosts: Vec<String>,
    lines: Mutex<HashMap<String, Lines>>,
    sources: Mutex<HashMap<String, PathBuf>>,
    records: Mutex<Option<Loaded>>,
}

pub fn run(args: ReviewArgs) -> Result<i32, String> {
    if crate::emit::atomic::existing(&args.out.join("records.jsonl")).is_none() {
        return Err(format!(
            "{}: no records.jsonl (run `thaiplan ingest ... --out {}` first)",
            args.out.display(),
            args.out.display()
        ));
    }
    let server = tiny_http::Server::http((args.host.as_str(), args.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", args.host, args.port))?;
    let addr = server.server_addr().to_ip().ok_or("not an IP listener")?;
    let app = Arc::new(App::new(&args, addr));
    let url = format!("http://{}/", app.hosts[0]);
    println!("{url}");
    if !addr.ip().is_loopback() {
        eprintln!(
            "thaiplan review: listening on {} — reachable from the network; anyone who can reach it can read these documents",
            addr
        );
    }
    if args.read_only {
        eprintln!("thaiplan review: read-only (corrections are refused)");
    } else {
        eprintln!(
            "thaiplan review: corrections go to {}",
            app.corrections.display()
        );
    }
    let server = Arc::new(server);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (server, app) = (server.clone(), app.clone());
            std::thread::spawn(move || {
                while let Ok(req) = server.recv() {
                    app.handle(req);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(0)
}

/// 16 random bytes as hex, from the kernel.
fn random_token() -> String {
    let mut b = [0u8; 16];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        if f.read_exact(&mut b).is_ok() {
            return hex::encode(b);
        }
    }
    // No /dev/urandom: hash what differs between starts.
    let seed = format!(
        "{:?}{}{:p}",
        std::time::SystemTime::now(),
        std::process::id(),
        &b
    );
    crate::pipeline::sha256_hex(seed.as_bytes())[..32].to_string()
}

fn is_sha(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// RFC 3339 UTC of now (days-to-civil after H. Hinnant).
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86400), secs.rem_euclid(86400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Decode `%XX` and `+` of a query value.
fn url_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn query_map(q: &str) -> HashMap<String, String> {
    q.split('&')
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            Some((url_decode(k), url_decode(v)))
        })
        .collect()
}

struct Reply {
    status: u16,
    ctype: &'static str,
    body: Vec<u8>,
}

impl Reply {
    fn html(body: String) -> Self {
        Reply {
            status: 200,
            ctype: "text/html; charset=utf-8",
            body: body.into_bytes(),
        }
    }
    fn status(status: u16, msg: &str) -> Self {
        Reply {
            status,
            ctype: "text/plain; charset=utf-8",
            body: msg.as_bytes().to_vec(),
        }
    }
    fn json(status: u16, v: Value) -> Self {
        Reply {
            status,
            ctype: "application/json",
            body: v.to_string().into_bytes(),
        }
    }
}

const APP_JS: &str = include_str!("app.js");
const APP_CSS: &str = include_str!("app.css");

impl App {
    fn new(args: &ReviewArgs, addr: std::net::SocketAddr) -> Self {
        let port = addr.port();
        let mut hosts = vec![format!("{}:{port}", addr.ip())];
        if addr.ip().is_loopback() {
            hosts.push(format!("localhost:{port}"));
        }
        if !hosts.contains(&format!("{}:{port}", args.host)) {
            hosts.push(format!("{}:{port}", args.host));
        }
        App {
            out: args.out.clone(),
            corrections: args
                .corrections
                .clone()
                .unwrap_or_else(|| args.out.join(corrections::FILE_NAME)),
            read_only: args.read_only,
            token: random_token(),
            hosts,
            lines: Mutex::new(HashMap::new()),
            sources: Mutex::new(HashMap::new()),
            records: Mutex::new(None),
        }
    }

    fn handle(&self, mut req: tiny_http::Request) {
        let reply = self.route(&mut req);
        let mut resp = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
        let headers = [
            ("Content-Type", reply.ctype),
            (
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            ),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("Cache-Control", "no-store"),
        ];
        for (k, v) in headers {
            if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
                resp.add_header(h);
            }
        }
        let _ = req.respond(resp);
    }

    fn header(req: &tiny_http::Request, name: &str) -> Option<String> {
        req.headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().to_string())
    }

    fn route(&self, req: &mut tiny_http::Request) -> Reply {
        // DNS rebinding: a page of another site resolved to 127.0.0.1 still
        // sends its own name as Host.
        let host_ok = Self::header(req, "Host").is_some_and(|h| self.hosts.contains(&h));
        if !host_ok {
            return Reply::status(421, "unknown Host");
        }
        let url = req.url().to_string();
        let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
        let method = req.method().clone();
        let parts: Vec<&str> = path.split('/').skip(1).collect();
        match (&method, parts.as_slice()) {
            (tiny_http::Method::Get, [""]) => Reply::html(self.overview(&query_map(query))),
            (tiny_http::Method::Get, ["assets", "app.js"]) => Reply {
                status: 200,
                ctype: "text/javascript; charset=utf-8",
                body: APP_JS.as_bytes().to_vec(),
            },
            (tiny_http::Method::Get, ["assets", "app.css"]) => Reply {
                status: 200,
                ctype: "text/css; charset=utf-8",
                body: APP_CSS.as_bytes().to_vec(),
            },
            (tiny_http::Method::Get, ["doc", sha]) if is_sha(sha) => match self.record(sha) {
                Some(r) => Reply::html(self.document(&r)),
                None => Reply::status(404, "no such document in this run"),
            },
            (tiny_http::Method::Get, ["page", sha, png]) if is_sha(sha) => {
                let n = png
                    .strip_suffix(".png")
                    .and_then(|n| n.parse::<u32>().ok())
                    .filter(|n| *n >= 1);
                match (n, self.record(sha)) {
                    (Some(n), Some(r)) if r.source.pages.is_some_and(|p| n <= p) => {
                        match self.page_png(&r, n) {
                            Ok(bytes) => Reply {
                                status: 200,
                                ctype: "image/png",
                                body: bytes,
                            },
                            Err(e) => Reply::status(404, &e),
                        }
                    }
                    _ => Reply::status(404, "no such page"),
                }
            }
            (tiny_http::Method::Post, ["correct"]) => self.correct(req),
            _ => Reply::status(404, "not found"),
        }
    }

    /// The run's records, re-read when records.jsonl changes (a re-run of
    /// `ingest` shows on reload).
    fn records(&self) -> Arc<Vec<Record>> {
        let p = crate::emit::atomic::existing(&self.out.join("records.jsonl"))
            .unwrap_or_else(|| self.out.join("records.jsonl"));
        let meta = std::fs::metadata(&p).ok();
        let key = meta
            .as_ref()
            .map(|m| (m.modified().unwrap_or(std::time::UNIX_EPOCH), m.len()));
        let mut guard = match self.records.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        if let (Some((t, l)), Some((gt, gl, recs))) = (key, guard.as_ref()) {
            if *gt == t && *gl == l {
                return recs.clone();
            }
        }
        let recs: Vec<Record> = crate::emit::atomic::open_maybe_gz(&p)
            .map(|r| {
                std::io::BufRead::lines(r)
                    .map_while(Result::ok)
                    .filter_map(|l| serde_json::from_str(&l).ok())
                    .collect()
            })
            .unwrap_or_default();
        let recs = Arc::new(recs);
        if let Some((t, l)) = key {
            *guard = Some((t, l, recs.clone()));
        }
        recs
    }

    fn record(&self, sha: &str) -> Option<Record> {
        self.records()
            .iter()
            .find(|r| r.source.sha256 == sha)
            .cloned()
    }

    fn error_lines(&self) -> Vec<crate::emit::ErrorLine> {
        std::fs::read_to_string(self.out.join("errors.jsonl"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }

    fn pending(&self, sha: &str) -> Vec<CorrectionLine> {
        Corrections::load(&self.corrections)
            .map(|c| c.for_sha(sha).to_vec())
            .unwrap_or_default()
    }

    /// The record's input file, only if its content is that record's
    /// (relative paths: from the current directory, then OUT's parent).
    fn source_file(&self, r: &Record) -> Result<PathBuf, String> {
        let sha = &r.source.sha256;
        if let Some(p) = self.sources.lock().ok().and_then(|m| m.get(sha).cloned()) {
            return Ok(p);
        }
        let given = Path::new(&r.source.path);
        let mut candidates = vec![given.to_path_buf()];
        if given.is_relative() {
            if let Some(parent) = self.out.parent() {
                candidates.push(parent.join(given));
            }
        }
        for c in candidates {
            if let Ok(bytes) = crate::pipeline::read_input(&c) {
                if &crate::pipeline::sha256_hex(&bytes) == sha {
                    if let Ok(mut m) = self.sources.lock() {
                        m.insert(sha.clone(), c.clone());
                    }
                    return Ok(c);
                }
            }
        }
        Err(format!(
            "{}: the source file is not there or has changed since the run",
            r.source.path
        ))
    }

    /// The normalised lines `source_span` refers to (what `thaiplan text`
    /// prints), computed once per document; OCR reuses the run's cache.
    fn lines(&self, r: &Record) -> Result<Lines, String> {
        let sha = &r.source.sha256;
        if let Some(l) = self.lines.lock().ok().and_then(|m| m.get(sha).cloned()) {
            return Ok(l);
        }
        let path = self.source_file(r)?;
        let bytes = crate::pipeline::read_input(&path).map_err(|e| e.to_string())?;
        let opts = ExtractOptions {
            ocr_cache: Some(self.out.join(".ocr-cache")),
            isolate: true,
            ..Default::default()
        };
        let doc = crate::pipeline::normalized_text(&path, &bytes, &opts).map_err(|e| e.message)?;
        let lines: Lines = Arc::new(
            doc.lines
                .into_iter()
                .enumerate()
                .map(|(i, l)| (doc.line_pages.get(i).copied().flatten(), l))
                .collect(),
        );
        if let Ok(mut m) = self.lines.lock() {
            m.insert(sha.clone(), lines.clone());
        }
        Ok(lines)
    }

    /// Page `n` of a PDF as PNG at 80 dpi, cached under OUT/.review-cache.
    fn page_png(&self, r: &Record, n: u32) -> Result<Vec<u8>, String> {
        if r.source.format != crate::model::Format::Pdf {
            return Err("not a PDF".into());
        }
        let dir = self.out.join(".review-cache");
        let cached = dir.join(format!("{}-{n}.png", r.source.sha256));
        // Only a regular file we wrote: never follow a link planted in OUT.
        if std::fs::symlink_metadata(&cached).is_ok_and(|m| m.file_type().is_file()) {
            if let Ok(b) = std::fs::read(&cached) {
                return Ok(b);
            }
        }
        let src = self.source_file(r)?;
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let tmp = dir.join(format!(
            ".{}-{n}.tmp-{}",
            r.source.sha256,
            std::process::id()
        ));
        let mut child = std::process::Command::new("pdftoppm")
            .args(["-r", "80", "-png", "-singlefile", "-f"])
            .arg(n.to_string())
            .arg("-l")
            .arg(n.to_string())
            .arg(&src)
            .arg(&tmp)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("pdftoppm: {e} (install poppler-utils)"))?;
        let start = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if start.elapsed() > Duration::from_secs(60) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err("pdftoppm took over 60 s".into());
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => return Err(e.to_string()),
            }
        }
        let made = tmp.with_extension("png");
        let made = if made.exists() {
            made
        } else {
            PathBuf::from(format!("{}.png", tmp.display()))
        };
        let bytes = std::fs::read(&made).map_err(|e| format!("pdftoppm made no image: {e}"))?;
        // rename replaces a planted link itself, not what it points to
        let _ = std::fs::rename(&made, &cached);
        Ok(bytes)
    }

    fn correct(&self, req: &mut tiny_http::Request) -> Reply {
        if self.read_only {
            return Reply::json(403, serde_json::json!({"error": "read-only"}));
        }
        let token = Self::header(req, "X-CSRF-Token").unwrap_or_default();
        if !constant_eq(token.as_bytes(), self.token.as_bytes()) {
            return Reply::json(403, serde_json::json!({"error": "bad CSRF token"}));
        }
        if let Some(origin) = Self::header(req, "Origin") {
            if !self.hosts.iter().any(|h| origin == format!("http://{h}")) {
                return Reply::json(403, serde_json::json!({"error": "foreign Origin"}));
            }
        }
        let ctype = Self::header(req, "Content-Type").unwrap_or_default();
        if !ctype.starts_with("application/json") {
            return Reply::json(415, serde_json::json!({"error": "JSON only"}));
        }
        let mut body = String::new();
        if req
            .as_reader()
            .take(64 * 1024)
            .read_to_string(&mut body)
            .is_err()
        {
            return Reply::json(400, serde_json::json!({"error": "unreadable body"}));
        }
        match self.correction_from(&body) {
            Ok(line) => match corrections::append(&self.corrections, &line) {
                Ok(()) => Reply::json(200, serde_json::json!({"ok": true, "line": line})),
                Err(e) => Reply::json(500, serde_json::json!({"error": e.to_string()})),
            },
            Err(e) => Reply::json(400, serde_json::json!({"error": e})),
        }
    }

    /// Validate a posted correction against the record it names.
    fn correction_from(&self, body: &str) -> Result<CorrectionLine, String> {
        let v: Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
        let s = |k: &str| -> Option<String> {
            v.get(k)
                .and_then(Value::as_str)
                .map(|s| s.chars().take(2000).collect())
        };
        let sha = s("sha256").filter(|s| is_sha(s)).ok_or("sha256 missing")?;
        let pointer = s("pointer")
            .filter(|p| p.starts_with('/'))
            .ok_or("pointer missing")?;
        let value = v.get("value").cloned().ok_or("value missing")?;
        let rec = self.record(&sha).ok_or("no such document")?;
        let mut rv = serde_json::to_value(&rec).map_err(|e| e.to_string())?;
        let target = rv
            .pointer_mut(&pointer)
            .ok_or("the pointer does not resolve in this record")?;
        let old = target.clone();
        *target = value.clone();
        serde_json::from_value::<Record>(rv).map_err(|e| format!("the value does not fit: {e}"))?;
        let nonempty = |o: Option<String>| o.filter(|s| !s.trim().is_empty());
        Ok(CorrectionLine {
            sha256: sha,
            pointer,
            value,
            by: nonempty(s("by")),
            at: Some(now_rfc3339()),
            note: nonempty(s("note")),
            old: Some(old),
        })
    }
}

fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
