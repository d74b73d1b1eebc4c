//! The review pages, rendered on the server: every dynamic string goes
//! through [`esc`]; values carry their JSON Pointer and source lines in
//! data attributes for app.js (no inline script: the CSP forbids it).

use super::App;
use crate::model::{Check, Record, SourceSpan};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

/// HTML-escape text and attribute values (attributes are always quoted):
/// the same escaping as summary.html.
pub use crate::emit::html::esc;

/// 1234567.5 -> "1,234,567.50"; whole numbers without decimals.
pub fn num(v: f64) -> String {
    let neg = v < 0.0;
    let cents = (v.abs() * 100.0).round() as u64;
    let (int, frac) = (cents / 100, cents % 100);
    let digits = int.to_string();
    let mut g = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            g.push(',');
        }
        g.push(c);
    }
    let sign = if neg { "-" } else { "" };
    if frac == 0 {
        format!("{sign}{g}")
    } else {
        format!("{sign}{g}.{frac:02}")
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::Null => "—".into(),
        Value::Number(n) => n.as_f64().map(num).unwrap_or_else(|| n.to_string()),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn opt_num(v: Option<f64>) -> String {
    v.map(num).unwrap_or_else(|| "—".into())
}

impl App {
    fn shell(&self, title: &str, body: &str) -> String {
        format!(
            "<!doctype html><html lang=\"th\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width\">\
             <meta name=\"csrf-token\" content=\"{}\"><meta name=\"read-only\" content=\"{}\">\
             <title>{}</title><link rel=\"stylesheet\" href=\"/assets/app.css\">\
             <script src=\"/assets/app.js\" defer></script></head><body>{body}</body></html>",
            esc(&self.token),
            self.read_only,
            esc(title)
        )
    }

    pub(super) fn overview(&self, q: &HashMap<String, String>) -> String {
        let recs = self.records();
        let kind = q.get("kind").map(String::as_str).unwrap_or("");
        let province = q.get("province").map(String::as_str).unwrap_or("");
        let status = q.get("status").map(String::as_str).unwrap_or("");
        struct Row<'a> {
            r: &'a Record,
            failed: usize,
            undefined: usize,
            warnings: usize,
            ocr: Option<f64>,
        }
        let mut rows: Vec<Row> = recs
            .iter()
            .map(|r| Row {
                r,
                failed: r.checks.iter().filter(|c| c.ok == Some(false)).count(),
                undefined: r.checks.iter().filter(|c| c.ok.is_none()).count(),
                warnings: r.warnings.len(),
                ocr: r
                    .source
                    .ocr_pages
                    .iter()
                    .filter_map(|p| p.confidence)
                    .fold(None, |m: Option<f64>, c| Some(m.map_or(c, |m| m.min(c)))),
            })
            .filter(|x| kind.is_empty() || x.r.doc_kind.as_str() == kind)
            .filter(|x| {
                province.is_empty() || x.r.organization.province.as_deref() == Some(province)
            })
            .filter(|x| match status {
                "failed" => x.failed > 0,
                "warnings" => x.warnings > 0,
                "clean" => x.failed == 0 && x.warnings == 0,
                "corrected" => !x.r.corrections.is_empty(),
                "ocr" => !x.r.source.ocr_pages.is_empty(),
                _ => true,
            })
            .collect();
        // Worst first: failed checks, then low OCR confidence, warnings.
        rows.sort_by(|a, b| {
            b.failed
                .cmp(&a.failed)
                .then(
                    a.ocr
                        .unwrap_or(101.0)
                        .partial_cmp(&b.ocr.unwrap_or(101.0))
                        .unwrap_or(std::cmp::Ordering::Equal),
                )
                .then(b.warnings.cmp(&a.warnings))
                .then(a.r.source.path.cmp(&b.r.source.path))
        });
        let provinces: BTreeSet<&str> = recs
            .iter()
            .filter_map(|r| r.organization.province.as_deref())
            .collect();
        let select = |name: &str, cur: &str, opts: &[(&str, &str)]| {
            let mut s = format!("<label>{name} <select name=\"{name}\">");
            for (v, label) in opts {
                let _ = write!(
                    s,
                    "<option value=\"{}\"{}>{}</option>",
                    esc(v),
                    if *v == cur { " selected" } else { "" },
                    esc(label)
                );
            }
            s + "</select></label> "
        };
        let mut b = String::new();
        let _ = write!(
            b,
            "<header><h1>thaiplan review</h1><span class=\"meta\">{} — {} records</span></header>\
             <form class=\"filters\" method=\"get\" action=\"/\">",
            esc(&self.out.display().to_string()),
            recs.len()
        );
        b += &select(
            "kind",
            kind,
            &[
                ("", "all"),
                ("plan", "plan"),
                ("report", "report"),
                ("unknown", "unknown"),
            ],
        );
        let mut popts: Vec<(&str, &str)> = vec![("", "all")];
        popts.extend(provinces.iter().map(|p| (*p, *p)));
        b += &select("province", province, &popts);
        b += &select(
            "status",
            status,
            &[
                ("", "all"),
                ("failed", "failed checks"),
                ("warnings", "with warnings"),
                ("clean", "clean"),
                ("corrected", "corrected"),
                ("ocr", "OCR'd"),
            ],
        );
        b += "<button type=\"submit\">filter</button></form>";
        b += "<table class=\"overview\"><thead><tr><th>document</th><th>kind</th><th>organisation</th>\
              <th>province</th><th>pages</th><th>failed checks</th><th>undefined</th><th>warnings</th>\
              <th>OCR conf. (min)</th><th>corrections</th></tr></thead><tbody>";
        for x in &rows {
            let r = x.r;
            let name = std::path::Path::new(&r.source.path)
                .file_name()
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_default();
            let _ = write!(
                b,
                "<tr class=\"{}\"><td><a href=\"/doc/{}\" title=\"{}\">{}</a> <small>{}</small></td>\
                 <td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                if x.failed > 0 { "bad" } else if x.warnings > 0 { "warn" } else { "ok" },
                esc(&r.source.sha256),
                esc(&r.source.path),
                esc(&name),
                esc(r.source.format.as_str()),
                esc(r.doc_kind.as_str()),
                esc(r.organization.name.as_deref().unwrap_or("—")),
                esc(r.organization.province.as_deref().unwrap_or("—")),
                r.source.pages.map(|p| p.to_string()).unwrap_or_default(),
                x.failed,
                x.undefined,
                x.warnings,
                x.ocr.map(|c| format!("{c:.0}")).unwrap_or_else(|| "—".into()),
                r.corrections.len()
            );
        }
        b += "</tbody></table>";
        let errors = self.error_lines();
        if !errors.is_empty() {
            let _ = write!(
                b,
                "<h2>{} documents without a record</h2><ul>",
                errors.len()
            );
            for e in &errors {
                let _ = write!(b, "<li>{} — {}</li>", esc(&e.kind), esc(&e.message));
            }
            b += "</ul>";
        }
        self.shell("thaiplan review", &b)
    }

    pub(super) fn document(&self, r: &Record) -> String {
        let mut b = String::new();
        let title = r
            .organization
            .name
            .clone()
            .unwrap_or_else(|| r.source.path.clone());
        let _ = write!(
            b,
            "<header><a href=\"/\">← overview</a><h1>{}</h1><span class=\"meta\">{} · {} · {} · sha256 {}</span></header>\
             <main class=\"doc\" data-sha=\"{}\"><section id=\"source\" class=\"pane\">",
            esc(&title),
            esc(&r.source.path),
            esc(r.source.format.as_str()),
            esc(r.doc_kind.as_str()),
            esc(&r.source.sha256[..12]),
            esc(&r.source.sha256)
        );
        self.source_pane(&mut b, r);
        b += "</section><section id=\"values\" class=\"pane\">";
        Values::new(self, r).render(&mut b);
        b += "</section></main>";
        b += "<div id=\"dialog\" hidden><div class=\"dlg\"><h3>Correct a value</h3>\
              <p><code id=\"d-ptr\"></code></p><p id=\"d-label\"></p>\
              <p>extracted: <b id=\"d-old\"></b></p>\
              <label>value <input id=\"d-value\" autocomplete=\"off\"></label>\
              <label>note <input id=\"d-note\" autocomplete=\"off\"></label>\
              <label>by <input id=\"d-by\" autocomplete=\"off\"></label>\
              <p class=\"btns\"><button id=\"d-save\">save correction</button>\
              <button id=\"d-verify\">mark verified</button><button id=\"d-cancel\">close</button></p>\
              <p id=\"d-msg\" role=\"status\"></p></div></div>";
        self.shell(&title, &b)
    }

    fn source_pane(&self, b: &mut String, r: &Record) {
        let lines = match self.lines(r) {
            Ok(l) => l,
            Err(e) => {
                let _ = write!(b, "<p class=\"err\">{}</p>", esc(&e));
                return;
            }
        };
        let pdf = r.source.format == crate::model::Format::Pdf;
        let mut last: Option<u32> = None;
        for (i, (page, text)) in lines.iter().enumerate() {
            if page.is_some() && *page != last {
                let p = page.unwrap_or(0);
                let _ = write!(b, "<div class=\"pg\" id=\"P{p}\">page {p}</div>");
                if pdf {
                    let _ = write!(
                        b,
                        "<img class=\"pimg\" loading=\"lazy\" src=\"/page/{}/{p}.png\" alt=\"page {p}\">",
                        esc(&r.source.sha256)
                    );
                }
                last = *page;
            }
            let n = i + 1;
            let _ = write!(
                b,
                "<div class=\"ln\" id=\"L{n}\" data-l=\"{n}\"><span class=\"no\">{n}</span><span class=\"t\">{}</span></div>",
                esc(text)
            );
        }
    }
}

