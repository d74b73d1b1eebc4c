//! Checks for reports (docs/grammar.md §5.3): summary columns vs totals,
//! percentages vs ratios (0/0 undefined: warning), status counts,
//! activities per dimension vs projects done, and the repeated tables vs
//! the summary. (Issue 8.) A failed check is recorded, never fixed.

use crate::model::WarningCode;
use crate::model::{Check, Extraction, Record, Report, SourceSpan, SummaryRow, Warning};
use crate::recognize::report::stats::{get_field, summary_field, SUMMARY_FIELDS};

/// Stated values are printed with 2 decimals: a computed value agrees when
/// it rounds to the stated one (9.375 → 9.38).
const TOL: f64 = 0.005 + 1e-6;

struct Ctx {
    checks: Vec<Check>,
    warnings: Vec<Warning>,
    ocr: bool,
}

impl Ctx {
    fn check(
        &mut self,
        rule: &str,
        scope: String,
        stated: Option<f64>,
        computed: Option<f64>,
        span: Option<SourceSpan>,
    ) {
        let ok = match (stated, computed) {
            (Some(s), Some(c)) => Some((s - c).abs() <= TOL),
            _ => None,
        };
        self.checks.push(Check {
            rule: rule.into(),
            scope,
            stated,
            computed,
            ok,
            source_span: span,
            ocr: self.ocr,
        });
    }
}

pub fn run(record: &mut Record) {
    let Some(report) = record.report.as_ref() else {
        return;
    };
    let mut cx = Ctx {
        checks: Vec::new(),
        warnings: Vec::new(),
        ocr: record.source.extraction == Extraction::Ocr,
    };
    summary(report, &mut cx);
    status(report, &mut cx);
    activities(report, &mut cx);
    tables(report, &mut cx);
    measures(report, &mut cx);
    period(report, &mut cx);
    record.checks.extend(cx.checks);
    record.warnings.extend(cx.warnings);
}

fn round4(v: f64) -> f64 {
    (v * 10000.0).round() / 10000.0
}

/// stated% vs num/den × 100. A zero denominator makes the ratio undefined:
/// the check is recorded with `ok: null` and a warning, never divided.
fn pct(
    cx: &mut Ctx,
    rule: &str,
    scope: String,
    stated: Option<f64>,
    num: Option<f64>,
    den: Option<f64>,
    span: Option<SourceSpan>,
) {
    let (Some(n), Some(d)) = (num, den) else {
        if stated.is_some() {
            cx.check(rule, scope, stated, None, span);
        }
        return;
    };
    if d == 0.0 {
        cx.warnings.push(Warning::new(
            WarningCode::UndefinedRatio,
            format!(
                "{scope}: printed {} but the ratio is {n}/0 (undefined); kept as printed",
                stated
                    .map(|s| format!("{s:.2}"))
                    .unwrap_or_else(|| "nothing".into())
            ),
            span,
        ));
        cx.checks.push(Check {
            rule: rule.into(),
            scope,
            stated,
            computed: None,
            ok: None,
            source_span: span,
            ocr: cx.ocr,
        });
        return;
    }
    if stated.is_none() {
        return;
    }
    cx.check(rule, scope, stated, Some(round4(n / d * 100.0)), span);
}

fn summary(r: &Report, cx: &mut Ctx) {
    let rows = &r.dimension_summary;
    if let Some(total) = &r.summary_total {
        if !rows.is_empty() {
            for f in SUMMARY_FIELDS.iter().filter(|f| !f.starts_with("pct")) {
                let stated = get_field(total, f);
                let vals: Vec<Option<f64>> = rows.iter().map(|x| get_field(x, f)).collect();
                if stated.is_none() && vals.iter().all(|v| v.is_none()) {
                    continue;
                }
                let computed = if vals.iter().all(|v| v.is_some()) {
                    Some(vals.iter().flatten().sum::<f64>())
                } else {
                    None
                };
                cx.check(
                    "summary_column_total",
                    format!("summary {f}"),
                    stated,
                    computed,
                    Some(total.source_span),
                );
            }
        }
    }
    let all: Vec<(String, &SummaryRow)> = rows
        .iter()
        .map(|x| {
            (
                x.dimension
                    .map(|d| format!("dimension {d}"))
                    .unwrap_or_else(|| "row".into()),
                x,
            )
        })
        .chain(r.summary_total.iter().map(|t| ("total".to_string(), t)))
        .collect();
    for (label, x) in all {
        pct(
            cx,
            "summary_pct",
            format!("{label} pct_projects"),
            x.pct_projects,
            x.projects_done,
            x.projects_planned,
            Some(x.source_span),
        );
        pct(
            cx,
            "summary_pct",
            format!("{label} pct_budget"),
            x.pct_budget,
            x.budget_spent,
            x.budget_plan,
            Some(x.source_span),
        );
    }
}

