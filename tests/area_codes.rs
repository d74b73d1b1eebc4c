//! Area codes (RECORD.md v2) from the data-driven case table
//! `fixtures/area/cases.tsv`: a new spelling or place is one line there.

use thaiplan::model::Organization;
use thaiplan::recognize::area::match_area;

fn opt(s: &str) -> Option<String> {
    (s != "-").then(|| s.to_string())
}

#[test]
fn every_case_in_the_table_matches() {
    let table = include_str!("../fixtures/area/cases.tsv");
    let mut failures = Vec::new();
    let mut n = 0;
    for (i, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        assert_eq!(c.len(), 11, "line {}: 11 columns expected", i + 1);
        n += 1;
        let org = Organization {
            name: opt(c[0]),
            kind: opt(c[1]),
            district: opt(c[2]),
            province: opt(c[3]),
            ..Default::default()
        };
        let (got, warnings) = match_area(&org);
        let candidates = if c[9] == "-" {
            Vec::new()
        } else {
            c[9].split(',').map(str::to_string).collect()
        };
        let area_match = serde_json::to_value(got.area_match).unwrap();
        let want_warning = opt(c[10]);
        let ok = got.province_code == opt(c[5])
            && got.district_code == opt(c[6])
            && got.subdistrict_code == opt(c[7])
            && area_match == c[8]
            && got.area_candidates == candidates
            && want_warning
                .as_deref()
                .is_none_or(|w| warnings.iter().any(|x| x.code == w));
        if !ok {
            failures.push(format!(
                "line {}: {} / {} / {}\n  want {:?} {:?} {:?} {} {:?} {:?}\n  got  {:?} {:?} {:?} {} {:?} {:?}",
                i + 1, c[0], c[2], c[3],
                opt(c[5]), opt(c[6]), opt(c[7]), c[8], candidates, want_warning,
                got.province_code, got.district_code, got.subdistrict_code, area_match,
                got.area_candidates, warnings.iter().map(|w| w.code).collect::<Vec<_>>()
            ));
        }
    }
    assert!(n >= 20, "only {n} cases read");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