/// Renders a record's values with their pointers and spans.
struct Values<'a> {
    r: &'a Record,
    /// The record as JSON, for pointer look-ups.
    rv: Value,
    /// pointer -> the last applied correction's description.
    corrected: HashMap<String, String>,
    /// pointer -> the value of a correction written but not yet applied.
    pending: HashMap<String, Value>,
}

impl<'a> Values<'a> {
    fn new(app: &App, r: &'a Record) -> Self {
        let mut corrected = HashMap::new();
        for c in &r.corrections {
            let what = if corrections_same(&c.old, &c.new) {
                "verified".to_string()
            } else {
                format!("corrected from {}", show(&c.old))
            };
            corrected.insert(
                c.pointer.clone(),
                format!(
                    "{what} by {} at {}{}",
                    c.by.as_deref().unwrap_or("?"),
                    c.at.as_deref().unwrap_or("?"),
                    c.note
                        .as_deref()
                        .map(|n| format!(" ({n})"))
                        .unwrap_or_default()
                ),
            );
        }
        let mut pending = HashMap::new();
        for l in app.pending(&r.source.sha256) {
            let applied = r.corrections.iter().any(|c| {
                c.pointer == l.pointer && c.at == l.at && corrections_same(&c.new, &l.value)
            });
            if !applied {
                pending.insert(l.pointer.clone(), l.value.clone());
            }
        }
        Values {
            r,
            rv: serde_json::to_value(r).unwrap_or(Value::Null),
            corrected,
            pending,
        }
    }

