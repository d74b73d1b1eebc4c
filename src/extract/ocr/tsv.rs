//! Lines rebuilt from tesseract's TSV word boxes: word spaces, cells,
//! ruled-table rows and paragraphs.

use super::digits;
use super::grid::Grid;
use super::run::TXT_SEP;
use crate::model::{LineHints, RawLine};

/// A gap wider than this many line heights is a space (measured on the
/// corpus scans: gaps inside Thai words run up to ~0.4 of the height).
const SPACE_GAP: f64 = 0.5;
#[derive(Debug, Clone)]
struct Word {
    /// From tesseract's plain text: whether a space precedes this word
    /// (None when the text line could not be matched).
    space_before: Option<bool>,
    left: i64,
    top: i64,
    width: i64,
    height: i64,
    text: String,
    /// tesseract's word confidence (0-100, negative when it gave none); a
    /// word the digit re-reader replaced carries the classifier's.
    conf: f64,
}

/// Rebuild lines (TAB-joined cells) and the mean word confidence from
/// tesseract TSV (level 5 rows are words; block/par/line number them).
pub fn lines_from_tsv(tsv: &str, page: u32) -> (Vec<RawLine>, Option<f64>) {
    lines_from_tsv_grid(tsv, page, None)
}

/// As [`lines_from_tsv`], with the ruled-table grid of the page image: the
/// visual lines inside one ruled row become ONE line whose cells are the
/// columns between vertical rules (wrapped cell text joined with a space),
/// which is the line format of the text corpus.
pub fn lines_from_tsv_grid(
    tsv: &str,
    page: u32,
    grid: Option<&Grid>,
) -> (Vec<RawLine>, Option<f64>) {
    lines_from_tsv_page(tsv, page, grid, None)
}

/// A grey page image (one byte a pixel, row-major).
pub struct PageImage<'a> {
    pub w: usize,
    pub h: usize,
    pub px: &'a [u8],
}

