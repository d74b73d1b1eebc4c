//! Digit runs re-read from the page image (issue 14).
//!
//! tesseract's Thai model reads Laksaman/Sarabun-style Thai digits wrong
//! about 0.3 of the time (๔→๕, ๖→๒, ๗→๓), systematically per glyph. Here a
//! run of consecutive digit-only words of one line is cropped from the page
//! image (the union of tesseract's word boxes), cut into connected
//! components, and each component is classified by its nearest prototypes:
//! glyphs of ๐–๙, 0–9, `/ ( )` rendered in the Thai fonts Debian ships
//! (`scripts/train_digits.py` makes `digits.bin`). Small components are
//! punctuation by size and position. A component that reads better as two
//! glyphs (touching digits) is split at its thinnest column.
//!
//! Only the digit values matter downstream (the normaliser maps Thai digits
//! to ASCII), so a Thai glyph is written as its Thai digit and an Arabic
//! glyph as ASCII.

use super::tsv::EN_DASH_WIDTH;
use std::sync::OnceLock;

const GRID: usize = 12;
static RAW: &[u8] = include_bytes!("digits.bin");

struct Protos {
    class: Vec<char>,
    feats: Vec<[f32; GRID * GRID]>,
}

fn protos() -> &'static Protos {
    static P: OnceLock<Protos> = OnceLock::new();
    P.get_or_init(|| {
        let mut p = Protos {
            class: Vec::new(),
            feats: Vec::new(),
        };
        let ok = RAW.get(..5) == Some(b"THDG2") && RAW.get(5) == Some(&(GRID as u8));
        let n = RAW
            .get(6..8)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
            .unwrap_or(0);
        // 4-bit ink fractions, two a byte, low nibble first.
        let rec = 4 + GRID * GRID / 2;
        for i in 0..if ok { n } else { 0 } {
            let Some(r) = RAW.get(8 + i * rec..8 + (i + 1) * rec) else {
                break;
            };
            let c = u32::from_le_bytes([r[0], r[1], r[2], r[3]]);
            let Some(c) = char::from_u32(c) else { continue };
            let mut f = [0f32; GRID * GRID];
            for (k, v) in r[4..].iter().enumerate() {
                f[2 * k] = (v & 15) as f32 / 15.0;
                f[2 * k + 1] = (v >> 4) as f32 / 15.0;
            }
            p.class.push(c);
            p.feats.push(f);
        }
        p
    })
}

/// A binary image region: ink at (x, y).
pub struct Bin {
    pub w: usize,
    pub h: usize,
    pub ink: Vec<bool>,
}

impl Bin {
    fn at(&self, x: usize, y: usize) -> bool {
        x < self.w && y < self.h && self.ink[y * self.w + x]
    }
}

/// The glyph feature: the ink box (x0..x1, y0..y1) of the pixels `keep`
/// says belong to the glyph, centred in a square, mean ink on a GRID×GRID
/// grid. Must match `features` in scripts/train_digits.py.
fn features(
    keep: &dyn Fn(usize, usize) -> bool,
    x0: usize,
    x1: usize,
    y0: usize,
    y1: usize,
) -> [f32; GRID * GRID] {
    let (w, h) = (x1 - x0, y1 - y0);
    let s = w.max(h).max(1);
    let (ox, oy) = ((s - w) / 2, (s - h) / 2);
    let mut out = [0f32; GRID * GRID];
    for i in 0..GRID {
        let a0 = i * s / GRID;
        let a1 = ((i + 1) * s / GRID).max(a0 + 1);
        for j in 0..GRID {
            let b0 = j * s / GRID;
            let b1 = ((j + 1) * s / GRID).max(b0 + 1);
            let (mut ink, mut n) = (0u32, 0u32);
            for yy in a0..a1 {
                for xx in b0..b1 {
                    n += 1;
                    if yy >= oy && xx >= ox {
                        let (gy, gx) = (yy - oy + y0, xx - ox + x0);
                        if gy < y1 && gx < x1 && keep(gx, gy) {
                            ink += 1;
                        }
                    }
                }
            }
            out[i * GRID + j] = ink as f32 / n as f32;
        }
    }
    out
}

/// Nearest prototype: (class, squared distance, distance of the nearest
/// prototype of any other class).
#[cfg(test)]
fn nearest(f: &[f32; GRID * GRID]) -> Option<(char, f32, f32)> {
    nearest_among(f, Script::Thai)
}

