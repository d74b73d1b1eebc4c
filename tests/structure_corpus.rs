//! The outline and detail blocks of the shared corpus, value by value
//! (docs/grammar.md §2, §4), plus documents that are not plans.

use std::path::Path;
use thaiplan::extract::ExtractOptions;
use thaiplan::model::{
    Extraction, Format, Project, RawDoc, RawLine, Section, SectionKind, TextOrigin,
};
use thaiplan::normalize::normalize_doc;
use thaiplan::pipeline::normalized_text;
use thaiplan::recognize::{structure, Lines, Meta, Structure};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

fn corpus(stem: &str) -> Structure {
    let path = format!("{CORPUS}/text/{stem}.txt");
    let bytes = std::fs::read(&path).expect("corpus text");
    let doc =
        normalized_text(Path::new(&path), &bytes, &ExtractOptions::default()).expect("normalise");
    structure::recognize(&Lines::new(&doc), &Meta::default())
}

fn from_text(text: &str) -> Structure {
    let lines = text
        .split('\n')
        .map(|t| RawLine {
            text: t.to_string(),
            ..RawLine::default()
        })
        .collect();
    let doc = normalize_doc(RawDoc::from_lines(
        Format::Text,
        Extraction::Text,
        TextOrigin::Text,
        lines,
    ));
    structure::recognize(&Lines::new(&doc), &Meta::default())
}

fn of_kind(s: &Structure, k: SectionKind) -> Vec<&Section> {
    s.sections.iter().filter(|x| x.kind == k).collect()
}

fn warnings_at(s: &Structure, code: &str) -> Vec<usize> {
    s.warnings
        .iter()
        .filter(|w| w.code == code)
        .filter_map(|w| w.source_span.map(|sp| sp.line_start))
        .collect()
}

fn block(s: &Structure, i: usize) -> &Project {
    &s.projects[i - 1]
}

