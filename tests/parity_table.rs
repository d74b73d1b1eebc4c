//! Split-style budget tables (one printed line per physical row, §3.3):
//! the remark column wraps on its own, so a remark's tail can sit beside
//! the next project's first line. Fixture: fixtures/text/parity_table_remark_wrap.txt.

use std::path::Path;
use thaiplan::extract::ExtractOptions;
use thaiplan::model::{BudgetRow, Record};
use thaiplan::pipeline;

fn record(name: &str) -> Record {
    let p = format!("{}/fixtures/text/{name}", env!("CARGO_MANIFEST_DIR"));
    pipeline::process_path(Path::new(&p), &ExtractOptions::default()).expect("record")
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

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn remark_tail_beside_the_next_project_goes_back() {
    let r = record("parity_table_remark_wrap.txt");
    // "หน้า 100" is printed beside project 2's first line, but project 2's
    // own remark opens ("อยู่ใน …") one line further down.
    assert_eq!(
        row(&r, "1").note.as_deref().map(squash),
        Some(squash("อยู่ใน แผนพัฒนา ท้องถิ่น 2566 - 2570 หน้า 100"))
    );
    assert_eq!(
        row(&r, "2").note.as_deref().map(squash),
        Some(squash("อยู่ใน แผนพัฒนา หน้า 97"))
    );
    assert!(r.warnings.iter().any(|w| w.code == "remark_tail_moved"));
    // A remark of another wording with no remark opening after it is the
    // project's own.
    assert_eq!(row(&r, "3").note.as_deref(), Some("ไม่ใช้งบประมาณ"));
    assert_eq!(row(&r, "4").note, None);
    // Budgets and missions are unaffected.
    assert_eq!(row(&r, "2").budgets, vec![Some(30000.0); 3]);
    assert_eq!(row(&r, "2").mission.as_deref(), Some("1.2"));
    assert_eq!(
        row(&r, "4").budgets,
        vec![Some(0.0), Some(5000.0), Some(0.0)]
    );
}
