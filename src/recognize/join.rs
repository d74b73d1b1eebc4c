//! Joining Part-2 table rows to Part-3 blocks by fuzzy name (§3.8).
//!
//! Never by number alone: numbers restart, skip and repeat in other plans.
//! Names are compared after removing the running number, the kind word,
//! spaces and quotes, and the LAO's own name in any spelling (the body
//! misspells it: ตรัง → ตั้ง/ต้ง/ตรง; "อบต.X" abbreviates it). The score is a
//! character-bigram Dice coefficient; a shared number or dimension only
//! breaks ties between names that already pass the threshold.

use crate::model::{BudgetRow, Project};
use crate::normalize::chars::thai_digits_to_ascii;
use crate::recognize::grammar::squash;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

static LEADING_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:ลำดับที่\s*)?[0-9]{1,3}\s*[).]?\s*").expect("static regex"));

/// Name similarity that joins on its own.
pub const THRESHOLD: f64 = 0.6;
/// Name similarity that joins leftovers when number or dimension agrees.
pub const WEAK_THRESHOLD: f64 = 0.3;

const KINDS: [&str; 5] = [
    "องค์การบริหารส่วนตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
];
const ABBREV: [(&str, &str); 6] = [
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("ทต.", "เทศบาลตำบล"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทน.", "เทศบาลนคร"),
    ("อบต", "องค์การบริหารส่วนตำบล"),
];

/// The LAO's short name: "องค์การบริหารส่วนตำบลตรัง" → "ตรัง".
pub fn short_org_name(full: &str) -> Option<String> {
    let s = squash(full);
    for k in KINDS {
        if let Some(rest) = s.strip_prefix(k) {
            return (!rest.is_empty()).then(|| rest.to_string());
        }
    }
    None
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The comparison key of a name.
pub fn name_key(name: &str, org_short: Option<&str>) -> String {
    let n = thai_digits_to_ascii(name);
    let n = LEADING_MARK.replace(&n, "").to_string();
    let mut s = squash(&n);
    for (ab, full) in ABBREV {
        s = s.replace(ab, full);
    }
    let short: Option<Vec<char>> = org_short.map(|o| o.chars().collect());
    for k in KINDS {
        while let Some(pos) = s.find(k) {
            let after = pos + k.len();
            let rest: Vec<char> = s.get(after..).unwrap_or("").chars().collect();
            let mut cut = 0usize;
            if let Some(sh) = &short {
                let l = sh.len();
                // Least edits; on a tie the length closest to the name's.
                let mut best: Option<(usize, usize, usize)> = None;
                for len in l.saturating_sub(1)..=(l + 1).min(rest.len()) {
                    if len == 0 {
                        continue;
                    }
                    let d = edit_distance(&rest[..len], sh);
                    let off = len.abs_diff(l);
                    if best.is_none_or(|(bd, boff, _)| (d, off) < (bd, boff)) {
                        best = Some((d, off, len));
                    }
                }
                if let Some((d, _, len)) = best {
                    if d <= (l / 2).max(1) {
                        cut = len;
                    }
                }
            }
            let tail: String = rest[cut..].iter().collect();
            s = format!("{}§{}", s.get(..pos).unwrap_or(""), tail);
        }
    }
    for kind in ["โครงการ", "มาตรการ", "กิจกรรม"] {
        if let Some(rest) = s.strip_prefix(kind) {
            s = rest.to_string();
            break;
        }
    }
    s
}

fn bigrams(s: &str) -> HashMap<(char, char), usize> {
    let cs: Vec<char> = s.chars().collect();
    let mut m = HashMap::new();
    for w in cs.windows(2) {
        *m.entry((w[0], w[1])).or_insert(0) += 1;
    }
    m
}

/// Dice coefficient of character bigrams of two keys (0..=1); containment
/// of one long key in the other counts as a near match.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.min(lb) >= 8 && (a.contains(b) || b.contains(a)) {
        return 0.9;
    }
    let ba = bigrams(a);
    let bb = bigrams(b);
    let common: usize = ba
        .iter()
        .map(|(k, n)| (*n).min(bb.get(k).copied().unwrap_or(0)))
        .sum();
    let total = la.saturating_sub(1) + lb.saturating_sub(1);
    if total == 0 {
        return 0.0;
    }
    2.0 * common as f64 / total as f64
}

