//! Top-level values of the four text documents (DOCUMENTS.md §1.5, §1.3,
//! §2.1) and the not-a-plan cases (§1.2).

use std::path::Path;
use thaiplan::extract::ExtractOptions;
use thaiplan::model::{DocKind, NormDoc};
use thaiplan::recognize::{meta, Lines, Meta};

fn corpus(name: &str) -> String {
    format!(
        "{}/../shared/corpus/text/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn norm_bytes(name: &str, bytes: &[u8]) -> NormDoc {
    thaiplan::pipeline::normalized_text(Path::new(name), bytes, &ExtractOptions::default())
        .expect("normalises")
}

fn meta_of(doc: &NormDoc) -> Meta {
    meta::recognize(&Lines::new(doc))
}

fn meta_file(name: &str) -> Meta {
    let p = corpus(name);
    let bytes = std::fs::read(&p).expect("corpus file");
    meta_of(&norm_bytes(&p, &bytes))
}

#[test]
fn meta_000_full_plan() {
    let m = meta_file("000_c8f04830a1ea0035.txt");
    assert_eq!(m.doc_kind, DocKind::Plan);
    assert_eq!(
        m.title.as_deref(),
        Some("แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ.2566 – 2570)")
    );
    assert_eq!(
        m.organization.name.as_deref(),
        Some("องค์การบริหารส่วนตำบลตรัง")
    );
    assert_eq!(m.organization.kind.as_deref(), Some("อบต"));
    assert_eq!(m.organization.district.as_deref(), Some("มายอ"));
    // ตรัง in the name is not the province.
    assert_eq!(m.organization.province.as_deref(), Some("ปัตตานี"));
    assert_eq!(
        m.organization
            .source_span
            .map(|s| (s.line_start, s.line_end)),
        Some((10, 11))
    );
    assert_eq!(m.fiscal_years, vec![2566, 2567, 2568, 2569, 2570]);
    // The body misspells the name (ตั้ง ×74 ...): a warning counts them.
    let w = m
        .warnings
        .iter()
        .find(|w| w.code == "organization_name_variants")
        .expect("variants warning");
    assert!(w.message.contains("ตั้ง"), "{}", w.message);
}

#[test]
fn meta_002_ita_report() {
    let m = meta_file("002_6cb85bbd8efcfe0c.txt");
    assert_eq!(m.doc_kind, DocKind::Report);
    assert_eq!(
        m.title.as_deref(),
        Some("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรม และความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ 2568")
    );
    assert_eq!(
        m.organization.name.as_deref(),
        Some("องค์การบริหารส่วนตำบลตะขบ")
    );
    assert_eq!(m.organization.kind.as_deref(), Some("อบต"));
    assert_eq!(m.organization.district, None);
    assert_eq!(m.organization.province, None);
    assert_eq!(m.fiscal_years, vec![2568]);
    // L5 says 2567 under the 2568 title.
    assert!(m
        .warnings
        .iter()
        .any(|w| w.code == "fiscal_year_clash" && w.message.contains("2567")));
}

#[test]
fn meta_003_excerpt() {
    let m = meta_file("003_48a6fdefb7483585.txt");
    assert_eq!(m.doc_kind, DocKind::Plan);
    assert_eq!(m.title, None);
    assert_eq!(
        m.organization.name.as_deref(),
        Some("องค์การบริหารส่วนตำบลจอมประทัด")
    );
    assert_eq!(m.organization.kind.as_deref(), Some("อบต"));
    assert_eq!(m.organization.district, None);
    assert_eq!(m.organization.province, None);
    assert_eq!(m.fiscal_years, vec![2562, 2563, 2564]);
}

#[test]
fn meta_004_memo_report() {
    let m = meta_file("004_3a9855a8704ba7b3.txt");
    assert_eq!(m.doc_kind, DocKind::Report);
    assert_eq!(
        m.title.as_deref(),
        Some("รายงานผลการดำเนินการตามแผนปฏิบัติการด้านการป้องกันและปราบปรามการทุจริต ประจำปีงบประมาณ พ.ศ. 2564")
    );
    assert_eq!(m.organization.name.as_deref(), Some("เทศบาลตำบลท่าแร่"));
    assert_eq!(m.organization.kind.as_deref(), Some("เทศบาลตำบล"));
    // The fullest form (L65), not the report heading's "อำเภอเมือง".
    assert_eq!(m.organization.district.as_deref(), Some("เมืองสกลนคร"));
    assert_eq!(m.organization.province.as_deref(), Some("สกลนคร"));
    assert_eq!(m.fiscal_years, vec![2564]);
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
    // A plan that states its LAO as an อบจ: จังหวัด inside the name is not a province.
    let m = meta_text(
        "แผนปฏิบัติการป้องกันการทุจริต\n(พ.ศ. 2566 - 2570)\n\nองค์การบริหารส่วนจังหวัดสกลนคร\n\nส่วนที่ 1 บทนำ\n",
    );
    assert_eq!(m.doc_kind, DocKind::Plan);
    assert_eq!(
        m.organization.name.as_deref(),
        Some("องค์การบริหารส่วนจังหวัดสกลนคร")
    );
    assert_eq!(m.organization.kind.as_deref(), Some("อบจ"));
    assert_eq!(m.organization.province, None);
    assert_eq!(m.fiscal_years, vec![2566, 2567, 2568, 2569, 2570]);
    // Thai digits, memo only.
    let m = meta_text(
        "บันทึกข้อความ\nส่วนราชการ สำนักปลัด\nที่ ๑/๒\nเรื่อง รายงานผลการดำเนินงาน ปี พ.ศ.๒๕๖๕\nเรียน นายก\n",
    );
    assert_eq!(m.doc_kind, DocKind::Report);
    assert_eq!(m.fiscal_years, vec![2565]);
}
