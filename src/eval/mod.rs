//! `thaiplan eval`: field-level accuracy of records against hand-made gold
//! files (../shared/corpus/gold/FORMAT.md; docs/eval.md says what is
//! scored and how).
//!
//! A record is matched to a gold file by file stem: directories, extension
//! and a `.scan` suffix are stripped, so one gold scores the text, DOCX, PDF
//! and scan forms of a document.

pub mod score;

use score::{as_int, at, key, match_items, path, period_months, Kind, Scorer};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What a field belongs to; the per-category scores are reported apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Metadata,
    TableRows,
    BudgetCells,
    Totals,
    BlockFields,
    ReportFields,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Metadata,
        Category::TableRows,
        Category::BudgetCells,
        Category::Totals,
        Category::BlockFields,
        Category::ReportFields,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Metadata => "metadata",
            Category::TableRows => "table_rows",
            Category::BudgetCells => "budget_cells",
            Category::Totals => "totals",
            Category::BlockFields => "block_fields",
            Category::ReportFields => "report_fields",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    pub correct: usize,
    pub total: usize,
}

impl Score {
    pub fn accuracy(&self) -> Option<f64> {
        (self.total > 0).then(|| self.correct as f64 / self.total as f64)
    }
    fn add(&mut self, o: Score) {
        self.correct += o.correct;
        self.total += o.total;
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    pub category: Category,
    pub field: String,
    pub expected: Value,
    pub got: Value,
}

/// One record scored against its gold.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct DocEval {
    /// `source.path` of the record.
    pub record: String,
    /// The gold file used.
    pub gold: String,
    pub scores: BTreeMap<Category, Score>,
    pub overall: Score,
    pub misses: Vec<Miss>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct EvalResult {
    pub documents: Vec<DocEval>,
    /// Per category over all scored records.
    pub categories: BTreeMap<Category, Score>,
    pub overall: Score,
    /// Records with no gold file (not counted).
    pub unscored: Vec<String>,
    /// Gold files no record matched.
    pub gold_without_record: Vec<String>,
    /// Input problems (unreadable gold, unparsable record lines).
    pub problems: Vec<String>,
}

/// The stem a record and a gold are matched by:
/// `a/b/004_3a9855a8704ba7b3.scan.pdf` → `004_3a9855a8704ba7b3`.
pub fn match_stem(p: &str) -> String {
    let name = p.rsplit(['/', '\\']).next().unwrap_or(p);
    let stem = match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    };
    stem.strip_suffix(".scan").unwrap_or(stem).to_string()
}

/// Load every `*.json` gold file of a directory, keyed by match stem (the
/// file's own stem, and the stem of its `source` field where that differs).
pub fn load_gold(
    dir: &Path,
    problems: &mut Vec<String>,
) -> Result<BTreeMap<String, (String, Value)>, String> {
    let rd = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read gold directory: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .collect();
    files.sort();
    let mut out = BTreeMap::new();
    for f in files {
        let text = match std::fs::read_to_string(&f) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{}: cannot read: {e}", f.display()));
                continue;
            }
        };
        let v: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{}: not JSON: {e}", f.display()));
                continue;
            }
        };
        if !v.is_object() {
            problems.push(format!("{}: not a JSON object", f.display()));
            continue;
        }
        let shown = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let stem = match_stem(&shown);
        if let Some(src) = v.get("source").and_then(Value::as_str) {
            let s2 = match_stem(src);
            if s2 != stem {
                out.entry(s2).or_insert_with(|| (shown.clone(), v.clone()));
            }
        }
        out.insert(stem, (shown, v));
    }
    Ok(out)
}

/// Read records.jsonl (unparsable lines become problems).
pub fn load_records(file: &Path, problems: &mut Vec<String>) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v) if v.is_object() => out.push(v),
            Ok(_) => problems.push(format!(
                "{} line {}: not a JSON object",
                file.display(),
                i + 1
            )),
            Err(e) => problems.push(format!("{} line {}: not JSON: {e}", file.display(), i + 1)),
        }
    }
    Ok(out)
}