#[test]
fn plan_000_blocks() {
    let s = corpus("000_c8f04830a1ea0035");
    assert_eq!(s.projects.len(), 20);
    let numbers: Vec<Option<u32>> = s.projects.iter().map(|p| p.number).collect();
    assert_eq!(numbers, (1..=20).map(Some).collect::<Vec<_>>());

    // Block 14: "30,000 บาท" (the table says 20,000; the check is elsewhere).
    let b14 = block(&s, 14);
    assert_eq!(b14.budget_baht, Some(30000.0));
    assert_eq!(b14.budget_text.as_deref(), Some("30,000 บาท"));
    assert_eq!(b14.objectives.len(), 6);
    assert_eq!(b14.period_years, vec![2566, 2567, 2568, 2569, 2570]);
    assert_eq!(b14.outcomes.len(), 3);

    // Block 3 (template C, Thai digits): the funding-source form.
    let b3 = block(&s, 3);
    assert_eq!(b3.budget_baht, Some(30000.0));
    assert_eq!(b3.budget_text.as_deref(), Some("งบประมาณข้อบัญญัติ 30,000 บาท"));
    assert_eq!(
        b3.fields
            .get("หน่วยงานดำเนินการ")
            .cloned()
            .flatten()
            .as_deref(),
        Some("สำนักงานปลัด องค์การบริหารส่วนตำบลตรัง อำเภอมายอ จังหวัดปัตตานี")
    );
    assert_eq!(
        b3.responsible.as_deref(),
        Some("สำนักปลัด องค์การบริหารส่วนตำบล")
    );
    assert_eq!(b3.indicators.len(), 1);
    assert_eq!(b3.outcomes.len(), 3);
    assert_eq!(
        b3.method,
        vec!["จัดทำมาตรการและขออนุมัติดำเนินการต่อผู้มีอำนาจ".to_string()]
    );
    assert_eq!(b3.kind.as_deref(), Some("โครงการ"));

    // Block 4: a bare amount next to a multi-year period (per-year figure).
    assert_eq!(block(&s, 4).budget_baht, Some(50000.0));
    // The other 17 say ไม่ใช้งบประมาณดำเนินการ.
    assert_eq!(
        s.projects
            .iter()
            .filter(|p| p.budget_baht == Some(0.0))
            .count(),
        17
    );

    // Names: bold label (block 1), "ชื่อ โครงการ" (block 15), unclosed quote (block 2).
    assert!(block(&s, 1)
        .name
        .starts_with("โครงการเผยแพร่ประชาสัมพันธ์ความรู้ด้านกฎหมาย"));
    assert_eq!(block(&s, 15).field_labels[0], "ชื่อ โครงการ");
    assert_eq!(block(&s, 2).kind.as_deref(), Some("มาตรการ"));
    assert_eq!(block(&s, 11).kind.as_deref(), Some("กิจกรรม"));

    // Results: sub-labels on their own lines (1), inline (7), glued (13).
    assert_eq!(block(&s, 1).outputs.len(), 2);
    assert_eq!(block(&s, 1).outcomes.len(), 1);
    assert_eq!(
        block(&s, 7).outputs,
        vec!["มีมาตรการเพื่อขับเคลื่อนคุณธรรมและความโปร่งใสขององค์การบริหารส่วนตำบลตรัง".to_string()]
    );
    assert_eq!(block(&s, 7).outcomes.len(), 1);
    let b13 = block(&s, 13);
    assert_eq!(
        b13.field_labels.last().map(String::as_str),
        Some("ผลผลิต/ผลลัพธ์")
    );
    assert_eq!(b13.outputs.len(), 1);
    assert_eq!(
        b13.outcomes,
        vec!["ข้อร้องเรียนเกี่ยวกับการปฏิบัติงานของเจ้าหน้าที่ลดลง".to_string()]
    );

    // Missions: block 4 under 1.1.1 (no 1.2 in Part 3); stacked 3.2.x → 3.2.3.
    assert_eq!(block(&s, 4).mission.as_deref(), Some("1.1.1"));
    assert_eq!(block(&s, 15).mission.as_deref(), Some("3.2.3"));
    assert_eq!(block(&s, 15).dimension, Some(3));
    assert_eq!(warnings_at(&s, "stacked_missions"), vec![1000]);
    // Method items "2.1)", "2.1.1)" are list items, not missions.
    assert!(block(&s, 5)
        .method
        .iter()
        .any(|m| m.starts_with("ข้อมูลพื้นฐาน")));
    assert_eq!(block(&s, 5).mission.as_deref(), Some("2.1.3"));
    // Labels list fields as printed, in order.
    assert_eq!(block(&s, 16).field_labels[4], "วิธีการดำเนินการ");
    assert_eq!(block(&s, 9).field_labels[6], "งบประมาณที่ใช้ในการดำเนินการ");
    for code in [
        "empty_field",
        "block_missing_fields",
        "ordinal_gap",
        "unlabelled_field",
        "results_unsplit",
    ] {
        assert!(warnings_at(&s, code).is_empty(), "{code}");
    }
    // Block spans cover the block and nothing of the next one.
    assert_eq!(
        (
            block(&s, 1).source_span.line_start,
            block(&s, 1).source_span.line_end
        ),
        (170, 224)
    );
    assert_eq!(block(&s, 20).source_span.line_end, 1376);
}

