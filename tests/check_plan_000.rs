//! Plan checks on 000 (docs/grammar.md §3.8): totals, project counts and
//! Part-3 blocks vs the Part-2 table. The blocks are built from the gold
//! file's `project_details` so this test does not depend on the Part-3
//! recogniser.

use std::path::Path;
use thaiplan::check;
use thaiplan::extract::ExtractOptions;
use thaiplan::model::{Check, Extraction, OcrPage, Project, Record, SourceSpan};
use thaiplan::pipeline;
use thaiplan::recognize::{self, StatedCount};

const TEXT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/text/000_c8f04830a1ea0035.txt"
);
const GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/gold/000_c8f04830a1ea0035.json"
);

fn gold_blocks() -> Vec<Project> {
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(GOLD).unwrap()).unwrap();
    gold["project_details"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, p)| Project {
            number: p["number"].as_u64().map(|n| n as u32),
            dimension: p["dimension"].as_u64().map(|n| n as u8),
            mission: p["mission"].as_str().map(String::from),
            name: p["name"].as_str().unwrap().to_string(),
            budget_baht: p["budget_baht"].as_f64(),
            source_span: SourceSpan::line(200 + i * 50, None),
            ..Default::default()
        })
        .collect()
}

/// 000's record with Part-3 blocks from gold, checks recomputed.
fn record_000(blocks: Vec<Project>) -> (Record, Vec<StatedCount>) {
    let path = Path::new(TEXT);
    let bytes = std::fs::read(path).unwrap();
    let doc = pipeline::normalized_text(path, &bytes, &ExtractOptions::default()).unwrap();
    let stated = recognize::recognize(&doc).stated_counts;
    let mut rec = pipeline::record_from_norm(TEXT, "x".into(), &doc);
    rec.organization.name = Some("องค์การบริหารส่วนตำบลตรัง".into());
    rec.projects = blocks;
    rec.checks.clear();
    rec.warnings.clear();
    check::run(&mut rec, &stated);
    (rec, stated)
}

fn find<'a>(rec: &'a Record, rule: &str, scope: &str) -> &'a Check {
    rec.checks
        .iter()
        .find(|c| c.rule == rule && c.scope == scope)
        .unwrap_or_else(|| {
            panic!(
                "no {rule} check '{scope}' in {:#?}",
                rec.checks.iter().map(|c| &c.scope).collect::<Vec<_>>()
            )
        })
}

#[test]
fn totals_all_ok() {
    let (rec, _) = record_000(gold_blocks());
    let d2 = find(&rec, "dimension_total", "dimension 2, 2567");
    assert_eq!(
        (d2.stated, d2.computed, d2.ok),
        (Some(20000.0), Some(20000.0), Some(true))
    );
    let g = find(&rec, "grand_total", "grand total, 2570: rows");
    assert_eq!(
        (g.stated, g.computed, g.ok),
        (Some(120000.0), Some(120000.0), Some(true))
    );
    let g = find(&rec, "grand_total", "grand total, 2566: dimension totals");
    assert_eq!(g.ok, Some(true));
    let n = rec
        .checks
        .iter()
        .filter(|c| c.rule == "dimension_total")
        .count();
    assert_eq!(n, 20, "4 dimensions × 5 years");
    for c in rec
        .checks
        .iter()
        .filter(|c| c.rule == "dimension_total" || c.rule == "grand_total")
    {
        assert_eq!(c.ok, Some(true), "{c:?}");
    }
}