/// Score every record that has a gold.
pub fn evaluate(gold: &BTreeMap<String, (String, Value)>, records: &[Value]) -> EvalResult {
    let mut res = EvalResult::default();
    let mut seen = std::collections::BTreeSet::new();
    for rec in records {
        let p = path(rec, "source.path").as_str().unwrap_or("").to_string();
        let stem = match_stem(&p);
        let Some((gname, g)) = gold.get(&stem) else {
            res.unscored.push(if p.is_empty() {
                "(record without source.path)".into()
            } else {
                p
            });
            continue;
        };
        seen.insert(gname.clone());
        let mut d = DocEval {
            record: p,
            gold: gname.clone(),
            ..Default::default()
        };
        score_document(&mut d, g, rec);
        for (c, s) in &d.scores {
            d.overall.add(*s);
            res.categories.entry(*c).or_default().add(*s);
        }
        res.overall.add(d.overall);
        res.documents.push(d);
    }
    let mut names: Vec<&String> = gold.values().map(|(n, _)| n).collect();
    names.dedup();
    res.gold_without_record = names
        .into_iter()
        .filter(|n| !seen.contains(*n))
        .cloned()
        .collect();
    res.gold_without_record.sort();
    res.gold_without_record.dedup();
    res
}

fn arr(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or(&[])
}

/// RECORD's `doc_kind` for a gold value ("memo" counts as report).
fn gold_doc_kind(v: &Value) -> Value {
    match v.as_str() {
        Some("memo") => json!("report"),
        _ => v.clone(),
    }
}

const KINDS: [&str; 7] = [
    "อบต",
    "อบจ",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
    "กรุงเทพมหานคร",
    "เมืองพัทยา",
];

fn score_document(d: &mut DocEval, g: &Value, rec: &Value) {
    let mut s = Scorer {
        doc: d,
        absent: false,
    };
    metadata(&mut s, g, rec);
    budget_table(&mut s, g, rec);
    blocks(&mut s, g, rec);
    report(&mut s, g, rec);
}

fn metadata(s: &mut Scorer, g: &Value, rec: &Value) {
    use Category::Metadata as M;
    if let Some(k) = g.get("doc_kind") {
        s.field(
            M,
            "doc_kind",
            Kind::Exact,
            &gold_doc_kind(k),
            at(rec, "doc_kind"),
        );
    }
    s.opt(M, "title", Kind::Text, g, &["title"], at(rec, "title"));
    if let Some(o) = g.get("organization").filter(|o| o.is_object()) {
        let ro = at(rec, "organization");
        s.opt(
            M,
            "organization.name",
            Kind::Text,
            o,
            &["name"],
            at(ro, "name"),
        );
        if let Some(k) = o.get("kind") {
            // "other" (FORMAT.md) = any kind outside RECORD's table.
            let got = at(ro, "kind");
            let k = if k.as_str() == Some("other") {
                match got.as_str() {
                    Some(x) if KINDS.contains(&x) => k.clone(),
                    _ => got.clone(),
                }
            } else {
                k.clone()
            };
            s.field(M, "organization.kind", Kind::Text, &k, got);
        }
        s.opt(
            M,
            "organization.district",
            Kind::Text,
            o,
            &["district"],
            at(ro, "district"),
        );
        s.opt(
            M,
            "organization.province",
            Kind::Text,
            o,
            &["province"],
            at(ro, "province"),
        );
    }
    s.opt(
        M,
        "fiscal_years",
        Kind::NumList { sorted: true },
        g,
        &["fiscal_years"],
        at(rec, "fiscal_years"),
    );
}

/// (number, name) keys for matching.
fn keys_of(items: &[Value], num: &[&str], name: &[&str]) -> Vec<(Option<i64>, String)> {
    items
        .iter()
        .map(|it| {
            let n = key(it, num).and_then(as_int);
            let nm = key(it, name)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            (n, nm)
        })
        .collect()
}

