//! OCR of image-only PDF pages with the tesseract command-line tool.
//!
//! Pages are rasterised with poppler's `pdftoppm` at the resolution of the
//! page's own image when the page is one image (`pdfimages -list`: a scan
//! keeps its pixels, neither blurred by downsampling nor inflated), within
//! 150-300 dpi, else at 150 dpi (measured: 300 dpi upscaling of the 150-dpi
//! corpus scans gave the same text and cost ~45% more tesseract time);
//! OCR'd with
//! `tesseract IMG OUT -l tha+eng --psm 4 txt tsv` one process per page
//! (`OMP_THREAD_LIMIT=1`, parallel across pages on a bounded pool, each with
//! a wall-clock limit), and cached by the SHA-256 of the page image so a
//! re-run does no OCR at all.
//!
//! psm 4 rather than 6: on 004's statistics table psm 6 read the numeric
//! rows as garbage, psm 4 read them right.
//!
//! Lines are rebuilt from the TSV word boxes: tesseract's own line grouping;
//! word spaces from tesseract's plain text of the same run (box gaps only
//! when a line cannot be matched); a column-wide gap or a `|` (a table rule
//! read as a glyph) splits cells. Ruled tables are found in the page image
//! (`grid_from_pgm`) and the visual lines of one ruled row become one line of
//! TAB-joined cells; wrapped prose lines are joined into paragraphs. This is
//! the text-corpus line format, so the recognisers need no OCR special case.
//!
//! The tesseract binary is `$THAIPLAN_TESSERACT` or `tesseract` on PATH;
//! `pdftoppm` is `$THAIPLAN_PDFTOPPM` or `pdftoppm`. When either or the `tha`
//! language is missing, OCR reports `Unavailable` and the caller warns.

mod digits;
mod grid;
mod marks;
mod run;
mod tsv;

pub use grid::{grid_from_pgm, Grid};
pub use tsv::{lines_from_tsv, lines_from_tsv_grid, lines_from_tsv_page, PageImage};

use super::scratch::{run_bounded, RunError, Scratch};
use crate::model::RawLine;
use run::run_tesseract;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Tesseract settings that change the output: part of the cache key.
const LANGS: &str = "tha+eng";
const PSM: &str = "4";
/// Render resolution bounds: 150 is the shared scans' own (and the render
/// of pages that are not one image); above 300 tesseract reads no better
/// and its time grows with the pixel count.
const DPI_MIN: u32 = 150;
const DPI_MAX: u32 = 300;
const CACHE_VERSION: &str = "thaiplan-ocr-v2";

/// Wall-clock limit for one page's tesseract run.
pub const PAGE_TIMEOUT: Duration = Duration::from_secs(120);

/// Pages under this mean word confidence get an `ocr_low_confidence` warning.
pub const LOW_CONFIDENCE: f64 = 60.0;

/// One OCR'd page.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrPageText {
    pub page: u32,
    pub lines: Vec<RawLine>,
    /// Mean word confidence (0-100), None when no word was recognised.
    pub confidence: Option<f64>,
    /// True when the TSV came from the cache.
    pub cached: bool,
}

/// Why a page has no OCR text.
#[derive(Debug, Clone, PartialEq)]
pub enum OcrFailure {
    /// tesseract, its Thai data or pdftoppm is not installed.
    Unavailable(String),
    /// The page could not be rasterised or OCR'd (timeout, crash).
    Failed(String),
    /// The document's deadline (`--timeout`) passed before this page was
    /// done; the page was not (fully) OCR'd.
    Deadline,
}

/// Bounds and reporting for one document's OCR (issue 13: `--timeout`
/// bounds the OCR of all its pages; temporary files under `--out`).
#[derive(Default)]
pub struct OcrLimits<'a> {
    /// No page starts, and running tesseract/pdftoppm are killed, after this.
    pub deadline: Option<Instant>,
    /// Base directory of the scratch dir (None = `$TMPDIR`).
    pub tmp: Option<&'a Path>,
    /// Called after each page with (pages done, pages asked).
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
}

pub fn tesseract_bin() -> PathBuf {
    std::env::var_os("THAIPLAN_TESSERACT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("tesseract"))
}

pub fn pdfimages_bin() -> PathBuf {
    std::env::var_os("THAIPLAN_PDFIMAGES")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("pdfimages"))
}

/// Pages that are one image, with that image's resolution (the lower of its
/// x and y ppi), from `pdfimages -list`. Empty when pdfimages is missing or
/// fails: every page is then rendered at [`DPI_MIN`].
fn image_dpis(pdf: &Path, dir: &Path, deadline: Instant) -> HashMap<u32, u32> {
    let out = dir.join("images.txt");
    let Ok(file) = std::fs::File::create(&out) else {
        return HashMap::new();
    };
    let ok = run_bounded(
        Command::new(pdfimages_bin())
            .arg("-list")
            .arg(pdf)
            .stdin(Stdio::null())
            .stdout(Stdio::from(file))
            .stderr(Stdio::null()),
        deadline,
    )
    .is_ok_and(|f| f.success);
    let list = if ok {
        std::fs::read_to_string(&out).unwrap_or_default()
    } else {
        String::new()
    };
    let _ = std::fs::remove_file(&out);
    parse_image_list(&list)
}

