//! RTF, legacy Word (.doc) and OpenDocument (.odt) through LibreOffice
//! (issue 13): `soffice --headless --convert-to docx`, then the DOCX reader.
//!
//! LibreOffice is optional. The binary is `$THAIPLAN_SOFFICE`, else
//! `soffice` or `libreoffice` on PATH; without it these formats are a
//! `converter_missing` error naming the fix. Each conversion runs in its own
//! scratch directory with its own profile (`-env:UserInstallation`), so
//! parallel conversions do not fight over `~/.config/libreoffice`'s lock,
//! in its own process group (killed whole on timeout: `soffice` forks
//! `soffice.bin`), and with an explicit import filter so a damaged file is
//! an error, never re-read as plain text.

use super::scratch::Scratch;
use super::ExtractOptions;
use crate::error::ExtractError;
use crate::model::Format;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The LibreOffice binary, if one can be found.
pub fn soffice_bin() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("THAIPLAN_SOFFICE") {
        // Set but absent: treated as "not installed" (the error names the fix).
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["soffice", "libreoffice"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// (file extension, LibreOffice import filter) of a convertible format.
fn filter(format: Format) -> (&'static str, &'static str) {
    match format {
        Format::Rtf => ("rtf", "Rich Text Format"),
        Format::Doc => ("doc", "MS Word 97"),
        _ => ("odt", "writer8"),
    }
}

/// Convert to DOCX bytes, within `deadline`.
pub fn to_docx(
    bytes: &[u8],
    format: Format,
    opts: &ExtractOptions,
    deadline: Instant,
) -> Result<Vec<u8>, ExtractError> {
    let name = format.as_str().to_ascii_uppercase();
    let Some(bin) = soffice_bin() else {
        return Err(ExtractError::ConverterMissing { format: name });
    };
    let failed = |detail: String| ExtractError::Conversion {
        format: format.as_str().to_ascii_uppercase(),
        detail,
    };
    let scratch = Scratch::new("conv", opts.tmp_dir.as_deref())
        .map_err(|e| failed(format!("scratch dir: {e}")))?;
    let (ext, infilter) = filter(format);
    let input = scratch.path().join(format!("in.{ext}"));
    std::fs::write(&input, bytes).map_err(|e| failed(format!("scratch write: {e}")))?;
    let outdir = scratch.path().join("out");
    let profile = scratch.path().join("profile");
    let mut cmd = Command::new(&bin);
    cmd.arg("--headless")
        .arg("--norestore")
        .arg("--nolockcheck")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .arg(format!("--infilter={infilter}"))
        .args(["--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(&outdir)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let status = super::scratch::run_bounded(&mut cmd, deadline).map_err(|e| match e {
        super::scratch::RunError::Spawn(e) => failed(format!("cannot run {}: {e}", bin.display())),
        super::scratch::RunError::Deadline => ExtractError::Timeout {
            seconds: opts.timeout_secs,
        },
        super::scratch::RunError::Wait(e) => failed(format!("waiting for LibreOffice: {e}")),
    })?;
    let out = outdir.join("in.docx");
    match std::fs::read(&out) {
        Ok(b) if !b.is_empty() => Ok(b),
        _ => Err(failed(format!(
            "LibreOffice could not read it ({}{})",
            status.code,
            if status.stderr.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", status.stderr.trim())
            }
        ))),
    }
}

/// How long a conversion may take at most when the per-document limit is
/// larger: LibreOffice converts a 100-page Word file in a few seconds.
pub const MAX_CONVERSION: Duration = Duration::from_secs(300);