/// Which digit prototypes a glyph is compared with (punctuation and
/// letters always).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Script {
    /// Thai digits only: tesseract tells the scripts apart reliably in a
    /// number it read as digits.
    Thai,
    /// Arabic digits only.
    Arabic,
    /// Both: a list marker tesseract read as letters ("ฒ." for "๗.", "อ)"
    /// for "๖)") gives no hint of its script; the glyphs say which.
    Either,
}

/// [`nearest`] among the Thai (or, with `arabic`, the Arabic) digits, the
/// punctuation and the letters.
fn nearest_in(f: &[f32; GRID * GRID], arabic: bool) -> Option<(char, f32, f32)> {
    nearest_among(f, if arabic { Script::Arabic } else { Script::Thai })
}

fn nearest_among(f: &[f32; GRID * GRID], script: Script) -> Option<(char, f32, f32)> {
    let p = protos();
    let mut best: Option<(char, f32)> = None;
    let mut other = f32::MAX;
    // Thai runs only: tesseract tells the scripts apart reliably (it is the
    // Thai glyph shapes it misreads), and its Arabic digits are ~0.99 right.
    for (c, q) in p.class.iter().zip(&p.feats).filter(|(c, _)| match script {
        Script::Arabic => !is_thai_digit(**c),
        Script::Thai => !c.is_ascii_digit(),
        Script::Either => true,
    }) {
        let d: f32 = f.iter().zip(q.iter()).map(|(a, b)| (a - b) * (a - b)).sum();
        match best {
            Some((bc, bd)) if d < bd => {
                if bc != *c {
                    other = bd.min(other);
                }
                best = Some((*c, d));
            }
            Some((bc, _)) => {
                if bc != *c {
                    other = other.min(d);
                }
            }
            None => best = Some((*c, d)),
        }
    }
    best.map(|(c, d)| (c, d, other))
}

/// A glyph reads as a digit with confidence when its nearest prototype is a
/// digit this close (squared distance over the 144-cell grid) and every
/// other class is at least CONF_RATIO times farther. Measured on the shared
/// scans: clean digits 5-12.6 (a Sarabun ๑) with the next class 1.3-3 times
/// farther (๔/๕ are the closest pair); letters are nearest to a letter.
const CONF_DIST: f32 = 14.0;
const CONF_RATIO: f32 = 1.3;

/// The confidence (0-100) a reading at or over the acceptance line
/// ([`CONF_DIST`], [`CONF_RATIO`]) has at least; tesseract's own scale,
/// where the project flags pages under 60.
pub const ACCEPT_CONF: f32 = 60.0;

/// A glyph reading's confidence, 0-100, from its distance `d` and the
/// nearest other class's `other`: ACCEPT_CONF at the acceptance line,
/// 100 when the other class is twice as far, 0 when as near; a glyph
/// farther than CONF_DIST from every prototype stays under the line.
fn glyph_conf(d: f32, other: f32) -> f32 {
    let r = other / d.max(1e-3);
    let c = if r >= CONF_RATIO {
        ACCEPT_CONF + (100.0 - ACCEPT_CONF) * ((r - CONF_RATIO) / (2.0 - CONF_RATIO)).min(1.0)
    } else {
        ACCEPT_CONF * ((r - 1.0) / (CONF_RATIO - 1.0)).max(0.0)
    };
    if d > CONF_DIST {
        c.min(ACCEPT_CONF - 1.0) * CONF_DIST / d
    } else {
        c
    }
}

/// One connected component: its pixels' label and box.
struct Comp {
    label: u32,
    x0: usize,
    x1: usize,
    y0: usize,
    y1: usize,
    area: usize,
}

fn components(b: &Bin) -> (Vec<u32>, Vec<Comp>) {
    let mut lab = vec![0u32; b.w * b.h];
    let mut comps: Vec<Comp> = Vec::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for y in 0..b.h {
        for x in 0..b.w {
            if !b.at(x, y) || lab[y * b.w + x] != 0 {
                continue;
            }
            let l = comps.len() as u32 + 1;
            let mut c = Comp {
                label: l,
                x0: x,
                x1: x + 1,
                y0: y,
                y1: y + 1,
                area: 0,
            };
            lab[y * b.w + x] = l;
            stack.push((x, y));
            while let Some((cx, cy)) = stack.pop() {
                c.area += 1;
                c.x0 = c.x0.min(cx);
                c.x1 = c.x1.max(cx + 1);
                c.y0 = c.y0.min(cy);
                c.y1 = c.y1.max(cy + 1);
                for dy in -1i64..=1 {
                    for dx in -1i64..=1 {
                        let (nx, ny) = (cx as i64 + dx, cy as i64 + dy);
                        if nx < 0 || ny < 0 {
                            continue;
                        }
                        let (nx, ny) = (nx as usize, ny as usize);
                        if b.at(nx, ny) && lab[ny * b.w + nx] == 0 {
                            lab[ny * b.w + nx] = l;
                            stack.push((nx, ny));
                        }
                    }
                }
            }
            comps.push(c);
        }
    }
    (lab, comps)
}