/// `pdfimages -list` rows: page num type width height color comp bpc enc
/// interp object ID x-ppi y-ppi size ratio. Masks (`smask`, `stencil`) are
/// not images of their own.
fn parse_image_list(list: &str) -> HashMap<u32, u32> {
    let mut per_page: HashMap<u32, Vec<u32>> = HashMap::new();
    for row in list.lines() {
        let f: Vec<&str> = row.split_whitespace().collect();
        if f.len() < 14 || f[2] != "image" {
            continue;
        }
        let (Ok(page), Ok(x), Ok(y)) = (f[0].parse(), f[12].parse(), f[13].parse()) else {
            continue;
        };
        per_page.entry(page).or_default().push(u32::min(x, y));
    }
    per_page
        .into_iter()
        .filter_map(|(p, v)| (v.len() == 1).then(|| (p, v[0])))
        .collect()
}

pub fn pdftoppm_bin() -> PathBuf {
    std::env::var_os("THAIPLAN_PDFTOPPM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("pdftoppm"))
}

/// Whether OCR can run: tesseract answers and lists the `tha` language,
/// and pdftoppm runs. Err carries what is missing (for the warning).
pub fn availability() -> Result<(), String> {
    let tess = tesseract_bin();
    let out = Command::new(&tess)
        .arg("--list-langs")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("tesseract not runnable ({}): {e}", tess.display()))?;
    let langs = String::from_utf8_lossy(&out.stdout);
    if !langs.lines().any(|l| l.trim() == "tha") {
        return Err("tesseract has no Thai language data (install tesseract-ocr-tha)".into());
    }
    let ppm = pdftoppm_bin();
    Command::new(&ppm)
        .arg("-v")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("pdftoppm not runnable ({}): {e}", ppm.display()))?;
    Ok(())
}

/// OCR the given 1-based pages of a PDF. Results are in page order; each
/// page either has text or says why not. Availability is checked once.
pub fn ocr_pages(
    pdf: &[u8],
    pages: &[u32],
    cache: Option<&Path>,
) -> Vec<(u32, Result<OcrPageText, OcrFailure>)> {
    ocr_pages_limited(pdf, pages, cache, &OcrLimits::default())
}

/// [`ocr_pages`] within [`OcrLimits`]: pages the deadline cuts off are
/// `Err(OcrFailure::Deadline)`.
pub fn ocr_pages_limited(
    pdf: &[u8],
    pages: &[u32],
    cache: Option<&Path>,
    limits: &OcrLimits,
) -> Vec<(u32, Result<OcrPageText, OcrFailure>)> {
    if pages.is_empty() {
        return Vec::new();
    }
    if let Err(why) = availability() {
        return pages
            .iter()
            .map(|&p| (p, Err(OcrFailure::Unavailable(why.clone()))))
            .collect();
    }
    let scratch = match Scratch::new("ocr", limits.tmp) {
        Ok(s) => s,
        Err(e) => {
            return pages
                .iter()
                .map(|&p| (p, Err(OcrFailure::Failed(format!("scratch dir: {e}")))))
                .collect()
        }
    };
    let pdf_path = scratch.path().join("doc.pdf");
    if let Err(e) = std::fs::write(&pdf_path, pdf) {
        return pages
            .iter()
            .map(|&p| (p, Err(OcrFailure::Failed(format!("scratch write: {e}")))))
            .collect();
    }
    if let Some(c) = cache {
        let _ = std::fs::create_dir_all(c);
    }
    // tesseract is single-threaded here; one process per core, bounded so a
    // 200-page scan does not fork 200 processes.
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4);
    let deadline = limits
        .deadline
        .unwrap_or_else(|| Instant::now() + Duration::from_secs(365 * 86_400));
    let dpis = image_dpis(&pdf_path, scratch.path(), deadline);
    let done = AtomicUsize::new(0);
    let run = || {
        use rayon::prelude::*;
        pages
            .par_iter()
            .map(|&p| {
                let r = if Instant::now() >= deadline {
                    Err(OcrFailure::Deadline)
                } else {
                    let dpi = dpis
                        .get(&p)
                        .map_or(DPI_MIN, |d| (*d).clamp(DPI_MIN, DPI_MAX));
                    ocr_one(&pdf_path, scratch.path(), p, dpi, cache, deadline)
                };
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if let Some(f) = limits.progress {
                    f(n, pages.len());
                }
                (p, r)
            })
            .collect::<Vec<_>>()
    };
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    }
}

