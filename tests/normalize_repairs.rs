//! One test per repair of docs/grammar.md §6, with real examples: text corpus
//! lines are read from ../shared/corpus/text (file:line cited), PDF
//! artefacts are pinned as strings copied from `pdftotext` (poppler 22.12)
//! output of ../shared/corpus/pdf (line of that output cited).

use thaiplan::model::{NormalizationCounts, TextOrigin};
use thaiplan::normalize::{normalize_line, normalize_lines, normalize_str, Normalized};

const TEXT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/text/");

fn corpus(short: &str) -> String {
    let name = match short {
        "000" => "000_c8f04830a1ea0035.txt",
        "002" => "002_6cb85bbd8efcfe0c.txt",
        "003" => "003_48a6fdefb7483585.txt",
        _ => "004_3a9855a8704ba7b3.txt",
    };
    std::fs::read_to_string(format!("{TEXT}{name}")).expect("corpus file")
}

/// Line `n` (1-based) of a corpus text file.
fn line(short: &str, n: usize) -> String {
    corpus(short)
        .split('\n')
        .nth(n - 1)
        .map(|l| l.trim_end_matches('\r').to_string())
        .expect("line")
}

fn norm(s: &str) -> (String, NormalizationCounts) {
    let mut c = NormalizationCounts::new();
    let out = normalize_line(s, TextOrigin::Text, &mut c);
    (out, c)
}

fn pdf_lines(lines: &[&str]) -> Normalized {
    normalize_lines(lines, TextOrigin::PdfTextLayer)
}

fn count(c: &NormalizationCounts, k: &str) -> u64 {
    c.get(k).copied().unwrap_or(0)
}

// ---- 1. digits -------------------------------------------------------

#[test]
fn thai_digits_map_one_for_one() {
    // 002:L8 "(e๔)" ITA indicator code
    let l = line("002", 8);
    let (out, c) = norm(&l);
    assert!(out.contains("(e4)"));
    assert_eq!(
        out.chars().count(),
        l.trim_end_matches(' ').chars().count(),
        "one char for one"
    );
    assert!(count(&c, "thai_digits") > 0);
    // issue 3 amount (illustrative)
    let (out, c) = norm("๕,๒๒๕,๐๐๐.๐๐ บาท");
    assert_eq!(out, "5,225,000.00 บาท");
    assert_eq!(count(&c, "thai_digits"), 9);
    // 000:L876 "พ.ศ. ๒๕๕๘"
    assert!(norm(&line("000", 876)).0.contains("พ.ศ. 2558"));
}

#[test]
fn whole_corpus_counts_and_line_counts() {
    for (f, digits) in [("000", 84), ("002", 188), ("004", 506)] {
        let text = corpus(f);
        let (out, n) = normalize_str(&text, TextOrigin::Text);
        assert_eq!(
            out.split('\n').count(),
            text.split('\n').count(),
            "{f}: line-preserving"
        );
        assert_eq!(count(&n.counts, "thai_digits"), digits, "{f}");
    }
    // 003: one Thai "๓." (L532)
    let (_, n) = normalize_str(&corpus("003"), TextOrigin::Text);
    assert_eq!(count(&n.counts, "thai_digits"), 1);
    assert!(norm(&line("003", 532)).0.contains("3."));
}

// ---- 2. PUA ----------------------------------------------------------

#[test]
fn legacy_pua_glyphs_map_with_the_harfbuzz_table() {
    // §6.2 examples from the PUA rendering of 000
    let (out, c) = norm("ผู\u{F70B}บริหาร ก\u{F70A}อน เป\u{F712}น ป\u{F706}องกัน");
    assert_eq!(out, "ผู้บริหาร ก่อน เป็น ป้องกัน");
    assert_eq!(count(&c, "pua_glyphs"), 4);
    // Mac range: F88E → ้, F884 → ั
    assert_eq!(norm("ท\u{F884}\u{F88E}ง").0, "ทั้ง");
    // descender-less ฐ / ญ
    assert_eq!(norm("\u{F700}าน ห\u{F70F}ิง").0, "ฐาน หญิง");
    // nikhahit + tone + sara aa after mapping → tone + sara am (น้ำ)
    let (out, c) = norm("น\u{F711}\u{F70B}า");
    assert_eq!(out, "น้ำ");
    assert_eq!(count(&c, "sara_am"), 1);
}

#[test]
fn unknown_pua_is_kept_and_warned() {
    let n = normalize_lines(&["ก\u{F71B}ข"], TextOrigin::PdfTextLayer);
    assert_eq!(n.lines[0], "ก\u{F71B}ข");
    assert_eq!(n.warnings.len(), 1);
    assert_eq!(n.warnings[0].1, "unknown_pua");
    assert!(n.warnings[0].2.contains("U+F71B"));
}

