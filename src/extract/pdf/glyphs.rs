//! Thai marks whose ToUnicode entry contradicts the glyph's shape.
//!
//! Why: LibreOffice writes one ToUnicode entry per glyph, taken from the
//! first cluster the glyph was seen in; where a shaped cluster reorders or
//! shares glyphs (ผู้: sara uu and mai tho) the entry names the wrong mark,
//! and LibreOffice covers it with /ActualText. A re-distiller that drops
//! marked content (Ghostscript pdfwrite, online compressors) leaves only the
//! wrong entry: sara uu comes out as a second mai tho (ผู้ → ผ้้), mai tho as
//! sara uu. Measured on the four shared PDFs re-distilled by
//! `gs -dPDFSETTINGS=/ebook`: 3 of 15 Thai marks per font mis-mapped, 277
//! `lost_vowel` warnings.
//!
//! The embedded TrueType program still says where each glyph is drawn: a
//! below-base vowel (ุ ู ฺ) lies under the baseline, an above mark over the
//! x-height. A code whose mapped mark sits on the other side is re-mapped:
//! below → ู or ุ by ink width (ู carries a tail: about twice as wide as ุ
//! in the Thai fonts measured), above → the above mark the below glyphs
//! were wrongly given, when that is a single one (a swapped pair).

use std::collections::HashMap;

const BELOW: [char; 3] = ['\u{0E38}', '\u{0E39}', '\u{0E3A}'];
const ABOVE: [char; 12] = [
    '\u{0E31}', '\u{0E34}', '\u{0E35}', '\u{0E36}', '\u{0E37}', '\u{0E47}', '\u{0E48}', '\u{0E49}',
    '\u{0E4A}', '\u{0E4B}', '\u{0E4C}', '\u{0E4D}',
];

/// Glyph bounding boxes of a TrueType font program by glyph id, and its
/// units per em.
pub struct TrueType<'a> {
    data: &'a [u8],
    loca: (usize, usize),
    glyf: (usize, usize),
    long_loca: bool,
    pub upem: f64,
    cmaps: Vec<(u16, u16, usize)>,
}

fn u16_at(d: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(o)?, *d.get(o + 1)?]))
}
fn u32_at(d: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *d.get(o)?,
        *d.get(o + 1)?,
        *d.get(o + 2)?,
        *d.get(o + 3)?,
    ]))
}
fn i16_at(d: &[u8], o: usize) -> Option<i16> {
    u16_at(d, o).map(|v| v as i16)
}