/// As [`lines_from_tsv_grid`], with the page image: number words are
/// re-read from it by [`super::digits`].
pub fn lines_from_tsv_page(
    tsv: &str,
    page: u32,
    grid: Option<&Grid>,
    img: Option<&PageImage>,
) -> (Vec<RawLine>, Option<f64>) {
    let (tsv, txt) = match tsv.split_once(TXT_SEP) {
        Some((a, b)) => (a, Some(b)),
        None => (tsv, None),
    };
    let mut groups: Vec<((u32, u32, u32), Vec<Word>)> = Vec::new();
    let (mut conf_sum, mut conf_n) = (0.0, 0usize);
    let mut page_h: Option<i64> = None;
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.first() == Some(&"1") {
            page_h = f.get(9).and_then(|s| s.trim().parse::<i64>().ok());
        }
        if f.len() < 12 || f.first() != Some(&"5") {
            continue;
        }
        let num = |i: usize| {
            f.get(i)
                .and_then(|s| s.trim().parse::<i64>().ok())
                .unwrap_or(0)
        };
        let text = f[11..].join("\t").trim().to_string();
        if text.is_empty() {
            continue;
        }
        let conf = f
            .get(10)
            .and_then(|s| s.trim().parse::<f64>().ok())
            .unwrap_or(-1.0);
        if conf >= 0.0 {
            conf_sum += conf;
            conf_n += 1;
        }
        let key = (num(2) as u32, num(3) as u32, num(4) as u32);
        let w = Word {
            space_before: None,
            left: num(6),
            top: num(7),
            width: num(8),
            height: num(9),
            text,
            conf,
        };
        match groups.last_mut() {
            Some((k, ws)) if *k == key => ws.push(w),
            _ => groups.push((key, vec![w])),
        }
    }
    let mut visual: Vec<Vec<Word>> = groups.into_iter().map(|(_, ws)| ws).collect();
    if let Some(txt) = txt {
        apply_text_spaces(&mut visual, txt);
    }
    if let Some(img) = img {
        for ws in visual.iter_mut() {
            mark_bullet(ws, img);
            // The column rules of a ruled table around this line: a word
            // right after one opens a cell.
            let rules: &[i64] = match grid {
                Some(g) if g.hs.len() >= 2 && g.vs.len() >= 3 => {
                    let mut ys: Vec<i64> = ws.iter().map(|w| w.top + w.height / 2).collect();
                    ys.sort_unstable();
                    let yc = ys.get(ys.len() / 2).copied().unwrap_or(0);
                    let (top, bottom) = (g.hs[0], g.hs[g.hs.len() - 1]);
                    if yc > top && yc < bottom {
                        &g.vs
                    } else {
                        &[]
                    }
                }
                _ => &[],
            };
            flat_dashes(ws, img);
            reread_numbers(ws, img, rules);
            fill_number_gaps(ws, img);
        }
    }
    for ws in visual.iter_mut() {
        en_dashes(ws);
    }
    let page_h = img.map(|i| i.h as i64).or(page_h);
    drop_page_numbers(&mut visual, page_h, grid);
    let texts = match grid {
        Some(g) if g.hs.len() >= 2 && g.vs.len() >= 3 => grid_lines(visual, g, img),
        _ => visual
            .iter()
            .map(|ws| (join_words(ws), geom(ws), min_conf(ws)))
            .collect(),
    };
    let lines = paragraphs(texts)
        .into_iter()
        .map(|(t, conf)| (era_marker(&t), conf))
        .filter_map(|(text, conf)| {
            (!text.trim().is_empty()).then_some(RawLine {
                text,
                page: Some(page),
                hints: LineHints {
                    bold: false,
                    ocr: true,
                    conf: conf.map(|c| c.round().clamp(0.0, 100.0) as u8),
                },
            })
        })
        .collect();
    let confidence = (conf_n > 0).then(|| (conf_sum / conf_n as f64 * 100.0).round() / 100.0);
    (lines, confidence)
}
/// Merge visual lines inside ruled rows into one line of cells. Lines
/// outside the table (above, below, or without rules around them) stay.
fn grid_lines(lines: Vec<Vec<Word>>, g: &Grid, img: Option<&PageImage>) -> Vec<Line> {
    let (top, bottom) = (g.hs[0], g.hs[g.hs.len() - 1]);
    let (left, right) = (g.vs[0], g.vs[g.vs.len() - 1]);
    // The columns of ruled row `band` (between hs[band-1] and hs[band]):
    // the vertical rules crossing it, so that a page holding two tables
    // with other column positions splits each row by its own table.
    let band_vs = |band: usize| -> Vec<i64> {
        match (g.hs.get(band.wrapping_sub(1)), g.hs.get(band)) {
            (Some(&y0), Some(&y1)) => g.vs_across(y0, y1),
            _ => g.vs.clone(),
        }
    };
    let mut out: Vec<Line> = Vec::new();
    // The row being assembled: (band, its vertical rules, cells as
    // per-visual-line fragments, the lowest word confidence in it).
    type Row = (usize, Vec<i64>, Vec<Vec<String>>, Option<f64>);
    let mut cur: Option<Row> = None;
    let flush = |cur: &mut Option<Row>, out: &mut Vec<Line>| {
        if let Some((band, vs, cells, conf)) = cur.take() {
            let mut row: Vec<String> = cells
                .into_iter()
                .map(|frags| number_cell(grouped_number(frags.join(" ").trim())))
                .collect();
            // A lone "-" (a zero budget) is a blob tesseract often drops:
            // an empty cell of a row with text is looked at on the image.
            if let (Some(img), Some(&y0), Some(&y1)) =
                (img, g.hs.get(band.wrapping_sub(1)), g.hs.get(band))
            {
                if row.iter().any(|c| !c.trim().is_empty()) {
                    for (i, c) in row.iter_mut().enumerate() {
                        // A lone dash read as another flat glyph (":", "=",
                        // "_": Garuda 000, 14 cells) is looked at the same way.
                        let blank = c.is_empty() || DASH_LIKE.contains(&c.trim());
                        if let (true, Some(&x0), Some(&x1)) = (blank, vs.get(i), vs.get(i + 1)) {
                            if dash_cell(img, x0, y0, x1, y1) {
                                *c = "-".to_string();
                            }
                        }
                    }
                }
            }
            if row.iter().any(|c| !c.trim().is_empty()) {
                out.push((row.join("\t"), None, conf));
            }
        }
    };
    for ws in lines {
        let mut ys: Vec<i64> = ws.iter().map(|w| w.top + w.height / 2).collect();
        ys.sort_unstable();
        let yc = ys.get(ys.len() / 2).copied().unwrap_or(0);
        let xmin = ws.iter().map(|w| w.left).min().unwrap_or(0);
        let inside = yc > top && yc < bottom && xmin >= left - 20;
        if !inside {
            flush(&mut cur, &mut out);
            out.push((join_words(&ws), geom(&ws), min_conf(&ws)));
            continue;
        }
        let band = g.hs.iter().filter(|&&y| y < yc).count();
        if cur.as_ref().is_some_and(|(b, ..)| *b != band) {
            flush(&mut cur, &mut out);
        }
        let row = cur.get_or_insert_with(|| {
            let vs = band_vs(band);
            let n = vs.len().saturating_sub(1).max(1);
            (band, vs, vec![Vec::new(); n], None)
        });
        row.3 = lower(row.3, min_conf(&ws));
        let vs = &row.1;
        let ncols = row.2.len();
        // Words of this visual line, per column, joined by their gaps.
        let mut per_col: Vec<Vec<Word>> = vec![Vec::new(); ncols];
        for mut w in ws {
            if let Some(img) = img {
                if !strip_rule_ink(&mut w, img) {
                    continue;
                }
            }
            let xc = w.left + w.width / 2;
            if xc < left || xc > right {
                continue;
            }
            let col = vs
                .iter()
                .filter(|&&x| x < xc)
                .count()
                .saturating_sub(1)
                .min(ncols - 1);
            if let Some(c) = per_col.get_mut(col) {
                c.push(w);
            }
        }
        let cells = &mut row.2;
        for (i, c) in per_col.iter().enumerate() {
            let t = join_words(c).replace('\t', " ");
            if !t.trim().is_empty() {
                if let Some(cell) = cells.get_mut(i) {
                    cell.push(t);
                }
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// What tesseract reads a lone dash in a ruled cell as, besides "-".
const DASH_LIKE: &[&str] = &[":", "=", "_", "~", "—", "–", "-=", "=-", "--", "."];

/// Glyphs tesseract reads a stretch of a vertical table rule as (seen on
/// the Garuda 000 scan: "]", "|", "ไ", "ใ", "1" beside or glued to the
/// amounts of a ruled row: "จำนวน ]ใ20,000 บาท", "1 20,000").
const RULE_GLYPHS: &[char] = &[
    '|', ']', '[', 'ไ', 'ใ', '1', 'l', 'I', '!', '(', ')', 'j', '/',
];

/// A word boxed as a thin flat bar is dashes, whatever tesseract read
/// ("fe", "ae", "==", "=" for the "- -" of a Kinnari budget cell, boxed
/// 38 x 3 px in a 27 px line): one "-" for each bar of ink in its box. A
/// bar longer than the line is high is a rule or a blank to fill in, and
/// the word stays as read.
fn flat_dashes(ws: &mut Vec<Word>, img: &PageImage) {
    let mut hs: Vec<i64> = ws.iter().map(|w| w.height).filter(|&h| h > 0).collect();
    hs.sort_unstable();
    // The upper quartile: a cell of dashes may hold more flat boxes than
    // glyphs.
    let Some(&line_h) = hs.get(hs.len() * 3 / 4) else {
        return;
    };
    // Only among amounts: a line with a number or a dash read as such
    // (a flat speck in a prose cell of 002 became a "-").
    let amounts = ws.iter().any(|w| {
        digits::is_number_word(&w.text) || (!w.text.is_empty() && w.text.chars().all(|c| c == '-'))
    });
    if !amounts {
        return;
    }
    let mut k = 0;
    while k < ws.len() {
        let w = &ws[k];
        // Not Thai letters: a mark above or below a letter is boxed flat
        // too. A digit is never flat (Norasi's "-" cells read "๓", "2",
        // boxed 10 x 3 px).
        let thai = w
            .text
            .chars()
            .any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c) && !digits::is_thai_digit(c));
        let flat = w.height > 0 && 5 * w.height <= line_h && w.width >= 2 * w.height;
        // A lone "-" is read right; a glued "--" is counted from the image (Umpush
        // "-- ๒๐,๐๐๐ -" for "- - ๒๐,๐๐๐ -" in every year cell of a row).
        if !flat || thai || w.text == "-" {
            k += 1;
            continue;
        }
        let (y0, y1) = (w.top - 1, w.top + w.height + 1);
        // Runs of inked columns, a gap of 3 px or more between bars.
        let mut bars: Vec<(i64, i64)> = Vec::new();
        for x in w.left..w.left + w.width {
            if !column_inked(img, x, y0, y1) {
                continue;
            }
            match bars.last_mut() {
                Some((_, z)) if x - *z <= 3 => *z = x + 1,
                _ => bars.push((x, x + 1)),
            }
        }
        bars.retain(|&(a, z)| z - a >= 3);
        // A run of many bars is a dashed rule (a table header of 004 read
        // "Pe" over seven), not a cell's dashes.
        if bars.is_empty() || bars.len() > 3 || bars.iter().any(|&(a, z)| z - a > line_h) {
            k += 1;
            continue;
        }
        let proto = w.clone();
        let n = bars.len();
        let dashes: Vec<Word> = bars
            .into_iter()
            .enumerate()
            .map(|(b, (a, z))| Word {
                space_before: if b == 0 {
                    proto.space_before
                } else {
                    Some(true)
                },
                left: a,
                width: z - a,
                text: "-".to_string(),
                ..proto.clone()
            })
            .collect();
        ws.splice(k..k + 1, dashes);
        k += n;
    }
}

/// Glyphs tesseract reads the tall left stroke of a digit as when it boxes
/// it apart (Umpush and Kinnari ๒ at 200 dpi: "ใ๒๐,๐๐๐", "]ไ๒๐,๐๐๐",
/// not its tone marks: those are boxed over digits by mistake too).
const DIGIT_PIECES: &[char] = &['ใ', 'ไ', '|', ']', '[', '(', '!', 'l', 'I'];

/// Whether pixel column `x` holds any ink in `y0..y1` (clipped to the page).
fn column_inked(img: &PageImage, x: i64, y0: i64, y1: i64) -> bool {
    x >= 0
        && (x as usize) < img.w
        && (y0.max(0)..y1.min(img.h as i64)).any(|y| img.px[y as usize * img.w + x as usize] < 160)
}

/// Whether a rule runs within 2 px of column `x` over `y0..y1`: dark there
/// on 9 rows of 10. Looser than [`rule_column`] (one column, 19 of 20),
/// which a thin light rule fails (93% dark in its darkest column, Umpush
/// 000); used only where the word's own ink is accounted for besides.
fn rule_near(img: &PageImage, x: i64, y0: i64, y1: i64) -> bool {
    let (y0, y1) = (y0.max(0), y1.min(img.h as i64));
    let rows = (y0..y1)
        .filter(|&y| (x - 2..=x + 2).any(|c| column_inked(img, c, y, y + 1)))
        .count() as i64;
    10 * rows >= 9 * (y1 - y0)
}

/// Whether pixel column `x` is dark over nearly all of `y0..y1`: a rule
/// (a glyph is never as tall as its line height above and below it).
fn rule_column(img: &PageImage, x: i64, y0: i64, y1: i64) -> bool {
    let (y0, y1) = (y0.max(0) as usize, (y1.max(0) as usize).min(img.h));
    if x < 0 || x as usize >= img.w || y1 <= y0 + 8 {
        return false;
    }
    let x = x as usize;
    let dark = (y0..y1)
        // 160: a thin rule, blurred and JPEG'd, reads 108-150 on the
        // Garuda 000 scan.
        .filter(|&y| img.px.get(y * img.w + x).is_some_and(|&v| v < 160))
        .count();
    20 * dark >= 19 * (y1 - y0)
}

/// A word of a ruled row that is a piece of a vertical rule, or starts or
/// ends with one: the image shows a dark column under the glyph running a
/// line height above and below the word. The whole word is dropped (false)
/// when it is only rule glyphs, else the rule glyph at its edge is cut off.
/// Text is never touched where the image shows no rule.
fn strip_rule_ink(w: &mut Word, img: &PageImage) -> bool {
    let chars: Vec<char> = w.text.chars().collect();
    let (Some(&first), Some(&last)) = (chars.first(), chars.last()) else {
        return true;
    };
    let (y0, y1) = (w.top - w.height, w.top + 2 * w.height);
    let ruled = |xa: i64, xb: i64| (xa..xb).any(|x| rule_column(img, x, y0, y1));
    // tesseract's box of a rule glyph lies up to ~5 px beside the rule.
    const NEAR: i64 = 6;
    if chars.iter().all(|c| RULE_GLYPHS.contains(c)) && chars.len() <= 2 {
        return !ruled(w.left - NEAR, w.left + w.width + NEAR);
    }
    // A glyph at the edge: the rule within the first (last) few pixels.
    let edge = (w.height / 3).clamp(3, 12);
    if RULE_GLYPHS.contains(&first) && ruled(w.left - NEAR, w.left + edge) {
        w.text = chars[1..].iter().collect();
        w.left += edge;
        w.width -= edge;
    } else if RULE_GLYPHS.contains(&last) && ruled(w.left + w.width - edge, w.left + w.width + NEAR)
    {
        w.text = chars[..chars.len() - 1].iter().collect();
        w.width -= edge;
    }
    !w.text.trim().is_empty()
}

/// Whether a ruled cell (between rules x0..x1, y0..y1) holds only a dash:
/// its ink, less specks and whatever touches the cell's edge (rules drift
/// a few pixels across a slightly rotated page), is one flat solid bar
/// (measured at 150 dpi on TLWG faces: 7-14 px wide, 1-3 px tall).
fn dash_cell(img: &PageImage, x0: i64, y0: i64, x1: i64, y1: i64) -> bool {
    let dark = |x: usize, y: usize| img.px.get(y * img.w + x).is_some_and(|&v| v < 128);
    // Both sides ruled along this row (a dark pixel near the rule on all
    // but a few pixel rows): not a stretch of a merged cell, whose text
    // line leaves blank rows above and below it (004's caption row).
    let (ya, yb) = (
        (y0 + 3).max(0) as usize,
        ((y1 - 3).max(0) as usize).min(img.h),
    );
    let ruled = |x: i64| {
        let (xa, xb) = (
            (x - 6).max(0) as usize,
            ((x + 7).max(0) as usize).min(img.w),
        );
        20 * (ya..yb).filter(|&y| (xa..xb).any(|x| dark(x, y))).count()
            >= 19 * yb.saturating_sub(ya)
    };
    if yb <= ya + 8 || !ruled(x0) || !ruled(x1) {
        return false;
    }
    let (x0, x1) = (
        (x0 + 2).max(0) as usize,
        ((x1 - 2).max(0) as usize).min(img.w),
    );
    let (y0, y1) = (
        (y0 + 2).max(0) as usize,
        ((y1 - 2).max(0) as usize).min(img.h),
    );
    if x1 <= x0 + 8 || y1 <= y0 + 8 {
        return false;
    }
    let (w, h) = (x1 - x0, y1 - y0);
    let mut seen = vec![false; w * h];
    let mut bars = 0;
    let mut other = false;
    for sy in 0..h {
        for sx in 0..w {
            if seen[sy * w + sx] || !dark(x0 + sx, y0 + sy) {
                continue;
            }
            // One component: its box, size, and whether it meets the edge.
            let (mut bx0, mut by0, mut bx1, mut by1, mut n) = (sx, sy, sx, sy, 0usize);
            let mut edge = false;
            let mut stack = vec![(sx, sy)];
            seen[sy * w + sx] = true;
            while let Some((x, y)) = stack.pop() {
                n += 1;
                (bx0, by0, bx1, by1) = (bx0.min(x), by0.min(y), bx1.max(x), by1.max(y));
                edge |= x == 0 || y == 0 || x + 1 == w || y + 1 == h;
                for (dx, dy) in [
                    (-1i64, 0i64),
                    (1, 0),
                    (0, -1),
                    (0, 1),
                    (-1, -1),
                    (1, 1),
                    (-1, 1),
                    (1, -1),
                ] {
                    let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                    if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                        continue;
                    }
                    let (nx, ny) = (nx as usize, ny as usize);
                    if !seen[ny * w + nx] && dark(x0 + nx, y0 + ny) {
                        seen[ny * w + nx] = true;
                        stack.push((nx, ny));
                    }
                }
            }
            if edge || n <= 2 {
                continue;
            }
            let (cw, ch) = (bx1 + 1 - bx0, by1 + 1 - by0);
            // Sizes measured at 150 dpi; a page rendered finer (its own ppi,
            // up to 300) scales them by its long side against A4's 1754 px.
            let k = (img.w.max(img.h) as f64 / 1754.0).max(1.0);
            let (wmin, wmax, hmax) = (
                (5.0 * k).round() as usize,
                (30.0 * k).round() as usize,
                (5.0 * k).round() as usize,
            );
            if (wmin..=wmax).contains(&cw) && ch <= hmax && cw >= 2 * ch && 2 * n >= cw * ch {
                bars += 1;
            } else {
                other = true;
            }
        }
    }
    bars == 1 && !other
}

/// A grouped number broken by OCR: a comma read as ")" ("20)000") or a
/// space inside the number that leaves a group with a leading zero
/// ("2 0,000", "12 0,000"): neither is a number as written, so the repair
/// cannot change a well-formed one.
fn grouped_number(s: &str) -> String {
    static RE: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(^|[^\d,.)])(\d{1,2}) (0[,)]\d{3})([^\d]|$)").ok()
    });
    // Not `\b` after the group: Thai letters are word characters ("000บาท").
    static PAREN: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(^|[^\d.])(\d{1,3})\)(\d{3})([^\d]|$)").ok()
    });
    let mut t = s.to_string();
    if let Some(re) = RE.as_ref() {
        t = re.replace_all(&t, "${1}${2}${3}${4}").into_owned();
    }
    if let Some(re) = PAREN.as_ref() {
        // Twice: "1)000)000" has overlapping matches.
        for _ in 0..2 {
            t = re.replace_all(&t, "${1}${2},${3}${4}").into_owned();
        }
    }
    t
}

