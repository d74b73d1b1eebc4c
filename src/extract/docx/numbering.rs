//! `word/styles.xml` and `word/numbering.xml`: just enough to know which
//! paragraphs are bold by style and which label Word draws before a list
//! paragraph ("-", "1.", "๑)", "ก.").

use super::XmlError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// Longest `basedOn` chain followed (style cycles exist in the wild).
const MAX_STYLE_DEPTH: usize = 16;
/// Word has 9 list levels (0..=8).
pub const LEVELS: usize = 9;

/// Value of a `w:val`-style attribute (any prefix).
pub(crate) fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| match a.unescape_value() {
            Ok(v) => v.into_owned(),
            Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
        })
}

/// `w:b`, `w:pageBreakBefore`…: present means on, unless val says off.
pub(crate) fn on_off(e: &BytesStart) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

#[derive(Debug, Default, Clone)]
struct StyleDef {
    based_on: Option<String>,
    bold: Option<bool>,
    num_id: Option<u32>,
    ilvl: Option<u32>,
}

#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, StyleDef>,
    default_bold: bool,
}

impl Styles {
    pub fn parse(xml: &[u8]) -> Result<Styles, XmlError> {
        let mut out = Styles::default();
        let mut r = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut stack: Vec<Vec<u8>> = Vec::new();
        let mut cur: Option<(String, StyleDef)> = None;
        loop {
            let ev = r
                .read_event_into(&mut buf)
                .map_err(|e| XmlError::at(&r, e))?;
            let (e, empty) = match &ev {
                Event::Start(e) => (e.clone(), false),
                Event::Empty(e) => (e.clone(), true),
                Event::End(_) => {
                    if let Some(n) = stack.pop() {
                        if n == b"style" {
                            if let Some((id, def)) = cur.take() {
                                out.styles.insert(id, def);
                            }
                        }
                    }
                    buf.clear();
                    continue;
                }
                Event::DocType(_) => return Err(XmlError::doctype()),
                Event::Eof => break,
                _ => {
                    buf.clear();
                    continue;
                }
            };
            let name = e.local_name().as_ref().to_vec();
            let parent = stack.last().map(|v| v.as_slice());
            // styles > docDefaults > rPrDefault > rPr > b: O(1), whatever the nesting.
            let in_defaults = stack.get(1).is_some_and(|n| n == b"docDefaults");
            match name.as_slice() {
                b"style" => cur = attr(&e, b"styleId").map(|id| (id, StyleDef::default())),
                b"basedOn" if parent == Some(b"style") => {
                    if let Some((_, d)) = cur.as_mut() {
                        d.based_on = attr(&e, b"val");
                    }
                }
                b"b" if parent == Some(b"rPr") => {
                    if let Some((_, d)) = cur.as_mut() {
                        d.bold = Some(on_off(&e));
                    } else if in_defaults {
                        out.default_bold = on_off(&e);
                    }
                }
                b"numId" if parent == Some(b"numPr") => {
                    if let Some((_, d)) = cur.as_mut() {
                        d.num_id = attr(&e, b"val").and_then(|v| v.trim().parse().ok());
                    }
                }
                b"ilvl" if parent == Some(b"numPr") => {
                    if let Some((_, d)) = cur.as_mut() {
                        d.ilvl = attr(&e, b"val").and_then(|v| v.trim().parse().ok());
                    }
                }
                _ => {}
            }
            if empty {
                if name == b"style" {
                    if let Some((id, def)) = cur.take() {
                        out.styles.insert(id, def);
                    }
                }
            } else {
                stack.push(name);
            }
            buf.clear();
        }
        Ok(out)
    }

    fn chain<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = &'a StyleDef> + 'a {
        let mut next = id;
        let mut n = 0;
        std::iter::from_fn(move || {
            if n >= MAX_STYLE_DEPTH {
                return None;
            }
            n += 1;
            let def = self.styles.get(next?)?;
            next = def.based_on.as_deref();
            Some(def)
        })
    }

