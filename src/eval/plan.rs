//! Scoring a plan: the summary budget table and the project blocks.

use super::score::{as_int, at, key, match_items, Kind, Scorer};
use super::{arr, keys_of, Category};
use serde_json::{json, Value};

pub(super) fn budget_table(s: &mut Scorer, g: &Value, rec: &Value) {
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

pub(super) fn blocks(s: &mut Scorer, g: &Value, rec: &Value) {
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
