//! Recognising OCR text: 004's scan as `thaiplan text --plain` printed it
//! (tesseract -l tha, psm 4, ruled-table rows; saved so the test does not
//! run tesseract). The lines are marked as OCR lines, as the extractor
//! marks them; the OCR-only tolerances must not fire on the same lines
//! read as plain text.

use thaiplan::model::{DocKind, Report, Warning};
use thaiplan::recognize::{report, Lines, Meta};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/report/004_scan_psm4_ocr_lines.txt"
);

fn recognize(ocr: bool) -> (Report, Vec<Warning>) {
    let path = std::path::Path::new(FIXTURE);
    let bytes = std::fs::read(path).expect("fixture");
    let mut doc =
        thaiplan::pipeline::normalized_text(path, &bytes, &Default::default()).expect("normalised");
    for h in &mut doc.line_hints {
        h.ocr = ocr;
    }
    report::recognize(
        &Lines::new(&doc),
        &Meta {
            doc_kind: DocKind::Report,
            ..Meta::default()
        },
    )
}

fn find<'a>(r: &'a Report, name_start: &str) -> Option<&'a thaiplan::model::Activity> {
    r.activities.iter().find(|a| a.name.starts_with(name_start))
}

#[test]
fn ocr_item_starts_and_missions() {
    let (r, _) = recognize(true);
    // "10 . กิจกรรม …" (space before the dot), label glued at its end.
    let a = find(&r, "กิจกรรม “สร้างความโปร่งใสในการพิจารณาเลื่อนขั้น").expect("item 10");
    assert_eq!(
        (a.number, a.dimension, a.mission.as_deref()),
        (Some(10), Some(2), Some("2.2.1"))
    );
    // Item run into its mission heading's line ("2.1 แสดง… 3 .กิจกรรม “ประกาศ…"):
    // the misread number is kept as printed, the heading still counts.
    let a = find(&r, "กิจกรรม “ประกาศเจตจำนงต่อต้าน").expect("item 7");
    assert_eq!(a.mission.as_deref(), Some("2.1"));
    assert_eq!(a.number_printed.as_deref(), Some("3."));
    assert!(a.name.ends_with("ปกครองส่วนท้องถิ่น”"));
    // "oe. กิจกรรม …" glued to "2.2.3 …": number read as letters gives none.
    let a = find(&r, "กิจกรรม ส่งเสริมการปฏิบัติงานตามแนวทาง").expect("item 14");
    assert_eq!((a.number, a.mission.as_deref()), (None, Some("2.2.3")));
    // "ool. มาตรการ…" on its own line.
    let a = find(&r, "มาตรการแก้ไขเหตุเดือดร้อนรำคาญ").expect("item 37");
    assert_eq!((a.number, a.mission.as_deref()), (None, Some("3.2.3")));
    // "3.3.1ดำเนินการ…": mission code with its space lost.
    let a = find(&r, "มาตรการแต่งตั้งคณะกรรมการสนับสนุน").expect("item 38b");
    assert_eq!(a.mission.as_deref(), Some("3.3.1"));
    // "52 . โครงการ…" starts an item; the result line before it is not its title.
    let a = find(&r, "โครงการจัดทำรายงานการควบคุมภายใน").expect("item 42");
    assert_eq!(a.number, Some(52));
    assert!(!r.activities.iter().any(|a| a.name.starts_with("ลูกหนี้")));
}

#[test]
fn ocr_memo_labels_glued_to_values() {
    let (r, _) = recognize(true);
    let m = r.memo.expect("memo");
    assert_eq!(m.department.as_deref(), Some("สำนักปลัดเทศบาล (งานนิติการ)"));
    // Digits as OCR read them (๑๗๙ → 135): kept, never corrected.
    assert_eq!(m.reference.as_deref(), Some("สน 52301/135"));
    assert_eq!(m.date_text.as_deref(), Some("31มีนาคม2505"));
}

#[test]
fn tolerances_are_for_ocr_lines_only() {
    let (ocr, _) = recognize(true);
    let (plain, _) = recognize(false);
    assert!(plain.activities.len() < ocr.activities.len());
    assert!(find(&plain, "กิจกรรม “ประกาศเจตจำนงต่อต้าน").is_none());
    assert_eq!(plain.memo.and_then(|m| m.reference), None);
}

#[test]
fn ocr_impossible_dimension_numbers() {
    let (r, w) = recognize(true);
    // "มิติที่5 …" after dimension 3 (๔ misread): dimension 4, its missions
    // "5.1.1" read as "4.1.1"; both warned.
    let a = find(&r, "โครงการจัดทำรายงานการควบคุมภายใน").expect("item 42");
    assert_eq!(
        (a.dimension, a.mission.as_deref()),
        (Some(4), Some("4.1.1"))
    );
    let per_dim: Vec<usize> = (1..=5)
        .map(|d| {
            r.activities
                .iter()
                .filter(|x| x.dimension == Some(d))
                .count()
        })
        .collect();
    assert_eq!(per_dim[3..], [5, 0]);
    assert!(w.iter().any(|w| w.code == "ocr_dimension"));
    assert!(w.iter().any(|w| w.code == "ocr_mission_code"));
    // Summary row "5 | 12 | 8 | 50,000.00 …" between rows 2 and 4 is row 3;
    // "17." (stray full stop) reads as 17.
    let dims: Vec<Option<u8>> = r.dimension_summary.iter().map(|s| s.dimension).collect();
    assert_eq!(dims, vec![Some(1), Some(2), Some(3), Some(4)]);
    let row3 = &r.dimension_summary[2];
    assert_eq!(
        (row3.projects_planned, row3.budget_plan),
        (Some(12.0), Some(50000.0))
    );
    assert_eq!(r.dimension_summary[0].projects_planned, Some(17.0));
}

/// 002's scan (tesseract txt+tsv lines): a measure cut by a page break
/// goes on below the repeated header with its name cell filled.
#[test]
fn ocr_measure_rows_continued_across_pages() {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/report/002_scan_txt_tsv_ocr_lines.txt"
    ));
    let bytes = std::fs::read(path).expect("fixture");
    let mut doc =
        thaiplan::pipeline::normalized_text(path, &bytes, &Default::default()).expect("normalised");
    for h in &mut doc.line_hints {
        h.ocr = true;
    }
    let (r, _) = report::recognize(
        &Lines::new(&doc),
        &Meta {
            doc_kind: DocKind::Report,
            ..Meta::default()
        },
    );
    assert_eq!(r.measures.len(), 5);
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    assert_eq!(
        squash(&r.measures[3].name),
        "กระบวนการสร้างความโปร่งใสในการใช้งบประมาณจัดซื้อจัดจ้าง"
    );
    // A speck after a name ("ข่าวสารภาครัฐ .") is dropped.
    assert!(r.measures[1].name.ends_with("ข่าวสารภาครัฐ"));
    // Its period's tail joins it, digits as read.
    assert!(r.measures[3]
        .period_text
        .as_deref()
        .is_some_and(|p| p.ends_with("กันยายน 2525")));
    // ITA 152.22 (๙๒.๒๒ misread) is no score.
    assert_eq!(r.ita_score, None);
}
