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

/// The ordinal word ที่ of "ส่วนที่ N", "มิติที่ N", "ลำดับที่ N" as a regex:
/// OCR loses the tone mark over the upper vowel (Garuda scans of plan 000:
/// "มติที 3", "ลำดับที 5"), so the mark is optional.
pub const ORDINAL_THI: &str = "ที่?";

/// §2.4 the dimension word มิติ and its misspellings seen in real documents
/// (มติ: a lost sara i; มิตี: sara ii for sara i).
pub const DIMENSION_WORDS: &[&str] = &["มิติ", "มติ", "มิตี"];

/// §3.1 the words naming the project column and a project count
/// (โครงการ/กิจกรรม/มาตรการ).
pub const PROJECT_WORDS: &[&str] = &["โครงการ", "กิจกรรม", "มาตรการ"];

/// §3.5 words naming the other header columns, as OCR still reads them
/// when a scanned page repeats the header: the mission column
/// (ภารกิจตามมิติ), the remark column (หมายเหตุ, often read "หมายเห ตุ"
/// when the word wraps in a narrow cell) and the year cells' labels.
pub const HEADER_MISSION_WORDS: &[&str] = &["ภารกิจ"];
/// (the remark word OCR also splits across two cells: "ปี 2570 ห" /
/// "มายเหตุ", Loma 000).
pub const HEADER_NOTE_WORDS: &[&str] = &["หมายเห", "มายเหตุ"];
pub const HEADER_YEAR_WORDS: &[&str] = &["ปี", "พ.ศ", "งบประมาณ"];

/// §3.3 the words after รวม on the grand-total row (รวมทั้งสิ้น, รวมทั้งหมด),
/// as regex fragments: OCR loses the tone marks over the upper vowels
/// ("รวมทังสิน", Norasi 000), as in [`ORDINAL_THI`].
pub const GRAND_TOTAL_WORDS: &[&str] = &["ทั้?งสิ้?น", "ทั้?งหมด"];

/// How OCR misspells the words of a Part-3 label (the misreads
/// [`FIELD_LABELS`] accepts), with the word as printed: on an OCR'd page the
/// label is recorded as printed, not as misread (Garuda 000: 11 of 20
/// blocks had a label such as "ชือโครงการ", "ผู้รับถิดชอบโครงการ",
/// "ทีมาของโครงการ").
pub const OCR_LABEL_SPELLINGS: &[(&str, &str)] = &[
    ("ซื่อ", "ชื่อ"),
    ("ชือ", "ชื่อ"),
    ("ซือ", "ชื่อ"),
    ("รับถิด", "รับผิด"),
    ("ทีมา", "ที่มา"),
    ("ทีใช้", "ที่ใช้"),
];

/// A label read by OCR, as printed ([`OCR_LABEL_SPELLINGS`]).
pub fn label_as_printed(label: &str) -> String {
    OCR_LABEL_SPELLINGS
        .iter()
        .fold(label.to_string(), |l, (ocr, printed)| {
            l.replace(ocr, printed)
        })
}

