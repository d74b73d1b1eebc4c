//! The record schema (schemas/record.schema.json) against what the pipeline
//! writes: every corpus and fixture file, plus hand-built records that fill
//! every optional field (or leave every one empty), and RECORD.md's field
//! names.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use thaiplan::extract::{ExtractOptions, OcrMode};
use thaiplan::model::*;

/// An edit that must make a valid record fail the schema.
type Mutation = Box<dyn Fn(&mut Value)>;

fn schema() -> Value {
    serde_json::from_str(thaiplan::RECORD_SCHEMA).expect("schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("schema compiles")
}

fn errors(v: &jsonschema::Validator, rec: &Value) -> Vec<String> {
    v.iter_errors(rec)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files_under(&p, out);
        } else if p.is_file() {
            out.push(p);
        }
    }
}

/// Issue 12, "always schema-valid": every record the pipeline writes for the
/// shared corpus and for every fixture under fixtures/ (all areas, the
/// hostile inputs included) validates, with zero violations; and every
/// fixture whose expect file does not pin an `$error` gives a record (so a
/// fixture cannot drop out of this test by failing).
#[test]
fn schema_validates_every_pipeline_record() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in ["text", "docx", "pdf"] {
        files_under(&root.join("../shared/corpus").join(d), &mut files);
    }
    files_under(&root.join("fixtures"), &mut files);
    assert!(files.len() >= 12, "corpus not found: {files:?}");
    let v = validator();
    // OCR is slow and may be absent; the scan fixture is OCR-only (below).
    let opts = ExtractOptions {
        ocr: OcrMode::Never,
        ..Default::default()
    };
    let mut validated = 0;
    let mut per_area: BTreeMap<String, usize> = BTreeMap::new();
    let mut bad = Vec::new();
    let mut lost = Vec::new();
    for f in &files {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let is_fixture_input = f.starts_with(root.join("fixtures"))
            && !matches!(ext, "json" | "jsonl" | "md")
            && !name.starts_with("README");
        let rec = match thaiplan::pipeline::process_path(f, &opts) {
            Ok(rec) => rec,
            Err(e) => {
                let expect = f.with_extension("expect.json");
                let pinned_error =
                    std::fs::read_to_string(&expect).is_ok_and(|t| t.contains("\"$error\""));
                if is_fixture_input && !pinned_error && !f.starts_with(root.join("fixtures/scan")) {
                    lost.push(format!("{}: {}", f.display(), e.message));
                }
                continue;
            }
        };
        let json = serde_json::to_value(&rec).expect("record serialises");
        let errs = errors(&v, &json);
        if !errs.is_empty() {
            bad.push(format!("{}: {}", f.display(), errs.join("; ")));
        }
        // The pipeline repairs a violation before anyone sees it; a repair
        // is still a bug, so none may have happened.
        for w in rec
            .warnings
            .iter()
            .filter(|w| w.code == WarningCode::SchemaViolation)
        {
            bad.push(format!("{}: {}", f.display(), w.message));
        }
        validated += 1;
        if let Ok(rel) = f.strip_prefix(root.join("fixtures")) {
            let area = rel
                .components()
                .next()
                .map(|c| c.as_os_str().to_string_lossy().into_owned());
            *per_area.entry(area.unwrap_or_default()).or_default() += 1;
        }
    }
    assert!(
        bad.is_empty(),
        "{} record(s) fail the schema (zero allowed):\n{}",
        bad.len(),
        bad.join("\n")
    );
    assert!(
        lost.is_empty(),
        "fixtures that gave no record:\n{}",
        lost.join("\n")
    );
    // The four text documents at least must produce records.
    assert!(validated >= 4, "only {validated} records");
    for area in ["corpus", "docx", "hostile", "pdf", "report", "text"] {
        assert!(
            per_area.get(area).copied().unwrap_or(0) > 0,
            "no record from fixtures/{area}: {per_area:?}"
        );
    }
}

fn span(a: usize, b: usize) -> SourceSpan {
    SourceSpan {
        page: Some(2),
        line_start: a,
        line_end: b,
        ocr_confidence: Some(87),
    }
}