fn budget_table(s: &mut Scorer, g: &Value, rec: &Value) {
    let Some(gt) = key(g, &["summary_table", "budget_table"]) else {
        return;
    };
    let rt = at(rec, "budget_table");
    if gt.is_null() {
        if !rt.is_null() {
            s.extra(
                Category::TableRows,
                "budget_table (the gold has none)",
                json!(format!("{} rows", arr(at(rt, "rows")).len())),
            );
        }
        return;
    }
    let grows = arr(at(gt, "rows"));
    let rrows = arr(at(rt, "rows"));
    let gyears: Vec<i64> = arr(key(gt, &["years"]).unwrap_or_else(|| at(g, "fiscal_years")))
        .iter()
        .filter_map(as_int)
        .collect();
    let ryears: Vec<i64> = arr(at(rt, "years")).iter().filter_map(as_int).collect();
    if key(gt, &["years"]).is_some() {
        s.field(
            Category::Totals,
            "budget_table.years",
            Kind::NumList { sorted: false },
            at(gt, "years"),
            at(rt, "years"),
        );
    }
    // The record's column of gold column i: same year, else same position.
    let col = |i: usize| -> usize {
        gyears
            .get(i)
            .and_then(|y| ryears.iter().position(|r| r == y))
            .unwrap_or(i)
    };
    let year_label = |i: usize| -> String {
        gyears
            .get(i)
            .map(|y| y.to_string())
            .unwrap_or_else(|| format!("#{i}"))
    };
    // `inferred` (rows only): a cell the record marks inferred was not read
    // from the document, which is what a gold null says; its value is extra
    // information (RECORD: unreadable = null + warning, inferred = marked).
    let budget_cells =
        |s: &mut Scorer, cat: Category, label: &str, gb: &Value, rb: &Value, inferred: &Value| {
            for (i, e) in arr(gb).iter().enumerate() {
                let got = rb
                    .as_array()
                    .and_then(|a| a.get(col(i)))
                    .unwrap_or(&Value::Null);
                let was_inferred = inferred
                    .as_array()
                    .and_then(|a| a.get(col(i)))
                    .and_then(Value::as_bool)
                    == Some(true);
                let got = if was_inferred && e.is_null() {
                    &Value::Null
                } else {
                    got
                };
                s.field(
                    cat,
                    format!("{label}.budgets[{}]", year_label(i)),
                    Kind::Number,
                    e,
                    got,
                );
            }
        };

    let m = match_items(
        &keys_of(grows, &["number"], &["name"]),
        &keys_of(rrows, &["number"], &["name"]),
    );
    let mut used = vec![false; rrows.len()];
    for (gi, gr) in grows.iter().enumerate() {
        let label = format!(
            "budget_table.rows[{}]",
            key(gr, &["number"])
                .map(|n| n.to_string())
                .unwrap_or_else(|| format!("#{}", gi + 1))
        );
        let rr = m.get(gi).copied().flatten().and_then(|i| {
            used[i] = true;
            rrows.get(i)
        });
        let rr = rr.unwrap_or(&Value::Null);
        s.absent = rr.is_null();
        let t = Category::TableRows;
        s.opt(
            t,
            &format!("{label}.number"),
            Kind::Number,
            gr,
            &["number"],
            at(rr, "number"),
        );
        s.opt(
            t,
            &format!("{label}.dimension"),
            Kind::Number,
            gr,
            &["dimension"],
            at(rr, "dimension"),
        );
        s.opt(
            t,
            &format!("{label}.mission"),
            Kind::Text,
            gr,
            &["mission"],
            at(rr, "mission"),
        );
        s.opt(
            t,
            &format!("{label}.name"),
            Kind::Text,
            gr,
            &["name"],
            at(rr, "name"),
        );
        s.opt(
            t,
            &format!("{label}.note"),
            Kind::Text,
            gr,
            &["note"],
            at(rr, "note"),
        );
        if let Some(gb) = gr.get("budgets") {
            budget_cells(
                s,
                Category::BudgetCells,
                &label,
                gb,
                at(rr, "budgets"),
                at(rr, "inferred"),
            );
        }
    }
    s.absent = false;
    for (i, r) in rrows.iter().enumerate() {
        if !used[i] {
            s.extra(
                Category::TableRows,
                format!("budget_table.rows: extra row {}", i + 1),
                at(r, "name").clone(),
            );
        }
    }

    // Totals: dimension totals by dimension, then the grand total.
    let rdt = arr(at(rt, "dimension_totals"));
    for (gi, gd) in arr(at(gt, "dimension_totals")).iter().enumerate() {
        let dim = key(gd, &["dimension"]).and_then(as_int);
        let label = format!(
            "dimension_totals[{}]",
            dim.map(|x| x.to_string())
                .unwrap_or_else(|| format!("#{}", gi + 1))
        );
        let rd = rdt
            .iter()
            .find(|r| dim.is_some() && at(r, "dimension").as_i64() == dim)
            .or_else(|| if dim.is_none() { rdt.get(gi) } else { None })
            .unwrap_or(&Value::Null);
        s.absent = rd.is_null();
        s.opt(
            Category::Totals,
            &format!("{label}.projects"),
            Kind::Number,
            gd,
            &["projects"],
            at(rd, "projects"),
        );
        if let Some(gb) = gd.get("budgets") {
            budget_cells(
                s,
                Category::Totals,
                &label,
                gb,
                at(rd, "budgets"),
                &Value::Null,
            );
        }
    }
    s.absent = false;
    if let Some(gg) = gt.get("grand_total") {
        let rg = at(rt, "grand_total");
        if gg.is_null() {
            if !rg.is_null() {
                s.extra(
                    Category::Totals,
                    "grand_total (the gold has none)",
                    rg.clone(),
                );
            }
        } else {
            s.absent = rg.is_null();
            s.opt(
                Category::Totals,
                "grand_total.projects",
                Kind::Number,
                gg,
                &["projects"],
                at(rg, "projects"),
            );
            if let Some(gb) = gg.get("budgets") {
                budget_cells(
                    s,
                    Category::Totals,
                    "grand_total",
                    gb,
                    at(rg, "budgets"),
                    &Value::Null,
                );
            }
            s.absent = false;
        }
    }
}

