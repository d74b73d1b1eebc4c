//! 002 (ITA measures report): real values.

mod report_support;
use report_support::*;

#[test]
fn overall_score_and_year() {
    let (r, w) = recognize_text(C002);
    assert_eq!(r.ita_score, Some(92.22));
    assert_eq!(r.ita_level_text.as_deref(), Some("ระดับคะแนนผ่านดี"));
    assert_eq!(r.fiscal_year, Some(2568));
    assert_eq!((r.period_text.as_deref(), r.period_months), (None, None));
    assert!(r.memo.is_none() && r.activities.is_empty() && r.summary_total.is_none());
    // L5 says ประจำปีงบประมาณ พ.ศ.2567 under a 2568 title.
    assert!(w.iter().any(|w| w.code == "fiscal_year_clash"
        && w.message.contains("2567")
        && w.source_span.map(|s| s.line_start) == Some(5)));
}

#[test]
fn five_measures_headers_and_separators_skipped() {
    let (r, _) = recognize_text(C002);
    assert_eq!(r.measure_columns.len(), 6);
    let m = &r.measures;
    assert_eq!(m.len(), 5);
    assert_eq!(m[0].name, "การให้บริการ และระบบ E- Service");
    assert_eq!(
        m[3].name,
        "กระบวนการ สร้างความ โปร่งใสในการใช้ งบประมาณ จัดซื้อจัดจ้าง"
    );
    let resp: Vec<_> = m
        .iter()
        .map(|x| x.responsible.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        resp,
        vec![
            "สำนักปลัด",
            "สำนักปลัด / ทุกกอง",
            "สำนักปลัด",
            "สำนักปลัด / ทุกกอง",
            "ทุกกอง"
        ]
    );
    assert_eq!(
        m[4].period_text.as_deref(),
        Some("ปี งบประมาณ พ.ศ. 2568 1 ตุลาคม 2567- 30 กันยายน 2568")
    );
    // Continuation rows (L14, L23) are appended to column 6 of the row above.
    assert_eq!(
        (m[2].source_span.line_start, m[2].source_span.line_end),
        (12, 14)
    );
    assert!(m[4]
        .outcome_text
        .as_deref()
        .unwrap_or("")
        .contains("(No Gift Policy) ผลการประเมิน ITA"));
    assert!(m.iter().all(
        |x| !x.name.contains("<p>") && !x.outcome_text.as_deref().unwrap_or("").contains("<p>")
    ));
}

#[test]
fn ita_scores_exclude_changes_years_and_codes() {
    let (r, _) = recognize_text(C002);
    let s: Vec<Vec<f64>> = r.measures.iter().map(|m| m.ita_scores.clone()).collect();
    assert_eq!(
        s,
        vec![vec![88.83], vec![], vec![98.67, 89.76], vec![], vec![88.84]]
    );
    let c: Vec<Vec<f64>> = r
        .measures
        .iter()
        .map(|m| m.ita_score_changes.clone())
        .collect();
    assert_eq!(c, vec![vec![3.16], vec![], vec![8.91], vec![], vec![3.17]]);
}

#[test]
fn letter_spaced_name_row3() {
    // The gold enters row 3's garbled name as the phrase its own row writes
    // normally; the printed form is kept.
    let (r, w) = recognize_text(C002);
    assert_eq!(r.measures[2].name, "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ");
    assert!(r.measures[2].name_as_printed.is_some());
    assert!(w.iter().any(|w| w.code == "measure_name_respelled"));
}

#[test]
fn change_check_row3() {
    let rec = checked(C002);
    let c = rec
        .checks
        .iter()
        .find(|c| c.rule == "ita_score_change")
        .expect("check");
    assert_eq!(
        (c.ok, c.stated, c.computed),
        (Some(true), Some(8.91), Some(8.91))
    );
}