/// Classify the part of component `c` between columns xa..xb.
fn classify_part(
    b: &Bin,
    lab: &[u32],
    c: &Comp,
    xa: usize,
    xb: usize,
    script: Script,
) -> Option<(char, f32, f32)> {
    let keep = |x: usize, y: usize| x >= xa && x < xb && lab.get(y * b.w + x) == Some(&c.label);
    // Tighten the box to the part's ink.
    let (mut y0, mut y1) = (usize::MAX, 0);
    for y in c.y0..c.y1 {
        if (xa..xb).any(|x| keep(x, y)) {
            y0 = y0.min(y);
            y1 = y1.max(y + 1);
        }
    }
    if y0 >= y1 {
        return None;
    }
    nearest_among(&features(&keep, xa, xb, y0, y1), script)
}

/// What one component of a strip is.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// Digits (one, or two when touching glyphs were split), confident?
    Digits(String, bool),
    /// Number punctuation: . , - / ( )
    Punct(char),
    /// Anything else: a letter, a mark, a rule.
    Other,
}

struct Item {
    x0: usize,
    x1: usize,
    kind: Kind,
    /// The glyph reading's confidence, 0-100 ([`glyph_conf`]).
    conf: f32,
    /// Ink height (a dash's thickness).
    h: usize,
}

/// A number read from a strip of a line image.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub text: String,
    /// Every digit glyph classified with confidence ([`CONF_DIST`],
    /// [`CONF_RATIO`]), nothing but digits and number punctuation between
    /// them, and no ink cut by the strip's edge next to the number.
    pub confident: bool,
    /// The centre column (in the strip) of each digit read, in order.
    pub digit_xs: Vec<usize>,
    /// The columns the number spans in the strip.
    pub x0: usize,
    pub x1: usize,
    /// Ink cut by the strip's left / right edge within a glyph of the
    /// number: a wider strip may read more of it.
    pub cut_left: bool,
    pub cut_right: bool,
    /// The column extents of every glyph and mark in the strip.
    pub ink: Vec<(usize, usize)>,
    /// The least margin of the digit glyphs' readings, 0-100: 100 when
    /// every glyph's nearest other class is at least twice as far as its
    /// own, 0 when as near (the classifier's confidence).
    pub conf: f64,
}

/// Read a cropped digit run. `None` when the crop does not look like one
/// (no glyph, or a glyph no prototype is near).
#[cfg(test)]
pub fn read_run(b: &Bin) -> Option<String> {
    read_strip(b, 0, b.w).map(|r| r.text)
}

/// Read the number in a strip of a line image whose columns core_x0..core_x1
/// are where tesseract saw it. The number is the glyphs centred in the core,
/// widened left and right over touching-distance digits and number
/// punctuation (tesseract's word boxes often cut or drop the first or last
/// Thai digit), stopping at a letter, a space or the strip's edge.
#[cfg(test)]
pub fn read_strip(b: &Bin, core_x0: usize, core_x1: usize) -> Option<Reading> {
    read_strip_in(b, core_x0, core_x1, Script::Thai)
}

