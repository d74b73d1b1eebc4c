//! Page layout from glyph geometry: baseline clustering into visual lines,
//! combining marks attached to their base by position, spaces from gaps,
//! and tables from ruling lines (cells with their wrapped lines joined).

use super::content::{Glyph, PageContent, Seg};
use crate::thai::{is_consonant, is_mark};

/// Thai letters and marks (not digits): wraps between two of them take no space.
pub fn is_thai_letter(c: char) -> bool {
    matches!(c, '\u{0E01}'..='\u{0E4E}')
}

/// Canonical typing order of marks on one base: vowels above/below, then
/// tones, then the rest; sara am (in an ActualText span) sorts with tones' tail.
fn mark_class(s: &str) -> u8 {
    match s.chars().next() {
        Some('\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}') => 0,
        Some('\u{0E48}'..='\u{0E4B}') => 1,
        _ => 2,
    }
}

/// A base glyph with the marks drawn on it.
#[derive(Debug, Clone)]
struct Cluster {
    x: f64,
    w: f64,
    y: f64,
    size: f64,
    seq: usize,
    base: String,
    marks: Vec<(u8, usize, String)>,
    /// Right end including the advances of attached marks (char spacing
    /// applies to zero-width marks too).
    ext: f64,
    bold: bool,
}

impl Cluster {
    fn text(&self) -> String {
        let mut m = self.marks.clone();
        m.sort_by_key(|(c, s, _)| (*c, *s));
        let mut t = self.base.clone();
        for (_, _, s) in m {
            t.push_str(&s);
        }
        t
    }
    fn is_space(&self) -> bool {
        self.base.chars().all(char::is_whitespace) && self.marks.is_empty()
    }
    fn right(&self) -> f64 {
        self.x + self.w
    }
}

#[derive(Debug, Clone)]
struct VLine {
    y: f64,
    size: f64,
    clusters: Vec<Cluster>,
}

/// One output item of a page: a text line or a table row.
#[derive(Debug, Clone)]
pub struct Item {
    pub text: String,
    /// Top of the item (device space, y up): the reading-order key.
    pub top: f64,
    pub left: f64,
    pub right: f64,
    pub size: f64,
    /// Baseline of the (last) visual line.
    pub y: f64,
    /// Table rows: (table index on the page, row index in the table).
    pub row: Option<(usize, usize)>,
    /// Table rows: the cells, and the column boundaries drawn in this row.
    pub cells: Vec<String>,
    pub cols: Vec<f64>,
    /// Width of the first space-delimited word (would it have fitted on
    /// the previous line?).
    pub first_word: f64,
    /// Boldness of the first and last drawn cluster, and of all of them.
    pub first_bold: bool,
    pub last_bold: bool,
    pub bold: bool,
    /// Right edge of the page's text (set when paragraphs are joined).
    pub edge: f64,
    /// Table rows: a drawn rule closes the row at its top / bottom (not
    /// the end of the column rules, nor the text of a ruleless band).
    pub ruled_top: bool,
    pub ruled_bottom: bool,
}

/// Join visual lines of one cell/paragraph: Thai–Thai wraps take no space.
pub fn join_wrapped(parts: &[String]) -> String {
    let mut out = String::new();
    // A space the font drew at the end of a wrapped line is kept.
    let mut pending_space = false;
    for p in parts {
        let t = p.trim();
        if t.is_empty() {
            pending_space |= !p.is_empty();
            continue;
        }
        if let (Some(a), Some(b)) = (out.chars().last(), t.chars().next()) {
            // Thai wraps between words without a space; a number wrapped
            // inside itself ("20,00" / "0บาท") continues too.
            // Two whole grouped amounts ("10,000" / "20,000", a cell
            // listing one amount per project) are two values.
            let numeric = (a.is_ascii_digit() || a == ',' || a == '.')
                && b.is_ascii_digit()
                && !(whole_amount(out.rsplit(' ').next().unwrap_or(""))
                    && whole_amount(t.split(' ').next().unwrap_or("")));
            let spaced =
                letter_spaced_edge(out.split(' ').rev()) && letter_spaced_edge(t.split(' '));
            if pending_space || spaced || !((is_thai_letter(a) && is_thai_letter(b)) || numeric) {
                out.push(' ');
            }
        }
        out.push_str(t);
        pending_space = p.ends_with(char::is_whitespace);
    }
    if pending_space && !out.is_empty() {
        out.push(' ');
    }
    out
}

/// A grouped amount complete in itself: "10,000", "1,250,000.00" (not
/// "20,00" or "50,000.0", which a wrap cut).
fn whole_amount(t: &str) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&c);
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    groups.len() >= 2
        && groups[0].chars().count() <= 3
        && groups.iter().all(|g| !g.is_empty() && g.chars().all(digit))
        && groups[1..].iter().all(|g| g.chars().count() == 3)
        && frac.is_none_or(|f| f.chars().count() == 2 && f.chars().all(digit))
}