#[test]
fn symbol_bullets_at_line_start_become_dashes() {
    // pdftotext 000.pdf L731
    let n = pdf_lines(&[
        "\u{F0B7} (1) เพื่อแสดงเจตจำนงสุจริตของผู้บริหาร",
        "  \u{F0B7}  ข้อ",
        "ก \u{F0B7} ข",
    ]);
    assert_eq!(n.lines[0], "- (1) เพื่อแสดงเจตจำนงสุจริตของผู้บริหาร");
    // leading spaces are a hint only; their run collapses like any other
    assert_eq!(n.lines[1], " - ข้อ");
    assert_eq!(n.lines[2], "ก • ข");
    assert_eq!(count(&n.counts, "pua_bullets"), 3);
}

// ---- 3. invisibles and look-alikes -------------------------------------

#[test]
fn invisibles_removed_nbsp_to_space() {
    let (out, c) = norm("\u{FEFF}ตำ\u{200B}บล\u{00AD}ตรัง\u{00A0}อำเภอ\u{200D}มายอ\u{2060}");
    assert_eq!(out, "ตำบลตรัง อำเภอมายอ");
    assert_eq!(count(&c, "invisible_chars"), 6);
}

#[test]
fn replacement_char_is_warned() {
    let n = normalize_lines(&["ok", "ก\u{FFFD}ข"], TextOrigin::Text);
    assert_eq!(n.lines[1], "ก\u{FFFD}ข");
    assert_eq!(n.warnings[0].0, 1);
    assert_eq!(n.warnings[0].1, "replacement_char");
}

#[test]
fn lao_lookalikes_on_thai_base_only() {
    // 002:L12 "สິ น" (Lao U+0EB4 on Thai ส)
    assert_eq!(norm("ทรัพย์สິน").0, "ทรัพย์สิน");
    // a Lao word keeps its Lao vowel
    assert_eq!(norm("ສິນ").0, "ສິນ");
    let (_, c) = norm(&line("002", 12));
    assert_eq!(count(&c, "lookalikes"), 3);
}

#[test]
fn double_sara_e_becomes_sara_ae() {
    let (out, c) = norm("เเผนปฏิบัติการ");
    assert_eq!(out, "แผนปฏิบัติการ");
    assert_eq!(count(&c, "lookalikes"), 1);
}

#[test]
fn cjk_run_dropped_with_warning() {
    // 000:L76 "ประเทศชาติก็必将มีความเจริญ"
    let l = line("000", 76);
    let n = normalize_lines(&[l.as_str()], TextOrigin::Text);
    assert!(n.lines[0].contains("ประเทศชาติก็มีความเจริญ"));
    assert_eq!(count(&n.counts, "foreign_script"), 1);
    assert_eq!(n.warnings[0].1, "foreign_script");
    assert!(n.warnings[0].2.contains("必将"));
    // Arabic script is not dropped
    assert_eq!(norm("ปัตตานี فطاني").0, "ปัตตานี فطاني");
}

// ---- 4. sara am ----------------------------------------------------------

#[test]
fn sara_am_recomposed_and_pdf_extract_artefact_removed() {
    // pdf-extract: ตำบล → ตำาบล (§6.2)
    let (out, c) = norm("องค์การบริหารส่วนตำาบลตรัง อำาเภอมายอ");
    assert_eq!(out, "องค์การบริหารส่วนตำบลตรัง อำเภอมายอ");
    assert_eq!(count(&c, "sara_am"), 2);
    // decomposed: nikhahit + sara aa, and nikhahit + tone + sara aa
    assert_eq!(norm("ต\u{0E4D}\u{0E32}บล").0, "ตำบล");
    assert_eq!(norm("น\u{0E4D}\u{0E49}\u{0E32}").0, "น\u{0E49}\u{0E33}");
    // never NFKC: ำ stays one code point
    assert_eq!(norm("กำหนด").0.chars().count(), 5);
}

// ---- 5. mark order and duplicates -----------------------------------------

#[test]
fn tone_after_vowel_order() {
    let (out, c) = norm("ก\u{0E49}\u{0E34}น");
    assert_eq!(out, "ก\u{0E34}\u{0E49}น");
    assert_eq!(count(&c, "mark_order"), 1);
}

#[test]
fn doubled_vowel_collapsed() {
    // 000:L388 "ชีวิิตประจำ"
    let l = line("000", 388);
    let (out, c) = norm(&l);
    assert!(out.contains("ชีวิตประจำ"));
    assert_eq!(count(&c, "duplicate_marks"), 1);
}

