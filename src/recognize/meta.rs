//! Doc kind, title, organisation, fiscal years (docs/grammar.md §1, §2.1).
//!
//! Everything here is read from the *front* of the document (cover, title,
//! heading block, memo header), never from the body: body text is copied
//! between LAOs and edited by find-and-replace (§2.1), so a name or a year
//! found there is noise. The body is only used to *corroborate* (name
//! variants warning) and, for excerpts without a title, for the period
//! fields (§1.3).

use super::grammar::{captured_years, re, year_range, PART_HEADING, PERIOD};
use super::lines::collapse_spaces;
use super::vocab::{
    ADDRESS_WORDS, LAO_ABBREVIATIONS, SIGNATURE_ABBREV_TITLES, SIGNATURE_ROLE_WORDS,
    SIGNATURE_TITLES, SPLIT_NAME_HEADS,
};
use super::{Line, Lines, Meta};
use crate::model::WarningCode;
use crate::model::{DocKind, Organization, SourceSpan, Warning};
use regex::Regex;
use std::collections::BTreeMap;

/// §1.2: "the first ~40 non-blank lines".
const FRONT_LINES: usize = 40;
/// With a covering memo, the report proper starts later (004:L106).
const MEMO_FRONT_LINES: usize = 150;

// §2.1 prefix → kind. Spaces inside the prefix come from justification gaps
// ("องค์การบริหาร              ส่วนตำบลจอมประทัด", 003:L9); องค์กร is a
// common misspelling (000:L731).
re!(
    pub(super) LAO,
    r"(?P<prefix>องค์(?:การ|กร)\s*บริหาร\s*ส่วน\s*ตำบล|องค์(?:การ|กร)\s*บริหาร\s*ส่วน\s*จังหวัด|เทศบาล\s*ตำบล|เทศบาล\s*เมือง|เทศบาล\s*นคร|กรุงเทพมหานคร|เมืองพัทยา)(?P<name>\s*[\u0E01-\u0E4E]*)"
);
re!(DISTRICT, r"อำเภอ\s*(?P<v>[\u0E01-\u0E4E]+)");

// A cover line "อบต.X อ.Y จ.Z" (district and province optional), the
// abbreviations from the vocabulary.
static ABBREV_COVER: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    let abbrevs: Vec<&str> = LAO_ABBREVIATIONS.iter().map(|(a, _)| *a).collect();
    Regex::new(&format!(
        r"^(?P<ab>{})\.\s*(?P<n>[\u0E01-\u0E4E]{{2,30}})(?:\s+(?:อ\.|อำเภอ)\s*(?P<d>[\u0E01-\u0E4E]+))?(?:\s+(?:จ\.|จังหวัด)\s*(?P<p>[\u0E01-\u0E4E]+))?\s*$",
        abbrevs.join("|")
    ))
    .expect("abbreviation regex")
});
// An abbreviated LAO inside a running header ("แผน… พ.ศ. 2566 – 2570 ของ
// ทต.X", "… อบต.X อ.Y"): delimited by a space or the line's end.
static ABBREV_IN_LINE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    let abbrevs: Vec<&str> = LAO_ABBREVIATIONS.iter().map(|(a, _)| *a).collect();
    Regex::new(&format!(
        r"(?:^|\s|ของ)(?P<ab>{})\.\s*(?P<n>[\u0E01-\u0E4E]{{2,30}})(?:\s|$)",
        abbrevs.join("|")
    ))
    .expect("abbreviation regex")
});
// The places printed right after a name: "อำเภอY จังหวัดZ", "อ.Y จ.Z".
re!(
    PLACES_AFTER_NAME,
    r"^\s*(?:(?:อ\.|อำเภอ)\s*(?P<d>[\u0E01-\u0E4E]+))?\s*(?:(?:จ\.|จังหวัด)\s*(?P<p>[\u0E01-\u0E4E]+))?"
);
static SIGNATURE_LINE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    let titles: Vec<&str> = SIGNATURE_TITLES.iter().map(|(t, _)| *t).collect();
    Regex::new(&format!(
        r"^\s*(?P<t>{})\s*(?P<n>[\u0E01-\u0E4E]{{2,30}})\s*$",
        titles.join("|")
    ))
    .expect("signature regex")
});
// "นายก อบต.X", "นายกเทศมนตรี ทต.X" (issue 12 class 4, abbreviated).
static SIGNATURE_ABBREV: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    let abbrevs: Vec<&str> = LAO_ABBREVIATIONS.iter().map(|(a, _)| *a).collect();
    Regex::new(&format!(
        r"^\s*(?:{})\s*(?P<ab>{})\.\s*(?P<n>[\u0E01-\u0E4E]{{2,30}})\s*$",
        SIGNATURE_ABBREV_TITLES.join("|"),
        abbrevs.join("|")
    ))
    .expect("signature regex")
});
// Two-digit BE years (issue 12 class 6): "ปี 61-64", "(พ.ศ. 61 – 64)",
// "พ.ศ. 2561 - 64".
re!(
    SHORT_YEARS,
    r"(?:พ\.\s*ศ\.|ปี)\s*(?P<a>(?:25)?[0-9]{2})\s*[-–—]\s*(?:พ\.\s*ศ\.\s*)?(?P<b>[0-9]{2})(?:[^0-9]|$)"
);
re!(PROVINCE, r"จังหวัด\s*(?P<v>[\u0E01-\u0E4E]+)");
// Title forms (§1.1, §1.2).
// Issue 12 class 5: the misspelling แผ่น, the older "แผนป้องกัน ปราบปราม
// การทุจริตและประพฤติมิชอบ" (space, no และ), and ITA measures documents
// ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"), which are plans of
// measures.
re!(
    PLAN_TITLE,
    r"^(?:แผ่?น(?:ปฏิบัติการ)?\s*(?:ด้าน)?(?:การ)?ป้องกัน\s*(?:และ)?\s*(?:ปราบปราม)?(?:การ)?ทุจริต|มาตรการส่งเสริมคุณธรรมและความโปร่งใส)"
);
// ITA result analyses ("รายงานการวิเคราะห์ผลการประเมินคุณธรรม…") are reports.
// Also without รายงาน: "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส…".
re!(
    REPORT_TITLE,
    r"^(?:รายงาน(?:ผล|การวิเคราะห์ผล)|การวิเคราะห์ผลการประเมินคุณธรรม)"
);
// A line that is only a year or a year span ("2568", "(พ.ศ.2566 – 2570)"):
// the end of a title wrapped before its year (PDF line streams).
re!(
    BARE_YEARS,
    r"^\(?\s*(?:(?:ปี\s*)?พ\.\s*ศ\.\s*)?25[0-9]{2}(?:\s*[-–—]\s*(?:พ\.\s*ศ\.\s*)?25[0-9]{2})?\s*\)?$"
);
// Lines that open something else, never the wrapped tail of a title.
re!(
    NOT_TITLE_TAIL,
    r"^(?:[0-9(\-•*]|ส่วนที่|มิติ|คำนำ|สารบัญ|บันทึกข้อความ|เรื่อง|เรียน|อำเภอ|จังหวัด|องค์(?:การ|กร)\s*บริหาร|เทศบาล|กรุงเทพมหานคร|เมืองพัทยา|แผน|รายงาน)"
);
/// A wrapped title tail is short: the cover and PDF wrap at ~60 characters.
const TITLE_TAIL_CHARS: usize = 60;
// A line continuing a title: the printed year span or fiscal year.
re!(
    TITLE_CONT,
    r"^(?:\(\s*)?(?:ประจำปี|ปีงบประมาณ|พ\.ศ\.|ปี\s*พ\.ศ\.|ระยะ)"
);
// A BE year or a BE year range; the surrounding digits are checked by hand
// (the regex crate has no look-around).
re!(
    YEARS,
    r"(?P<from>25[0-9]{2})(?:\s*[-–—]\s*(?:พ\.ศ\.\s*)?(?P<to>25[0-9]{2}))?"
);
// "ประจำปีงบประมาณ พ.ศ. 2567": the document's own year, as prose states it.
re!(
    FY_PHRASE,
    r"(?:ประจำ)?ปี\s*งบประมาณ\s*(?:\(?พ\.ศ\.\)?\s*)?(?P<y>25[0-9]{2})"
);
// §4.3 numbered field labels (stems of §4.2), with the stem category.
re!(
    BLOCK_LABEL,
    r"^\s*(?:-\s*)?[0-9]{1,2}\s*[.)]?\s*(?:(?P<name>ชื่อ\s?(?:โครงการ|กิจกรรม|มาตรการ))|(?P<rat>หลักการและเหตุผล)|(?P<obj>วัตถุประสงค์)|(?P<tgt>(?:กลุ่ม)?เป้าหมาย)|(?P<area>(?:พื้นที่|สถานที่)ดำเนินการ)|(?P<meth>วิธี(?:การ)?ดำเนิน(?:การ|งาน))|(?P<per>ระยะเวลา(?:การ)?ดำเนิน(?:การ|งาน))|(?P<bud>งบประมาณ)|(?P<resp>ผู้รับผิดชอบ)|(?P<ind>(?:ตัว|ตัง)ชี้วัด)|(?P<res>ผลผลิต/ผลลัพธ์|ผลที่คาดว่าจะได้รับ))"
);
const LABEL_GROUPS: [&str; 11] = [
    "name", "rat", "obj", "tgt", "area", "meth", "per", "bud", "resp", "ind", "res",
];

