//! Per-field agreement of the recognised report with the hand-checked gold
//! reports of 002 and 004 (../shared/corpus/gold). Prints a table:
//! `cargo test --test report_gold -- --nocapture`. Text, DOCX and PDF
//! forms must all reach the asserted level.

mod report_support;
use report_support::*;
use serde_json::Value;
use thaiplan::model::Report;

/// Text equality as the gold conventions define it: Thai digits are
/// Arabic, whitespace and quotes ignored.
fn norm(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from_u32(c as u32 - 0x0E50 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’'))
        .collect()
}

#[derive(Default)]
struct Score {
    rows: Vec<(String, usize, usize)>,
    misses: Vec<String>,
}

impl Score {
    fn add(&mut self, group: &str, ok: bool, what: impl FnOnce() -> String) {
        if let Some(r) = self.rows.iter_mut().find(|r| r.0 == group) {
            r.1 += ok as usize;
            r.2 += 1;
        } else {
            self.rows.push((group.to_string(), ok as usize, 1));
        }
        if !ok {
            self.misses.push(format!("{group}: {}", what()));
        }
    }
    fn text(&mut self, group: &str, ours: Option<&str>, gold: &Value) {
        let g = gold.as_str();
        let ok = match (ours, g) {
            (Some(a), Some(b)) => norm(a) == norm(b),
            (None, None) => true,
            _ => false,
        };
        self.add(group, ok, || format!("ours {ours:?} gold {g:?}"));
    }
    fn num(&mut self, group: &str, ours: Option<f64>, gold: &Value) {
        let g = gold.as_f64();
        let ok = match (ours, g) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-6,
            (None, None) => true,
            _ => false,
        };
        self.add(group, ok, || format!("ours {ours:?} gold {g:?}"));
    }
    fn total(&self) -> (usize, usize) {
        self.rows.iter().fold((0, 0), |a, r| (a.0 + r.1, a.1 + r.2))
    }
    fn print(&self, title: &str) -> f64 {
        let (ok, n) = self.total();
        let acc = ok as f64 / n.max(1) as f64;
        println!("== {title}: {ok}/{n} = {acc:.3}");
        for r in &self.rows {
            println!(
                "   {:<28} {:>4}/{:<4} {:.3}",
                r.0,
                r.1,
                r.2,
                r.1 as f64 / r.2.max(1) as f64
            );
        }
        for m in self.misses.iter().take(20) {
            println!("   miss {m}");
        }
        acc
    }
}

fn gold(stem: &str) -> Value {
    let s = std::fs::read_to_string(corpus(&format!("gold/{stem}.json"))).expect("gold");
    serde_json::from_str(&s).expect("gold json")
}

fn score_002(r: &Report) -> Score {
    let g = &gold(C002)["report"];
    let mut s = Score::default();
    s.num(
        "fiscal_year",
        r.fiscal_year.map(f64::from),
        &g["fiscal_year"],
    );
    s.num("ita_score", r.ita_score, &g["overall_ita_score"]);
    s.text(
        "ita_level_text",
        r.ita_level_text.as_deref(),
        &g["overall_ita_level_text"],
    );
    let gm = g["measures"].as_array().cloned().unwrap_or_default();
    s.add("measures count", r.measures.len() == gm.len(), || {
        format!("{} vs {}", r.measures.len(), gm.len())
    });
    for (i, gm) in gm.iter().enumerate() {
        let m = r.measures.get(i);
        s.text("measure name", m.map(|m| m.name.as_str()), &gm["name"]);
        s.text(
            "measure responsible",
            m.and_then(|m| m.responsible.as_deref()),
            &gm["responsible"],
        );
        s.text(
            "measure period_text",
            m.and_then(|m| m.period_text.as_deref()),
            &gm["period_text"],
        );
        let gs: Vec<f64> = gm["ita_scores"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_f64()).collect())
            .unwrap_or_default();
        let ours = m.map(|m| m.ita_scores.clone()).unwrap_or_default();
        s.add("measure ita_scores", ours == gs, || {
            format!("#{} ours {ours:?} gold {gs:?}", i + 1)
        });
    }
    s
}

