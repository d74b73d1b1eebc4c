//! Generator of the PDF fixtures in fixtures/pdf/ (written with lopdf).
//! Each builder reproduces one artefact of real Thai PDFs; the committed
//! files are regenerated with
//! `THAIPLAN_REGEN_FIXTURES=1 cargo test --test pdf_fixtures regenerate`.

#![allow(dead_code)]

use lopdf::{dictionary, Document, Object, ObjectId, Stream, StringFormat};
use std::collections::BTreeMap;

/// Advance widths (1/1000 em) of the glyphs we draw: Thai marks are zero-
/// width and drawn over the previous base, as in real Thai fonts.
fn width_of(c: char) -> i64 {
    match c {
        ' ' => 250,
        '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' => 0,
        'า' | 'ะ' | 'ๆ' => 420,
        'เ' | 'แ' | 'โ' | 'ใ' | 'ไ' => 330,
        c if c.is_ascii_digit() => 500,
        c if c.is_ascii() => 480,
        _ => 580,
    }
}

/// A font whose codes we assign as we go: one code per glyph, with a
/// ToUnicode entry that may lie (to mimic LibreOffice's sara-am and sara-uu
/// glyphs, or legacy PUA fonts).
pub struct FontBuilder {
    /// glyph key → (code, unicode text for ToUnicode, width)
    glyphs: BTreeMap<String, (u32, String, i64)>,
    next: u32,
    pub two_byte: bool,
}

impl FontBuilder {
    pub fn new(two_byte: bool) -> Self {
        FontBuilder {
            glyphs: BTreeMap::new(),
            next: if two_byte { 3 } else { 33 },
            two_byte,
        }
    }

    /// Code of a glyph called `key` whose ToUnicode text is `uni`.
    pub fn glyph(&mut self, key: &str, uni: &str, width: i64) -> u32 {
        if key == " " && !self.two_byte {
            self.glyphs
                .entry(key.into())
                .or_insert((32, " ".into(), 250));
            return 32;
        }
        if let Some((c, _, _)) = self.glyphs.get(key) {
            return *c;
        }
        let c = self.next;
        self.next += 1;
        self.glyphs.insert(key.into(), (c, uni.into(), width));
        c
    }

    /// Hex string of the codes of `text`, one glyph per char (honest map).
    pub fn hex(&mut self, text: &str) -> String {
        let mut out = String::from("<");
        for ch in text.chars() {
            let s = ch.to_string();
            let code = self.glyph(&s, &s, width_of(ch));
            out.push_str(&self.code_hex(code));
        }
        out.push('>');
        out
    }

    pub fn code_hex(&self, code: u32) -> String {
        if self.two_byte {
            format!("{code:04X}")
        } else {
            format!("{code:02X}")
        }
    }

    fn cmap(&self) -> Vec<u8> {
        let mut s = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Test-UCS def\n/CMapType 2 def\n1 begincodespacerange\n",
        );
        if self.two_byte {
            s.push_str("<0000> <FFFF>\n");
        } else {
            s.push_str("<00> <FF>\n");
        }
        s.push_str("endcodespacerange\n");
        let entries: Vec<_> = self.glyphs.values().collect();
        // Half as bfchar, the rest as one-code bfranges: both forms are read.
        let (a, b) = entries.split_at(entries.len() / 2);
        s.push_str(&format!("{} beginbfchar\n", a.len()));
        for (code, uni, _) in a {
            s.push_str(&format!(
                "<{}> <{}>\n",
                self.code_hex(*code),
                utf16_hex(uni)
            ));
        }
        s.push_str("endbfchar\n");
        s.push_str(&format!("{} beginbfrange\n", b.len()));
        for (code, uni, _) in b {
            let h = self.code_hex(*code);
            s.push_str(&format!("<{h}> <{h}> <{}>\n", utf16_hex(uni)));
        }
        s.push_str(
            "endbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n",
        );
        s.into_bytes()
    }

    /// Add the font (and its ToUnicode stream) to `doc`.
    pub fn add_to(&self, doc: &mut Document) -> ObjectId {
        let tu = doc.add_object(Stream::new(dictionary! {}, self.cmap()));
        if self.two_byte {
            let mut w: Vec<Object> = Vec::new();
            for (code, _, width) in self.glyphs.values() {
                w.push(Object::Integer(*code as i64));
                w.push(Object::Array(vec![Object::Integer(*width)]));
            }
            let cid = doc.add_object(dictionary! {
                "Type" => "Font",
                "Subtype" => "CIDFontType2",
                "BaseFont" => "TestThaiPUA",
                "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
                "DW" => 1000,
                "W" => w,
            });
            doc.add_object(dictionary! {
                "Type" => "Font",
                "Subtype" => "Type0",
                "BaseFont" => "TestThaiPUA",
                "Encoding" => "Identity-H",
                "DescendantFonts" => vec![cid.into()],
                "ToUnicode" => tu,
            })
        } else {
            let last = self.glyphs.values().map(|g| g.0).max().unwrap_or(32);
            let mut widths = vec![Object::Integer(0); (last - 32 + 1) as usize];
            for (code, _, width) in self.glyphs.values() {
                widths[(*code - 32) as usize] = Object::Integer(*width);
            }
            doc.add_object(dictionary! {
                "Type" => "Font",
                "Subtype" => "TrueType",
                "BaseFont" => "TestThai",
                "FirstChar" => 32,
                "LastChar" => last as i64,
                "Widths" => widths,
                "Encoding" => "WinAnsiEncoding",
                "ToUnicode" => tu,
            })
        }
    }
}