#[test]
fn plan_000_outline() {
    let s = corpus("000_c8f04830a1ea0035");
    // Nothing from the cover, คำนำ (L13–37) or สารบัญ (L39–50).
    assert!(
        s.sections.iter().all(|x| x.source_span.line_start >= 52),
        "{:?}",
        s.sections.first()
    );
    let parts: Vec<(&str, usize)> = of_kind(&s, SectionKind::Part)
        .iter()
        .map(|x| (x.code.as_deref().unwrap_or(""), x.source_span.line_start))
        .collect();
    assert_eq!(parts, vec![("1", 52), ("2", 121), ("3", 164)]);
    // Part 3 and dimension 1 share the merged line L164.
    let p3 = of_kind(&s, SectionKind::Part)[2];
    let d1 = of_kind(&s, SectionKind::Dimension)[0];
    assert_eq!(p3.source_span, d1.source_span);
    assert_eq!(p3.title.as_deref(), Some("รายละเอียดโครงการ/กิจกรรม/มาตรการ"));
    assert_eq!(d1.title.as_deref(), Some("การสร้างวัฒนธรรมสุจริต"));
    // มติที่ misspellings are dimensions 2–4.
    let dims: Vec<(&str, usize)> = of_kind(&s, SectionKind::Dimension)
        .iter()
        .map(|x| (x.code.as_deref().unwrap_or(""), x.source_span.line_start))
        .collect();
    assert_eq!(dims, vec![("1", 164), ("2", 390), ("3", 932), ("4", 1076)]);
    // Part-1 sections are headings (duplicates kept and warned), not labels.
    let heads: Vec<(&str, usize)> = of_kind(&s, SectionKind::Heading)
        .iter()
        .map(|x| (x.code.as_deref().unwrap_or(""), x.source_span.line_start))
        .collect();
    assert_eq!(
        heads,
        vec![
            ("1", 54),
            ("2", 68),
            ("3", 82),
            ("4", 90),
            ("3", 95),
            ("4", 104),
            ("5", 113)
        ]
    );
    assert_eq!(warnings_at(&s, "duplicate_heading"), vec![95, 104]);
    let missions: Vec<&str> = of_kind(&s, SectionKind::Mission)
        .iter()
        .filter_map(|x| x.code.as_deref())
        .collect();
    assert_eq!(missions.len(), 23);
    assert!(!missions.contains(&"1.2") && !missions.contains(&"4.2"));
    assert_eq!(of_kind(&s, SectionKind::Project).len(), 20);
    assert!(of_kind(&s, SectionKind::Project)
        .iter()
        .all(|x| x.title.is_some()));
}

#[test]
fn excerpt_003() {
    let s = corpus("003_48a6fdefb7483585");
    assert_eq!(s.projects.len(), 17);
    assert!(s
        .projects
        .iter()
        .all(|p| p.dimension == Some(2) && p.number.is_none()));
    assert_eq!(block(&s, 1).mission.as_deref(), Some("2.1"));
    assert_eq!(block(&s, 12).mission.as_deref(), Some("2.4.2"));
    assert_eq!(block(&s, 13).mission.as_deref(), Some("2.4.3"));
    assert_eq!(block(&s, 17).mission.as_deref(), Some("2.5.3"));
    // Empty period fields (L732, L758) and the empty indicators (L737).
    for i in [16, 17] {
        assert_eq!(block(&s, i).period_text, None);
        assert!(block(&s, i).period_years.is_empty());
        assert_eq!(block(&s, i).fields.get("ระยะเวลาดำเนินการ"), Some(&None));
    }
    assert!(block(&s, 16).indicators.is_empty());
    assert_eq!(warnings_at(&s, "empty_field"), vec![732, 737, 758]);
    // Name on the line after the label (L53→54); "ชื่อ มาตรการ" with a gap.
    assert_eq!(
        block(&s, 2).name,
        "มาตรการการสร้างความโปร่งใสในการบริหารงานบุคคล (ถือปฏิบัติตามระเบียบ)"
    );
    assert_eq!(block(&s, 1).field_labels[0], "ชื่อ มาตรการ");
    assert!(block(&s, 1).name.contains("องค์การบริหาร ส่วนตำบลจอมประทัด"));
    assert_eq!(block(&s, 1).kind, None);
    // "มาตรฐาน…" is not มาตรการ; "กิจรรม…" is a misspelt กิจกรรม.
    assert_eq!(block(&s, 9).kind, None);
    assert_eq!(block(&s, 6).kind.as_deref(), Some("กิจกรรม"));
    assert_eq!(warnings_at(&s, "kind_typo"), vec![268]);
    for code in [
        "block_missing_fields",
        "unlabelled_field",
        "duplicate_label",
        "stacked_missions",
    ] {
        assert!(warnings_at(&s, code).is_empty(), "{code}");
    }
    // List items reusing field numbers stay in their lists (§4.7).
    assert_eq!(block(&s, 11).objectives.len(), 4);
    assert_eq!(block(&s, 11).method.len(), 8); // 1., 2., -, -, 4.–7.
    assert_eq!(block(&s, 7).indicators.len(), 3);
    assert_eq!(block(&s, 2).objectives[1], "เพื่อกำหนดมาตรการแนวทางปฏิบัติในการทำงาน การเลื่อนขั้นเงินเดือน การเลื่อนตำแหน่ง และมอบหมายงาน อย่างเป็นธรรม");
    assert_eq!(block(&s, 3).objectives.len(), 4);
    assert_eq!(
        block(&s, 12).area.as_deref(),
        Some("องค์การบริหารส่วนตำบลจอมประทัด")
    );
    assert_eq!(block(&s, 1).indicators.len(), 2);
    assert_eq!(block(&s, 1).period_years, vec![2562, 2563, 2564]);
    // Outline: wrapped titles, image-glued codes, the heading right after a value.
    let m: Vec<(&str, usize, usize)> = of_kind(&s, SectionKind::Mission)
        .iter()
        .map(|x| {
            (
                x.code.as_deref().unwrap_or(""),
                x.source_span.line_start,
                x.source_span.line_end,
            )
        })
        .collect();
    assert_eq!(m.len(), 16);
    assert!(
        m.contains(&("2.3", 398, 399))
            && m.contains(&("2.4.2", 580, 580))
            && m.contains(&("2.5.3", 714, 715))
    );
    assert!(!m.iter().any(|x| x.0 == "3.1" || x.0 == "6.2"));
    let t23 = of_kind(&s, SectionKind::Mission)
        .into_iter()
        .find(|x| x.code.as_deref() == Some("2.3"))
        .and_then(|x| x.title.clone());
    assert_eq!(
        t23.as_deref(),
        Some("มาตรการการใช้ดุลยพินิจและใช้อำนาจหน้าที่ให้เป็นไป ตามหลักการบริหารกิจการบ้านเมืองที่ดี")
    );
    assert_eq!(of_kind(&s, SectionKind::Part)[0].title, None);
}

