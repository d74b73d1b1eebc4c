//! Ruled-table lines found in the page image.

/// Table rules found in a page image: y of horizontal rules (at mid-page)
/// and x of vertical rules, each sorted; `span` is the x-range of the
/// horizontal rules (the table's width).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub hs: Vec<i64>,
    pub vs: Vec<i64>,
    /// The y-range each vertical rule runs over (parallel to `vs`): a page
    /// can hold two ruled tables, or the end of one table and the start of
    /// the next, whose columns lie at other x (the Garuda 000 scan's page
    /// 31: two tables of 9 columns each, 17 vertical rules on the page).
    pub vspan: Vec<(i64, i64)>,
}

impl Grid {
    /// The vertical rules that cross the y-range `y0..y1` (a ruled row):
    /// those of the table the row belongs to. All of them when fewer than
    /// three do (a grid read before the extents, or rules broken by noise).
    pub fn vs_across(&self, y0: i64, y1: i64) -> Vec<i64> {
        // A rule's extent is known to a strip (40 px): the row's middle
        // must lie within it, give or take one strip.
        let mid = (y0 + y1) / 2;
        let vs: Vec<i64> = self
            .vs
            .iter()
            .zip(&self.vspan)
            .filter(|(_, &(a, b))| a - STRIP as i64 <= mid && mid <= b + STRIP as i64)
            .map(|(&x, _)| x)
            .collect();
        if vs.len() >= 3 && self.vspan.len() == self.vs.len() {
            vs
        } else {
            self.vs.clone()
        }
    }
}

/// Strip length (pixels along a rule) of the rule search.
const STRIP: usize = 40;

/// Find ruled-table lines in a binary PGM (P5) image: dark runs that cross
/// many narrow strips. Strips keep slight scan skew harmless (a rule drifts
/// well under a pixel across one strip).
pub fn grid_from_pgm(pgm: &[u8]) -> Option<Grid> {
    let (w, h, px) = parse_pgm(pgm)?;
    let dark = |x: usize, y: usize| px.get(y * w + x).is_some_and(|&v| v < 150);
    let hs = rules(
        w,
        h,
        &|along, across| dark(along, across),
        STRIP,
        0.8,
        w / 4,
    );
    let vrules = rules(
        h,
        w,
        &|along, across| dark(across, along),
        STRIP,
        0.8,
        h / 6,
    );
    Some(Grid {
        hs: hs.into_iter().map(|r| r.0).collect(),
        vs: vrules.iter().map(|r| r.0).collect(),
        vspan: vrules.iter().map(|r| (r.1, r.2)).collect(),
    })
}

/// Positions (across) of lines running along `len_along`, `len_across` wide:
/// in each strip of `strip` pixels along, an across-position whose strip is
/// at least `fill` dark is a mark; marks chained over `min_len` pixels
/// (with small drift and gaps) are a rule, reported at its mean position
/// with the range it runs over (along).
fn rules(
    len_along: usize,
    len_across: usize,
    dark: &dyn Fn(usize, usize) -> bool,
    strip: usize,
    fill: f64,
    min_len: usize,
) -> Vec<(i64, i64, i64)> {
    let nstrips = len_along / strip;
    // chains: (last_strip, last_pos, first_strip, sum_pos, n)
    let mut chains: Vec<(usize, f64, usize, f64, f64)> = Vec::new();
    let mut done: Vec<(usize, f64, usize, f64, f64)> = Vec::new();
    for s in 0..nstrips {
        let mut marks: Vec<usize> = Vec::new();
        for a in 0..len_across {
            let n = (s * strip..(s + 1) * strip).filter(|&x| dark(x, a)).count();
            if n as f64 >= fill * strip as f64 {
                // A thick rule is one mark.
                if marks.last().is_some_and(|&m| a <= m + 2) {
                    continue;
                }
                marks.push(a);
            }
        }
        for a in marks {
            let a = a as f64;
            match chains
                .iter_mut()
                .find(|c| c.0 + 3 >= s && c.0 < s && (c.1 - a).abs() <= 3.0)
            {
                Some(c) => {
                    c.0 = s;
                    c.1 = a;
                    c.3 += a;
                    c.4 += 1.0;
                }
                None => chains.push((s, a, s, a, 1.0)),
            }
        }
        // Retire chains that can no longer grow.
        let (keep, old): (Vec<_>, Vec<_>) = chains.into_iter().partition(|c| c.0 + 3 > s);
        chains = keep;
        done.extend(old);
    }
    done.extend(chains);
    let mut out: Vec<(i64, i64, i64)> = done
        .into_iter()
        .filter(|c| (c.0 + 1 - c.2) * strip >= min_len)
        .map(|c| {
            (
                (c.3 / c.4).round() as i64,
                (c.2 * strip) as i64,
                ((c.0 + 1) * strip) as i64,
            )
        })
        .collect();
    out.sort_unstable();
    // One rule found twice (close positions): one position, both extents.
    out.dedup_by(|a, b| {
        let same = (a.0 - b.0).abs() <= 6;
        if same {
            b.1 = b.1.min(a.1);
            b.2 = b.2.max(a.2);
        }
        same
    });
    out
}

pub(super) fn parse_pgm(b: &[u8]) -> Option<(usize, usize, &[u8])> {
    // "P5" ws width ws height ws maxval single-ws data (pdftoppm writes no comments).
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while b.get(i)?.is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !b.get(i)?.is_ascii_whitespace() {
            i += 1;
        }
        fields.push(std::str::from_utf8(b.get(start..i)?).ok()?);
    }
    if fields.first() != Some(&"P5") || fields.get(3) != Some(&"255") {
        return None;
    }
    let w: usize = fields.get(1)?.parse().ok()?;
    let h: usize = fields.get(2)?.parse().ok()?;
    let data = b.get(i + 1..)?;
    (data.len() >= w.checked_mul(h)?).then_some((w, h, data))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two ruled tables on one page with other column positions (the end
    /// of one table and the start of the next, as on the Garuda 000 scan's
    /// page 31): each ruled row is split by its own table's rules.
    #[test]
    fn each_table_on_a_page_keeps_its_own_columns() {
        let (w, h) = (800usize, 1200usize);
        let mut px = vec![255u8; w * h];
        let mut rule = |x0: usize, x1: usize, y0: usize, y1: usize| {
            for y in y0..y1 {
                for x in x0..x1 {
                    px[y * w + x] = 0;
                }
            }
        };
        for (top, bottom, cols) in [
            (100, 500, [100, 300, 500, 700]),
            (600, 1000, [100, 250, 450, 700]),
        ] {
            for y in [top, (top + bottom) / 2, bottom] {
                rule(100, 702, y, y + 2);
            }
            for x in cols {
                rule(x, x + 2, top, bottom + 2);
            }
        }
        let mut pgm = format!("P5\n{w} {h}\n255\n").into_bytes();
        pgm.extend_from_slice(&px);
        let g = grid_from_pgm(&pgm).expect("grid");
        assert_eq!(g.vs.len(), 6, "{:?}", g.vs);
        let near = |got: Vec<i64>, want: [i64; 4]| {
            got.len() == 4 && got.iter().zip(want).all(|(a, b)| (a - b).abs() <= 2)
        };
        assert!(
            near(g.vs_across(100, 300), [100, 300, 500, 700]),
            "{:?}",
            g.vs_across(100, 300)
        );
        assert!(
            near(g.vs_across(800, 1000), [100, 250, 450, 700]),
            "{:?}",
            g.vs_across(800, 1000)
        );
    }
}
