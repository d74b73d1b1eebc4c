//! A seeded, deterministic synthesiser of plans and reports (issue 12,
//! "Generative tests"): random but well-formed documents following the
//! grammar of DOCUMENTS.md, each with the gold record a careful reader would
//! enter (../shared/corpus/gold/FORMAT.md) and the variant classes it
//! exercises (gold key `synth.classes`, not scored by `thaiplan eval`).
//!
//! This is a test tool, not a pipeline stage: it imports nothing from the
//! pipeline, so what it writes is independent of how the recognisers read.
//! `render` turns a [`SynthDoc`] into text, DOCX and HTML.

pub mod render;
pub mod vocab;

use serde_json::{json, Value};
use vocab::*;

/// splitmix64: small, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn one(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// One table cell. `span` > 1: the first cell of a vertical merge over
/// `span` rows; `covered`: a cell under such a merge (empty in text).
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub span: usize,
    pub covered: bool,
}

impl Cell {
    fn t(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            span: 1,
            covered: false,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Node {
    Line(String),
    Blank,
    Table(Vec<Vec<Cell>>),
    PageBreak,
}

/// Damage that only a text dump carries (class `legacy.*`, DOCUMENTS.md §6
/// and issue 12 class 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// Thai marks replaced by the Windows-1252 reading of a legacy font's
    /// positional glyphs (‹ for ่, Œ for ้ …).
    Cp1252,
    /// ำ printed as า (ตาบล, อาเภอ, บทนา).
    SaraAm,
    /// A page number glued before a heading ("1 ส่วนที่ 1 บทนำ").
    PageNumber,
}

#[derive(Debug, Clone)]
pub struct SynthDoc {
    /// File stem, e.g. `synth_7_003`.
    pub name: String,
    pub classes: Vec<String>,
    /// Nodes with a flag: write this node's digits as Thai digits.
    pub nodes: Vec<(Node, bool)>,
    pub legacy: Vec<Legacy>,
    pub gold: Value,
}

/// Every class the synthesiser can tag, grouped by what it varies; the
/// group names which gold keys the per-class score looks at.
pub const CLASS_GROUPS: &[(&str, &[&str])] = &[
    ("template", &[]),
    ("framework", &[]),
    ("digits", &[]),
    ("legacy", &[]),
    ("table", &["summary_table"]),
    ("org", &["organization", "title"]),
    ("kind", &["doc_kind", "title", "fiscal_years", "report"]),
    ("years", &["fiscal_years"]),
    ("heading", &["project_details"]),
    ("blocks", &["project_details"]),
    ("label", &["project_details"]),
];

/// Gold keys a class is scored on (empty = every key).
pub fn class_keys(class: &str) -> &'static [&'static str] {
    let group = class.split('.').next().unwrap_or("");
    CLASS_GROUPS
        .iter()
        .find(|(g, _)| *g == group)
        .map(|(_, k)| *k)
        .unwrap_or(&[])
}