impl<'a> TrueType<'a> {
    pub fn parse(data: &'a [u8]) -> Option<TrueType<'a>> {
        let n = u16_at(data, 4)? as usize;
        let mut tabs: HashMap<&[u8], (usize, usize)> = HashMap::new();
        for i in 0..n.min(64) {
            let r = 12 + 16 * i;
            let tag = data.get(r..r + 4)?;
            let off = u32_at(data, r + 8)? as usize;
            let len = u32_at(data, r + 12)? as usize;
            if off.checked_add(len)? <= data.len() {
                tabs.insert(tag, (off, len));
            }
        }
        let head = *tabs.get(b"head".as_slice())?;
        let upem = u16_at(data, head.0 + 18)? as f64;
        let long_loca = i16_at(data, head.0 + 50)? != 0;
        let mut cmaps = Vec::new();
        if let Some(&(c, _)) = tabs.get(b"cmap".as_slice()) {
            let k = u16_at(data, c + 2).unwrap_or(0) as usize;
            for i in 0..k.min(16) {
                let (Some(p), Some(e), Some(o)) = (
                    u16_at(data, c + 4 + 8 * i),
                    u16_at(data, c + 6 + 8 * i),
                    u32_at(data, c + 8 + 8 * i),
                ) else {
                    break;
                };
                cmaps.push((p, e, c + o as usize));
            }
        }
        Some(TrueType {
            data,
            loca: *tabs.get(b"loca".as_slice())?,
            glyf: *tabs.get(b"glyf".as_slice())?,
            long_loca,
            upem: if upem > 0.0 { upem } else { 1000.0 },
            cmaps,
        })
    }

    /// (xMin, yMin, xMax, yMax) of a glyph; None for an empty glyph.
    pub fn bbox(&self, gid: u16) -> Option<[i16; 4]> {
        let g = gid as usize;
        let at = |i: usize| -> Option<usize> {
            if self.long_loca {
                u32_at(self.data, self.loca.0 + 4 * i).map(|v| v as usize)
            } else {
                u16_at(self.data, self.loca.0 + 2 * i).map(|v| 2 * v as usize)
            }
        };
        let (s, e) = (at(g)?, at(g + 1)?);
        if e <= s || e > self.glyf.1 {
            return None;
        }
        let o = self.glyf.0 + s;
        Some([
            i16_at(self.data, o + 2)?,
            i16_at(self.data, o + 4)?,
            i16_at(self.data, o + 6)?,
            i16_at(self.data, o + 8)?,
        ])
    }

    /// Glyph id of a simple font's single-byte code, through the program's
    /// own cmap as PDF readers do (§9.6.5.4): (3,0) at 0xF000 + code, then
    /// (1,0), then (3,0) at the code itself.
    pub fn gid_for_code(&self, code: u32) -> Option<u16> {
        let lookup = |pid: u16, eid: u16, c: u32| -> Option<u16> {
            let &(_, _, o) = self.cmaps.iter().find(|m| m.0 == pid && m.1 == eid)?;
            match u16_at(self.data, o)? {
                0 => (c < 256)
                    .then(|| self.data.get(o + 6 + c as usize).map(|&g| g as u16))
                    .flatten(),
                4 => format4(self.data, o, c),
                6 => {
                    let first = u16_at(self.data, o + 6)? as u32;
                    let count = u16_at(self.data, o + 8)? as u32;
                    (c >= first && c < first + count)
                        .then(|| u16_at(self.data, o + 10 + 2 * (c - first) as usize))
                        .flatten()
                }
                _ => None,
            }
        };
        [
            (3, 0, 0xF000 + code),
            (1, 0, code),
            (3, 0, code),
            (3, 1, code),
        ]
        .iter()
        .find_map(|&(p, e, c)| lookup(p, e, c).filter(|&g| g != 0))
    }
}

fn format4(d: &[u8], o: usize, c: u32) -> Option<u16> {
    if c > 0xFFFF {
        return None;
    }
    let segx2 = u16_at(d, o + 6)? as usize;
    let ends = o + 14;
    let starts = ends + segx2 + 2;
    let deltas = starts + segx2;
    let ranges = deltas + segx2;
    for i in 0..segx2 / 2 {
        let end = u16_at(d, ends + 2 * i)? as u32;
        if c > end {
            continue;
        }
        let start = u16_at(d, starts + 2 * i)? as u32;
        if c < start {
            return None;
        }
        let delta = u16_at(d, deltas + 2 * i)?;
        let ro = u16_at(d, ranges + 2 * i)? as usize;
        if ro == 0 {
            return Some((c as u16).wrapping_add(delta));
        }
        let at = ranges + 2 * i + ro + 2 * (c - start) as usize;
        let g = u16_at(d, at)?;
        return (g != 0).then(|| g.wrapping_add(delta));
    }
    None
}

/// Re-map the Thai marks of `to_unicode` whose glyph (`bbox_of(code)`, in
/// units of `upem`) sits on the wrong side of the baseline. Returns how many
/// entries changed.
pub fn repair_thai_marks(
    to_unicode: &mut HashMap<u32, String>,
    upem: f64,
    bbox_of: impl Fn(u32) -> Option<[i16; 4]>,
) -> usize {
    let single = |s: &String| -> Option<char> {
        let mut it = s.chars();
        let c = it.next()?;
        it.next().is_none().then_some(c)
    };
    // (code, mapped mark, bbox) of every single-mark entry with a glyph.
    let mut marks: Vec<(u32, char, [i16; 4])> = to_unicode
        .iter()
        .filter_map(|(&code, s)| {
            let c = single(s)?;
            (BELOW.contains(&c) || ABOVE.contains(&c))
                .then(|| bbox_of(code).map(|b| (code, c, b)))
                .flatten()
        })
        .collect();
    marks.sort_by_key(|m| m.0);
    let is_below = |b: &[i16; 4]| (b[3] as f64) <= 0.02 * upem && b[1] < 0;
    let is_above = |b: &[i16; 4]| (b[1] as f64) >= 0.4 * upem;
    let width = |b: &[i16; 4]| (b[2] as f64 - b[0] as f64).max(0.0);
    // Ink widths of the correctly mapped ุ and ู, when the font has them.
    let reference = |mark: char| {
        marks
            .iter()
            .filter(|m| m.1 == mark && is_below(&m.2))
            .map(|m| width(&m.2))
            .next()
    };
    let (w_u, w_uu) = (reference('\u{0E38}'), reference('\u{0E39}'));
    let mut changed = 0;
    let mut given_to_below: Vec<char> = Vec::new();
    for &(code, c, b) in &marks {
        if !(ABOVE.contains(&c) && is_below(&b)) {
            continue;
        }
        let w = width(&b);
        let uu = match (w_u, w_uu) {
            (Some(a), Some(b)) => (w - b).abs() < (w - a).abs(),
            (Some(a), None) => w > 1.4 * a,
            (None, Some(b)) => w > 0.75 * b,
            (None, None) => w > 0.24 * upem,
        };
        let fixed = if uu { '\u{0E39}' } else { '\u{0E38}' };
        to_unicode.insert(code, fixed.to_string());
        given_to_below.push(c);
        changed += 1;
    }
    given_to_below.sort_unstable();
    given_to_below.dedup();
    if let [above] = given_to_below[..] {
        for &(code, c, b) in &marks {
            if BELOW.contains(&c) && is_above(&b) {
                to_unicode.insert(code, above.to_string());
                changed += 1;
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapped_pair_and_lone_below_glyph() {
        // Laksaman-Bold as re-distilled: 2e → ู drawn above, 2f → ้ drawn
        // below; 15 → ุ is right. Regular: 35 → ้ drawn below, no ู entry.
        let bboxes: HashMap<u32, [i16; 4]> = [
            (0x15, [-263, -353, -77, -59]),
            (0x2e, [-378, 678, 15, 993]),
            (0x2f, [-444, -372, -77, -59]),
            (0x2c, [-325, 1003, 33, 1270]),
            (0x35, [-402, -369, -84, -72]),
        ]
        .into_iter()
        .collect();
        let mut tu: HashMap<u32, String> = [
            (0x15, "\u{0E38}"),
            (0x2e, "\u{0E39}"),
            (0x2f, "\u{0E49}"),
            (0x2c, "\u{0E49}"),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect();
        assert_eq!(
            repair_thai_marks(&mut tu, 1000.0, |c| bboxes.get(&c).copied()),
            2
        );
        assert_eq!(tu[&0x2f], "\u{0E39}");
        assert_eq!(tu[&0x2e], "\u{0E49}");
        assert_eq!(tu[&0x2c], "\u{0E49}");
        let mut tu: HashMap<u32, String> = [(0x35, "\u{0E49}".to_string())].into_iter().collect();
        assert_eq!(
            repair_thai_marks(&mut tu, 1000.0, |c| bboxes.get(&c).copied()),
            1
        );
        assert_eq!(tu[&0x35], "\u{0E39}");
    }
}