#[test]
fn report_004_outline() {
    let s = corpus("004_3a9855a8704ba7b3");
    let dims: Vec<(&str, usize)> = of_kind(&s, SectionKind::Dimension)
        .iter()
        .map(|x| (x.code.as_deref().unwrap_or(""), x.source_span.line_start))
        .collect();
    assert_eq!(dims, vec![("1", 115), ("2", 204), ("3", 602), ("4", 782)]);
    let m = of_kind(&s, SectionKind::Mission);
    assert_eq!(m.len(), 32);
    // Thai digits, bold wrapped over two lines, continuation after a blank.
    assert_eq!(
        (m[0].code.as_deref(), m[0].source_span.line_end),
        (Some("1.1"), 118)
    );
    let m252 = m
        .iter()
        .find(|x| x.code.as_deref() == Some("2.5.2"))
        .expect("2.5.2");
    assert_eq!(m252.source_span.line_end, 557);
    assert!(m252
        .title
        .as_deref()
        .is_some_and(|t| t
            .ends_with("ตามอำนาจ หน้าที่เพื่อการตรวจสอบ ควบคุม ดูแลการปฏิบัติราชการขององค์กรปกครองส่วนท้องถิ่น")));
    // Action-list sub-steps " - ๒.๑ …" (L451–457) are not missions; "๔.๔." is an item.
    assert!(!m
        .iter()
        .any(|x| (451..=457).contains(&x.source_span.line_start)));
    assert_eq!(
        m.iter()
            .filter(|x| x.code.as_deref() == Some("4.4"))
            .map(|x| x.source_span.line_start)
            .collect::<Vec<_>>(),
        vec![855]
    );
    assert_eq!(
        m.iter()
            .filter(|x| x.code.as_deref() == Some("3.1.2"))
            .count(),
        2
    );
    assert_eq!(warnings_at(&s, "duplicate_heading"), vec![661]);
    assert_eq!(warnings_at(&s, "stacked_missions"), vec![826]);
    // Report items are project sections (45), numbered as printed.
    let items = of_kind(&s, SectionKind::Project);
    assert_eq!(items.len(), 45);
    assert_eq!(items[0].code.as_deref(), Some("1"));
    assert_eq!(items[40].code, None); // "๔.๑.๑.๑."
    assert_eq!(items[26].title.as_deref(), Some("กิจกรรม ให้ความร่วมมือกับหน่วยตรวจสอบที่ได้ดำเนินการตามอำนาจหน้าที่เพื่อการ ตรวจสอบ ควบคุม ดูแล การปฏิบัติราชการของเทศบาลตำบลท่าแร่"));
    // Memo headings and the report title.
    let heads: Vec<&str> = of_kind(&s, SectionKind::Heading)
        .iter()
        .filter_map(|x| x.title.as_deref())
        .collect();
    for h in [
        "ต้นเรื่อง",
        "ข้อเท็จจริง",
        "ข้อพิจารณา/ข้อเสนอแนะ",
        "ความเห็นหัวหน้าสำนักปลัด",
        "คำสั่งนายกเทศมนตรี",
        "การเบิกจ่ายงบประมาณ",
    ] {
        assert!(heads.contains(&h), "{h}");
    }
    assert!(heads
        .iter()
        .any(|h| h.starts_with("รายงานผลการดำเนินการตามแผนปฏิบัติการ")
            && h.ends_with("ประจำปีงบประมาณ พ.ศ. 2564")));
    // Nothing looks like a plan block in a report.
    assert!(s.projects.is_empty());
}