    /// One value: clickable (highlights its span), correctable (pointer).
    fn v(&self, ptr: &str, span: Option<SourceSpan>, label: &str) -> String {
        let val = self.rv.pointer(ptr).cloned().unwrap_or(Value::Null);
        let (ls, le) = span.map(|s| (s.line_start, s.line_end)).unwrap_or((0, 0));
        let mut cls = String::from("v");
        let mut extra = String::new();
        if let Some(p) = self.corrected.get(ptr) {
            cls += " corrected";
            let _ = write!(extra, "<span class=\"prov\">✎ {}</span>", esc(p));
        }
        // A value OCR read with low confidence (the page-level threshold of
        // `ocr_low_confidence`) is marked, so a reviewer checks it first.
        if let Some(c) = span.and_then(|s| s.ocr_confidence) {
            if f64::from(c) < crate::extract::ocr::LOW_CONFIDENCE {
                cls += " lowconf";
                let _ = write!(extra, "<span class=\"prov ocr\">OCR confidence {c}</span>");
            }
        }
        if let Some(p) = self.pending.get(ptr) {
            cls += " pending";
            let _ = write!(
                extra,
                "<span class=\"prov pend\">pending: {} (re-run ingest)</span>",
                esc(&show(p))
            );
        }
        format!(
            "<span class=\"{cls}\" tabindex=\"0\" data-ptr=\"{}\" data-ls=\"{ls}\" data-le=\"{le}\" data-val=\"{}\" data-label=\"{}\">{}</span>{extra}",
            esc(ptr),
            esc(&val.to_string()),
            esc(label),
            esc(&show(&val))
        )
    }

