//! Temporary directories and child processes that must not outlive a run
//! (issue 13: a killed OCR run left `/tmp/thaiplan-ocr-*` and tesseract
//! processes behind).
//!
//! - [`Scratch`]: a directory `thaiplan-KIND-PID-N` under the run's temp
//!   base (`ingest` uses `OUT/.tmp`, elsewhere `$TMPDIR`), removed on drop
//!   and listed in a registry.
//! - [`run_bounded`]: a child in its own process group, waited for until a
//!   deadline, then killed with its whole group (LibreOffice and tesseract
//!   fork helpers); listed in the registry while it runs.
//! - [`install_signal_cleanup`]: on SIGINT/SIGTERM, kill the registered
//!   process groups, remove the registered directories, and exit with
//!   128 + signal. The handler only writes the signal number to a pipe
//!   (async-signal-safe); a thread does the work.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

static NEXT: AtomicU64 = AtomicU64::new(0);
static DIRS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static GROUPS: Mutex<Vec<i32>> = Mutex::new(Vec::new());
/// Set once a signal asked us to stop: no new child or scratch dir after it.
static STOPPING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A scratch directory removed on drop (and on SIGINT/SIGTERM).
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new(kind: &str, base: Option<&Path>) -> std::io::Result<Self> {
        if STOPPING.load(Ordering::SeqCst) {
            return Err(std::io::Error::other("stopping on a signal"));
        }
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let base = base
            .map(Path::to_path_buf)
            .unwrap_or_else(std::env::temp_dir);
        let dir = base.join(format!("thaiplan-{kind}-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        // Absolute: LibreOffice wants a file:// URL of its profile.
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        if let Ok(mut d) = DIRS.lock() {
            d.push(dir.clone());
        }
        Ok(Scratch(dir))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
        if let Ok(mut d) = DIRS.lock() {
            d.retain(|p| p != &self.0);
        }
    }
}

pub enum RunError {
    Spawn(std::io::Error),
    Wait(std::io::Error),
    /// Killed at the deadline.
    Deadline,
}

pub struct Finished {
    pub success: bool,
    /// "exit status N" / "signal N", for messages.
    pub code: String,
    /// The first 4 KB of stderr when it was piped.
    pub stderr: String,
}

fn kill_group(pgid: i32) {
    // SAFETY: kill(2) with a negative pid signals a process group; no memory is touched.
    unsafe {
        libc::kill(-pgid, libc::SIGKILL);
    }
}

/// Run `cmd` in its own process group until it exits or `deadline` passes
/// (then the group is killed). stdout/stdin are as the caller set them;
/// piped stderr is drained in a thread.
pub fn run_bounded(cmd: &mut Command, deadline: Instant) -> Result<Finished, RunError> {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    if Instant::now() >= deadline {
        return Err(RunError::Deadline);
    }
    cmd.process_group(0);
    // Spawn and register under the lock, so a signal's cleanup (which
    // takes it too) either sees this child or runs before it exists.
    let (mut child, pgid) = {
        let mut g = GROUPS.lock().unwrap_or_else(|e| e.into_inner());
        if STOPPING.load(Ordering::SeqCst) {
            return Err(RunError::Deadline);
        }
        let child = cmd.spawn().map_err(RunError::Spawn)?;
        let pgid = child.id() as i32;
        g.push(pgid);
        (child, pgid)
    };
    let unregister = || {
        if let Ok(mut g) = GROUPS.lock() {
            g.retain(|&p| p != pgid);
        }
    };
    let err_thread = child.stderr.take().map(|mut e| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = (&mut e).take(4096).read_to_end(&mut v);
            // Keep draining so the child never blocks on a full pipe.
            let _ = std::io::copy(&mut e, &mut std::io::sink());
            String::from_utf8_lossy(&v).into_owned()
        })
    });
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break st,
            Ok(None) if Instant::now() >= deadline => {
                kill_group(pgid);
                let _ = child.kill();
                let _ = child.wait();
                unregister();
                return Err(RunError::Deadline);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => {
                kill_group(pgid);
                let _ = child.wait();
                unregister();
                return Err(RunError::Wait(e));
            }
        }
    };
    // Helpers the child left running (LibreOffice's soffice.bin) go too.
    kill_group(pgid);
    unregister();
    let stderr = err_thread.and_then(|t| t.join().ok()).unwrap_or_default();
    use std::os::unix::process::ExitStatusExt;
    let code = match (status.code(), status.signal()) {
        (Some(c), _) => format!("exit status {c}"),
        (None, Some(s)) => format!("signal {s}"),
        _ => "unknown status".into(),
    };
    Ok(Finished {
        success: status.success(),
        code,
        stderr,
    })
}

static PIPE_WR: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(-1);

extern "C" fn on_signal(sig: libc::c_int) {
    let fd = PIPE_WR.load(Ordering::Relaxed);
    if fd >= 0 {
        let b = sig as u8;
        // SAFETY: write(2) is async-signal-safe; the buffer is a local byte.
        unsafe {
            libc::write(fd, &b as *const u8 as *const libc::c_void, 1);
        }
    }
}

/// Kill the registered children, remove the registered scratch dirs.
pub fn cleanup_now() {
    STOPPING.store(true, Ordering::SeqCst);
    if let Ok(g) = GROUPS.lock() {
        for &p in g.iter() {
            kill_group(p);
        }
    }
    if let Ok(d) = DIRS.lock() {
        for p in d.iter() {
            let _ = std::fs::remove_dir_all(p);
        }
    }
}

/// On SIGINT/SIGTERM: clean up, then exit with 128 + signal. Idempotent.
pub fn install_signal_cleanup() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let mut fds = [0 as libc::c_int; 2];
        // SAFETY: pipe(2) fills the two descriptors of a local array.
        if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
            return;
        }
        PIPE_WR.store(fds[1], Ordering::Relaxed);
        let rd = fds[0];
        let spawned = std::thread::Builder::new()
            .name("thaiplan-signals".into())
            .spawn(move || {
                let mut b = 0u8;
                // SAFETY: read(2) into a local byte from our own pipe.
                let n = unsafe { libc::read(rd, &mut b as *mut u8 as *mut libc::c_void, 1) };
                if n == 1 {
                    cleanup_now();
                    std::process::exit(128 + b as i32);
                }
            });
        if spawned.is_err() {
            return;
        }
        for sig in [libc::SIGINT, libc::SIGTERM] {
            // SAFETY: installs a handler that only calls write(2).
            unsafe {
                libc::signal(sig, on_signal as *const () as libc::sighandler_t);
            }
        }
    });
}
