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
        let ok = RAW.get(..5) == Some(b"THDG1") && RAW.get(5) == Some(&(GRID as u8));
        let n = RAW
            .get(6..8)
            .map(|b| u16::from_le_bytes([b[0], b[1]]) as usize)
            .unwrap_or(0);
        let rec = 4 + GRID * GRID;
        for i in 0..if ok { n } else { 0 } {
            let Some(r) = RAW.get(8 + i * rec..8 + (i + 1) * rec) else {
                break;
            };
            let c = u32::from_le_bytes([r[0], r[1], r[2], r[3]]);
            let Some(c) = char::from_u32(c) else { continue };
            let mut f = [0f32; GRID * GRID];
            for (k, v) in r[4..].iter().enumerate() {
                f[k] = *v as f32 / 255.0;
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

/// Nearest prototype: (class, squared distance).
fn nearest(f: &[f32; GRID * GRID]) -> Option<(char, f32)> {
    let p = protos();
    let mut best: Option<(char, f32)> = None;
    // Thai runs only: tesseract tells the scripts apart reliably (it is the
    // Thai glyph shapes it misreads), and its Arabic digits are ~0.99 right.
    for (c, q) in p
        .class
        .iter()
        .zip(&p.feats)
        .filter(|(c, _)| !c.is_ascii_digit())
    {
        let d: f32 = f.iter().zip(q.iter()).map(|(a, b)| (a - b) * (a - b)).sum();
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((*c, d));
        }
    }
    best
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
fn classify_part(b: &Bin, lab: &[u32], c: &Comp, xa: usize, xb: usize) -> Option<(char, f32)> {
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
    nearest(&features(&keep, xa, xb, y0, y1))
}

/// Read a cropped digit run. `None` when the crop does not look like one
/// (no glyph, or a glyph no prototype is near).
pub fn read_run(b: &Bin) -> Option<String> {
    let (lab, mut comps) = components(b);
    // Specks go; so does ink running out of the (padded) box at the left or
    // right: a neighbouring letter, not part of the number.
    comps.retain(|c| c.area >= 4 && c.x0 > 0 && c.x1 < b.w);
    if comps.is_empty() {
        return None;
    }
    comps.sort_by_key(|c| c.x0);
    let maxh = comps.iter().map(|c| c.y1 - c.y0).max()?;
    let bottom = comps
        .iter()
        .filter(|c| 2 * (c.y1 - c.y0) >= maxh)
        .map(|c| c.y1)
        .max()?;
    let mut out = String::new();
    let mut prev_x1: Option<usize> = None;
    for c in &comps {
        let (w, h) = (c.x1 - c.x0, c.y1 - c.y0);
        if let Some(px) = prev_x1 {
            // A gap of half the glyph height is a space between numbers.
            if c.x0 > px && 2 * (c.x0 - px) > maxh {
                out.push(' ');
            }
        }
        prev_x1 = Some(prev_x1.map_or(c.x1, |p| p.max(c.x1)));
        if 20 * h < 9 * maxh {
            // Punctuation by size and place: low = . or , ; mid = -.
            if w > 2 * h {
                out.push('-');
            } else if 10 * c.y1 + 3 * maxh >= 10 * bottom {
                out.push(if 10 * h > 14 * w { ',' } else { '.' });
            } else if 10 * c.y0 < 10 * bottom - 4 * maxh && h * 3 < maxh {
                // A mark above the run: not part of a number.
                return None;
            } else {
                out.push('-');
            }
            continue;
        }
        let (ch, d) = classify_part(b, &lab, c, c.x0, c.x1)?;
        // Touching glyphs: try the thinnest column in the middle third.
        let mut best = (ch.to_string(), d);
        if w * 10 > h * 9 {
            let col = |x: usize| {
                (c.y0..c.y1)
                    .filter(|&y| lab[y * b.w + x] == c.label)
                    .count()
            };
            let (lo, hi) = (c.x0 + w / 3, c.x1 - w / 3);
            if let Some(cut) = (lo..hi).min_by_key(|&x| col(x)) {
                if let (Some(a), Some(z)) = (
                    classify_part(b, &lab, c, c.x0, cut),
                    classify_part(b, &lab, c, cut, c.x1),
                ) {
                    if a.1.max(z.1) < 0.6 * d {
                        best = (format!("{}{}", a.0, z.0), a.1.max(z.1));
                    }
                }
            }
        }
        out.push_str(&best.0);
    }
    Some(out.trim().to_string())
        .filter(|s| s.chars().any(|c| c.is_ascii_digit() || is_thai_digit(c)))
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