#[test]
fn project_counts_ok() {
    let (rec, stated) = record_000(gold_blocks());
    // Preface L21 (20), L23–29 (4/9/2/5), Part-2 prose L127 (20).
    let mut got: Vec<(Option<u8>, u32, String, usize)> = stated
        .iter()
        .map(|s| {
            (
                s.dimension,
                s.count,
                s.context.clone(),
                s.source_span.line_start,
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (None, 20, "part2_prose".into(), 127),
            (None, 20, "preface".into(), 21),
            (Some(1), 4, "preface".into(), 23),
            (Some(2), 9, "preface".into(), 25),
            (Some(3), 2, "preface".into(), 27),
            (Some(4), 5, "preface".into(), 29),
        ]
    );
    let c = find(&rec, "project_count", "plan: preface vs Part-3 blocks");
    assert_eq!(
        (c.stated, c.computed, c.ok),
        (Some(20.0), Some(20.0), Some(true))
    );
    let c = find(
        &rec,
        "project_count",
        "dimension 2: total row vs table rows",
    );
    assert_eq!(
        (c.stated, c.computed, c.ok),
        (Some(9.0), Some(9.0), Some(true))
    );
    let c = find(&rec, "project_count", "plan: grand total row vs table rows");
    assert_eq!(
        (c.stated, c.computed, c.ok),
        (Some(20.0), Some(20.0), Some(true))
    );
    for c in rec.checks.iter().filter(|c| c.rule == "project_count") {
        assert_eq!(c.ok, Some(true), "{c:?}");
    }
}

#[test]
fn detail_vs_table_fails_for_14_and_8() {
    let (rec, _) = record_000(gold_blocks());
    let dvt: Vec<&Check> = rec
        .checks
        .iter()
        .filter(|c| c.rule == "detail_vs_table")
        .collect();
    assert_eq!(dvt.len(), 20, "every row joins its block: {dvt:#?}");
    let c14 = find(&rec, "detail_vs_table", "project 14 (block 14)");
    assert_eq!(
        (c14.stated, c14.computed, c14.ok),
        (Some(20000.0), Some(30000.0), Some(false))
    );
    let c8 = find(&rec, "detail_vs_table", "project 8 (block 8)");
    assert_eq!(
        (c8.stated, c8.computed, c8.ok),
        (Some(20000.0), Some(0.0), Some(false))
    );
    let c3 = find(&rec, "detail_vs_table", "project 3 (block 3)");
    assert_eq!(
        (c3.stated, c3.computed, c3.ok),
        (Some(30000.0), Some(30000.0), Some(true))
    );
    let failed: Vec<&str> = dvt
        .iter()
        .filter(|c| c.ok != Some(true))
        .map(|c| c.scope.as_str())
        .collect();
    assert_eq!(failed, vec!["project 8 (block 8)", "project 14 (block 14)"]);
    assert!(!rec
        .warnings
        .iter()
        .any(|w| w.code == "table_row_without_block" || w.code == "block_without_table_row"));
}

#[test]
fn join_by_name_not_number() {
    // Blocks renumbered and reversed: the join still pairs by name, so
    // the table's 14 (โครงการจัดเวทีประชาคม) still meets the 30,000 block.
    let mut blocks = gold_blocks();
    blocks.reverse();
    for (i, b) in blocks.iter_mut().enumerate() {
        b.number = Some(i as u32 + 1);
    }
    let (rec, _) = record_000(blocks);
    let failed: Vec<(Option<f64>, Option<f64>)> = rec
        .checks
        .iter()
        .filter(|c| c.rule == "detail_vs_table" && c.ok == Some(false))
        .map(|c| (c.stated, c.computed))
        .collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(failed.contains(&(Some(20000.0), Some(30000.0))));
}

#[test]
fn missing_block_is_a_warning_not_a_guess() {
    let mut blocks = gold_blocks();
    blocks.retain(|b| b.number != Some(14));
    let (rec, _) = record_000(blocks);
    assert!(!rec
        .checks
        .iter()
        .any(|c| c.rule == "detail_vs_table" && c.scope.starts_with("project 14 ")));
    let w: Vec<&str> = rec
        .warnings
        .iter()
        .filter(|w| w.code == "table_row_without_block")
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("โครงการจัดเวทีประชาคม"));
    let c = find(&rec, "project_count", "plan: preface vs Part-3 blocks");
    assert_eq!((c.computed, c.ok), (Some(19.0), Some(false)));
    let c = find(&rec, "project_count", "plan: table rows vs Part-3 blocks");
    assert_eq!(
        (c.stated, c.computed, c.ok),
        (Some(20.0), Some(19.0), Some(false))
    );
}

#[test]
fn ocr_marks_checks_and_warns_on_failures() {
    let path = Path::new(TEXT);
    let bytes = std::fs::read(path).unwrap();
    let doc = pipeline::normalized_text(path, &bytes, &ExtractOptions::default()).unwrap();
    let stated = recognize::recognize(&doc).stated_counts;
    let mut rec = pipeline::record_from_norm(TEXT, "x".into(), &doc);
    rec.source.extraction = Extraction::Ocr;
    rec.source.ocr_pages = vec![OcrPage {
        page: 1,
        confidence: Some(80.0),
    }];
    rec.projects = gold_blocks();
    rec.checks.clear();
    rec.warnings.clear();
    check::run(&mut rec, &stated);
    assert!(rec.checks.iter().all(|c| c.ocr));
    let n_failed = rec.checks.iter().filter(|c| c.ok == Some(false)).count();
    let n_warn = rec
        .warnings
        .iter()
        .filter(|w| w.code == "ocr_check_failed")
        .count();
    assert_eq!((n_failed, n_warn), (2, 2));
}