/// Map an LAO name prefix (spaces removed) to RECORD's `kind`.
fn kind_of_prefix(prefix: &str) -> (&'static str, &'static str) {
    let p: String = prefix.chars().filter(|c| !c.is_whitespace()).collect();
    // (canonical prefix, kind)
    if p.ends_with("ส่วนตำบล") {
        ("องค์การบริหารส่วนตำบล", "อบต")
    } else if p.ends_with("ส่วนจังหวัด") {
        ("องค์การบริหารส่วนจังหวัด", "อบจ")
    } else if p == "เทศบาลตำบล" {
        ("เทศบาลตำบล", "เทศบาลตำบล")
    } else if p == "เทศบาลเมือง" {
        ("เทศบาลเมือง", "เทศบาลเมือง")
    } else if p == "เทศบาลนคร" {
        ("เทศบาลนคร", "เทศบาลนคร")
    } else if p == "กรุงเทพมหานคร" {
        ("กรุงเทพมหานคร", "กรุงเทพมหานคร")
    } else {
        ("เมืองพัทยา", "เมืองพัทยา")
    }
}

/// An LAO name found on a line.
#[derive(Debug, Clone, PartialEq)]
struct LaoName {
    full: String,
    /// The bare place part ("ตรัง"); empty for กรุงเทพมหานคร / เมืองพัทยา.
    bare: String,
    kind: &'static str,
    /// Byte offset just after the name in the line.
    end: usize,
}

/// The name an LAO prefix (written out, or what an abbreviation or an
/// executive's title stands for) and a bare place name make.
fn named(prefix: &str, bare: &str, end: usize) -> LaoName {
    let (canon, kind) = kind_of_prefix(prefix);
    LaoName {
        full: format!("{canon}{bare}"),
        bare: bare.to_string(),
        kind,
        end,
    }
}

fn is_self_named(kind: &str) -> bool {
    kind == "กรุงเทพมหานคร" || kind == "เมืองพัทยา"
}