#[test]
fn doubled_tone_in_pdf_warns_lost_vowel() {
    // pdf-extract: ผู้บริหาร → ผ้้บริหาร (the ู is lost)
    let n = pdf_lines(&["ผ้้บริหาร"]);
    assert_eq!(n.lines[0], "ผ้้บริหาร");
    assert_eq!(n.warnings[0].1, "lost_vowel");
    // in text input an identical doubled tone is a typing slip
    assert_eq!(norm("ก่่อน").0, "ก่อน");
}

#[test]
fn line_starting_mark_moves_to_previous_line() {
    // pdftotext 000.pdf L19-20: "ขึน" / "้"
    let n = pdf_lines(&[
        "ประชาชนเกิดความเชื่อมั่น…มากยิ่ง",
        "ขึน",
        "้",
        "องค์การบริหารส่วนตำบลตรัง",
    ]);
    assert_eq!(
        n.lines,
        vec![
            "ประชาชนเกิดความเชื่อมั่น…มากยิ่ง",
            "ขึ้น",
            "",
            "องค์การบริหารส่วนตำบลตรัง"
        ]
    );
    // the move crosses empty lines and keeps the count of lines
    let n = pdf_lines(&["ประชาสัมพันธ์ขน", "", "ั้", "x"]);
    assert_eq!(n.lines, vec!["ประชาสัมพันธ์ขั้น", "", "", "x"]);
    // pdftotext 002.pdf L701-702: "ชีแ" / "้ จงให้พนักงาน"
    let n = pdf_lines(&["ชีแ", "้ จงให้พนักงาน"]);
    assert_eq!(n.lines, vec!["ชี้แ", " จงให้พนักงาน"]);
    // pdftotext 004.pdf L429-430: "…ได้สน" / "ิ ้ สุดแล้ว จึงขอรายงานผล"
    let n = pdf_lines(&[
        "เดือน (ตุลาคม ๒๕๖๓ – มีนาคม ๒๕๖๔) ได้สน",
        "ิ ้ สุดแล้ว จึงขอรายงานผล",
    ]);
    assert_eq!(n.lines[0], "เดือน (ตุลาคม 2563 – มีนาคม 2564) ได้สิ้น");
    assert_eq!(n.lines[1], " สุดแล้ว จึงขอรายงานผล");
    // a previous line ending in TABs: the mark goes before them
    let n = normalize_lines(&["ขึน\t\t", "้"], TextOrigin::Text);
    assert_eq!(n.lines, vec!["ขึน้\t\t", ""]);
    // no previous line: the mark stays
    assert_eq!(normalize_lines(&["้ก"], TextOrigin::Text).lines, vec!["้ก"]);
}

#[test]
fn space_before_mark_deleted() {
    // pdftotext 000.pdf L34 "ประกอบด้วย 3 ส่วน ดังนี ้"
    let (out, c) = norm("ประกอบด้วย 3 ส่วน ดังนี ้");
    assert_eq!(out, "ประกอบด้วย 3 ส่วน ดังนี้");
    assert_eq!(count(&c, "letter_spacing"), 1);
    // a TAB before a mark is a cell boundary and stays
    assert_eq!(norm("ก\t\u{0E49}").0, "ก\t\u{0E49}");
}

#[test]
fn pdftotext_tone_moves_are_word_list_checked() {
    // pdftotext 000.pdf L42-43: "มิติ รวมทัง้ สิน" / "้ จำนวน 20 โครงการ ดังนี ้"
    let n = pdf_lines(&["มิติ รวมทัง้ สิน", "้ จำนวน 20 โครงการ ดังนี ้"]);
    assert_eq!(n.lines, vec!["มิติ รวมทั้ง สิ้น", " จำนวน 20 โครงการ ดังนี้"]);
    // pdftotext 000.pdf L677 "ตัวชีว้ ัดไว้ว่า"
    assert_eq!(
        pdf_lines(&["ตัวชีว้ ัดไว้ว่า ในปี พ.ศ. 2580"]).lines[0],
        "ตัวชี้วัดไว้ว่า ในปี พ.ศ. 2580"
    );
    // pdftotext 000.pdf L714: ทัง้ moves, มีส่วน (same C+V+C+tone shape) stays
    let n = pdf_lines(&["รวมทัง้ มีส่วนร่วมในการตัดสินใจแก้ไขปั ญหาในระดับพื้นที่"]);
    assert_eq!(n.lines[0], "รวมทั้ง มีส่วนร่วมในการตัดสินใจแก้ไขปัญหาในระดับพื้นที่");
    for ok in [
        "การมีส่วนร่วม",
        "ให้มีข้อมูล",
        "มีช่องทาง",
        "ภาษีท้องถิ่น",
        "ประเพณีท้องถิ่น",
    ] {
        assert_eq!(pdf_lines(&[ok]).lines[0], ok);
    }
    // only for PDF text layers: text input keeps what it has
    assert_eq!(norm("รวมทัง้").0, "รวมทัง้");
}

