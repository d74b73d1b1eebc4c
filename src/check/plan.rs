//! Plan checks: budget-table totals, project counts, blocks vs table.
//! See the module doc of `check` for how inferred and null cells count.

use crate::model::WarningCode;
use crate::model::{BudgetRow, BudgetTable, Check, DocKind, Project, Record, SourceSpan, Warning};
use crate::recognize::budget_table::{fmt_amount, inference_source, rows_of_total, InferSource};
use crate::recognize::join;
use crate::recognize::StatedCount;

const EPS: f64 = 0.005;

fn check(
    rule: &str,
    scope: String,
    stated: Option<f64>,
    computed: Option<f64>,
    ok: Option<bool>,
    span: Option<SourceSpan>,
) -> Check {
    Check {
        rule: rule.to_string(),
        scope,
        stated,
        computed,
        ok,
        source_span: span,
        ocr: false,
    }
}

fn label(row: &BudgetRow) -> String {
    row.number
        .clone()
        .unwrap_or_else(|| row.name.chars().take(40).collect())
}

/// Sum of a year over some rows, and how the verdict must be qualified.
struct YearSum {
    computed: f64,
    read: f64,
    /// Non-inferred null cells (counted as 0).
    nulls: usize,
    /// Inferred cells whose source is the total being checked, non-zero.
    self_inferred: Vec<String>,
    /// Rows the total counts but the table lost (stated count − rows read).
    missing_rows: usize,
}

fn year_sum(table: &BudgetTable, rows: &[&BudgetRow], yi: usize, own: InferSource) -> YearSum {
    let mut s = YearSum {
        computed: 0.0,
        read: 0.0,
        nulls: 0,
        self_inferred: Vec::new(),
        missing_rows: 0,
    };
    for r in rows {
        let v = r.budgets.get(yi).copied().flatten();
        let inferred = r.inferred.get(yi).copied().unwrap_or(false);
        match v {
            None => s.nulls += 1,
            Some(v) => {
                s.computed += v;
                if inferred {
                    if v.abs() > EPS && inference_source(table, r, yi) == Some(own) {
                        s.self_inferred.push(label(r));
                    }
                } else {
                    s.read += v;
                }
            }
        }
    }
    s
}

/// The verdict of a sum check (see `check` module doc).
fn verdict(stated: Option<f64>, s: &YearSum) -> Option<bool> {
    let stated = stated?;
    if !s.self_inferred.is_empty() {
        return None;
    }
    if (s.computed - stated).abs() < EPS {
        Some(true)
    } else if (s.nulls > 0 || s.missing_rows > 0) && s.computed < stated {
        None
    } else {
        Some(false)
    }
}

fn sum_check(
    rule: &str,
    scope: String,
    stated: Option<f64>,
    s: &YearSum,
    span: SourceSpan,
    checks: &mut Vec<Check>,
    warnings: &mut Vec<Warning>,
) {
    let ok = verdict(stated, s);
    if stated.is_some() && ok.is_none() {
        let why = if !s.self_inferred.is_empty() {
            format!(
                "project(s) {} were inferred from this very total, so it cannot fail on them; the other total checks them",
                s.self_inferred.join(", ")
            )
        } else if s.missing_rows > 0 {
            format!(
                "the total counts {} more project(s) than the table rows read (a lost page?); the sum of what is present falls short",
                s.missing_rows
            )
        } else {
            format!("{} null cell(s) counted as 0 and the read values fall short; the missing cells may hold the difference", s.nulls)
        };
        warnings.push(Warning::new(
            WarningCode::CheckUnverifiable,
            format!("{rule} ({scope}): {why}"),
            Some(span),
        ));
    } else if stated.is_none() {
        warnings.push(Warning::new(
            WarningCode::CheckUnverifiable,
            format!("{rule} ({scope}): the stated total is unreadable"),
            Some(span),
        ));
    }
    checks.push(check(rule, scope, stated, Some(s.computed), ok, Some(span)));
}

pub fn plan_checks(record: &Record, stated_counts: &[StatedCount]) -> (Vec<Check>, Vec<Warning>) {
    let mut checks = Vec::new();
    let mut warnings = Vec::new();
    if record.doc_kind == DocKind::Report {
        return (checks, warnings);
    }
    if let Some(t) = &record.budget_table {
        let mut w = Vec::new();
        table_totals(t, &mut checks, &mut w);
        warnings.extend(merge_years(w, &t.years));
    }
    project_counts(record, stated_counts, &mut checks);
    if let Some(t) = &record.budget_table {
        detail_vs_table(
            t,
            &record.projects,
            record.organization.name.as_deref(),
            &mut checks,
            &mut warnings,
        );
    }
    (checks, warnings)
}