fn blocks(s: &mut Scorer, g: &Value, rec: &Value) {
    let Some(gb) = key(g, &["project_details", "projects"]) else {
        return;
    };
    let gblocks = arr(gb);
    let rblocks = arr(at(rec, "projects"));
    // A document that prints no block numbers (003): the record's numbers
    // are null by RECORD, and its order stands in for the number.
    let unnumbered = !rblocks.is_empty() && rblocks.iter().all(|b| at(b, "number").is_null());
    let mut rkeys = keys_of(rblocks, &["number"], &["name"]);
    if unnumbered {
        for (i, k) in rkeys.iter_mut().enumerate() {
            k.0 = Some(i as i64 + 1);
        }
    }
    let m = match_items(&keys_of(gblocks, &["number"], &["name"]), &rkeys);
    let mut used = vec![false; rblocks.len()];
    let c = Category::BlockFields;
    for (gi, gbk) in gblocks.iter().enumerate() {
        let label = format!(
            "projects[{}]",
            key(gbk, &["number"])
                .filter(|n| !n.is_null())
                .map(|n| n.to_string())
                .unwrap_or_else(|| format!("#{}", gi + 1))
        );
        let ri = m.get(gi).copied().flatten();
        if let Some(i) = ri {
            used[i] = true;
        }
        let rb = ri.and_then(|i| rblocks.get(i)).unwrap_or(&Value::Null);
        s.absent = rb.is_null();
        let number = match (ri, unnumbered) {
            (Some(i), true) => json!(i + 1),
            _ => at(rb, "number").clone(),
        };
        s.opt(
            c,
            &format!("{label}.number"),
            Kind::Number,
            gbk,
            &["number"],
            &number,
        );
        s.opt(
            c,
            &format!("{label}.dimension"),
            Kind::Number,
            gbk,
            &["dimension"],
            at(rb, "dimension"),
        );
        s.opt(
            c,
            &format!("{label}.mission"),
            Kind::Text,
            gbk,
            &["mission"],
            at(rb, "mission"),
        );
        s.opt(
            c,
            &format!("{label}.name"),
            Kind::Text,
            gbk,
            &["name"],
            at(rb, "name"),
        );
        s.opt(
            c,
            &format!("{label}.budget_baht"),
            Kind::Number,
            gbk,
            &["budget_baht"],
            at(rb, "budget_baht"),
        );
        for f in ["budget_text", "period_text", "responsible", "target_group"] {
            s.opt(c, &format!("{label}.{f}"), Kind::Text, gbk, &[f], at(rb, f));
        }
        if let Some(e) = gbk.get("objectives_count") {
            let got = if rb.is_null() {
                Value::Null
            } else {
                json!(arr(at(rb, "objectives")).len())
            };
            s.field(
                c,
                format!("{label}.objectives_count"),
                Kind::Number,
                e,
                &got,
            );
        }
        s.opt(
            c,
            &format!("{label}.field_labels"),
            Kind::TextList,
            gbk,
            &["field_labels"],
            at(rb, "field_labels"),
        );
    }
    s.absent = false;
    for (i, r) in rblocks.iter().enumerate() {
        if !used[i] {
            s.extra(
                c,
                format!("projects: extra block {}", i + 1),
                at(r, "name").clone(),
            );
        }
    }
}