#[test]
fn not_a_plan_yields_nothing() {
    let prose = "วันนี้อากาศดีมาก เราไปเที่ยวทะเลกันที่จังหวัดภูเก็ต\n\nส่วนที่เหลือของวันเราก็นั่งพักผ่อน 2.1 ครั้ง\n1.1 ครั้งหนึ่งนานมาแล้ว มีชายคนหนึ่ง\nลำดับที่ของเขาคือสาม\nมิติใหม่ของการท่องเที่ยว";
    for text in [
        prose,
        "",
        "\n\n\n",
        "\u{0}\u{1}\u{fffd}\u{fffd}PK\u{3}\u{4}\t\t\t[image:",
        "ลำดับที่ 1",
    ] {
        let s = from_text(text);
        assert!(s.projects.is_empty(), "{text:?}: {:?}", s.projects);
        assert!(s.sections.is_empty(), "{text:?}: {:?}", s.sections);
    }
    // Arbitrary bytes decoded as text never panic.
    let mut x: u32 = 12345;
    let junk: String = (0..20000)
        .map(|_| {
            x = x.wrapping_mul(1103515245).wrapping_add(12345);
            let c = (x >> 16) % 0x0E80;
            char::from_u32(if c < 0x0E00 { c % 128 } else { c }).unwrap_or('?')
        })
        .collect();
    let s = from_text(&junk);
    assert!(s.projects.is_empty());
}

#[test]
fn other_plan_forms() {
    // Forms of §4.4/§4.6 that the corpus lacks: "ลำดับ N", ordinal glued to
    // the previous value, per-year + total budget, bare labels, a results
    // field without sub-labels, a date-range period.
    let text = "ส่วนที่ 3 รายละเอียดโครงการ\n\nมิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต\n\n1.1.1 สร้างจิตสำนึก\n\nลำดับ 1\nชื่อโครงการ : โครงการอบรมคุณธรรม\nงบประมาณ\nปีละ 10,000 บาท รวม 40,000 บาท (สี่หมื่นบาทถ้วน)\nระยะเวลาดำเนินการ\nประจำปีงบประมาณ พ.ศ. 2567-2570\nผู้รับผิดชอบ\nสำนักปลัด\nผลผลิต/ผลลัพธ์\n1) มีการอบรม 1 ครั้ง\n2) บุคลากรมีความรู้ ลำดับที่ 2\n1. ชื่อกิจกรรม : มาตรการเผยแพร่ข้อมูล\n2. งบประมาณดำเนินการ : ไม่มีงบประมาณ\n3. ระยะเวลาดำเนินการ : 1 ตุลาคม 2566 - 30 กันยายน 2567\n";
    let s = from_text(text);
    assert_eq!(s.projects.len(), 2, "{:?}", s.projects);
    let p1 = &s.projects[0];
    assert_eq!(
        (p1.number, p1.budget_baht, p1.budget_total_baht),
        (Some(1), Some(10000.0), Some(40000.0))
    );
    assert_eq!(p1.period_years, vec![2567, 2568, 2569, 2570]);
    assert_eq!(
        (p1.dimension, p1.mission.as_deref()),
        (Some(1), Some("1.1.1"))
    );
    assert!(p1.outputs.is_empty() && p1.outcomes.is_empty());
    assert_eq!(
        p1.fields.get("ผลผลิต/ผลลัพธ์").cloned().flatten().as_deref(),
        Some("1) มีการอบรม 1 ครั้ง 2) บุคลากรมีความรู้")
    );
    assert!(s.warnings.iter().any(|w| w.code == "results_unsplit"));
    // 10,000 × 4 years = 40,000: no mismatch warning.
    assert!(s.warnings.iter().all(|w| w.code != "budget_total_mismatch"));
    let p2 = &s.projects[1];
    assert_eq!(
        (p2.number, p2.kind.as_deref(), p2.budget_baht),
        (Some(2), Some("มาตรการ"), Some(0.0))
    );
    assert_eq!(p2.period_years, vec![2567]);
}

