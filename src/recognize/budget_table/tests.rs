use super::*;

fn brow(number: &str, mission: Option<&str>, name: &str, note: Option<&str>) -> BudgetRow {
    BudgetRow {
        dimension: Some(1),
        mission: mission.map(str::to_string),
        number: Some(number.to_string()),
        name: name.to_string(),
        budgets: vec![None],
        note: note.map(str::to_string),
        inferred: Vec::new(),
        source_span: SourceSpan::default(),
    }
}

fn block(number: u32, mission: &str, name: &str) -> Project {
    Project {
        number: Some(number),
        dimension: Some(1),
        mission: Some(mission.to_string()),
        name: name.to_string(),
        ..Project::default()
    }
}

#[test]
fn remarks_split_where_the_opening_word_repeats() {
    assert_eq!(
        split_remarks(
            "อยู่ใน แผนพัฒนา ท้องถิ่น 2566 - 2570 หน้า 100 อยู่ใน แผนพัฒนา ท้องถิ่น 2566 - 2570 หน้า 97"
        ),
        vec![
            "อยู่ใน แผนพัฒนา ท้องถิ่น 2566 - 2570 หน้า 100".to_string(),
            "อยู่ใน แผนพัฒนา ท้องถิ่น 2566 - 2570 หน้า 97".to_string()
        ]
    );
    assert_eq!(split_remarks("อยู่ในข้อ บัญญัติ ปี 2566").len(), 1);
    assert!(split_remarks("  ").is_empty());
}

/// Merged cell: codes 1.1, 1.2 beside projects 1–4, one remark per code;
/// then rows 5, 6 placed by the table itself.
fn merged_table() -> (BudgetTable, Vec<Ambiguous>) {
    let note = "อยู่ใน แผนพัฒนา หน้า 100 อยู่ใน แผนพัฒนา หน้า 97";
    let rows = vec![
        brow(
            "1",
            Some("1.1"),
            "โครงการเผยแพร่ความรู้ด้านกฎหมายแก่บุคลากร",
            Some(note),
        ),
        brow(
            "2",
            None,
            "มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม",
            Some(note),
        ),
        brow("3", None, "โครงการส่งเสริมคุณธรรมสำหรับบุคลากร", Some(note)),
        brow(
            "4",
            None,
            "โครงการส่งเสริมการดำเนินชีวิตตามหลักปรัชญาเศรษฐกิจพอเพียง",
            Some(note),
        ),
        brow("5", Some("2.1"), "มาตรการเปิดเผยข้อมูลสาธารณะขององค์กร", None),
        brow("6", Some("2.2"), "มาตรการ NO Gift Policy ของหน่วยงาน", None),
    ];
    let amb = vec![Ambiguous {
        rows: vec![0, 1, 2, 3],
        codes: vec!["1.1".into(), "1.2".into()],
        note: note.into(),
    }];
    let table = BudgetTable {
        years: vec![2566],
        rows,
        ..BudgetTable::default()
    };
    (table, amb)
}

fn missions(t: &BudgetTable) -> Vec<Option<&str>> {
    t.rows
        .iter()
        .take(4)
        .map(|r| r.mission.as_deref())
        .collect()
}

#[test]
fn merged_missions_from_order_alone() {
    let (mut t, amb) = merged_table();
    let w = place_ambiguous(&mut t, &amb, &[], None);
    assert_eq!(missions(&t), vec![Some("1.1"), None, None, Some("1.2")]);
    assert!(w.iter().any(|w| w.code == "mission_placed"));
    // Not all placed: the merged remark stays on every row (§3.3).
    assert!(t.rows.iter().take(4).all(|r| r
        .note
        .as_deref()
        .is_some_and(|n| n.contains("100") && n.contains("97"))));
}

fn blocks(m2: &str, m5: &str) -> Vec<Project> {
    vec![
        block(1, "1.1.1", "โครงการเผยแพร่ความรู้ด้านกฎหมายแก่บุคลากร"),
        block(2, m2, "มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม"),
        block(3, "1.1.2", "โครงการส่งเสริมคุณธรรมสำหรับบุคลากร"),
        // Part 3 files project 4 under 1.1 too: the order overrules it.
        block(
            4,
            "1.1.3",
            "โครงการส่งเสริมการดำเนินชีวิตตามหลักปรัชญาเศรษฐกิจพอเพียง",
        ),
        block(5, m5, "มาตรการเปิดเผยข้อมูลสาธารณะขององค์กร"),
        block(6, "2.2.1", "มาตรการ NO Gift Policy ของหน่วยงาน"),
    ]
}

#[test]
fn merged_missions_from_corroborated_blocks_and_remarks_split() {
    let (mut t, amb) = merged_table();
    place_ambiguous(&mut t, &amb, &blocks("1.1.1", "2.1.3"), None);
    assert_eq!(
        missions(&t),
        vec![Some("1.1"), Some("1.1"), Some("1.1"), Some("1.2")]
    );
    let notes: Vec<Option<&str>> = t.rows.iter().take(4).map(|r| r.note.as_deref()).collect();
    assert_eq!(
        notes,
        vec![
            Some("อยู่ใน แผนพัฒนา หน้า 100"),
            None,
            None,
            Some("อยู่ใน แผนพัฒนา หน้า 97")
        ]
    );
}

