//! Metadata of small documents and the not-a-plan cases (docs/grammar.md
//! §1.2). The four corpus documents' top-level values (§1.5, §1.3, §2.1)
//! are pinned in fixtures/corpus/*/*.expect.json.

use std::path::Path;
use thaiplan::extract::ExtractOptions;
use thaiplan::model::{DocKind, NormDoc};
use thaiplan::recognize::{meta, Lines, Meta};

fn meta_of(doc: &NormDoc) -> Meta {
    meta::recognize(&Lines::new(doc))
}

fn meta_text(s: &str) -> Meta {
    let lines: Vec<String> = s.split('\n').map(str::to_string).collect();
    let n = lines.len();
    let doc = NormDoc {
        format: thaiplan::model::Format::Text,
        extraction: thaiplan::model::Extraction::Text,
        pages: None,
        lines: thaiplan::normalize::normalize_lines(&lines, thaiplan::model::TextOrigin::Text)
            .lines,
        line_pages: vec![None; n],
        line_hints: vec![Default::default(); n],
        ocr_pages: Vec::new(),
        counts: Default::default(),
        warnings: Vec::new(),
    };
    meta_of(&doc)
}

#[test]
fn meta_not_a_plan() {
    // Empty, whitespace, Thai prose, binary junk: unknown, no org, no years.
    let prose = "วันนี้อากาศดีมาก ฉันไปตลาดกับแม่ ซื้อผลไม้หลายอย่าง\n\nตอนเย็นเราทำอาหารกินกันที่บ้าน ปี 2566 เป็นปีที่ดี\nองค์การบริหารส่วนตำบลตรังได้จัดงานวัด\n";
    for text in ["", "\n\n  \n", prose] {
        let m = meta_text(text);
        assert_eq!(m.doc_kind, DocKind::Unknown, "{text:?}");
        assert!(m.fiscal_years.is_empty());
        assert_eq!(m.organization.name, None);
        assert!(!m.warnings.is_empty());
    }
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    // Binary junk: the extractor refuses it (an error line) ...
    if let Ok(doc) = thaiplan::pipeline::normalized_text(
        Path::new("junk.txt"),
        &junk,
        &ExtractOptions::default(),
    ) {
        assert_eq!(meta_of(&doc).doc_kind, DocKind::Unknown);
    }
    // ... and its lossy decoding, fed straight to the recogniser, is unknown.
    let lossy = String::from_utf8_lossy(&junk).replace('\0', " ");
    let m = meta_text(&lossy);
    assert_eq!(m.doc_kind, DocKind::Unknown);
}

#[test]
fn meta_small_forms() {
    // A plan that states its LAO as an อบจ: จังหวัด inside the name is no
    // จังหวัด token, but an อบจ is named after its province (issue 12).
    let m = meta_text(
        "แผนปฏิบัติการป้องกันการทุจริต\n(พ.ศ. 2566 - 2570)\n\nองค์การบริหารส่วนจังหวัดสกลนคร\n\nส่วนที่ 1 บทนำ\n",
    );
    assert_eq!(m.doc_kind, DocKind::Plan);
    assert_eq!(
        m.organization.name.as_deref(),
        Some("องค์การบริหารส่วนจังหวัดสกลนคร")
    );
    assert_eq!(m.organization.kind.as_deref(), Some("อบจ"));
    assert_eq!(m.organization.province.as_deref(), Some("สกลนคร"));
    assert_eq!(m.fiscal_years, vec![2566, 2567, 2568, 2569, 2570]);
    // Thai digits, memo only.
    let m = meta_text(
        "บันทึกข้อความ\nส่วนราชการ สำนักปลัด\nที่ ๑/๒\nเรื่อง รายงานผลการดำเนินงาน ปี พ.ศ.๒๕๖๕\nเรียน นายก\n",
    );
    assert_eq!(m.doc_kind, DocKind::Report);
    assert_eq!(m.fiscal_years, vec![2565]);
}