/// [`read_strip`] against the digit prototypes of `script`.
pub fn read_strip_in(b: &Bin, core_x0: usize, core_x1: usize, script: Script) -> Option<Reading> {
    let (lab, mut comps) = components(b);
    comps.retain(|c| c.area >= 4);
    // Ink cut by the strip's left/right edge is not readable; it matters
    // only when it sits in the number itself. Thin horizontal rules never.
    let cut: Vec<(usize, usize, usize)> = comps
        .iter()
        // A component across the whole strip is a table rule (with the
        // stub of a column rule it meets: tall enough to pass the test
        // below), never a glyph of the number.
        .filter(|c| (c.x0 == 0) != (c.x1 >= b.w) && 8 * (c.y1 - c.y0) > c.x1 - c.x0)
        .map(|c| (c.x0, c.x1, c.y1 - c.y0))
        .collect();
    comps.retain(|c| c.x0 > 0 && c.x1 < b.w);
    // A thin bar shorter than the strip is high is a dash, kept (Kinnari's
    // en dash, 2 px thick and 32 px long at 31 px digits in a 51 px strip,
    // was taken for a rule: "๒๕๖๖ ๒๕๗๐").
    comps.retain(|c| 8 * (c.y1 - c.y0) > c.x1 - c.x0 || c.y1 - c.y0 > 3 || c.x1 - c.x0 < b.h);
    if comps.is_empty() {
        return None;
    }
    comps.sort_by_key(|c| c.x0);
    // In the core: centred in it, or overlapping it by half the narrower
    // of the two (tesseract's box often covers only part of a glyph: a
    // ๔ boxed by its right half on 002).
    let in_core = |x0: usize, x1: usize| {
        let xc = (x0 + x1) / 2;
        let ov = x1.min(core_x1).saturating_sub(x0.max(core_x0));
        (xc >= core_x0 && xc < core_x1) || 2 * ov >= (x1 - x0).min(core_x1 - core_x0).max(1)
    };
    let centred = |c: &Comp| in_core(c.x0, c.x1);
    // Glyph height: among the core's components at least half as tall as
    // the tallest (not dots and marks), the tallest not much taller than
    // their median (a letter with an ascender or a stacked mark is).
    let mut hs: Vec<usize> = comps
        .iter()
        .filter(|c| centred(c))
        .map(|c| c.y1 - c.y0)
        .collect();
    if hs.is_empty() {
        hs = comps.iter().map(|c| c.y1 - c.y0).collect();
    }
    let top = hs.iter().copied().max()?;
    hs.retain(|&h| 2 * h >= top);
    hs.sort_unstable();
    let med = *hs.get(hs.len() / 2)?;
    // Thai digits differ in height: ๐ ๑ ๓ are x-height, ๒ ๕ ๗ ๙ reach
    // ~1.4 times that (measured 16 vs 22-24 px on 004).
    let maxh = hs.iter().copied().filter(|&h| 5 * h <= 8 * med).max()?;
    // Taller than any digit: when the core holds only x-height digits
    // (๓.๑ before a ๖), the tall digits reach 1.4 times their height.
    let too_tall = |h: usize| 20 * h > (25 * maxh).max(32 * med);
    let bottom = comps
        .iter()
        .filter(|c| 2 * (c.y1 - c.y0) >= maxh && 4 * (c.y1 - c.y0) <= 5 * maxh)
        .map(|c| c.y1)
        .max()?;
    let mut items: Vec<Item> = Vec::new();
    let mut above: Vec<(usize, usize)> = Vec::new();
    // The digits' baseline: the median bottom of the glyph-wide components
    // (a comma is narrow and hangs below it).
    let mut feet: Vec<usize> = comps
        .iter()
        .filter(|c| 2 * (c.x1 - c.x0) >= maxh && 2 * (c.y1 - c.y0) >= maxh)
        .map(|c| c.y1)
        .collect();
    feet.sort_unstable();
    let baseline = feet.get(feet.len() / 2).copied().unwrap_or(bottom);
    for c in &comps {
        let (w, h) = (c.x1 - c.x0, c.y1 - c.y0);
        // A comma: narrow, starting in the lower half of the digits and
        // hanging below their baseline. At 150 dpi its tail makes it ~0.47
        // of the digit height, too tall for the punctuation size test below
        // (Norasi "๒๐,๐๐๐" read as "๒๐๑๐๐๐", tesseract's "20.000").
        let (kind, conf) = if 2 * w < maxh
            && 10 * h <= 7 * maxh
            && 2 * c.y0 + maxh >= 2 * baseline
            && 8 * c.y1 >= 8 * baseline + maxh.max(8)
        {
            (Kind::Punct(','), 100.0)
        } else if too_tall(h) {
            // Taller than a digit: a letter with an ascender or descender.
            (Kind::Other, 0.0)
        } else if 20 * h < 9 * maxh {
            // Punctuation by size and place: low = . or , ; mid = -.
            // A thin bar (kept above for a dash) anywhere else is a rule or
            // a vowel stroke, not punctuation and not a mark over a digit
            // (004's "ที่ ๑๒" lost its ๑ under the bar of ี).
            let thin = 8 * h <= w && h <= 3;
            let p = if w > 2 * h && 10 * c.y0 >= 10 * bottom - 7 * maxh {
                '-'
            } else if thin {
                continue;
            } else if 10 * c.y1 + 3 * maxh >= 10 * bottom {
                if 10 * h > 14 * w {
                    ','
                } else {
                    '.'
                }
            } else if 10 * c.y1 < 10 * bottom - 6 * maxh {
                // A mark above the line: belongs to the letter below it.
                above.push((c.x0, c.x1));
                continue;
            } else {
                '-'
            };
            (Kind::Punct(p), 100.0)
        } else {
            let Some((kind, _, conf)) = read_glyphs(b, &lab, c, c.x0, c.x1, 0, script) else {
                continue;
            };
            (kind, conf)
        };
        items.push(Item {
            x0: c.x0,
            x1: c.x1,
            kind,
            conf,
            h,
        });
    }
    // A mark above a glyph makes it a letter (Thai digits carry none).
    for it in items.iter_mut() {
        if above.iter().any(|&(a, z)| a < it.x1 && z > it.x0) {
            it.kind = Kind::Other;
        }
    }
    let core: Vec<usize> = (0..items.len())
        .filter(|&i| in_core(items[i].x0, items[i].x1))
        .collect();
    let (mut lo, mut hi) = (*core.first()?, *core.last()? + 1);
    // Letters at the ends of the core are the neighbours tesseract's boxes
    // overlapped.
    while lo < hi && items[lo].kind == Kind::Other {
        lo += 1;
    }
    while hi > lo && items[hi - 1].kind == Kind::Other {
        hi -= 1;
    }
    if lo >= hi {
        return None;
    }
    let near = |a: &Item, z: &Item| 2 * z.x0.saturating_sub(a.x1) <= maxh;
    let number_part = |k: &Kind| matches!(k, Kind::Digits(..) | Kind::Punct(_));
    while lo > 0 && number_part(&items[lo - 1].kind) && near(&items[lo - 1], &items[lo]) {
        lo -= 1;
    }
    while hi < items.len() && number_part(&items[hi].kind) && near(&items[hi - 1], &items[hi]) {
        hi += 1;
    }
    // Punctuation at the ends belongs to the text around the number
    // ("๒๕๖๓ –", "(๑)"): tesseract's reading of it is kept.
    while lo < hi && matches!(items[lo].kind, Kind::Punct(_)) {
        lo += 1;
    }
    while hi > lo && matches!(items[hi - 1].kind, Kind::Punct(_)) {
        hi -= 1;
    }
    let sel = &items[lo..hi];
    let (sx0, sx1) = (sel.first()?.x0, sel.last()?.x1);
    let mut confident = !sel
        .iter()
        .any(|it| matches!(it.kind, Kind::Other | Kind::Digits(_, false)));
    // Ink cut by the edge within a glyph's reach of the number: unreadable.
    // Ink under half a digit's height is no cut digit (a dash of the
    // cell's own "- - ๒๐,๐๐๐"), nor is ink over 1.5 times its height (a
    // column rule, with whatever touches it, 51 px beside 22 px digits).
    let near_cut = |&&(a, z, h): &&(usize, usize, usize)| {
        2 * h >= maxh && 2 * h <= 3 * maxh && a < sx1 + maxh && z + maxh > sx0
    };
    let cut_left = cut.iter().filter(near_cut).any(|&(a, _, _)| a == 0);
    let cut_right = cut.iter().filter(near_cut).any(|&(_, z, _)| z >= b.w);
    if cut_left || cut_right {
        confident = false;
    }
    // The digit pitch: the median advance of neighbouring one-digit glyphs.
    let mut adv: Vec<usize> = sel
        .windows(2)
        .filter(|p| {
            let one = |it: &Item| matches!(&it.kind, Kind::Digits(t, _) if t.chars().count() == 1);
            one(&p[0]) && one(&p[1]) && 2 * p[1].x0.saturating_sub(p[0].x1) <= maxh
        })
        .map(|p| p[1].x0.saturating_sub(p[0].x0))
        .collect();
    adv.sort_unstable();
    let pitch = adv.get(adv.len() / 2).copied();
    let mut out = String::new();
    let mut prev: Option<(usize, bool)> = None;
    for it in sel {
        let dash = it.kind == Kind::Punct('-');
        if let Some((px, was_dash)) = prev {
            // A gap of half the glyph height is a space between numbers;
            // beside a dash, of 0.4 (a dash's side bearings are a digit's,
            // but the space of a "2566 – 2570" read 15 px at 31 px digits,
            // the gaps between digits 1-5 px: Garuda 000 at 200 dpi).
            let g = it.x0.saturating_sub(px);
            if it.x0 > px && (2 * g > maxh || ((dash || was_dash) && 5 * g > 2 * maxh)) {
                out.push(' ');
            }
        }
        prev = Some((prev.map_or(it.x1, |(p, _)| p.max(it.x1)), dash));
        match &it.kind {
            Kind::Digits(t, _) => out.push_str(t),
            // An en dash is longer than a hyphen against the digit pitch
            // (the same measure as `tsv::en_dashes`, which sees only the
            // dashes tesseract boxed apart from the number).
            Kind::Punct('-')
                if pitch.is_some_and(|p| {
                    (it.x1 - it.x0).saturating_sub(it.h) as f64 >= EN_DASH_WIDTH * p as f64
                }) =>
            {
                out.push('–')
            }
            Kind::Punct(p) => out.push(*p),
            // An unreadable glyph inside the number.
            Kind::Other => out.push('?'),
        }
    }
    let text = out.trim().to_string();
    if std::env::var_os("THAIPLAN_DIGITS_DEBUG").is_some() {
        let kinds: Vec<String> = items
            .iter()
            .map(|it| format!("{}-{}:{:?}", it.x0, it.x1, it.kind))
            .collect();
        eprintln!("digits: {text:?} conf={confident} sel={lo}..{hi} core={core_x0}..{core_x1} maxh={maxh} {}", kinds.join(" "));
    }
    if !text.chars().any(|c| c.is_ascii_digit() || is_thai_digit(c)) || text.contains('?') {
        return None;
    }
    let mut digit_xs = Vec::new();
    for it in sel {
        if let Kind::Digits(t, _) = &it.kind {
            let n = t
                .chars()
                .filter(|c| is_thai_digit(*c) || c.is_ascii_digit())
                .count();
            digit_xs.extend(std::iter::repeat_n((it.x0 + it.x1) / 2, n));
        }
    }
    let conf = sel
        .iter()
        .filter(|it| matches!(it.kind, Kind::Digits(..)))
        .map(|it| it.conf)
        .fold(100f32, f32::min);
    // A reading that is not confident as a whole (cut ink, a letter
    // inside) stays under the acceptance line.
    let conf = if confident {
        conf
    } else {
        conf.min(ACCEPT_CONF - 1.0)
    };
    Some(Reading {
        text,
        confident,
        digit_xs,
        x0: sx0,
        x1: sx1,
        cut_left,
        cut_right,
        ink: items.iter().map(|it| (it.x0, it.x1)).chain(above).collect(),
        conf: f64::from(conf.clamp(0.0, 100.0)).round(),
    })
}