    /// Bold set by a (paragraph or character) style, following `basedOn`.
    pub fn bold(&self, id: Option<&str>) -> Option<bool> {
        self.chain(id).find_map(|d| d.bold)
    }

    pub fn default_bold(&self) -> bool {
        self.default_bold
    }

    /// List numbering a paragraph style carries (List Bullet, List Number…).
    pub fn numbering(&self, id: Option<&str>) -> (Option<u32>, Option<u32>) {
        let num = self.chain(id).find_map(|d| d.num_id);
        let lvl = self.chain(id).find_map(|d| d.ilvl);
        (num, lvl)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Level {
    pub start: i64,
    pub fmt: String,
    pub text: String,
    /// `w:lvlRestart`: None = restart after any higher level; Some(0) = never.
    pub restart: Option<u32>,
}

/// abstractNumId, per-level startOverride, per-level full lvl override.
type NumDef = (u32, HashMap<u32, i64>, HashMap<u32, Level>);
/// numId + [`NumDef`] while parsing.
type NumBuild = (u32, u32, HashMap<u32, i64>, HashMap<u32, Level>);

#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    /// numId → (abstractNumId, per-level start overrides, per-level level overrides)
    nums: HashMap<u32, NumDef>,
}

impl Numbering {
    pub fn parse(xml: &[u8]) -> Result<Numbering, XmlError> {
        let mut out = Numbering::default();
        let mut r = Reader::from_reader(xml);
        let mut buf = Vec::new();
        let mut stack: Vec<Vec<u8>> = Vec::new();
        let mut abs: Option<(u32, Vec<Level>)> = None;
        let mut lvl: Option<(u32, Level)> = None;
        let mut num: Option<NumBuild> = None;
        let mut override_lvl: Option<u32> = None;
        loop {
            let ev = r
                .read_event_into(&mut buf)
                .map_err(|e| XmlError::at(&r, e))?;
            let (e, empty) = match &ev {
                Event::Start(e) => (e.clone(), false),
                Event::Empty(e) => (e.clone(), true),
                Event::End(_) => {
                    if let Some(n) = stack.pop() {
                        close(
                            &n,
                            &mut out,
                            &mut abs,
                            &mut lvl,
                            &mut num,
                            &mut override_lvl,
                        );
                    }
                    buf.clear();
                    continue;
                }
                Event::DocType(_) => return Err(XmlError::doctype()),
                Event::Eof => break,
                _ => {
                    buf.clear();
                    continue;
                }
            };
            let name = e.local_name().as_ref().to_vec();
            let parent = stack.last().map(|v| v.as_slice());
            let val = || attr(&e, b"val").unwrap_or_default();
            let int = |s: String| s.trim().parse::<i64>().ok();
            match name.as_slice() {
                b"abstractNum" => {
                    abs = attr(&e, b"abstractNumId")
                        .and_then(|v| v.trim().parse().ok())
                        .map(|id| (id, Vec::new()))
                }
                b"lvl" => {
                    let i = attr(&e, b"ilvl")
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    lvl = Some((
                        i,
                        Level {
                            start: 1,
                            fmt: "decimal".into(),
                            ..Default::default()
                        },
                    ));
                }
                b"start" if parent == Some(b"lvl") => {
                    if let (Some((_, l)), Some(v)) = (lvl.as_mut(), int(val())) {
                        l.start = v;
                    }
                }
                b"numFmt" if parent == Some(b"lvl") => {
                    if let Some((_, l)) = lvl.as_mut() {
                        l.fmt = val();
                    }
                }
                b"lvlText" if parent == Some(b"lvl") => {
                    if let Some((_, l)) = lvl.as_mut() {
                        l.text = val();
                    }
                }
                b"lvlRestart" if parent == Some(b"lvl") => {
                    if let Some((_, l)) = lvl.as_mut() {
                        l.restart = val().trim().parse().ok();
                    }
                }
                b"num" => {
                    num = attr(&e, b"numId")
                        .and_then(|v| v.trim().parse().ok())
                        .map(|id| (id, 0, HashMap::new(), HashMap::new()))
                }
                b"abstractNumId" if parent == Some(b"num") => {
                    if let (Some(n), Some(v)) = (num.as_mut(), val().trim().parse().ok()) {
                        n.1 = v;
                    }
                }
                b"lvlOverride" => {
                    override_lvl = attr(&e, b"ilvl").and_then(|v| v.trim().parse().ok())
                }
                b"startOverride" => {
                    if let (Some(n), Some(i), Some(v)) = (num.as_mut(), override_lvl, int(val())) {
                        n.2.insert(i, v);
                    }
                }
                _ => {}
            }
            if empty {
                close(
                    &name,
                    &mut out,
                    &mut abs,
                    &mut lvl,
                    &mut num,
                    &mut override_lvl,
                );
            } else {
                stack.push(name);
            }
            buf.clear();
        }
        Ok(out)
    }