fn score_004(r: &Report) -> Score {
    let g = &gold(C004)["report"];
    let mut s = Score::default();
    s.num(
        "fiscal_year",
        r.fiscal_year.map(f64::from),
        &g["fiscal_year"],
    );
    s.text("period_text", r.period_text.as_deref(), &g["period_text"]);
    s.text(
        "data_as_of_text",
        r.data_as_of_text.as_deref(),
        &g["data_as_of_text"],
    );
    let memo = r.memo.clone().unwrap_or_default();
    let gm = &g["memo"];
    s.text("memo", memo.department.as_deref(), &gm["ส่วนราชการ"]);
    s.text("memo", memo.reference.as_deref(), &gm["ที่"]);
    s.text("memo", memo.date_text.as_deref(), &gm["วันที่"]);
    s.text("memo", memo.subject.as_deref(), &gm["เรื่อง"]);
    s.text("memo", memo.addressee.as_deref(), &gm["เรียน"]);
    let fields = [
        "projects_planned",
        "projects_done",
        "budget_plan",
        "budget_ordinance",
        "budget_spent",
        "pct_projects",
        "pct_budget",
    ];
    let st = &g["summary_table"];
    let grows = st["rows"].as_array().cloned().unwrap_or_default();
    for gr in &grows {
        let d = gr["dimension"].as_u64().map(|d| d as u8);
        let row = r.dimension_summary.iter().find(|x| x.dimension == d);
        s.add("summary dimension", row.is_some(), || {
            format!("dimension {d:?} missing")
        });
        for f in fields {
            let v = row.and_then(|x| thaiplan::recognize::report::stats::get_field(x, f));
            s.num("summary values", v, &gr[f]);
        }
    }
    for f in fields {
        let v = r
            .summary_total
            .as_ref()
            .and_then(|x| thaiplan::recognize::report::stats::get_field(x, f));
        s.num("summary total", v, &st["total"][f]);
    }
    let status = r.status.clone().unwrap_or_default();
    let gs = &g["status_table"];
    s.num("status", status.projects_initial, &gs["โครงการตั้งต้น"]);
    s.num("status", status.projects_total, &gs["โครงการทั้งหมด"]);
    s.num(
        "status",
        status.in_ordinance,
        &gs["บรรจุในข้อบัญญัติ/เทศบัญญัติ/แผนดำเนินงาน"],
    );
    s.num("status", status.in_progress, &gs["อยู่ระหว่างดำเนินการ"]);
    s.num("status", status.done, &gs["ดำเนินการแล้วเสร็จ"]);
    s.num("status", status.not_possible, &gs["ไม่สามารถดำเนินการได้"]);
    s.num(
        "status",
        status.implementation_pct,
        &gs["ผลการนำแผนฯไปปฏิบัติ_คิดจากโครงการตั้งต้น"],
    );
    s.text(
        "status",
        status.implementation_level.as_deref(),
        &gs["ระดับการนำแผนไปปฏิบัติ"],
    );
    let ga = g["activities"].as_array().cloned().unwrap_or_default();
    s.add("activities count", r.activities.len() == ga.len(), || {
        format!("{} vs {}", r.activities.len(), ga.len())
    });
    for (i, ga) in ga.iter().enumerate() {
        let a = r.activities.get(i);
        s.num(
            "activity number",
            a.and_then(|a| a.number).map(f64::from),
            &ga["number"],
        );
        s.num(
            "activity dimension",
            a.and_then(|a| a.dimension).map(f64::from),
            &ga["dimension"],
        );
        s.text(
            "activity mission",
            a.and_then(|a| a.mission.as_deref()),
            &ga["mission"],
        );
        s.text("activity name", a.map(|a| a.name.as_str()), &ga["name"]);
        s.text(
            "activity action_label",
            a.and_then(|a| a.action_label.as_deref()),
            &ga["action_label"],
        );
        s.text(
            "activity result_label",
            a.and_then(|a| a.result_label.as_deref()),
            &ga["result_label"],
        );
    }
    s
}

/// Score one form of a document; None when its extractor gives no text.
fn form(stem: &str, ext: &str) -> Option<f64> {
    let dir = if ext == "txt" { "text" } else { ext };
    let path = corpus(&format!("{dir}/{stem}.{ext}"));
    let bytes = std::fs::read(&path).ok()?;
    let doc = match thaiplan::pipeline::normalized_text(&path, &bytes, &Default::default()) {
        Ok(d) if d.lines.iter().any(|l| !l.trim().is_empty()) => d,
        Ok(_) => {
            println!("== {stem}.{ext}: extractor gave no text (skipped)");
            return None;
        }
        Err(e) => {
            println!("== {stem}.{ext}: {} (skipped)", e.message);
            return None;
        }
    };
    let lines = thaiplan::recognize::Lines::new(&doc);
    let meta = thaiplan::recognize::Meta {
        doc_kind: thaiplan::model::DocKind::Report,
        ..Default::default()
    };
    let (r, _) = thaiplan::recognize::report::recognize(&lines, &meta);
    let s = if stem == C002 {
        score_002(&r)
    } else {
        score_004(&r)
    };
    Some(s.print(&format!("{stem}.{ext}")))
}

#[test]
fn text_forms_agree_with_gold() {
    let a = form(C002, "txt").expect("002 text");
    let b = form(C004, "txt").expect("004 text");
    // Reached: every compared field (002: 24, 004: 326).
    assert!(a >= 0.99, "002 text agreement {a:.3}");
    assert!(b >= 0.99, "004 text agreement {b:.3}");
}

#[test]
fn docx_and_pdf_forms() {
    for stem in [C002, C004] {
        for ext in ["docx", "pdf"] {
            let acc = form(stem, ext).unwrap_or_else(|| panic!("{stem}.{ext}: no text"));
            // Reached: every compared field on both forms.
            assert!(acc >= 0.99, "{stem}.{ext} agreement {acc:.3}");
        }
    }
}