pub fn utf16_hex(s: &str) -> String {
    s.encode_utf16().map(|u| format!("{u:04X}")).collect()
}

/// Text of an /ActualText string (UTF-16BE with BOM).
pub fn actual_text(s: &str) -> Object {
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

/// Assemble pages (content streams) sharing one resource dictionary.
pub fn assemble(
    mut doc: Document,
    font: ObjectId,
    contents: Vec<Vec<u8>>,
    properties: lopdf::Dictionary,
    width: i64,
    height: i64,
) -> Document {
    let pages_id = doc.new_object_id();
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font },
        "Properties" => properties,
    });
    let mut kids = Vec::new();
    for c in contents {
        let content = doc.add_object(Stream::new(dictionary! {}, c));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), width.into(), height.into()],
        });
        kids.push(Object::Reference(page));
    }
    let n = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => n }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc
}

pub fn save(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("write pdf");
    out
}

// ---------------------------------------------------------------------------
// The fixtures
// ---------------------------------------------------------------------------

/// A legacy font whose ToUnicode maps the shifted marks to Windows PUA code
/// points (U+F70x), Identity-H two-byte codes: "ผู้บริหาร" as
/// ผ ู(F719? no: standard ู) ้→U+F70B, "ก่อน" with ่→U+F70A, "เป็น" with
/// ็→U+F712, "ป้องกัน" with ้→U+F706.
pub fn pua_font() -> Vec<u8> {
    let mut f = FontBuilder::new(true);
    let line = |f: &mut FontBuilder, parts: &[(&str, &str)]| {
        let mut hex = String::from("<");
        for (key, uni) in parts {
            let w = uni.chars().next().map(width_of).unwrap_or(500);
            let code = f.glyph(key, uni, w);
            hex.push_str(&f.code_hex(code));
        }
        hex.push('>');
        hex
    };
    let honest = |s: &str| {
        s.chars()
            .map(|c| (c.to_string(), c.to_string()))
            .collect::<Vec<_>>()
    };
    let mut l1: Vec<(String, String)> = honest("ผู");
    l1.push(("tone-mai-tho-SD".into(), "\u{F70B}".into()));
    l1.extend(honest("บริหาร ก"));
    l1.push(("tone-mai-ek-SD".into(), "\u{F70A}".into()));
    l1.extend(honest("อน"));
    let mut l2: Vec<(String, String)> = honest("เป");
    l2.push(("maitaikhu-SL".into(), "\u{F712}".into()));
    l2.extend(honest("น ป"));
    l2.push(("tone-mai-tho-SDL".into(), "\u{F706}".into()));
    l2.extend(honest("องกัน"));
    let p1: Vec<(&str, &str)> = l1.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let p2: Vec<(&str, &str)> = l2.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let h1 = line(&mut f, &p1);
    let h2 = line(&mut f, &p2);
    let content = format!("BT /F1 16 Tf 72 760 Td {h1} Tj ET\nBT /F1 16 Tf 72 700 Td {h2} Tj ET\n");
    let mut doc = Document::with_version("1.5");
    let font = f.add_to(&mut doc);
    save(assemble(
        doc,
        font,
        vec![content.into_bytes()],
        dictionary! {},
        595,
        842,
    ))
}