/// How far (in glyph heights) the strip a number is read from reaches
/// beyond tesseract's word boxes: they often cut or drop the first or last
/// Thai digit (measured on the shared scans: boxes 1 px wide, a last digit
/// with no box). The reader widens over digits only, stopping at a letter.
const STRIP_REACH: i64 = 2;
/// How far a strip is widened when the number runs on past its edge.
const STRIP_WIDEN: i64 = 4;

/// Thai digits at the end of a word that starts with letters ("พ.ศ.๒๕๖๘"
/// read as one word): the digits' part of the word.
fn glued_digits(t: &str) -> Option<usize> {
    let tail = t
        .chars()
        .rev()
        .take_while(|c| digits::is_thai_digit(*c))
        .count();
    let n = t.chars().count();
    (tail > 0 && tail < n && !digits::is_number_word(t)).then_some(tail)
}

/// The words an ordinal follows at the end of a line (§4.4), as OCR spells
/// them too (the tone mark lost).
const ORDINAL_CUES: &[&str] = &["ลำดับที่", "ลำดับที", "ลําดับที่", "ลําดับที"];

/// 1-3 Latin letters (or « » < > & @ % $) and a dot: how tesseract's
/// English model reads a Thai item number "๓." / "๓๗." it does not know
/// (Garuda's ๕. and ๘. came out as "&." and "@."). Not "®." for ๑.: tried,
/// Garuda 003 at 150 dpi then misnumbered its blocks (0.551 -> 0.470).
fn latin_item_number(t: &str) -> bool {
    // The dot may come back a comma (Garuda "ov," for "๘.").
    let Some(body) = t.strip_suffix('.').or_else(|| t.strip_suffix(',')) else {
        return false;
    };
    let n = body.chars().count();
    (1..=3).contains(&n)
        && body.chars().all(|c| {
            c.is_ascii_alphabetic() || matches!(c, '«' | '»' | '<' | '>' | '&' | '@' | '%' | '$')
        })
}

/// How near the page's top or bottom edge (a share of its height) a page
/// number sits: the PDF path's 0.15 (extract/pdf remove_page_numbers).
const PAGE_NUMBER_EDGE: f64 = 0.15;

/// Drop the page number: the topmost or bottommost line when it is only a
/// page number ([`crate::extract::is_page_number`]) near the page's edge and
/// outside the ruled table. Kept, it joined the text of whatever field ran
/// across the page break ("สำนักปลัด … 33", "59 พนักงาน…" on the Loma scan
/// of 000: 7 fields).
fn drop_page_numbers(visual: &mut Vec<Vec<Word>>, page_h: Option<i64>, grid: Option<&Grid>) {
    let Some(h) = page_h.filter(|&h| h > 0) else {
        return;
    };
    let top = |ws: &Vec<Word>| ws.iter().map(|w| w.top).min().unwrap_or(0);
    let bottom = |ws: &Vec<Word>| ws.iter().map(|w| w.top + w.height).max().unwrap_or(0);
    let in_table = |ws: &Vec<Word>| {
        grid.filter(|g| g.hs.len() >= 2)
            .is_some_and(|g| bottom(ws) > g.hs[0] && top(ws) < g.hs[g.hs.len() - 1])
    };
    let edge = (PAGE_NUMBER_EDGE * h as f64) as i64;
    let mut drop = Vec::new();
    let first = (0..visual.len()).min_by_key(|&i| top(&visual[i]));
    let last = (0..visual.len()).max_by_key(|&i| bottom(&visual[i]));
    for (i, near) in [(first, true), (last, false)] {
        let Some(i) = i else { continue };
        let ws = &visual[i];
        let at_edge = if near {
            bottom(ws) < edge
        } else {
            top(ws) > h - edge
        };
        let text: String = ws
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if at_edge
            && ws.len() <= 3
            && !in_table(ws)
            && crate::extract::is_page_number(&text)
            && !drop.contains(&i)
        {
            drop.push(i);
        }
    }
    drop.sort_unstable();
    for i in drop.into_iter().rev() {
        visual.remove(i);
    }
}

/// A dash word whose length (box width less its thickness) is at least
/// EN_DASH_WIDTH of the digit pitch of the number beside it is an en dash
/// ("๒๕๖๖ – ๒๕๗๐", which Word types for " - "); a shorter one a hyphen.
/// tesseract writes both as "-". Ink widths over a digit's at 60 px
/// (Garuda, Kinnari, Laksaman, Loma, Norasi, Umpush, Waree, Sarabun):
/// hyphen 0.43-0.51 of a Thai digit, en dash 0.76-1.26. On scans blur
/// widens a short dash by a few pixels, about its own thickness, which is
/// why the thickness is taken off: measured (width - height) / pitch, Loma
/// at 200 dpi hyphens 0.31-0.35, en dashes 0.81-0.88; at 150 dpi Loma,
/// Norasi, Waree hyphens 0.34-0.43, en dashes 0.61-0.69 (width / pitch
/// alone: hyphens up to 0.65, en dashes from 0.83 - too close).
/// Typewriter and handwriting faces (TlwgMono, Purisa, Sawasdee) draw both
/// alike or the hyphen longer; official documents are not set in them.
pub(super) const EN_DASH_WIDTH: f64 = 0.5;
/// An em dash is about two digits long; tesseract's "—" is kept only there.
const EM_DASH_WIDTH: f64 = 1.5;

/// Tell en dashes from hyphens between numbers by their box width against
/// the digit pitch of the number words beside them.
fn en_dashes(ws: &mut [Word]) {
    let pitch = |w: &Word| {
        let n = w
            .text
            .chars()
            .filter(|c| c.is_ascii_digit() || digits::is_thai_digit(*c))
            .count();
        // Digits only (a comma or a dot is narrower than a digit).
        (n >= 2 && n == w.text.chars().count() && w.width > 0).then(|| w.width as f64 / n as f64)
    };
    for i in 0..ws.len() {
        // tesseract reads a short thin dash as "=" (Kinnari budget cells
        // "- = = = -", boxed 10 x 3 px at 200 dpi); an equals sign's two
        // bars make its box at least half as tall as wide, so a box three
        // times as wide as tall is one bar.
        if ws[i].text == "=" && ws[i].height > 0 && 3 * ws[i].height <= ws[i].width {
            ws[i].text = "-".to_string();
        }
        if !matches!(ws[i].text.as_str(), "-" | "–" | "—") || ws[i].width <= 0 {
            continue;
        }
        let near = |w: &Word| {
            let gap = if w.left > ws[i].left {
                w.left - (ws[i].left + ws[i].width)
            } else {
                ws[i].left - (w.left + w.width)
            };
            gap <= 2 * w.height.max(ws[i].height)
        };
        let mut ps: Vec<f64> = Vec::new();
        for k in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
            if let Some(w) = ws.get(k).filter(|w| near(w)) {
                ps.extend(pitch(w));
            }
        }
        if ps.is_empty() {
            continue;
        }
        let p = ps.iter().sum::<f64>() / ps.len() as f64;
        let r = (ws[i].width - ws[i].height.min(ws[i].width)) as f64 / p;
        let dash = if r < EN_DASH_WIDTH {
            "-"
        } else if r >= EM_DASH_WIDTH && ws[i].text == "—" {
            "—"
        } else {
            "–"
        };
        ws[i].text = dash.to_string();
    }
}

/// A list marker or code tesseract read (partly) as letters: `B.`, `B)`,
/// `(B)` with a body B of 1-3 characters ("ฒ." for "๗.", "อ)" for "๖)",
/// "ev)" for "๗)", "4«)" for "๔)", "(a)" for "(๒)"), or a dotted code
/// `B.B` of 3-5 characters ("ต.2", "a.m" for "๒.๓"). Returns the opening
/// and closing punctuation to keep around the digits read in its place.
/// A body of digits only is a marker only when its digits are Arabic
/// ("99)" for "๑๑)"): a Thai one is read as a number anyway. Whatever the
/// shape, the word is replaced only when the image reads every glyph as a
/// confident digit, so real lettered markers ("ก.", "ข)") stay.
fn marker_token(t: &str) -> Option<(&'static str, &'static str)> {
    let (open, rest) = match t.strip_prefix('(') {
        Some(r) => ("(", r),
        None => ("", t),
    };
    let (body, close) = if let Some(b) = rest.strip_suffix(')') {
        (b, ")")
    } else if let Some(b) = rest.strip_suffix('.').or_else(|| rest.strip_suffix(',')) {
        // The dot read as a comma ("ง," for "๖.", Garuda) closes it too.
        (b, ".")
    } else if open.is_empty() {
        // A dotted code with no closing punctuation.
        let (a, z) = rest.split_once('.')?;
        let short = |x: &str| (1..=2).contains(&x.chars().count());
        if !short(a) || !short(z) || z.contains('.') {
            return None;
        }
        (rest, "")
    } else {
        return None;
    };
    let n = body.chars().count();
    let ok_char = |c: char| {
        c.is_alphanumeric()
            || digits::is_thai_digit(c)
            || is_thai_mark(c)
            || matches!(c, '«' | '»' | '<' | '>' | '&' | '@' | '%' | '$' | '.')
    };
    // Two or more capital Latin letters are an acronym ("(ITA)", "CPI)"),
    // which the glyph prototypes (Thai letters, no Latin) cannot reject.
    if body.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
        && body.chars().all(|c| c.is_ascii_uppercase())
    {
        return None;
    }
    let dotted = body.contains('.');
    if n == 0 || n > if dotted { 5 } else { 3 } || !body.chars().all(ok_char) {
        return None;
    }
    if dotted && close == "." {
        return None;
    }
    let digit_only = body
        .chars()
        .all(|c| c.is_ascii_digit() || digits::is_thai_digit(c) || c == '.');
    if digit_only && body.chars().any(digits::is_thai_digit) {
        return None;
    }
    Some((open, close))
}