/// §4.2 Part-3 field labels (regex fragments) and the field each opens,
/// longest variants first. OCR misreads of label words seen on scans in
/// Loma and Garuda (issue 14), each in both faces: ชื่อ without its tone
/// mark or with ซ for ช (ชือ, ซือ: 3 of 17 Garuda name labels), ผิด read
/// as ถิด (ผู้รับถิดชอบ: 2 of 19 in each face).
pub const FIELD_LABELS: &[(&str, FieldKind)] = &[
    (
        r"[ชซ]ื่?อ ?(?:โครงการ|กิจกรรม|มาตรการ)(?: ?/ ?(?:โครงการ|กิจกรรม|มาตรการ))*",
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
        r"หน่วยงาน(?:ที่)?รับ[ผถ]ิดชอบ(?:โครงการ)?ฯ?",
        FieldKind::Responsible,
    ),
    (
        r"ผู้รับ[ผถ]ิดชอบ(?:โครงการ)?ฯ?(?:/หน่วยงาน)?",
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

/// §2.2 the Buddhist-era marker พ.ศ. in a year phrase. Three forms are in
/// use and they match different spellings, so each is named rather than
/// unified (one form would change what matches): [`BE_ERA`] as printed,
/// [`BE_ERA_SPACED`] with a space after the first dot ("พ. ศ."),
/// [`BE_ERA_LOOSE`] also without the last dot ("พ.ศ 2564").
pub const BE_ERA: &str = r"พ\.ศ\.";
/// "พ.ศ." or "พ. ศ.".
pub const BE_ERA_SPACED: &str = r"พ\.\s*ศ\.";
/// "พ.ศ.", "พ. ศ." or "พ.ศ" (the last dot lost).
pub const BE_ERA_LOOSE: &str = r"พ\.\s*ศ\.?";

/// The Thai month names, January first (index + 1 = month number).
pub const THAI_MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// §5.3 statistics tables: words of the column headers (matched as
/// substrings of the header with spaces removed). The local budget act:
/// ข้อบัญญัติ (อบต, อบจ) or เทศบัญญัติ (เทศบาล).
pub const ORDINANCE_WORDS: &[&str] = &["ข้อบัญญัติ", "เทศบัญญัติ"];
/// A percentage column.
pub const PERCENT_WORDS: &[&str] = &["ร้อยละ"];
/// The head of a project-count column.
pub const PROJECT_COUNT_HEADS: &[&str] = &["โครงการ", "จำนวนโครงการ"];
/// Projects done (under a project-count head).
pub const DONE_WORDS: &[&str] = &["แล้ว", "ดำเนินการ"];
/// Planned, or all of them.
pub const PLANNED_WORDS: &[&str] = &["ตามแผน", "ทั้งหมด"];
/// Money actually spent.
pub const SPENT_WORDS: &[&str] = &["ใช้จริง", "เบิกจ่าย", "ที่ใช้", "ใช้ไป"];
/// The plan's budget column (besides the bare header งบประมาณ).
pub const PLAN_BUDGET_WORDS: &[&str] = &["ตามแผน"];

/// §5.3 the status table's columns: the `Status` field and the word lists
/// any of whose words names it. The first entry that matches wins, so
/// order matters (the percentage header also says ตั้งต้น).
pub const STATUS_COLUMNS: &[(&str, &[&[&str]])] = &[
    ("implementation_level", &[&["ระดับ"]]),
    (
        "implementation_pct",
        &[PERCENT_WORDS, &["ผลการนำ", "คิดจาก"]],
    ),
    ("not_possible", &[&["ไม่สามารถ"]]),
    ("in_progress", &[&["ระหว่าง"]]),
    ("done", &[&["แล้วเสร็จ"]]),
    ("in_ordinance", &[&["บรรจุ"], ORDINANCE_WORDS]),
    ("projects_total", &[&["ทั้งหมด"]]),
    ("projects_initial", &[&["ตั้งต้น"]]),
];

/// Whether `s` contains any of `words`.
pub fn contains_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

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

/// Address words that follow an LAO's name and are never part of it: a
/// name glued to them ("เทศบาลตำบลตะขบอำเภอกาญจนดิษฐ์", a space lost where a
/// browser-printed PDF wrapped the line) ends there.
pub const ADDRESS_WORDS: &[&str] = &["อำเภอ", "จังหวัด"];

/// A name split over two cover lines: (first line, what the second line
/// starts with; "" = the bare name: "เทศบาลตำบล" / "ท่าแร่ อำเภอ…").
pub const SPLIT_NAME_HEADS: &[(&str, &[&str])] = &[
    ("เทศบาล", &["ตำบล", "เมือง", "นคร"]),
    ("องค์การบริหาร", &["ส่วนตำบล", "ส่วนจังหวัด"]),
    ("องค์การบริหารส่วน", &["ตำบล", "จังหวัด"]),
    ("องค์การบริหารส่วนตำบล", &[""]),
    ("องค์การบริหารส่วนจังหวัด", &[""]),
    ("เทศบาลตำบล", &[""]),
    ("เทศบาลเมือง", &[""]),
    ("เทศบาลนคร", &[""]),
];

/// Executive titles printed before an abbreviated LAO in a signature
/// ("นายก อบต.X", "นายกเทศมนตรี ทต.X", "ปลัด อบจ.X").
pub const SIGNATURE_ABBREV_TITLES: &[&str] = &["นายกเทศมนตรี", "นายก", "ปลัด"];

/// Words after an office title that are a role, not the LAO's name
/// ("ปลัด อบต. ปฏิบัติหน้าที่", "ปลัดองค์การบริหารส่วนตำบล รักษาราชการแทน").
pub const SIGNATURE_ROLE_WORDS: &[&str] = &["ปฏิบัติ", "รักษา", "แทน", "ผู้"];

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

#[cfg(test)]
mod tests {
    use super::*;

    /// A label OCR misread is recorded as printed; a label read right is
    /// left as it is.
    #[test]
    fn ocr_label_spellings_give_the_printed_label() {
        assert_eq!(label_as_printed("ชือโครงการ"), "ชื่อโครงการ");
        assert_eq!(label_as_printed("ซือโครงการ"), "ชื่อโครงการ");
        assert_eq!(label_as_printed("ผู้รับถิดชอบโครงการ"), "ผู้รับผิดชอบโครงการ");
        assert_eq!(
            label_as_printed("หลักการและเหตุผล/ทีมาของโครงการ"),
            "หลักการและเหตุผล/ที่มาของโครงการ"
        );
        assert_eq!(label_as_printed("ชื่อโครงการ"), "ชื่อโครงการ");
        assert_eq!(label_as_printed("ผู้รับผิดชอบโครงการ"), "ผู้รับผิดชอบโครงการ");
    }
}