/// Read columns xa..xb of component `c` as one glyph, or as two when it
/// reads better cut (touching glyphs: the best cut in the middle third,
/// when both halves are confident digits or read clearly better than the
/// whole; measured on 004: ๕๒ printed touching in "๒๕๒๒"). A part wider
/// than two glyphs is cut again. Returns the kind and its worst distance.
fn read_glyphs(
    b: &Bin,
    lab: &[u32],
    c: &Comp,
    xa: usize,
    xb: usize,
    depth: u8,
    script: Script,
) -> Option<(Kind, f32, f32)> {
    let (ch, d, other) = classify_part(b, lab, c, xa, xb, script)?;
    let kind = glyph_kind(ch, d, other);
    let conf = glyph_conf(d, other);
    let (w, h) = (xb - xa, c.y1 - c.y0);
    let whole_ok = match kind {
        Kind::Digits(_, ok) => ok,
        // "/" and "(" are narrow: a wide one is two glyphs.
        Kind::Punct(_) => w * 10 <= h * 9,
        Kind::Other => false,
    };
    // Two glyphs are at least 0.9 of the height wide; only a part over
    // 1.5 heights is tried for three (bounds the work on wide letters;
    // Garuda at 150 dpi prints two digits in 1.74 heights: "๒๕๖" touching
    // in "๒๕๖๒" was left whole at 1.8).
    if whole_ok || w * 10 <= h * 9 || (depth > 0 && w * 10 <= h * 15) || depth > 1 {
        return Some((kind, d, conf));
    }
    let conf_digits = |k: &Kind| matches!(k, Kind::Digits(_, true));
    let (lo, hi) = (xa + w / 3, xb - w / 3);
    // (both halves confident digits, worst distance, reading, confidence)
    let mut best: Option<(bool, f32, Kind, f32)> = None;
    for cut in lo..hi.max(lo + 1) {
        let (Some((kl, dl, cl)), Some((kr, dr, cr))) = (
            read_glyphs(b, lab, c, xa, cut, depth + 1, script),
            read_glyphs(b, lab, c, cut, xb, depth + 1, script),
        ) else {
            continue;
        };
        let both = conf_digits(&kl) && conf_digits(&kr);
        let worst = dl.max(dr);
        if !(both || worst < 0.6 * d) {
            continue;
        }
        if best
            .as_ref()
            .is_none_or(|(bb, bd, _, _)| (both, -worst) > (*bb, -*bd))
        {
            best = Some((both, worst, join_kinds(kl, kr), cl.min(cr)));
        }
    }
    Some(match best {
        Some((_, worst, k, cf)) => (k, worst, cf),
        None => (kind, d, conf),
    })
}

