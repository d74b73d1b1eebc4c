//! Other line shapes of the same documents: the narrative and memo as
//! `pdftotext` prints 004's PDF (visual lines: wrapped titles and subject,
//! page numbers, bullet glyphs, Thai digits), and 002/004 read paragraph by
//! paragraph from their DOCX (no blank lines, tables as TAB rows).
//! Fixtures in fixtures/report/ were made from ../shared/corpus
//! (pdftotext 22.12 plain; a DOCX paragraph/table walk).

mod report_support;
use report_support::*;

fn fixture(name: &str) -> (thaiplan::model::Report, Vec<thaiplan::model::Warning>) {
    recognize_path(
        &std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/report"))
            .join(name),
    )
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn pdf_lines_004_narrative_and_memo() {
    let (r, w) = fixture("004_pdftotext_plain.txt");
    assert_eq!(r.fiscal_year, Some(2564));
    assert_eq!(
        r.period_text.as_deref(),
        Some("รอบ 6 เดือน (ตุลาคม 2563 – มีนาคม 2564)")
    );
    let m = r.memo.expect("memo");
    assert_eq!(m.reference.as_deref(), Some("สน 52301/179"));
    // The subject wraps onto a second visual line.
    assert!(squash(m.subject.as_deref().unwrap_or("")).ends_with("และปราบปรามการทุจริตปีพ.ศ.2564"));
    let a = &r.activities;
    assert_eq!(a.len(), 45);
    let numbers: Vec<Option<u32>> = a.iter().map(|x| x.number).collect();
    let mut expected: Vec<Option<u32>> = (1..=38).map(Some).collect();
    expected.extend([Some(38), Some(40), None, Some(42), Some(43), None, None]);
    assert_eq!(numbers, expected);
    // Titles wrapped over three visual lines (item 14) are joined.
    assert!(squash(&a[13].name).ends_with("จัดการการเงินบุคคลสาธารณะธรรมาภิบาล"));
    // "- 2.3.1" printed with a bullet glyph is still the mission.
    assert_eq!(a[18].mission.as_deref(), Some("2.3.1"));
    let per_dim: Vec<usize> = (1..=4)
        .map(|d| a.iter().filter(|x| x.dimension == Some(d)).count())
        .collect();
    assert_eq!(per_dim, vec![6, 23, 11, 5]);
    assert!(w
        .iter()
        .any(|w| w.code == "numbering_gap" && w.message.contains("39")));
}

#[test]
fn docx_paragraphs_004() {
    let (r, _) = fixture("004_docx_paragraphs.txt");
    assert_eq!(
        r.summary_total.as_ref().and_then(|t| t.budget_plan),
        Some(160000.0)
    );
    assert_eq!(
        r.status.as_ref().and_then(|s| s.implementation_pct),
        Some(83.33)
    );
    assert_eq!(r.activities.len(), 45);
    // The disbursement table's repeated header sits inside one DOCX table.
    let disb = r
        .extra_tables
        .iter()
        .find(|t| t.kind == "disbursement")
        .expect("disbursement");
    assert_eq!((disb.rows.len(), disb.total.is_some()), (4, true));
}

#[test]
fn docx_paragraphs_002() {
    let (r, _) = fixture("002_docx_paragraphs.txt");
    assert_eq!(r.ita_score, Some(92.22));
    let s: Vec<Vec<f64>> = r.measures.iter().map(|m| m.ita_scores.clone()).collect();
    assert_eq!(
        s,
        vec![vec![88.83], vec![], vec![98.67, 89.76], vec![], vec![88.84]]
    );
}

/// Pages 12–21 of 004's scan read by `tesseract -l tha` (200 dpi): Thai
/// digits misread, marks dropped from labels ("การดาเนนการ"), "๗." read as
/// "ฆ.", decomposed sara am, stray digits between lines.
#[test]
fn ocr_pages_004_items_survive() {
    let (r, w) = fixture("004_scan_p12-21_tesseract.txt");
    let a = &r.activities;
    assert_eq!(a.len(), 14);
    assert!(a.iter().all(|x| x.action_label.is_some()));
    assert_eq!(a.iter().filter(|x| x.result_label.is_some()).count(), 13);
    assert_eq!((a[6].number, a[6].mission.as_deref()), (None, Some("2.1")));
    assert_eq!(
        a[10].name,
        "กิจกรรม “ควบคุมการเบิกจ่ายเงินตามข้อบัญญัติงบประมาณรายจ่าย ประจำปี”"
    );
    // Misread years and rounds are not taken: "๒๕๒๐๕", "รอบ ๒ เดือน".
    assert_eq!((r.fiscal_year, r.period_months), (None, None));
    assert!(w.iter().any(|w| w.code == "period_months"));
}

/// Text, DOCX and PDF of 004 give the same checks, failing the same way
/// (the PDF prints the ordinance table's header on the page before: it is
/// assumed, with a warning).
#[test]
fn checks_agree_across_forms_004() {
    let sig = |rec: &thaiplan::model::Record| -> Vec<(String, String, Option<bool>)> {
        // Column names in scopes may differ by a wrap space between forms.
        rec.checks
            .iter()
            .map(|c| (c.rule.clone(), squash(&c.scope), c.ok))
            .collect()
    };
    let text = checked(C004);
    assert_eq!(
        text.checks.iter().filter(|c| c.ok == Some(false)).count(),
        5
    );
    for rel in [
        "docx/004_3a9855a8704ba7b3.docx",
        "pdf/004_3a9855a8704ba7b3.pdf",
    ] {
        let rec = checked_path(&corpus(rel));
        assert_eq!(sig(&rec), sig(&text), "{rel}");
    }
}
