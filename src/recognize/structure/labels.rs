//! Field labels of Part-3 detail blocks (docs/grammar.md §4.2, §4.3), block
//! ordinals (§4.4) and the report item labels (§5.4). Labels are matched by
//! keyword stem; the number in front is only a hint.

use crate::recognize::grammar::re;
use crate::recognize::vocab;

/// The typed field a label opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Name,
    /// หน่วยงานดำเนินการ: kept in `fields` only.
    Unit,
    Rationale,
    Objectives,
    Target,
    Area,
    Method,
    Period,
    Budget,
    Responsible,
    Indicators,
    /// The ผลผลิต/ผลลัพธ์ container; its sub-labels open Outputs / Outcomes.
    Results,
    Outputs,
    Outcomes,
}

impl FieldKind {
    /// Fields whose value is a list of items.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            FieldKind::Objectives
                | FieldKind::Method
                | FieldKind::Indicators
                | FieldKind::Outputs
                | FieldKind::Outcomes
        )
    }
    /// The closing fields of a block: once one is open, a heading may follow.
    pub fn is_result(self) -> bool {
        matches!(
            self,
            FieldKind::Indicators | FieldKind::Results | FieldKind::Outputs | FieldKind::Outcomes
        )
    }
}

// The number's dot may be OCR's comma ("6, ระยะเวลาดำเนินการ": 3 of 20
// Garuda 000 blocks). The number itself may be garbled past reading into
// one or two Latin letters or symbols ("lo. วัตถุประสงค์", "a. …" for ๓ in
// Kinnari 000, 3 labels, and as many in Garuda): the label then has no
// number, so it opens its field only with nothing or ":" after it (a
// loose rest needs the expected number, see `Rest::Loose`).
re!(
    NUMBERED,
    &format!(
        r"^\s*(?:-\s*)?(?:(?P<num>[0-9]{{1,2}})|[^\s0-9\x{{0E00}}-\x{{0E7F}}.,)(]{{1,2}})\s*[.),]\s*(?P<stem>{stems})(?P<rest>.*)$",
        stems = stems()
    )
);
re!(
    BARE,
    &format!(
        r"^\s*(?:-\s*)?(?P<stem>{stems})\s*[:：]?\s*$",
        stems = stems()
    )
);
re!(
    UNNUMBERED_NAME,
    &format!(
        r"^\s*(?:-\s*)?(?P<stem>{names})(?P<rest>.*)$",
        names = labels_of(&[FieldKind::Name, FieldKind::Unit])
    )
);
re!(
    SUBLABEL,
    &format!(
        r"^\s*(?:-\s*)?(?P<sub>{subs})(?:\s*[:：]\s*|\s+|$)(?P<v>.*)$",
        subs = vocab::alt_of(vocab::RESULT_SUBLABELS)
    )
);
// §4.4: the ordinal ends the line; a parenthesised note may follow it.
re!(
    ORDINAL,
    &format!(
        r"ลำดับ(?:{thi})?\s*(?P<n>[0-9]{{1,3}})\s*(?:\((?P<note>[^)]*)\))?\s*$",
        thi = vocab::ORDINAL_THI
    )
);
// The header phrase that may precede an ordinal on the same line.
re!(
    DETAIL_PREFIX,
    r"^\s*(?:-\s*)?รายละเอียด(?:ของ)?(?:โครงการ|กิจกรรม|มาตรการ)[^\s]*\s*$"
);
// §5.4 report items: "N.title", "๔.๔.กิจกรรม…", "๔.๑.๑.๑. โครงการ…".
re!(
    ITEM,
    r"^\s*(?:-\s*)?(?P<num>[0-9]{1,3}(?:\.[0-9]{1,2}){0,3})\s*\.\s*(?P<title>[^\s0-9].*)$"
);
re!(
    ACTION,
    r"^\s*(?:การดำเนินการ|การดำเนินงาน|วิธี(?:การ)?ดำเนิน(?:การ|งาน))\s*[:：]?\s*$"
);
re!(RESULT, r"^\s*ผล(?:การ)?ดำเนิน(?:การ|งาน)\s*[:：]?\s*$");

