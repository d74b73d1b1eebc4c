//! The report recogniser and checks never panic, on plans and on hostile
//! line soups, and do not invent report content in plans.

mod report_support;
use report_support::*;
use thaiplan::model::{DocKind, Extraction, Format, NormDoc, TextOrigin};
use thaiplan::recognize::{report, Lines, Meta};

fn doc(lines: Vec<String>) -> NormDoc {
    let n = lines.len();
    let _ = TextOrigin::Text;
    NormDoc {
        format: Format::Text,
        extraction: Extraction::Text,
        pages: None,
        lines,
        line_pages: vec![None; n],
        line_hints: vec![Default::default(); n],
        ocr_pages: Vec::new(),
        counts: Default::default(),
        warnings: Vec::new(),
    }
}

#[test]
fn plans_give_no_measures_or_activities() {
    for stem in ["000_c8f04830a1ea0035", "003_48a6fdefb7483585"] {
        let (r, _) = recognize_text(stem);
        assert!(r.measures.is_empty(), "{stem}");
        assert!(
            r.activities.is_empty(),
            "{stem}: {:?}",
            r.activities.first().map(|a| &a.name)
        );
        assert!(r.memo.is_none() && r.status.is_none(), "{stem}");
    }
}

#[test]
fn plan_pdf_and_docx_forms_give_no_activities() {
    for stem in ["000_c8f04830a1ea0035", "003_48a6fdefb7483585"] {
        for (dir, ext) in [("pdf", "pdf"), ("docx", "docx")] {
            let path = corpus(&format!("{dir}/{stem}.{ext}"));
            let (r, _) = recognize_path(&path);
            assert!(
                r.activities.is_empty(),
                "{stem}.{ext}: {:?}",
                r.activities.first().map(|a| &a.name)
            );
            assert!(r.measures.is_empty(), "{stem}.{ext}");
        }
    }
}

#[test]
fn hostile_lines_do_not_panic() {
    let nasty = [
        "4294967295. ชื่อ",
        "การดำเนินการ",
        "ผลการดำเนินการ",
        "1. x",
        "4294967294. y",
        "การดำเนินการ",
        "มิติที่ 9",
        "9.9.9 หัวข้อ",
        "\t\t\t",
        "--\t--",
        "ชื่อ อปท.\tมิติ\tโครงการ",
        "\tตามแผน\tดำเนินการแล้ว",
        "x\t1\t#####\t0/0",
        "รวม\t\t1e400\t-\t99999999999999999999.99",
        "โครงการ ตั้งต้น\tโครงการ ทั้งหมด",
        "",
        "บันทึกข้อความ",
        "ที่",
        "วันที่",
        "เรื่อง",
        "เรียน",
        "มาตรการ/ กิจกรรม\tขั้นตอน\tผู้รับผิดชอบ\tผลลัพธ์",
        "\t\t\t<p>คะแนน 100.00 เพิ่มขึ้น 100.00 ลดลง 0.00</p>",
        "ก\tข\tค\tง",
        "รอบ 99 เดือน (",
        "คะแนนเฉลี่ยรวม 999.99",
        "๑.",
        "1.",
        "- ",
        "(",
        "รายงานผล",
        "ประจำปีงบประมาณ 2500",
    ];
    let mut lines: Vec<String> = Vec::new();
    for i in 0..400 {
        lines.push(nasty[(i * 7 + i / 3) % nasty.len()].to_string());
    }
    let d = doc(lines);
    let l = Lines::new(&d);
    let (r, _) = report::recognize(
        &l,
        &Meta {
            doc_kind: DocKind::Report,
            ..Meta::default()
        },
    );
    let _ = serde_json::to_string(&r).expect("serialises");
    // An empty document.
    let d = doc(Vec::new());
    let (r, w) = report::recognize(&Lines::new(&d), &Meta::default());
    assert!(r.activities.is_empty() && w.is_empty());
}

#[test]
fn long_reports_stay_linear() {
    // 3,000 items of 8 lines with no blank lines: 24,000 lines.
    let mut lines = Vec::new();
    for i in 1..=3000 {
        lines.push(format!("{i}. กิจกรรมที่ {i}"));
        lines.push("การดำเนินการ".to_string());
        lines.push("1. ประชุม".to_string());
        lines.push("2. รายงาน 12.50 คะแนน".to_string());
        lines.push("ผลการดำเนินการ".to_string());
        lines.push("- สำเร็จ".to_string());
        lines.push("1.1 ไม่ใช่หัวข้อ".to_string());
        lines.push("".to_string());
    }
    let d = doc(lines);
    let t = std::time::Instant::now();
    let (r, _) = report::recognize(&Lines::new(&d), &Meta::default());
    assert_eq!(r.activities.len(), 3000);
    assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
}

#[test]
fn checks_run_on_any_report() {
    for stem in [C002, C004, "000_c8f04830a1ea0035", "003_48a6fdefb7483585"] {
        let rec = checked(stem);
        assert!(rec
            .checks
            .iter()
            .all(|c| c.ok.is_some() || c.computed.is_none() || c.stated.is_none()));
    }
}
