//! End to end: the four shared text documents through the pipeline, scored
//! against ../shared/corpus/gold. Prints the table (`cargo test --test
//! eval_corpus -- --nocapture`); asserts metadata and the
//! budget table against the gold; fixed values are pinned in fixtures/corpus.

use std::path::Path;
use thaiplan::eval::{self, Category};
use thaiplan::extract::ExtractOptions;

#[test]
fn eval_text_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut recs = Vec::new();
    for stem in [
        "000_c8f04830a1ea0035",
        "002_6cb85bbd8efcfe0c",
        "003_48a6fdefb7483585",
        "004_3a9855a8704ba7b3",
    ] {
        let p = root.join("text").join(format!("{stem}.txt"));
        let rec =
            thaiplan::pipeline::process_path(&p, &ExtractOptions::default()).expect("text record");
        recs.push(serde_json::to_value(&rec).expect("serialises"));
    }
    let mut problems = Vec::new();
    let gold = eval::load_gold(&root.join("gold"), &mut problems).expect("gold");
    assert!(problems.is_empty(), "{problems:?}");
    let res = eval::evaluate(&gold, &recs);
    println!("{}", eval::render(&res, false));
    assert_eq!(res.documents.len(), 4);
    assert!(res.unscored.is_empty());
    let meta = res.categories[&Category::Metadata];
    // 7 metadata fields per document; 003's gold title "ส่วนที่ 3" is
    // null by docs/grammar.md §1.5 and stays a miss.
    assert_eq!(meta.total, 28);
    assert!(meta.accuracy().unwrap_or(0.0) >= 0.9, "metadata {meta:?}");
    // Every budget cell and total of 000's table equals the gold (a gold
    // null is a cell filled from its stated total and marked inferred);
    // the values themselves are pinned in fixtures/corpus/text/000_*.expect.json.
    let cells = res.categories[&Category::BudgetCells];
    assert_eq!((cells.correct, cells.total), (100, 100), "budget cells");
    let totals = res.categories[&Category::Totals];
    assert_eq!(totals.correct, totals.total, "totals {totals:?}");
}
