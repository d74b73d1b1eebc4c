//! Projects of a merged mission cell placed under their codes (§3.3, §3.8).

use super::*;

/// Split a remark cell holding several remarks that open alike ("อยู่ใน …
/// หน้า 100 อยู่ใน … หน้า 97"): cut before each later occurrence of the
/// first word. One remark comes back whole.
pub(super) fn split_remarks(note: &str) -> Vec<String> {
    let note = note.trim();
    let Some(first) = note.split_whitespace().next() else {
        return Vec::new();
    };
    if first.chars().count() < 3 {
        return vec![note.to_string()];
    }
    let mut cuts = vec![0];
    for (i, _) in note.match_indices(first) {
        if i > 0 && note[..i].ends_with(char::is_whitespace) {
            cuts.push(i);
        }
    }
    cuts.push(note.len());
    cuts.windows(2)
        .filter_map(|w| note.get(w[0]..w[1]))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Place the projects of merged mission cells (§3.3: a project belongs to
/// the mission current on its first physical row, which the merge lost).
///
/// What is certain comes first. Codes and projects both run down the cell
/// in order, and every printed code heads at least one project, so with k
/// projects and m codes project j sits under a code between j − (k − m) and
/// j: the first project under the first code, the last under the last, and
/// all of them when k = m. Within that range the Part-3 block joined to the
/// row by name (§3.8, never by number alone) decides, but only when the
/// blocks agree with every row the table places itself (Part 3 may number
/// missions in another framework, §1.4) and the order still holds. A row
/// between two rows of one code has that code. Rows left open keep a null
/// mission (the `mission_ambiguous` warning stands). When every row is
/// placed and the remark cell splits into one remark per code, each remark
/// goes to the first row of its code, where it was printed; otherwise the
/// merged remark stays on every row (§3.3).
pub(super) fn place_ambiguous(
    table: &mut BudgetTable,
    ambiguous: &[Ambiguous],
    blocks: &[Project],
    org: Option<&str>,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if ambiguous.is_empty() {
        return warnings;
    }
    let matches = if blocks.is_empty() {
        Vec::new()
    } else {
        crate::recognize::join::match_rows(&table.rows, blocks, org)
    };
    let block_mission = |r: usize| {
        matches
            .iter()
            .find(|(ri, _, _)| *ri == r)
            .and_then(|(_, bi, _)| blocks.get(*bi))
            .and_then(|b| b.mission.clone())
    };
    let under = |m: &str, c: &str| m == c || m.starts_with(&format!("{c}."));
    let merged: Vec<usize> = ambiguous
        .iter()
        .flat_map(|a| a.rows.iter().copied())
        .collect();
    let mut agree = 0usize;
    let mut disagree = 0usize;
    for (r, row) in table.rows.iter().enumerate() {
        if merged.contains(&r) {
            continue;
        }
        if let (Some(m), Some(bm)) = (row.mission.as_deref(), block_mission(r)) {
            if under(&bm, m) {
                agree += 1;
            } else {
                disagree += 1;
            }
        }
    }
    let blocks_trusted = agree > 0 && disagree == 0;

    for a in ambiguous {
        let k = a.rows.len();
        let m = a.codes.len();
        if m == 0 || m > k {
            continue; // some code heads no project: nothing is certain
        }
        let slack = k - m;
        let range = |j: usize| (j.saturating_sub(slack), j.min(m - 1));
        let pinned: Vec<Option<usize>> = (0..k)
            .map(|j| {
                let (lo, hi) = range(j);
                (lo == hi).then_some(lo)
            })
            .collect();
        let mut from_blocks = vec![false; k];
        let mut placed = pinned.clone();
        if blocks_trusted {
            for (j, &r) in a.rows.iter().enumerate() {
                if placed.get(j).copied().flatten().is_some() {
                    continue;
                }
                let (lo, hi) = range(j);
                let c = block_mission(r)
                    .and_then(|bm| a.codes.iter().position(|c| under(&bm, c)))
                    .filter(|c| (lo..=hi).contains(c));
                if let (Some(c), Some(slot)) = (c, placed.get_mut(j)) {
                    *slot = Some(c);
                    if let Some(f) = from_blocks.get_mut(j) {
                        *f = true;
                    }
                }
            }
            let known: Vec<usize> = placed.iter().flatten().copied().collect();
            if known.windows(2).any(|w| w[0] > w[1]) {
                placed = pinned.clone();
                from_blocks = vec![false; k];
            }
        }
        // Between two placed rows of one code, or against the range's end.
        for j in 0..k {
            if placed.get(j).copied().flatten().is_some() {
                continue;
            }
            let (lo, hi) = range(j);
            let prev = placed
                .get(..j)
                .and_then(|t| t.iter().rev().flatten().next().copied());
            let next = placed
                .get(j + 1..)
                .and_then(|t| t.iter().flatten().next().copied());
            let lower = prev.map_or(lo, |p| p.max(lo));
            let upper = next.map_or(hi, |q| q.min(hi));
            if lower == upper {
                if let Some(slot) = placed.get_mut(j) {
                    *slot = Some(lower);
                }
            }
        }
        let mut by_order = Vec::new();
        let mut by_blocks = Vec::new();
        for (j, (&r, ci)) in a.rows.iter().zip(&placed).enumerate() {
            let (Some(row), Some(code)) = (table.rows.get_mut(r), ci.and_then(|c| a.codes.get(c)))
            else {
                continue;
            };
            if j > 0 {
                let id = row.number.clone().unwrap_or_else(|| row.name.clone());
                if from_blocks.get(j).copied().unwrap_or(false) {
                    by_blocks.push(id);
                } else {
                    by_order.push(id);
                }
            }
            row.mission = Some(code.clone());
        }
        let span = a
            .rows
            .iter()
            .filter_map(|&r| table.rows.get(r))
            .map(|d| d.source_span)
            .reduce(|x, y| x.join(y));
        if !by_order.is_empty() || !by_blocks.is_empty() {
            let mut how = Vec::new();
            if !by_order.is_empty() {
                how.push(format!(
                    "{} by the order of codes and projects",
                    by_order.join(", ")
                ));
            }
            if !by_blocks.is_empty() {
                how.push(format!(
                    "{} by the mission of their Part-3 block",
                    by_blocks.join(", ")
                ));
            }
            warnings.push(Warning::new(
                WarningCode::MissionPlaced,
                format!(
                    "merged mission cell ({}): project(s) {}",
                    a.codes.join(", "),
                    how.join("; ")
                ),
                span,
            ));
        }
        let remarks = split_remarks(&a.note);
        if m > 1 && remarks.len() == m && placed.iter().all(Option::is_some) {
            let mut seen = vec![false; m];
            for (&r, ci) in a.rows.iter().zip(&placed) {
                let Some(c) = *ci else { continue };
                let first = seen.get(c).is_some_and(|s| !s);
                if let Some(s) = seen.get_mut(c) {
                    *s = true;
                }
                if let Some(row) = table.rows.get_mut(r) {
                    row.note = if first { remarks.get(c).cloned() } else { None };
                }
            }
        }
    }
    warnings
}
