//! Isolation: `pdf::extract` with `isolate` runs `thaiplan pdf-worker FILE`
//! in a child process with an address-space limit (RLIMIT_AS) and a
//! wall-clock timeout, so a hang or a memory blow-up in the PDF stack costs
//! one document, not the batch.

use super::super::ExtractOptions;
use crate::error::ExtractError;
use crate::model::RawDoc;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What the worker prints on stdout: the document or the typed error itself
/// (as data, so the parent neither re-parses nor re-prefixes a message).
#[derive(serde::Serialize, serde::Deserialize)]
pub enum WorkerReply {
    Ok(Box<RawDoc>),
    Err(ExtractError),
}

/// Body of the hidden `pdf-worker` subcommand: extract in-process and print
/// the reply as JSON. Returns the exit code.
pub fn worker_main(path: &Path) -> i32 {
    let reply = match crate::extract::read_input(path) {
        Err(e) => WorkerReply::Err(e),
        Ok(bytes) => match std::panic::catch_unwind(|| super::extract_in_process(&bytes)) {
            Ok(Ok(doc)) => WorkerReply::Ok(Box::new(doc)),
            Ok(Err(e)) => WorkerReply::Err(e),
            Err(p) => {
                let detail = p
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                WorkerReply::Err(ExtractError::Panic { detail })
            }
        },
    };
    match serde_json::to_string(&reply) {
        Ok(s) => {
            println!("{s}");
            0
        }
        Err(_) => 3,
    }
}

fn worker_exe() -> Option<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("THAIPLAN_WORKER_EXE") {
        return Some(p.into());
    }
    std::env::current_exe().ok()
}

pub fn run_isolated(path: &Path, opts: &ExtractOptions) -> Result<RawDoc, ExtractError> {
    let panic = |detail: String| ExtractError::Panic { detail };
    let exe = worker_exe()
        .ok_or_else(|| panic("cannot locate the thaiplan executable for the PDF worker".into()))?;
    let mut cmd = Command::new(exe);
    cmd.arg("pdf-worker")
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let limit = opts.memory_limit;
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                let rl = libc::rlimit {
                    rlim_cur: limit as libc::rlim_t,
                    rlim_max: limit as libc::rlim_t,
                };
                if limit > 0 {
                    libc::setrlimit(libc::RLIMIT_AS, &rl);
                }
                Ok(())
            });
        }
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| panic(format!("cannot start the PDF worker: {e}")))?;
    // Drain pipes in threads so a large reply cannot deadlock the child.
    let mut out = child.stdout.take();
    let mut err = child.stderr.take();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(o) = out.as_mut() {
            let _ = o.read_to_end(&mut v);
        }
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(o) = err.as_mut() {
            let _ = o.take(64 * 1024).read_to_end(&mut v);
        }
        v
    });
    let start = Instant::now();
    let timeout = Duration::from_secs(opts.timeout_secs.max(1));
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break st,
            Ok(None) => {
                if start.elapsed() > timeout {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(ExtractError::Timeout {
                        seconds: opts.timeout_secs,
                    });
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => return Err(panic(format!("waiting for the PDF worker: {e}"))),
        }
    };
    let stdout = t_out.join().unwrap_or_default();
    let stderr = t_err.join().unwrap_or_default();
    let reply: Option<WorkerReply> = serde_json::from_slice(&stdout).ok();
    match reply {
        Some(WorkerReply::Ok(doc)) => Ok(*doc),
        Some(WorkerReply::Err(e)) => Err(e),
        None => {
            let tail = String::from_utf8_lossy(&stderr);
            let tail = tail.trim();
            let tail: String = tail
                .chars()
                .rev()
                .take(300)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let why = if status.success() {
                "no reply".to_string()
            } else {
                format!("worker died ({status}; its address-space limit was {limit} bytes)")
            };
            if tail.contains("memory allocation") {
                Err(ExtractError::LimitExceeded {
                    format: "PDF".into(),
                    detail: format!("over the {limit}-byte memory limit: {tail}"),
                })
            } else {
                Err(panic(format!("{why}: {tail}")))
            }
        }
    }
}