    /// Span only (checks, warnings): highlights, not correctable.
    fn s(span: Option<SourceSpan>, text: &str) -> String {
        match span {
            Some(s) => format!(
                "<span class=\"s\" tabindex=\"0\" data-ls=\"{}\" data-le=\"{}\">{}</span>",
                s.line_start,
                s.line_end,
                esc(text)
            ),
            None => esc(text),
        }
    }

    fn render(&self, b: &mut String) {
        let r = self.r;
        let o = r.organization.source_span;
        b.push_str("<h2>Document</h2><table class=\"kv\">");
        for (label, ptr, span) in [
            ("title", "/title", None),
            ("organisation", "/organization/name", o),
            ("kind", "/organization/kind", o),
            ("district", "/organization/district", o),
            ("province", "/organization/province", o),
        ] {
            let _ = write!(
                b,
                "<tr><th>{label}</th><td>{}</td></tr>",
                self.v(ptr, span, label)
            );
        }
        let years: Vec<String> = (0..r.fiscal_years.len())
            .map(|i| self.v(&format!("/fiscal_years/{i}"), None, "fiscal year"))
            .collect();
        let _ = write!(
            b,
            "<tr><th>fiscal years</th><td>{}</td></tr></table>",
            years.join(" ")
        );
        self.checks(b);
        if let Some(t) = &r.budget_table {
            self.budget(b, t);
        }
        if !r.projects.is_empty() {
            self.projects(b);
        }
        if r.report.is_some() {
            self.report(b);
        }
        if !r.corrections.is_empty() {
            b.push_str("<h2>Corrections applied</h2><table class=\"grid\"><tr><th>pointer</th><th>old</th><th>new</th><th>by</th><th>at</th><th>note</th></tr>");
            for c in &r.corrections {
                let _ = write!(
                    b,
                    "<tr class=\"corr\"><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&c.pointer),
                    esc(&show(&c.old)),
                    esc(&show(&c.new)),
                    esc(c.by.as_deref().unwrap_or("")),
                    esc(c.at.as_deref().unwrap_or("")),
                    esc(c.note.as_deref().unwrap_or(""))
                );
            }
            b.push_str("</table>");
        }
        let _ = write!(
            b,
            "<h2>Warnings ({})</h2><ul class=\"warns\">",
            r.warnings.len()
        );
        for w in &r.warnings {
            let _ = write!(
                b,
                "<li><code>{}</code> {}</li>",
                esc(w.code.as_str()),
                Self::s(w.source_span, &w.message)
            );
        }
        b.push_str("</ul>");
    }

    fn checks(&self, b: &mut String) {
        let r = self.r;
        let failed = r.checks.iter().filter(|c| c.ok == Some(false)).count();
        let _ = write!(
            b,
            "<h2>Checks ({} failed of {})</h2><table class=\"grid checks\"><tr><th></th><th>rule</th><th>scope</th><th>stated</th><th>computed</th></tr>",
            failed,
            r.checks.len()
        );
        // Failed first: they are what the reviewer is here for.
        let mut order: Vec<&Check> = r.checks.iter().collect();
        order.sort_by_key(|c| match c.ok {
            Some(false) => 0,
            None => 1,
            Some(true) => 2,
        });
        for c in order {
            let (cls, mark) = match c.ok {
                Some(false) => ("bad", "✗"),
                None => ("warn", "?"),
                Some(true) => ("ok", "✓"),
            };
            let _ = write!(
                b,
                "<tr class=\"{cls}\"><td>{mark}{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                if c.ocr { " <small>OCR</small>" } else { "" },
                esc(&c.rule),
                Self::s(c.source_span, &c.scope),
                opt_num(c.stated),
                opt_num(c.computed)
            );
            if c.ok == Some(false) {
                let rows = self.involved(c);
                if !rows.is_empty() {
                    let _ = write!(
                        b,
                        "<tr class=\"involved\"><td></td><td colspan=\"4\">rows involved: {}</td></tr>",
                        rows.join(" · ")
                    );
                }
            }
        }
        b.push_str("</table>");
    }