#[test]
fn blocks_in_another_framework_are_not_trusted() {
    // Row 5 is 2.1 in the table but its block says 2.3.1: Part 3 numbers
    // missions differently, so its codes place nothing.
    let (mut t, amb) = merged_table();
    place_ambiguous(&mut t, &amb, &blocks("1.1.1", "2.3.1"), None);
    assert_eq!(missions(&t), vec![Some("1.1"), None, None, Some("1.2")]);
}

#[test]
fn splits_multi_project_cells() {
    let p = split_projects(
        "6) มาตรการ NO Gift Policy 7) มาตรการส่งเสริม ของ องค์การ 8) ป้องกัน (พ.ศ. 2566) 9) ประเมิน",
    );
    let nums: Vec<_> = p
        .iter()
        .map(|(n, _)| n.clone().unwrap_or_default())
        .collect();
    assert_eq!(nums, vec!["6", "7", "8", "9"]);
    assert_eq!(p[0].1, "มาตรการ NO Gift Policy");
    assert_eq!(p[2].1, "ป้องกัน (พ.ศ. 2566)");
    // The next marker at the cell's end, its bracket lost at the break:
    // a project whose name continues below. A number out of sequence is
    // part of the name.
    let p = split_projects("7) มาตรการ ก 8) มาตรการป้องกัน ตำบลตั้ง 9");
    assert_eq!(p.len(), 3);
    assert_eq!(p[1].1, "มาตรการป้องกัน ตำบลตั้ง");
    assert_eq!(p[2], (Some("9".into()), String::new()));
    let p = split_projects("7) มาตรการ ก 8) อบรม รุ่นที่ 5");
    assert_eq!(p[1].1, "อบรม รุ่นที่ 5");
    let p = split_projects("8) มาตรการป้องกัน ตำบลตั้ง 9 โครงการประเมิน 10) มาตรการจัดทำแผน");
    let nums: Vec<_> = p
        .iter()
        .map(|(n, _)| n.clone().unwrap_or_default())
        .collect();
    assert_eq!(nums, vec!["8", "9", "10"]);
    assert_eq!(p[1].1, "โครงการประเมิน");
    // Not when the neighbours leave no gap for it, nor inside the last
    // name.
    assert_eq!(split_projects("8) อบรม 9 รุ่น 9) ประเมิน").len(), 2);
    assert_eq!(split_projects("11) ข้อตกลง 12) อบรม 13 ครั้ง").len(), 2);
    let p = split_projects("1)โครงการเผยแพร่");
    assert_eq!(p, vec![(Some("1".into()), "โครงการเผยแพร่".into())]);
    let p = split_projects("3.โครงการ ก 4. โครงการ ข ระยะ 2.5 ปี");
    assert_eq!(p.len(), 2);
    assert_eq!(p[1].1, "โครงการ ข ระยะ 2.5 ปี");
}

#[test]
fn tokens() {
    assert_eq!(cell_tokens("- - 20,000 -"), vec!["-", "-", "20,000", "-"]);
    assert_eq!(cell_tokens("จำนวน 80,000 บาท"), vec!["จำนวน 80,000 บาท"]);
    assert_eq!(cell_tokens(""), Vec::<String>::new());
    assert_eq!(budget_cell("30,000.-"), Cell::Amount(30000.0));
    assert_eq!(budget_cell("จำนวน 30,000.- บาท"), Cell::Amount(30000.0));
    assert_eq!(budget_cell("-.-"), Cell::Unreadable);
    assert_eq!(budget_cell("จำนวน 120,00 0บาท"), Cell::Amount(120000.0));
    assert_eq!(budget_cell("20,000 30,000"), Cell::Unreadable);
    assert_eq!(budget_cell("5 000"), Cell::Unreadable);
    assert_eq!(cell_tokens("- 5,000.- -"), vec!["-", "5,000.-", "-"]);
}

#[test]
fn header() {
    let cells: Vec<String> =
        "มติ\tภารกิจตามมติ\tโครงการ/กิจกรรม/มาตรการ\tปี 2566\tปี 2567\tปี 2568\tปี 2569\tปี 2570\tหมายเหตุ"
            .split('\t')
            .map(String::from)
            .collect();
    let (years, c) = header_columns(&cells).expect("header");
    assert_eq!(years, vec![2566, 2567, 2568, 2569, 2570]);
    assert_eq!(
        (c.dim, c.mission, c.project, c.note),
        (Some(0), Some(1), 2, Some(8))
    );
    let cells: Vec<String> =
        "มิติ\tภารกิจ\tโครงการ\tปี 2566 งบประมาณ (บาท)\tปี 2567 งบประมาณ (บาท)\tหมายเหตุ"
            .split('\t')
            .map(String::from)
            .collect();
    assert_eq!(header_columns(&cells).map(|h| h.0), Some(vec![2566, 2567]));
}

#[test]
fn wraps() {
    assert_eq!(join_wrap("โครงการส่ง", "เสริม"), "โครงการส่งเสริม");
    assert_eq!(join_wrap("ประชาสัม", "สัมพันธ์"), "ประชาสัมพันธ์");
    assert_eq!(join_wrap("NO", "Gift"), "NO Gift");
}

#[test]
fn amounts_fmt() {
    assert_eq!(fmt_amount(120000.0), "120,000");
    assert_eq!(fmt_amount(12340.5), "12,340.50");
}