/// Names on a line. `bare` stops at the first non-Thai-letter character.
fn lao_names(text: &str) -> Vec<LaoName> {
    let mut out = Vec::new();
    for c in LAO.captures_iter(text) {
        let (Some(p), Some(n)) = (c.name("prefix"), c.name("name")) else {
            continue;
        };
        let (canon, kind) = kind_of_prefix(p.as_str());
        let mut bare = n.as_str().trim().to_string();
        let mut end = n.end();
        // A glued address word ends the name (ADDRESS_WORDS).
        if let Some(cut) = ADDRESS_WORDS
            .iter()
            .filter_map(|w| bare.find(w))
            .filter(|&i| bare[..i].chars().count() >= 2)
            .min()
        {
            end -= bare.len() - cut;
            bare.truncate(cut);
        }
        // An อบจ is named by its province, a closed list: a name glued to
        // the next word (a line wrap that lost its space, "…สุราษฎร์ธานีจึงได้…")
        // ends where the province does.
        if kind == "อบจ" {
            if let Some(pn) = super::area::province_prefix(&bare) {
                if pn.len() < bare.len() {
                    end -= bare.len() - pn.len();
                    bare.truncate(pn.len());
                }
            }
        }
        if is_self_named(kind) {
            out.push(LaoName {
                full: canon.to_string(),
                bare: String::new(),
                kind,
                end: p.end(),
            });
        } else {
            out.push(LaoName {
                full: format!("{canon}{bare}"),
                bare,
                kind,
                end,
            });
        }
    }
    out
}

/// A cover / heading line: the whole line is an LAO name, optionally
/// followed by its district and province (000:L10, 003:L4, 004:L65).
fn cover_name(text: &str) -> Option<LaoName> {
    let t = text.trim();
    if t.contains('\t') || t.chars().count() > 160 {
        return None;
    }
    let names = lao_names(t);
    let first = names.into_iter().next()?;
    // The name must open the line.
    let start = LAO.find(t)?.start();
    if start != 0 {
        return None;
    }
    if !is_self_named(first.kind) {
        let len = first.bare.chars().count();
        // A short sentence glued to the name has no spaces either; function
        // words give it away (a dictionary would do better).
        const GLUE: [&str; 9] = ["ได้", "จัดทำ", "ของ", "และ", "เป็น", "ให้", "ซึ่ง", "โดย", "จึง"];
        if !(2..=30).contains(&len) || GLUE.iter().any(|g| first.bare.contains(g)) {
            return None;
        }
    }
    let rest = t.get(first.end..).unwrap_or("").trim_start();
    if rest.is_empty()
        || rest.starts_with("อำเภอ")
        || rest.starts_with("จังหวัด")
        || rest.starts_with("เขต")
    {
        Some(first)
    } else {
        None
    }
}

/// A name inside prose (002:L5 "…ขององค์การบริหารส่วนตำบลตะขบ ประจำปี…"):
/// accepted only where the name is delimited (space, punctuation, end),
/// because a glued name ("ตรังได้จัดทำ…") cannot be cut reliably.
fn prose_name(text: &str) -> Option<LaoName> {
    for n in lao_names(text) {
        if is_self_named(n.kind) {
            return Some(n);
        }
        let len = n.bare.chars().count();
        if !(2..=20).contains(&len) {
            continue;
        }
        let rest = text.get(n.end..).unwrap_or("");
        let next = rest.chars().next();
        // An อบจ's whole name is an official province: where it ends is
        // known even with the next word glued on.
        let province_named =
            n.kind == "อบจ" && super::area::province_prefix(&n.bare) == Some(n.bare.as_str());
        if province_named
            || ADDRESS_WORDS.iter().any(|w| rest.starts_with(w))
            || next.is_none_or(|c| {
                c.is_whitespace() || c.is_ascii_punctuation() || matches!(c, '”' | '“' | ')')
            })
        {
            return Some(n);
        }
    }
    None
}

// What follows a year that opens a span whose end is not a year
// ("2566 - 257)"): a dash and one to three digits.
re!(OPEN_SPAN_END, r"^\s*[-–—]\s*[0-9]{1,3}(?:[^0-9]|$)");
// …unless it is a date range: "1 ตุลาคม 2567 - 30 กันยายน 2568",
// "1 ต.ค. 2567 – 30 ก.ย. 2568" (the digits are a day).
re!(
    DATE_RANGE_END,
    &format!(
        r"^\s*[-–—]\s*[0-9]{{1,2}}\s*(?:{}|[ก-ฮ]{{1,2}}\.\s?[ก-ฮ]{{1,2}}\.)",
        super::vocab::THAI_MONTHS.join("|")
    )
);

/// Whether the year match `c` of `text` opens a span whose end did not
/// read as a year ("2566 - 250": OCR lost a digit).
fn opens_unended_span(text: &str, c: &regex::Captures) -> bool {
    captured_years(c).1.is_none()
        && c.get(0)
            .and_then(|m| text.get(m.end()..))
            .is_some_and(|rest| OPEN_SPAN_END.is_match(rest) && !DATE_RANGE_END.is_match(rest))
}

/// Whether `text` has a BE year opening a span whose end is not a year.
fn has_open_span(text: &str) -> bool {
    YEARS
        .captures_iter(text)
        .any(|c| opens_unended_span(text, &c))
}

