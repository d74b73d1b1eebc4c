//! The document vocabulary, each concept stated once (issue 11): words and
//! their known misspellings, field labels with the field they open. The
//! recognisers compose their regexes from these tables, so a new
//! misspelling or a new label is one line here.
//!
//! Entries are regex fragments (most are plain Thai words); [`alt`] joins a
//! list into a non-capturing alternation `(?:a|b|c)`. Order matters where
//! one entry is a prefix of another: the regex engine takes the first
//! alternative that leads to a match, so longer variants come first.

use crate::recognize::structure::labels::FieldKind;

/// §2.4 the dimension word มิติ and its misspellings seen in real documents
/// (มติ: a lost sara i; มิตี: sara ii for sara i).
pub const DIMENSION_WORDS: &[&str] = &["มิติ", "มติ", "มิตี"];

/// §4.2 Part-3 field labels (regex fragments) and the field each opens,
/// longest variants first.
pub const FIELD_LABELS: &[(&str, FieldKind)] = &[
    (
        r"ชื่อ ?(?:โครงการ|กิจกรรม|มาตรการ)(?: ?/ ?(?:โครงการ|กิจกรรม|มาตรการ))*",
        FieldKind::Name,
    ),
    (r"หลักการและเหตุผล(?:/[^\s:：]+)?", FieldKind::Rationale),
    (r"วัตถุประสงค์(?:ของโครงการ)?", FieldKind::Objectives),
    (r"กลุ่มเป้าหมาย", FieldKind::Target),
    (r"เป้าหมาย(?:/ผลผลิต)?", FieldKind::Target),
    (
        r"(?:พื้นที่|สถานที่)(?:ที่ใช้)?(?:ใน)?(?:การ)?ดำเนิน(?:การ|งาน)",
        FieldKind::Area,
    ),
    (
        r"วิธี(?:การ)?(?:ใน)?(?:การ)?ดำเนิน(?:การ|งาน)",
        FieldKind::Method,
    ),
    (
        r"ระยะเวลา(?:(?:ที่ใช้)?(?:ใน)?(?:การ)?ดำเนิน(?:การ|งาน))?",
        FieldKind::Period,
    ),
    (r"งบประมาณ[^\s:：]*", FieldKind::Budget),
    (
        r"หน่วยงาน(?:ที่)?รับผิดชอบ(?:โครงการ)?ฯ?",
        FieldKind::Responsible,
    ),
    (
        r"ผู้รับผิดชอบ(?:โครงการ)?ฯ?(?:/หน่วยงาน)?",
        FieldKind::Responsible,
    ),
    (r"(?:ตัว|ตัง)ชี้วัด[^\s:：]*", FieldKind::Indicators),
    (r"ผลผลิต ?/ ?ผลลัพธ์", FieldKind::Results),
    (r"ผลที่คาดว่าจะได้รับ", FieldKind::Outcomes),
    (r"หน่วยงานดำเนินการ", FieldKind::Unit),
];

/// §4.2 the sub-labels under ผลผลิต/ผลลัพธ์.
pub const RESULT_SUBLABELS: &[(&str, FieldKind)] = &[
    ("ผลผลิต", FieldKind::Outputs),
    ("ผลลัพธ์", FieldKind::Outcomes),
];

/// `(?:a|b|c)` of regex fragments.
pub fn alt<S: AsRef<str>>(fragments: &[S]) -> String {
    let parts: Vec<&str> = fragments.iter().map(|s| s.as_ref()).collect();
    format!("(?:{})", parts.join("|"))
}

/// [`alt`] of the first element of each pair.
pub fn alt_of<T>(table: &[(&str, T)]) -> String {
    let parts: Vec<&str> = table.iter().map(|(s, _)| *s).collect();
    alt(&parts)
}

/// The dimension word, any spelling: `(?:มิติ|มติ|มิตี)`.
pub fn dimension_word() -> String {
    alt(DIMENSION_WORDS)
}

/// Issue 12 class 4: abbreviated LAO kinds (§2.1 says an abbreviation is
/// never the output name: it is expanded) → the full prefix.
pub const LAO_ABBREVIATIONS: &[(&str, &str)] = &[
    ("อบต", "องค์การบริหารส่วนตำบล"),
    ("อบจ", "องค์การบริหารส่วนจังหวัด"),
    ("ทต", "เทศบาลตำบล"),
    ("ทม", "เทศบาลเมือง"),
    ("ทน", "เทศบาลนคร"),
];

/// A name split over two cover lines: (first line, what the second line
/// starts with).
pub const SPLIT_NAME_HEADS: &[(&str, &[&str])] = &[
    ("เทศบาล", &["ตำบล", "เมือง", "นคร"]),
    ("องค์การบริหาร", &["ส่วนตำบล", "ส่วนจังหวัด"]),
    ("องค์การบริหารส่วน", &["ตำบล", "จังหวัด"]),
];

/// The executive's or clerk's title in a signature names the LAO:
/// (title prefix, LAO prefix).
pub const SIGNATURE_TITLES: &[(&str, &str)] = &[
    ("นายกองค์การบริหารส่วนตำบล", "องค์การบริหารส่วนตำบล"),
    ("นายกองค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนจังหวัด"),
    ("นายกเทศมนตรีตำบล", "เทศบาลตำบล"),
    ("นายกเทศมนตรีเมือง", "เทศบาลเมือง"),
    ("นายกเทศมนตรีนคร", "เทศบาลนคร"),
    ("ปลัดองค์การบริหารส่วนตำบล", "องค์การบริหารส่วนตำบล"),
    ("ปลัดองค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนจังหวัด"),
    ("ปลัดเทศบาลตำบล", "เทศบาลตำบล"),
    ("ปลัดเทศบาลเมือง", "เทศบาลเมือง"),
    ("ปลัดเทศบาลนคร", "เทศบาลนคร"),
];