/// Letter-spaced text ("ก ร ะ บ ว น") at the edge of a wrapped line: its
/// wrap lost a space, which the join restores (the normaliser re-joins the
/// whole run later).
fn letter_spaced_edge<'a>(mut tokens: impl Iterator<Item = &'a str>) -> bool {
    (0..3).all(|_| {
        tokens
            .next()
            .is_some_and(|w| (1..=2).contains(&w.chars().count()) && w.chars().all(is_thai_letter))
    })
}

/// Text of a run of clusters: a space where the font drew one, or where the
/// gap is wider than a quarter of the font size (letter-spaced justified
/// Thai spreads clusters by less than that).
fn run_text(clusters: &[&Cluster]) -> String {
    // Letter-spaced text (Word's "expanded by", CSS letter-spacing) widens
    // every gap by the same amount: a word gap is a quarter em more than
    // the run's usual gap (LibreOffice at 0.2 em split "4)" into "4 )" and
    // "กำหนด" into "ก ำหนด", synth pdf-spaced 23_019).
    let spacing = {
        let mut gaps: Vec<f64> = clusters
            .windows(2)
            .filter(|w| !w[0].is_space() && !w[1].is_space())
            .map(|w| w[1].x - w[0].ext.max(w[0].right()))
            .collect();
        gaps.sort_by(f64::total_cmp);
        // the median gap, when most gaps are letter gaps (≥ 8 of them)
        if gaps.len() >= 8 {
            gaps[gaps.len() / 2].max(0.0)
        } else {
            0.0
        }
    };
    let mut out = String::new();
    let mut prev: Option<&Cluster> = None;
    for c in clusters {
        if c.is_space() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            prev = Some(c);
            continue;
        }
        if let Some(p) = prev {
            let gap = c.x - p.ext.max(p.right());
            if !p.is_space()
                && gap > spacing + 0.25 * c.size.max(p.size)
                && !out.ends_with(' ')
                && !out.is_empty()
            {
                out.push(' ');
            }
        }
        out.push_str(&c.text());
        prev = Some(c);
    }
    out.trim_start().to_string()
}

/// Two drawings printed over each other in one cell line: LibreOffice and
/// Chromium paint a merged cell's overflowing text over the next row's
/// cell ("สภาท้องถิ่น" over "รวม" reads "สรวภมาท้องถิ่น", synth pdf-lo
/// 7_000: the total row became a project row). Each drawing is one run in
/// stream order; split at the largest jump in stream order when the two
/// runs overlap by at least one em. Returns (earlier, later), each in
/// reading order.
fn overprinted<'a>(run: &[&'a Cluster]) -> Option<(Vec<&'a Cluster>, Vec<&'a Cluster>)> {
    if run.len() < 4 {
        return None;
    }
    let mut by_seq = run.to_vec();
    by_seq.sort_by_key(|c| c.seq);
    let (k, gap) = by_seq
        .windows(2)
        .enumerate()
        .map(|(i, w)| (i + 1, w[1].seq.saturating_sub(w[0].seq)))
        .max_by_key(|&(_, g)| g)?;
    if gap < 4 {
        return None;
    }
    let (a, b) = by_seq.split_at(k);
    let span = |g: &[&Cluster]| {
        g.iter()
            .filter(|c| !c.is_space())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, r), c| {
                (l.min(c.x), r.max(c.right()))
            })
    };
    let ((a0, a1), (b0, b1)) = (span(a), span(b));
    let size = run.iter().map(|c| c.size).fold(0.0, f64::max);
    if a1.min(b1) - a0.max(b0) < size {
        return None;
    }
    let by_x = |g: &[&'a Cluster]| {
        let mut v = g.to_vec();
        v.sort_by(|p, q| p.x.total_cmp(&q.x).then(p.seq.cmp(&q.seq)));
        v
    };
    Some((by_x(a), by_x(b)))
}

