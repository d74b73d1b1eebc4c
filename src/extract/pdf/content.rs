//! Content-stream interpreter: text state, CTM, fonts, marked content with
//! /ActualText, and ruling-line paths. Produces positioned glyphs (device
//! space, y up) and straight segments for table detection.

use super::font::Font;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// A shown code (or a whole /ActualText span) with its position.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Origin x, baseline y (device space).
    pub x: f64,
    pub y: f64,
    /// Advance width (device space), char and word spacing included.
    pub w: f64,
    /// The font's own advance for the glyph (device space, no spacing).
    pub fw: f64,
    /// Effective font size (device space).
    pub size: f64,
    pub text: String,
    /// Stream order, for tie-breaking.
    pub seq: usize,
    /// Comes from an /ActualText span.
    pub actual: bool,
    pub bold: bool,
}

/// A straight stroke or a thin filled rectangle (a table ruling).
#[derive(Debug, Clone, Copy)]
pub struct Seg {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

#[derive(Debug, Default)]
pub struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub segs: Vec<Seg>,
    pub actual_text_spans: u64,
    /// Images drawn (XObject or inline): a page that is mostly image with
    /// little text is a scan.
    pub images: u64,
    /// Codes shown with no Unicode (no ToUnicode entry, no encoding).
    pub unmapped: u64,
    /// Codes shown whose ToUnicode entry contradicts the glyph's shape.
    pub remapped_marks: u64,
}

/// Limits against hostile streams.
const MAX_GLYPHS: usize = 400_000;
const MAX_FORM_DEPTH: usize = 8;
/// Decompressed content of one page, at most: a small deflate bomb must not
/// inflate without bound (the worker's address-space limit is the backstop).
const MAX_PAGE_CONTENT: usize = 64 * 1024 * 1024;

type M = [f64; 6];
const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// The product a × b of two PDF matrices [a b c d e f].
pub(super) fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &M, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// An operand as a number; a non-number counts as 0 (as viewers do).
fn num(o: &Object) -> f64 {
    super::font::num(o).unwrap_or(0.0)
}

fn nums<const N: usize>(ops: &[Object]) -> Option<[f64; N]> {
    if ops.len() < N {
        return None;
    }
    let mut out = [0.0; N];
    for (i, o) in ops.iter().take(N).enumerate() {
        out[i] = match o {
            Object::Integer(v) => *v as f64,
            Object::Real(v) => *v as f64,
            _ => return None,
        };
    }
    Some(out)
}

/// Text of a PDF text string: UTF-16BE with BOM, UTF-8 with BOM, or
/// PDFDocEncoding (≈ Latin-1).
pub fn pdf_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .filter(|p| p.len() == 2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(&bytes[3..]).into_owned()
    } else {
        bytes.iter().map(|b| *b as char).collect()
    }
}

#[derive(Clone)]
struct GState {
    ctm: M,
    font: Option<Rc<Font>>,
    size: f64,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    rise: f64,
}

struct Span {
    text: Option<String>,
    bold: bool,
    fw: f64,
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    seen: bool,
}

pub struct Interp<'a> {
    doc: &'a Document,
    fonts: HashMap<ObjectId, Rc<Font>>,
    /// Take Thai marks from glyph shapes where ToUnicode contradicts them
    /// (`Font::glyph_marks`).
    pub glyph_marks: bool,
}

struct Run<'r> {
    out: &'r mut PageContent,
    seq: usize,
    /// Marked-content stack; an entry holds Some(text) for /ActualText.
    spans: Vec<Span>,
    path: Vec<Seg>,
    cur: (f64, f64),
    start: (f64, f64),
}

