//! `thaiplan eval`: field-level accuracy of records against hand-made gold
//! files (../shared/corpus/gold/FORMAT.md; docs/eval.md says what is
//! scored and how).
//!
//! A record is matched to a gold file by file stem: directories, extension
//! and a `.scan` suffix are stripped, so one gold scores the text, DOCX, PDF
//! and scan forms of a document.

mod gold;
mod plan;
mod render;
mod report;
pub mod score;

pub use gold::{load_gold, load_records, match_stem};
pub use render::{render, MISSES_SHOWN};
use score::{as_int, at, key, path, Kind, Scorer};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

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
    plan::budget_table(&mut s, g, rec);
    plan::blocks(&mut s, g, rec);
    report::report(&mut s, g, rec);
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