// §4.2: field 1 of a block is the name, "1. <label> <name>". OCR may
// garble the label's first word past reading (Garuda 003 at 150 dpi:
// "1. Ha มาตรการ การแสดง…" for "1. ชื่อ มาตรการ …"); the caller knows the
// line by its place (field 2's label follows), see [`first_field`].
re!(
    FIRST_FIELD,
    r"^\s*(?:-\s*)?1\s*[.),]\s*(?P<rest>[^\s0-9.].*)$"
);
re!(
    GARBLED_NAME_LABEL,
    &format!(
        r"^(?P<junk>\S{{1,6}})(?P<sp>\s*)(?P<pw>{pw}(?:\s?/\s?{pw})*)(?P<tail>.*)$",
        pw = vocab::alt(vocab::PROJECT_WORDS)
    )
);

/// The §4.2 label alternation (without the enclosing group's capture).
fn stems() -> String {
    labels_of(&[])
}

/// The labels opening one of `kinds` (all labels when empty), as one
/// alternation in table order.
fn labels_of(kinds: &[FieldKind]) -> String {
    let v: Vec<&str> = vocab::FIELD_LABELS
        .iter()
        .filter(|(_, k)| kinds.is_empty() || kinds.contains(k))
        .map(|(p, _)| *p)
        .collect();
    v.join("|")
}

/// Each label of the table anchored, in table order.
static ANCHORED: std::sync::LazyLock<Vec<(regex::Regex, FieldKind)>> =
    std::sync::LazyLock::new(|| {
        vocab::FIELD_LABELS
            .iter()
            .map(|(p, k)| {
                let r = regex::Regex::new(&format!("^(?:{p})$")).expect("static regex");
                (r, *k)
            })
            .collect()
    });

/// The field a matched stem opens: the first table entry matching the whole
/// stem, which is the alternative the label regex took.
pub fn stem_kind(stem: &str) -> FieldKind {
    ANCHORED
        .iter()
        .find(|(r, _)| r.is_match(stem))
        .map_or(FieldKind::Unit, |(_, k)| *k)
}

/// How a label line ends (§4.3): nothing, `:` + value, or (names) a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Rest {
    Empty,
    Value(String),
    /// Whitespace + text after a non-name label: a label only when the
    /// number is the expected next field number (caller decides).
    Loose(String),
    /// A results container glued to a sub-label ("ผลผลิต/ผลลัพธ์ผลผลิต").
    Sub(FieldKind, Option<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub kind: FieldKind,
    /// As printed, without number, colon or markup.
    pub printed: String,
    pub number: Option<u32>,
    pub rest: Rest,
}

fn classify_rest(kind: FieldKind, rest: &str) -> Option<Rest> {
    let t = rest.trim();
    if t.is_empty() {
        return Some(Rest::Empty);
    }
    if let Some(v) = t.strip_prefix(':').or_else(|| t.strip_prefix('：')) {
        let v = v.trim();
        return Some(if v.is_empty() {
            Rest::Empty
        } else {
            Rest::Value(v.to_string())
        });
    }
    if kind == FieldKind::Name || kind == FieldKind::Unit {
        return Some(Rest::Value(t.to_string()));
    }
    if kind == FieldKind::Results {
        if let Some((k, v)) = sublabel(t) {
            return Some(Rest::Sub(k, v));
        }
    }
    if rest.starts_with(char::is_whitespace) {
        return Some(Rest::Loose(t.to_string()));
    }
    None
}

/// Rule 1 of §4.3: "N. `<stem>`…".
pub fn numbered(text: &str) -> Option<Label> {
    let c = NUMBERED.captures(text)?;
    let stem = c.name("stem")?.as_str();
    let kind = stem_kind(stem);
    let rest = classify_rest(kind, c.name("rest").map_or("", |m| m.as_str()))?;
    let number = c.name("num").and_then(|m| m.as_str().parse().ok());
    Some(Label {
        kind,
        printed: stem.trim().to_string(),
        number,
        rest,
    })
}

