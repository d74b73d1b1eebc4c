//! 004 (memo + e-PlanNACC statistics + narrative report): real values.

mod report_support;
use report_support::*;

#[test]
fn memo_fields_without_labels() {
    let (r, _) = recognize_text(C004);
    let m = r.memo.expect("memo");
    assert_eq!(m.department.as_deref(), Some("สำนักปลัดเทศบาล (งานนิติการ)"));
    assert_eq!(m.reference.as_deref(), Some("สน 52301/179"));
    assert_eq!(m.date_text.as_deref(), Some("31 มีนาคม 2564"));
    assert_eq!(
        m.subject.as_deref(),
        Some("ขอรายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันและปราบปรามการทุจริต ปี พ.ศ.2564")
    );
    assert_eq!(m.addressee.as_deref(), Some("นายกเทศมนตรีตำบลท่าแร่"));
}

#[test]
fn year_and_round() {
    let (r, _) = recognize_text(C004);
    assert_eq!(r.fiscal_year, Some(2564));
    assert_eq!(
        r.period_text.as_deref(),
        Some("รอบ 6 เดือน (ตุลาคม 2563 – มีนาคม 2564)")
    );
    assert_eq!(r.period_months, Some(6));
    assert_eq!(r.ita_score, None);
    assert_eq!(
        r.data_as_of_text.as_deref(),
        Some("ข้อมูล ณ วันที่ 05 เมษายน 2564")
    );
}

#[test]
fn summary_table_l70_l74() {
    let (r, _) = recognize_text(C004);
    assert_eq!(r.summary_columns[6], "งบประมาณ ใช้จริง");
    assert_eq!(r.summary_columns[3], "โครงการ ดำเนินการแล้ว");
    let d: Vec<_> = r
        .dimension_summary
        .iter()
        .map(|x| (x.dimension, x.projects_planned, x.projects_done))
        .collect();
    assert_eq!(
        d,
        vec![
            (Some(1), Some(17.0), Some(9.0)),
            (Some(2), Some(28.0), Some(23.0)),
            (Some(3), Some(12.0), Some(8.0)),
            (Some(4), Some(8.0), Some(5.0))
        ]
    );
    let d2 = &r.dimension_summary[1];
    assert_eq!(
        (
            d2.budget_plan,
            d2.budget_ordinance,
            d2.budget_spent,
            d2.pct_budget
        ),
        (Some(40000.0), Some(15000.0), Some(15000.0), Some(37.5))
    );
    assert_eq!(r.dimension_summary[3].pct_budget, Some(100.0));
    let t = r.summary_total.expect("total row");
    assert_eq!(t.budget_plan, Some(160000.0));
    assert_eq!(
        (
            t.projects_planned,
            t.projects_done,
            t.pct_projects,
            t.pct_budget
        ),
        (Some(65.0), Some(45.0), Some(69.23), Some(9.38))
    );
    assert_eq!(t.source_span.line_start, 74);
}

#[test]
fn status_table_l102() {
    let (r, _) = recognize_text(C004);
    let s = r.status.expect("status");
    assert_eq!(
        (
            s.projects_initial,
            s.projects_total,
            s.in_ordinance,
            s.in_progress,
            s.done,
            s.not_possible,
            s.implementation_pct
        ),
        (
            Some(54.0),
            Some(65.0),
            Some(1.0),
            Some(0.0),
            Some(45.0),
            Some(0.0),
            Some(83.33)
        )
    );
    assert_eq!(s.implementation_level.as_deref(), Some("มาก"));
}

#[test]
fn repeated_tables_read() {
    let (r, _) = recognize_text(C004);
    let kinds: Vec<&str> = r.extra_tables.iter().map(|t| t.kind.as_str()).collect();
    assert_eq!(kinds, vec!["plan", "ordinance", "disbursement"]);
    let disb = &r.extra_tables[2];
    // Split by a repeated header (L90–97): 4 dimension rows and the total.
    assert_eq!(disb.rows.len(), 4);
    assert_eq!(
        disb.total.as_ref().map(|t| t.values.clone()),
        Some(vec![Some(160000.0), Some(15000.0), Some(15000.0)])
    );
    assert_eq!(
        r.extra_tables[0].total.as_ref().map(|t| t.values.clone()),
        Some(vec![Some(65.0), Some(160000.0)])
    );
}