/// Justified Thai: every cluster spread by char spacing (Tc) and by TJ
/// adjustments; sara am and sara uu only in /ActualText spans (inline and
/// via a /Properties resource), with ToUnicode that lies like LibreOffice's
/// (nikhahit glyph → ำ, sara-uu glyph → ้); a tone shifted left by kerning
/// on ป; a real word space.
pub fn letter_spaced() -> Vec<u8> {
    let mut f = FontBuilder::new(false);
    let nikhahit = f.glyph("nikhahit", "\u{0E33}", 0);
    let aa = f.glyph("า", "า", width_of('า'));
    let uu = f.glyph("sara-uu", "\u{0E49}", 0);
    let am = format!("<{}{}>", f.code_hex(nikhahit), f.code_hex(aa));
    let uu = format!("<{}>", f.code_hex(uu));
    // Line 1 (Tc spread): "กระบวนการกำกับดูแล" — the ำ of กำ is an ActualText span.
    let a = f.hex("กระบวนการก");
    let b = f.hex("กับด");
    let c = f.hex("แล");
    let mut s = String::new();
    s.push_str(&format!("BT /F1 16 Tf 3 Tc 72 760 Td {a} Tj /Span <</ActualText {}>> BDC {am} Tj EMC {b} Tj /Span /P1 BDC {uu} Tj EMC {c} Tj ET\n", hexobj("ำ")));
    // Line 2 (TJ spread, kerned tone on ป, one word space):
    // "ป้องกันการทุจริต ผู้บริหาร"
    let p = f.hex("ป");
    let tone = f.hex("\u{0E49}");
    let rest = f.hex("องกันการทุจริต");
    let sp = f.hex(" ");
    let ph = f.hex("ผ");
    let tone2 = f.hex("\u{0E49}");
    let tail = f.hex("บริหาร");
    let spread: String = rest
        .trim_matches(|c| c == '<' || c == '>')
        .as_bytes()
        .chunks(2)
        .map(|h| format!("<{}> -120 ", std::str::from_utf8(h).unwrap_or("")))
        .collect();
    s.push_str(&format!(
        "BT /F1 16 Tf 72 730 Td [{p} 150 {tone} -150 {spread}{sp} {ph}] TJ /Span <</ActualText {}>> BDC {uu} Tj EMC {tone2} Tj {tail} Tj ET\n",
        hexobj("ู")
    ));
    let mut doc = Document::with_version("1.5");
    let font = f.add_to(&mut doc);
    let props = dictionary! { "P1" => dictionary! { "ActualText" => actual_text("ู") } };
    save(assemble(doc, font, vec![s.into_bytes()], props, 595, 842))
}

fn hexobj(s: &str) -> String {
    format!("<FEFF{}>", utf16_hex(s))
}

/// A ruled table over two pages (landscape): the header row repeats on
/// page 2, the second row is split by the page break, cells wrap over two
/// lines; page numbers at the top of page 2 and the bottom of page 1.
pub fn table_multipage() -> Vec<u8> {
    let mut f = FontBuilder::new(false);
    let cols = [72.0, 232.0, 472.0, 632.0, 770.0];
    let text = |f: &mut FontBuilder, x: f64, y: f64, t: &str| {
        format!("BT /F1 14 Tf {x} {y} Td {} Tj ET\n", f.hex(t))
    };
    let rules = |top: f64, hs: &[f64], bottom: f64| {
        let mut s = String::from("0.5 w\n");
        for y in std::iter::once(top)
            .chain(hs.iter().copied())
            .chain(std::iter::once(bottom))
        {
            s.push_str(&format!("{} {y} m {} {y} l S\n", cols[0], cols[4]));
        }
        for x in cols {
            // Vertical rules as thin filled rectangles (both forms occur).
            s.push_str(&format!("{} {bottom} 0.6 {} re f\n", x - 0.3, top - bottom));
        }
        s
    };
    let header = |f: &mut FontBuilder, top: f64| {
        let y = top - 20.0;
        text(f, cols[0] + 5.0, y, "มาตรการ")
            + &text(f, cols[1] + 5.0, y, "วิธีดำเนินการ")
            + &text(f, cols[2] + 5.0, y, "งบประมาณ")
            + &text(f, cols[3] + 5.0, y, "หมายเหตุ")
    };
    // Page 1
    let mut p1 = rules(540.0, &[510.0, 440.0], 300.0);
    p1.push_str(&header(&mut f, 540.0));
    p1.push_str(&text(&mut f, cols[0] + 5.0, 490.0, "โครงการอบรม"));
    p1.push_str(&text(&mut f, cols[0] + 5.0, 472.0, "คุณธรรมจริยธรรม"));
    p1.push_str(&text(&mut f, cols[1] + 5.0, 490.0, "จัดอบรมบุคลากรปีละ"));
    p1.push_str(&text(&mut f, cols[1] + 5.0, 472.0, "หนึ่งครั้ง"));
    p1.push_str(&text(&mut f, cols[2] + 5.0, 490.0, "20,000"));
    p1.push_str(&text(&mut f, cols[0] + 5.0, 420.0, "มาตรการเผยแพร่"));
    p1.push_str(&text(&mut f, cols[1] + 5.0, 420.0, "ประชาสัมพันธ์ผ่าน"));
    p1.push_str(&text(&mut f, cols[1] + 5.0, 402.0, "เว็บไซต์และ"));
    p1.push_str(&text(&mut f, cols[2] + 5.0, 420.0, "10,000"));
    p1.push_str(&text(&mut f, cols[3] + 5.0, 420.0, "ต่อเนื่อง"));
    p1.push_str(&text(&mut f, 420.0, 40.0, "1"));
    // Page 2: page number on top, header repeated, the split row continues.
    let mut p2 = text(&mut f, 420.0, 570.0, "2");
    p2.push_str(&rules(540.0, &[510.0, 470.0], 380.0));
    p2.push_str(&header(&mut f, 540.0));
    p2.push_str(&text(&mut f, cols[1] + 5.0, 490.0, "หอกระจายข่าว"));
    p2.push_str(&text(&mut f, cols[0] + 5.0, 450.0, "กิจกรรมตรวจสอบ"));
    p2.push_str(&text(&mut f, cols[1] + 5.0, 450.0, "ตรวจสอบภายใน"));
    p2.push_str(&text(&mut f, cols[2] + 5.0, 450.0, "-"));
    p2.push_str(&text(&mut f, cols[3] + 5.0, 450.0, "ไม่ใช้งบ"));
    let mut doc = Document::with_version("1.5");
    let font = f.add_to(&mut doc);
    save(assemble(
        doc,
        font,
        vec![p1.into_bytes(), p2.into_bytes()],
        dictionary! {},
        842,
        595,
    ))
}

