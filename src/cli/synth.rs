//! `thaiplan synth` (write synthetic documents and their gold) and
//! `thaiplan synth-eval` (accuracy per variant class and per form).

use crate::eval::{self, Score};
use crate::synth;
use clap::Args;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Args, Debug)]
pub struct SynthArgs {
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long, default_value_t = 20)]
    pub count: usize,
    #[arg(long)]
    pub out: PathBuf,
    /// Comma-separated: text, docx, html, pdf (pdf = LibreOffice from the
    /// DOCX into pdf-lo/ and Chromium from the HTML into pdf-chromium/,
    /// each where installed), pdf-spaced (letter-spaced text) and pdf-pua
    /// (legacy Thai PUA glyphs), each made by Chromium for even-numbered
    /// and LibreOffice for odd-numbered documents.
    #[arg(long, default_value = "text,docx")]
    pub forms: String,
    /// Write only these document numbers (comma-separated, e.g. "0,21"):
    /// the same documents as in the full run, for fixtures.
    #[arg(long)]
    pub only: Option<String>,
}

#[derive(Args, Debug)]
pub struct SynthEvalArgs {
    /// The gold directory `thaiplan synth` wrote.
    #[arg(long)]
    pub gold: PathBuf,
    /// records.jsonl files (one per ingested form directory).
    pub records: Vec<PathBuf>,
    /// Also list every miss.
    #[arg(long)]
    pub misses: bool,
}

fn write(p: &Path, data: &[u8]) -> Result<(), String> {
    std::fs::write(p, data).map_err(|e| format!("{}: cannot write: {e}", p.display()))
}

fn mkdir(p: &Path) -> Result<(), String> {
    std::fs::create_dir_all(p).map_err(|e| format!("{}: cannot create: {e}", p.display()))
}

fn have(cmd: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {cmd} >/dev/null 2>&1"))
        .status()
        .is_ok_and(|s| s.success())
}

pub fn run(a: SynthArgs) -> Result<i32, String> {
    let forms: Vec<&str> = a.forms.split(',').map(str::trim).collect();
    for f in &forms {
        if !["text", "docx", "html", "pdf", "pdf-spaced", "pdf-pua"].contains(f) {
            return Err(format!(
                "unknown form {f:?} (text, docx, html, pdf, pdf-spaced, pdf-pua)"
            ));
        }
    }
    let mut docs = synth::generate(a.seed, a.count);
    if let Some(only) = &a.only {
        let keep: Vec<usize> = only
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .collect();
        let mut k = 0;
        docs.retain(|_| {
            k += 1;
            keep.contains(&(k - 1))
        });
    }
    let gold_dir = a.out.join("gold");
    mkdir(&gold_dir)?;
    let pdf = forms.contains(&"pdf");
    let want = |f: &str| forms.contains(&f) || (pdf && (f == "docx" || f == "html"));
    for f in ["text", "docx", "html"] {
        if want(f) {
            mkdir(&a.out.join(f))?;
        }
    }
    for d in &docs {
        let g = serde_json::to_string_pretty(&d.gold).map_err(|e| e.to_string())?;
        write(&gold_dir.join(format!("{}.json", d.name)), g.as_bytes())?;
        if want("text") {
            write(
                &a.out.join("text").join(format!("{}.txt", d.name)),
                synth::render::text(d).as_bytes(),
            )?;
        }
        if want("docx") {
            write(
                &a.out.join("docx").join(format!("{}.docx", d.name)),
                &synth::render::docx(d),
            )?;
        }
        if want("html") {
            write(
                &a.out.join("html").join(format!("{}.html", d.name)),
                synth::render::html(d).as_bytes(),
            )?;
        }
    }
    eprintln!(
        "synth: {} document(s), seed {}, in {}",
        docs.len(),
        a.seed,
        a.out.display()
    );
    if pdf {
        pdfs(&a.out, &docs)?;
    }
    for (form, pua) in [("pdf-spaced", false), ("pdf-pua", true)] {
        if forms.contains(&form) {
            styled_pdfs(&a.out, &docs, form, pua)?;
        }
    }
    Ok(0)
}