/// Gold memo keys (Thai labels as printed, or RECORD's names) → RECORD.
const MEMO_KEYS: [(&str, &[&str]); 5] = [
    ("department", &["department", "ส่วนราชการ"]),
    ("reference", &["reference", "ที่"]),
    ("date_text", &["date_text", "วันที่"]),
    ("subject", &["subject", "เรื่อง"]),
    ("addressee", &["addressee", "เรียน"]),
];

/// Gold status-table keys (the table's Thai headers, or RECORD's names).
const STATUS_KEYS: [(&str, &[&str]); 8] = [
    ("projects_initial", &["projects_initial", "โครงการตั้งต้น"]),
    ("projects_total", &["projects_total", "โครงการทั้งหมด"]),
    (
        "in_ordinance",
        &["in_ordinance", "บรรจุในข้อบัญญัติ/เทศบัญญัติ/แผนดำเนินงาน"],
    ),
    ("in_progress", &["in_progress", "อยู่ระหว่างดำเนินการ"]),
    ("done", &["done", "ดำเนินการแล้วเสร็จ"]),
    ("not_possible", &["not_possible", "ไม่สามารถดำเนินการได้"]),
    (
        "implementation_pct",
        &[
            "implementation_pct",
            "ผลการนำแผนฯไปปฏิบัติ_คิดจากโครงการตั้งต้น",
            "ผลการนำแผนฯไปปฏิบัติ",
        ],
    ),
    (
        "implementation_level",
        &["implementation_level", "ระดับการนำแผนไปปฏิบัติ"],
    ),
];

// Spelled out, not imported from `recognize`: the scorer stays independent
// of the pipeline it grades.
const SUMMARY_FIELDS: [&str; 7] = [
    "projects_planned",
    "projects_done",
    "budget_plan",
    "budget_ordinance",
    "budget_spent",
    "pct_projects",
    "pct_budget",
];