fn ocr_one(
    pdf: &Path,
    dir: &Path,
    page: u32,
    dpi: u32,
    cache: Option<&Path>,
    deadline: Instant,
) -> Result<OcrPageText, OcrFailure> {
    let prefix = dir.join(format!("p{page}"));
    let ps = page.to_string();
    let dpi = dpi.to_string();
    let st = run_bounded(
        Command::new(pdftoppm_bin())
            .args(["-r", &dpi, "-gray", "-singlefile", "-f", &ps, "-l", &ps])
            .arg(pdf)
            .arg(&prefix)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        deadline,
    )
    .map_err(|e| match e {
        RunError::Deadline => OcrFailure::Deadline,
        RunError::Spawn(e) | RunError::Wait(e) => OcrFailure::Unavailable(format!("pdftoppm: {e}")),
    })?;
    let img = prefix.with_extension("pgm");
    if !st.success || !img.exists() {
        return Err(OcrFailure::Failed(format!(
            "pdftoppm could not render page {page}"
        )));
    }
    let bytes = std::fs::read(&img).map_err(|e| OcrFailure::Failed(format!("page image: {e}")))?;
    let mut h = Sha256::new();
    h.update(CACHE_VERSION.as_bytes());
    h.update(LANGS.as_bytes());
    h.update(PSM.as_bytes());
    h.update(&bytes);
    let key = hex::encode(h.finalize());
    let grid = grid_from_pgm(&bytes);
    // Number words are re-read from the image after the cache (so the cache
    // stays tesseract's output); THAIPLAN_OCR_DIGITS=0 turns that off.
    let reread = std::env::var("THAIPLAN_OCR_DIGITS").map_or(true, |v| v != "0");
    let parsed = grid::parse_pgm(&bytes).filter(|_| reread);
    let page_img = parsed.map(|(w, h, px)| PageImage { w, h, px });
    let cache_file = cache.map(|c| c.join(format!("{key}.tsv")));
    // Upper marks split into lines of their own are re-read in bands
    // (`marks`); the repaired page has its own cache file beside the TSV.
    let marks_on = std::env::var("THAIPLAN_OCR_MARKS").map_or(true, |v| v != "0");
    let marks_file = cache
        .filter(|_| marks_on)
        .map(|c| c.join(format!("{key}.marks3")));
    let with_marks = |tsv: String| -> String {
        if !marks_on {
            return tsv;
        }
        if let Some(t) = marks_file
            .as_ref()
            .and_then(|f| std::fs::read_to_string(f).ok())
        {
            return t;
        }
        let t = marks::repair(&tsv, &bytes, grid.as_ref(), dir, page, deadline).unwrap_or(tsv);
        if let Some(f) = &marks_file {
            store_cached(f, &t);
        }
        t
    };
    if let Some(cf) = &cache_file {
        if let Ok(tsv) = std::fs::read_to_string(cf) {
            let _ = std::fs::remove_file(&img);
            let tsv = with_marks(tsv);
            let (lines, confidence) =
                lines_from_tsv_page(&tsv, page, grid.as_ref(), page_img.as_ref());
            return Ok(OcrPageText {
                page,
                lines,
                confidence,
                cached: true,
            });
        }
    }
    let tsv = run_tesseract(&img, PAGE_TIMEOUT, deadline);
    let _ = std::fs::remove_file(&img);
    let tsv = tsv?;
    if let Some(cf) = &cache_file {
        store_cached(cf, &tsv);
    }
    let tsv = with_marks(tsv);
    let (lines, confidence) = lines_from_tsv_page(&tsv, page, grid.as_ref(), page_img.as_ref());
    Ok(OcrPageText {
        page,
        lines,
        confidence,
        cached: false,
    })
}

/// Put an OCR result in the cache: write then rename, so a concurrent
/// reader never sees half a file. A failure only costs a re-run later.
fn store_cached(path: &Path, text: &str) {
    // Unique per process AND write: two threads of one run (or two pages
    // with one key) must not share a temporary file.
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = path.with_extension(format!("tmp{}-{n}", std::process::id()));
    if std::fs::write(&tmp, text).is_ok() {
        let _ = std::fs::rename(&tmp, path);
    }
}

#[cfg(test)]
mod tests {
    use super::parse_image_list;

    #[test]
    fn a_page_that_is_one_image_is_read_at_that_images_resolution() {
        let list = "\
page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio
--------------------------------------------------------------------------------------------
   1     0 image    2480  3508  gray    1   8  jpeg   no         7  0   300   300  310K 3.6%
   2     1 image    1241  1754  gray    1   8  jpeg   no        12  0   150   151 90.2K 4.2%
   2     2 smask    1241  1754  gray    1   8  image  no        13  0   150   151 1000B 0.0%
   3     3 image     300   100  rgb     3   8  jpeg   no        20  0    72    72 9.1K 10%
   3     4 image     300   100  rgb     3   8  jpeg   no        21  0    96    96 9.1K 10%
";
        let d = parse_image_list(list);
        assert_eq!(d.get(&1), Some(&300));
        assert_eq!(d.get(&2), Some(&150), "the mask is not a second image");
        assert_eq!(d.get(&3), None, "two images: rendered at the default");
        assert!(parse_image_list("garbage\n1 2 3").is_empty());
    }
}