/// The letter-spaced and legacy-PUA PDF forms: sources (HTML for even,
/// DOCX for odd document numbers) in `src-FORM/`, PDFs in `FORM/`. The
/// letter spacing varies over 0.05–0.20 em with the document number.
fn styled_pdfs(out: &Path, docs: &[synth::SynthDoc], form: &str, pua: bool) -> Result<(), String> {
    let src = out.join(format!("src-{form}"));
    let dir = out.join(form);
    mkdir(&src)?;
    mkdir(&dir)?;
    let mut lo = Vec::new();
    let mut ch = Vec::new();
    for (k, d) in docs.iter().enumerate() {
        // the document's own number (synth_SEED_NNN), also under --only
        let i = d
            .name
            .rsplit('_')
            .next()
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(k);
        let st = synth::render::Style {
            spacing: if pua { 0 } else { 5 + 5 * (i as u32 % 4) },
            pua,
        };
        if i % 2 == 0 {
            let p = src.join(format!("{}.html", d.name));
            write(&p, synth::render::html_styled(d, st).as_bytes())?;
            ch.push(p);
        } else {
            let p = src.join(format!("{}.docx", d.name));
            write(&p, &synth::render::docx_styled(d, st))?;
            lo.push(p);
        }
    }
    soffice(&dir, &lo)?;
    chromium(&dir, &ch)
}

/// LibreOffice: each DOCX into `dir` as PDF.
fn soffice(dir: &Path, docx: &[PathBuf]) -> Result<(), String> {
    if !have("soffice") {
        eprintln!(
            "synth: soffice not installed (scripts/setup.sh): no PDFs from DOCX in {}",
            dir.display()
        );
        return Ok(());
    }
    // a private profile: concurrent soffice runs otherwise share one
    let profile = std::env::temp_dir().join(format!("thaiplan_lo_{}", std::process::id()));
    for chunk in docx.chunks(50) {
        let mut c = Command::new("soffice");
        c.arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir);
        for d in chunk {
            c.arg(d);
        }
        let o = c.output().map_err(|e| format!("soffice: {e}"))?;
        if !o.status.success() {
            eprintln!(
                "synth: soffice failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
    }
    let _ = std::fs::remove_dir_all(&profile);
    Ok(())
}

/// Chromium: each HTML page into `dir` as PDF (no print header/footer).
fn chromium(dir: &Path, html: &[PathBuf]) -> Result<(), String> {
    let Some(ch) = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|c| have(c))
    else {
        eprintln!(
            "synth: chromium not installed (scripts/setup.sh): no PDFs from HTML in {}",
            dir.display()
        );
        return Ok(());
    };
    for h in html {
        let h = std::fs::canonicalize(h).map_err(|e| format!("{}: {e}", h.display()))?;
        let stem = h
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let pdf = dir.join(format!("{stem}.pdf"));
        let o = Command::new(ch)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", h.display()))
            .output()
            .map_err(|e| format!("{ch}: {e}"))?;
        if !o.status.success() {
            eprintln!("synth: {ch} failed on {stem}");
        }
    }
    Ok(())
}

/// PDF renderings: LibreOffice from the DOCX, Chromium from the HTML.
fn pdfs(out: &Path, docs: &[synth::SynthDoc]) -> Result<(), String> {
    let dir = out.join("pdf-lo");
    mkdir(&dir)?;
    let docx: Vec<PathBuf> = docs
        .iter()
        .map(|d| out.join("docx").join(format!("{}.docx", d.name)))
        .collect();
    soffice(&dir, &docx)?;
    let dir = out.join("pdf-chromium");
    mkdir(&dir)?;
    let html: Vec<PathBuf> = docs
        .iter()
        .map(|d| out.join("html").join(format!("{}.html", d.name)))
        .collect();
    chromium(&dir, &html)
}

/// Accuracy per (class, form): each class is scored on the gold keys its
/// group varies (`synth::class_keys`; all keys for template, framework,
/// digits and legacy); the row `ALL` scores every key. Legacy classes
/// are text-dump damage and count for the text form only.
#[derive(Debug, Default)]
pub struct ClassTable {
    pub cells: BTreeMap<(String, String), (Score, usize)>,
    pub forms: Vec<String>,
    pub misses: Vec<String>,
}

impl ClassTable {
    pub fn get(&self, class: &str, form: &str) -> Option<f64> {
        self.cells
            .get(&(class.to_string(), form.to_string()))
            .and_then(|(s, _)| s.accuracy())
    }
}