fn glyph_kind(ch: char, d: f32, other: f32) -> Kind {
    // ASCII digits are nearest only when the script asked for allows them.
    if is_thai_digit(ch) || ch.is_ascii_digit() {
        Kind::Digits(ch.to_string(), d <= CONF_DIST && other >= CONF_RATIO * d)
    } else if matches!(ch, '/' | '(' | ')') {
        Kind::Punct(ch)
    } else {
        Kind::Other
    }
}

/// Two halves of a split component read as one item.
fn join_kinds(l: Kind, r: Kind) -> Kind {
    let text = |k: &Kind| match k {
        Kind::Digits(t, _) => Some(t.clone()),
        Kind::Punct(p) => Some(p.to_string()),
        Kind::Other => None,
    };
    let conf = |k: &Kind| !matches!(k, Kind::Digits(_, false));
    match (text(&l), text(&r)) {
        (Some(a), Some(b)) => Kind::Digits(format!("{a}{b}"), conf(&l) && conf(&r)),
        _ => Kind::Other,
    }
}

/// The one digit in a blank-looking crop (a table cell tesseract returned
/// no word for: a lone "0" between "1" and "45" on 004's statistics row).
/// `h` is the line's digit height. Read only when the crop holds exactly
/// one glyph of about that height, nothing else but specks, away from the
/// crop's edges (rules), and it reads as a confident digit of the script
/// asked for; returns the digit and its confidence.
pub fn read_lone(b: &Bin, h: usize, arabic: bool) -> Option<(char, f32)> {
    let (lab, comps) = components(b);
    // Table rules reach the crop's edges; specks are tiny.
    let big: Vec<&Comp> = comps
        .iter()
        .filter(|c| 3 * c.area >= h && c.x0 > 0 && c.y0 > 0 && c.x1 < b.w && c.y1 < b.h)
        .collect();
    let [c] = big.as_slice() else {
        return None;
    };
    let (w, ch) = (c.x1 - c.x0, c.y1 - c.y0);
    if 10 * ch < 6 * h || 10 * ch > 13 * h || w * 10 > ch * 9 {
        return None;
    }
    let keep = |x: usize, y: usize| lab.get(y * b.w + x) == Some(&c.label);
    let (d, other, digit) = {
        let (k, d, o) = nearest_in(&features(&keep, c.x0, c.x1, c.y0, c.y1), arabic)?;
        (d, o, k)
    };
    let ok = if arabic {
        digit.is_ascii_digit()
    } else {
        is_thai_digit(digit)
    };
    (ok && d <= CONF_DIST && other >= CONF_RATIO * d).then(|| (digit, glyph_conf(d, other)))
}