    /// The level definition Word uses for (numId, ilvl).
    pub fn level(&self, num_id: u32, ilvl: u32) -> Option<&Level> {
        let (abs, _, lvl_over) = self.nums.get(&num_id)?;
        if let Some(l) = lvl_over.get(&ilvl) {
            return Some(l);
        }
        self.abstracts.get(abs)?.get(ilvl as usize)
    }

    fn start(&self, num_id: u32, ilvl: u32) -> i64 {
        if let Some(v) = self.nums.get(&num_id).and_then(|n| n.1.get(&ilvl)) {
            return *v;
        }
        self.level(num_id, ilvl).map(|l| l.start).unwrap_or(1)
    }
}

fn close(
    name: &[u8],
    out: &mut Numbering,
    abs: &mut Option<(u32, Vec<Level>)>,
    lvl: &mut Option<(u32, Level)>,
    num: &mut Option<NumBuild>,
    override_lvl: &mut Option<u32>,
) {
    match name {
        b"lvl" => {
            if let Some((i, l)) = lvl.take() {
                let i = i as usize;
                if i < LEVELS {
                    if let Some((_, levels)) = abs.as_mut() {
                        if levels.len() <= i {
                            levels.resize(
                                i + 1,
                                Level {
                                    start: 1,
                                    fmt: "decimal".into(),
                                    ..Default::default()
                                },
                            );
                        }
                        levels[i] = l;
                    } else if let (Some(n), Some(o)) = (num.as_mut(), *override_lvl) {
                        // A full <w:lvl> inside <w:lvlOverride>.
                        n.3.insert(o, l);
                    }
                }
            }
        }
        b"abstractNum" => {
            if let Some((id, levels)) = abs.take() {
                out.abstracts.insert(id, levels);
            }
        }
        b"num" => {
            if let Some((id, a, starts, lvls)) = num.take() {
                out.nums.insert(id, (a, starts, lvls));
            }
        }
        b"lvlOverride" => *override_lvl = None,
        _ => {}
    }
}

/// Running list counters. Word keeps one counter set per abstract list:
/// several w:num instances of one abstractNum continue each other, and a
/// w:num with a startOverride restarts that level where it is first used
/// (that is how Word writes "restart numbering").
#[derive(Debug, Default)]
pub struct Counters {
    counts: HashMap<u32, [Option<i64>; LEVELS]>,
    seen: std::collections::HashSet<u32>,
}

impl Counters {
    /// Advance (numId, ilvl) and return the label Word draws, e.g. "1.",
    /// "๑)", "-" for bullets; None when the level draws nothing.
    pub fn next_label(&mut self, numbering: &Numbering, num_id: u32, ilvl: u32) -> Option<String> {
        let ilvl = ilvl.min(LEVELS as u32 - 1);
        let level = numbering.level(num_id, ilvl)?.clone();
        let abs = numbering.nums.get(&num_id).map(|n| n.0).unwrap_or(num_id);
        let counts = self.counts.entry(abs).or_insert([None; LEVELS]);
        if self.seen.insert(num_id) {
            if let Some((_, starts, _)) = numbering.nums.get(&num_id) {
                for k in starts.keys() {
                    if let Some(slot) = counts.get_mut(*k as usize) {
                        *slot = None;
                    }
                }
            }
        }
        let i = ilvl as usize;
        counts[i] = Some(match counts[i] {
            Some(v) => v.saturating_add(1),
            None => numbering.start(num_id, ilvl),
        });
        // Deeper levels restart unless their lvlRestart says otherwise.
        for (k, slot) in counts.iter_mut().enumerate().skip(i + 1) {
            let restart = numbering
                .level(num_id, k as u32)
                .and_then(|l| l.restart)
                .unwrap_or(k as u32);
            if (ilvl) < restart {
                *slot = None;
            }
        }
        if level.fmt == "bullet" {
            return Some("-".to_string());
        }
        if level.fmt == "none" {
            return None;
        }
        let counts = *counts;
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    if (1..=LEVELS as u32).contains(&d) {
                        let k = d - 1;
                        let v = counts[k as usize].unwrap_or_else(|| numbering.start(num_id, k));
                        let fmt = numbering
                            .level(num_id, k)
                            .map(|l| l.fmt.as_str())
                            .unwrap_or("decimal");
                        out.push_str(&format_number(v, fmt));
                    }
                    continue;
                }
            }
            out.push(c);
        }
        let out = out.trim().to_string();
        if out.is_empty() {
            None
        } else {
            Some(out)
        }
    }
}

