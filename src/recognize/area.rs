//! Official area codes for an organisation (RECORD.md v2): province,
//! district and subdistrict codes from the DOPA list vendored in
//! `data/areas/` (see its SOURCE.md for origin and date).
//!
//! A code is never guessed. `stated` codes come from names the document
//! prints (province, district, and the LAO's own place name inside them);
//! `inferred` means no province is printed but exactly one ตำบล in the
//! country carries the LAO's place name; `ambiguous` means several do and
//! nothing printed decides (candidates listed, codes null); `none` means
//! nothing matched. Names that DOPA has since renamed resolve through the
//! abolished list to their successor, with a warning.

use crate::model::WarningCode;
use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::{AreaMatch, Organization, Warning};

const PROVINCES: &str = include_str!("../../data/areas/provinces.tsv");
const DISTRICTS: &str = include_str!("../../data/areas/districts.tsv");
const SUBDISTRICTS: &str = include_str!("../../data/areas/subdistricts.tsv");
const ABOLISHED: &str = include_str!("../../data/areas/abolished.tsv");

/// The official Thai name of a province code ("94" → ปัตตานี), from the
/// vendored list; None for an unknown code.
pub fn province_name(code: &str) -> Option<&'static str> {
    code_names(PROVINCES).find_map(|(c, n)| (c == code).then_some(n))
}

/// The longest official province name `s` starts with ("สุราษฎร์ธานีจึงได้…"
/// → สุราษฎร์ธานี): the names are a closed list, so a province glued to the
/// next word can still be cut (an อบจ's name is its province).
pub fn province_prefix(s: &str) -> Option<&'static str> {
    code_names(PROVINCES)
        .map(|(_, n)| n)
        .filter(|n| !n.is_empty() && s.starts_with(n))
        .max_by_key(|n| n.len())
}

/// Words a printed place name may carry before the name itself, longest
/// first so that "กิ่งอำเภอ" wins over "อำเภอ".
const PLACE_PREFIXES: [&str; 10] = [
    "กิ่งอำเภอ",
    "จังหวัด",
    "อำเภอ",
    "ตำบล",
    "แขวง",
    "เขต",
    "จ.",
    "อ.",
    "ต.",
    "ข.",
];

struct Area {
    code: &'static str,
    key: String,
}

struct Areas {
    provinces: Vec<Area>,
    districts: Vec<Area>,
    subdistricts: Vec<Area>,
    /// Old name key → successor codes, for each level (by code length).
    renamed: HashMap<(usize, String), Vec<&'static str>>,
}

/// A comparable form of a place name: no spaces or invisible characters,
/// no level word in front (อำเภอ, จ., เขต …), กรุงเทพฯ spelt out.
pub fn place_key(name: &str) -> String {
    let mut s: String = name
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(*c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')
        })
        .collect();
    loop {
        let before = s.len();
        for p in PLACE_PREFIXES {
            if let Some(rest) = s.strip_prefix(p) {
                if !rest.is_empty() {
                    s = rest.to_string();
                }
                break;
            }
        }
        if s.len() == before {
            break;
        }
    }
    if s == "กรุงเทพฯ" || s == "กทม." || s == "กทม" {
        s = "กรุงเทพมหานคร".into();
    }
    s
}

/// (code, official name) of each line of a vendored area list.
fn code_names(tsv: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    tsv.lines().filter_map(|l| {
        let mut cols = l.split('\t');
        Some((cols.next()?, cols.next()?))
    })
}

fn parse(tsv: &'static str) -> Vec<Area> {
    code_names(tsv)
        .map(|(code, name)| Area {
            code,
            key: place_key(name),
        })
        .collect()
}