#[test]
fn unlabelled_period_and_detail_prefix() {
    // A period printed without its label after the method list, and the
    // "รายละเอียดโครงการ…" header on the line before the next ordinal.
    let text = "ลำดับที่ 1\n1. ชื่อโครงการ : โครงการหนึ่ง\n2. วิธีดำเนินการ\n1) ประชุม\n2) รายงานผล\nปีงบประมาณ พ.ศ. 2566 - 2570\n3. งบประมาณดำเนินการ\n20,000 บาท\n4. ผู้รับผิดชอบ\nสำนักปลัด\nรายละเอียดโครงการ/กิจกรรม/มาตรการ\nลำดับที่ 2\n1. ชื่อโครงการ : โครงการสอง\n";
    let s = from_text(text);
    assert_eq!(s.projects.len(), 2);
    let p = &s.projects[0];
    assert_eq!(p.method.len(), 2);
    assert_eq!(p.period_years, vec![2566, 2567, 2568, 2569, 2570]);
    assert_eq!(p.budget_baht, Some(20000.0));
    assert_eq!(p.responsible.as_deref(), Some("สำนักปลัด"));
    assert!(!p.field_labels.iter().any(|l| l.contains("ระยะเวลา")));
    assert!(s
        .warnings
        .iter()
        .any(|w| w.code == "unlabelled_field" && w.source_span.map(|x| x.line_start) == Some(6)));
}

#[test]
fn front_matter_variants() {
    // Cover listing dimensions, a preface whose count wraps onto the next
    // line, a TOC without TABs (page numbers after a space), then the body.
    let text = "แผนปฏิบัติการป้องกันการทุจริต\nมิติที่ 1\nการสร้างสังคมที่ไม่ทนต่อการทุจริต\nมิติที่ 2\n\nคำนำ\n\nมติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต\nจำนวน 4 โครงการ\n\nสารบัญ\nส่วนที่ 1 บทนำ 1\nมิติที่ 1 การสร้างสังคม 5 - 9\nส่วนที่ 3 รายละเอียดโครงการ 10\n\nส่วนที่ 1 บทนำ\n\n1. หลักการและเหตุผล\n\nข้อความ\n\nส่วนที่ 3 รายละเอียดโครงการ\nมิติที่ 1 การสร้างสังคมที่ไม่ทนต่อการทุจริต\n1.1 สร้างจิตสำนึก\n1. ชื่อโครงการ : โครงการหนึ่ง\n2. งบประมาณดำเนินการ\nไม่ใช้งบประมาณ\n";
    let s = from_text(text);
    let kinds: Vec<(SectionKind, Option<&str>, usize)> = s
        .sections
        .iter()
        .map(|x| (x.kind, x.code.as_deref(), x.source_span.line_start))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (SectionKind::Part, Some("1"), 16),
            (SectionKind::Heading, Some("1"), 18),
            (SectionKind::Part, Some("3"), 22),
            (SectionKind::Dimension, Some("1"), 23),
            (SectionKind::Mission, Some("1.1"), 24),
            (SectionKind::Project, None, 25),
        ]
    );
    assert_eq!(s.projects[0].mission.as_deref(), Some("1.1"));
}