fn build_lines(glyphs: Vec<Glyph>) -> Vec<VLine> {
    let (marks, mut bases): (Vec<Glyph>, Vec<Glyph>) = glyphs
        .into_iter()
        .filter(|g| g.size > 0.0 && g.x.is_finite() && g.y.is_finite())
        .partition(|g| g.text.chars().next().is_some_and(is_mark));
    bases.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<VLine> = Vec::new();
    for g in bases {
        let c = Cluster {
            x: g.x,
            w: g.w,
            y: g.y,
            size: g.size,
            seq: g.seq,
            ext: g.x + g.w,
            bold: g.bold,
            base: g.text,
            marks: Vec::new(),
        };
        match lines.last_mut() {
            Some(l) if (l.y - c.y).abs() < 0.35 * l.size.max(c.size) => {
                l.size = l.size.max(c.size);
                l.clusters.push(c);
            }
            _ => lines.push(VLine {
                y: c.y,
                size: c.size,
                clusters: vec![c],
            }),
        }
    }
    for l in &mut lines {
        l.clusters
            .sort_by(|a, b| a.x.total_cmp(&b.x).then(a.seq.cmp(&b.seq)));
        // The same glyph drawn twice at (almost) the same place is fake
        // bold or a shadow: keep one.
        l.clusters.dedup_by(|b, a| {
            a.base == b.base && (a.x - b.x).abs() < 0.1 * a.size && (a.y - b.y).abs() < 0.1 * a.size
        });
    }
    for m in marks {
        attach_mark(&mut lines, m);
    }
    lines
}

/// Attach a mark to the consonant it sits on: the nearest line by baseline,
/// then the consonant whose box is nearest to the mark's origin, preferring
/// the one just before it in stream order on ties.
fn attach_mark(lines: &mut Vec<VLine>, m: Glyph) {
    let best_line = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i, (l.y - m.y).abs()))
        .filter(|(_, d)| *d < 0.8 * m.size.max(1.0))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i);
    let class = mark_class(&m.text);
    let Some(li) = best_line else {
        lines.push(VLine {
            y: m.y,
            size: m.size,
            clusters: vec![Cluster {
                x: m.x,
                w: m.w,
                y: m.y,
                size: m.size,
                seq: m.seq,
                ext: m.x + m.w,
                bold: m.bold,
                base: m.text,
                marks: Vec::new(),
            }],
        });
        return;
    };
    let line = &mut lines[li];
    let tol = 0.3 * m.size;
    // A zero-advance mark is drawn to the left of its origin (which sits at
    // the end of its base); a mark with an advance is drawn over it.
    let mx = if m.fw > 0.05 * m.size {
        m.x + m.fw / 2.0
    } else {
        m.x - 0.12 * m.size
    };
    // A mark typed after a space (an orphan in the source, "ก ับ") is drawn
    // at the end of that space: keep it there, the normaliser deletes the space.
    if let Some(sp) = line
        .clusters
        .iter_mut()
        .find(|c| c.seq + 1 == m.seq && c.is_space() && (m.x - c.right()).abs() < 0.05 * m.size)
    {
        sp.marks.push((class, m.seq, m.text));
        return;
    }
    // The base drawn just before the mark (at most 3 glyphs earlier in the
    // stream) keeps it while the mark's origin has not reached the middle
    // of the next cluster: letter spacing pushes each mark of a stack one
    // more spacing to the right (LibreOffice at 0.2 em drew the ้ of "ทั้ง"
    // nearer to ง: "ทัง้", synth pdf-spaced 23_019).
    let prev_base = line
        .clusters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.seq < m.seq && m.seq - c.seq <= 3 && !c.is_space())
        .filter(|(_, c)| {
            let f = c.base.chars().next().unwrap_or(' ');
            !('\u{0E00}'..='\u{0E7F}').contains(&f) || is_consonant(f)
        })
        .max_by_key(|(_, c)| c.seq)
        .map(|(i, _)| i);
    if let Some(i) = prev_base {
        let next_mid = line
            .clusters
            .get(i + 1)
            .map(|n| n.x + n.w / 2.0)
            .unwrap_or(f64::INFINITY);
        if let Some(c) = line.clusters.get_mut(i) {
            if m.x >= c.x && m.x < next_mid {
                c.ext = c.ext.max(m.x + m.w);
                c.marks.push((class, m.seq, m.text));
                return;
            }
        }
    }
    let m_end = m.x + m.w;
    let m = Glyph { x: mx, ..m };
    let eps = 0.03 * m.size;
    let mut best: Option<(usize, f64, usize)> = None;
    // Clusters are sorted by x: scan the window that can contain the mark.
    let start = line.clusters.partition_point(|c| c.right() + tol < m.x);
    for (i, c) in line.clusters.iter().enumerate().skip(start) {
        if c.x - tol > m.x {
            break;
        }
        let first = c.base.chars().next().unwrap_or(' ');
        // Marks attach to Thai consonants or to non-Thai bases, never to vowels or spaces.
        let thai_non_consonant = ('\u{0E00}'..='\u{0E7F}').contains(&first) && !is_consonant(first);
        if thai_non_consonant || c.is_space() {
            continue;
        }
        let d = if m.x < c.x {
            c.x - m.x
        } else if m.x > c.right() {
            m.x - c.right()
        } else {
            0.0
        };
        // Prefer the base drawn just before the mark.
        let order = if c.seq < m.seq {
            m.seq - c.seq
        } else {
            usize::MAX / 2 + (c.seq - m.seq)
        };
        let better = match best {
            None => true,
            Some((_, bd, bo)) => d + eps < bd || ((d - bd).abs() <= eps && order < bo),
        };
        if better {
            best = Some((i, d, order));
        }
    }
    let idx = match best {
        Some((i, _, _)) => i,
        None => {
            // No consonant nearby: the nearest cluster of any kind.
            let mut bi = 0;
            let mut bd = f64::MAX;
            for (i, c) in line.clusters.iter().enumerate() {
                let d = (c.right() - m.x).abs();
                if d < bd {
                    bd = d;
                    bi = i;
                }
            }
            bi
        }
    };
    if let Some(c) = line.clusters.get_mut(idx) {
        c.ext = c.ext.max(m_end);
        c.marks.push((class, m.seq, m.text));
    }
}

