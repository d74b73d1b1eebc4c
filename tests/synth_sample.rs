//! A small seeded sample of synthetic plans and reports (issue 12,
//! `thaiplan synth`), read as text dumps and DOCX: accuracy per variant
//! class and form must stay at or above the floors in
//! `tests/data/synth_floors.tsv` (measured, see docs/decisions.md; raise a
//! floor when a recogniser improves), and every record must validate
//! against the schema. The long run over hundreds of documents and the PDF
//! forms is `scripts/synth_eval.sh SEED N text,docx,pdf`.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use thaiplan::cli::synth::{by_class, render};
use thaiplan::extract::{ExtractOptions, OcrMode};

const SEED: u64 = 12;
const COUNT: usize = 40;

fn records() -> (BTreeMap<String, (String, Value)>, Vec<Value>) {
    let docs = thaiplan::synth::generate(SEED, COUNT);
    let opts = ExtractOptions {
        ocr: OcrMode::Never,
        ..Default::default()
    };
    let mut gold = BTreeMap::new();
    let mut recs = Vec::new();
    for d in &docs {
        gold.insert(d.name.clone(), (format!("{}.json", d.name), d.gold.clone()));
        let forms: [(String, Vec<u8>); 2] = [
            (
                format!("text/{}.txt", d.name),
                thaiplan::synth::render::text(d).into_bytes(),
            ),
            (
                format!("docx/{}.docx", d.name),
                thaiplan::synth::render::docx(d),
            ),
        ];
        for (path, bytes) in forms {
            let rec = thaiplan::pipeline::process_bytes(Path::new(&path), &bytes, &opts)
                .unwrap_or_else(|e| panic!("{path}: {}", e.message));
            recs.push(serde_json::to_value(&rec).expect("record serialises"));
        }
    }
    (gold, recs)
}

#[test]
fn synthetic_accuracy_per_class_and_form() {
    let (gold, recs) = records();
    let t = by_class(&gold, &recs);
    let table = render(&t);
    if std::env::var_os("THAIPLAN_UPDATE_FLOORS").is_some() {
        // rewrite the floors from this run, for review in the diff
        let mut o = String::from(
            "# class\tform\tmin accuracy (measured on seed 12 × 40 documents, floored to 0.01)\n",
        );
        for ((c, f), (s, _)) in &t.cells {
            if let Some(a) = s.accuracy() {
                o.push_str(&format!("{c}\t{f}\t{:.2}\n", (a * 100.0).floor() / 100.0));
            }
        }
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/synth_floors.tsv");
        std::fs::write(p, o).expect("floors written");
        return;
    }
    let floors = include_str!("data/synth_floors.tsv");
    let mut low = Vec::new();
    let mut checked = 0;
    for line in floors.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || f.len() != 3 {
            continue;
        }
        let min: f64 = f[2].parse().expect("floor is a number");
        match t.get(f[0], f[1]) {
            Some(a) => {
                checked += 1;
                if a + 1e-9 < min {
                    low.push(format!("{} {}: {a:.3} < {min}", f[0], f[1]));
                }
            }
            None => low.push(format!("{} {}: not in the sample", f[0], f[1])),
        }
    }
    assert!(checked >= 20, "only {checked} floors checked\n{table}");
    assert!(
        low.is_empty(),
        "below the floor:\n{}\n\n{table}",
        low.join("\n")
    );
}

#[test]
fn synthetic_records_are_schema_valid() {
    let (_, recs) = records();
    let schema: Value = serde_json::from_str(thaiplan::RECORD_SCHEMA).expect("schema is JSON");
    let v = jsonschema::draft202012::new(&schema).expect("schema compiles");
    let mut bad = Vec::new();
    for r in &recs {
        let p = r
            .pointer("/source/path")
            .and_then(Value::as_str)
            .unwrap_or("?");
        for e in v.iter_errors(r) {
            bad.push(format!("{p}: {e} at {}", e.instance_path));
        }
        // The pipeline removes a violating value with a `schema_violation`
        // warning; a removal is still a bug, so none may have happened.
        let warnings = r.pointer("/warnings").and_then(Value::as_array);
        for w in warnings.into_iter().flatten() {
            if w["code"] == "schema_violation" {
                bad.push(format!("{p}: {}", w["message"]));
            }
        }
    }
    // A violation is a bug (issue 12). Sub-items read as missions gave 16
    // (dimension 9) before class 2 was handled; none may remain.
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn synthesis_is_deterministic() {
    let a = thaiplan::synth::generate(SEED, 3);
    let b = thaiplan::synth::generate(SEED, 3);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(
            thaiplan::synth::render::text(x),
            thaiplan::synth::render::text(y)
        );
        assert_eq!(
            thaiplan::synth::render::docx(x),
            thaiplan::synth::render::docx(y)
        );
        assert_eq!(x.gold, y.gold);
    }
}