#[test]
fn block_printed_as_a_table() {
    // Other plans print a block as a two-column table: label cell, value
    // cell with `<p>` paragraphs.
    let text = "ส่วนที่ 3\nมิติที่ 2 การบริหารราชการ\n2.1 มาตรการ\nลำดับที่ 7\n1. ชื่อโครงการ\tโครงการประชุม\n2. หลักการและเหตุผล\t<p>ย่อหน้าแรก</p> <p>ย่อหน้าสอง</p>\nวัตถุประสงค์\t<p>1) เพื่อหนึ่ง</p> <p>2) เพื่อสอง</p>\nระยะเวลาดำเนินการ\tปีงบประมาณ พ.ศ. 2567\nงบประมาณ\t๑๒,๓๔๐.๐๐ บาท\nผู้รับผิดชอบ\tกองคลัง\n";
    let s = from_text(text);
    assert_eq!(s.projects.len(), 1);
    let p = &s.projects[0];
    assert_eq!(
        (p.number, p.dimension, p.mission.as_deref()),
        (Some(7), Some(2), Some("2.1"))
    );
    assert_eq!(p.name, "โครงการประชุม");
    assert_eq!(p.rationale.as_deref(), Some("ย่อหน้าแรก ย่อหน้าสอง"));
    assert_eq!(
        p.objectives,
        vec!["เพื่อหนึ่ง".to_string(), "เพื่อสอง".to_string()]
    );
    assert_eq!(p.budget_baht, Some(12340.0));
    assert_eq!(p.period_years, vec![2567]);
    assert_eq!(p.responsible.as_deref(), Some("กองคลัง"));
    assert_eq!(
        p.field_labels,
        vec![
            "ชื่อโครงการ",
            "หลักการและเหตุผล",
            "วัตถุประสงค์",
            "ระยะเวลาดำเนินการ",
            "งบประมาณ",
            "ผู้รับผิดชอบ"
        ]
    );
}

#[test]
fn pdf_paragraph_artefacts() {
    // PDF text: no blank lines, a heading glued in front of an ordinal, a
    // dimension heading run onto the last value, a wrapped word that is a
    // label stem ("วัตถุประสงค์"), a title with its action label glued on,
    // and a lost result label before a heading.
    let plan = "ส่วนที่ 3 รายละเอียด\nมิติที่ 3 การส่งเสริมบทบาท\n3.1 การส่งเสริม\n3.1.1 การมีส่วนร่วม ลำดับที่ 14\n1. ชื่อโครงการ : โครงการจัดเวที\n2. วัตถุประสงค์\n- 1) เพื่อให้การดำเนินงานไม่บรรลุ\nวัตถุประสงค์\n- 2) เพื่อรับทราบ\n3. งบประมาณดำเนินการ\n30,000 บาท\n4. ผู้รับผิดชอบ\nสำนักปลัด\n5. ผลผลิต/ผลลัพธ์\nผลลัพธ์\nประชาชนพึงพอใจ ร้อยละ 80 มติที่ 4 การยกระดับกลไก\n4.1 การจัดวางระบบ\nลำดับที่ 15\n1. ชื่อโครงการ : โครงการตรวจสอบ\n";
    let s = from_text(plan);
    assert_eq!(s.projects.len(), 2);
    let (a, b) = (&s.projects[0], &s.projects[1]);
    assert_eq!(
        (a.number, a.mission.as_deref(), a.dimension),
        (Some(14), Some("3.1.1"), Some(3))
    );
    assert_eq!(
        a.objectives,
        vec![
            "เพื่อให้การดำเนินงานไม่บรรลุ วัตถุประสงค์".to_string(),
            "เพื่อรับทราบ".to_string()
        ]
    );
    assert_eq!(a.outcomes, vec!["ประชาชนพึงพอใจ ร้อยละ 80".to_string()]);
    assert_eq!(
        (b.number, b.mission.as_deref(), b.dimension),
        (Some(15), Some("4.1"), Some(4))
    );

    let report = "มิติที่ 2 การบริหารราชการ\n2.2 มาตรการ\n17.มาตรการยกระดับ\nการดำเนินการ\n1. จัดให้มีระบบ\nผลการดำเนินการ\n- ความพึงพอใจ\n18. กิจกรรมประเมิน ITA\nวิธีดำเนินการ\n1. แต่งตั้งคณะทำงาน\n2. รับการประเมิน ผลการดำเนินงาน\n1. เกิดความร่วมมือ\n2.3 มาตรการการใช้ดุลยพินิจ\n- 2.3.1 มีการจัดทำแผนภูมิ\n19.กิจกรรม การลดขั้นตอนการดำเนินการ\n1. ปรับปรุง\n- 2.1 ปรับปรุงแผนผัง\n- 2.2 ปรับปรุงป้าย\nผลการดำเนินการ\n- ลดขั้นตอน\n";
    let s = from_text(report);
    let codes: Vec<(SectionKind, Option<&str>)> = s
        .sections
        .iter()
        .map(|x| (x.kind, x.code.as_deref()))
        .collect();
    assert_eq!(
        codes,
        vec![
            (SectionKind::Dimension, Some("2")),
            (SectionKind::Mission, Some("2.2")),
            (SectionKind::Project, Some("17")),
            (SectionKind::Project, Some("18")),
            (SectionKind::Mission, Some("2.3")),
            (SectionKind::Mission, Some("2.3.1")),
            (SectionKind::Project, Some("19")),
        ]
    );
    assert_eq!(s.sections[6].title.as_deref(), Some("กิจกรรม การลดขั้นตอน"));
}