// ---------------------------------------------------------------------------
// Tables from ruling lines
// ---------------------------------------------------------------------------

#[derive(Debug)]
struct Table {
    /// Column boundaries, ascending.
    xs: Vec<f64>,
    /// Row boundaries, descending (top first).
    ys: Vec<f64>,
    vsegs: Vec<(f64, f64, f64)>, // x, ylo, yhi
    /// The first / last row boundary is where the column rules end, not a
    /// drawn rule: a row cut by a page break.
    open_top: bool,
    open_bottom: bool,
}

impl Table {
    fn contains(&self, x: f64, y: f64) -> bool {
        let (Some(x0), Some(x1), Some(yt), Some(yb)) = (
            self.xs.first(),
            self.xs.last(),
            self.ys.first(),
            self.ys.last(),
        ) else {
            return false;
        };
        x > *x0 && x < *x1 && y < *yt && y > *yb
    }
    fn row_of(&self, y: f64) -> usize {
        self.ys
            .windows(2)
            .position(|w| y < w[0] && y >= w[1])
            .unwrap_or(0)
    }
    /// Column boundaries drawn in a row band (merged cells lack some).
    fn bounds_in_row(&self, row: usize) -> Vec<f64> {
        let (Some(top), Some(bot)) = (self.ys.get(row), self.ys.get(row + 1)) else {
            return self.xs.clone();
        };
        let mid = (top + bot) / 2.0;
        let n = self.xs.len();
        self.xs
            .iter()
            .enumerate()
            .filter(|(i, x)| {
                *i == 0
                    || *i == n - 1
                    || self.vsegs.iter().any(|(vx, lo, hi)| {
                        (vx - *x).abs() < 2.0 && *lo - 1.0 <= mid && *hi + 1.0 >= mid
                    })
            })
            .map(|(_, x)| *x)
            .collect()
    }
}

fn merge_coords(mut v: Vec<f64>, tol: f64) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for x in v {
        match out.last() {
            Some(l) if x - l < tol => {}
            _ => out.push(x),
        }
    }
    out
}