/// Years of one text: every BE year, ranges expanded (§1.3).
pub fn years_in(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for c in YEARS.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let before = text.get(..m.start()).and_then(|s| s.chars().next_back());
        let after = text.get(m.end()..).and_then(|s| s.chars().next());
        if before.is_some_and(|ch| ch.is_ascii_digit())
            || after.is_some_and(|ch| ch.is_ascii_digit())
        {
            continue;
        }
        // A span whose end did not read as a year states no years we can
        // trust: not the lone first year.
        if opens_unended_span(text, &c) {
            continue;
        }
        let (from, to) = captured_years(&c);
        if let Some(f) = from {
            out.extend(year_range(f, to));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Years a title or heading states: a two-digit BE range ("ปี 61-64",
/// "พ.ศ. 2561 - 64") read as 2561…2564, else every four-digit BE year.
pub fn title_years(text: &str) -> Vec<u32> {
    for c in SHORT_YEARS.captures_iter(text) {
        let (Some(a), Some(b)) = (c.name("a"), c.name("b")) else {
            continue;
        };
        let (Ok(a), Ok(b)) = (a.as_str().parse::<u32>(), b.as_str().parse::<u32>()) else {
            continue;
        };
        let a = if a < 100 { 2500 + a } else { a };
        let b = 2500 + b;
        // a plan spans at most a few years (four- and five-year plans)
        if (2540..=2600).contains(&a) && b >= a && b - a <= 9 {
            return (a..=b).collect();
        }
    }
    years_in(text)
}

/// Issue 12 class 6: the Part-2 heading "ส่วนที่ 2 … 4 ปี (พ.ศ. 2561 – 2564)".
fn part2_years(lines: &Lines) -> Option<(Vec<u32>, SourceSpan)> {
    lines
        .lines
        .iter()
        .filter(|l| is_part_heading(l))
        .find_map(|l| {
            let t = l.text.trim();
            let c = PART_HEADING.captures(t)?;
            if c.name("n")?.as_str() != "2" {
                return None;
            }
            let ys = title_years(t);
            (!ys.is_empty()).then(|| (ys, l.span()))
        })
}

/// "อบต.X อ.Y จ.Z" on a cover line: the expanded name, district, province.
fn abbrev_cover(text: &str) -> Option<(LaoName, Option<String>, Option<String>)> {
    let c = ABBREV_COVER.captures(text.trim())?;
    let ab = c.name("ab")?.as_str();
    let prefix = LAO_ABBREVIATIONS.iter().find(|(a, _)| *a == ab)?.1;
    let bare = c.name("n")?.as_str();
    let (d, glued) = match c.name("d") {
        Some(m) => {
            let (d, p) = split_district(m.as_str());
            (Some(d), p)
        }
        None => (None, None),
    };
    let p = c.name("p").map(|m| m.as_str().to_string()).or(glued);
    Some((named(prefix, bare, text.len()), d, p))
}

/// An abbreviated name inside a line ("… ของ ทต.X"), expanded (§2.1: an
/// abbreviation is never the output name).
fn abbrev_name(text: &str) -> Option<LaoName> {
    let c = ABBREV_IN_LINE.captures(text)?;
    let ab = c.name("ab")?.as_str();
    let prefix = LAO_ABBREVIATIONS.iter().find(|(a, _)| *a == ab)?.1;
    let n = c.name("n")?;
    Some(named(prefix, n.as_str(), n.end()))
}

/// A name split over two cover lines ("เทศบาล" / "ตำบลX อำเภอY"): the name
/// read from the two joined, its `end` an offset into the second line.
fn split_cover(first: &str, second: &str) -> Option<LaoName> {
    let a = first.trim();
    let b = second.trim();
    let (_, tails) = SPLIT_NAME_HEADS.iter().find(|(h, _)| *h == a)?;
    // a bare name: a Thai consonant, not an address word ("อำเภอ…")
    let bare_name = b.starts_with(|c: char| ('\u{0E01}'..='\u{0E2E}').contains(&c))
        && !ADDRESS_WORDS.iter().any(|w| b.starts_with(w));
    if !tails.iter().any(|t| {
        if t.is_empty() {
            bare_name
        } else {
            b.starts_with(t)
        }
    }) {
        return None;
    }
    let mut n = cover_name(&format!("{a}{b}"))?;
    n.end = n.end.checked_sub(a.len())? + (second.len() - second.trim_start().len());
    Some(n)
}

/// A running header: a plan-title line naming the LAO ("แผนปฏิบัติการ…
/// พ.ศ. 2566 – 2570 ของเทศบาลเมืองX") printed on `min` or more pages. A
/// short plan prints it once (a header every few pages); a single line
/// counts only when no plan-title line names another LAO.
fn running_header_name<'a, 'b>(
    lines: &'b Lines<'a>,
    min: usize,
) -> Option<(&'b Line<'a>, LaoName)> {
    let mut seen: Vec<(&Line, LaoName, usize)> = Vec::new();
    for l in &lines.lines {
        let t = l.text.trim();
        if l.has_tab() || t.chars().count() > 200 || !PLAN_TITLE.is_match(t) {
            continue;
        }
        let Some(n) = prose_name(t).or_else(|| abbrev_name(t)) else {
            continue;
        };
        match seen.iter_mut().find(|(_, m, _)| m.full == n.full) {
            Some(e) => e.2 += 1,
            None => seen.push((l, n, 1)),
        }
    }
    if min < 2 && seen.len() != 1 {
        return None;
    }
    seen.into_iter()
        .filter(|(_, _, k)| *k >= min)
        .max_by_key(|(_, _, k)| *k)
        .map(|(l, n, _)| (l, n))
}

/// A signature block: "(name)" then the executive's title that names the
/// LAO ("นายกเทศมนตรีตำบลX" → เทศบาลตำบลX).
fn signature_name<'a, 'b>(lines: &'b Lines<'a>) -> Option<(&'b Line<'a>, LaoName)> {
    let mut prev_nonblank: Vec<&str> = Vec::new();
    for l in &lines.lines {
        if l.is_blank() {
            continue;
        }
        let t = l.text.trim();
        let signed = prev_nonblank
            .iter()
            .rev()
            .take(2)
            .any(|p| p.starts_with('(') && p.ends_with(')'));
        prev_nonblank.push(t);
        if !signed || l.has_tab() {
            continue;
        }
        // An abbreviated title ("นายก อบต.X") or a written-out one
        // ("นายกเทศมนตรีตำบลX"): the first form that matches decides the line.
        let (c, key, table) = match SIGNATURE_ABBREV.captures(t) {
            Some(c) => (c, "ab", LAO_ABBREVIATIONS),
            None => match SIGNATURE_LINE.captures(t) {
                Some(c) => (c, "t", SIGNATURE_TITLES),
                None => continue,
            },
        };
        let (Some(k), Some(n)) = (c.name(key), c.name("n")) else {
            continue;
        };
        if SIGNATURE_ROLE_WORDS
            .iter()
            .any(|w| n.as_str().starts_with(w))
        {
            continue;
        }
        let Some((_, prefix)) = table.iter().find(|(x, _)| *x == k.as_str()) else {
            continue;
        };
        return Some((l, named(prefix, n.as_str(), l.text.len())));
    }
    None
}

fn is_part_heading(l: &Line) -> bool {
    let t = l.text.trim();
    !l.has_tab() && !t.contains("ประกอบด้วย") && t.chars().count() <= 200 && PART_HEADING.is_match(t)
}

/// Distinct label stems in the block that starts at each name label; the
/// best block's count (§1.2: "detail blocks that carry at least 3 of the
/// field labels").
fn best_block_labels(lines: &Lines) -> usize {
    let mut best = 0;
    let mut current: Option<std::collections::BTreeSet<&'static str>> = None;
    for l in &lines.lines {
        let t = l.text.trim_start_matches('\t');
        let Some(c) = BLOCK_LABEL.captures(t) else {
            continue;
        };
        let Some(group) = LABEL_GROUPS.iter().copied().find(|g| c.name(g).is_some()) else {
            continue;
        };
        if group == "name" {
            if let Some(set) = current.take() {
                best = best.max(set.len());
            }
            current = Some(std::collections::BTreeSet::from(["name"]));
        } else if let Some(set) = current.as_mut() {
            set.insert(group);
        }
    }
    if let Some(set) = current {
        best = best.max(set.len());
    }
    best
}

/// A memo header (§1.2 rule 1, §5.2): a line that is exactly บันทึกข้อความ
/// followed by at least two of its field lines. Returns the memo line index.
fn find_memo(front: &[&Line]) -> Option<usize> {
    for (i, l) in front.iter().enumerate() {
        if l.text.trim() != "บันทึกข้อความ" {
            continue;
        }
        let fields = front
            .iter()
            .skip(i + 1)
            .take(8)
            .filter(|m| {
                let t = m.text.trim();
                ["ส่วนราชการ", "ที่ ", "วันที่", "เรื่อง", "เรียน"]
                    .iter()
                    .any(|k| t.starts_with(k))
            })
            .count();
        if fields >= 2 {
            return Some(i);
        }
    }
    None
}

/// The title: the first title-like line of the front, plus the lines that
/// continue it (the year span below a cover title, "ประจำปีงบประมาณ …").
/// Returns (text, first line no, last line no).
fn find_title(lines: &Lines, front: &[&Line], report: bool) -> Option<(String, usize, usize)> {
    let pat: &Regex = if report { &REPORT_TITLE } else { &PLAN_TITLE };
    let first = front.iter().find(|l| {
        let t = l.text.trim();
        !l.has_tab() && t.chars().count() <= 250 && pat.is_match(t)
    })?;
    let mut parts = vec![title_without_lao(&collapse_spaces(first.text))];
    let mut last = first.no;
    let mut blanks = 0;
    let mut no = first.no + 1;
    // The cover's LAO line may sit between a yearless title and its year
    // line ("แผน…" / "ทม.X จ.Y" / "ประจำปีงบประมาณ พ.ศ. 2566"): it is skipped,
    // not part of the title, and only a year line may follow it.
    let mut skipped_org = false;
    while let Some(l) = lines.get(no) {
        if parts.len() >= 4 {
            break;
        }
        if l.is_blank() {
            blanks += 1;
            if blanks > 1 {
                break;
            }
            no += 1;
            continue;
        }
        let t = l.text.trim();
        if !skipped_org
            && !l.has_tab()
            && years_in(&parts.join(" ")).is_empty()
            && (cover_name(t).is_some() || abbrev_cover(t).is_some())
        {
            skipped_org = true;
            blanks = 0;
            no += 1;
            continue;
        }
        let is_cont = !l.has_tab()
            && t.chars().count() <= 80
            && (TITLE_CONT.is_match(t) || BARE_YEARS.is_match(t))
            && !title_years(t).is_empty();
        // A title wrapped mid-phrase (PDF: "…คุณธรรม" / "และความโปร่งใส"):
        // while it has no year yet, a short plain line right under it that
        // opens nothing else (no number, heading, LAO, place or new title)
        // carries on the title. A title that already states its year is
        // complete, so the cover's LAO line below it is never swallowed.
        let so_far = parts.join(" ");
        let is_tail = blanks == 0
            && !skipped_org
            && !l.has_tab()
            && !is_cont
            && years_in(&so_far).is_empty()
            && t.chars().count() <= TITLE_TAIL_CHARS
            && !t.ends_with(':')
            && !NOT_TITLE_TAIL.is_match(t)
            && LAO.find(t).is_none()
            // an abbreviated LAO line ("อบต.X อ.Y จ.Z") is the cover's
            // organisation, also with no blank line above it (web pages)
            && abbrev_cover(t).is_none()
            && abbrev_name(t).is_none();
        // After a blank line only a bare year span continues a title.
        if !(is_cont || is_tail)
            || (blanks > 0
                && !(t.starts_with('(') || BARE_YEARS.is_match(t) || skipped_org && is_cont))
        {
            break;
        }
        parts.push(collapse_spaces(t));
        last = l.no;
        blanks = 0;
        no += 1;
    }
    Some((parts.join(" "), first.no, last))
}

/// A title line that also names the LAO ("แผน… พ.ศ. 2569 เทศบาลนครน่าน
/// อำเภอปัว จังหวัดน่าน", issue 12 class 4): the title ends before the
/// name, as the cover's separate LAO line is not part of it (corpus gold
/// 000, 004), also glued to it where a PDF wrap lost the space ("…โปร่งใส
/// องค์การ…" read "…โปร่งใสองค์การ…", synth pdf-spaced 23_018); never a
/// name after ของ ("…ของเทศบาลX", "… ของ ทต.X" belong to the title).
fn title_without_lao(t: &str) -> String {
    static ABBREV_AT: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        let abbrevs: Vec<&str> = LAO_ABBREVIATIONS.iter().map(|(a, _)| *a).collect();
        Regex::new(&format!(r"\s(?:{})\.\s*[\u0E01-\u0E4E]", abbrevs.join("|")))
            .expect("static regex")
    });
    let full = LAO.find_iter(t).map(|m| m.start()).find(|&i| i > 0);
    let abbrev = ABBREV_AT.find(t).map(|m| m.start());
    match full.into_iter().chain(abbrev).min() {
        Some(i) if !t[..i].trim().is_empty() && !t[..i].trim_end().ends_with("ของ") => {
            t[..i].trim_end().to_string()
        }
        _ => t.to_string(),
    }
}

/// Pick the fullest of several forms of one place ("เมือง" < "เมืองสกลนคร").
/// Returns the value and whether some forms conflicted.
fn fullest(cands: &[String]) -> (Option<String>, bool) {
    let Some(first) = cands.first() else {
        return (None, false);
    };
    let mut best = first.clone();
    let mut conflict = false;
    for c in cands.iter().skip(1) {
        if c.starts_with(best.as_str()) {
            best = c.clone();
        } else if !best.starts_with(c.as_str()) {
            conflict = true;
        }
    }
    (Some(best), conflict)
}

/// A district read up to a glued "จังหวัดZ" (a line wrap that lost its space:
/// "อำเภอมายอจังหวัดปัตตานี"): no district name holds จังหวัด, so it ends there
/// and the rest is the province.
fn split_district(v: &str) -> (String, Option<String>) {
    match v.find("จังหวัด") {
        Some(i) if i > 0 => {
            let p = &v[i + "จังหวัด".len()..];
            (v[..i].to_string(), (!p.is_empty()).then(|| p.to_string()))
        }
        _ => (v.to_string(), None),
    }
}

/// District and province tokens of a line. จังหวัด inside
/// "องค์การบริหารส่วนจังหวัด…" is part of a name, not a province.
fn places(text: &str, districts: &mut Vec<String>, provinces: &mut Vec<String>) {
    for c in DISTRICT.captures_iter(text) {
        if let Some(v) = c.name("v") {
            // A glued province is also read by PROVINCE below.
            districts.push(split_district(v.as_str()).0);
        }
    }
    for c in PROVINCE.captures_iter(text) {
        let (Some(m), Some(v)) = (c.get(0), c.name("v")) else {
            continue;
        };
        let before = text.get(..m.start()).unwrap_or("").trim_end();
        if before.ends_with("ส่วน") {
            continue;
        }
        provinces.push(v.as_str().to_string());
    }
}

/// §2.1: organisation from cover, title or heading lines.
fn find_organization(
    lines: &Lines,
    front: &[&Line],
    title: Option<&(String, usize, usize)>,
    warnings: &mut Vec<Warning>,
) -> Organization {
    let mut org = Organization::default();
    // Heading lines: the front, plus the few lines under the title (004's
    // report title block L106–109 lies past a long memo).
    let mut heading: Vec<&Line> = front.to_vec();
    if let Some((_, start, end)) = title {
        for no in *start..=(*end + 4) {
            if let Some(l) = lines.get(no) {
                if !heading.iter().any(|h| h.no == l.no) {
                    heading.push(l);
                }
            }
        }
    }
    heading.sort_by_key(|l| l.no);

    // Cover lines: the full name, "อบต.X อ.Y จ.Z", or a name split over two
    // lines (issue 12 class 4); abbreviated lines carry their own places.
    let mut covers: Vec<(&Line, LaoName)> = Vec::new();
    let mut abbrev_places: Vec<(usize, Option<String>, Option<String>)> = Vec::new();
    for (i, l) in heading.iter().enumerate() {
        if let Some(n) = cover_name(l.text) {
            covers.push((*l, n));
        } else if let Some((n, d, p)) = abbrev_cover(l.text) {
            abbrev_places.push((l.no, d, p));
            covers.push((*l, n));
        } else if let Some(next) = heading.get(i + 1).filter(|n| n.no == l.no + 1) {
            if let Some(n) = split_cover(l.text, next.text) {
                covers.push((*next, n));
            }
        }
    }
    let chosen: Option<(&Line, LaoName)> = covers.first().cloned().or_else(|| {
        // The title itself may name the LAO ("แผน… ขององค์การบริหารส่วนตำบลX").
        let mut cands: Vec<&Line> = Vec::new();
        if let Some((_, start, end)) = title {
            cands.extend((*start..=*end).filter_map(|no| lines.get(no)));
            // Else the first sentence after the title (002:L5).
            cands.extend(
                lines
                    .lines
                    .iter()
                    .skip(*end)
                    .filter(|l| !l.is_blank() && !l.has_tab())
                    .take(2),
            );
        }
        cands
            .into_iter()
            .find_map(|l| prose_name(l.text).map(|n| (l, n)))
            // issue 12 class 4: a running header, then a signature
            .or_else(|| running_header_name(lines, 2))
            .or_else(|| signature_name(lines))
            .or_else(|| running_header_name(lines, 1))
    });
    let Some((line, name)) = chosen else {
        return org;
    };
    org.name = Some(name.full.clone());
    org.kind = Some(name.kind.to_string());
    org.source_span = Some(line.span());

    // District / province: from each cover line of this LAO and the lines
    // right under it, and from the title block.
    let mut districts = Vec::new();
    let mut provinces = Vec::new();
    let mut span = line.span();
    for (l, n) in covers.iter().filter(|(_, n)| n.full == name.full) {
        for (_, d, p) in abbrev_places.iter().filter(|(no, _, _)| *no == l.no) {
            districts.extend(d.clone());
            provinces.extend(p.clone());
        }
        places(
            l.text.get(n.end..).unwrap_or(""),
            &mut districts,
            &mut provinces,
        );
        for next in lines
            .lines
            .iter()
            .skip(l.no)
            .filter(|x| !x.is_blank())
            .take(2)
        {
            let t = next.text.trim();
            if next.has_tab()
                || !(t.starts_with("อำเภอ") || t.starts_with("จังหวัด") || t.starts_with("เขต"))
            {
                break;
            }
            places(t, &mut districts, &mut provinces);
            if l.no == line.no {
                span = span.join(next.span());
            }
        }
    }
    if let Some((_, start, end)) = title {
        for no in *start..=*end {
            if let Some(l) = lines.get(no) {
                places(l.text, &mut districts, &mut provinces);
            }
        }
    }
    // No place on a cover or in the title: the places a running header
    // prints right after this LAO's name ("แผน… พ.ศ. 2566 – 2570
    // องค์การบริหารส่วนตำบลX อำเภอY จังหวัดZ"), issue 12 class 4.
    if districts.is_empty() && provinces.is_empty() {
        for l in &lines.lines {
            let t = l.text.trim();
            if l.has_tab() || t.chars().count() > 200 || !PLAN_TITLE.is_match(t) {
                continue;
            }
            let Some(n) = prose_name(t).or_else(|| abbrev_name(t)) else {
                continue;
            };
            if n.full != name.full {
                continue;
            }
            if let Some(c) = t.get(n.end..).and_then(|r| PLACES_AFTER_NAME.captures(r)) {
                if let Some(m) = c.name("d") {
                    let (d, glued) = split_district(m.as_str());
                    districts.push(d);
                    provinces.extend(glued);
                }
                provinces.extend(c.name("p").map(|m| m.as_str().to_string()));
            }
        }
    }
    org.source_span = Some(span);
    let (d, dc) = fullest(&districts);
    let (p, pc) = fullest(&provinces);
    if dc || pc {
        warnings.push(Warning::new(
            WarningCode::OrganizationPlaceConflict,
            format!(
                "front lines name different places: districts {:?}, provinces {:?}; the first is kept",
                districts, provinces
            ),
            Some(line.span()),
        ));
    }
    // A place word inside the LAO name is not the province (§2.1): only
    // explicit จังหวัด/อำเภอ tokens were read above.
    org.district = d;
    org.province = p;
    // An อบจ is named after its province (issue 12 class 4).
    if name.kind == "อบจ" && org.province.is_none() && !name.bare.is_empty() {
        org.province = Some(name.bare.clone());
    }

    if !name.bare.is_empty() {
        name_variants(lines, &name, line, warnings);
    }
    org
}

/// The cover wins over the body; count how the body spells the name (§2.1).
fn name_variants(lines: &Lines, name: &LaoName, cover: &Line, warnings: &mut Vec<Warning>) {
    let width = name.bare.chars().count();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for l in &lines.lines {
        for n in lao_names(l.text) {
            if n.kind != name.kind {
                continue;
            }
            let v = if n.bare.starts_with(name.bare.as_str()) {
                name.bare.clone()
            } else if n.bare.is_empty() {
                "(ไม่ระบุชื่อ)".to_string()
            } else {
                n.bare.chars().take(width).collect()
            };
            *counts.entry(v).or_insert(0) += 1;
        }
    }
    if counts.len() > 1 {
        let mut v: Vec<(String, usize)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let list: Vec<String> = v.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
        warnings.push(Warning::new(
            WarningCode::OrganizationNameVariants,
            format!(
                "name taken from the front ({}); the text spells the part after {} as: {}",
                name.full,
                name.full.trim_end_matches(name.bare.as_str()),
                list.join(", ")
            ),
            Some(cover.span()),
        ));
    }
}

/// §1.3 fallback for excerpts: the block period fields. The most common
/// range wins (every dated block of 003 says 2562–2564).
fn years_from_periods(lines: &Lines) -> (Vec<u32>, Option<SourceSpan>) {
    let mut counts: BTreeMap<Vec<u32>, (usize, SourceSpan)> = BTreeMap::new();
    for (i, l) in lines.lines.iter().enumerate() {
        let t = l.text.trim_matches(|c: char| c.is_whitespace());
        let value = if PERIOD.is_match(t) {
            // A period value must sit right under (or on) a ระยะเวลา label.
            let labelled = lines.lines[..i]
                .iter()
                .rev()
                .filter(|p| !p.is_blank())
                .take(2)
                .any(|p| p.text.contains("ระยะเวลา"));
            labelled.then_some(t)
        } else if let Some(pos) = t.find("ระยะเวลา") {
            t.get(pos..).filter(|r| r.contains("ปีงบประมาณ"))
        } else {
            None
        };
        let Some(v) = value else { continue };
        let Some(p) = v.find("ปี") else { continue };
        let ys = years_in(v.get(p..).unwrap_or(""));
        if ys.is_empty() {
            continue;
        }
        let e = counts.entry(ys).or_insert((0, l.span()));
        e.0 += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.0.len().cmp(&a.0.len())))
        .map(|(ys, (_, span))| (ys, Some(span)))
        .unwrap_or_default()
}