    /// The budget cells a failed total check sums ("dimension D, YEAR",
    /// "grand total, YEAR: rows"), as clickable values.
    fn involved(&self, c: &Check) -> Vec<String> {
        let Some(t) = &self.r.budget_table else {
            return Vec::new();
        };
        let year = c
            .scope
            .split(|ch: char| !ch.is_ascii_digit())
            .filter_map(|w| w.parse::<u32>().ok())
            .find(|y| t.years.contains(y));
        let Some(yi) = year.and_then(|y| t.years.iter().position(|x| *x == y)) else {
            return Vec::new();
        };
        let dim: Option<u8> = match c.rule.as_str() {
            "dimension_total" => c
                .scope
                .strip_prefix("dimension ")
                .and_then(|s| s.split(',').next())
                .and_then(|d| d.trim().parse().ok()),
            "grand_total" => None,
            _ => return Vec::new(),
        };
        t.rows
            .iter()
            .enumerate()
            .filter(|(_, row)| dim.is_none() || row.dimension == dim)
            .map(|(i, row)| {
                format!(
                    "{} {}",
                    esc(row.number.as_deref().unwrap_or("")),
                    self.v(
                        &format!("/budget_table/rows/{i}/budgets/{yi}"),
                        Some(row.source_span),
                        &row.name
                    )
                )
            })
            .collect()
    }

    fn budget(&self, b: &mut String, t: &crate::model::BudgetTable) {
        b.push_str("<h2>Budget table</h2><table class=\"grid budget\"><tr><th>dim</th><th>no.</th><th>name</th>");
        for y in &t.years {
            let _ = write!(b, "<th>{y}</th>");
        }
        b.push_str("</tr>");
        for (i, row) in t.rows.iter().enumerate() {
            let _ = write!(
                b,
                "<tr><td>{}</td><td>{}</td><td class=\"name\">{}</td>",
                row.dimension.map(|d| d.to_string()).unwrap_or_default(),
                esc(row.number.as_deref().unwrap_or("")),
                self.v(
                    &format!("/budget_table/rows/{i}/name"),
                    Some(row.source_span),
                    "project name"
                )
            );
            for j in 0..row.budgets.len() {
                let inferred = row.inferred.get(j).copied().unwrap_or(false);
                let _ = write!(
                    b,
                    "<td class=\"n{}\">{}</td>",
                    if inferred { " inferred" } else { "" },
                    self.v(
                        &format!("/budget_table/rows/{i}/budgets/{j}"),
                        Some(row.source_span),
                        &format!("{} — {}", row.name, t.years.get(j).copied().unwrap_or(0))
                    )
                );
            }
            b.push_str("</tr>");
        }
        for (i, d) in t.dimension_totals.iter().enumerate() {
            let _ = write!(
                b,
                "<tr class=\"total\"><td>{}</td><td></td><td>total: {} projects</td>",
                d.dimension.map(|d| d.to_string()).unwrap_or_default(),
                self.v(
                    &format!("/budget_table/dimension_totals/{i}/projects"),
                    Some(d.source_span),
                    "projects"
                )
            );
            for j in 0..d.budgets.len() {
                let _ = write!(
                    b,
                    "<td class=\"n\">{}</td>",
                    self.v(
                        &format!("/budget_table/dimension_totals/{i}/budgets/{j}"),
                        Some(d.source_span),
                        "dimension total"
                    )
                );
            }
            b.push_str("</tr>");
        }
        if let Some(g) = &t.grand_total {
            let _ = write!(
                b,
                "<tr class=\"total\"><td></td><td></td><td>grand total: {} projects</td>",
                self.v(
                    "/budget_table/grand_total/projects",
                    Some(g.source_span),
                    "projects"
                )
            );
            for j in 0..g.budgets.len() {
                let _ = write!(
                    b,
                    "<td class=\"n\">{}</td>",
                    self.v(
                        &format!("/budget_table/grand_total/budgets/{j}"),
                        Some(g.source_span),
                        "grand total"
                    )
                );
            }
            b.push_str("</tr>");
        }
        b.push_str("</table>");
    }

