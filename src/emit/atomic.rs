//! Crash-safe file writes: write to a temporary file in the same directory,
//! fsync, rename. A run killed at any point leaves either the old file or
//! the new one, never half of one.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A file being written; becomes visible under its final name on `commit`.
pub struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    file: io::BufWriter<File>,
}

impl AtomicFile {
    pub fn create(dest: &Path) -> io::Result<Self> {
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        // Unique per writer: two threads storing the same sha256 (duplicate
        // files) used to share one temp name and one rename then failed with
        // ENOENT (1-2 of 500 copies, issue 16).
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let n = SEQ.fetch_add(1, Ordering::Relaxed);
        let tmp = dest.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()));
        let file = io::BufWriter::new(File::create(&tmp)?);
        Ok(AtomicFile {
            tmp,
            dest: dest.to_path_buf(),
            file,
        })
    }

    pub fn commit(self) -> io::Result<()> {
        let AtomicFile { tmp, dest, file } = self;
        let f = file.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, &dest)?;
        // Make the rename itself durable.
        if let Some(dir) = dest.parent() {
            if let Ok(d) = File::open(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            }) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Write a whole file atomically.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(dest)?;
    f.write_all(bytes)?;
    f.commit()
}

/// An output file, plain or gzip-compressed (`ingest --compress`): the
/// name gets ".gz" and the bytes go through a gzip encoder.
pub enum Sink {
    Plain(AtomicFile),
    Gz(flate2::write::GzEncoder<AtomicFile>),
}

impl Sink {
    /// `dest` is the plain name; with `gz` the file is `dest` + ".gz". The
    /// other form's file, left by an earlier run, is removed on commit so
    /// that a folder never holds two versions of one output.
    pub fn create(dest: &Path, gz: bool) -> io::Result<Self> {
        if gz {
            let f = AtomicFile::create(&gz_name(dest))?;
            Ok(Sink::Gz(flate2::write::GzEncoder::new(
                f,
                flate2::Compression::default(),
            )))
        } else {
            Ok(Sink::Plain(AtomicFile::create(dest)?))
        }
    }

    pub fn commit(self) -> io::Result<()> {
        let (f, other) = match self {
            Sink::Plain(f) => {
                let other = gz_name(&f.dest);
                (f, other)
            }
            Sink::Gz(e) => {
                let f = e.finish()?;
                let plain = f.dest.with_extension("");
                (f, plain)
            }
        };
        f.commit()?;
        match std::fs::remove_file(&other) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

fn gz_name(p: &Path) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(".gz");
    PathBuf::from(s)
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Plain(f) => f.write(buf),
            Sink::Gz(e) => e.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Plain(f) => f.flush(),
            Sink::Gz(e) => e.flush(),
        }
    }
}

/// Read an output file that may be gzip-compressed: `path` itself (gzip
/// recognised by its magic bytes, whatever the name), else `path` + ".gz".
pub fn open_maybe_gz(path: &Path) -> io::Result<Box<dyn io::BufRead>> {
    use io::BufRead;
    let f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => File::open(gz_name(path))?,
        Err(e) => return Err(e),
    };
    let mut r = io::BufReader::new(f);
    let gz = r.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if gz {
        Box::new(io::BufReader::new(flate2::read::MultiGzDecoder::new(r)))
    } else {
        Box::new(r)
    })
}

/// The output `path` or its ".gz" form, whichever exists.
pub fn existing(path: &Path) -> Option<PathBuf> {
    if path.is_file() {
        Some(path.to_path_buf())
    } else {
        let g = gz_name(path);
        g.is_file().then_some(g)
    }
}