fn status(r: &Report, cx: &mut Ctx) {
    let Some(s) = &r.status else { return };
    let parts = [s.in_ordinance, s.in_progress, s.done, s.not_possible];
    let sum = if parts.iter().all(|p| p.is_some()) {
        Some(parts.iter().flatten().sum::<f64>())
    } else {
        None
    };
    if s.projects_total.is_some() {
        cx.check(
            "status_sum",
            "status counts vs projects_total".into(),
            s.projects_total,
            sum,
            s.source_span,
        );
    }
    if s.projects_initial.is_some() {
        cx.check(
            "status_sum",
            "status counts vs projects_initial".into(),
            s.projects_initial,
            sum,
            s.source_span,
        );
    }
    pct(
        cx,
        "status_pct",
        "status implementation_pct = done / projects_initial".into(),
        s.implementation_pct,
        s.done,
        s.projects_initial,
        s.source_span,
    );
    if let Some(t) = &r.summary_total {
        if s.projects_total.is_some() && t.projects_planned.is_some() {
            cx.check(
                "status_vs_summary",
                "status projects_total vs summary projects_planned".into(),
                s.projects_total,
                t.projects_planned,
                s.source_span,
            );
        }
        if s.done.is_some() && t.projects_done.is_some() {
            cx.check(
                "status_vs_summary",
                "status done vs summary projects_done".into(),
                s.done,
                t.projects_done,
                s.source_span,
            );
        }
    }
}

/// Items reported in the narrative vs the summary's projects done.
fn activities(r: &Report, cx: &mut Ctx) {
    if r.activities.is_empty() || (r.dimension_summary.is_empty() && r.summary_total.is_none()) {
        return;
    }
    for row in &r.dimension_summary {
        let Some(d) = row.dimension else { continue };
        let n = r
            .activities
            .iter()
            .filter(|a| a.dimension == Some(d))
            .count() as f64;
        cx.check(
            "activities_per_dimension",
            format!("dimension {d}: items reported vs projects_done"),
            row.projects_done,
            Some(n),
            Some(row.source_span),
        );
    }
    if let Some(t) = &r.summary_total {
        cx.check(
            "activities_per_dimension",
            "total: items reported vs projects_done".into(),
            t.projects_done,
            Some(r.activities.len() as f64),
            Some(t.source_span),
        );
    }
}

/// The field of the summary a repeated table's column restates.
fn table_field(kind: &str, col: &str) -> Option<&'static str> {
    let c = crate::recognize::report::text::sq(col);
    match (kind, c.as_str()) {
        ("plan", "โครงการ") => Some("projects_planned"),
        ("plan", "งบประมาณ") => Some("budget_plan"),
        ("ordinance", "งบประมาณ") => Some("budget_ordinance"),
        ("ordinance", "โครงการ") => None,
        _ => summary_field(col),
    }
}

fn tables(r: &Report, cx: &mut Ctx) {
    for t in &r.extra_tables {
        for (ci, col) in t.columns.iter().enumerate() {
            let scope_col = format!("{} table {}", t.kind, col);
            if let Some(total) = &t.total {
                let vals: Vec<Option<f64>> = t
                    .rows
                    .iter()
                    .map(|x| x.values.get(ci).copied().flatten())
                    .collect();
                if !vals.is_empty() {
                    let computed = if vals.iter().all(|v| v.is_some()) {
                        Some(vals.iter().flatten().sum::<f64>())
                    } else {
                        None
                    };
                    cx.check(
                        "table_column_total",
                        scope_col.clone(),
                        total.values.get(ci).copied().flatten(),
                        computed,
                        Some(total.source_span),
                    );
                }
            }
            if let Some(f) = table_field(&t.kind, col) {
                for row in &t.rows {
                    let Some(d) = row.dimension else { continue };
                    let Some(s) = r.dimension_summary.iter().find(|x| x.dimension == Some(d))
                    else {
                        continue;
                    };
                    let v = row.values.get(ci).copied().flatten();
                    if v.is_some() || get_field(s, f).is_some() {
                        cx.check(
                            "table_vs_summary",
                            format!("dimension {d} {scope_col} vs summary {f}"),
                            v,
                            get_field(s, f),
                            Some(row.source_span),
                        );
                    }
                }
                if let (Some(total), Some(st)) = (&t.total, &r.summary_total) {
                    cx.check(
                        "table_vs_summary",
                        format!("total {scope_col} vs summary {f}"),
                        total.values.get(ci).copied().flatten(),
                        get_field(st, f),
                        Some(total.source_span),
                    );
                }
            } else if t.kind == "ordinance" {
                // Projects in the ordinance vs the status table's บรรจุในข้อบัญญัติ.
                if let (Some(total), Some(s)) = (&t.total, &r.status) {
                    if s.in_ordinance.is_some() {
                        cx.check(
                            "status_vs_table",
                            format!("status in_ordinance vs {scope_col} total"),
                            s.in_ordinance,
                            total.values.get(ci).copied().flatten(),
                            s.source_span,
                        );
                    }
                }
            }
        }
    }
}