/// Every optional field filled, every list non-empty.
fn full_record() -> Record {
    let mut fields = BTreeMap::new();
    fields.insert("ชื่อโครงการ".to_string(), Some("โครงการ ก".to_string()));
    fields.insert("ผลผลิต/ผลลัพธ์".to_string(), None);
    let mut norm = NormalizationCounts::new();
    norm.insert("thai_digits".into(), 12);
    let summary = SummaryRow {
        dimension: Some(2),
        projects_planned: Some(28.0),
        projects_done: Some(23.0),
        budget_plan: Some(40000.0),
        budget_ordinance: Some(15000.0),
        budget_spent: Some(15000.0),
        pct_projects: Some(82.14),
        pct_budget: Some(37.5),
        source_span: span(71, 71),
    };
    Record {
        schema_version: SCHEMA_VERSION.into(),
        source: Source {
            path: "a/b.pdf".into(),
            sha256: "0".repeat(64),
            format: Format::Pdf,
            pages: Some(3),
            extraction: Extraction::Ocr,
            lao_code: Some("6940101".into()),
            ocr_pages: vec![
                OcrPage {
                    page: 1,
                    confidence: Some(88.5),
                },
                OcrPage {
                    page: 2,
                    confidence: None,
                },
            ],
        },
        doc_kind: DocKind::Report,
        title: Some("รายงานผล".into()),
        organization: Organization {
            name: Some("เทศบาลตำบลท่าแร่".into()),
            kind: Some("เทศบาลตำบล".into()),
            district: Some("เมืองสกลนคร".into()),
            province: Some("สกลนคร".into()),
            province_code: Some("47".into()),
            district_code: Some("4701".into()),
            subdistrict_code: None,
            area_match: thaiplan::model::AreaMatch::Ambiguous,
            area_candidates: vec!["470107".into(), "470202".into()],
            source_span: Some(span(65, 65)),
        },
        fiscal_years: vec![2564],
        sections: vec![Section {
            kind: SectionKind::Mission,
            code: Some("2.2.1".into()),
            title: Some("t".into()),
            source_span: span(5, 6),
        }],
        budget_table: Some(BudgetTable {
            years: vec![2566, 2567],
            rows: vec![BudgetRow {
                dimension: Some(2),
                mission: Some("2.2".into()),
                number: Some("8".into()),
                name: "มาตรการ".into(),
                budgets: vec![Some(20000.0), None],
                note: Some("หมายเหตุ".into()),
                inferred: vec![false, true],
                source_span: span(140, 141),
            }],
            dimension_totals: vec![DimensionTotal {
                dimension: Some(2),
                projects: Some(9),
                budgets: vec![Some(20000.0), None],
                source_span: span(150, 150),
            }],
            grand_total: Some(GrandTotal {
                projects: Some(20),
                budgets: vec![Some(120000.0), Some(0.0)],
                source_span: span(160, 160),
            }),
        }),
        projects: vec![Project {
            number: Some(3),
            dimension: Some(1),
            mission: Some("1.1.1".into()),
            kind: Some("โครงการ".into()),
            name: "โครงการ ก".into(),
            rationale: Some("r".into()),
            objectives: vec!["o".into()],
            target_group: Some("t".into()),
            area: Some("a".into()),
            method: vec!["m".into()],
            period_text: Some("ปีงบประมาณ 2566".into()),
            period_years: vec![2566],
            budget_text: Some("ปีละ 30,000 บาท รวม 150,000 บาท".into()),
            budget_baht: Some(30000.0),
            budget_total_baht: Some(150000.0),
            responsible: Some("สำนักปลัด".into()),
            indicators: vec!["i".into()],
            outputs: vec!["out".into()],
            outcomes: vec!["oc".into()],
            fields,
            field_labels: vec!["ชื่อโครงการ".into(), "ผลผลิต/ผลลัพธ์".into()],
            source_span: span(170, 220),
        }],
        report: Some(Report {
            fiscal_year: Some(2564),
            period_text: Some("รอบ 6 เดือน".into()),
            period_months: Some(6),
            ita_score: Some(92.22),
            memo: Some(Memo {
                department: Some("d".into()),
                reference: Some("สน 52301/179".into()),
                date_text: Some("31 มีนาคม 2564".into()),
                subject: Some("s".into()),
                addressee: Some("a".into()),
                source_span: Some(span(5, 15)),
            }),
            measures: vec![Measure {
                name: "n".into(),
                method_text: Some("m".into()),
                responsible: Some("r".into()),
                period_text: Some("p".into()),
                result_text: Some("x".into()),
                outcome_text: Some("y".into()),
                ita_scores: vec![98.67, 89.76],
                ita_score_changes: vec![8.91],
                name_as_printed: Some("ก ร ะ บ ว น ก า ร".into()),
                source_span: span(12, 14),
            }],
            dimension_summary: vec![summary.clone()],
            summary_total: Some(SummaryRow {
                dimension: None,
                ..summary
            }),
            status: Some(Status {
                projects_initial: Some(54.0),
                projects_total: Some(65.0),
                in_ordinance: Some(1.0),
                in_progress: Some(0.0),
                done: Some(45.0),
                not_possible: Some(0.0),
                implementation_pct: Some(83.33),
                implementation_level: Some("มาก".into()),
                source_span: Some(span(101, 102)),
            }),
            activities: vec![Activity {
                number: Some(38),
                dimension: Some(4),
                mission: Some("4.2.2".into()),
                name: "กิจกรรม".into(),
                action_text: Some("a".into()),
                result_text: Some("r".into()),
                number_printed: Some("38.".into()),
                action_label: Some("การดำเนินการ".into()),
                result_label: Some("ผลการดำเนินการ".into()),
                source_span: span(843, 858),
            }],
            ita_level_text: Some("ระดับคะแนนผ่านดี".into()),
            data_as_of_text: Some("ข้อมูล ณ วันที่ 05 เมษายน 2564".into()),
            measure_columns: vec!["มาตรการ/ กิจกรรม".into()],
            summary_columns: vec!["โครงการ ตามแผน".into()],
            extra_tables: vec![thaiplan::model::ReportTable {
                kind: "plan".into(),
                title: Some("โครงการ/งบประมาณ (ตามแผนพัฒนาท้องถิ่น)".into()),
                columns: vec!["โครงการ".into(), "งบประมาณ".into()],
                rows: vec![thaiplan::model::ReportTableRow {
                    dimension: Some(1),
                    values: vec![Some(17.0), None],
                    source_span: span(80, 80),
                }],
                total: None,
            }],
        }),
        checks: vec![
            Check {
                rule: "pct".into(),
                scope: "dimension 4".into(),
                stated: Some(100.0),
                computed: None,
                ok: None,
                source_span: Some(span(73, 73)),
                ocr: true,
            },
            Check {
                rule: "grand_total".into(),
                scope: "2566".into(),
                stated: Some(1.0),
                computed: Some(1.0),
                ok: Some(true),
                source_span: None,
                ocr: false,
            },
        ],
        warnings: vec![
            Warning::new(WarningCode::EmptyText, "m", Some(span(1, 1))),
            Warning::new(WarningCode::NoText, "m2", None),
        ],
        normalization: norm,
        corrections: Vec::new(),
    }
}

