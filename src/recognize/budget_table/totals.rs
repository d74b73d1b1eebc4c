//! Total arithmetic: which rows a stated total sums, and values inferred
//! from totals. `check/plan.rs` uses the same functions.

use super::*;

pub(super) const EPS: f64 = 0.005;

/// Can the stated total of dimension `d` be used to infer row values? Only
/// when its stated project count (if any) equals the rows we read: if rows
/// were lost (a missing page), the gap would belong to them.
pub fn dim_total_usable(table: &BudgetTable, t: &DimensionTotal) -> bool {
    let n = rows_of_total(table, t).len();
    t.dimension.is_some() && n > 0 && t.projects.is_none_or(|p| p as usize == n)
}

/// The rows a dimension total sums: every row of its dimension, or, when
/// the dimension has several รวม rows (sub-totals per mission in other
/// plans), the rows of that dimension between the previous total and it.
pub fn rows_of_total(table: &BudgetTable, t: &DimensionTotal) -> Vec<usize> {
    let Some(d) = t.dimension else {
        return Vec::new();
    };
    let same = table
        .dimension_totals
        .iter()
        .filter(|x| x.dimension == Some(d))
        .count();
    let line = t.source_span.line_start;
    let prev = table
        .dimension_totals
        .iter()
        .map(|x| x.source_span.line_start)
        .filter(|&l| l < line)
        .max()
        .unwrap_or(0);
    (0..table.rows.len())
        .filter(|&r| {
            table.rows.get(r).is_some_and(|x| {
                x.dimension == Some(d)
                    && (same <= 1
                        || (x.source_span.line_start > prev && x.source_span.line_start < line))
            })
        })
        .collect()
}

/// The grand total may fill a cell only when no row is missing (its
/// project count, when stated, equals the rows read).
pub fn grand_total_usable(table: &BudgetTable) -> bool {
    table.grand_total.as_ref().is_some_and(|g| {
        !table.rows.is_empty() && g.projects.is_none_or(|p| p as usize == table.rows.len())
    })
}

/// Which stated total a cell (row, year) is inferred from: the row's
/// dimension total when it states that year and is usable, else the grand
/// total. Checks use this to know which check an inferred value cannot fail.
pub fn inference_source(table: &BudgetTable, row: &BudgetRow, yi: usize) -> Option<InferSource> {
    let ri = table.rows.iter().position(|r| std::ptr::eq(r, row));
    let dt = table.dimension_totals.iter().find(|t| {
        t.dimension.is_some()
            && t.dimension == row.dimension
            && t.budgets.get(yi).copied().flatten().is_some()
            && ri.is_none_or(|ri| rows_of_total(table, t).contains(&ri))
    });
    if let Some(t) = dt {
        if dim_total_usable(table, t) {
            return Some(InferSource::Dimension(t.source_span.line_start));
        }
    }
    if grand_total_usable(table)
        && table
            .grand_total
            .as_ref()
            .and_then(|g| g.budgets.get(yi).copied().flatten())
            .is_some()
    {
        return Some(InferSource::Grand);
    }
    None
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InferSource {
    /// The dimension total printed on this line.
    Dimension(usize),
    Grand,
}

/// Fill null cells pinned by a stated total (§3.3, §3.2 "#####"): one null
/// among a total's rows gets `stated − Σ read`; several nulls all get 0 when
/// the read values already reach the total (budgets are never negative).
/// Filled cells are marked `inferred`; nothing is filled when the gap is
/// negative or when the total's project count shows missing rows.
pub fn infer_from_totals(table: &mut BudgetTable) -> Vec<Warning> {
    let ny = table.years.len();
    // (row, source label) -> [(year, value, stated, read)], for one warning per row and total.
    // (year, value, stated, read) of each inferred cell.
    type Filled = (u32, f64, f64, f64);
    let mut notes: Vec<(usize, String, Vec<Filled>)> = Vec::new();
    for yi in 0..ny {
        // Dimension totals first, then the grand total for what is left.
        let mut scopes: Vec<(String, Vec<usize>, f64)> = Vec::new();
        for t in &table.dimension_totals {
            let (Some(d), Some(Some(stated))) = (t.dimension, t.budgets.get(yi).copied()) else {
                continue;
            };
            if !dim_total_usable(table, t) {
                continue;
            }
            let idx = rows_of_total(table, t);
            scopes.push((format!("dimension {d} total"), idx, stated));
        }
        if grand_total_usable(table) {
            if let Some(stated) = table
                .grand_total
                .as_ref()
                .and_then(|g| g.budgets.get(yi).copied().flatten())
            {
                scopes.push((
                    "grand total".to_string(),
                    (0..table.rows.len()).collect(),
                    stated,
                ));
            }
        }
        for (label, idx, stated) in scopes {
            let nulls: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&r| {
                    table
                        .rows
                        .get(r)
                        .is_some_and(|x| x.budgets.get(yi) == Some(&None))
                })
                .collect();
            if nulls.is_empty() {
                continue;
            }
            let read: f64 = idx
                .iter()
                .filter_map(|&r| {
                    table
                        .rows
                        .get(r)
                        .and_then(|x| x.budgets.get(yi).copied().flatten())
                })
                .sum();
            let gap = stated - read;
            let fill: Option<f64> = if nulls.len() == 1 && gap > -EPS {
                Some((gap.max(0.0) * 100.0).round() / 100.0)
            } else if gap.abs() < EPS {
                Some(0.0)
            } else {
                None
            };
            let Some(v) = fill else { continue };
            let year = table.years.get(yi).copied().unwrap_or(0);
            for r in nulls {
                if let Some(row) = table.rows.get_mut(r) {
                    if let Some(b) = row.budgets.get_mut(yi) {
                        *b = Some(v);
                    }
                    if row.inferred.len() != ny {
                        row.inferred = vec![false; ny];
                    }
                    if let Some(f) = row.inferred.get_mut(yi) {
                        *f = true;
                    }
                }
                match notes.iter_mut().find(|n| n.0 == r && n.1 == label) {
                    Some(n) => n.2.push((year, v, stated, read)),
                    None => notes.push((r, label.clone(), vec![(year, v, stated, read)])),
                }
            }
        }
    }
    let mut warnings = Vec::new();
    for (r, label, items) in notes {
        let Some(row) = table.rows.get(r) else {
            continue;
        };
        let detail: Vec<String> = items
            .iter()
            .map(|(y, v, s, read)| {
                format!(
                    "{y}: {} (stated {}, read values {})",
                    fmt_amount(*v),
                    fmt_amount(*s),
                    fmt_amount(*read)
                )
            })
            .collect();
        warnings.push(Warning::new(
            WarningCode::BudgetCellInferred,
            format!(
                "project {}: no readable value, inferred from the stated {label}: {}",
                row.number.clone().unwrap_or_else(|| row.name.clone()),
                detail.join("; ")
            ),
            Some(row.source_span),
        ));
    }
    warnings
}

pub fn fmt_amount(v: f64) -> String {
    let neg = v < 0.0;
    let v = v.abs();
    let cents = (v * 100.0).round() as u64;
    let (whole, frac) = (cents / 100, cents % 100);
    let s = whole.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if frac > 0 {
        out.push_str(&format!(".{frac:02}"));
    }
    if neg {
        format!("-{out}")
    } else {
        out
    }
}