fn table_totals(t: &BudgetTable, checks: &mut Vec<Check>, warnings: &mut Vec<Warning>) {
    // dimension_total
    for dt in &t.dimension_totals {
        let Some(d) = dt.dimension else { continue };
        let rows: Vec<&BudgetRow> = rows_of_total(t, dt)
            .into_iter()
            .filter_map(|r| t.rows.get(r))
            .collect();
        // Several รวม rows in one dimension (sub-totals): name the line.
        let subtotals = t
            .dimension_totals
            .iter()
            .filter(|x| x.dimension == Some(d))
            .count()
            > 1;
        let what = if subtotals {
            format!("dimension {d} (L{})", dt.source_span.line_start)
        } else {
            format!("dimension {d}")
        };
        for (yi, year) in t.years.iter().enumerate() {
            let stated = dt.budgets.get(yi).copied().flatten();
            let mut s = year_sum(
                t,
                &rows,
                yi,
                InferSource::Dimension(dt.source_span.line_start),
            );
            s.missing_rows = dt
                .projects
                .map(|p| (p as usize).saturating_sub(rows.len()))
                .unwrap_or(0);
            sum_check(
                "dimension_total",
                format!("{what}, {year}"),
                stated,
                &s,
                dt.source_span,
                checks,
                warnings,
            );
        }
    }
    // Dimensions with rows but no total row (a lost page): say so.
    let mut dims: Vec<u8> = t.rows.iter().filter_map(|r| r.dimension).collect();
    dims.sort_unstable();
    dims.dedup();
    let missing: Vec<u8> = dims
        .iter()
        .copied()
        .filter(|d| !t.dimension_totals.iter().any(|dt| dt.dimension == Some(*d)))
        .collect();
    if !missing.is_empty() && !t.dimension_totals.is_empty() {
        for d in &missing {
            let span = t
                .rows
                .iter()
                .find(|r| r.dimension == Some(*d))
                .map(|r| r.source_span);
            warnings.push(Warning::new(
                WarningCode::DimensionTotalMissing,
                format!("dimension {d} has table rows but no รวม row"),
                span,
            ));
        }
    }
    let Some(g) = &t.grand_total else { return };
    let all: Vec<&BudgetRow> = t.rows.iter().collect();
    for (yi, year) in t.years.iter().enumerate() {
        let stated = g.budgets.get(yi).copied().flatten();
        let mut s = year_sum(t, &all, yi, InferSource::Grand);
        s.missing_rows = g
            .projects
            .map(|p| (p as usize).saturating_sub(all.len()))
            .unwrap_or(0);
        sum_check(
            "grand_total",
            format!("grand total, {year}: rows"),
            stated,
            &s,
            g.source_span,
            checks,
            warnings,
        );
        // Σ dimension totals: only when every dimension with rows has one.
        let has_subtotals = t.dimension_totals.iter().any(|a| {
            t.dimension_totals
                .iter()
                .filter(|b| b.dimension.is_some() && b.dimension == a.dimension)
                .count()
                > 1
        });
        if !t.dimension_totals.is_empty() && missing.is_empty() && !has_subtotals {
            let vals: Vec<Option<f64>> = t
                .dimension_totals
                .iter()
                .map(|dt| dt.budgets.get(yi).copied().flatten())
                .collect();
            let nulls = vals.iter().filter(|v| v.is_none()).count();
            let sum: f64 = vals.iter().flatten().sum();
            let s = YearSum {
                computed: sum,
                read: sum,
                nulls,
                self_inferred: Vec::new(),
                missing_rows: 0,
            };
            sum_check(
                "grand_total",
                format!("grand total, {year}: dimension totals"),
                stated,
                &s,
                g.source_span,
                checks,
                warnings,
            );
        }
    }
}

/// One `check_unverifiable` warning per total row and reason, listing the
/// years, instead of one per year.
fn merge_years(warnings: Vec<Warning>, years: &[u32]) -> Vec<Warning> {
    let mut out: Vec<Warning> = Vec::new();
    let mut merged: Vec<(String, Vec<u32>, usize)> = Vec::new();
    for w in warnings {
        let year = years
            .iter()
            .copied()
            .find(|y| w.message.contains(&format!(", {y}")));
        match (w.code, year) {
            (WarningCode::CheckUnverifiable, Some(y)) => {
                let key = w.message.replacen(&format!(", {y}"), ", {Y}", 1);
                match merged.iter_mut().find(|m| {
                    m.0 == key && out.get(m.2).is_some_and(|o| o.source_span == w.source_span)
                }) {
                    Some(m) => m.1.push(y),
                    None => {
                        merged.push((key, vec![y], out.len()));
                        out.push(w);
                    }
                }
            }
            _ => out.push(w),
        }
    }
    for (key, ys, at) in merged {
        if let Some(w) = out.get_mut(at) {
            let list: Vec<String> = ys.iter().map(|y| y.to_string()).collect();
            w.message = key.replace("{Y}", &list.join("/"));
        }
    }
    out
}