/// Every optional field empty or null.
fn empty_record() -> Record {
    Record {
        schema_version: SCHEMA_VERSION.into(),
        source: Source {
            path: "x.txt".into(),
            sha256: "a".repeat(64),
            format: Format::Text,
            pages: None,
            extraction: Extraction::Text,
            lao_code: None,
            ocr_pages: vec![],
        },
        doc_kind: DocKind::Unknown,
        title: None,
        organization: Organization::default(),
        fiscal_years: vec![],
        sections: vec![],
        budget_table: None,
        projects: vec![Project {
            source_span: span(1, 1),
            ..Default::default()
        }],
        report: Some(Report {
            memo: Some(Memo::default()),
            status: Some(Status::default()),
            ..Default::default()
        }),
        checks: vec![],
        warnings: vec![],
        normalization: NormalizationCounts::new(),
        corrections: Vec::new(),
    }
}

#[test]
fn schema_accepts_full_and_empty_records() {
    let v = validator();
    for rec in [full_record(), empty_record()] {
        let json = serde_json::to_value(&rec).expect("serialises");
        let errs = errors(&v, &json);
        assert!(errs.is_empty(), "{errs:?}\n{json:#}");
    }
}

#[test]
fn schema_rejects_drift() {
    let v = validator();
    let good = serde_json::to_value(full_record()).expect("serialises");
    let mutations: Vec<(&str, Mutation)> = vec![
        (
            "unknown top-level field",
            Box::new(|r| r["extra"] = Value::Bool(true)),
        ),
        (
            "doc_kind outside the enum",
            Box::new(|r| r["doc_kind"] = "memo".into()),
        ),
        (
            "money as a string",
            Box::new(|r| r["budget_table"]["rows"][0]["budgets"][0] = "20,000".into()),
        ),
        (
            "missing source.sha256",
            Box::new(|r| {
                r["source"].as_object_mut().map(|o| o.remove("sha256"));
            }),
        ),
        (
            "dimension 5",
            Box::new(|r| r["projects"][0]["dimension"] = 5.into()),
        ),
        (
            "organization kind not in the table",
            Box::new(|r| r["organization"]["kind"] = "อบต.".into()),
        ),
        (
            "period_months 3",
            Box::new(|r| r["report"]["period_months"] = 3.into()),
        ),
        (
            "misspelt span key",
            Box::new(|r| r["sections"][0]["source_span"]["line_begin"] = 1.into()),
        ),
        (
            "check ok as a string",
            Box::new(|r| r["checks"][0]["ok"] = "yes".into()),
        ),
    ];
    for (what, m) in mutations {
        let mut r = good.clone();
        m(&mut r);
        assert!(!v.is_valid(&r), "schema accepted: {what}");
    }
}