/// A list bullet: one filled round blob (a disc fills ~0.79 of its box,
/// a "1" or "๑" under 0.5), about as wide as tall. tesseract reads a
/// bullet as "1" (measured on 004: 7 of its bullets).
pub fn is_bullet(b: &Bin) -> bool {
    let (_, comps) = components(b);
    let mut big = comps.iter().filter(|c| c.area >= 4);
    let (Some(c), None) = (big.next(), big.next()) else {
        return false;
    };
    let (w, h) = (c.x1 - c.x0, c.y1 - c.y0);
    c.x0 > 0
        && c.y0 > 0
        && c.x1 < b.w
        && c.y1 < b.h
        && w >= 3
        && 10 * w >= 6 * h
        && 10 * w <= 16 * h
        && 10 * c.area >= 6 * w * h
}

pub fn is_thai_digit(c: char) -> bool {
    ('\u{0E50}'..='\u{0E59}').contains(&c)
}

/// A word tesseract read as a number (digits and number punctuation only).
pub fn is_number_word(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit() || is_thai_digit(c))
        && t.chars().all(|c| {
            c.is_ascii_digit() || is_thai_digit(c) || matches!(c, '.' | ',' | '/' | '-' | '(' | ')')
        })
}

/// Binarise a region of a grey page (Otsu threshold over the region).
pub fn crop(
    px: &[u8],
    pw: usize,
    ph: usize,
    x0: usize,
    y0: usize,
    x1: usize,
    y1: usize,
) -> Option<Bin> {
    let (x1, y1) = (x1.min(pw), y1.min(ph));
    if x0 >= x1 || y0 >= y1 {
        return None;
    }
    let (w, h) = (x1 - x0, y1 - y0);
    let mut hist = [0u32; 256];
    for y in y0..y1 {
        for x in x0..x1 {
            hist[*px.get(y * pw + x)? as usize] += 1;
        }
    }
    let total = (w * h) as f64;
    let sum: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &n)| i as f64 * n as f64)
        .sum();
    let (mut wb, mut sb, mut best, mut thr) = (0f64, 0f64, 0f64, 128usize);
    for (t, &n) in hist.iter().enumerate() {
        wb += n as f64;
        if wb == 0.0 || wb == total {
            continue;
        }
        sb += t as f64 * n as f64;
        let (mb, mf) = (sb / wb, (sum - sb) / (total - wb));
        let between = wb * (total - wb) * (mb - mf) * (mb - mf);
        if between > best {
            best = between;
            thr = t;
        }
    }
    // A blank crop has no contrast: nothing to read.
    let thr = thr.min(200);
    let mut ink = Vec::with_capacity(w * h);
    for y in y0..y1 {
        for x in x0..x1 {
            ink.push((*px.get(y * pw + x)? as usize) <= thr);
        }
    }
    Some(Bin { w, h, ink })
}