    fn projects(&self, b: &mut String) {
        let _ = write!(b, "<h2>Projects ({})</h2>", self.r.projects.len());
        for (i, p) in self.r.projects.iter().enumerate() {
            let sp = Some(p.source_span);
            let _ = write!(
                b,
                "<div class=\"proj\"><h3>{} {}</h3><table class=\"kv\">",
                self.v(&format!("/projects/{i}/number"), sp, "number"),
                self.v(&format!("/projects/{i}/name"), sp, "name")
            );
            for (label, key) in [
                ("kind", "kind"),
                ("dimension", "dimension"),
                ("budget (baht)", "budget_baht"),
                ("budget as printed", "budget_text"),
                ("period", "period_text"),
                ("responsible", "responsible"),
            ] {
                let _ = write!(
                    b,
                    "<tr><th>{label}</th><td>{}</td></tr>",
                    self.v(&format!("/projects/{i}/{key}"), sp, label)
                );
            }
            b.push_str("</table></div>");
        }
    }

    fn report(&self, b: &mut String) {
        let Some(rep) = &self.r.report else { return };
        b.push_str("<h2>Report</h2><table class=\"kv\">");
        for (label, key) in [
            ("fiscal year", "fiscal_year"),
            ("period", "period_text"),
            ("months", "period_months"),
            ("ITA score", "ita_score"),
        ] {
            let _ = write!(
                b,
                "<tr><th>{label}</th><td>{}</td></tr>",
                self.v(&format!("/report/{key}"), None, label)
            );
        }
        b.push_str("</table>");
        if let Some(s) = &rep.status {
            b.push_str("<h3>Status</h3><table class=\"kv\">");
            for key in [
                "projects_initial",
                "projects_total",
                "in_ordinance",
                "in_progress",
                "done",
                "not_possible",
                "implementation_pct",
                "implementation_level",
            ] {
                let _ = write!(
                    b,
                    "<tr><th>{key}</th><td>{}</td></tr>",
                    self.v(&format!("/report/status/{key}"), s.source_span, key)
                );
            }
            b.push_str("</table>");
        }
        let cols = crate::recognize::report::stats::SUMMARY_FIELDS;
        if !rep.dimension_summary.is_empty() || rep.summary_total.is_some() {
            b.push_str("<h3>Summary by dimension</h3><table class=\"grid\"><tr><th>dim</th>");
            for c in cols {
                let _ = write!(b, "<th>{c}</th>");
            }
            b.push_str("</tr>");
            let mut rows: Vec<(String, String, SourceSpan)> = rep
                .dimension_summary
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    (
                        format!("/report/dimension_summary/{i}"),
                        s.dimension.map(|d| d.to_string()).unwrap_or_default(),
                        s.source_span,
                    )
                })
                .collect();
            if let Some(t) = &rep.summary_total {
                rows.push((
                    "/report/summary_total".into(),
                    "total".into(),
                    t.source_span,
                ));
            }
            for (base, dim, span) in rows {
                let _ = write!(b, "<tr><td>{}</td>", esc(&dim));
                for c in cols {
                    let _ = write!(
                        b,
                        "<td class=\"n\">{}</td>",
                        self.v(&format!("{base}/{c}"), Some(span), c)
                    );
                }
                b.push_str("</tr>");
            }
            b.push_str("</table>");
        }
        if !rep.measures.is_empty() {
            b.push_str("<h3>Measures</h3><ol>");
            for (i, m) in rep.measures.iter().enumerate() {
                let _ = write!(
                    b,
                    "<li>{}</li>",
                    self.v(
                        &format!("/report/measures/{i}/name"),
                        Some(m.source_span),
                        "measure"
                    )
                );
            }
            b.push_str("</ol>");
        }
        if !rep.activities.is_empty() {
            let _ = write!(b, "<h3>Activities ({})</h3><ol>", rep.activities.len());
            for (i, a) in rep.activities.iter().enumerate() {
                let _ = write!(
                    b,
                    "<li>{}</li>",
                    self.v(
                        &format!("/report/activities/{i}/name"),
                        Some(a.source_span),
                        "activity"
                    )
                );
            }
            b.push_str("</ol>");
        }
    }
}

fn corrections_same(a: &Value, b: &Value) -> bool {
    crate::emit::corrections::same_value(a, b)
}