/// A list marker or code where one is written: opening the line or a cell
/// (after a gap of two line heights, or a column rule of the page's
/// ruled table between it and the word before), followed by Thai
/// text. tesseract gives a Thai line one word a glyph, so the marker is
/// the words up to the first space, or up to the first closing "." / ")"
/// when the text runs on glued. Returns its opening and closing
/// punctuation and the end of its words.
fn marker_group(
    ws: &[Word],
    i: usize,
    line_h: i64,
    rules: &[i64],
) -> Option<(&'static str, &'static str, usize)> {
    // Words of punctuation only before it are specks and rules read as
    // glyphs ("|", "')" before "9)"): the marker opens after them.
    let noise = |w: &Word| !w.text.chars().any(char::is_alphanumeric);
    let mut p = i;
    while p > 0 && noise(&ws[p - 1]) {
        p -= 1;
    }
    let opens = match p.checked_sub(1) {
        None => true,
        Some(k) => {
            let prev_right = ws[k].left + ws[k].width;
            ws[i].left - prev_right > 2 * line_h
                || rules
                    .iter()
                    .any(|&x| x > prev_right - 2 && x < ws[i].left + 2)
        }
    };
    let spaced = |k: usize| match ws[k].space_before {
        Some(s) => s,
        None => ws[k].left - (ws[k - 1].left + ws[k - 1].width) > line_h / 2,
    };
    // §3.3: a budget-table cell lists its projects run on, "… Policy 7)
    // มาตรการ…", so a "B)" after a word space opens one too (Loma's "ev)"
    // for ๗)). Only with ")" (a dot after a word is an abbreviation: พ.ศ.).
    let mid_line = !opens && p == i && i > 0 && spaced(i);
    if !opens && !mid_line {
        return None;
    }
    let thai_at = |k: usize| {
        ws.get(k)
            .and_then(|w| w.text.chars().next())
            .is_some_and(|c| ('\u{0E01}'..='\u{0E4F}').contains(&c))
    };
    let mut text = String::new();
    let mut closed: Option<usize> = None;
    let mut end = ws.len();
    for k in i..ws.len().min(i + 7) {
        if k > i && spaced(k) {
            end = k;
            break;
        }
        text.push_str(&ws[k].text);
        if closed.is_none() && (text.ends_with('.') || text.ends_with(')')) && k + 1 < ws.len() {
            closed = Some(k + 1);
        }
        if k + 1 == ws.len().min(i + 7) {
            end = k + 1;
        }
    }
    if std::env::var_os("THAIPLAN_DIGITS_DEBUG").is_some() {
        let t: Vec<String> = ws[i..end.min(i + 7)]
            .iter()
            .map(|w| format!("{}@{}+{}/{:?}", w.text, w.left, w.width, w.space_before))
            .collect();
        eprintln!("marker?: {t:?} end={end} closed={closed:?}");
    }
    let cands = [Some(end), closed];
    // In a ruled table a code may fill its cell: nothing, or another
    // cell, after it.
    let cell_end = |e: usize| {
        !rules.is_empty()
            && (e == ws.len()
                || rules
                    .iter()
                    .any(|&x| x > ws[e - 1].left + ws[e - 1].width - 2 && x < ws[e].left + 2))
    };
    cands.into_iter().flatten().find_map(|e| {
        if e > ws.len() || e - i > 6 || !(thai_at(e) || cell_end(e)) {
            return None;
        }
        let t: String = ws[i..e].iter().map(|w| w.text.as_str()).collect();
        marker_token(&t)
            .filter(|(o, c)| !mid_line || (o.is_empty() && *c == ")"))
            .map(|(o, c)| (o, c, e))
    })
}

