//! `summary.html`: one self-contained page (no network, no script) with
//! inline SVG bar charts of the archive: documents by kind, format and
//! fiscal year, coverage by province code, budgets by dimension and year,
//! check-failure and OCR shares, warnings by code. Every string from a
//! document is escaped.

use super::summary::Summary;
use crate::model::{Extraction, Record};
use std::collections::BTreeMap;
use std::fmt::Write;

/// What the charts need beyond summary.json, accumulated per record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stats {
    /// Documents naming each fiscal year (a plan for 2566-2570 counts in each).
    pub by_year: BTreeMap<u32, u64>,
    /// Province code ("" = no code) -> (a province name seen, documents).
    pub by_province: BTreeMap<String, (String, u64)>,
    /// (dimension, year) -> baht, summed over budget-table rows.
    pub budget: BTreeMap<(u8, u32), f64>,
    pub with_failed_check: u64,
    pub ocr: u64,
}

impl Stats {
    pub fn add_record(&mut self, r: &Record) {
        for y in &r.fiscal_years {
            *self.by_year.entry(*y).or_default() += 1;
        }
        let code = r.organization.province_code.clone().unwrap_or_default();
        let e = self.by_province.entry(code).or_default();
        if e.0.is_empty() {
            e.0 = r.organization.province.clone().unwrap_or_default();
        }
        e.1 += 1;
        if let Some(t) = &r.budget_table {
            for row in &t.rows {
                let Some(d) = row.dimension else { continue };
                for (j, y) in t.years.iter().enumerate() {
                    if let Some(v) = row.budgets.get(j).copied().flatten() {
                        *self.budget.entry((d, *y)).or_default() += v;
                    }
                }
            }
        }
        if r.checks.iter().any(|c| c.ok == Some(false)) {
            self.with_failed_check += 1;
        }
        if r.source.extraction == Extraction::Ocr {
            self.ocr += 1;
        }
    }
}

/// HTML-escape text and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        // thousands separators for whole numbers
        let s = format!("{}", v.abs() as u64);
        let mut out = String::new();
        for (i, ch) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        if v < 0.0 {
            format!("-{out}")
        } else {
            out
        }
    } else {
        format!("{v:.2}")
    }
}

/// A horizontal bar chart as inline SVG; values are never negative here.
fn bars(title: &str, rows: &[(String, f64)]) -> String {
    let mut h = String::new();
    let _ = write!(h, "<section><h2>{}</h2>", esc(title));
    if rows.is_empty() {
        h.push_str("<p class=\"none\">none</p></section>");
        return h;
    }
    let max = rows.iter().map(|r| r.1).fold(0.0f64, f64::max).max(1e-9);
    let row_h = 22;
    let height = rows.len() * row_h + 4;
    let _ = write!(
        h,
        "<svg width=\"760\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        esc(title)
    );
    for (i, (label, v)) in rows.iter().enumerate() {
        let y = i * row_h + 2;
        let w = (v / max * 400.0).max(if *v > 0.0 { 1.0 } else { 0.0 });
        let _ = write!(
            h,
            "<text x=\"230\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect x=\"240\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"#3b6ea5\"/>\
             <text x=\"{:.1}\" y=\"{}\">{}</text>",
            y + 15,
            esc(label),
            row_h - 6,
            240.0 + w + 6.0,
            y + 15,
            esc(&number(*v)),
        );
    }
    h.push_str("</svg></section>");
    h
}

fn counts<K: ToString>(m: &BTreeMap<K, u64>) -> Vec<(String, f64)> {
    m.iter().map(|(k, v)| (k.to_string(), *v as f64)).collect()
}

fn share(n: u64, of: u64) -> String {
    if of == 0 {
        "0".into()
    } else {
        format!("{:.1}", n as f64 * 100.0 / of as f64)
    }
}

/// The page for this summary.
pub fn render(s: &Summary) -> String {
    let st = &s.charts;
    let mut h = String::from(
        "<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\">\
         <title>thaiplan summary</title><style>\
         body{font-family:sans-serif;margin:24px;max-width:1100px;color:#222}\
         h1{font-size:22px}h2{font-size:17px;margin:22px 0 6px}\
         svg text{font-size:13px;font-family:sans-serif;fill:#222}\
         table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}\
         th{background:#eee}.none{color:#888}\
         </style></head><body>\n<h1>thaiplan summary</h1>\n",
    );
    let docs = s.documents;
    let _ = writeln!(
        h,
        "<table><tr><th>documents</th><th>records</th><th>errors</th><th>pages</th>\
         <th>projects</th><th>budget rows</th><th>with a failed check</th><th>OCR</th></tr>\
         <tr><td>{docs}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
         <td>{} ({}%)</td><td>{} ({}%)</td></tr></table>",
        s.records,
        s.errors,
        s.pages,
        s.projects,
        s.budget_rows,
        st.with_failed_check,
        share(st.with_failed_check, s.records),
        st.ocr,
        share(st.ocr, s.records),
    );
    h.push_str(&bars("Documents by kind", &counts(&s.by_kind)));
    h.push_str(&bars("Documents by format", &counts(&s.by_format)));
    h.push_str(&bars("Documents by extraction", &counts(&s.by_extraction)));
    h.push_str(&bars(
        "Documents by fiscal year (B.E.)",
        &counts(&st.by_year),
    ));
    let prov: Vec<(String, f64)> = st
        .by_province
        .iter()
        .map(|(code, (name, n))| {
            // The official name of the code first: a record may carry no
            // province name (its code came from a district) or a variant.
            let official = crate::recognize::area::province_name(code);
            let label = match (code.is_empty(), official, name.is_empty()) {
                (true, _, _) => "no code".to_string(),
                (false, Some(o), _) => format!("{code} {o}"),
                (false, None, true) => code.clone(),
                (false, None, false) => format!("{code} {name}"),
            };
            (label, *n as f64)
        })
        .collect();
    h.push_str(&bars("Coverage by province code (documents)", &prov));
    let budget: Vec<(String, f64)> = st
        .budget
        .iter()
        .map(|((d, y), v)| (format!("dimension {d}, {y}"), *v))
        .collect();
    h.push_str(&bars(
        "Budgets by dimension and year (baht, budget-table rows)",
        &budget,
    ));
    let checks = vec![
        (
            "passed all checks".to_string(),
            (s.records - st.with_failed_check.min(s.records)) as f64,
        ),
        ("a failed check".to_string(), st.with_failed_check as f64),
    ];
    h.push_str(&bars("Check failures (documents)", &checks));
    let mut warn = counts(&s.warnings_by_code);
    warn.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    h.push_str(&bars("Warnings by code", &warn));
    if !s.errors_by_kind.is_empty() {
        h.push_str(&bars("Errors by kind", &counts(&s.errors_by_kind)));
    }
    let _ = write!(
        h,
        "<p class=\"none\">pipeline {}</p>\n</body></html>\n",
        esc(&s.pipeline_version)
    );
    h
}