/// Every property name anywhere in the schema.
fn schema_keys(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(o) => {
            if let Some(Value::Object(props)) = o.get("properties") {
                out.extend(props.keys().cloned());
            }
            for x in o.values() {
                schema_keys(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| schema_keys(x, out)),
        _ => {}
    }
}

#[test]
fn schema_has_every_record_md_field() {
    let md = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/spec/RECORD.md"
    ))
    .expect("RECORD.md");
    let mut keys = BTreeSet::new();
    schema_keys(&schema(), &mut keys);
    let ident = regex::Regex::new(r"`([a-z][a-z0-9_]*)`").expect("regex");
    let mut names = BTreeSet::new();
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let cols: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let (Some(first), Some(ty), Some(meaning)) = (cols.first(), cols.get(1), cols.get(2))
        else {
            continue;
        };
        if *first == "field" || first.starts_with("---") {
            continue;
        }
        names.insert(first.to_string());
        // Sub-fields of object-typed rows are listed in backticks.
        if ty.contains("object") {
            for c in ident.captures_iter(meaning) {
                names.insert(c[1].to_string());
            }
        }
    }
    assert!(names.len() > 60, "parsed only {} names", names.len());
    let missing: Vec<&String> = names.iter().filter(|n| !keys.contains(*n)).collect();
    assert!(
        missing.is_empty(),
        "RECORD.md fields missing from the schema: {missing:?}"
    );
}

/// A record that breaks the schema is never written as is (issue 12): each
/// offending value is removed with a `schema_violation` warning naming its
/// pointer, everything else stays, and the result validates.
#[test]
fn violating_values_are_removed_with_a_warning_and_the_rest_kept() {
    let v = validator();
    let mut rec = full_record();
    rec.projects[0].dimension = Some(9); // "9.1" read as a mission
    rec.fiscal_years = vec![2564, 3564]; // a digit misread
    if let Some(t) = rec.budget_table.as_mut() {
        t.rows[0].mission = Some("2.2 (ต่อ)".into());
    }
    assert!(!errors(&v, &serde_json::to_value(&rec).unwrap()).is_empty());
    let n = thaiplan::emit::schema::enforce(&mut rec);
    let after = serde_json::to_value(&rec).unwrap();
    assert_eq!(errors(&v, &after), Vec::<String>::new());
    assert_eq!(n, 3, "{:#?}", rec.warnings);
    let warned: Vec<&Warning> = rec
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::SchemaViolation)
        .collect();
    assert_eq!(warned.len(), 3, "{warned:#?}");
    assert!(warned
        .iter()
        .any(|w| w.message.contains("/projects/0/dimension") && w.message.contains("was 9")));
    // The offending values are gone, their neighbours kept.
    assert_eq!(rec.projects[0].dimension, None);
    assert_eq!(rec.projects[0].mission.as_deref(), Some("1.1.1"));
    assert_eq!(rec.fiscal_years, vec![2564]);
    let row = &rec.budget_table.as_ref().unwrap().rows[0];
    assert_eq!(row.mission, None);
    assert_eq!(row.budgets, vec![Some(20000.0), None]);
    // The warning points at the value's row for the reviewer.
    assert!(warned.iter().any(|w| w.source_span == Some(span(170, 220))));
    // A valid record is left untouched.
    let mut ok = full_record();
    assert_eq!(thaiplan::emit::schema::enforce(&mut ok), 0);
    assert_eq!(ok, full_record());
}
