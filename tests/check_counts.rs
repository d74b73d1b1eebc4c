//! Project counts stated in prose (docs/grammar.md §2.2, §3.8) and robustness
//! of the table/check stages on junk.

use proptest::prelude::*;
use thaiplan::model::{Extraction, Format, RawDoc, RawLine, TextOrigin};
use thaiplan::normalize::normalize_doc;
use thaiplan::recognize::{self, Lines, StatedCount};

fn doc(lines: &[&str]) -> thaiplan::model::NormDoc {
    let raw = RawDoc::from_lines(
        Format::Text,
        Extraction::Text,
        TextOrigin::Text,
        lines
            .iter()
            .map(|t| RawLine {
                text: t.to_string(),
                ..Default::default()
            })
            .collect(),
    );
    normalize_doc(raw)
}

fn counts(lines: &[&str]) -> Vec<(Option<u8>, u32, String, usize, usize)> {
    let d = doc(lines);
    let l = Lines::new(&d);
    recognize::counts::stated_counts(&l)
        .into_iter()
        .map(|c: StatedCount| {
            (
                c.dimension,
                c.count,
                c.context,
                c.source_span.line_start,
                c.source_span.line_end,
            )
        })
        .collect()
}

#[test]
fn wrapped_counts_and_misspelt_dimensions() {
    let got = counts(&[
        "คำนำ",
        "ส่วนที่ 2 ประกอบด้วย โครงการ/กิจกรรม/มาตรการ รวมทั้งสิ้นจำนวน",
        "๑๒ โครงการ ดังนี้",
        "มิติที่ 1 การสร้างวัฒนธรรมสุจริต จำนวน",
        "",
        "4 โครงการ",
        "มติที่ ๒ การบริหารราชการด้วยความโปร่งใส",
        "จำนวน 8 โครงการ",
        "ส่วนที่ 3 ประกอบด้วย รายละเอียดโครงการ",
        "สารบัญ",
        "ส่วนที่ 1 บทนำ\t1 - 7",
        "ส่วนที่ 1 บทนำ",
        "มีโครงการ รวม 99 โครงการ ในส่วนนี้ไม่นับ",
        "ส่วนที่ 2 แผนปฏิบัติการ",
        "ประกอบด้วย โครงการ/ กิจกรรม/มาตรการ รวมจำนวน 12 โครงการ ดังนี้",
        "ส่วนที่ 3 รายละเอียดโครงการ",
        "มิติที่ 1 จำนวน 50 โครงการ (inside Part 3: not a stated count)",
    ]);
    assert_eq!(
        got,
        vec![
            (None, 12, "preface".into(), 2, 3),
            (Some(1), 4, "preface".into(), 4, 6),
            (Some(2), 8, "preface".into(), 7, 8),
            (None, 12, "part2_prose".into(), 15, 15),
        ]
    );
}

#[test]
fn counts_of_000() {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/text/000_c8f04830a1ea0035.txt"
    );
    let text = std::fs::read_to_string(p).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    let got = counts(&lines);
    let short: Vec<(Option<u8>, u32, usize)> = got.iter().map(|c| (c.0, c.1, c.3)).collect();
    assert_eq!(
        short,
        vec![
            (None, 20, 21),
            (Some(1), 4, 23),
            (Some(2), 9, 25),
            (Some(3), 2, 27),
            (Some(4), 5, 29),
            (None, 20, 127)
        ]
    );
}

#[test]
fn not_a_plan_gives_no_table_and_no_checks() {
    for lines in [
        vec![],
        vec!["สวัสดีครับ วันนี้อากาศดี", "ไม่มีตาราง"],
        vec!["\u{0}\u{1}\u{7f}\t\t\t", "ปี 2566\tปี 2567"],
        vec!["มิติ\tภารกิจ\tโครงการ\tปี 2566\tปี 2567", "รวม\t\t\t#####\t-"],
    ] {
        let d = doc(&lines);
        let r = thaiplan::pipeline::record_from_norm("x.txt", "0".into(), &d);
        assert!(
            r.budget_table.as_ref().is_none_or(|t| t.rows.is_empty()),
            "{lines:?}"
        );
        assert!(
            !r.checks.iter().any(|c| c.ok == Some(false)),
            "{lines:?}: {:?}",
            r.checks
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Random table-ish lines never panic the table reader or the checks.
    #[test]
    fn table_reader_never_panics(rows in proptest::collection::vec(
        proptest::collection::vec(prop_oneof![
            Just(String::new()), Just("-".to_string()), Just("- - 20,000 -".to_string()), Just("#####".to_string()),
            Just("รวม".to_string()), Just("รวมทั้งสิ้น".to_string()), Just("จำนวน 3 โครงการ".to_string()),
            Just("1) ก 2) ข 3) ค".to_string()), Just("2.1 ภารกิจ".to_string()), Just("3. มิติ".to_string()),
            Just("ต่อ".to_string()), Just("12,345.50".to_string()), "[0-9,.)( -]{0,8}",
        ], 0..10), 0..25)) {
        let mut lines: Vec<String> = vec![
            "มติ\tภารกิจตามมติ\tโครงการ/กิจกรรม/มาตรการ\tปี 2566\tปี 2567\tปี 2568\tหมายเหตุ".to_string(),
        ];
        lines.extend(rows.iter().map(|r| r.join("\t")));
        let refs: Vec<&str> = lines.iter().map(|s| s.as_str()).collect();
        let d = doc(&refs);
        let r = thaiplan::pipeline::record_from_norm("x.txt", "0".into(), &d);
        if let Some(t) = &r.budget_table {
            for row in &t.rows {
                prop_assert_eq!(row.budgets.len(), 3);
                prop_assert!(row.inferred.is_empty() || row.inferred.len() == 3);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    /// The name join never panics on arbitrary names (Thai, marks, digits).
    #[test]
    fn name_join_never_panics(a in "[ก-๛0-9 .()“”อบต]{0,40}", b in "[ก-๛0-9 .()“”]{0,40}", org in "[ก-๛]{0,8}") {
        use thaiplan::check::join::{name_key, similarity, short_org_name};
        let full = format!("องค์การบริหารส่วนตำบล{org}");
        let short = short_org_name(&full);
        let (ka, kb) = (name_key(&a, short.as_deref()), name_key(&b, short.as_deref()));
        let s = similarity(&ka, &kb);
        prop_assert!((0.0..=1.0).contains(&s));
    }
}