/// A page without any text (a scan has an image; an empty page will do).
pub fn no_text() -> Vec<u8> {
    let f = FontBuilder::new(false);
    let mut doc = Document::with_version("1.5");
    let font = f.add_to(&mut doc);
    let c = b"0.5 w 72 700 m 500 700 l S\n".to_vec();
    save(assemble(
        doc,
        font,
        vec![c.clone(), c],
        dictionary! {},
        595,
        842,
    ))
}

/// RC4 (the PDF standard security handler, revision 2, 40-bit).
fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut s: Vec<u8> = (0..=255).collect();
    let mut j: u8 = 0;
    for i in 0..256 {
        j = j.wrapping_add(s[i]).wrapping_add(key[i % key.len()]);
        s.swap(i, j as usize);
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|b| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(s[i as usize]);
            s.swap(i as usize, j as usize);
            b ^ s[(s[i as usize].wrapping_add(s[j as usize])) as usize]
        })
        .collect()
}

const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

fn md5(data: &[u8]) -> Vec<u8> {
    use md5::Digest;
    md5::Md5::digest(data).as_slice().to_vec()
}

/// Every string of an object, however deep in its dictionaries and arrays,
/// and a stream's data (§7.6.2: "all strings and streams"); RC4 is symmetric.
fn rc4_object(key: &[u8], o: &mut Object) {
    match o {
        Object::String(s, _) => *s = rc4(key, s),
        Object::Array(a) => a.iter_mut().for_each(|o| rc4_object(key, o)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| rc4_object(key, o)),
        Object::Stream(s) => {
            s.dict.iter_mut().for_each(|(_, o)| rc4_object(key, o));
            let c = rc4(key, &s.content);
            s.set_content(c)
        }
        _ => {}
    }
}

/// The 40-bit file key of security handler revision 2 (Algorithm 2): MD5 of
/// the padded password, /O, /P (4 bytes, little-endian) and the first /ID.
fn rc4_r2_key(doc: &Document, enc: ObjectId, user_pw: &str) -> Vec<u8> {
    let d = doc.get_dictionary(enc).expect("encrypt dict");
    let mut m: Vec<u8> = user_pw.bytes().chain(PAD).take(32).collect();
    m.extend_from_slice(d.get(b"O").and_then(|o| o.as_str()).expect("O"));
    let p = d.get(b"P").and_then(|o| o.as_i64()).expect("P") as i32;
    m.extend_from_slice(&p.to_le_bytes());
    let id = doc
        .trailer
        .get(b"ID")
        .and_then(|o| o.as_array())
        .expect("ID");
    m.extend_from_slice(id[0].as_str().expect("ID[0]"));
    md5(&m)[..5].to_vec()
}