/// Σ of stated counts, widened first: the counts are the document's numbers
/// (any `[0-9]+` that fits a u32), so a u32 sum could overflow.
fn count_sum(counts: &[Option<u32>]) -> usize {
    counts.iter().flatten().map(|&c| c as usize).sum()
}

fn count_check(
    scope: String,
    stated: u32,
    computed: usize,
    span: SourceSpan,
    checks: &mut Vec<Check>,
) {
    checks.push(check(
        "project_count",
        scope,
        Some(stated as f64),
        Some(computed as f64),
        Some(stated as usize == computed),
        Some(span),
    ));
}

fn project_counts(record: &Record, stated_counts: &[StatedCount], checks: &mut Vec<Check>) {
    // Every stated count: (dimension, count, where, span, rows it counts
    // when it is a mission sub-total rather than the dimension's total).
    type Stated = (Option<u8>, u32, String, SourceSpan, Option<usize>);
    let mut stated: Vec<Stated> = Vec::new();
    for c in stated_counts {
        let ctx = match c.context.as_str() {
            "part2_prose" => "Part-2 prose".to_string(),
            other => other.to_string(),
        };
        stated.push((c.dimension, c.count, ctx, c.source_span, None));
    }
    let table = record.budget_table.as_ref();
    if let Some(t) = table {
        for dt in &t.dimension_totals {
            if let (Some(d), Some(p)) = (dt.dimension, dt.projects) {
                let sub = t
                    .dimension_totals
                    .iter()
                    .filter(|x| x.dimension == Some(d))
                    .count()
                    > 1;
                let ctx = if sub {
                    format!("total row L{}", dt.source_span.line_start)
                } else {
                    "total row".into()
                };
                stated.push((
                    Some(d),
                    p,
                    ctx,
                    dt.source_span,
                    sub.then(|| rows_of_total(t, dt).len()),
                ));
            }
        }
        if let Some(p) = t.grand_total.as_ref().and_then(|g| g.projects) {
            stated.push((
                None,
                p,
                "grand total row".into(),
                t.grand_total
                    .as_ref()
                    .map(|g| g.source_span)
                    .unwrap_or_default(),
                None,
            ));
        }
    }
    let rows: Option<&Vec<BudgetRow>> = table.map(|t| &t.rows).filter(|r| !r.is_empty());
    let blocks = &record.projects;
    let blocks_have_dims = blocks.iter().any(|p| p.dimension.is_some());
    for (dim, n, ctx, span, sub_rows) in &stated {
        let what = match dim {
            None => "plan".to_string(),
            Some(d) => format!("dimension {d}"),
        };
        if let Some(rows) = rows {
            let computed = sub_rows.unwrap_or_else(|| {
                rows.iter()
                    .filter(|r| dim.is_none() || r.dimension == *dim)
                    .count()
            });
            count_check(
                format!("{what}: {ctx} vs table rows"),
                *n,
                computed,
                *span,
                checks,
            );
        }
        if !blocks.is_empty() && (dim.is_none() || blocks_have_dims) && sub_rows.is_none() {
            let computed = blocks
                .iter()
                .filter(|p| dim.is_none() || p.dimension == *dim)
                .count();
            count_check(
                format!("{what}: {ctx} vs Part-3 blocks"),
                *n,
                computed,
                *span,
                checks,
            );
        }
    }
    // The table's rows vs the Part-3 blocks, stated count or not (a Part 2
    // listing more projects than Part 3 details is worth a look).
    if let (Some(rows), false) = (rows, blocks.is_empty()) {
        let span = rows.first().map(|r| r.source_span).unwrap_or_default();
        count_check(
            "plan: table rows vs Part-3 blocks".into(),
            rows.len() as u32,
            blocks.len(),
            span,
            checks,
        );
    }
    // Σ dimension-total counts vs the grand-total count.
    if let Some(t) = table {
        if let Some(g) = &t.grand_total {
            let counts: Vec<Option<u32>> = t.dimension_totals.iter().map(|d| d.projects).collect();
            if let (Some(p), false) = (g.projects, counts.is_empty()) {
                // Only when every dimension with rows has its total row.
                let complete = t
                    .rows
                    .iter()
                    .filter_map(|r| r.dimension)
                    .all(|d| t.dimension_totals.iter().any(|dt| dt.dimension == Some(d)));
                if complete && counts.iter().all(|c| c.is_some()) {
                    count_check(
                        "plan: grand total row vs Σ total rows".into(),
                        p,
                        count_sum(&counts),
                        g.source_span,
                        checks,
                    );
                }
            }
        }
    }
}