static AREAS: LazyLock<Areas> = LazyLock::new(|| {
    let provinces = parse(PROVINCES);
    let districts = parse(DISTRICTS);
    let subdistricts = parse(SUBDISTRICTS);
    let mut renamed: HashMap<(usize, String), Vec<&'static str>> = HashMap::new();
    for l in ABOLISHED.lines() {
        let cols: Vec<&'static str> = l.split('\t').collect();
        let (Some(code), Some(name), Some(succ)) = (cols.first(), cols.get(1), cols.get(3)) else {
            continue;
        };
        if succ.is_empty() {
            continue;
        }
        let e = renamed.entry((code.len(), place_key(name))).or_default();
        for s in succ.split(' ') {
            if !e.contains(&s) {
                e.push(s);
            }
        }
    }
    Areas {
        provinces,
        districts,
        subdistricts,
        renamed,
    }
});

/// What matching found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AreaCodes {
    pub province_code: Option<String>,
    pub district_code: Option<String>,
    pub subdistrict_code: Option<String>,
    pub area_match: AreaMatch,
    pub area_candidates: Vec<String>,
}

/// Codes of `level` (2, 4 or 6 digits) whose name key is `key`, under
/// `parent` (a code prefix, possibly empty). Current names first; a name
/// DOPA has replaced resolves to its successors (second value true).
fn lookup(level: usize, key: &str, parent: &str) -> (Vec<&'static str>, bool) {
    let a = &*AREAS;
    let list = match level {
        2 => &a.provinces,
        4 => &a.districts,
        _ => &a.subdistricts,
    };
    let hits: Vec<&'static str> = list
        .iter()
        .filter(|x| x.key == key && x.code.starts_with(parent))
        .map(|x| x.code)
        .collect();
    if !hits.is_empty() {
        return (hits, false);
    }
    let mut old: Vec<&'static str> = a
        .renamed
        .get(&(level, key.to_string()))
        .map(|v| {
            v.iter()
                .copied()
                .filter(|c| c.len() == level && c.starts_with(parent))
                .collect()
        })
        .unwrap_or_default();
    old.sort_unstable();
    old.dedup();
    (old, true)
}

/// District keys as documents print them: "เมือง" alone means the
/// province's capital district (อำเภอเมืองX).
fn district_key(district: &str, province_key: Option<&str>) -> String {
    let k = place_key(district);
    match province_key {
        Some(p) if k == "เมือง" => format!("เมือง{p}"),
        _ => k,
    }
}

/// The LAO's own place name: its name without the kind prefix
/// (องค์การบริหารส่วนตำบลตรัง → ตรัง). None for self-named kinds.
fn seat_name(org: &Organization) -> Option<String> {
    let name = org.name.as_deref()?;
    let compact: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    for p in [
        "องค์การบริหารส่วนตำบล",
        "องค์การบริหารส่วนจังหวัด",
        "เทศบาลตำบล",
        "เทศบาลเมือง",
        "เทศบาลนคร",
    ] {
        if let Some(rest) = compact.strip_prefix(p) {
            return (!rest.is_empty()).then(|| rest.to_string());
        }
    }
    None
}

fn renamed_warning(what: &str, printed: &str, codes: &[&str]) -> Warning {
    Warning::new(
        WarningCode::AreaRenamed,
        format!(
            "{what} '{printed}' is not a current DOPA name; it resolves through the abolished/renamed list to {}",
            codes.join(", ")
        ),
        None,
    )
}

