//! Generated fixtures (scripts/make_docx_fixtures.py, python-docx): merged
//! cells, automatic numbering, tracked changes / fields / text boxes.

use std::path::Path;
use thaiplan::extract::docx;
use thaiplan::model::RawDoc;

fn fixture(name: &str) -> RawDoc {
    let p = format!("{}/fixtures/docx/{name}.docx", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&p).expect("fixture (run scripts/make_docx_fixtures.py)");
    docx::extract(Path::new(&p), &bytes).expect("fixture reads")
}

fn texts(d: &RawDoc) -> Vec<&str> {
    d.lines.iter().map(|l| l.text.as_str()).collect()
}

#[test]
fn merged_cells() {
    let d = fixture("merged_cells");
    assert_eq!(
        texts(&d),
        [
            "ส่วนที่ 2 แผนปฏิบัติการป้องกันการทุจริต",
            // w:tblHeader row: read once.
            "มิติ\tภารกิจตามมิติ\tโครงการ/กิจกรรม/มาตรการ\tปี 2566\tปี 2567",
            // vMerge restart: text on the first row of the merge...
            "1. การสร้างวัฒนธรรมสุจริต\t1.1 การสร้างจิตสำนึก\t1) โครงการอบรมคุณธรรม\t30,000\t-",
            // ...continuation empty (recognisers carry column 1 forward);
            // a two-paragraph cell is <p>-joined.
            "\t1.2 การเสริมสร้างความรู้\t<p>2) มาตรการเผยแพร่ข้อมูล</p> <p>(ต่อเนื่อง)</p>\t-\t20,000",
            // gridSpan=2: the text, then an empty cell, so the years stay in columns 4-5.
            "\tรวม\t\tจำนวน 30,000 บาท\tจำนวน 20,000 บาท",
            // A nested table flattens into its cell, one paragraph per row.
            "\t\tหมายเหตุ\t<p>ก 1</p> <p>ข 2</p>\t",
            "ส่วนที่ 3",
        ]
    );
    // Every row keeps the grid's 5 columns.
    assert!(d.lines[1..6]
        .iter()
        .all(|l| l.text.split('\t').count() == 5));
}

#[test]
fn auto_numbering() {
    let d = fixture("auto_numbering");
    assert_eq!(
        texts(&d),
        [
            "วัตถุประสงค์",
            // decimal "%1." with a second level "%1.%2" that restarts under each item
            "1. เพื่อป้องกันการทุจริต",
            "1.1 ผู้บริหาร",
            "1.2 พนักงาน",
            "2. เพื่อสร้างความโปร่งใส",
            "2.1 ประชาชน",
            "เป้าหมาย",
            // thaiNumbers "%1)"
            "๑) ลดคดีทุจริต",
            "๒) ผ่านเกณฑ์ ITA",
            "๓) ประชาชนมีส่วนร่วม",
            "ตัวชี้วัด (เริ่มนับใหม่)",
            // same abstract list, new w:num with startOverride: restarts at ๑
            "๑) ร้อยละความพึงพอใจ",
            "๒) จำนวนเรื่องร้องเรียน",
            "ขั้นตอน",
            // thaiLetters
            "ก. วางแผน",
            "ข. ดำเนินการ",
            // bullets: direct numPr, and the List Bullet style's numPr
            "- ประกาศการจัดซื้อ",
            "- สรุปผล",
        ]
    );
}

#[test]
fn revisions_fields_textboxes() {
    let d = fixture("revisions_fields");
    assert_eq!(
        texts(&d),
        [
            "ส่วนที่ 1 บทนำ",
            "1. **ชื่อโครงการ:** โครงการอบรม",
            // w:del out, w:ins in
            "งบประมาณ 20,000 บาท",
            // PAGE (complex field) and NUMPAGES (fldSimple) results dropped
            "หน้า ",
            // w:tab → TAB; w:br → a new line
            "ระยะเวลา\tปีงบประมาณ 2566",
            "ถึง 2570",
            // text box after its anchor paragraph, read once (mc:Fallback skipped)
            "ผังงาน",
            "ข้อความในกล่อง",
            // picture alt text (wp:docPr/@descr)
            "[image: กรอบลายไทย]",
            "จบ",
        ]
    );
    // Whole-paragraph bold → hint; partly bold → ** markers, no hint.
    assert!(d.lines[0].hints.bold);
    assert!(!d.lines[1].hints.bold);
    // The header's text is not in the body.
    assert!(!texts(&d).iter().any(|l| l.contains("หัวกระดาษ")));
    assert!(d.warnings.iter().any(|w| w.code == "docx_tracked_changes"));
}