/// Two scores and one stated change: the change is their difference.
fn measures(r: &Report, cx: &mut Ctx) {
    for (i, m) in r.measures.iter().enumerate() {
        if let ([a, b], [c]) = (m.ita_scores.as_slice(), m.ita_score_changes.as_slice()) {
            cx.check(
                "ita_score_change",
                format!("measure {} change = {a} − {b}", i + 1),
                Some(*c),
                Some(round4((a - b).abs())),
                Some(m.source_span),
            );
        }
    }
}

const MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// "รอบ 6 เดือน (ตุลาคม 2563 – มีนาคม 2564)": the stated length against the
/// months the range spans (an OCR'd "รอบ ๒ เดือน" shows up here).
fn period(r: &Report, cx: &mut Ctx) {
    let Some(t) = r.period_text.as_deref() else {
        return;
    };
    let Some((head, range)) = t.split_once('(') else {
        return;
    };
    let stated: Option<f64> = head
        .chars()
        .filter(|c| c.is_ascii_digit())
        .collect::<String>()
        .parse()
        .ok();
    // Month names in order of appearance, each with the year after it.
    let mut found: Vec<(usize, u32, Option<u32>)> = Vec::new();
    for (mi, m) in MONTHS.iter().enumerate() {
        for (pos, _) in range.match_indices(m) {
            let year = range
                .get(pos + m.len()..)
                .unwrap_or("")
                .split(|c: char| !c.is_ascii_digit() && !c.is_whitespace())
                .next()
                .and_then(|y| y.trim().parse::<u32>().ok())
                .filter(|y| (2400..2700).contains(y));
            found.push((pos, mi as u32 + 1, year));
        }
    }
    found.sort();
    let (Some(&(_, m1, y1)), Some(&(_, m2, y2))) = (found.first(), found.last()) else {
        return;
    };
    if found.len() != 2 {
        return;
    }
    let months = match (y1, y2) {
        (Some(a), Some(b)) if b >= a => (b * 12 + m2).checked_sub(a * 12 + m1).map(|d| d + 1),
        _ => Some((m2 + 12 - m1) % 12 + 1),
    };
    cx.check(
        "period_months",
        "round length vs its month range".into(),
        stated,
        months.map(f64::from),
        None,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(r: Report) -> Ctx {
        let mut cx = Ctx {
            checks: Vec::new(),
            warnings: Vec::new(),
            ocr: false,
        };
        summary(&r, &mut cx);
        status(&r, &mut cx);
        period(&r, &mut cx);
        cx
    }

    #[test]
    fn misread_round_fails_against_its_range() {
        let cx = run_on(Report {
            period_text: Some("รอบ 2 เดือน (ตุลาคม 2523 - มีนาคม 2505)".into()),
            ..Default::default()
        });
        let c = cx
            .checks
            .iter()
            .find(|c| c.rule == "period_months")
            .expect("check");
        assert_eq!(
            (c.ok, c.stated, c.computed),
            (Some(false), Some(2.0), Some(6.0))
        );
        let cx = run_on(Report {
            period_text: Some("รอบ 12 เดือน (ตุลาคม 2565 - กันยายน 2566)".into()),
            ..Default::default()
        });
        assert_eq!(
            cx.checks.first().map(|c| (c.ok, c.computed)),
            Some((Some(true), Some(12.0)))
        );
    }

    #[test]
    fn zero_denominators_are_warnings_and_missing_cells_undefined() {
        let row = SummaryRow {
            dimension: Some(1),
            projects_planned: Some(0.0),
            projects_done: Some(0.0),
            budget_plan: None,
            budget_spent: Some(5.0),
            pct_projects: Some(0.0),
            pct_budget: Some(10.0),
            ..Default::default()
        };
        let cx = run_on(Report {
            dimension_summary: vec![row],
            ..Default::default()
        });
        assert!(cx.checks.iter().all(|c| c.ok.is_none()), "{:?}", cx.checks);
        assert_eq!(cx.warnings.len(), 1);
        assert_eq!(cx.warnings[0].code, "undefined_ratio");
    }
}