/// Match an organisation to official area codes. Never guesses: see the
/// module doc for what each `area_match` value promises.
pub fn match_area(org: &Organization) -> (AreaCodes, Vec<Warning>) {
    let mut out = AreaCodes::default();
    let mut warnings = Vec::new();
    let kind = org.kind.as_deref().unwrap_or("");
    let seat = seat_name(org);

    // Province: printed, or the อบจ's / Bangkok's own name.
    let printed_province = org.province.as_deref().filter(|p| !p.trim().is_empty());
    let province_name = match (printed_province, kind) {
        (Some(p), _) => Some(p.to_string()),
        (None, "อบจ") => seat.clone(),
        (None, "กรุงเทพมหานคร") => Some("กรุงเทพมหานคร".to_string()),
        _ => None,
    };
    let province_key = province_name.as_deref().map(place_key);
    if let (Some(name), Some(key)) = (province_name.as_deref(), province_key.as_deref()) {
        let (codes, renamed) = lookup(2, key, "");
        match codes.as_slice() {
            [one] => {
                if renamed {
                    warnings.push(renamed_warning("province", name, &codes));
                }
                out.province_code = Some(one.to_string());
            }
            _ => {
                warnings.push(Warning::new(
                    WarningCode::AreaUnknown,
                    format!("province '{name}' is not in the official list of Thai provinces"),
                    None,
                ));
                out.area_match = AreaMatch::None;
                return (out, warnings);
            }
        }
    }
    if kind == "อบจ" || kind == "กรุงเทพมหานคร" {
        out.area_match = if out.province_code.is_some() {
            AreaMatch::Stated
        } else {
            AreaMatch::None
        };
        return (out, warnings);
    }

    // District: printed, under the province when there is one.
    let parent_p = out.province_code.clone().unwrap_or_default();
    if let Some(d) = org.district.as_deref().filter(|d| !d.trim().is_empty()) {
        let key = district_key(d, province_key.as_deref());
        let (codes, renamed) = lookup(4, &key, &parent_p);
        match codes.as_slice() {
            [one] => {
                if renamed {
                    warnings.push(renamed_warning("district", d, &codes));
                }
                out.district_code = Some(one.to_string());
                out.province_code = Some(one[..2].to_string());
            }
            [] => warnings.push(Warning::new(
                WarningCode::AreaUnknown,
                format!(
                    "district '{d}' is not an official district{}",
                    if parent_p.is_empty() {
                        String::new()
                    } else {
                        format!(" of province {parent_p}")
                    }
                ),
                None,
            )),
            many => {
                // Same district name in several provinces, none printed.
                warnings.push(Warning::new(
                    WarningCode::AreaAmbiguous,
                    format!(
                        "district '{d}' names several districts ({}) and no province is printed",
                        many.join(", ")
                    ),
                    None,
                ));
            }
        }
    }
    let stated = out.province_code.is_some() || out.district_code.is_some();

    // Subdistrict: the LAO's seat, a ตำบล carrying its place name.
    let Some(seat) = seat else {
        out.area_match = if stated {
            AreaMatch::Stated
        } else {
            AreaMatch::None
        };
        return (out, warnings);
    };
    let parent = out
        .district_code
        .clone()
        .or_else(|| out.province_code.clone())
        .unwrap_or_default();
    let (codes, renamed) = lookup(6, &place_key(&seat), &parent);
    match codes.as_slice() {
        [one] => {
            if renamed {
                warnings.push(renamed_warning("subdistrict", &seat, &codes));
            }
            out.subdistrict_code = Some(one.to_string());
            out.district_code = Some(one[..4].to_string());
            out.province_code = Some(one[..2].to_string());
            out.area_match = if stated {
                AreaMatch::Stated
            } else {
                AreaMatch::Inferred
            };
        }
        [] => {
            out.area_match = if stated {
                AreaMatch::Stated
            } else {
                AreaMatch::None
            };
        }
        many => {
            // Several ตำบล carry the name and nothing printed decides: keep
            // only what was printed, list every candidate.
            out.area_candidates = many.iter().map(|c| c.to_string()).collect();
            out.area_match = AreaMatch::Ambiguous;
            warnings.push(Warning::new(
                WarningCode::AreaAmbiguous,
                format!(
                    "{} subdistricts are named '{seat}' and the document prints nothing that decides between them",
                    many.len()
                ),
                None,
            ));
        }
    }
    (out, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_is_complete() {
        assert_eq!(AREAS.provinces.len(), 77);
        assert_eq!(AREAS.districts.len(), 928);
        assert!(AREAS.subdistricts.len() > 7400);
    }

    #[test]
    fn keys_drop_level_words() {
        assert_eq!(place_key("อำเภอ มายอ"), "มายอ");
        assert_eq!(place_key("จ.ปัตตานี"), "ปัตตานี");
        assert_eq!(place_key("กรุงเทพฯ"), "กรุงเทพมหานคร");
    }
}