/// A glyph drawn back from its first prototype (the grid thresholded at
/// half ink, each cell k×k pixels), cropped to its ink: for tests that
/// build page images.
#[cfg(test)]
pub(super) fn draw_glyph(c: char, k: usize) -> Option<Bin> {
    let p = protos();
    let f = p.class.iter().position(|x| *x == c).map(|i| &p.feats[i])?;
    let on = |i: usize, j: usize| f[i * GRID + j] >= 0.5;
    let rows: Vec<usize> = (0..GRID).filter(|&i| (0..GRID).any(|j| on(i, j))).collect();
    let cols: Vec<usize> = (0..GRID).filter(|&j| (0..GRID).any(|i| on(i, j))).collect();
    let (r0, r1) = (*rows.first()?, *rows.last()? + 1);
    let (c0, c1) = (*cols.first()?, *cols.last()? + 1);
    let (w, h) = ((c1 - c0) * k, (r1 - r0) * k);
    let mut ink = vec![false; w * h];
    for y in 0..h {
        for x in 0..w {
            ink[y * w + x] = on(r0 + y / k, c0 + x / k);
        }
    }
    Some(Bin { w, h, ink })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A prototype drawn back as an image (its grid thresholded at half
    /// ink, each cell 3×3 pixels) must classify as its own digit: the Rust
    /// feature matches the one train_digits.py computed.
    #[test]
    fn prototypes_read_back_as_their_digit() {
        let p = protos();
        assert!(p.class.len() >= 500, "digits.bin has {}", p.class.len());
        let (mut ok, mut n) = (0, 0);
        for (c, f) in p.class.iter().zip(&p.feats) {
            if !is_thai_digit(*c) {
                continue;
            }
            let (k, pad) = (3, 2);
            let w = GRID * k + 2 * pad;
            let mut ink = vec![false; w * w];
            for i in 0..GRID * k {
                for j in 0..GRID * k {
                    ink[(i + pad) * w + j + pad] = f[(i / k) * GRID + j / k] >= 0.5;
                }
            }
            n += 1;
            let b = Bin { w, h: w, ink };
            let keep = |x: usize, y: usize| b.at(x, y);
            let (lo, hi) = (pad, pad + GRID * k);
            let (x0, x1, y0, y1) = (
                (lo..hi)
                    .find(|&x| (lo..hi).any(|y| keep(x, y)))
                    .unwrap_or(lo),
                (lo..hi)
                    .rev()
                    .find(|&x| (lo..hi).any(|y| keep(x, y)))
                    .map_or(hi, |x| x + 1),
                (lo..hi)
                    .find(|&y| (lo..hi).any(|x| keep(x, y)))
                    .unwrap_or(lo),
                (lo..hi)
                    .rev()
                    .find(|&y| (lo..hi).any(|x| keep(x, y)))
                    .map_or(hi, |y| y + 1),
            );
            if nearest(&features(&keep, x0, x1, y0, y1)).map(|r| r.0) == Some(*c) {
                ok += 1;
            }
        }
        assert!(ok * 10 >= n * 9, "{ok}/{n}");
    }

    #[test]
    fn number_words() {
        assert!(is_number_word("๒๕๖๘"));
        assert!(is_number_word("15,000.00"));
        assert!(is_number_word("(๑)"));
        assert!(!is_number_word("พ.ศ.๒๕๖๘"));
        assert!(!is_number_word("..."));
    }

    #[test]
    fn blank_or_tiny_crops_read_nothing() {
        assert_eq!(
            read_run(&Bin {
                w: 5,
                h: 5,
                ink: vec![false; 25]
            }),
            None
        );
        assert!(crop(&[255; 100], 10, 10, 5, 5, 5, 9).is_none());
    }
}