pub fn recognize(lines: &Lines) -> Meta {
    let mut meta = Meta::default();
    let non_blank: Vec<&Line> = lines.lines.iter().filter(|l| !l.is_blank()).collect();
    if non_blank.is_empty() {
        meta.warnings.push(Warning::new(
            WarningCode::EmptyText,
            "the document has no text",
            None,
        ));
        return meta;
    }
    let front: Vec<&Line> = non_blank.iter().copied().take(FRONT_LINES).collect();
    let memo = find_memo(&front);
    let report_front: Vec<&Line> = if memo.is_some() {
        non_blank.iter().copied().take(MEMO_FRONT_LINES).collect()
    } else {
        front.clone()
    };

    let has_parts = lines.lines.iter().any(is_part_heading);
    let report_title = find_title(lines, &report_front, true);
    let plan_title = find_title(lines, &front, false);
    let block_labels = best_block_labels(lines);
    let results_header = lines.lines.iter().any(|l| {
        l.has_tab() && l.text.contains("สรุปผลการดำเนินการ") && l.text.contains("ผลลัพธ์หรือความสำเร็จ")
    });
    let item_pairs = {
        let action = lines
            .lines
            .iter()
            .filter(|l| matches!(l.text.trim(), "การดำเนินการ" | "วิธีดำเนินการ"))
            .count();
        let result = lines
            .lines
            .iter()
            .filter(|l| l.text.trim().starts_with("ผลการดำเนิน"))
            .count();
        action.min(result)
    };

    // §1.2, in order: memo; report title without parts; plan signals;
    // results-table header or item pairs; otherwise unknown.
    meta.doc_kind = if memo.is_some() || (report_title.is_some() && !has_parts) {
        DocKind::Report
    } else if plan_title.is_some() || has_parts || block_labels >= 3 {
        DocKind::Plan
    } else if results_header || item_pairs >= 3 {
        DocKind::Report
    } else {
        DocKind::Unknown
    };

    let title = match meta.doc_kind {
        DocKind::Report => report_title.or(plan_title),
        DocKind::Plan => plan_title,
        DocKind::Unknown => None,
    };
    meta.title = title.as_ref().map(|t| t.0.clone());

    if meta.doc_kind == DocKind::Unknown {
        meta.warnings.push(Warning::new(
            WarningCode::DocKindUnknown,
            "no memo, report or plan title, part headings or detail blocks: not read as a plan or report",
            None,
        ));
        return meta;
    }

    meta.organization = find_organization(lines, &front, title.as_ref(), &mut meta.warnings);

    // §1.3 fiscal years: title / cover, then the memo subject, then (for
    // excerpts) the block period fields.
    let mut years: Vec<u32> = title
        .as_ref()
        .map(|t| title_years(&t.0))
        .unwrap_or_default();
    if let Some(t) = title.as_ref().filter(|t| has_open_span(&t.0)) {
        meta.warnings.push(Warning::new(
            WarningCode::ImplausibleYear,
            format!(
                "the title's year span does not end in a year (\"{}\"): its years are not taken",
                t.0
            ),
            None,
        ));
    }
    let memo_subject = memo.and_then(|i| {
        front
            .iter()
            .skip(i + 1)
            .take(8)
            .find(|l| l.text.trim().starts_with("เรื่อง"))
            .copied()
    });
    if let Some(subj) = memo_subject {
        let ys = years_in(subj.text);
        if years.is_empty() {
            years = ys;
        } else if !ys.is_empty() && ys != years {
            meta.warnings.push(Warning::new(
                WarningCode::FiscalYearClash,
                format!(
                    "memo subject names {:?}, the report title {:?}; the title is kept",
                    ys, years
                ),
                Some(subj.span()),
            ));
        }
    }
    if years.is_empty() {
        if let Some((ys, _)) = part2_years(lines) {
            years = ys;
        }
    }
    if years.is_empty() {
        let (ys, _) = years_from_periods(lines);
        meta.fiscal_years_from_periods = !ys.is_empty();
        years = ys;
    }
    // Title vs the first prose paragraph (002:L5 says 2567 under a 2568 title).
    if let Some((_, _, end)) = title.as_ref() {
        if !years.is_empty() {
            let prose = lines
                .lines
                .iter()
                .skip(*end)
                .filter(|l| !l.is_blank())
                .take(4)
                .find(|l| !l.has_tab() && l.text.chars().count() > 80);
            if let Some(p) = prose {
                let mut other: Vec<u32> = FY_PHRASE
                    .captures_iter(p.text)
                    .filter_map(|c| c.name("y").and_then(|y| y.as_str().parse::<u32>().ok()))
                    .filter(|y| !years.contains(y))
                    .collect();
                other.dedup();
                if !other.is_empty() {
                    meta.warnings.push(Warning::new(
                        WarningCode::FiscalYearClash,
                        format!(
                            "the text names fiscal year(s) {:?} under a title for {:?}; the title's years are kept",
                            other, years
                        ),
                        Some(p.span()),
                    ));
                }
            }
        }
    }
    meta.fiscal_years = years;
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years() {
        assert_eq!(
            years_in("(พ.ศ.2566 – 2570)"),
            vec![2566, 2567, 2568, 2569, 2570]
        );
        assert_eq!(years_in("ประจำปีงบประมาณ 2568"), vec![2568]);
        assert_eq!(years_in("12566"), Vec::<u32>::new());
    }

    #[test]
    fn cover_names() {
        let n = cover_name("เทศบาลตำบลท่าแร่ อำเภอ เมืองสกลนคร จังหวัด สกลนคร").unwrap();
        assert_eq!(n.full, "เทศบาลตำบลท่าแร่");
        assert_eq!(n.kind, "เทศบาลตำบล");
        assert!(cover_name("องค์การบริหารส่วนตำบลตรังได้จัดทำแผน").is_none());
        let n = cover_name("องค์การบริหาร   ส่วนตำบลจอมประทัด").unwrap();
        assert_eq!(n.full, "องค์การบริหารส่วนตำบลจอมประทัด");
        let mut d = Vec::new();
        let mut p = Vec::new();
        places("องค์การบริหารส่วนจังหวัดสกลนคร", &mut d, &mut p);
        assert!(p.is_empty());
    }
}