/// The form a record was read from: the name of its parent directory
/// (text, docx, html, pdf-lo, pdf-chromium, pdf-spaced, pdf-pua), else
/// `source.format`.
pub fn form_of(rec: &Value) -> String {
    let p = rec
        .pointer("/source/path")
        .and_then(Value::as_str)
        .unwrap_or("");
    let parent = Path::new(p)
        .parent()
        .and_then(|d| d.file_name())
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if [
        "text",
        "docx",
        "pdf-lo",
        "pdf-chromium",
        "html",
        "pdf-spaced",
        "pdf-pua",
    ]
    .contains(&parent.as_str())
    {
        parent
    } else {
        rec.pointer("/source/format")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string()
    }
}

pub fn by_class(gold: &BTreeMap<String, (String, Value)>, records: &[Value]) -> ClassTable {
    let mut t = ClassTable::default();
    for rec in records {
        let p = rec
            .pointer("/source/path")
            .and_then(Value::as_str)
            .unwrap_or("");
        let Some((gname, g)) = gold.get(&eval::match_stem(p)) else {
            continue;
        };
        let form = form_of(rec);
        if !t.forms.contains(&form) {
            t.forms.push(form.clone());
        }
        let mut classes: Vec<String> = g
            .pointer("/synth/classes")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|c| c.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        classes.push("ALL".into());
        // Legacy damage is in text dumps only; a damaged dump counts for
        // its legacy classes (and ALL) alone, so that the other classes
        // measure their own variation.
        let damaged = form == "text" && classes.iter().any(|c| c.starts_with("legacy."));
        for c in classes {
            let legacy = c.starts_with("legacy.");
            if (legacy && form != "text") || (damaged && !legacy && c != "ALL") {
                continue;
            }
            let keys = synth::class_keys(&c);
            let mut fg = g.clone();
            if !keys.is_empty() || c == "ALL" {
                if let Some(o) = fg.as_object_mut() {
                    o.retain(|k, _| c == "ALL" || k == "source" || keys.contains(&k.as_str()));
                }
            }
            let mut one = BTreeMap::new();
            one.insert(eval::match_stem(p), (gname.clone(), fg));
            let res = eval::evaluate(&one, std::slice::from_ref(rec));
            let e = t.cells.entry((c.clone(), form.clone())).or_default();
            e.0.correct += res.overall.correct;
            e.0.total += res.overall.total;
            e.1 += 1;
            if c == "ALL" {
                for d in &res.documents {
                    for m in &d.misses {
                        t.misses.push(format!(
                            "{}\t{}\t{}\t{}",
                            d.record, m.field, m.expected, m.got
                        ));
                    }
                }
            }
        }
    }
    t.forms.sort();
    t
}

pub fn render(t: &ClassTable) -> String {
    use std::fmt::Write as _;
    let mut o = String::new();
    let _ = write!(o, "{:<28}", "class");
    for f in &t.forms {
        let _ = write!(o, "  {f:>22}");
    }
    o.push('\n');
    let mut classes: Vec<&String> = t.cells.keys().map(|(c, _)| c).collect();
    classes.sort();
    classes.dedup();
    // ALL last
    classes.sort_by_key(|c| *c == "ALL");
    for c in classes {
        let _ = write!(o, "{c:<28}");
        for f in &t.forms {
            let cell = match t.cells.get(&(c.clone(), f.clone())) {
                Some((s, n)) => format!(
                    "{} {}/{} n={n}",
                    s.accuracy()
                        .map(|a| format!("{a:.3}"))
                        .unwrap_or_else(|| "-".into()),
                    s.correct,
                    s.total
                ),
                None => "".into(),
            };
            let _ = write!(o, "  {cell:>22}");
        }
        o.push('\n');
    }
    o
}

pub fn run_eval(a: SynthEvalArgs) -> Result<i32, String> {
    let mut problems = Vec::new();
    let gold = eval::load_gold(&a.gold, &mut problems)?;
    let mut recs = Vec::new();
    for r in &a.records {
        recs.extend(eval::load_records(r, &mut problems)?);
    }
    let t = by_class(&gold, &recs);
    print!("{}", render(&t));
    for p in problems {
        println!("problem: {p}");
    }
    if a.misses {
        println!("\nmisses ({}):", t.misses.len());
        for m in &t.misses {
            println!("{m}");
        }
    }
    Ok(0)
}