/// Generate `count` documents from `seed`; document i depends only on
/// (seed, i).
pub fn generate(seed: u64, count: usize) -> Vec<SynthDoc> {
    (0..count)
        .map(|i| {
            let mut rng = Rng::new(seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
            Gen::new(&mut rng, format!("synth_{seed}_{i:03}")).doc(&mut rng)
        })
        .collect()
}

/// Arabic → Thai digits.
pub fn thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x0E50 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// "30,000"
pub fn money(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Template {
    FourYear,
    OneYear,
    FiveYear,
    Annual,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum DocType {
    Plan,
    ItaMeasures,
    ItaAnalysis,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum OrgKind {
    Sao,
    Pao,
    Tambon,
    Mueang,
    Nakhon,
}

struct Org {
    kind: OrgKind,
    /// The place word of the name (tambon, town or province).
    place: String,
    district: Option<String>,
    province: String,
}

impl Org {
    fn prefix(&self) -> &'static str {
        match self.kind {
            OrgKind::Sao => "องค์การบริหารส่วนตำบล",
            OrgKind::Pao => "องค์การบริหารส่วนจังหวัด",
            OrgKind::Tambon => "เทศบาลตำบล",
            OrgKind::Mueang => "เทศบาลเมือง",
            OrgKind::Nakhon => "เทศบาลนคร",
        }
    }
    fn abbrev(&self) -> &'static str {
        match self.kind {
            OrgKind::Sao => "อบต.",
            OrgKind::Pao => "อบจ.",
            OrgKind::Tambon => "ทต.",
            OrgKind::Mueang => "ทม.",
            OrgKind::Nakhon => "ทน.",
        }
    }
    fn kind_str(&self) -> &'static str {
        match self.kind {
            OrgKind::Sao => "อบต",
            OrgKind::Pao => "อบจ",
            OrgKind::Tambon => "เทศบาลตำบล",
            OrgKind::Mueang => "เทศบาลเมือง",
            OrgKind::Nakhon => "เทศบาลนคร",
        }
    }
    fn name(&self) -> String {
        format!("{}{}", self.prefix(), self.place)
    }
    /// The mayor's / chief executive's title, which names the LAO.
    fn chief(&self) -> String {
        match self.kind {
            OrgKind::Sao => format!("นายกองค์การบริหารส่วนตำบล{}", self.place),
            OrgKind::Pao => format!("นายกองค์การบริหารส่วนจังหวัด{}", self.place),
            OrgKind::Tambon => format!("นายกเทศมนตรีตำบล{}", self.place),
            OrgKind::Mueang => format!("นายกเทศมนตรีเมือง{}", self.place),
            OrgKind::Nakhon => format!("นายกเทศมนตรีนคร{}", self.place),
        }
    }
}

struct Mission {
    code: String,
    title: String,
    /// Level-3 heading printed in Part 3 (code, title).
    sub: Option<(String, String)>,
}

struct Project {
    number: u32,
    dim: u8,
    mission: usize,
    name: String,
    table_name: String,
    /// Per-year cells; None = printed "#####".
    budgets: Vec<Option<u64>>,
    amount: u64,
    note: Option<String>,
}

struct Gen {
    name: String,
    classes: Vec<String>,
    doc_type: DocType,
    template: Template,
    years: Vec<u32>,
    old: bool,
    org: Org,
    org_variant: &'static str,
    kind_variant: &'static str,
    years_variant: &'static str,
    table_style: &'static str,
    heading_variant: &'static str,
    blocks_variant: &'static str,
    label_variant: &'static str,
    digits: &'static str,
    legacy: Vec<Legacy>,
    level3: bool,
    nodes: Vec<(Node, bool)>,
    thai: bool,
    /// A running header that prints the LAO's places was written (the
    /// gold then states them).
    header_places: bool,
    /// The title as printed: the title line and its year phrase, without
    /// the LAO and places (corpus gold 000, 004).
    title: Option<String>,
}

impl Gen {
    fn new(rng: &mut Rng, name: String) -> Gen {
        let doc_type = match rng.below(10) {
            0 => DocType::ItaMeasures,
            1 => DocType::ItaAnalysis,
            _ => DocType::Plan,
        };
        let template = *rng.pick(&[
            Template::FourYear,
            Template::OneYear,
            Template::FiveYear,
            Template::Annual,
        ]);
        let years: Vec<u32> = match (doc_type, template) {
            (DocType::Plan, Template::FourYear) => (2561..=2564).collect(),
            (DocType::Plan, Template::OneYear) => vec![2565],
            (DocType::Plan, Template::FiveYear) => (2566..=2570).collect(),
            _ => vec![2562 + rng.below(8) as u32],
        };
        // Years ≥ 2566 mean the new framework, ranges ending in 2564 the
        // old one (DOCUMENTS.md §1.4); 2565 can be either.
        let old = match years[years.len() - 1] {
            y if y >= 2566 => false,
            2565 => rng.chance(0.5),
            _ => true,
        };
        let kind = *rng.pick(&[
            OrgKind::Sao,
            OrgKind::Sao,
            OrgKind::Tambon,
            OrgKind::Tambon,
            OrgKind::Mueang,
            OrgKind::Nakhon,
            OrgKind::Pao,
        ]);
        let (district, province) = *rng.pick(PLACES);
        let place = match kind {
            OrgKind::Pao => province.to_string(),
            OrgKind::Nakhon => province.to_string(),
            _ => rng.pick(TAMBON).to_string(),
        };
        let org = Org {
            kind,
            place,
            district: (kind != OrgKind::Pao).then(|| district.to_string()),
            province: province.to_string(),
        };
        let digits = *rng.pick(&["arabic", "arabic", "thai", "mixed"]);
        let mut legacy = Vec::new();
        if rng.chance(0.3) {
            legacy.push(*rng.pick(&[Legacy::Cp1252, Legacy::SaraAm, Legacy::PageNumber]));
            if rng.chance(0.3) {
                legacy.push(Legacy::PageNumber);
            }
            legacy.dedup();
        }
        Gen {
            name,
            classes: Vec::new(),
            doc_type,
            template,
            years,
            old,
            org,
            org_variant: rng.one(&[
                "cover",
                "title_line",
                "running_header",
                "signature",
                "abbrev",
                "split",
            ]),
            kind_variant: rng.one(&["standard", "old_title", "n_year", "misspelt"]),
            years_variant: rng.one(&["cover", "part2_heading", "table_only", "two_digit"]),
            table_style: rng.one(&[
                "one_row",
                "multi_project",
                "value_only",
                "merged",
                "overflow",
                "notes",
                "flattened",
            ]),
            heading_variant: rng.one(&["plain", "period", "merged", "dual_code", "misspelt"]),
            blocks_variant: rng.one(&[
                "dim_headings",
                "no_dim_headings",
                "no_headings",
                "sub_items",
            ]),
            label_variant: rng.one(&["colon", "next_line", "alt_stems", "bullets", "template_b"]),
            digits,
            legacy,
            level3: rng.chance(0.5),
            nodes: Vec::new(),
            thai: digits == "thai",
            header_places: false,
            title: None,
        }
    }

    fn line(&mut self, s: impl Into<String>) {
        self.nodes.push((Node::Line(s.into()), self.thai));
    }
    fn blank(&mut self) {
        self.nodes.push((Node::Blank, self.thai));
    }
    fn class(&mut self, c: impl Into<String>) {
        let c = c.into();
        if !self.classes.contains(&c) {
            self.classes.push(c);
        }
    }
    fn org_text(&self, s: &str) -> String {
        s.replace("{ORG}", &self.org.name())
    }

    /// "(พ.ศ. 2566 – 2570)" / "ประจำปีงบประมาณ พ.ศ. 2567" as the year
    /// variant asks; None when the title states no years.
    fn title_years(&self, rng: &mut Rng) -> Option<String> {
        let (a, b) = (self.years[0], self.years[self.years.len() - 1]);
        if self.years_variant == "part2_heading" || self.years_variant == "table_only" {
            return None;
        }
        if self.years.len() == 1 {
            return Some(match self.template {
                Template::OneYear if rng.chance(0.5) => format!("ประจำปี พ.ศ. {a}"),
                _ => format!("ประจำปีงบประมาณ พ.ศ. {a}"),
            });
        }
        if self.years_variant == "two_digit" {
            return Some(if rng.chance(0.5) {
                format!("ปี {}-{}", a % 100, b % 100)
            } else {
                format!("(พ.ศ. {} – {})", a % 100, b % 100)
            });
        }
        let dash = *rng.pick(&["–", "-"]);
        let sp = *rng.pick(&["", " "]);
        Some(format!("(พ.ศ.{sp}{a} {dash} {b})"))
    }

    fn doc(mut self, rng: &mut Rng) -> SynthDoc {
        if self.doc_type == DocType::Plan {
            self.class(format!(
                "template.{}",
                match self.template {
                    Template::FourYear => "four_year",
                    Template::OneYear => "one_year",
                    Template::FiveYear => "five_year",
                    Template::Annual => "annual",
                }
            ));
            self.class(if self.old {
                "framework.old"
            } else {
                "framework.new"
            });
        }
        if self.doc_type != DocType::Plan || self.years.len() == 1 {
            // one year: the two-digit and part-2 forms are multi-year forms
            if self.years_variant == "two_digit" {
                self.years_variant = "cover";
            }
            if self.doc_type != DocType::Plan {
                self.years_variant = "cover";
            }
        }
        self.class(format!("digits.{}", self.digits));
        let org_variant = self.org_variant;
        self.class(format!("org.{org_variant}"));
        if self.org.kind == OrgKind::Pao {
            self.class("org.pao");
        }
        self.class(format!("years.{}", self.years_variant));
        for l in self.legacy.clone() {
            self.class(match l {
                Legacy::Cp1252 => "legacy.cp1252",
                Legacy::SaraAm => "legacy.sara_am",
                Legacy::PageNumber => "legacy.page_number",
            });
        }
        match self.doc_type {
            DocType::Plan => self.plan(rng),
            DocType::ItaMeasures => self.ita_measures(rng),
            DocType::ItaAnalysis => self.ita_analysis(rng),
        }
    }

    fn org_gold(&self) -> Value {
        // Only the cover, title and abbreviation variants state district
        // and province; an อบจ's province is in its own name.
        let states_place = matches!(
            self.org_variant,
            "cover" | "title_line" | "abbrev" | "split"
        ) || self.header_places;
        json!({
            "name": self.org.name(),
            "kind": self.org.kind_str(),
            "district": if states_place { self.org.district.clone() } else { None },
            "province": if states_place || self.org.kind == OrgKind::Pao {
                Some(self.org.province.clone())
            } else {
                None
            },
        })
    }

    /// "อำเภอX จังหวัดY" (or "จังหวัดY" for an อบจ), as printed.
    fn place_line(&self, abbrev: bool) -> String {
        let (a, p) = if abbrev {
            ("อ.", "จ.")
        } else {
            ("อำเภอ", "จังหวัด")
        };
        match &self.org.district {
            Some(d) => format!("{a}{d} {p}{}", self.org.province),
            None => format!("{p}{}", self.org.province),
        }
    }

    /// The title block and the organisation lines of the cover.
    fn cover(&mut self, rng: &mut Rng, title: &str) {
        for _ in 0..rng.below(3) {
            self.blank();
        }
        let years = self.title_years(rng);
        self.title = Some(match &years {
            Some(y) => format!("{title} {y}"),
            None => title.to_string(),
        });
        let org = self.org.name();
        match self.org_variant {
            "title_line" => {
                let y = years.map(|y| format!(" {y}")).unwrap_or_default();
                let line = format!("{title}{y} {org} {}", self.place_line(false));
                self.line(line);
            }
            _ => {
                self.line(title.to_string());
                if let Some(y) = years {
                    self.line(y);
                }
            }
        }
        self.blank();
        match self.org_variant {
            "cover" => {
                self.line(org);
                if self.org.kind != OrgKind::Pao || rng.chance(0.5) {
                    let pl = self.place_line(false);
                    self.line(pl);
                }
            }
            "abbrev" => {
                let l = if self.org.kind == OrgKind::Pao {
                    format!("{}{}", self.org.abbrev(), self.org.place)
                } else {
                    format!(
                        "{}{} {}",
                        self.org.abbrev(),
                        self.org.place,
                        self.place_line(true)
                    )
                };
                self.line(l);
            }
            "split" => {
                let (a, b) = match self.org.kind {
                    OrgKind::Sao => ("องค์การบริหาร", format!("ส่วนตำบล{}", self.org.place)),
                    OrgKind::Pao => ("องค์การบริหาร", format!("ส่วนจังหวัด{}", self.org.place)),
                    OrgKind::Tambon => ("เทศบาล", format!("ตำบล{}", self.org.place)),
                    OrgKind::Mueang => ("เทศบาล", format!("เมือง{}", self.org.place)),
                    OrgKind::Nakhon => ("เทศบาล", format!("นคร{}", self.org.place)),
                };
                self.line(a);
                self.line(b);
                let pl = self.place_line(false);
                self.line(pl);
            }
            _ => {}
        }
        self.blank();
    }

    /// How the running header names the LAO, fixed per document (derived
    /// from the place name so that no random draw shifts other documents):
    /// 0 "… ของX", 1 the long ITA title "… ของX", 2 abbreviated "… ของ ทต.X",
    /// 3 "… X อำเภอY จังหวัดZ" (the places then count in the gold).
    fn header_style(&self) -> usize {
        self.org.place.chars().count() % 4
    }

    fn running_header(&mut self) {
        if self.org_variant == "running_header" {
            let (a, b) = (self.years[0], self.years[self.years.len() - 1]);
            let y = if a == b {
                format!("ประจำปีงบประมาณ พ.ศ. {a}")
            } else {
                format!("พ.ศ. {a} – {b}")
            };
            let name = self.org.name();
            let l = match self.header_style() {
                1 => format!("แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส {y} ของ{name}"),
                2 => format!(
                    "แผนปฏิบัติการป้องกันการทุจริต {y} ของ {}{}",
                    self.org.abbrev(),
                    self.org.place
                ),
                3 => {
                    self.header_places = true;
                    format!(
                        "แผนปฏิบัติการป้องกันการทุจริต {y} {name} {}",
                        self.place_line(false)
                    )
                }
                _ => format!("แผนปฏิบัติการป้องกันการทุจริต {y} ของ{name}"),
            };
            self.nodes.push((Node::PageBreak, self.thai));
            self.line(l);
            self.blank();
        }
    }

    fn signature(&mut self, rng: &mut Rng) {
        self.blank();
        let who = rng.pick(PEOPLE).to_string();
        self.line(format!("({who})"));
        if self.org_variant == "signature" {
            let c = self.org.chief();
            self.line(c);
        } else {
            // the office without its place: names no LAO
            self.line(
                match self.org.kind {
                    OrgKind::Sao => "นายกองค์การบริหารส่วนตำบล",
                    OrgKind::Pao => "นายกองค์การบริหารส่วนจังหวัด",
                    _ => "นายกเทศมนตรี",
                }
                .to_string(),
            );
        }
        self.blank();
    }

    /// The body's mention of the LAO (responsible units, prose): the full
    /// name, except for the signature variant where the signature must be
    /// the only place that names it.
    fn body_org(&self) -> String {
        if self.org_variant == "signature" {
            String::new()
        } else {
            self.org.name()
        }
    }

    fn plan_title(&mut self) -> String {
        let n = self.years.len();
        let kv = match self.kind_variant {
            "n_year" if n < 4 => "standard",
            k => k,
        };
        self.class(format!("kind.{kv}"));
        match kv {
            "old_title" => "แผนป้องกัน ปราบปรามการทุจริตและประพฤติมิชอบ".to_string(),
            "n_year" => format!("แผนปฏิบัติการป้องกันการทุจริต {n} ปี"),
            "misspelt" => "แผ่นปฏิบัติการป้องกันการทุจริต".to_string(),
            _ if !self.old => "แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส".to_string(),
            _ => "แผนปฏิบัติการป้องกันการทุจริต".to_string(),
        }
    }

    fn preface(&mut self, rng: &mut Rng) {
        self.line("คำนำ");
        self.blank();
        let bo = self.body_org();
        let p = format!(
            "{}{} {}",
            if bo.is_empty() {
                "หน่วยงาน"
            } else {
                &bo
            },
            "ได้จัดทำแผนปฏิบัติการป้องกันการทุจริตขึ้น เพื่อเป็นแนวทางในการดำเนินงาน",
            rng.pick(PROSE)
        );
        self.line(p);
        self.signature(rng);
        let m = rng.pick(MONTHS).to_string();
        let y = self.years[0] - 1;
        self.line(format!("{m} {y}"));
        self.blank();
    }

    fn heading(&mut self, s: String) {
        // legacy.page_number: a page number glued before the heading
        if self.legacy.contains(&Legacy::PageNumber) {
            self.nodes
                .push((Node::Line(format!("\u{1}{s}")), self.thai));
        } else {
            self.line(s);
        }
    }

    fn plan(mut self, rng: &mut Rng) -> SynthDoc {
        let title = self.plan_title();
        self.cover(rng, &title);
        self.preface(rng);
        self.heading("ส่วนที่ 1 บทนำ".into());
        self.blank();
        let p = rng.pick(PROSE).to_string();
        self.line(p);
        self.blank();

        // projects
        let fw = if self.old { 0 } else { 1 };
        let mut missions: Vec<Mission> = Vec::new();
        let mut projects: Vec<Project> = Vec::new();
        let mut pool: Vec<&str> = PROJECTS.to_vec();
        let mut number = 0u32;
        let ny = self.years.len();
        for d in 1..=4u8 {
            let avail = MISSIONS[fw][d as usize - 1];
            let nm = 1 + rng.below(avail.len().min(2));
            let start = rng.below(avail.len() - nm + 1);
            for (k, title) in avail.iter().enumerate().skip(start).take(nm) {
                let code = format!("{d}.{}", k + 1);
                let sub = self.level3.then(|| {
                    (
                        format!("{code}.{}", 1 + rng.below(3)),
                        rng.pick(SUB_MISSIONS).to_string(),
                    )
                });
                missions.push(Mission {
                    code,
                    title: title.to_string(),
                    sub,
                });
                let mi = missions.len() - 1;
                for _ in 0..1 + rng.below(2) {
                    number += 1;
                    let ix = rng.below(pool.len());
                    let raw = pool.remove(ix);
                    let name = self.org_text(raw);
                    // the table often abbreviates the LAO name (§3.8)
                    let table_name = if rng.chance(0.3) {
                        raw.replace(
                            "{ORG}",
                            &format!(" {}{}", self.org.abbrev(), self.org.place),
                        )
                        .replace("  ", " ")
                    } else {
                        name.clone()
                    };
                    let amount = *rng.pick(&[0, 0, 0, 5000, 10000, 20000, 30000, 50000, 150000]);
                    let budgets: Vec<Option<u64>> = (0..ny)
                        .map(|_| {
                            if amount > 0 && ny > 1 && rng.chance(0.2) {
                                Some(0)
                            } else {
                                Some(amount)
                            }
                        })
                        .collect();
                    projects.push(Project {
                        number,
                        dim: d,
                        mission: mi,
                        name,
                        table_name: table_name.trim().to_string(),
                        budgets,
                        amount,
                        note: None,
                    });
                }
            }
        }
        if self.table_style == "overflow" {
            if let Some(p) = projects.iter_mut().find(|p| p.amount > 0) {
                let y = rng.below(ny);
                p.budgets[y] = None;
            } else {
                self.table_style = "one_row";
            }
        }
        // A flattened table prints its remarks after the amounts (or on
        // the line after them, one cell per line) in half the documents.
        if self.table_style == "notes" || self.table_style == "flattened" && rng.chance(0.5) {
            let (a, b) = (self.years[0], self.years[ny - 1]);
            for p in projects.iter_mut() {
                if rng.chance(0.6) {
                    p.note = Some(if rng.chance(0.5) {
                        format!("อยู่ในแผนพัฒนาท้องถิ่น {a} - {b} หน้า {}", 20 + rng.below(90))
                    } else {
                        format!("อยู่ในข้อบัญญัติ ปี {a}")
                    });
                }
            }
        }
        self.class(format!("table.{}", self.table_style));

        // Part 2
        let (a, b) = (self.years[0], self.years[ny - 1]);
        let p2 = if self.years_variant == "part2_heading" {
            format!("ส่วนที่ 2 แผนปฏิบัติการป้องกันการทุจริต {} ปี (พ.ศ. {a} – {b})", ny)
        } else if self.years_variant == "table_only" {
            "ส่วนที่ 2 แผนปฏิบัติการป้องกันการทุจริต".to_string()
        } else if ny == 1 {
            format!("ส่วนที่ 2 แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. {a}")
        } else {
            format!("ส่วนที่ 2 แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. {a} – {b})")
        };
        self.heading(p2);
        self.blank();
        let table_gold = self.table(rng, &missions, &projects);
        self.blank();

        // Part 3
        let details = self.part3(rng, &missions, &projects);

        let mut gold = json!({
            "source": format!("{}.txt", self.name),
            "doc_kind": "plan",
            "organization": self.org_gold(),
            "fiscal_years": self.years,
            "summary_table": table_gold,
            "project_details": details,
        });
        self.finish(&mut gold)
    }

    fn finish(self, gold: &mut Value) -> SynthDoc {
        gold["title"] = json!(self.title);
        gold["synth"] = json!({ "classes": self.classes });
        SynthDoc {
            name: self.name,
            classes: self.classes,
            nodes: self.nodes,
            legacy: self.legacy,
            gold: gold.clone(),
        }
    }

    fn cell_amount(&self, rng: &mut Rng, v: Option<u64>) -> String {
        match v {
            None => "#####".into(),
            Some(0) => "-".into(),
            Some(n) if rng.chance(0.15) => format!("{}.00", money(n)),
            Some(n) => money(n),
        }
    }

    fn total_cell(&self, rng: &mut Rng, v: u64) -> String {
        let amt = if v == 0 { "-".to_string() } else { money(v) };
        match rng.below(3) {
            0 => amt,
            1 => format!("จำนวน {amt}บาท"),
            _ => format!("จำนวน {amt} บาท"),
        }
    }

    /// The Part-2 summary table; returns its gold.
    fn table(&mut self, rng: &mut Rng, missions: &[Mission], projects: &[Project]) -> Value {
        let fw = if self.old { 0 } else { 1 };
        let ny = self.years.len();
        let style = self.table_style;
        let dimw = *rng.pick(&["มิติ", "มิติ", "มติ", "มิตี"]);
        let one_header_row = rng.chance(0.3);
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let mut h: Vec<Cell> = vec![
            Cell::t(dimw),
            Cell::t(format!("ภารกิจตาม{dimw}")),
            Cell::t("โครงการ/กิจกรรม/มาตรการ"),
        ];
        for y in &self.years {
            h.push(Cell::t(if one_header_row {
                format!("ปี {y} งบประมาณ (บาท)")
            } else {
                format!("ปี {y}")
            }));
        }
        h.push(Cell::t("หมายเหตุ"));
        rows.push(h);
        if !one_header_row {
            let mut h2 = vec![Cell::t(""), Cell::t(""), Cell::t("")];
            for _ in 0..ny {
                h2.push(Cell::t("งบประมาณ (บาท)"));
            }
            h2.push(Cell::t(""));
            rows.push(h2);
        }
        let mut gold_rows = Vec::new();
        let mut dim_totals = Vec::new();
        let mut grand = vec![0u64; ny];
        let mut grand_n = 0;
        let mut multi_used = false;
        for d in 1..=4u8 {
            let dps: Vec<&Project> = projects.iter().filter(|p| p.dim == d).collect();
            if dps.is_empty() {
                continue;
            }
            let dim_start = rows.len();
            let dim_text = format!("{d}. {}", DIMENSIONS[fw][d as usize - 1]);
            let mut first_of_dim = true;
            let mut last_mission = usize::MAX;
            let mut mission_start = rows.len();
            let mut i = 0;
            while i < dps.len() {
                let p = dps[i];
                // group projects of one mission into one cell
                let group_n = if matches!(style, "multi_project" | "value_only") && !multi_used {
                    let same: usize = dps[i..]
                        .iter()
                        .take_while(|q| q.mission == p.mission)
                        .count();
                    if same >= 2 {
                        multi_used = true;
                        same.min(3)
                    } else {
                        1
                    }
                } else {
                    1
                };
                let group = &dps[i..i + group_n];
                let mut cells = vec![Cell::t(""), Cell::t(""), Cell::t("")];
                if first_of_dim || style == "repeat" {
                    cells[0] = Cell::t(dim_text.clone());
                }
                if p.mission != last_mission {
                    let m = &missions[p.mission];
                    cells[1] = Cell::t(format!("{} {}", m.code, m.title));
                    if style == "merged" && last_mission != usize::MAX {
                        fix_span(&mut rows, mission_start, 1);
                    }
                    mission_start = rows.len();
                } else if style == "merged" {
                    cells[1].covered = true;
                }
                if !first_of_dim && style == "merged" {
                    cells[0].covered = true;
                }
                first_of_dim = false;
                last_mission = p.mission;
                let names: Vec<String> = group
                    .iter()
                    .map(|q| format!("{}) {}", q.number, q.table_name))
                    .collect();
                cells[2] = Cell::t(names.join(" "));
                if group_n > 1 && style == "multi_project" {
                    for y in 0..ny {
                        let toks: Vec<String> = group
                            .iter()
                            .map(|q| {
                                if q.budgets[y] == Some(0) {
                                    "-".into()
                                } else {
                                    money(q.budgets[y].unwrap_or(0))
                                }
                            })
                            .collect();
                        cells.push(Cell::t(toks.join(" ")));
                    }
                    cells.push(Cell::t(""));
                    rows.push(cells);
                } else {
                    for y in 0..ny {
                        let c = self.cell_amount(rng, p.budgets[y]);
                        cells.push(Cell::t(c));
                    }
                    cells.push(Cell::t(p.note.clone().unwrap_or_default()));
                    rows.push(cells);
                    // value-only rows supply the next projects of the cell
                    for q in group.iter().skip(1) {
                        let mut c = vec![Cell::t(""), Cell::t(""), Cell::t("")];
                        if style == "merged" {
                            c[0].covered = true;
                            c[1].covered = true;
                        }
                        for y in 0..ny {
                            let a = self.cell_amount(rng, q.budgets[y]);
                            c.push(Cell::t(a));
                        }
                        c.push(Cell::t(""));
                        rows.push(c);
                    }
                }
                for q in group {
                    gold_rows.push(json!({
                        "dimension": q.dim,
                        "mission": missions[q.mission].code,
                        "number": q.number,
                        "name": q.table_name,
                        "budgets": q.budgets,
                        "note": q.note,
                    }));
                }
                i += group_n;
            }
            if style == "merged" {
                fix_span(&mut rows, mission_start, 1);
                fix_span(&mut rows, dim_start, 0);
            }
            // dimension total (a ##### cell still adds its true value: the
            // total is what the document states)
            let mut tot = vec![0u64; ny];
            for p in &dps {
                for (y, t) in tot.iter_mut().enumerate() {
                    *t += p.budgets[y].unwrap_or(p.amount);
                }
            }
            let mut cells = vec![
                Cell::t(""),
                Cell::t("รวม"),
                Cell::t(format!("จำนวน {} โครงการ", dps.len())),
            ];
            for t in &tot {
                let c = self.total_cell(rng, *t);
                cells.push(Cell::t(c));
            }
            cells.push(Cell::t(""));
            rows.push(cells);
            dim_totals.push(json!({"dimension": d, "projects": dps.len(), "budgets": tot}));
            for (g, t) in grand.iter_mut().zip(&tot) {
                *g += t;
            }
            grand_n += dps.len();
        }
        let mut cells = vec![
            Cell::t(""),
            Cell::t("รวมทั้งสิ้น"),
            Cell::t(format!("จำนวน {grand_n} โครงการ")),
        ];
        for t in &grand {
            let c = self.total_cell(rng, *t);
            cells.push(Cell::t(c));
        }
        cells.push(Cell::t(""));
        rows.push(cells);

        // Flattened layouts (issue 12 class 8): "rows" = the dimension cell
        // on its own line, then "mission project amounts [remark]";
        // "one_line" = every cell of a row on one line, the dimension too;
        // "cells" = one cell per line (web text copied cell by cell).
        let flat_layout = if style == "flattened" {
            *rng.pick(&["rows", "rows", "one_line", "cells"])
        } else {
            ""
        };
        if flat_layout == "cells" {
            for r in &rows {
                for c in r.iter().filter(|c| !c.text.is_empty()) {
                    self.line(c.text.clone());
                }
            }
        } else if flat_layout == "one_line" {
            for r in &rows {
                let parts: Vec<&str> = r
                    .iter()
                    .map(|c| c.text.as_str())
                    .filter(|t| !t.is_empty())
                    .collect();
                self.line(parts.join(" "));
            }
        } else if style == "flattened" {
            // text from a web page: no TABs; header words on one line, one
            // "งบประมาณ (บาท)" per line, amounts at the end of a row.
            for (ri, r) in rows.iter().enumerate() {
                if ri == 1 && !one_header_row {
                    for _ in 0..ny {
                        self.line("งบประมาณ (บาท)");
                    }
                    continue;
                }
                let parts: Vec<&str> = r
                    .iter()
                    .map(|c| c.text.as_str())
                    .filter(|t| !t.is_empty())
                    .collect();
                if ri > 0 && !r[0].text.is_empty() {
                    // the dimension on its own line
                    self.line(r[0].text.clone());
                    let rest: Vec<&str> = r[1..]
                        .iter()
                        .map(|c| c.text.as_str())
                        .filter(|t| !t.is_empty())
                        .collect();
                    self.line(rest.join(" "));
                } else {
                    self.line(parts.join(" "));
                }
            }
        } else {
            self.nodes.push((Node::Table(rows), self.thai));
        }
        json!({
            "years": self.years,
            "rows": gold_rows,
            "dimension_totals": dim_totals,
            "grand_total": {"projects": grand_n, "budgets": grand},
        })
    }

    fn part3(&mut self, rng: &mut Rng, missions: &[Mission], projects: &[Project]) -> Vec<Value> {
        let fw = if self.old { 0 } else { 1 };
        let hv = self.heading_variant;
        let bv = self.blocks_variant;
        let lv = self.label_variant;
        self.class(format!("blocks.{bv}"));
        self.class(format!("label.{lv}"));
        let dim_headings = matches!(bv, "dim_headings" | "sub_items");
        let mission_headings = bv != "no_headings";
        if mission_headings {
            let h = match hv {
                "dual_code" if !self.level3 => "plain",
                "merged" | "period" | "misspelt" if !dim_headings => "plain",
                h => h,
            };
            self.class(format!("heading.{h}"));
            self.heading_variant = h;
        }
        let hv = self.heading_variant;
        let part3 = "ส่วนที่ 3 รายละเอียดโครงการ/กิจกรรม/มาตรการ";
        let mut merged_pending = hv == "merged" && dim_headings && mission_headings;
        if !merged_pending {
            self.heading(part3.to_string());
            self.blank();
        }
        let (a, b) = (self.years[0], self.years[self.years.len() - 1]);
        let mut details = Vec::new();
        let mut cur_dim = 0u8;
        let mut cur_m = usize::MAX;
        let bo = self.body_org();
        let template_b = lv == "template_b";
        for (pi, p) in projects.iter().enumerate() {
            if self.digits == "mixed" {
                self.thai = pi % 2 == 1;
            }
            if pi > 0 && pi % 3 == 0 {
                self.running_header();
            }
            if p.dim != cur_dim && dim_headings {
                let word = if hv == "misspelt" && p.dim % 2 == 0 {
                    "มติที่"
                } else {
                    "มิติที่"
                };
                let dot = if hv == "period" { "." } else { "" };
                let h = format!(
                    "{word} {}{dot} {}",
                    p.dim,
                    DIMENSIONS[fw][p.dim as usize - 1]
                );
                if merged_pending {
                    self.heading(format!("{part3} {h}"));
                    merged_pending = false;
                } else {
                    self.heading(h);
                }
                self.blank();
            }
            cur_dim = p.dim;
            let m = &missions[p.mission];
            if p.mission != cur_m && mission_headings {
                if hv == "dual_code" {
                    if let Some((sc, st)) = &m.sub {
                        let l = format!("{} {} {sc} {st}", thai_digits(&m.code), m.title);
                        self.line(l);
                        self.blank();
                    }
                } else {
                    let l = format!("{} {}", m.code, m.title);
                    self.line(l);
                    self.blank();
                    if let Some((sc, st)) = &m.sub {
                        self.line(format!("{sc} {st}"));
                        self.blank();
                    }
                }
            }
            cur_m = p.mission;
            let mission_gold = if mission_headings {
                m.sub
                    .as_ref()
                    .map(|s| s.0.clone())
                    .unwrap_or(m.code.clone())
            } else {
                m.code.clone()
            };
            self.line(format!("ลำดับที่ {}", p.number));
            self.blank();
            let mut labels: Vec<String> = Vec::new();
            let mut n = 0;
            let bullet = if lv == "bullets" { "- " } else { "" };
            let mut label = |g: &mut Gen, lab: &str, value: Option<String>| {
                n += 1;
                let num = if lv == "bullets" && n % 2 == 0 {
                    thai_digits(&n.to_string())
                } else {
                    n.to_string()
                };
                match value {
                    Some(v) => g.line(format!("{bullet}{num}. {lab} : {v}")),
                    None => g.line(format!("{bullet}{num}. {lab}")),
                }
                labels.push(lab.to_string());
            };
            // 1. name
            let name_label = match lv {
                "next_line" | "template_b" => "ชื่อโครงการ/กิจกรรม/มาตรการ",
                _ => "ชื่อโครงการ",
            };
            if lv == "next_line" || template_b {
                label(self, name_label, None);
                self.line(p.name.clone());
            } else {
                label(self, name_label, Some(p.name.clone()));
            }
            self.blank();
            label(self, "หลักการและเหตุผล", None);
            let r = self.org_text(rng.one(RATIONALE));
            self.line(r);
            self.blank();
            label(self, "วัตถุประสงค์", None);
            let no = 2 + rng.below(3);
            let mut objs: Vec<&str> = OBJECTIVES.to_vec();
            for k in 0..no {
                let o = objs.remove(rng.below(objs.len()));
                self.line(format!("{}) {o}", k + 1));
            }
            self.blank();
            let target = self
                .org_text(rng.one(TARGETS))
                .replace(&self.org.name(), &bo);
            let tlabel = if template_b {
                "เป้าหมาย/ผลผลิต"
            } else if lv == "alt_stems" {
                "เป้าหมาย"
            } else {
                "กลุ่มเป้าหมาย"
            };
            label(self, tlabel, None);
            self.line(target.clone());
            self.blank();
            if template_b {
                label(self, "พื้นที่ดำเนินการ", None);
                let area = if bo.is_empty() {
                    "ทุกสำนัก/กอง/ฝ่าย".to_string()
                } else {
                    bo.clone()
                };
                self.line(area);
                self.blank();
            }
            label(
                self,
                if lv == "alt_stems" {
                    "วิธีการดำเนินการ"
                } else {
                    "วิธีดำเนินการ"
                },
                None,
            );
            for (k, s) in METHODS.iter().take(2 + rng.below(3)).enumerate() {
                self.line(format!("{}) {s}", k + 1));
            }
            self.blank();
            let period = if self.years_variant == "table_only" {
                "ตลอดปีงบประมาณ".to_string()
            } else if a == b {
                format!("ปีงบประมาณ พ.ศ. {a}")
            } else {
                format!("ปีงบประมาณ พ.ศ. {a} {} {b}", rng.pick(&["–", "-"]))
            };
            label(
                self,
                if lv == "alt_stems" {
                    "ระยะเวลาการดำเนินงาน"
                } else {
                    "ระยะเวลาดำเนินการ"
                },
                None,
            );
            self.line(period.clone());
            self.blank();
            let budget_text = if p.amount == 0 {
                rng.pick(&[
                    "ไม่ใช้งบประมาณดำเนินการ",
                    "ไม่ใช้งบประมาณ",
                    "ไม่ใช้งบประมาณในการดำเนินการ",
                ])
                .to_string()
            } else {
                match rng.below(3) {
                    0 => format!("{} บาท", money(p.amount)),
                    1 => format!("งบประมาณ {} บาท", money(p.amount)),
                    _ => format!("งบประมาณข้อบัญญัติ {} บาท", money(p.amount)),
                }
            };
            label(
                self,
                if lv == "alt_stems" {
                    "งบประมาณ"
                } else {
                    "งบประมาณดำเนินการ"
                },
                None,
            );
            self.line(budget_text.clone());
            self.blank();
            let resp = format!("{} {bo}", rng.pick(UNITS)).trim().to_string();
            label(
                self,
                if lv == "alt_stems" {
                    "ผู้รับผิดชอบ"
                } else {
                    "ผู้รับผิดชอบโครงการ"
                },
                None,
            );
            self.line(resp.clone());
            self.blank();
            let fno = if template_b { 10 } else { 9 };
            let sub_items = bv == "sub_items";
            if template_b {
                label(self, "ตัวชี้วัด/ผลลัพธ์", None);
                for (k, o) in OUTCOMES.iter().take(2).enumerate() {
                    if sub_items {
                        self.line(format!("{fno}.{} {o}", k + 1));
                    } else {
                        self.line(format!("{}) {o}", k + 1));
                    }
                }
            } else {
                label(self, "ผลผลิต/ผลลัพธ์", None);
                self.line("ผลผลิต");
                for (k, o) in OUTPUTS.iter().take(2).enumerate() {
                    if sub_items {
                        self.line(format!("{fno}.{} {o}", k + 1));
                    } else {
                        self.line(format!("{}) {o}", k + 1));
                    }
                }
                self.line("ผลลัพธ์");
                let oc = rng.pick(OUTCOMES).to_string();
                self.line(oc);
            }
            self.blank();
            let mut d = json!({
                "number": p.number,
                "dimension": p.dim,
                "mission": mission_gold,
                "name": p.name,
                "budget_baht": p.amount,
                "budget_text": budget_text,
                "period_text": period,
                "responsible": resp,
                "target_group": target,
                "objectives_count": no,
                "field_labels": labels,
            });
            if bv == "no_headings" {
                // joined to its table row: the mission is the row's
                d["mission"] = json!(m.code);
            }
            details.push(d);
        }
        self.thai = self.digits == "thai";
        self.signature(rng);
        details
    }

    fn ita_measures(mut self, rng: &mut Rng) -> SynthDoc {
        self.class("kind.ita_measures");
        let y = self.years[0];
        self.cover(rng, "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน");
        let bo = self.body_org();
        self.line(format!(
            "ตามที่สำนักงาน ป.ป.ช. ได้กำหนดให้มีการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. {y} {bo} จึงได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ดังนี้"
        ));
        self.blank();
        for (k, m) in ITA_MEASURES.iter().take(2 + rng.below(4)).enumerate() {
            self.line(format!("{}. {m}", k + 1));
            self.line(format!("- {}", rng.pick(METHODS)));
        }
        self.blank();
        let mo = rng.pick(MONTHS).to_string();
        self.line(format!("ประกาศ ณ วันที่ {} {mo} {}", 1 + rng.below(28), y - 1));
        self.signature(rng);
        let mut gold = json!({
            "source": format!("{}.txt", self.name),
            "doc_kind": "plan",
            "organization": self.org_gold(),
            "fiscal_years": [y],
        });
        self.finish(&mut gold)
    }

    fn ita_analysis(mut self, rng: &mut Rng) -> SynthDoc {
        self.class("kind.ita_analysis");
        let y = self.years[0];
        let score = 60.0 + (rng.below(3900) as f64) / 100.0;
        let title = *rng.pick(&[
            "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
            "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)",
        ]);
        self.cover(rng, title);
        let bo = self.body_org();
        self.line("1. ผลการประเมิน");
        self.line(format!(
            "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. {y} {bo} ได้คะแนน {score:.2} คะแนน อยู่ในระดับ {}",
            if score >= 85.0 { "A" } else if score >= 75.0 { "B" } else { "C" }
        ));
        self.blank();
        let mut rows = vec![vec![Cell::t("ตัวชี้วัด"), Cell::t("คะแนน")]];
        for (k, t) in [
            "การปฏิบัติหน้าที่",
            "การใช้งบประมาณ",
            "การใช้อำนาจ",
            "การใช้ทรัพย์สินของราชการ",
            "การแก้ไขปัญหาการทุจริต",
        ]
        .iter()
        .enumerate()
        {
            let s = 50.0 + (rng.below(5000) as f64) / 100.0;
            rows.push(vec![
                Cell::t(format!("{}. {t}", k + 1)),
                Cell::t(format!("{s:.2}")),
            ]);
        }
        self.nodes.push((Node::Table(rows), self.thai));
        self.blank();
        self.line("2. จุดแข็ง");
        self.line(rng.pick(OUTCOMES).to_string());
        self.line("3. ข้อเสนอแนะ");
        self.line(rng.pick(OBJECTIVES).to_string());
        self.signature(rng);
        let mut gold = json!({
            "source": format!("{}.txt", self.name),
            "doc_kind": "report",
            "organization": self.org_gold(),
            "fiscal_years": [y],
            "report": {"fiscal_year": y, "ita_score": (score * 100.0).round() / 100.0},
        });
        self.finish(&mut gold)
    }
}

/// Close a vertical merge that starts at row `start` in column `col`.
fn fix_span(rows: &mut [Vec<Cell>], start: usize, col: usize) {
    let mut n = 1;
    while start + n < rows.len() && rows[start + n].get(col).is_some_and(|c| c.covered) {
        n += 1;
    }
    if let Some(c) = rows.get_mut(start).and_then(|r| r.get_mut(col)) {
        c.span = n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_varied() {
        let a = generate(7, 30);
        let b = generate(7, 30);
        assert_eq!(
            a.iter().map(|d| d.gold.to_string()).collect::<Vec<_>>(),
            b.iter().map(|d| d.gold.to_string()).collect::<Vec<_>>()
        );
        let mut classes: Vec<&String> = a.iter().flat_map(|d| &d.classes).collect();
        classes.sort();
        classes.dedup();
        assert!(classes.len() > 30, "{classes:?}");
    }
}
