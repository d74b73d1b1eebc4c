//! Scoring a report: memo fields, status table, summary, measures,
//! dimension summary and activities.

use super::score::{as_int, at, key, match_items, period_months, Kind, Scorer};
use super::{arr, keys_of, Category};
use serde_json::{json, Value};

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

pub(super) fn report(s: &mut Scorer, g: &Value, rec: &Value) {
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