#[test]
fn pdftotext_vowel_pushed_past_a_space() {
    // pdftotext 000.pdf L2269-2270 "…ของระบุช่ อ" / "ื องค์การบริหารส่วนตำบลตรงให้ผู้บริหาร"
    let n = pdf_lines(&["ข้อมูลสาธารณะของระบุช่ อ", "ื องค์การบริหารส่วนตำบลตรงให้ผู้บริหาร"]);
    assert_eq!(
        n.lines,
        vec!["ข้อมูลสาธารณะของระบุชื่อ", " องค์การบริหารส่วนตำบลตรงให้ผู้บริหาร"]
    );
    // pdftotext 000.pdf L1933-1934 "…หรือประโยชน์อ่ น" / "ื ใด โดยมี…"
    let n = pdf_lines(&["ของขวัญหรือประโยชน์อ่ น", "ื ใด โดยมีวัตถุประสงค์"]);
    assert_eq!(n.lines, vec!["ของขวัญหรือประโยชน์อื่น", " ใด โดยมีวัตถุประสงค์"]);
}

#[test]
fn pdftotext_repairs_on_a_real_page() {
    // pdftotext 000.pdf L9-22 (คำนำ), as printed
    let page = "คำนำ\nองค์การบริหารส่วนตำบลตรังได้จัดทำแผนปฏิบัติการป้ องกัน\nการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ. 2566 – 2570)\nเพื่อเพิ่มประสิทธิภาพในการป้ องกันการทุจริต ยกย่องมาตรฐานในการ\nบริหารองค์กรปกครองส่วนท้องถิ่นในการต่อต้านการทุจริตอย่างเป็ นรูป\nประชาชนเกิดความเชื่อมั่นและศรัทธาในการทำงานของหน่วยงานมากยิ่ง\nขึน\n้\n";
    let (out, n) = normalize_str(page, TextOrigin::PdfTextLayer);
    let want = "คำนำ\nองค์การบริหารส่วนตำบลตรังได้จัดทำแผนปฏิบัติการป้องกัน\nการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ. 2566 – 2570)\nเพื่อเพิ่มประสิทธิภาพในการป้องกันการทุจริต ยกย่องมาตรฐานในการ\nบริหารองค์กรปกครองส่วนท้องถิ่นในการต่อต้านการทุจริตอย่างเป็นรูป\nประชาชนเกิดความเชื่อมั่นและศรัทธาในการทำงานของหน่วยงานมากยิ่ง\nขึ้น\n\n";
    assert_eq!(out, want);
    assert_eq!(count(&n.counts, "letter_spacing"), 3);
    assert_eq!(count(&n.counts, "mark_order"), 2); // the move and the tone fix
}

// ---- 6. spacing --------------------------------------------------------

#[test]
fn tall_consonant_space_only_where_the_word_list_confirms() {
    // pdftotext 000.pdf L1, L6, L16
    let (out, c) = norm("แผนปฏิบัติการป้ องกันการทุจริต จังหวัดปั ตตานี อย่างเป็ นรูป เป้ าหมาย");
    assert_eq!(out, "แผนปฏิบัติการป้องกันการทุจริต จังหวัดปัตตานี อย่างเป็นรูป เป้าหมาย");
    assert_eq!(count(&c, "letter_spacing"), 4);
    // two words: stays (pdftotext 000.pdf "ในปี พ.ศ.", "ปี ที่")
    for ok in ["ในปี พ.ศ. 2566", "ในปี ที่ผ่านมา", "ปี งบประมาณ"]
    {
        assert_eq!(norm(ok).0, ok);
    }
}

#[test]
fn letter_spaced_run_collapsed() {
    // 002:L12 col 1
    let l = line("002", 12);
    let (out, c) = norm(&l);
    let col1 = out.split('\t').next().unwrap_or("");
    // wrong letters (ำ for า, ุ for ู) are kept: no spell-correction
    assert_eq!(col1, "กระบวนการกำกับดุแลกำรใช้ทรัพย์สินของรำชกำร");
    assert!(count(&c, "letter_spacing") >= 20);
    // the same cell as the pipeline's PDF extractor gives it (002.pdf), half-merged
    let (pdf_cell, _) =
        norm("ก ร ะ บ ว น กา ร ก ำ ก ับ ดุแล ก ำ ร ใช้ ทรั พ ย์ ส น ของร ำ ช ก ำ ร\t1. กำหนด");
    assert_eq!(pdf_cell, "กระบวนการกำกับดุแลกำรใช้ทรัพย์สนของรำชกำร\t1. กำหนด");
    // col 6 "ทรั พ ย์ สິ น" ×2 inside prose: only the 4 single clusters join
    assert!(out.contains("ทรั พย์สิน"));
}

