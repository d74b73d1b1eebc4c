//! PDF-form parity (issue 5): what the metadata and budget-table
//! recognisers must read the same from a PDF line stream as from the text
//! form. Pinned on the corpus PDFs (000, 002) and on synthetic line streams
//! in the shapes a PDF text layer gives: cover titles wrapped mid-phrase or
//! before their year, no blank lines, table rows merged into one.

use std::path::Path;
use thaiplan::extract::ExtractOptions;
use thaiplan::model::{BudgetRow, Record};
use thaiplan::pipeline;

fn corpus(form: &str, stem: &str) -> Record {
    let dir = format!("{}/../shared/corpus/{form}", env!("CARGO_MANIFEST_DIR"));
    let entry = std::fs::read_dir(&dir)
        .expect("corpus dir")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(stem))
        .expect("corpus file");
    pipeline::process_path(&entry.path(), &ExtractOptions::default()).expect("record")
}

/// A synthetic text line stream, read as a text document.
fn text_record(text: &str) -> Record {
    pipeline::process_bytes(
        Path::new("parity_synthetic.txt"),
        text.as_bytes(),
        &ExtractOptions::default(),
    )
    .expect("record")
}

/// Spaces carry no information between forms (a PDF wrap vs a DOCX run).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn row<'a>(r: &'a Record, number: &str) -> &'a BudgetRow {
    r.budget_table
        .as_ref()
        .expect("table")
        .rows
        .iter()
        .find(|x| x.number.as_deref() == Some(number))
        .unwrap_or_else(|| panic!("no row {number}"))
}

#[test]
fn pdf_000_cover_title_and_years_match_text() {
    let pdf = corpus("pdf", "000_");
    let txt = corpus("text", "000_");
    let title = pdf.title.as_deref().expect("PDF title");
    assert_eq!(
        squash(title),
        squash("แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ.2566 – 2570)")
    );
    assert_eq!(squash(title), squash(txt.title.as_deref().unwrap_or("")));
    assert_eq!(pdf.fiscal_years, vec![2566, 2567, 2568, 2569, 2570]);
    // The cover's LAO line right under the year span is not title.
    assert_eq!(
        pdf.organization.name.as_deref(),
        Some("องค์การบริหารส่วนตำบลตรัง")
    );
}

#[test]
fn pdf_002_title_year_wins_over_prose() {
    let pdf = corpus("pdf", "002_");
    let title = pdf.title.as_deref().expect("PDF title");
    assert!(
        squash(title).ends_with("ประจำปีงบประมาณ2568"),
        "title {title:?}"
    );
    // The prose under the title says 2567; the title's 2568 wins, warned.
    assert_eq!(pdf.fiscal_years, vec![2568]);
    assert!(pdf.warnings.iter().any(|w| w.code == "fiscal_year_clash"));
}

#[test]
fn pdf_000_dimension_1_missions_and_remarks_match_text() {
    let pdf = corpus("pdf", "000_");
    let txt = corpus("text", "000_");
    for n in ["1", "2", "3", "4"] {
        let (a, b) = (row(&pdf, n), row(&txt, n));
        assert_eq!(a.mission, b.mission, "row {n} mission");
        assert_eq!(
            a.note.as_deref().map(squash),
            b.note.as_deref().map(squash),
            "row {n} note"
        );
    }
    assert_eq!(row(&pdf, "3").mission.as_deref(), Some("1.1"));
    assert_eq!(row(&pdf, "3").note, None);
    assert_eq!(row(&pdf, "4").mission.as_deref(), Some("1.2"));
    assert_eq!(
        row(&pdf, "1").note.as_deref().map(squash),
        Some(squash("อยู่ใน แผนพัฒนา ท้องถิ่น 2566 - 2570 หน้า 100"))
    );
    assert_eq!(
        row(&pdf, "4").note.as_deref().map(squash),
        Some(squash("อยู่ใน แผนพัฒนา ท้องถิ่น 2566 - 2570 หน้า 97"))
    );
    // Money is untouched by the placement: project 3 is 30,000 a year.
    assert_eq!(row(&pdf, "3").budgets, vec![Some(30000.0); 5]);
}

#[test]
fn wrapped_cover_title_joins_up_to_its_year_span() {
    let r = text_record(
        "แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรม\n\
         และความโปร่งใส\n\
         (พ.ศ.2566 – 2570)\n\
         องค์การบริหารส่วนตำบลตรัง\n\
         อำเภอมายอ จังหวัดปัตตานี\n\
         คำนำ\n",
    );
    assert_eq!(
        r.title.as_deref().map(squash),
        Some(squash(
            "แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ.2566 – 2570)"
        ))
    );
    assert_eq!(r.fiscal_years, vec![2566, 2567, 2568, 2569, 2570]);
    assert_eq!(r.organization.district.as_deref(), Some("มายอ"));
}

#[test]
fn report_title_wrapped_before_its_year() {
    let r = text_record(
        "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรม และความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ\n\
         ๒๕๖๘\n\
         จากการประเมินคุณธรรม และความโปร่งใสในการดำเนินงานขององค์การบริหารส่วนตำบลตะขบ ได้รายงานผลการดำเนินงานมาตรการเพื่อส่งเสริมคุณธรรม ประจำปีงบประมาณ พ.ศ.๒๕๖๗ ดังนี้\n",
    );
    assert_eq!(r.fiscal_years, vec![2568]);
    assert!(r
        .title
        .as_deref()
        .is_some_and(|t| squash(t).ends_with("ประจำปีงบประมาณ2568")));
}

#[test]
fn a_title_with_its_year_swallows_no_following_line() {
    // Complete titles stop: neither a plain short line nor the LAO joins.
    let r = text_record(
        "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ 2567\n\
         ฉบับทบทวน\n\
         เทศบาลตำบลท่าแร่\n",
    );
    assert_eq!(
        r.title.as_deref(),
        Some("แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ 2567")
    );
    // A title without a year does not take the LAO line as its tail.
    let r = text_record(
        "แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรม\n\
         องค์การบริหารส่วนตำบลตรัง\n\
         อำเภอมายอ จังหวัดปัตตานี\n",
    );
    assert_eq!(
        r.title.as_deref(),
        Some("แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรม")
    );
}