#[test]
fn activities_45_with_numbering_rules() {
    let (r, w) = recognize_text(C004);
    let a = &r.activities;
    assert_eq!(a.len(), 45);
    assert_eq!(a[0].mission.as_deref(), Some("1.1.1"));
    assert_eq!(a[1].result_label.as_deref(), Some("ผลดำเนินการ"));
    // Both ๓๘ items keep 38; 39 is missing; code-like numbers are null.
    assert_eq!(
        (a[37].number, a[38].number, a[39].number),
        (Some(38), Some(38), Some(40))
    );
    assert_eq!(
        (a[40].number, a[43].number, a[44].number),
        (None, None, None)
    );
    assert_eq!(a[40].number_printed.as_deref(), Some("4.1.1.1."));
    assert!(w.iter().any(|w| w.code == "numbering_duplicate"));
    assert!(w
        .iter()
        .any(|w| w.code == "numbering_gap" && w.message.contains("39")));
    assert!(w
        .iter()
        .any(|w| w.code == "numbering_code_like" && w.message.contains("4.4.")));
    // Misspelt มติที่ 2 still opens dimension 2; "4.4." is an item under 4.2.2.
    assert_eq!(
        (a[6].dimension, a[6].mission.as_deref()),
        (Some(2), Some("2.1"))
    );
    assert_eq!(
        (a[43].dimension, a[43].mission.as_deref()),
        (Some(4), Some("4.2.2"))
    );
    assert_eq!(a[44].mission.as_deref(), Some("4.4.2"));
    // Title wrapped across a blank line (L559/L561).
    assert!(a[26]
        .name
        .ends_with("ตรวจสอบ ควบคุม ดูแล การปฏิบัติราชการของเทศบาลตำบลท่าแร่"));
    assert_eq!(
        (a[26].source_span.line_start, a[26].source_span.line_end),
        (559, 571)
    );
    // Sub-labels stay in the result text; the nested " - 2.1" steps stay in the action.
    assert!(a[6]
        .result_text
        .as_deref()
        .unwrap_or("")
        .contains("1 ผลผลิต"));
    assert!(a[19]
        .action_text
        .as_deref()
        .unwrap_or("")
        .contains("- 2.7 การมอบอำนาจ"));
    assert!(w.iter().any(|w| w.code == "result_sublabel"));
    let per_dim: Vec<usize> = (1..=4)
        .map(|d| a.iter().filter(|x| x.dimension == Some(d)).count())
        .collect();
    assert_eq!(per_dim, vec![6, 23, 11, 5]);
}

fn check<'a>(
    rec: &'a thaiplan::model::Record,
    rule: &str,
    scope: &str,
) -> &'a thaiplan::model::Check {
    rec.checks
        .iter()
        .find(|c| c.rule == rule && c.scope.contains(scope))
        .unwrap_or_else(|| panic!("no check {rule} {scope}"))
}

#[test]
fn checks_record_the_documents_quirks() {
    let rec = checked(C004);
    // Column sums agree.
    assert_eq!(
        check(&rec, "summary_column_total", "budget_plan").ok,
        Some(true)
    );
    assert_eq!(
        check(&rec, "summary_column_total", "budget_plan").computed,
        Some(160000.0)
    );
    // 9.375 → 9.38 agrees.
    assert_eq!(
        check(&rec, "summary_pct", "total pct_budget").ok,
        Some(true)
    );
    // Dimension 4: 0/0 printed 100.00 → undefined, a warning.
    let d4 = check(&rec, "summary_pct", "dimension 4 pct_budget");
    assert_eq!((d4.ok, d4.stated, d4.computed), (None, Some(100.0), None));
    assert!(rec
        .warnings
        .iter()
        .any(|w| w.code == "undefined_ratio" && w.message.contains("dimension 4")));
    // Status: 1+0+45+0 = 46 ≠ 65; 45/54 = 83.33.
    let s = check(&rec, "status_sum", "projects_total");
    assert_eq!(
        (s.ok, s.stated, s.computed),
        (Some(false), Some(65.0), Some(46.0))
    );
    assert_eq!(check(&rec, "status_pct", "").ok, Some(true));
    // Items per dimension 6/23/11/5 vs done 9/23/8/5.
    assert_eq!(
        check(&rec, "activities_per_dimension", "dimension 1").ok,
        Some(false)
    );
    assert_eq!(
        check(&rec, "activities_per_dimension", "dimension 2").ok,
        Some(true)
    );
    assert_eq!(
        check(&rec, "activities_per_dimension", "dimension 3").ok,
        Some(false)
    );
    assert_eq!(
        check(&rec, "activities_per_dimension", "total").ok,
        Some(true)
    );
    // The repeated tables agree with the summary; the status' บรรจุ count does not.
    assert!(rec
        .checks
        .iter()
        .filter(|c| c.rule == "table_vs_summary" || c.rule == "table_column_total")
        .all(|c| c.ok == Some(true)));
    assert!(
        rec.checks
            .iter()
            .filter(|c| c.rule == "table_vs_summary")
            .count()
            >= 20
    );
    assert_eq!(
        check(&rec, "status_vs_table", "in_ordinance").ok,
        Some(false)
    );
    // "รอบ 6 เดือน (ตุลาคม 2563 – มีนาคม 2564)": 6 months.
    let p = check(&rec, "period_months", "");
    assert_eq!(
        (p.ok, p.stated, p.computed),
        (Some(true), Some(6.0), Some(6.0))
    );
    let failed: Vec<String> = rec
        .checks
        .iter()
        .filter(|c| c.ok == Some(false))
        .map(|c| c.scope.clone())
        .collect();
    assert_eq!(failed.len(), 5, "{failed:?}");
}
