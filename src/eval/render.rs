//! The human-readable `thaiplan eval` report.

use super::{Category, EvalResult, Score};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

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