#[test]
fn normal_words_are_not_glued() {
    // runs of short words (one cluster each, but not bare letters)
    for ok in [
        "ที่ ไม่ ได้ ใช้ ก็ ดี",
        "ณ ที่ว่าการ อำเภอ",
        "ข้อ 1 ก ข ค",
        "ตาม ม. 1 ก และ ข",
    ] {
        assert_eq!(norm(ok).0, ok);
    }
}

#[test]
fn space_runs_and_trailing_spaces() {
    // 003:L9 justification spaces
    let l = line("003", 9);
    let (out, c) = norm(&l);
    assert!(out.contains("องค์การบริหาร ส่วนตำบลจอมประทัด"));
    assert!(!out.contains("  "));
    assert!(count(&c, "spaces") >= 1);
    // 003:L30 "9. ผู้รับผิดชอบ␠"
    assert_eq!(norm(&line("003", 30)).0, "9. ผู้รับผิดชอบ");
    // 004:L67 ends in 8 TABs: kept
    let l = line("004", 67);
    let out = norm(&l).0;
    assert!(out.ends_with("\t\t\t\t\t\t\t\t"));
    assert_eq!(out.matches('\t').count(), l.matches('\t').count());
    // 003:L757 is a TAB, 004:L43 a space: whitespace-only lines become empty
    assert_eq!(norm(&line("003", 757)).0, "");
    assert_eq!(norm(&line("004", 43)).0, "");
}

// ---- 7. markup -----------------------------------------------------------

#[test]
fn inline_markup_removed_structure_kept() {
    // 000:L172 "1. **ชื่อโครงการ:** โครงการ…"
    let (out, c) = norm(&line("000", 172));
    assert!(out.starts_with("1. ชื่อโครงการ: โครงการ"));
    assert_eq!(count(&c, "markup"), 2);
    // 003:L296 "[image: …]" glued to text
    let out = norm(&line("003", 296)).0;
    assert!(out.starts_with("แก่ประชาชน"));
    assert!(!out.contains("[image:"));
    // 000:L723 autolink
    let out = norm(&line("000", 723)).0;
    assert!(out.contains("ป.ป.ช. http://www.nacc.go.th เป็น"));
    // 000:L57 risk table: <p> stays
    let l = line("000", 57);
    let out = norm(&l).0;
    assert_eq!(out.matches("<p>").count(), l.matches("<p>").count());
    assert_eq!(out.matches("</p>").count(), l.matches("</p>").count());
}

#[test]
fn final_newline_and_crlf() {
    let (out, _) = normalize_str("ก\r\nข\r\n", TextOrigin::Text);
    assert_eq!(out, "ก\nข\n");
    let (out, _) = normalize_str("ก\nข", TextOrigin::Text);
    assert_eq!(out, "ก\nข");
}

#[test]
fn hostile_lines_stay_linear_and_safe() {
    // a long space-less Thai run full of pdftotext-shaped candidates, and a
    // consonant with a huge stack of marks
    let long: String = "ทัง้มีส่วนขึน้".repeat(20_000);
    let t = std::time::Instant::now();
    let n = normalize_lines(&[long.as_str()], TextOrigin::PdfTextLayer);
    assert!(n.lines[0].starts_with("ทั้งมีส่วนขึ้น"));
    assert!(t.elapsed().as_secs() < 20);
    for unit in [
        "ป้ องกัน ",
        "ระบุช่ อื ",
        "เป็ น",
        "เเผน",
        "[image: x]ก",
        "<http://a.th>",
        "ก ข ค ง ",
    ] {
        let long = unit.repeat(30_000);
        let t = std::time::Instant::now();
        let n = normalize_lines(&[long.as_str()], TextOrigin::PdfTextLayer);
        assert!(t.elapsed().as_secs() < 20, "{unit}");
        assert!(n.lines[0].len() < long.len());
    }
    let stack = format!("มี{}ก{}", "\u{0E34}".repeat(100), "\u{0E49}".repeat(100));
    let n = normalize_lines(&[stack.as_str()], TextOrigin::PdfTextLayer);
    assert_eq!(n.lines.len(), 1);
}