impl<'a> Interp<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Interp {
            doc,
            fonts: HashMap::new(),
            glyph_marks: false,
        }
    }

    fn deref<'o>(&self, o: &'o Object) -> Option<&'o Object>
    where
        'a: 'o,
    {
        match o {
            Object::Reference(id) => self.doc.get_object(*id).ok(),
            _ => Some(o),
        }
    }

    /// Interpret one page's content streams. `base` maps user space to the
    /// upright page (MediaBox origin and /Rotate).
    pub fn page(&mut self, page_id: ObjectId, base: [f64; 6]) -> Result<PageContent, String> {
        let data = self
            .doc
            .get_page_content_with_limit(page_id, MAX_PAGE_CONTENT)
            .map_err(|e| e.to_string())?;
        let (res, res_ids) = self
            .doc
            .get_page_resources(page_id)
            .map_err(|e| e.to_string())?;
        let mut resources: Vec<&Dictionary> = Vec::new();
        if let Some(r) = res {
            resources.push(r);
        }
        for id in res_ids {
            if let Ok(d) = self.doc.get_dictionary(id) {
                resources.push(d);
            }
        }
        let mut out = PageContent::default();
        let mut run = Run {
            out: &mut out,
            seq: 0,
            spans: Vec::new(),
            path: Vec::new(),
            cur: (0.0, 0.0),
            start: (0.0, 0.0),
        };
        let gs = GState {
            ctm: base,
            font: None,
            size: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            rise: 0.0,
        };
        self.stream(&data, &resources, gs, &mut run, 0)?;
        Ok(out)
    }

    fn lookup<'r>(
        &self,
        resources: &[&'r Dictionary],
        kind: &[u8],
        name: &[u8],
    ) -> Option<&'r Object>
    where
        'a: 'r,
    {
        for r in resources {
            let Some(cat) = r
                .get(kind)
                .ok()
                .and_then(|o| self.deref(o))
                .and_then(|o| o.as_dict().ok())
            else {
                continue;
            };
            if let Ok(o) = cat.get(name) {
                return Some(o);
            }
        }
        None
    }

    fn font(&mut self, resources: &[&Dictionary], name: &[u8]) -> Option<Rc<Font>> {
        let o = self.lookup(resources, b"Font", name)?;
        if let Object::Reference(id) = o {
            if let Some(f) = self.fonts.get(id) {
                return Some(f.clone());
            }
            let dict = self.doc.get_dictionary(*id).ok()?;
            let f = Rc::new(Font::load(self.doc, dict));
            self.fonts.insert(*id, f.clone());
            return Some(f);
        }
        o.as_dict().ok().map(|d| Rc::new(Font::load(self.doc, d)))
    }

    fn stream(
        &mut self,
        data: &[u8],
        resources: &[&Dictionary],
        mut gs: GState,
        run: &mut Run,
        depth: usize,
    ) -> Result<(), String> {
        // lopdf's content parser stops at inline image data: cut it out.
        let data = strip_inline_images(data);
        if matches!(data, std::borrow::Cow::Owned(_)) {
            run.out.images += 1;
        }
        let content = Content::decode(&data).map_err(|e| format!("content stream: {e}"))?;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = ID;
        let mut tlm = ID;
        for op in &content.operations {
            let a = &op.operands;
            match op.operator.as_str() {
                // Bounded: a hostile stream of `q`s must not grow memory without limit.
                "q" if stack.len() < 1024 => stack.push(gs.clone()),
                "q" => {}
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    if let Some(m) = nums::<6>(a) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    tm = ID;
                    tlm = ID;
                }
                "Tf" => {
                    if let (Some(Object::Name(n)), Some(s)) = (a.first(), a.get(1)) {
                        gs.font = self.font(resources, n);
                        gs.size = num(s);
                    }
                }
                "Tc" => gs.tc = a.first().map(num).unwrap_or(0.0),
                "Tw" => gs.tw = a.first().map(num).unwrap_or(0.0),
                "Tz" => gs.th = a.first().map(num).unwrap_or(100.0) / 100.0,
                "TL" => gs.tl = a.first().map(num).unwrap_or(0.0),
                "Ts" => gs.rise = a.first().map(num).unwrap_or(0.0),
                "Td" | "TD" => {
                    if let Some([tx, ty]) = nums::<2>(a) {
                        if op.operator == "TD" {
                            gs.tl = -ty;
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(m) = nums::<6>(a) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            if let Some([aw, ac]) = nums::<2>(a) {
                                gs.tw = aw;
                                gs.tc = ac;
                            }
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s, _)) = a.last() {
                        self.show(s, &gs, &mut tm, run)?;
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = a.first() {
                        for it in items {
                            match it {
                                Object::String(s, _) => self.show(s, &gs, &mut tm, run)?,
                                Object::Integer(_) | Object::Real(_) => {
                                    let tx = -num(it) / 1000.0 * gs.size * gs.th;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                "BMC" => run.spans.push(Span {
                    fw: 0.0,
                    bold: false,
                    text: None,
                    x0: f64::MAX,
                    x1: f64::MIN,
                    y: 0.0,
                    size: 0.0,
                    seen: false,
                }),
                "BDC" => {
                    let props = match a.get(1) {
                        Some(Object::Dictionary(d)) => Some(d),
                        Some(Object::Name(n)) => self
                            .lookup(resources, b"Properties", n)
                            .and_then(|o| self.deref(o))
                            .and_then(|o| o.as_dict().ok()),
                        _ => None,
                    };
                    let text = props
                        .and_then(|d| d.get(b"ActualText").ok())
                        .and_then(|o| self.deref(o))
                        .and_then(|o| match o {
                            Object::String(s, _) => Some(pdf_string(s)),
                            _ => None,
                        });
                    run.spans.push(Span {
                        fw: 0.0,
                        bold: false,
                        text,
                        x0: f64::MAX,
                        x1: f64::MIN,
                        y: 0.0,
                        size: 0.0,
                        seen: false,
                    });
                }
                "EMC" => {
                    if let Some(span) = run.spans.pop() {
                        let outer = !run.spans.iter().any(|s| s.text.is_some());
                        if let (Some(text), true) = (span.text, outer) {
                            run.out.actual_text_spans += 1;
                            if span.seen {
                                run.seq += 1;
                                run.out.glyphs.push(Glyph {
                                    x: span.x0,
                                    y: span.y,
                                    w: (span.x1 - span.x0).max(0.0),
                                    fw: span.fw,
                                    size: span.size,
                                    text,
                                    seq: run.seq,
                                    actual: true,
                                    bold: span.bold,
                                });
                            }
                        }
                    }
                }
                // Paths: only straight pieces matter (table rulings).
                "m" => {
                    if let Some([x, y]) = nums::<2>(a) {
                        run.cur = apply(&gs.ctm, x, y);
                        run.start = run.cur;
                    }
                }
                "l" => {
                    if let Some([x, y]) = nums::<2>(a) {
                        let p = apply(&gs.ctm, x, y);
                        run.path.push(Seg {
                            x0: run.cur.0,
                            y0: run.cur.1,
                            x1: p.0,
                            y1: p.1,
                        });
                        run.cur = p;
                    }
                }
                "c" | "v" | "y" if a.len() >= 2 => {
                    let n = a.len();
                    run.cur = apply(&gs.ctm, num(&a[n - 2]), num(&a[n - 1]));
                }
                "c" | "v" | "y" => {}
                "h" => {
                    run.path.push(Seg {
                        x0: run.cur.0,
                        y0: run.cur.1,
                        x1: run.start.0,
                        y1: run.start.1,
                    });
                    run.cur = run.start;
                }
                "re" => {
                    if let Some([x, y, w, h]) = nums::<4>(a) {
                        let p = [
                            apply(&gs.ctm, x, y),
                            apply(&gs.ctm, x + w, y),
                            apply(&gs.ctm, x + w, y + h),
                            apply(&gs.ctm, x, y + h),
                        ];
                        let (bw, bh) = ((p[2].0 - p[0].0).abs(), (p[2].1 - p[0].1).abs());
                        if bw < 3.0 || bh < 3.0 {
                            // A thin filled rectangle is a ruling: keep its centre line.
                            let (cx, cy) = ((p[0].0 + p[2].0) / 2.0, (p[0].1 + p[2].1) / 2.0);
                            if bw < bh {
                                run.path.push(Seg {
                                    x0: cx,
                                    y0: p[0].1,
                                    x1: cx,
                                    y1: p[2].1,
                                });
                            } else {
                                run.path.push(Seg {
                                    x0: p[0].0,
                                    y0: cy,
                                    x1: p[2].0,
                                    y1: cy,
                                });
                            }
                        } else {
                            for k in 0..4 {
                                let (s, e) = (p[k], p[(k + 1) % 4]);
                                run.path.push(Seg {
                                    x0: s.0,
                                    y0: s.1,
                                    x1: e.0,
                                    y1: e.1,
                                });
                            }
                        }
                        run.cur = p[0];
                        run.start = p[0];
                    }
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    let path = std::mem::take(&mut run.path);
                    for s in path {
                        let horiz = (s.y0 - s.y1).abs() < 1.0;
                        let vert = (s.x0 - s.x1).abs() < 1.0;
                        let len = ((s.x1 - s.x0).powi(2) + (s.y1 - s.y0).powi(2)).sqrt();
                        if (horiz || vert) && len >= 2.0 && run.out.segs.len() < MAX_GLYPHS {
                            run.out.segs.push(s);
                        }
                    }
                }
                "n" => run.path.clear(),
                "Do" => {
                    if depth >= MAX_FORM_DEPTH {
                        continue;
                    }
                    let Some(Object::Name(n)) = a.first() else {
                        continue;
                    };
                    let Some(Object::Reference(id)) =
                        self.lookup(resources, b"XObject", n).cloned()
                    else {
                        continue;
                    };
                    let Ok(stream) = self.doc.get_object(id).and_then(|o| o.as_stream()) else {
                        continue;
                    };
                    if stream
                        .dict
                        .get(b"Subtype")
                        .ok()
                        .and_then(|o| o.as_name().ok())
                        != Some(b"Form")
                    {
                        if stream
                            .dict
                            .get(b"Subtype")
                            .ok()
                            .and_then(|o| o.as_name().ok())
                            == Some(b"Image")
                        {
                            run.out.images += 1;
                        }
                        continue;
                    }
                    let data = stream
                        .decompressed_content()
                        .unwrap_or_else(|_| stream.content.clone());
                    let mut sub = gs.clone();
                    if let Some(m) = stream
                        .dict
                        .get(b"Matrix")
                        .ok()
                        .and_then(|o| o.as_array().ok())
                        .and_then(|v| nums::<6>(v))
                    {
                        sub.ctm = mul(&m, &gs.ctm);
                    }
                    let mut res2: Vec<&Dictionary> = Vec::new();
                    if let Some(r) = stream
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|o| self.deref(o))
                        .and_then(|o| o.as_dict().ok())
                    {
                        res2.push(r);
                    }
                    res2.extend_from_slice(resources);
                    // A broken form must not lose the page.
                    let _ = self.stream(&data, &res2, sub, run, depth + 1);
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut M, run: &mut Run) -> Result<(), String> {
        let Some(font) = gs.font.clone() else {
            return Ok(());
        };
        let in_span = run.spans.iter().rposition(|s| s.text.is_some());
        for code in font.decode(bytes, self.glyph_marks) {
            if code.remapped {
                run.out.remapped_marks += 1;
            }
            let trm = mul(
                &mul(&[gs.size * gs.th, 0.0, 0.0, gs.size, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            let (x, y) = (trm[4], trm[5]);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let mut tx = code.width * gs.size + gs.tc;
            if code.is_space {
                tx += gs.tw;
            }
            tx *= gs.th;
            let adv = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
            let end = apply(&mul(&adv, &gs.ctm), 0.0, 0.0);
            let w = ((end.0 - x).powi(2) + (end.1 - y).powi(2)).sqrt();
            *tm = adv;
            if let Some(i) = in_span {
                if let Some(span) = run.spans.get_mut(i) {
                    if !span.seen {
                        span.y = y;
                        span.size = size;
                        span.seen = true;
                    }
                    span.x0 = span.x0.min(x);
                    span.fw += code.width * gs.size * gs.th;
                    span.bold = font.bold;
                    span.x1 = span.x1.max(x + w);
                }
                continue;
            }
            if code.text.is_empty() {
                run.out.unmapped += 1;
                continue;
            }
            if run.out.glyphs.len() >= MAX_GLYPHS {
                return Err(format!("more than {MAX_GLYPHS} glyphs on a page"));
            }
            run.seq += 1;
            let fw = code.width * gs.size * gs.th;
            run.out.glyphs.push(Glyph {
                x,
                y,
                w,
                fw,
                size,
                text: code.text,
                seq: run.seq,
                actual: false,
                bold: font.bold,
            });
        }
        Ok(())
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

/// Remove inline images (`BI … ID <binary> EI`) from a content stream; the
/// binary data would end lopdf's parse and lose the rest of the page.
pub fn strip_inline_images(data: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let token_at = |i: usize, t: &[u8]| {
        data.get(i..i + t.len()) == Some(t)
            && (i == 0 || is_ws(data[i - 1]))
            && data.get(i + t.len()).is_none_or(|b| is_ws(*b))
    };
    let Some(first) = (0..data.len()).find(|&i| token_at(i, b"BI")) else {
        return std::borrow::Cow::Borrowed(data);
    };
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(&data[..first]);
    let mut i = first;
    while i < data.len() {
        if token_at(i, b"BI") {
            // Skip the dictionary to ID, then the data to a whitespace-delimited EI.
            let Some(id) = (i + 2..data.len()).find(|&k| token_at(k, b"ID")) else {
                break;
            };
            let start = id + 3;
            match (start..data.len()).find(|&k| token_at(k, b"EI")) {
                Some(ei) => {
                    out.push(b' ');
                    i = ei + 2;
                }
                None => break,
            }
        } else {
            out.push(data[i]);
            i += 1;
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_images_are_cut_out() {
        let s = b"BT (a) Tj ET\nBI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xffBT\x01 EI\nBT (b) Tj ET";
        let out = strip_inline_images(s);
        let c = Content::decode(&out).expect("decodes");
        let ops: Vec<&str> = c.operations.iter().map(|o| o.operator.as_str()).collect();
        assert_eq!(ops, vec!["BT", "Tj", "ET", "BT", "Tj", "ET"]);
    }
}