/// Replace each run of number words (tesseract often gives one "word" per
/// Thai digit) by one word read from the image around their union box.
fn reread_numbers(ws: &mut Vec<Word>, img: &PageImage, rules: &[i64]) {
    let isd = |c: char| c.is_ascii_digit() || digits::is_thai_digit(c);
    let ndig = |t: &str| t.chars().filter(|c| isd(*c)).count();
    let numberish = |t: &str| {
        !t.is_empty()
            && t.chars()
                .all(|c| isd(c) || matches!(c, '.' | ',' | '-' | '/' | '(' | ')'))
    };
    // The line's glyph height and baseline: the median box and bottom
    // (most boxes are one x-height letter; tall boxes carry marks).
    let median = |mut v: Vec<i64>| {
        v.sort_unstable();
        v.get(v.len() / 2).copied()
    };
    // Boxes of base glyphs only: where tesseract boxes every character (Loma
    // and Garuda table cells), the marks above the letters (ั ิ ่ …) are half
    // the boxes, and their median (8 px at 200 dpi) made the strip of a
    // 22 px marker too short to read ("a.m" for "๒.๓").
    let base_glyph = |w: &Word| {
        w.text
            .chars()
            .any(|c| c.is_alphanumeric() && !is_thai_mark(c))
    };
    let line_h = median(
        ws.iter()
            .filter(|w| base_glyph(w))
            .map(|w| w.height)
            .filter(|&h| h > 0)
            .collect(),
    )
    .or_else(|| median(ws.iter().map(|w| w.height).filter(|&h| h > 0).collect()))
    .unwrap_or(20)
    .max(8);
    let line_base = median(
        ws.iter()
            .filter(|w| 10 * w.height <= 13 * line_h)
            .map(|w| w.top + w.height)
            .collect(),
    )
    .unwrap_or(0);
    let mut i = 0;
    let mut done_x = 0i64;
    while i < ws.len() {
        let glued = glued_digits(&ws[i].text);
        let thai_number =
            digits::is_number_word(&ws[i].text) && ws[i].text.chars().any(digits::is_thai_digit);
        // An item number opening a line read as Latin letters ("ool." for
        // "๓๗.", "on." for "๓."): tried, used only when every glyph is a
        // confident Thai digit.
        // So is an ordinal after its label at the end of the line
        // ("ลำดับที่ oc" for "ลำดับที่ ๑๗", Garuda).
        let ordinal = i > 0
            && i + 1 == ws.len()
            && (1..=3).contains(&ws[i].text.chars().count())
            && ws[i].text.chars().all(|c| c.is_ascii_lowercase())
            && {
                let before: String = ws[..i].iter().map(|w| w.text.as_str()).collect();
                ORDINAL_CUES.iter().any(|c| before.ends_with(c))
            };
        let latin_item = ordinal
            || i == 0
                && latin_item_number(&ws[i].text)
                && ws
                    .get(1)
                    .and_then(|w| w.text.chars().next())
                    .is_some_and(|c| ('\u{0E01}'..='\u{0E4F}').contains(&c));
        // A list marker or code opening a line or a cell (after a gap of
        // two line heights: a column rule) and followed by Thai text.
        // (A Thai digit word may open one: "๕" "«)" for "๔)".)
        let marker = if glued.is_some() || latin_item {
            None
        } else {
            marker_group(ws, i, line_h, rules)
        };
        let latin_item = latin_item || marker.is_some();
        // An Arabic number may be Thai digits tesseract wrote in Arabic
        // (it does, and then misreads them: ๒๐,๐๐๐ as "40,000" / "90,000"
        // on a re-encoded Loma page). Re-read against both scripts, kept
        // only when every glyph is a confident Thai digit and the digit
        // count agrees; a true Arabic number reads Arabic and stays.
        // Garuda 000: budget cells 86 -> 92 of 100; no change on the
        // shared scans or the Arabic-digit fixtures.
        let arabic_suspect = !latin_item
            && digits::is_number_word(&ws[i].text)
            && ndig(&ws[i].text) >= 2
            && !ws[i].text.chars().any(digits::is_thai_digit);
        // A digit-tall box tesseract read as "=" only is no equals sign
        // (that is x-height at most): a number it could not read (Loma
        // "๒๐,๐๐๐" in a budget cell as "=", 22 px tall in a 22 px line).
        // Tried like a number, used only when confident. Not ":": a
        // label's colon came back as "11" before a project name.
        let garbled = !latin_item
            && !ws[i].text.is_empty()
            && ws[i].text.chars().all(|c| c == '=')
            && 10 * ws[i].height >= 8 * line_h;
        if !thai_number && glued.is_none() && !latin_item && !garbled && !arabic_suspect {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if let Some((_, _, end)) = marker {
            j = end;
        }
        // Number words and the punctuation words between them ("๒๕๖๑",
        // "-", "๒๕๖๔"): tesseract often gives "." or "-" a word of its own.
        // A glyph tesseract guessed at a space inside the number (Garuda
        // "๒๕๖๖ – ไ๒๕๗๐": a 62 px "ไ" at confidence 38 in a 28 px line,
        // where the image has no ink; a short real word, "ปี", is not
        // taller than the line) is taken into the run when a number word follows; the
        // image reading then decides (ink there reads as a letter, and an
        // unreadable glyph rejects the reading).
        let space_glyph = |k: usize| {
            ws[k].conf < 50.0
                && ws[k].text.chars().count() <= 2
                && 2 * ws[k].height >= 3 * line_h
                && ws.get(k + 1).is_some_and(|w| numberish(&w.text))
        };
        while marker.is_none() && j < ws.len() && (numberish(&ws[j].text) || space_glyph(j)) {
            let (a, b) = (&ws[j - 1], &ws[j]);
            let gap = b.left - (a.left + a.width);
            // A column-wide gap ends the run (another cell's number).
            if gap > a.height.max(b.height) {
                break;
            }
            // An Arabic digit glued to Thai ones is a misread Thai digit
            // ("๒๕๒๐๕6"); an Arabic number after a space is left alone.
            if b.text.chars().any(|c| c.is_ascii_digit()) && 3 * gap > a.height.min(b.height) {
                break;
            }
            j += 1;
        }
        while marker.is_none() && j > i + 1 && !ws[j - 1].text.chars().any(isd) {
            j -= 1;
        }
        // Glyph height: the lowest digit-bearing box (tesseract also gives
        // boxes two lines tall); the baseline: the lowest bottom of boxes
        // of about that height. A marker's letters are its glyphs' boxes
        // (the line's median box is a tall one in a line of stacked marks).
        let glyph_box = |w: &Word| {
            w.text.chars().any(isd)
                || (marker.is_some() && w.text.chars().any(char::is_alphanumeric))
        };
        let mut hs: Vec<i64> = ws[i..j]
            .iter()
            .filter(|w| glyph_box(w) && w.height >= 8)
            .map(|w| w.height)
            .collect();
        hs.sort_unstable();
        // A digit box over 1.6 times the line's median box is two lines
        // tall (measured on 002: a "๖." boxed 51 px in a 22 px line); the
        // line's median box stands in for it.
        let h = match hs.first() {
            Some(&d) if 5 * d <= 8 * line_h => d,
            _ => line_h,
        }
        .max(8);
        hs.retain(|&d| 5 * d <= 8 * line_h);
        // Reach: the median digit box (short digits like ๑ are 0.7 of ๕).
        let reach = hs.get(hs.len() / 2).copied().unwrap_or(h).clamp(h, 2 * h);
        let base = ws[i..j]
            .iter()
            .filter(|w| 10 * w.height <= 13 * h)
            .map(|w| w.top + w.height)
            .max()
            .unwrap_or(line_base);
        let left = ws[i..j].iter().map(|w| w.left).min().unwrap_or(0);
        let right = ws[i..j].iter().map(|w| w.left + w.width).max().unwrap_or(0);
        // Not back over the number read before on this line.
        let mut x0 = (left - STRIP_REACH * reach).max(0).max(done_x);
        if marker.is_some() && i > 0 {
            // Never back over the word before a marker (a mid-line "7)"
            // after "Policy": its y and o read as digits and spoilt it).
            x0 = x0.max(ws[i - 1].left + ws[i - 1].width + 1);
        }
        let mut x1 = right + STRIP_REACH * reach;
        let (mut y0, mut y1) = ((base - 2 * h).max(0), base + h / 3);
        if marker.is_some() {
            // A marker's own boxes bound it: a bracket's box is as tall as
            // the line, and 2h over its foot reached the line above
            // (Loma "ev)" boxed 37 px: an 86 px strip of two lines).
            let top = ws[i..j].iter().map(|w| w.top).min().unwrap_or(y0);
            let foot = ws[i..j]
                .iter()
                .map(|w| w.top + w.height)
                .max()
                .unwrap_or(y1);
            y0 = y0.max(top - h / 4);
            y1 = y1.min(foot + h / 4);
        }
        let read_at = |x0: i64, x1: i64| {
            digits::crop(
                img.px,
                img.w,
                img.h,
                x0 as usize,
                y0 as usize,
                x1 as usize,
                y1 as usize,
            )
            .and_then(|b| {
                let cx0 = (left - x0).max(0) as usize;
                let cx1 = (right - x0).max(0) as usize;
                let script = if marker.is_some() || arabic_suspect {
                    digits::Script::Either
                } else {
                    digits::Script::Thai
                };
                digits::read_strip_in(&b, cx0, cx1, script)
            })
        };
        let mut read = read_at(x0, x1);
        // The number runs on past the strip's edge (tesseract boxed only
        // its last digit: "๘๙.๗๖" as letters and one "๖"): read again
        // wider on that side, at most twice.
        for _ in 0..2 {
            let Some(r) = &read else { break };
            let (wl, wr) = (
                r.cut_left && x0 > done_x,
                r.cut_right && (x1 as usize) < img.w,
            );
            if !wl && !wr {
                break;
            }
            if wl {
                x0 = (x0 - STRIP_WIDEN * reach).max(0).max(done_x);
            }
            if wr {
                x1 += STRIP_WIDEN * reach;
            }
            read = read_at(x0, x1);
        }
        let debug = std::env::var_os("THAIPLAN_DIGITS_DEBUG").is_some();
        if debug {
            let t: Vec<&str> = ws[i..j].iter().map(|w| w.text.as_str()).collect();
            eprintln!(
                "run: {:?} at x={left}..{right} y={y0}..{y1} -> {:?}",
                t,
                read.as_ref().map(|r| (&r.text, r.confident))
            );
        }
        let Some(r) = read else {
            i += 1;
            continue;
        };
        // The words the reading covers: number words and punctuation
        // centred in its span (tesseract gives "๒", ".", "๕" as words).
        let (sx0, sx1) = (x0 + r.x0 as i64, x0 + r.x1 as i64);
        let centre = |w: &Word| w.left + w.width / 2;
        // A short word tesseract read as letters where the reading finds
        // confident digits ("ต." for "๓.") is a misread digit too; any
        // other word inside the span makes the reading unusable (replacing
        // around it would duplicate or drop text).
        let covered = |w: &Word| (sx0..sx1).contains(&centre(w));
        let short = |t: &str| t.chars().filter(|c| *c != '.').count() <= 2;
        let takeable = |w: &Word| numberish(&w.text) || (r.confident && short(&w.text));
        // A stroke of a tall digit tesseract boxed as a glyph of its own
        // ("ใ", "ไ", "]", "(|" over the left stroke of Umpush's and
        // Kinnari's ๒): a stroke glyph whose box lies mostly over the
        // reading's span is part of it, neither a letter nor punctuation.
        // Or its box holds nothing but that digit's ink and a column rule,
        // or no ink at all (a "]" boxed 10 px beside the rule).
        let piece = |w: &Word| {
            if w.text.chars().count() > 2 || !w.text.chars().all(|c| DIGIT_PIECES.contains(&c)) {
                return false;
            }
            let (ry0, ry1) = (w.top - w.height, w.top + 2 * w.height);
            (w.left.max(0)..(w.left + w.width).min(img.w as i64)).all(|x| {
                !column_inked(img, x, w.top, w.top + w.height)
                    || (sx0..sx1).contains(&x)
                    || rule_near(img, x, ry0, ry1)
            })
        };
        let mut a = i;
        while glued.is_none()
            && a > 0
            && ((covered(&ws[a - 1]) && takeable(&ws[a - 1])) || piece(&ws[a - 1]))
        {
            a -= 1;
        }
        let mut z = j;
        while z < ws.len() && covered(&ws[z]) && takeable(&ws[z]) {
            z += 1;
        }
        if (glued.is_none() && a > 0 && covered(&ws[a - 1])) || ws.get(z).is_some_and(covered) {
            i += 1;
            continue;
        }
        // tesseract's boxes can sit a glyph off its letters ("ขึ้น๘.๙๑"
        // boxed with น over the ๘; "ปี๒๕๖๘" with the ี over the ๒): letter
        // words are taken only while the words hold no more characters
        // (marks not counted) than the reading has glyphs; the others
        // stay as tesseract read them.
        let glyphs = r.text.chars().filter(|c| !c.is_whitespace()).count();
        let chars = |w: &Word| w.text.chars().filter(|c| !is_thai_mark(*c)).count();
        let mut held: usize = ws[a..z].iter().filter(|w| !piece(w)).map(chars).sum();
        while held > glyphs && a < i && !numberish(&ws[a].text) && !piece(&ws[a]) {
            held -= chars(&ws[a]);
            a += 1;
        }
        while held > glyphs && z > j && !numberish(&ws[z - 1].text) {
            held -= chars(&ws[z - 1]);
            z -= 1;
        }
        // A word tesseract all but rejected (confidence under 10) next to
        // the number with no ink of its own in the strip is a phantom of
        // the digit beside it ("ไ" boxed before a ๒ on 004).
        let phantom = |w: &Word| {
            r.confident
                && (0.0..10.0).contains(&w.conf)
                && (w.left + w.width >= sx0 - line_h && w.left <= sx1 + line_h)
                && !r.ink.iter().any(|&(p, q)| {
                    x0 + q as i64 > w.left + 2 && x0 + p as i64 + 2 < w.left + w.width
                })
        };
        let drop_before = glued.is_none() && a > 0 && phantom(&ws[a - 1]);
        let drop_after = ws.get(z).is_some_and(phantom);
        let mut tess: usize = ws[a..z].iter().map(|w| ndig(&w.text)).sum();
        if let Some(g) = glued {
            tess -= ndig(&ws[i].text) - g;
        }
        // Digits read beyond the covered words, and digits glued to the
        // neighbouring words there: the reading took them over.
        let lx = ws[a].left - x0;
        let rx = ws[z - 1].left + ws[z - 1].width - x0;
        let left_extra = r.digit_xs.iter().filter(|&&x| (x as i64) < lx).count();
        let right_extra = r.digit_xs.iter().filter(|&&x| (x as i64) >= rx).count();
        let prev_tail = match a.checked_sub(1) {
            Some(k) if glued.is_none() => ws[k].text.chars().rev().take_while(|c| isd(*c)).count(),
            _ => 0,
        };
        let next_head = ws
            .get(z)
            .map(|w| w.text.chars().take_while(|c| isd(*c)).count())
            .unwrap_or(0);
        let take_prev = left_extra.min(prev_tail);
        let take_next = right_extra.min(next_head);
        // Accepted: the same digit count as tesseract (the segmentation
        // agrees; glyph shapes are what it misreads), or a different count
        // read with confidence (every glyph clearly a digit, nothing cut).
        let same = ndig(&r.text) == tess + take_prev + take_next;
        let pure = r.text.chars().all(digits::is_thai_digit);
        let latin_ok = r.confident
            && match marker {
                // A marker: digits of one script (a dot between them in a
                // code); one tesseract read as Arabic digits is replaced
                // only by Thai ones (its Arabic digits are ~0.99 right:
                // "99)" is a ๑๑) it did not know).
                Some(_) => {
                    let core = r.text.trim_end_matches('.');
                    let thai = core.chars().filter(|c| digits::is_thai_digit(*c)).count();
                    let arabic = core.chars().filter(|c| c.is_ascii_digit()).count();
                    let tess_arabic = ws[i..j]
                        .iter()
                        .any(|w| w.text.chars().any(|c| c.is_ascii_digit()));
                    (thai == 0 || arabic == 0)
                        && thai + arabic > 0
                        && core
                            .chars()
                            .all(|c| c == '.' || c.is_ascii_digit() || digits::is_thai_digit(c))
                        && !(tess_arabic && thai == 0)
                }
                None => r
                    .text
                    .strip_suffix('.')
                    .unwrap_or(&r.text)
                    .chars()
                    .all(digits::is_thai_digit),
            };
        let thai_only = r
            .text
            .chars()
            .all(|c| digits::is_thai_digit(c) || matches!(c, ',' | '.'));
        // A digit tesseract dropped inside its own box (Kinnari "0,000"
        // boxed over ๓๐,๐๐๐) counts too: one digit more or less, all of
        // them within the covered words.
        let inside = left_extra == 0 && right_extra == 0 && ndig(&r.text).abs_diff(tess) <= 1;
        if arabic_suspect && !(r.confident && thai_only && (same || inside)) {
            i += 1;
            continue;
        }
        // A marker's reading lies over its words, not beside them.
        let over = sx0 < right && sx1 > left;
        if latin_item && !(latin_ok && (marker.is_none() || over)) {
            i += 1;
            continue;
        }
        if !(same || (r.confident && (glued.is_none() || pure))) {
            i += 1;
            continue;
        }
        i = a;
        let j = z.max(j);
        // Punctuation around the number stays as tesseract read it (the
        // strip may catch the dot of a neighbouring "พ.ศ.").
        let core = r.text.trim_matches(|c: char| !isd(c));
        let first = &ws[(i..j).find(|&k| !piece(&ws[k])).unwrap_or(i)].text;
        // Only punctuation of the words at the ends is kept: their letters
        // are what tesseract misread the digits as ("ส", "ส", ".", "ฆ", "่",
        // "๒" for "๘๙.๗๖").
        let punct =
            |c: &char| c.is_ascii_punctuation() || matches!(c, '“' | '”' | '‘' | '’' | '–' | '—');
        let pre: String = match glued {
            Some(g) => first.chars().take(first.chars().count() - g).collect(),
            None if marker.is_some() => marker.map_or("", |m| m.0).to_string(),
            None if latin_item || garbled => String::new(),
            // Only punctuation before any letter: a dot after one ("ต." for
            // "๒." of "๒.๒") is inside the number the reading gives whole.
            None => first.chars().take_while(punct).collect(),
        };
        let post: String = if let Some((_, close, _)) = marker.filter(|m| m.2 == j) {
            // A code read whole ("๒.๓" for "lo.") keeps no closing dot.
            if close == "." && core.contains('.') {
                String::new()
            } else {
                close.to_string()
            }
        } else if ordinal {
            String::new()
        } else if latin_item && marker.is_none() && j == i + 1 {
            ".".to_string()
        } else if garbled && j == i + 1 {
            String::new()
        } else {
            let mut v: Vec<char> = ws[j - 1]
                .text
                .chars()
                .rev()
                .take_while(|&c| !isd(c))
                .filter(punct)
                .collect();
            v.reverse();
            v.into_iter().collect()
        };
        let text = format!("{pre}{core}{post}");
        let (left, right) = (
            left.min(ws[i].left),
            right.max(ws[j - 1].left + ws[j - 1].width),
        );
        if debug {
            eprintln!(
                "replace: {:?} -> {text:?}",
                ws[i..j].iter().map(|w| w.text.as_str()).collect::<Vec<_>>()
            );
        }
        ws[i].text = text;
        ws[i].left = left;
        ws[i].width = right - left;
        // The classifier's confidence, not tesseract's: it read the glyphs
        // (under 60 when it was not sure of every one, the reading then
        // taken only because tesseract's digit count agreed).
        ws[i].conf = r.conf;
        done_x = sx1;
        ws.drain(i + 1..j);
        if drop_after && take_next == 0 && i + 1 < ws.len() {
            ws.remove(i + 1);
        }
        if drop_before && take_prev == 0 && i > 0 {
            ws[i].space_before = ws[i - 1].space_before;
            ws.remove(i - 1);
            i -= 1;
        }
        // Digits the widening took from the neighbours leave them.
        if take_next > 0 {
            if let Some(w) = ws.get_mut(i + 1) {
                w.text = w.text.chars().skip(take_next).collect();
                if w.text.is_empty() {
                    ws.remove(i + 1);
                }
            }
        }
        if take_prev > 0 {
            let k = i - 1;
            let n = ws[k].text.chars().count();
            ws[k].text = ws[k].text.chars().take(n - take_prev).collect();
            if ws[k].text.is_empty() {
                ws[i].space_before = ws[k].space_before;
                ws.remove(k);
                i -= 1;
            }
        }
        i += 1;
    }
}

/// A row of number cells (three or more number words) with a column-wide
/// gap between two of them
/// whose image holds one digit tesseract returned no word for (measured
/// on 004's statistics row "54 65 1 _ 45 0 83.33": the 0 of the fourth
/// cell was dropped, so the cells after it shift by one). The digit is
/// inserted only when [`digits::read_lone`] reads it with confidence.
fn fill_number_gaps(ws: &mut Vec<Word>, img: &PageImage) {
    let nums: Vec<&Word> = ws
        .iter()
        .filter(|w| digits::is_number_word(&w.text))
        .collect();
    if nums.len() < 3 {
        return;
    }
    let arabic = nums
        .iter()
        .all(|w| !w.text.chars().any(digits::is_thai_digit));
    let mut hs: Vec<i64> = nums.iter().map(|w| w.height).collect();
    hs.sort_unstable();
    let h = hs[hs.len() / 2].max(8);
    let mut bs: Vec<i64> = nums.iter().map(|w| w.top + w.height).collect();
    bs.sort_unstable();
    let base = bs[bs.len() / 2];
    let mut k = 1;
    while k < ws.len() {
        let (a, b) = (&ws[k - 1], &ws[k]);
        let (gx0, gx1) = (a.left + a.width + h, b.left - h);
        let numbers = digits::is_number_word(&a.text) && digits::is_number_word(&b.text);
        if !numbers || gx1 - gx0 < 2 * h {
            k += 1;
            continue;
        }
        let (y0, y1) = ((base - 2 * h).max(0), base + h / 2);
        let lone = digits::crop(
            img.px,
            img.w,
            img.h,
            gx0.max(0) as usize,
            y0 as usize,
            gx1.max(0) as usize,
            y1 as usize,
        )
        .and_then(|bin| digits::read_lone(&bin, h as usize, arabic));
        if std::env::var_os("THAIPLAN_DIGITS_DEBUG").is_some() {
            eprintln!("gap: x={gx0}..{gx1} y={y0}..{y1} h={h} -> {lone:?}");
        }
        if let Some((d, conf)) = lone {
            let w = Word {
                space_before: Some(true),
                left: (gx0 + gx1) / 2 - h / 3,
                top: base - h,
                width: 2 * h / 3,
                height: h,
                text: d.to_string(),
                conf: f64::from(conf).round(),
            };
            ws.insert(k, w);
            k += 1;
        }
        k += 1;
    }
}

/// A Thai vowel or tone mark written above or below its letter.
fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// A line opening with a "1" (or "๑", "l", "I") that is a filled disc on
/// the image opens a bulleted item: the word becomes "•".
fn mark_bullet(ws: &mut [Word], img: &PageImage) {
    if ws.len() < 2 {
        return;
    }
    // A digit that opens "๑.๒" or "๑๐)" (the next word touches it and goes
    // on with a dot, a bracket or a digit) is a number, never a bullet
    // (bold ๑ is a filled disc in Loma: "•.2", "•0)" before this check).
    if let (Some(w), Some(n)) = (ws.first(), ws.get(1)) {
        let touching = n.left - (w.left + w.width) < w.height.max(4);
        let goes_on = n.text.chars().next().is_some_and(|c| {
            matches!(c, '.' | ')') || c.is_ascii_digit() || digits::is_thai_digit(c)
        });
        if touching && goes_on {
            return;
        }
    }
    let Some(w) = ws.first_mut() else {
        return;
    };
    if !matches!(w.text.as_str(), "1" | "๑" | "l" | "I" | "|") {
        return;
    }
    let (x0, y0) = ((w.left - 2).max(0) as usize, (w.top - 2).max(0) as usize);
    let (x1, y1) = (
        (w.left + w.width + 2).max(0) as usize,
        (w.top + w.height + 2).max(0) as usize,
    );
    if digits::crop(img.px, img.w, img.h, x0, y0, x1, y1).is_some_and(|b| digits::is_bullet(&b)) {
        w.text = "•".to_string();
    }
}

/// Mark each word with tesseract's own space decision: the plain-text
/// lines come in the same order as the TSV lines, and a text line without
/// its spaces equals the concatenated words of its TSV line.
fn apply_text_spaces(visual: &mut [Vec<Word>], txt: &str) {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let tlines: Vec<&str> = txt.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut at = 0usize;
    for ws in visual.iter_mut() {
        let joined: String = ws.iter().map(|w| squash(&w.text)).collect();
        // Look a few lines ahead: tesseract may print a line the TSV lacks.
        let Some(k) = (at..tlines.len().min(at + 4))
            .find(|&k| tlines.get(k).is_some_and(|t| squash(t) == joined))
        else {
            continue;
        };
        at = k + 1;
        let Some(t) = tlines.get(k) else { continue };
        // Offsets (in non-space chars) that a space precedes.
        let mut spaced = std::collections::HashSet::new();
        let (mut n, mut pending) = (0usize, false);
        for c in t.chars() {
            if c.is_whitespace() {
                pending = n > 0;
            } else {
                if pending {
                    spaced.insert(n);
                }
                pending = false;
                n += 1;
            }
        }
        let mut off = 0usize;
        for w in ws.iter_mut() {
            w.space_before = Some(spaced.contains(&off));
            off += w.text.chars().filter(|c| !c.is_whitespace()).count();
        }
    }
}

/// The era marker "พ.ศ." before a year read by tesseract's English model as
/// Latin letters ("WA.", "WA,", "W.A.", "พ.A."): พ looks like W, ศ like A
/// or R (measured on 002: 4 of its 12 period lines). Only with a Latin
/// letter in it and a 25xx year after it; everything else stays.
fn era_marker(line: &str) -> String {
    static RE: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(^|[\s(])(?:W\s?[.,]?\s?[ARศ]|พ\s?[.,]?\s?[AR])[.,]?(\s*)((?:25|๒๕)[0-9๐-๙]{2})",
        )
        .ok()
    });
    match RE.as_ref() {
        Some(re) => re.replace_all(line, "${1}พ.ศ.${2}${3}").into_owned(),
        None => line.to_string(),
    }
}