/// One-to-one matches (row index, block index, similarity), by row.
///
/// Two passes. First, names that clearly agree (≥ [`THRESHOLD`]) pair up,
/// best first. Then leftover rows and blocks pair at a lower similarity
/// ([`WEAK_THRESHOLD`]) only when the number or the dimension corroborates:
/// 000 row 3 "โครงการส่งเสริมคุณธรรมสำหรับบุคลากร…" is block 3 "โครงการ
/// ส่งเสริมคุณธรรม และจริยธรรม ข้าราชการ…" (0.32), but its best name match
/// is block 7, already taken by row 7 at 0.89.
pub fn match_rows(
    rows: &[BudgetRow],
    projects: &[Project],
    org_name: Option<&str>,
) -> Vec<(usize, usize, f64)> {
    let short = org_name.and_then(short_org_name);
    let rk: Vec<String> = rows
        .iter()
        .map(|r| name_key(&r.name, short.as_deref()))
        .collect();
    let pk: Vec<String> = projects
        .iter()
        .map(|p| name_key(&p.name, short.as_deref()))
        .collect();
    // (rank, sim, row, block, corroborated)
    let mut cands: Vec<(f64, f64, usize, usize, bool)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        for (j, p) in projects.iter().enumerate() {
            let (Some(a), Some(b)) = (rk.get(i), pk.get(j)) else {
                continue;
            };
            let sim = similarity(a, b);
            if sim < WEAK_THRESHOLD {
                continue;
            }
            // Tie-breakers only: never enough on their own.
            let same_no = r
                .number
                .as_deref()
                .and_then(|n| n.parse::<u32>().ok())
                .is_some_and(|n| Some(n) == p.number);
            let same_dim = r.dimension.is_some() && r.dimension == p.dimension;
            let rank = sim + if same_no { 0.08 } else { 0.0 } + if same_dim { 0.04 } else { 0.0 };
            cands.push((rank, sim, i, j, same_no || same_dim));
        }
    }
    cands.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    let mut used_r = vec![false; rows.len()];
    let mut used_p = vec![false; projects.len()];
    let mut out = Vec::new();
    for strong in [true, false] {
        for &(_, sim, i, j, corroborated) in &cands {
            if strong && sim < THRESHOLD || !strong && !corroborated {
                continue;
            }
            if used_r.get(i).copied().unwrap_or(true) || used_p.get(j).copied().unwrap_or(true) {
                continue;
            }
            if let Some(u) = used_r.get_mut(i) {
                *u = true;
            }
            if let Some(u) = used_p.get_mut(j) {
                *u = true;
            }
            out.push((i, j, sim));
        }
    }
    out.sort_by_key(|m| m.0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lao_variants_removed() {
        let a = name_key(
            "15) มาตรการจัดการเรื่องร้องทุกข์/ร้องเรียนของ องค์การบริหารส่วนตำบลตั้ง",
            Some("ตรัง"),
        );
        let b = name_key(
            "มาตรการจัดการเรื่องร้องทุกข์/ร้องเรียนขององค์การบริหารส่วนตำบลตรัง",
            Some("ตรัง"),
        );
        assert_eq!(a, b);
        assert_eq!(name_key("อบต.ตรัง ผู้บริหาร", Some("ตรัง")), "§ผู้บริหาร");
        assert_eq!(
            short_org_name("องค์การบริหารส่วนตำบลตรัง").as_deref(),
            Some("ตรัง")
        );
    }
}