fn report(s: &mut Scorer, g: &Value, rec: &Value) {
    let c = Category::ReportFields;
    let Some(gr) = g.get("report") else { return };
    let rr = at(rec, "report");
    if gr.is_null() {
        if !rr.is_null() {
            s.extra(c, "report (the gold has none)", json!("present"));
        }
        return;
    }
    s.absent = rr.is_null();
    s.opt(
        c,
        "report.fiscal_year",
        Kind::Number,
        gr,
        &["fiscal_year"],
        at(rr, "fiscal_year"),
    );
    s.opt(
        c,
        "report.ita_score",
        Kind::Number,
        gr,
        &["ita_score", "overall_ita_score"],
        at(rr, "ita_score"),
    );
    s.opt(
        c,
        "report.period_text",
        Kind::Text,
        gr,
        &["period_text"],
        at(rr, "period_text"),
    );
    if let Some(pm) = gr.get("period_months") {
        s.field(
            c,
            "report.period_months",
            Kind::Number,
            &period_months(pm),
            at(rr, "period_months"),
        );
    }
    if let Some(gm) = gr.get("memo") {
        let rm = at(rr, "memo");
        if gm.is_null() {
            if !rm.is_null() {
                s.extra(c, "report.memo (the gold has none)", rm.clone());
            }
        } else {
            s.absent = rm.is_null();
            for (f, gk) in MEMO_KEYS {
                s.opt(
                    c,
                    &format!("report.memo.{f}"),
                    Kind::Text,
                    gm,
                    gk,
                    at(rm, f),
                );
            }
            s.absent = false;
        }
    }

    // Measures: name, responsible, period, ITA scores (a set).
    if let Some(gms) = gr.get("measures") {
        let gms = arr(gms);
        let rms = arr(at(rr, "measures"));
        let m = match_items(
            &keys_of(gms, &["number"], &["name"]),
            &keys_of(rms, &["number"], &["name"]),
        );
        let mut used = vec![false; rms.len()];
        for (gi, gm) in gms.iter().enumerate() {
            let label = format!("report.measures[{}]", gi + 1);
            let ri = m.get(gi).copied().flatten();
            if let Some(i) = ri {
                used[i] = true;
            }
            let rm = ri.and_then(|i| rms.get(i)).unwrap_or(&Value::Null);
            s.absent = rm.is_null();
            s.opt(
                c,
                &format!("{label}.name"),
                Kind::Text,
                gm,
                &["name"],
                at(rm, "name"),
            );
            for f in [
                "method_text",
                "responsible",
                "period_text",
                "result_text",
                "outcome_text",
            ] {
                s.opt(c, &format!("{label}.{f}"), Kind::Text, gm, &[f], at(rm, f));
            }
            s.opt(
                c,
                &format!("{label}.ita_scores"),
                Kind::NumList { sorted: true },
                gm,
                &["ita_scores"],
                at(rm, "ita_scores"),
            );
        }
        s.absent = false;
        for (i, r) in rms.iter().enumerate() {
            if !used[i] {
                s.extra(
                    c,
                    format!("report.measures: extra row {}", i + 1),
                    at(r, "name").clone(),
                );
            }
        }
    }

    // The per-dimension summary table and its total.
    let gsum = key(gr, &["summary_table"]);
    let grows = gsum
        .map(|t| at(t, "rows"))
        .or_else(|| gr.get("dimension_summary"));
    if let Some(grows) = grows {
        let rrows = arr(at(rr, "dimension_summary"));
        for (gi, grw) in arr(grows).iter().enumerate() {
            let dim = key(grw, &["dimension"]).and_then(as_int);
            let label = format!(
                "report.dimension_summary[{}]",
                dim.map(|d| d.to_string())
                    .unwrap_or_else(|| format!("#{}", gi + 1))
            );
            let rrw = rrows
                .iter()
                .find(|r| dim.is_some() && at(r, "dimension").as_i64() == dim)
                .or_else(|| if dim.is_none() { rrows.get(gi) } else { None })
                .unwrap_or(&Value::Null);
            s.absent = rrw.is_null();
            for f in SUMMARY_FIELDS {
                s.opt(
                    c,
                    &format!("{label}.{f}"),
                    Kind::Number,
                    grw,
                    &[f],
                    at(rrw, f),
                );
            }
        }
        s.absent = false;
    }
    let gtot = gsum
        .and_then(|t| t.get("total"))
        .or_else(|| gr.get("summary_total"));
    if let Some(gt) = gtot.filter(|t| !t.is_null()) {
        let rt = at(rr, "summary_total");
        s.absent = rt.is_null();
        for f in SUMMARY_FIELDS {
            s.opt(
                c,
                &format!("report.summary_total.{f}"),
                Kind::Number,
                gt,
                &[f],
                at(rt, f),
            );
        }
        s.absent = false;
    }

    // The status table.
    if let Some(gs) = key(gr, &["status_table", "status"]).filter(|v| v.is_object()) {
        let rs = at(rr, "status");
        s.absent = rs.is_null();
        for (f, gk) in STATUS_KEYS {
            let kind = if f == "implementation_level" {
                Kind::Text
            } else {
                Kind::Number
            };
            s.opt(c, &format!("report.status.{f}"), kind, gs, gk, at(rs, f));
        }
        s.absent = false;
    }

    // Activities: number, dimension, mission, name.
    if let Some(gas) = gr.get("activities") {
        let gas = arr(gas);
        let ras = arr(at(rr, "activities"));
        let m = match_items(
            &keys_of(gas, &["number"], &["name"]),
            &keys_of(ras, &["number"], &["name"]),
        );
        let mut used = vec![false; ras.len()];
        for (gi, ga) in gas.iter().enumerate() {
            let seq = key(ga, &["seq"]).and_then(as_int).unwrap_or(gi as i64 + 1);
            let label = format!("report.activities[{seq}]");
            let ri = m.get(gi).copied().flatten();
            if let Some(i) = ri {
                used[i] = true;
            }
            let ra = ri.and_then(|i| ras.get(i)).unwrap_or(&Value::Null);
            s.absent = ra.is_null();
            s.opt(
                c,
                &format!("{label}.number"),
                Kind::Number,
                ga,
                &["number"],
                at(ra, "number"),
            );
            s.opt(
                c,
                &format!("{label}.dimension"),
                Kind::Number,
                ga,
                &["dimension"],
                at(ra, "dimension"),
            );
            s.opt(
                c,
                &format!("{label}.mission"),
                Kind::Text,
                ga,
                &["mission"],
                at(ra, "mission"),
            );
            s.opt(
                c,
                &format!("{label}.name"),
                Kind::Text,
                ga,
                &["name"],
                at(ra, "name"),
            );
            for f in ["action_text", "result_text"] {
                s.opt(c, &format!("{label}.{f}"), Kind::Text, ga, &[f], at(ra, f));
            }
        }
        s.absent = false;
        for (i, r) in ras.iter().enumerate() {
            if !used[i] {
                s.extra(
                    c,
                    format!("report.activities: extra item {}", i + 1),
                    at(r, "name").clone(),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

fn cell(s: Option<&Score>) -> String {
    match s {
        Some(s) if s.total > 0 => format!(
            "{}/{} {:.3}",
            s.correct,
            s.total,
            s.correct as f64 / s.total as f64
        ),
        _ => "-".to_string(),
    }
}

fn short(v: &Value, max: usize) -> String {
    let t = match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        o => o.to_string(),
    };
    if t.chars().count() > max {
        let cut: String = t.chars().take(max).collect();
        format!("{cut}…")
    } else {
        t
    }
}

/// Misses shown per document and category unless `all_misses`.
pub const MISSES_SHOWN: usize = 8;

/// The human-readable report.
pub fn render(res: &EvalResult, all_misses: bool) -> String {
    let mut o = String::new();
    let name_w = res
        .documents
        .iter()
        .map(|d| d.record.chars().count())
        .max()
        .unwrap_or(8)
        .clamp(8, 60);
    let _ = write!(o, "{:<name_w$}", "document");
    for c in Category::ALL {
        let _ = write!(o, "  {:>18}", c.as_str());
    }
    let _ = writeln!(o, "  {:>18}", "overall");
    let row = |o: &mut String, name: &str, scores: &BTreeMap<Category, Score>, overall: &Score| {
        let shown: String = if name.chars().count() > name_w {
            let skip = name.chars().count() - name_w + 1;
            format!("…{}", name.chars().skip(skip).collect::<String>())
        } else {
            name.to_string()
        };
        let _ = write!(o, "{shown:<name_w$}");
        for c in Category::ALL {
            let _ = write!(o, "  {:>18}", cell(scores.get(&c)));
        }
        let _ = writeln!(o, "  {:>18}", cell(Some(overall)));
    };
    for d in &res.documents {
        row(&mut o, &d.record, &d.scores, &d.overall);
    }
    row(&mut o, "ALL", &res.categories, &res.overall);
    let _ = writeln!(
        o,
        "\nscored {} record(s); overall accuracy {}",
        res.documents.len(),
        res.overall
            .accuracy()
            .map(|a| format!("{a:.4}"))
            .unwrap_or_else(|| "n/a".into())
    );
    if !res.unscored.is_empty() {
        let _ = writeln!(o, "unscored (no gold): {}", res.unscored.join(", "));
    }
    if !res.gold_without_record.is_empty() {
        let _ = writeln!(
            o,
            "gold without a record: {}",
            res.gold_without_record.join(", ")
        );
    }
    for p in &res.problems {
        let _ = writeln!(o, "problem: {p}");
    }
    let total_misses: usize = res.documents.iter().map(|d| d.misses.len()).sum();
    if total_misses > 0 {
        let _ = writeln!(
            o,
            "\nmisses ({total_misses}){}:",
            if all_misses {
                ""
            } else {
                "; --all-misses shows every one"
            }
        );
        let _ = writeln!(o, "path\tfield\texpected\tgot");
        for d in &res.documents {
            let mut per_cat: BTreeMap<Category, usize> = BTreeMap::new();
            for m in &d.misses {
                let n = per_cat.entry(m.category).or_insert(0);
                *n += 1;
                if !all_misses && *n > MISSES_SHOWN {
                    continue;
                }
                let _ = writeln!(
                    o,
                    "{}\t{}\t{}\t{}",
                    d.record,
                    m.field,
                    short(&m.expected, 100),
                    short(&m.got, 100)
                );
            }
            if !all_misses {
                for (c, n) in per_cat {
                    if n > MISSES_SHOWN {
                        let _ = writeln!(
                            o,
                            "{}\t({} more {} misses)",
                            d.record,
                            n - MISSES_SHOWN,
                            c.as_str()
                        );
                    }
                }
            }
        }
    }
    o
}

/// `thaiplan eval`: returns the exit code.
pub fn run(
    gold_dir: &Path,
    records: &Path,
    all_misses: bool,
    json_out: Option<&Path>,
) -> Result<i32, String> {
    let mut problems = Vec::new();
    let gold = load_gold(gold_dir, &mut problems)?;
    if gold.is_empty() {
        return Err(format!("{}: no gold *.json files", gold_dir.display()));
    }
    let recs = load_records(records, &mut problems)?;
    let mut res = evaluate(&gold, &recs);
    res.problems = problems;
    print!("{}", render(&res, all_misses));
    if let Some(p) = json_out {
        let text = serde_json::to_string_pretty(&res).map_err(|e| e.to_string())?;
        std::fs::write(p, text + "\n")
            .map_err(|e| format!("{}: cannot write: {e}", p.display()))?;
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(
            match_stem("../corpus/scan/004_3a9855a8704ba7b3.scan.pdf"),
            "004_3a9855a8704ba7b3"
        );
        assert_eq!(
            match_stem("004_3a9855a8704ba7b3.txt"),
            "004_3a9855a8704ba7b3"
        );
        assert_eq!(match_stem("C:\\x\\a.docx"), "a");
        assert_eq!(match_stem("noext"), "noext");
    }
}