/// The letter-spaced fixture encrypted (RC4 40-bit, R2) with `user_pw`.
pub fn encrypted(user_pw: &str) -> Vec<u8> {
    let bytes = letter_spaced();
    let mut doc = Document::load_mem(&bytes).expect("reload");
    let enc = doc.add_object(dictionary! {
        "Filter" => "Standard",
        "V" => 1,
        "R" => 2,
        "Length" => 40,
        "O" => Object::String(vec![0x4F; 32], StringFormat::Hexadecimal),
        "P" => -44,
        "U" => Object::String(vec![0; 32], StringFormat::Hexadecimal),
    });
    let id = Object::String(b"thaiplan-fixture".to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    doc.trailer.set("Encrypt", enc);
    let key = rc4_r2_key(&doc, enc, user_pw);
    let u = rc4(&key, &PAD);
    if let Ok(d) = doc.get_object_mut(enc).and_then(|o| o.as_dict_mut()) {
        d.set("U", Object::String(u, StringFormat::Hexadecimal));
    }
    let ids: Vec<ObjectId> = doc
        .objects
        .keys()
        .copied()
        .filter(|id| *id != enc)
        .collect();
    for id in ids {
        // Per-object key (ISO 32000-1 §7.6.2, Algorithm 1): MD5 of the file
        // key, the object number's low 3 bytes and the generation's low 2.
        let mut m = key.clone();
        m.extend_from_slice(&id.0.to_le_bytes()[..3]);
        m.extend_from_slice(&id.1.to_le_bytes()[..2]);
        let okey = md5(&m)[..key.len() + 5].to_vec();
        if let Ok(o) = doc.get_object_mut(id) {
            rc4_object(&okey, o);
        }
    }
    save(doc)
}

/// The table fixture cut in the middle.
pub fn truncated() -> Vec<u8> {
    let b = table_multipage();
    b[..b.len() / 2].to_vec()
}

/// A page shown rotated (/Rotate 90) whose text is drawn turned the other
/// way, so it reads upright: lines must come out in reading order.
pub fn rotated() -> Vec<u8> {
    let mut f = FontBuilder::new(false);
    let l1 = f.hex("หนังสือราชการ");
    let l2 = f.hex("ผู้บริหารท้องถิ่น");
    let c = format!(
        "BT /F1 16 Tf 0 1 -1 0 100 72 Tm {l1} Tj ET\nBT /F1 16 Tf 0 1 -1 0 140 72 Tm {l2} Tj ET\n"
    );
    let mut doc = Document::with_version("1.5");
    let font = f.add_to(&mut doc);
    let mut doc = assemble(doc, font, vec![c.into_bytes()], dictionary! {}, 595, 842);
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    for p in pages {
        if let Ok(d) = doc.get_object_mut(p).and_then(|o| o.as_dict_mut()) {
            d.set("Rotate", 90);
        }
    }
    save(doc)
}

/// A table drawn without rulings: columns only by position (numbers
/// right-aligned), under an ordinary paragraph line.
pub fn borderless_table() -> Vec<u8> {
    let mut f = FontBuilder::new(false);
    let mut c = String::new();
    let mut put = |f: &mut FontBuilder, x: f64, y: f64, t: &str| {
        c.push_str(&format!("BT /F1 14 Tf {x} {y} Td {} Tj ET\n", f.hex(t)))
    };
    put(&mut f, 72.0, 760.0, "สรุปผลการใช้จ่ายงบประมาณ ดังนี้");
    let rows = [
        ("ลำดับ", "รายการ", "จำนวนเงิน"),
        ("1", "โครงการอบรม", "20,000"),
        ("2", "มาตรการเผยแพร่", "5,000"),
        ("3", "กิจกรรมตรวจสอบ", "150,000"),
    ];
    for (k, (a, b, n)) in rows.iter().enumerate() {
        let y = 720.0 - 24.0 * k as f64;
        put(&mut f, 72.0, y, a);
        put(&mut f, 160.0, y, b);
        // Right-align the amount at x = 480.
        let w: i64 = n.chars().map(width_of).sum();
        put(&mut f, 480.0 - w as f64 * 14.0 / 1000.0, y, n);
    }
    let mut doc = Document::with_version("1.5");
    let font = f.add_to(&mut doc);
    save(assemble(
        doc,
        font,
        vec![c.into_bytes()],
        dictionary! {},
        595,
        842,
    ))
}