/// A cell that is a number with a trailing dot ("17.") is a number: the
/// dot is scan noise read as a full stop (measured on 004's statistics
/// table). Anything else is kept as read.
fn number_cell(c: String) -> String {
    match c.strip_suffix('.') {
        Some(n)
            if !n.is_empty()
                && n.chars().all(|ch| {
                    ch.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(&ch) || ch == ','
                }) =>
        {
            n.to_string()
        }
        _ => c,
    }
}

/// One rebuilt line: its text, its extent (None for a ruled table row,
/// which is never joined into a paragraph) and its lowest word confidence.
type Line = (String, Option<Geom>, Option<f64>);

/// The lowest confidence tesseract gave a word of the line: one misread
/// digit spoils a whole amount, so a line is as sure as its worst word.
fn min_conf(ws: &[Word]) -> Option<f64> {
    ws.iter()
        .map(|w| w.conf)
        .filter(|c| *c >= 0.0)
        .fold(None, |m, c| Some(m.map_or(c, |m: f64| m.min(c))))
}

fn lower(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A text line's extent: left, right, median box height.
#[derive(Debug, Clone, Copy)]
struct Geom {
    left: i64,
    right: i64,
    h: i64,
}

fn geom(ws: &[Word]) -> Option<Geom> {
    let left = ws.iter().map(|w| w.left).min()?;
    let right = ws.iter().map(|w| w.left + w.width).max()?;
    let mut hs: Vec<i64> = ws.iter().map(|w| w.height).collect();
    hs.sort_unstable();
    Some(Geom {
        left,
        right,
        h: hs.get(hs.len() / 2).copied().unwrap_or(20).max(8),
    })
}

/// Join wrapped visual lines into paragraphs (the corpus line format is one
/// line per paragraph): a line that runs to the right margin continues on
/// the next line when that one starts at the left margin and does not open
/// a list item. Table rows (no geometry) are never joined. Tesseract's own
/// paragraph numbers are not used: they glue memo header fields together.
fn paragraphs(lines: Vec<Line>) -> Vec<(String, Option<f64>)> {
    let gs: Vec<Geom> = lines.iter().filter_map(|(_, g, _)| *g).collect();
    let (Some(margin_l), Some(margin_r)) = (
        gs.iter().map(|g| g.left).min(),
        gs.iter().map(|g| g.right).max(),
    ) else {
        return lines.into_iter().map(|(t, _, c)| (t, c)).collect();
    };
    let opens_item = |t: &str| {
        let t = t.trim_start();
        let numbered = |t: &str| {
            let digits = t
                .chars()
                .take_while(|c| c.is_ascii_digit() || ('\u{0E50}'..='\u{0E59}').contains(c))
                .count();
            digits > 0 && t.chars().nth(digits).is_some_and(|c| c == '.' || c == ')')
        };
        // A bullet glyph read as a short stray word before the number
        // ("U ๒) …", "[ปี ๑) …": a checkbox bullet in Garuda) still opens
        // an item; the recogniser decides by the numbering whether it is
        // one (fields.rs STRAY_MARKER).
        let stray_then_numbered = t
            .split_once(' ')
            .is_some_and(|(w, rest)| w.chars().count() <= 3 && numbered(rest.trim_start()));
        t.starts_with('-')
            || t.starts_with('(')
            || t.starts_with('•')
            || numbered(t)
            || stray_then_numbered
    };
    let mut out: Vec<(String, Option<f64>)> = Vec::new();
    let mut prev: Option<Geom> = None;
    for (t, g, conf) in lines {
        let join = match (prev, g) {
            (Some(p), Some(g)) => {
                p.right >= margin_r - 3 * p.h
                    && 2 * (p.right - p.left) >= margin_r - margin_l
                    && g.left <= margin_l + p.h
                    && !opens_item(&t)
                    && !t.contains('\t')
                    && out.last().is_some_and(|(l, _)| !l.contains('\t'))
            }
            _ => false,
        };
        match out.last_mut() {
            Some((last, c)) if join => {
                last.push(' ');
                last.push_str(t.trim());
                *c = lower(*c, conf);
            }
            _ => out.push((t, conf)),
        }
        prev = g;
    }
    out
}

/// Join one line's words: touching boxes join directly, a word gap gives a
/// space, a column-sized gap or a `|` rule gives a TAB (a new cell).
fn join_words(ws: &[Word]) -> String {
    // The x-height of the line: the median box height of short tokens is
    // robust to tall boxes that swallow stacked marks.
    let mut hs: Vec<i64> = ws.iter().map(|w| w.height).filter(|&h| h > 0).collect();
    hs.sort_unstable();
    let h = hs.get(hs.len() / 2).copied().unwrap_or(20).max(8) as f64;
    let mut out = String::new();
    let mut prev_right: Option<i64> = None;
    let mut pending_tab = false;
    for w in ws {
        let rule = w.text.chars().all(|c| c == '|');
        if rule {
            // A table rule: a cell boundary, never text.
            if !out.is_empty() {
                pending_tab = true;
            }
            prev_right = Some(w.left + w.width);
            continue;
        }
        let text = w.text.trim_matches('|');
        if text.is_empty() {
            continue;
        }
        if let Some(pr) = prev_right {
            let gap = (w.left - pr) as f64;
            if pending_tab || gap > 2.2 * h {
                out.push('\t');
            } else if w.space_before.unwrap_or(gap > SPACE_GAP * h) {
                out.push(' ');
            }
        }
        pending_tab = false;
        out.push_str(text);
        prev_right = Some(w.left + w.width);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tsv(words: &[(u32, i64, i64, &str)]) -> String {
        let mut s = String::from("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n");
        for (i, (line, left, width, text)) in words.iter().enumerate() {
            s.push_str(&format!(
                "5\t1\t1\t1\t{line}\t{}\t{left}\t100\t{width}\t40\t90.5\t{text}\n",
                i + 1
            ));
        }
        s
    }

    #[test]
    fn words_join_by_gap_and_split_cells() {
        // "รวม" touching, a word gap, then a column gap.
        let t = tsv(&[
            (1, 0, 30, "ร"),
            (1, 32, 30, "วม"),
            (1, 90, 60, "๒๐"),
            (1, 400, 100, "๑๖๐,๐๐๐"),
            (2, 0, 50, "ต่อ"),
        ]);
        let (lines, conf) = lines_from_tsv(&t, 3);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text, "รวม ๒๐\t๑๖๐,๐๐๐");
        assert_eq!(lines[0].page, Some(3));
        assert!(lines[0].hints.ocr);
        assert_eq!(conf, Some(90.5));
    }

    #[test]
    fn rule_glyph_is_a_cell_boundary() {
        let t = tsv(&[
            (1, 0, 60, "มาตรการ/"),
            (1, 70, 10, "|"),
            (1, 90, 60, "ขั้นตอน"),
        ]);
        let (lines, _) = lines_from_tsv(&t, 1);
        assert_eq!(lines[0].text, "มาตรการ/\tขั้นตอน");
    }

    #[test]
    fn wrapped_lines_join_into_paragraphs_but_items_and_page_numbers_do_not() {
        let g = |left, right| Some(Geom { left, right, h: 20 });
        let lines = vec![
            ("4".to_string(), g(900, 1000), Some(95.0)),
            (
                "ตามคำสั่งคณะรักษาความสงบแห่งชาติ".to_string(),
                g(150, 1000),
                Some(90.0),
            ),
            ("มาตรการป้องกันและแก้ไข".to_string(), g(100, 600), Some(40.0)),
            ("1. เห็นควรรวบรวม".to_string(), g(100, 995), None),
            ("ลงเว็บไซต์".to_string(), g(100, 400), Some(70.0)),
            ("2. ข้อสอง".to_string(), g(100, 400), Some(80.0)),
            ("a\tb".to_string(), None, Some(60.0)),
        ];
        let out = paragraphs(lines);
        // A joined paragraph is as sure as its least sure line.
        let confs: Vec<Option<f64>> = out.iter().map(|(_, c)| *c).collect();
        assert_eq!(
            confs,
            vec![Some(95.0), Some(40.0), Some(70.0), Some(80.0), Some(60.0)]
        );
        let out: Vec<String> = out.into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            out,
            vec![
                "4",
                "ตามคำสั่งคณะรักษาความสงบแห่งชาติ มาตรการป้องกันและแก้ไข",
                "1. เห็นควรรวบรวม ลงเว็บไซต์",
                "2. ข้อสอง",
                "a\tb"
            ]
        );
    }

    #[test]
    fn grouped_numbers_broken_by_ocr_are_mended_only_when_malformed() {
        for (ocr, want) in [
            ("20)000", "20,000"),
            ("จำนวน 20)000 บาท", "จำนวน 20,000 บาท"),
            ("จำนวน 2 0,000บาท", "จำนวน 20,000บาท"),
            ("จำนวน 12 0)000บาท", "จำนวน 120,000บาท"),
            ("1)000)000", "1,000,000"),
        ] {
            assert_eq!(grouped_number(ocr), want, "{ocr}");
        }
        for same in ["2) 000", "จำนวน 2 20,000", "1) โครงการ", "10,000", "2 0.5"]
        {
            assert_eq!(grouped_number(same), same);
        }
    }

    #[test]
    fn number_cells_lose_a_trailing_dot_only() {
        assert_eq!(number_cell("17.".into()), "17");
        assert_eq!(number_cell("๑๗.".into()), "๑๗");
        assert_eq!(number_cell("70,000.00".into()), "70,000.00");
        assert_eq!(number_cell("ข้อ 1.".into()), "ข้อ 1.");
        assert_eq!(number_cell(".".into()), ".");
    }

    /// The shapes tried as list markers (the image decides; these only
    /// choose what is looked at): misread digits in marker form are tried,
    /// Thai-digit numbers, acronyms and dotted abbreviations are not.
    #[test]
    fn marker_shapes() {
        for (t, want) in [
            ("ฒ.", Some(("", "."))),
            ("อ)", Some(("", ")"))),
            ("(a)", Some(("(", ")"))),
            ("99)", Some(("", ")"))),
            ("๕«)", Some(("", ")"))),
            ("ต.2", Some(("", ""))),
            ("ก.", Some(("", "."))),
            ("๑)", None),
            ("๑.๒", None),
            ("(ITA)", None),
            ("พ.ศ.", None),
            ("โครงการ)", None),
        ] {
            assert_eq!(marker_token(t), want, "{t}");
        }
    }

    #[test]
    fn era_marker_read_as_latin_is_restored_before_a_year_only() {
        for (ocr, want) in [
            ("ปีงบประมาณ WA. 2568 1 ตุลาคม", "ปีงบประมาณ พ.ศ. 2568 1 ตุลาคม"),
            ("ปีงบประมาณ WA, ๒๕๖๘", "ปีงบประมาณ พ.ศ. ๒๕๖๘"),
            ("ปี W.A.2564", "ปี พ.ศ.2564"),
            ("(พ.A. 2563)", "(พ.ศ. 2563)"),
            ("WR 2567", "พ.ศ. 2567"),
        ] {
            assert_eq!(era_marker(ocr), want, "{ocr}");
        }
        // No Latin letter, no year, or not a 25xx year: unchanged.
        for same in [
            "พ.ศ. 2568",
            "พ.ศ.2568",
            "WA. ข้อ 3",
            "WHO 2019",
            "KWA 2568",
            "WA 1999",
        ] {
            assert_eq!(era_marker(same), same);
        }
    }

    #[test]
    fn latin_item_numbers_are_short_letter_runs_with_a_dot() {
        for t in ["on.", "«.", "ool.", "a.", "&.", "@.", "ov,"] {
            assert!(latin_item_number(t), "{t}");
        }
        for t in ["on", "ITAS.", "1.", "๓.", "ก.", ".", ","] {
            assert!(!latin_item_number(t), "{t}");
        }
    }

    /// A page image drawn from the digit prototypes (glyphs 2 px a grid
    /// cell, bottom-aligned on one baseline), and the boxes drawn.
    struct Canvas {
        w: usize,
        px: Vec<u8>,
        x: usize,
    }

    const BASE: usize = 80;

    impl Canvas {
        fn new() -> Self {
            Canvas {
                w: 900,
                px: vec![250; 900 * 120],
                x: 60,
            }
        }
        /// Draw `c` (a "." is a 4 px dot) `gap` px after the last glyph;
        /// returns its box (left, top, width, height).
        fn glyph(&mut self, c: char, gap: usize) -> (i64, i64, i64, i64) {
            let b = if c == '.' {
                digits::Bin {
                    w: 4,
                    h: 4,
                    ink: vec![true; 16],
                }
            } else {
                digits::draw_glyph(c, 2).expect("a prototype")
            };
            let x0 = self.x + gap;
            for y in 0..b.h {
                for x in 0..b.w {
                    if b.ink[y * b.w + x] {
                        self.px[(BASE - b.h + y) * self.w + x0 + x] = 20;
                    }
                }
            }
            self.x = x0 + b.w;
            (x0 as i64, (BASE - b.h) as i64, b.w as i64, b.h as i64)
        }
        fn img(&self) -> PageImage<'_> {
            PageImage {
                w: self.w,
                h: self.px.len() / self.w,
                px: &self.px,
            }
        }
    }

    fn word(text: &str, bx: (i64, i64, i64, i64), conf: f64) -> Word {
        Word {
            space_before: None,
            left: bx.0,
            top: bx.1,
            width: bx.2,
            height: bx.3,
            text: text.to_string(),
            conf,
        }
    }

    /// A number tesseract read as letters but for a box on its last digit
    /// ("สส.ฆ๒" for "๘๙.๗๖" on 002): the strip is widened until the whole
    /// number is read, and the letters are replaced.
    #[test]
    fn a_number_boxed_by_its_last_digit_is_read_whole() {
        for (num, tess) in [
            ("๘๙.๗๖", ["ส", "ส", ".", "ฆ", "๒"]),
            ("๒๕๖๗๘", ["ข", "๕", "ย", "ต", "๘"]),
            ("๓๕.๒๔", ["ต", "ร", ".", "ษ", "๕"]),
        ] {
            let mut cv = Canvas::new();
            let before = cv.glyph('ค', 0);
            let mut ws = vec![word("ค", before, 93.0)];
            for (c, t) in num.chars().zip(tess) {
                let gap = if c == '.' || ws.len() == 1 { 3 } else { 2 };
                let bx = cv.glyph(c, if ws.len() == 1 { 30 } else { gap });
                ws.push(word(t, bx, 60.0));
            }
            ws[1].space_before = Some(true);
            reread_numbers(&mut ws, &cv.img(), &[]);
            assert_eq!(join_words(&ws), format!("ค {num}"), "{num}");
            assert!(ws[1].conf >= 60.0, "{num}: conf {}", ws[1].conf);
        }
    }

    /// A row of number cells with a gap where tesseract returned no word
    /// (004's "54 65 1 _ 45"): the lone digit is inserted with its
    /// confidence; an empty gap or a gap with a letter stays empty.
    #[test]
    fn a_digit_dropped_from_a_row_of_numbers_is_read_from_the_gap() {
        for (cells, lone, want) in [
            ("54|65|1|45", '0', Some("54 65 1 0 45")),
            ("12|7|30|8", '3', Some("12 7 30 3 8")),
            ("54|65|1|45", ' ', None),
        ] {
            let mut cv = Canvas::new();
            let mut ws = Vec::new();
            for (k, cell) in cells.split('|').enumerate() {
                if k == 3 && lone != ' ' {
                    cv.glyph(lone, 80);
                }
                let gap = if k == 3 && lone != ' ' {
                    80
                } else if k == 0 {
                    0
                } else {
                    80
                };
                let mut bx: Option<(i64, i64, i64, i64)> = None;
                for (n, c) in cell.chars().enumerate() {
                    let g = cv.glyph(c, if n == 0 { gap } else { 2 });
                    bx = Some(match bx {
                        None => g,
                        Some(b) => (b.0, b.1.min(g.1), g.0 + g.2 - b.0, b.3.max(g.3)),
                    });
                }
                ws.push(word(cell, bx.expect("a cell"), 95.0));
            }
            let n = ws.len();
            fill_number_gaps(&mut ws, &cv.img());
            let got: Vec<&str> = ws.iter().map(|w| w.text.as_str()).collect();
            match want {
                Some(w) => {
                    assert_eq!(got.join(" "), w);
                    assert!(ws.iter().all(|w| w.conf >= 60.0));
                }
                None => assert_eq!(ws.len(), n),
            }
        }
    }

    /// Two digits printed touching (ink bleeds between ๕ and ๒ of "๒๕๒๒"
    /// on 004) are one component: it is cut where both halves read as
    /// confident digits, and the number keeps its four digits.
    #[test]
    fn touching_digits_are_cut_apart() {
        for (num, pair) in [("๒๕๒๒", 1), ("๒๕๖๓", 2), ("๑๒๓", 0)] {
            let mut cv = Canvas::new();
            let before = cv.glyph('ค', 0);
            let mut ws = vec![word("ค", before, 93.0)];
            let mut boxes = Vec::new();
            for (k, c) in num.chars().enumerate() {
                boxes.push(cv.glyph(c, if k == 0 { 30 } else { 3 }));
            }
            // A bridge of ink between glyph `pair` and the next: on the
            // lowest row where both have ink within 6 px of the gap.
            let (a, b) = (boxes[pair], boxes[pair + 1]);
            let ink = |x: i64, y: usize| cv.px[y * cv.w + x as usize] < 128;
            let (ga, gb) = (a.0 + a.2, b.0);
            let row = (BASE - 12..BASE).rev().find_map(|y| {
                let l = (ga - 6..ga).rev().find(|&x| ink(x, y))?;
                let r = (gb..gb + 6).find(|&x| ink(x, y))?;
                Some((y, l, r))
            });
            let (y, l, r) = row.expect("a row to bridge");
            for x in l..=r {
                cv.px[y * cv.w + x as usize] = 20;
            }
            // tesseract read the touching pair as one wrong digit.
            for (k, bx) in boxes.iter().enumerate() {
                if k == pair + 1 {
                    continue;
                }
                let t = if k == pair { "๘" } else { "๐" };
                let bx = if k == pair {
                    (bx.0, bx.1, b.0 + b.2 - bx.0, bx.3.max(b.3))
                } else {
                    *bx
                };
                ws.push(word(t, bx, 60.0));
            }
            ws[1].space_before = Some(true);
            reread_numbers(&mut ws, &cv.img(), &[]);
            assert_eq!(join_words(&ws), format!("ค {num}"), "{num}");
        }
    }

    /// tesseract's phantom letter (confidence 0, no ink of its own) before
    /// an item number it split ("ไ" "๒." "ต." "๑" for "๒.๓.๑"): dropped.
    #[test]
    fn a_phantom_word_beside_a_reread_number_is_dropped() {
        let mut cv = Canvas::new();
        let mut ws = Vec::new();
        let blank = (cv.x as i64 + 40, 50, 8, 40);
        ws.push(word("ไ", blank, 0.0));
        let b2 = cv.glyph('๒', 50);
        let d1 = cv.glyph('.', 3);
        let b3 = cv.glyph('๓', 3);
        let d2 = cv.glyph('.', 3);
        let b1 = cv.glyph('๑', 3);
        ws.push(word("๒.", (b2.0, b2.1, d1.0 + 4 - b2.0, b2.3), 96.0));
        ws.push(word("ต.", (b3.0, b3.1, d2.0 + 4 - b3.0, b3.3), 91.0));
        ws.push(word("๑", b1, 67.0));
        let k = cv.glyph('ม', 20);
        ws.push(word("ม", k, 93.0));
        ws[4].space_before = Some(true);
        reread_numbers(&mut ws, &cv.img(), &[]);
        assert_eq!(join_words(&ws), "๒.๓.๑ ม");
        // With ink under it, the word stays.
        let mut cv = Canvas::new();
        let g = cv.glyph('ก', 0);
        let mut ws = vec![word("ไ", g, 0.0)];
        let b = cv.glyph('๒', 20);
        ws.push(word("๒", b, 96.0));
        ws[1].space_before = Some(true);
        reread_numbers(&mut ws, &cv.img(), &[]);
        assert!(join_words(&ws).starts_with("ไ"), "{}", join_words(&ws));
    }

    #[test]
    fn garbage_tsv_gives_nothing() {
        let (lines, conf) = lines_from_tsv("junk\n5\tx\n", 1);
        assert!(lines.is_empty());
        assert_eq!(conf, None);
    }

    /// A vertical rule read as a glyph ("1", "]") beside or glued to a
    /// ruled cell's number is dropped or cut off; the same glyphs where the
    /// image shows no rule are text and stay.
    #[test]
    fn a_rule_read_as_a_glyph_is_dropped_only_where_the_image_has_the_rule() {
        let (w, h) = (300usize, 200usize);
        let mut px = vec![250u8; w * h];
        // A 2-px rule at x = 100 from top to bottom, a "1" of text at 200.
        for y in 0..h {
            px[y * w + 100] = 40;
            px[y * w + 101] = 40;
        }
        for y in 90..120 {
            px[y * w + 200] = 40;
        }
        let img = PageImage { w, h, px: &px };
        // Boxed up to a few px beside the rule, as tesseract does.
        let mut lone = word("1", (103, 90, 4, 30), 60.0);
        assert!(!strip_rule_ink(&mut lone, &img));
        let mut glued = word("]20,000", (99, 90, 80, 30), 60.0);
        assert!(strip_rule_ink(&mut glued, &img));
        assert_eq!(glued.text, "20,000");
        let mut text = word("1", (199, 90, 4, 30), 90.0);
        assert!(strip_rule_ink(&mut text, &img));
        assert_eq!(text.text, "1");
        let mut number = word("120,000", (195, 90, 80, 30), 90.0);
        assert!(strip_rule_ink(&mut number, &img));
        assert_eq!(number.text, "120,000");
    }

    /// Kinnari's "- -" in a budget cell: tesseract boxed the two short
    /// bars as one flat word and read it as letters ("fe") or "=". Each bar
    /// of ink becomes a "-"; a bar longer than the line is high (a blank to
    /// fill in) and a Thai mark's flat box stay as read.
    #[test]
    fn a_flat_word_over_short_bars_is_dashes() {
        let (w, h) = (460usize, 100usize);
        let mut px = vec![250u8; w * h];
        let mut bar = |x0: usize, x1: usize| {
            for y in 50..53 {
                for x in x0..x1 {
                    px[y * w + x] = 30;
                }
            }
        };
        bar(100, 110);
        bar(128, 138);
        bar(200, 300);
        bar(320, 330);
        bar(350, 360);
        bar(370, 380);
        let img = PageImage { w, h, px: &px };
        let mut ws = vec![
            word("๒๐,๐๐๐", (10, 30, 80, 27), 90.0),
            word("fe", (100, 50, 38, 3), 0.0),
            word("____", (200, 50, 100, 3), 60.0),
            word("\u{0E31}", (320, 50, 10, 3), 60.0),
            // A glued "--" over two bars (Umpush) is two dashes.
            word("--", (350, 50, 30, 3), 80.0),
            word("บาท", (390, 30, 50, 27), 90.0),
        ];
        flat_dashes(&mut ws, &img);
        let t: Vec<&str> = ws.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(t, ["๒๐,๐๐๐", "-", "-", "____", "\u{0E31}", "-", "-", "บาท"]);
        assert_eq!((ws[1].left, ws[1].width, ws[2].left), (100, 10, 128));
    }

    /// A one-bar "=" (a 10 x 3 px box) is a dash; an equals sign's box,
    /// two bars high, stays.
    #[test]
    fn a_one_bar_equals_sign_is_a_dash() {
        let mut ws = vec![
            word("=", (100, 50, 10, 3), 90.0),
            word("=", (200, 45, 17, 9), 90.0),
        ];
        en_dashes(&mut ws);
        assert_eq!(ws[0].text, "-");
        assert_eq!(ws[1].text, "=");
    }
}