/// Rule 2 of §4.3: the line is exactly a stem.
pub fn bare(text: &str) -> Option<Label> {
    let c = BARE.captures(text)?;
    let stem = c.name("stem")?.as_str();
    Some(Label {
        kind: stem_kind(stem),
        printed: stem.trim().to_string(),
        number: None,
        rest: Rest::Empty,
    })
}

/// Rule 3 of §4.3: "ชื่อโครงการ X" / "หน่วยงานดำเนินการ X" without number.
pub fn unnumbered_name(text: &str) -> Option<Label> {
    let c = UNNUMBERED_NAME.captures(text)?;
    let stem = c.name("stem")?.as_str();
    let kind = stem_kind(stem);
    let rest = classify_rest(kind, c.name("rest").map_or("", |m| m.as_str()))?;
    Some(Label {
        kind,
        printed: stem.trim().to_string(),
        number: None,
        rest,
    })
}

/// A line "1. …" that is not a readable name label: field 1 of a block
/// whose label OCR garbled. The label is the garbled word plus the project
/// word(s) after it ("Ha มาตรการ" → printed "ชื่อ มาตรการ", the only label
/// §4.2 allows there); without a project word the label is unknown
/// (`printed` empty) and the whole rest is the name. Only a candidate: the
/// caller confirms it by field 2's label below.
pub fn first_field(text: &str) -> Option<Label> {
    if numbered(text).is_some() {
        return None;
    }
    let rest = FIRST_FIELD.captures(text)?.name("rest")?.as_str().trim();
    let garbled = GARBLED_NAME_LABEL.captures(rest).filter(|c| {
        // A garbled word, not a name's first word: Latin letters or
        // symbols in it, or a Thai fragment too short to be a word of a name.
        c.name("junk").is_some_and(|j| {
            let j = j.as_str();
            j.chars().any(|ch| !crate::thai::is_thai_word_char(ch)) || j.chars().count() <= 4
        })
    });
    let (printed, value) = match garbled {
        Some(c) => {
            let sp = c.name("sp").map_or("", |m| m.as_str());
            let pw = c.name("pw").map_or("", |m| m.as_str());
            let tail = c.name("tail").map_or("", |m| m.as_str());
            let value = tail.trim().trim_start_matches([':', '：']).trim();
            (
                format!("ชื่อ{}{pw}", if sp.is_empty() { "" } else { " " }),
                value.to_string(),
            )
        }
        None => (String::new(), rest.to_string()),
    };
    Some(Label {
        kind: FieldKind::Name,
        printed,
        number: Some(1),
        rest: if value.is_empty() {
            Rest::Empty
        } else {
            Rest::Value(value)
        },
    })
}

/// A table-row label (a block printed as a two-column table): the first
/// non-empty cell is a numbered or bare label, the other cells its value.
pub fn cell_label(text: &str) -> Option<Label> {
    let t = text.trim_start_matches([' ']);
    if !t.trim().contains('\t') {
        return None;
    }
    let cells: Vec<&str> = t.split('\t').collect();
    let first = cells.iter().position(|c| !c.trim().is_empty())?;
    let head = cells.get(first)?.trim();
    let rest: Vec<&str> = cells.get(first + 1..).unwrap_or(&[]).to_vec();
    let value = rest.join("\t");
    let mut l = numbered(head)
        .filter(|l| matches!(l.rest, Rest::Empty))
        .or_else(|| bare(head))?;
    l.rest = if value.trim().is_empty() {
        Rest::Empty
    } else {
        Rest::Value(value)
    };
    Some(l)
}

/// A sub-label of the results field: ผลผลิต / ผลลัพธ์, alone or with its value.
pub fn sublabel(text: &str) -> Option<(FieldKind, Option<String>)> {
    let c = SUBLABEL.captures(text)?;
    let sub = c.name("sub")?.as_str();
    let kind = vocab::RESULT_SUBLABELS
        .iter()
        .find(|(w, _)| *w == sub)
        .map_or(FieldKind::Outcomes, |(_, k)| *k);
    let v = c
        .name("v")
        .map(|m| m.as_str().trim().to_string())
        .filter(|v| !v.is_empty());
    Some((kind, v))
}