/// Word's 44 Thai consonants minus the obsolete ฃ and ฅ, as `thaiLetters` uses them.
const THAI_LETTERS: &[char] = &[
    'ก', 'ข', 'ค', 'ง', 'จ', 'ฉ', 'ช', 'ซ', 'ฌ', 'ญ', 'ฎ', 'ฏ', 'ฐ', 'ฑ', 'ฒ', 'ณ', 'ด', 'ต', 'ถ',
    'ท', 'ธ', 'น', 'บ', 'ป', 'ผ', 'ฝ', 'พ', 'ฟ', 'ภ', 'ม', 'ย', 'ร', 'ล', 'ว', 'ศ', 'ษ', 'ส', 'ห',
    'ฬ', 'อ', 'ฮ',
];

fn letters(n: i64, alphabet: &[char]) -> String {
    if n < 1 || alphabet.is_empty() {
        return n.to_string();
    }
    let len = alphabet.len() as i64;
    let idx = ((n - 1) % len) as usize;
    let times = ((n - 1) / len + 1).min(50) as usize;
    alphabet
        .get(idx)
        .map(|c| c.to_string().repeat(times))
        .unwrap_or_default()
}

fn roman(mut n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    let table = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

pub fn format_number(n: i64, fmt: &str) -> String {
    const LATIN: &[char] = &[
        'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r',
        's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
    ];
    match fmt {
        "thaiNumbers" => n
            .to_string()
            .chars()
            .map(|c| {
                c.to_digit(10)
                    .and_then(|d| char::from_u32(0x0E50 + d))
                    .unwrap_or(c)
            })
            .collect(),
        "thaiLetters" => letters(n, THAI_LETTERS),
        "lowerLetter" => letters(n, LATIN),
        "upperLetter" => letters(n, LATIN).to_uppercase(),
        "lowerRoman" => roman(n),
        "upperRoman" => roman(n).to_uppercase(),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(format_number(12, "thaiNumbers"), "๑๒");
        assert_eq!(format_number(1, "thaiLetters"), "ก");
        assert_eq!(format_number(3, "thaiLetters"), "ค");
        assert_eq!(format_number(42, "thaiLetters"), "กก");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
    }
}