#[test]
fn running_headers_inside_blocks() {
    // A page header repeating the part/dimension heading inside a block
    // does not end it.
    let text = "ส่วนที่ 3 รายละเอียด\nมิติที่ 1 การสร้างสังคม\n1.1 สร้างจิตสำนึก\nลำดับที่ 1\n1. ชื่อโครงการ : โครงการหนึ่ง\n2. วัตถุประสงค์\n1) เพื่อหนึ่ง\n\nส่วนที่ 3 รายละเอียด\nมิติที่ 1 การสร้างสังคม\n\n2) เพื่อสอง\n3. งบประมาณดำเนินการ\nไม่ใช้งบประมาณ\n";
    let s = from_text(text);
    assert_eq!(s.projects.len(), 1);
    assert_eq!(s.projects[0].objectives.len(), 2);
    assert_eq!(s.projects[0].budget_baht, Some(0.0));
    assert_eq!(of_kind(&s, SectionKind::Part).len(), 1);
    assert_eq!(of_kind(&s, SectionKind::Dimension).len(), 1);
}

#[test]
fn missing_page_warnings() {
    // Block 2 lost its second half (a missing page), block 3 is missing.
    let text = "ลำดับที่ 1\n1. ชื่อโครงการ : หนึ่ง\n2. ระยะเวลาดำเนินการ\nปีงบประมาณ 2566\n3. งบประมาณดำเนินการ\nไม่ใช้งบประมาณ\n4. ผู้รับผิดชอบ\nสำนักปลัด\nลำดับที่ 2\n1. ชื่อโครงการ : สอง\n2. หลักการและเหตุผล\nข้อความ\nลำดับที่ 4\n1. ชื่อโครงการ : สี่\n2. ระยะเวลาดำเนินการ\nปีงบประมาณ 2566\n3. งบประมาณดำเนินการ\nรวม 5 ปี 100,000 บาท\n4. ผู้รับผิดชอบ\nกองคลัง\n";
    let s = from_text(text);
    assert_eq!(s.projects.len(), 3);
    assert_eq!(warnings_at(&s, "block_missing_fields"), vec![9]);
    assert_eq!(warnings_at(&s, "ordinal_gap"), vec![13]);
    // A lone total is not a per-year figure (one year here: it is the amount).
    assert_eq!(s.projects[2].budget_baht, Some(100000.0));
}

#[test]
fn damaged_copies_never_panic() {
    // Pages lost, lines shuffled, text cut anywhere: always a result, every
    // span inside the document.
    let text =
        std::fs::read_to_string(format!("{CORPUS}/text/000_c8f04830a1ea0035.txt")).expect("000");
    let lines: Vec<&str> = text.split('\n').collect();
    let mut seed: u64 = 7;
    for round in 0..12 {
        let mut kept: Vec<&str> = Vec::new();
        for l in &lines {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (seed >> 33) % 100;
            if r >= 10 + round * 5 {
                kept.push(l);
            } else if r < 3 {
                kept.push("ลำดับที่ 9");
            }
        }
        let cut = kept.join("\n");
        let n = kept.len();
        let s = from_text(&cut);
        for sec in &s.sections {
            assert!(sec.source_span.line_start >= 1 && sec.source_span.line_end <= n);
        }
        for p in &s.projects {
            assert!(
                p.source_span.line_start <= p.source_span.line_end && p.source_span.line_end <= n
            );
        }
        // Half a line: cut inside a multi-byte character boundary-safely.
        let mid: String = cut.chars().take(cut.chars().count() / 2).collect();
        let _ = from_text(&mid);
    }
}