/// A block ordinal "ลำดับที่ N" ending the line; returns (N, text before it).
pub fn ordinal(text: &str) -> Option<(u32, String)> {
    if text.trim().contains('\t') {
        return None;
    }
    let c = ORDINAL.captures(text)?;
    let m = c.get(0)?;
    let n = c.name("n")?.as_str().parse().ok()?;
    let prefix = text.get(..m.start()).unwrap_or("").trim().to_string();
    Some((n, prefix))
}

/// "รายละเอียดโครงการ/กิจกรรม/มาตรการ": a header phrase, not content.
pub fn is_detail_prefix(text: &str) -> bool {
    DETAIL_PREFIX.is_match(text)
}

/// A report item line "N.title" (only an item if an action label follows).
pub fn item(text: &str) -> Option<(String, String)> {
    let c = ITEM.captures(text)?;
    Some((
        c.name("num")?.as_str().to_string(),
        c.name("title")?.as_str().trim().to_string(),
    ))
}

re!(
    GLUED_ACTION,
    r"^(?P<t>.*\S)\s*(?:การดำเนินการ|วิธีดำเนินการ|วิธีการดำเนินการ)$"
);

/// An item title with its action label glued on ("…ท่าแร่การดำเนินการ");
/// returns the title. "…ผลการดำเนินการ" is a title ending, not a label.
pub fn glued_action(title: &str) -> Option<String> {
    let c = GLUED_ACTION.captures(title.trim())?;
    let t = c.name("t")?.as_str().trim();
    if t.ends_with("ผล") || t.ends_with("ผล ") || t.is_empty() {
        return None;
    }
    Some(t.to_string())
}

pub fn is_action_label(text: &str) -> bool {
    ACTION.is_match(text)
}