fn detail_vs_table(
    t: &BudgetTable,
    blocks: &[Project],
    org: Option<&str>,
    checks: &mut Vec<Check>,
    warnings: &mut Vec<Warning>,
) {
    if t.rows.is_empty() || blocks.is_empty() {
        return;
    }
    let matches = join::match_rows(&t.rows, blocks, org);
    let mut row_matched = vec![false; t.rows.len()];
    let mut block_matched = vec![false; blocks.len()];
    for &(ri, bi, _) in &matches {
        let (Some(row), Some(block)) = (t.rows.get(ri), blocks.get(bi)) else {
            continue;
        };
        if let Some(m) = row_matched.get_mut(ri) {
            *m = true;
        }
        if let Some(m) = block_matched.get_mut(bi) {
            *m = true;
        }
        let nonzero: Vec<f64> = row
            .budgets
            .iter()
            .flatten()
            .copied()
            .filter(|v| v.abs() > EPS)
            .collect();
        let has_null = row.budgets.iter().any(|b| b.is_none());
        // The row's per-year figure: its most frequent non-zero value.
        let stated = if nonzero.is_empty() {
            (!has_null).then_some(0.0)
        } else {
            let mut best = (nonzero.first().copied().unwrap_or(0.0), 0usize);
            for v in &nonzero {
                let n = nonzero.iter().filter(|w| (*w - v).abs() < EPS).count();
                if n > best.1 {
                    best = (*v, n);
                }
            }
            Some(best.0)
        };
        let computed = block.budget_baht;
        let ok = match (stated, computed) {
            (_, None) | (None, _) => None,
            (Some(s), Some(c)) => {
                let per_year = if nonzero.is_empty() {
                    (c - s).abs() < EPS
                } else {
                    nonzero.iter().any(|v| (v - c).abs() < EPS)
                };
                // A block may state the plan-period total instead ("รวม M").
                let total = block.budget_total_baht.is_some_and(|bt| {
                    let sum: f64 = row.budgets.iter().flatten().sum();
                    (bt - sum).abs() < EPS && (c - s).abs() < EPS
                });
                Some(per_year || total)
            }
        };
        let block_no = block
            .number
            .map(|n| n.to_string())
            .unwrap_or_else(|| "?".into());
        let scope = format!("project {} (block {block_no})", label(row));
        if ok.is_none() {
            warnings.push(Warning::new(
                WarningCode::CheckUnverifiable,
                format!(
                    "detail_vs_table ({scope}): table {} vs block {}",
                    stated.map(fmt_amount).unwrap_or_else(|| "null".into()),
                    computed.map(fmt_amount).unwrap_or_else(|| "null".into())
                ),
                Some(block.source_span),
            ));
        }
        checks.push(check(
            "detail_vs_table",
            scope,
            stated,
            computed,
            ok,
            Some(block.source_span),
        ));
    }
    for (ri, m) in row_matched.iter().enumerate() {
        if !m {
            if let Some(r) = t.rows.get(ri) {
                warnings.push(Warning::new(
                    WarningCode::TableRowWithoutBlock,
                    format!(
                        "table row {} \"{}\" matches no Part-3 block",
                        label(r),
                        r.name
                    ),
                    Some(r.source_span),
                ));
            }
        }
    }
    for (bi, m) in block_matched.iter().enumerate() {
        if !m {
            if let Some(b) = blocks.get(bi) {
                warnings.push(Warning::new(
                    WarningCode::BlockWithoutTableRow,
                    format!(
                        "Part-3 block {} \"{}\" matches no table row",
                        b.number.map(|n| n.to_string()).unwrap_or_default(),
                        b.name
                    ),
                    Some(b.source_span),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::count_sum;

    /// Two "รวม 4000000000 โครงการ" total rows used to overflow a u32 sum
    /// (a panic in debug builds, a wrapped and wrong count check in release).
    #[test]
    fn dimension_total_counts_near_u32_max_do_not_overflow() {
        let big = Some(4_000_000_000u32);
        assert_eq!(count_sum(&[big, big, None]), 8_000_000_000usize);
    }
}