fn find_tables(segs: &[Seg]) -> Vec<Table> {
    let mut h: Vec<(f64, f64, f64)> = Vec::new(); // y, xlo, xhi
    let mut v: Vec<(f64, f64, f64)> = Vec::new(); // x, ylo, yhi
    for s in segs {
        if (s.y0 - s.y1).abs() < 1.0 && (s.x1 - s.x0).abs() >= 5.0 {
            h.push(((s.y0 + s.y1) / 2.0, s.x0.min(s.x1), s.x0.max(s.x1)));
        } else if (s.x0 - s.x1).abs() < 1.0 && (s.y1 - s.y0).abs() >= 5.0 {
            v.push(((s.x0 + s.x1) / 2.0, s.y0.min(s.y1), s.y0.max(s.y1)));
        }
    }
    if h.len() + v.len() > 20_000 {
        return Vec::new();
    }
    // Union-find over segments that touch.
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let tol = 3.0;
    // Rules drawn piecewise (Chromium strokes each cell's border per row):
    // collinear pieces that meet are one rule, so a piece that touches no
    // crossing rule of its own (a rowspan cell's border below its last
    // crossing) still belongs to the table.
    let mut link_collinear = |idx: Vec<usize>, key: &dyn Fn(usize) -> (f64, f64, f64)| {
        let mut idx = idx;
        idx.sort_by(|&a, &b| {
            let (ka, kb) = (key(a), key(b));
            ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
        });
        for w in idx.windows(2) {
            let (a, b) = (key(w[0]), key(w[1]));
            if (a.0 - b.0).abs() < 1.0 && b.1 <= a.2 + 1.0 {
                let (ra, rb) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
                parent[ra] = rb;
            }
        }
    };
    link_collinear((0..h.len()).collect(), &|i| h[i]);
    link_collinear((h.len()..n).collect(), &|i| v[i - h.len()]);
    for (i, (hy, hx0, hx1)) in h.iter().enumerate() {
        for (j, (vx, vy0, vy1)) in v.iter().enumerate() {
            if *vx >= hx0 - tol && *vx <= hx1 + tol && *hy >= vy0 - tol && *hy <= vy1 + tol {
                let (a, b) = (find(&mut parent, i), find(&mut parent, h.len() + j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<usize>, Vec<usize>)> =
        Default::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        let e = groups.entry(r).or_default();
        if i < h.len() {
            e.0.push(i);
        } else {
            e.1.push(i - h.len());
        }
    }
    let mut tables = Vec::new();
    for (_, (hi, vi)) in groups {
        let xs = merge_coords(vi.iter().map(|&j| v[j].0).collect(), 2.0);
        let mut ys = merge_coords(hi.iter().map(|&i| h[i].0).collect(), 2.0);
        // A rule under one cell only (LibreOffice closes a merged first
        // column's last piece inside the next row) is no row boundary: it
        // would cut that row's wrapped cells in two. Inner boundaries must
        // be drawn under at least half the table's width (a rowspan's
        // columns leave less out).
        if let (Some(&x0), Some(&x1)) = (xs.first(), xs.last()) {
            let width = x1 - x0;
            let (top, bottom) = (ys.first().copied(), ys.last().copied());
            ys.retain(|&y| {
                if Some(y) == top || Some(y) == bottom || width <= 0.0 {
                    return true;
                }
                let mut spans: Vec<(f64, f64)> = hi
                    .iter()
                    .map(|&i| h[i])
                    .filter(|(hy, _, _)| (hy - y).abs() < 2.0)
                    .map(|(_, a, b)| (a.max(x0), b.min(x1)))
                    .filter(|(a, b)| b > a)
                    .collect();
                spans.sort_by(|a, b| a.0.total_cmp(&b.0));
                let (mut covered, mut end) = (0.0, f64::NEG_INFINITY);
                for (a, b) in spans {
                    let a = a.max(end);
                    if b > a {
                        covered += b - a;
                        end = b;
                    }
                }
                covered >= 0.5 * width
            });
        }
        // A row split by a page break is drawn without its closing rule
        // (Chromium, LibreOffice): its cells are bounded by the column
        // rules alone, which run past the last (or first) horizontal rule.
        // Close the table where they end, so the fragment is a row.
        let (mut open_top, mut open_bottom) = (false, false);
        if let (Some(&lo), Some(&hi_y)) = (ys.first(), ys.last()) {
            let vlo = vi.iter().map(|&j| v[j].1).fold(f64::INFINITY, f64::min);
            let vhi = vi.iter().map(|&j| v[j].2).fold(f64::NEG_INFINITY, f64::max);
            if vlo < lo - 4.0 {
                ys.insert(0, vlo);
                open_bottom = true;
            }
            if vhi > hi_y + 4.0 {
                ys.push(vhi);
                open_top = true;
            }
        }
        // A framed box (one column) is not a table.
        if xs.len() < 3 || ys.len() < 2 {
            continue;
        }
        ys.reverse();
        tables.push(Table {
            xs,
            ys,
            vsegs: vi.iter().map(|&j| v[j]).collect(),
            open_top,
            open_bottom,
        });
    }
    tables
}

/// Lay out one page: text lines and table rows in reading order.
pub fn layout_page(pc: PageContent) -> Vec<Item> {
    if std::env::var_os("THAIPLAN_PDF_DEBUG").is_some() {
        for g in &pc.glyphs {
            eprintln!(
                "{:8.2} {:8.2} w={:6.2} s={:5.1} #{} {:?}{}",
                g.x,
                g.y,
                g.w,
                g.size,
                g.seq,
                g.text,
                if g.actual { " AT" } else { "" }
            );
        }
    }
    if std::env::var_os("THAIPLAN_PDF_SEGS").is_some() {
        eprintln!("PAGE");
        for sg in &pc.segs {
            eprintln!(
                "SEG {:7.2} {:7.2} {:7.2} {:7.2}",
                sg.x0, sg.y0, sg.x1, sg.y1
            );
        }
    }
    let tables = find_tables(&pc.segs);
    let lines = build_lines(pc.glyphs);
    let mut items: Vec<Item> = Vec::new();
    // Visual-line pieces of table cells: (table, band, column, line index, text).
    let mut pieces: Vec<(usize, usize, usize, usize, String)> = Vec::new();
    // Per free text line: its item index and its pieces split at wide gaps.
    let mut free_segments: Vec<(usize, Vec<Segment>)> = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let mut free: Vec<&Cluster> = Vec::new();
        // Consecutive clusters in the same cell form one visual line of it.
        let mut cur: Option<(usize, usize, usize)> = None;
        let mut run: Vec<&Cluster> = Vec::new();
        let flush = |key: Option<(usize, usize, usize)>,
                     run: &mut Vec<&Cluster>,
                     pieces: &mut Vec<(usize, usize, usize, usize, String)>| {
            if let Some((t, r, c)) = key {
                let own: Vec<&Cluster> = match overprinted(run) {
                    // The earlier drawing is the overflow of the cell above
                    // (drawn with its own row): it goes back to that cell.
                    Some((early, late)) => match pieces
                        .iter_mut()
                        .rev()
                        .find(|p| p.0 == t && p.2 == c && p.3 < li)
                    {
                        Some(p) => {
                            p.4 = join_wrapped(&[std::mem::take(&mut p.4), run_text(&early)]);
                            late
                        }
                        None => run.clone(),
                    },
                    None => run.clone(),
                };
                let text = run_text(&own);
                if !text.trim().is_empty() {
                    pieces.push((t, r, c, li, text));
                }
            }
            run.clear();
        };
        for c in &line.clusters {
            let cx = c.x + c.w / 2.0;
            let cy = c.y + 0.3 * c.size;
            let key = tables.iter().position(|t| t.contains(cx, cy)).map(|ti| {
                let t = &tables[ti];
                let r = t.row_of(cy);
                let b = t.bounds_in_row(r);
                let col = b
                    .windows(2)
                    .position(|w| cx >= w[0] && cx < w[1])
                    .unwrap_or(0);
                (ti, r, col)
            });
            match key {
                None => free.push(c),
                Some(k) => {
                    if cur != Some(k) {
                        flush(cur, &mut run, &mut pieces);
                        cur = Some(k);
                    }
                    run.push(c);
                }
            }
        }
        flush(cur, &mut run, &mut pieces);
        // Text outside tables; a wide gap within it is kept as a space.
        let text = run_text(&free);
        if !text.trim().is_empty() {
            let left = free
                .iter()
                .find(|c| !c.is_space())
                .map(|c| c.x)
                .unwrap_or(0.0);
            let right = free
                .iter()
                .rev()
                .find(|c| !c.is_space())
                .map(|c| c.right())
                .unwrap_or(0.0);
            let mut first_end = left;
            for (k, c) in free.iter().enumerate() {
                if c.is_space() {
                    if first_end > left {
                        break;
                    }
                    continue;
                }
                if k > 0 && first_end > left && c.x - first_end > 0.25 * c.size {
                    break;
                }
                first_end = c.right();
            }
            free_segments.push((items.len(), wide_gap_segments(&free)));
            items.push(Item {
                text,
                top: line.y + 0.8 * line.size,
                left,
                right,
                size: line.size,
                y: line.y,
                row: None,
                cells: Vec::new(),
                cols: Vec::new(),
                first_word: first_end - left,
                first_bold: free.iter().find(|c| !c.is_space()).is_some_and(|c| c.bold),
                last_bold: free
                    .iter()
                    .rev()
                    .find(|c| !c.is_space())
                    .is_some_and(|c| c.bold),
                bold: free.iter().filter(|c| !c.is_space()).all(|c| c.bold),
                edge: 0.0,
                ruled_top: false,
                ruled_bottom: false,
            });
        }
    }
    borderless_tables(&mut items, &free_segments);
    let mut row_no = 0usize;
    for (ti, t) in tables.iter().enumerate() {
        for band in 0..t.ys.len().saturating_sub(1) {
            let cols = t.bounds_in_row(band);
            let ncols = cols.len().saturating_sub(1);
            if std::env::var_os("THAIPLAN_PDF_SEGS").is_some() {
                eprintln!("TABLE {ti} band {band} ys {:?} cols {:?}", t.ys, cols);
            }
            let band_pieces: Vec<&(usize, usize, usize, usize, String)> =
                pieces.iter().filter(|p| p.0 == ti && p.1 == band).collect();
            if band_pieces.is_empty() || ncols == 0 {
                continue;
            }
            let split = split_band(&band_pieces, &lines, ncols);
            let nrows = split.len();
            let last_band = band + 2 == t.ys.len();
            for (k, (cells, top, bottom)) in split.into_iter().enumerate() {
                let text = cells.join("\t");
                let top = if top.is_nan() {
                    t.ys.get(band).copied().unwrap_or(0.0)
                } else {
                    top
                };
                items.push(Item {
                    text,
                    top,
                    left: t.xs.first().copied().unwrap_or(0.0),
                    right: t.xs.last().copied().unwrap_or(0.0),
                    size: 0.0,
                    y: bottom,
                    row: Some((ti, row_no)),
                    cells,
                    cols: cols.clone(),
                    first_word: 0.0,
                    first_bold: false,
                    last_bold: false,
                    bold: false,
                    edge: 0.0,
                    ruled_top: k == 0 && !(band == 0 && t.open_top),
                    ruled_bottom: k + 1 == nrows && !(last_band && t.open_bottom),
                });
                row_no += 1;
            }
        }
    }
    items.sort_by(|a, b| b.top.total_cmp(&a.top).then(a.left.total_cmp(&b.left)));
    items
}

/// Split one ruled band of a table into rows. Tables often draw no rule
/// between rows, so rows come from the text: in each column, a block is a
/// run of lines at normal line pitch; a row starts where blocks start in at
/// least two columns at once (a wrapped cell continues its block, and a
/// tall merged cell's block stays in the row where it began).
fn split_band(
    pieces: &[&(usize, usize, usize, usize, String)],
    lines: &[VLine],
    ncols: usize,
) -> Vec<(Vec<String>, f64, f64)> {
    let mut line_ids: Vec<usize> = pieces.iter().map(|p| p.3).collect();
    line_ids.sort_unstable();
    line_ids.dedup();
    let pos = |li: usize| line_ids.binary_search(&li).unwrap_or(0);
    let y_of = |li: usize| lines.get(li).map(|l| l.y).unwrap_or(0.0);
    let size_of = |li: usize| lines.get(li).map(|l| l.size).unwrap_or(12.0);
    let col_positions = |c: usize| {
        let mut ps: Vec<usize> = pieces
            .iter()
            .filter(|p| p.2 == c)
            .map(|p| pos(p.3))
            .collect();
        ps.sort_unstable();
        ps.dedup();
        ps
    };
    // The band's line pitch: the closest two lines of one cell. Fonts with
    // tall ascenders (Garuda, Chromium's line-height: normal) set lines
    // 2.1 em apart, past the 1.9 em that suits most.
    let pitch = (0..ncols)
        .flat_map(|c| {
            let ps = col_positions(c);
            ps.windows(2)
                .map(|w| y_of(line_ids[w[0]]) - y_of(line_ids[w[1]]))
                .collect::<Vec<f64>>()
        })
        .filter(|g| *g > 0.0)
        .fold(f64::INFINITY, f64::min);
    // Per column: the line positions with text, and block starts.
    let mut starts_at = vec![0usize; line_ids.len()];
    let mut block_start: Vec<Vec<(usize, usize)>> = vec![Vec::new(); ncols]; // (line pos, block start pos)
    for (c, col_blocks) in block_start.iter_mut().enumerate() {
        let ps = col_positions(c);
        let mut start = usize::MAX;
        let mut prev: Option<usize> = None;
        for p in ps {
            // At line pitch (not only the next visual line: cells centred
            // vertically put other cells' lines between a cell's own).
            let adjacent = prev.is_some_and(|q| {
                let (a, b) = (line_ids[q], line_ids[p]);
                let size = size_of(a).max(size_of(b));
                let gap = y_of(a) - y_of(b);
                gap <= 1.9 * size || (pitch.is_finite() && gap <= 1.3 * pitch && gap <= 2.6 * size)
            });
            if !adjacent {
                start = p;
                starts_at[p] += 1;
            }
            col_blocks.push((p, start));
            prev = Some(p);
        }
    }
    if std::env::var_os("THAIPLAN_PDF_SEGS").is_some() {
        eprintln!("starts_at {:?}", starts_at);
        for (c, b) in block_start.iter().enumerate() {
            eprintln!("  col {c}: {:?}", b);
        }
    }
    let mut row_starts: Vec<usize> = vec![0];
    for (p, n) in starts_at.iter().enumerate().skip(1) {
        if *n >= 2 {
            row_starts.push(p);
        }
    }
    // One block per column, all centred on the same height: one row with
    // its cells centred vertically (a browser's vertical-align: middle),
    // not rows starting where the shorter cells start.
    let centres: Vec<(f64, f64)> = block_start
        .iter()
        .filter_map(|b| {
            let (first, last) = (b.first()?, b.last()?);
            if first.1 != last.1 {
                return None; // two blocks: flagged below
            }
            let (a, z) = (line_ids[first.0], line_ids[last.0]);
            Some(((y_of(a) + y_of(z)) / 2.0, size_of(a)))
        })
        .collect();
    let one_block_each = block_start
        .iter()
        .all(|b| b.first().map(|f| f.1) == b.last().map(|l| l.1));
    if row_starts.len() > 1 && one_block_each && centres.len() >= 2 {
        let lo = centres.iter().map(|c| c.0).fold(f64::INFINITY, f64::min);
        let hi = centres
            .iter()
            .map(|c| c.0)
            .fold(f64::NEG_INFINITY, f64::max);
        let size = centres.iter().map(|c| c.1).fold(0.0, f64::max);
        if hi - lo <= 0.75 * size {
            row_starts.truncate(1);
        }
    }
    let row_of = |p: usize| row_starts.iter().rposition(|s| *s <= p).unwrap_or(0);
    let mut rows: Vec<Vec<Vec<String>>> = vec![vec![Vec::new(); ncols]; row_starts.len()];
    let mut sorted: Vec<&&(usize, usize, usize, usize, String)> = pieces.iter().collect();
    sorted.sort_by_key(|p| (p.3, p.2));
    for p in sorted {
        let lp = pos(p.3);
        let start = block_start
            .get(p.2)
            .and_then(|v| v.iter().find(|(l, _)| *l == lp))
            .map(|(_, s)| *s)
            .unwrap_or(lp);
        if let Some(cell) = rows.get_mut(row_of(start)).and_then(|r| r.get_mut(p.2)) {
            cell.push(p.4.clone());
        }
    }
    rows.into_iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
        .map(|(i, r)| {
            let first = line_ids.get(row_starts[i]).copied().unwrap_or(0);
            let last_pos = row_starts
                .get(i + 1)
                .map(|n| n.saturating_sub(1))
                .unwrap_or(line_ids.len().saturating_sub(1));
            let last = line_ids.get(last_pos).copied().unwrap_or(first);
            let top = y_of(first) + 0.8 * size_of(first);
            let cells = r
                .iter()
                .map(|c| join_wrapped(c).trim().to_string())
                .collect();
            (cells, top, y_of(last))
        })
        .collect()
}

/// A piece of a visual line between wide gaps: (start x, end x, text).
type Segment = (f64, f64, String);

/// Split a line at gaps wider than 1.5 em: (start, end, text) per piece.
fn wide_gap_segments(clusters: &[&Cluster]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut cur: Vec<&Cluster> = Vec::new();
    let mut last_end: Option<f64> = None;
    for c in clusters {
        if c.is_space() {
            cur.push(c);
            continue;
        }
        if let Some(e) = last_end {
            if c.x - e > 1.5 * c.size {
                out.push(segment(&cur, e));
                cur.clear();
            }
        }
        cur.push(c);
        last_end = Some(c.ext.max(c.right()));
    }
    if let Some(e) = last_end {
        out.push(segment(&cur, e));
    }
    out
}

/// A piece from its clusters: it starts at its first non-space cluster.
fn segment(cur: &[&Cluster], end: f64) -> Segment {
    let start = cur
        .iter()
        .find(|k| !k.is_space())
        .map(|k| k.x)
        .unwrap_or(0.0);
    (start, end, run_text(cur).trim().to_string())
}

/// Tables drawn without rulings: at least three consecutive lines that each
/// split into three or more pieces at wide gaps, with piece edges (left or
/// right, for numbers) aligned from line to line, become TAB rows.
fn borderless_tables(items: &mut [Item], lines: &[(usize, Vec<Segment>)]) {
    let aligned = |a: &[(f64, f64, String)], b: &[(f64, f64, String)], size: f64| {
        let tol = 0.6 * size;
        let hits = b
            .iter()
            .filter(|(s, e, _)| {
                a.iter()
                    .any(|(s2, e2, _)| (s - s2).abs() < tol || (e - e2).abs() < tol)
            })
            .count();
        hits >= 3.min(b.len())
    };
    let mut i = 0;
    let mut table_no = 1000;
    while i < lines.len() {
        let mut j = i;
        while j + 1 < lines.len() {
            let (ia, a) = &lines[j];
            let (ib, b) = &lines[j + 1];
            let (Some(pa), Some(pb)) = (items.get(*ia), items.get(*ib)) else {
                break;
            };
            let size = pa.size.max(pb.size);
            if a.len() >= 3 && b.len() >= 3 && pa.y - pb.y < 2.6 * size && aligned(a, b, size) {
                j += 1;
            } else {
                break;
            }
        }
        if j >= i + 2 {
            for (r, (idx, segs)) in lines[i..=j].iter().enumerate() {
                if let Some(it) = items.get_mut(*idx) {
                    it.cells = segs.iter().map(|(_, _, t)| t.clone()).collect();
                    it.cols = segs.iter().map(|(s, _, _)| *s).collect();
                    it.text = it.cells.join("\t");
                    it.row = Some((table_no, r));
                }
            }
            table_no += 1;
            i = j + 1;
        } else {
            i += 1;
        }
    }
}