pub fn is_result_label(text: &str) -> bool {
    RESULT.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_labels() {
        let l = numbered("1. ชื่อโครงการ: โครงการเผยแพร่").unwrap();
        assert_eq!((l.kind, l.printed.as_str()), (FieldKind::Name, "ชื่อโครงการ"));
        assert_eq!(l.rest, Rest::Value("โครงการเผยแพร่".into()));
        let l = numbered("1. ชื่อ มาตรการ   การแสดงเจตจำนง").unwrap();
        assert_eq!(l.printed, "ชื่อ มาตรการ");
        assert_eq!(l.rest, Rest::Value("การแสดงเจตจำนง".into()));
        let l = numbered("10. ตัวชี้วัด/ผลลัพธ์\t").unwrap();
        assert_eq!(
            (l.kind, l.number, l.rest),
            (FieldKind::Indicators, Some(10), Rest::Empty)
        );
        let l = numbered("9. ผลผลิต/ผลลัพธ์ผลผลิต").unwrap();
        assert_eq!(l.rest, Rest::Sub(FieldKind::Outputs, None));
        let l = numbered(" 8. งบประมาณที่ใช้ในการดำเนินการ").unwrap();
        assert_eq!(
            (l.kind, l.printed.as_str()),
            (FieldKind::Budget, "งบประมาณที่ใช้ในการดำเนินการ")
        );
        assert_eq!(
            numbered("6. ระยะเวลาการดำเนินการ").unwrap().kind,
            FieldKind::Period
        );
        assert_eq!(
            numbered("9. ผู้รับผิดชอบโครงการฯ").unwrap().printed,
            "ผู้รับผิดชอบโครงการฯ"
        );
        assert_eq!(
            numbered("10. ตังชี้วัด/ผลลัพธ์").unwrap().kind,
            FieldKind::Indicators
        );
        // a number garbled into letters: a label without its number
        let l = numbered("lo. วัตถุประสงค์").unwrap();
        assert_eq!(
            (l.kind, l.number, l.rest),
            (FieldKind::Objectives, None, Rest::Empty)
        );
        assert!(numbered("ab. วัตถุประสงค์").is_some());
        assert!(numbered("abc. วัตถุประสงค์").is_none());
        // list items that reuse a field number are values (§4.7)
        assert!(numbered("7. จัดทำทำเนียบหน่วยงาน").is_none());
        assert!(numbered("3. วัตถุประสงค์ของการจัดทำแผน").is_none());
        assert_eq!(
            numbered("4. เป้าหมาย/ผลผลิต").unwrap().kind,
            FieldKind::Target
        );
        assert_eq!(
            numbered("2. หลักการและเหตุผล/ที่มาของโครงการ").unwrap().printed,
            "หลักการและเหตุผล/ที่มาของโครงการ"
        );
    }

    #[test]
    fn other_plan_label_variants() {
        let l = numbered("1. ชื่อกิจกรรม/โครงการ : X").unwrap();
        assert_eq!(
            (l.printed.as_str(), l.rest),
            ("ชื่อกิจกรรม/โครงการ", Rest::Value("X".into()))
        );
        assert_eq!(
            numbered("3. วัตถุประสงค์ของโครงการ").unwrap().kind,
            FieldKind::Objectives
        );
        assert_eq!(
            numbered("8. ผู้รับผิดชอบโครงการ/หน่วยงาน").unwrap().kind,
            FieldKind::Responsible
        );
        assert_eq!(
            numbered("- 5. ระยะเวลาในการดำเนินงาน").unwrap().kind,
            FieldKind::Period
        );
        assert_eq!(
            numbered("6. หน่วยงานที่รับผิดชอบ").unwrap().kind,
            FieldKind::Responsible
        );
        assert_eq!(bare("งบประมาณ").unwrap().kind, FieldKind::Budget);
        // A loose value after a non-name label is left to the caller.
        assert!(matches!(
            numbered("7. งบประมาณ 20,000 บาท").unwrap().rest,
            Rest::Loose(_)
        ));
        let c = cell_label("วัตถุประสงค์\t<p>1) ก</p>").unwrap();
        assert_eq!(
            (c.kind, c.rest),
            (FieldKind::Objectives, Rest::Value("<p>1) ก</p>".into()))
        );
        assert_eq!(
            glued_action("มาตรการ “ยกระดับ” การดำเนินการ").as_deref(),
            Some("มาตรการ “ยกระดับ”")
        );
        assert_eq!(glued_action("กิจกรรมรายงานผลการดำเนินการ"), None);
    }

    #[test]
    fn bare_and_sub_labels() {
        assert!(bare("งบประมาณข้อบัญญัติ 30,000 บาท").is_none());
        assert_eq!(bare("วัตถุประสงค์").unwrap().kind, FieldKind::Objectives);
        assert_eq!(
            sublabel("ผลผลิต มีมาตรการ"),
            Some((FieldKind::Outputs, Some("มีมาตรการ".into())))
        );
        assert_eq!(sublabel("ผลลัพธ์"), Some((FieldKind::Outcomes, None)));
        assert!(sublabel("ผลผลิต/ผลลัพธ์").is_none());
        let n = unnumbered_name("ชื่อโครงการ โครงการส่งเสริมคุณธรรม").unwrap();
        assert_eq!(n.rest, Rest::Value("โครงการส่งเสริมคุณธรรม".into()));
        assert_eq!(
            unnumbered_name("หน่วยงานดำเนินการ สำนักงานปลัด").unwrap().kind,
            FieldKind::Unit
        );
    }

    #[test]
    fn ordinals_and_items() {
        assert_eq!(ordinal("ลำดับที่ 14"), Some((14, String::new())));
        assert_eq!(ordinal("ลำดับ 3 (ต่อ)"), Some((3, String::new())));
        assert_eq!(ordinal("ลำดับที 5"), Some((5, String::new())));
        assert_eq!(
            ordinal("รายละเอียดโครงการ/กิจกรรม/มาตรการ ลำดับที่ 2").map(|o| o.0),
            Some(2)
        );
        assert!(ordinal("ลำดับ ที่\tขั้นตอน การดำเนินงาน").is_none());
        assert_eq!(
            item("4.4.กิจกรรมการรายงานผล"),
            Some(("4.4".into(), "กิจกรรมการรายงานผล".into()))
        );
        assert_eq!(
            item("4.1.1.1. โครงการจัดทำแผน").map(|i| i.0),
            Some("4.1.1.1".into())
        );
        assert!(is_action_label("การดำเนินการ"));
        assert!(is_result_label("ผลดำเนินการ"));
    }
}
