//! Small hand-written WordprocessingML cases the generated fixtures don't cover.

use std::io::Write;
use std::path::Path;
use thaiplan::extract::docx;
use zip::write::SimpleFileOptions;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn lines_of(body: &str, styles: Option<&str>, numbering: Option<&str>) -> Vec<String> {
    let doc =
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
    let mut parts: Vec<(String, String)> = vec![("word/document.xml".into(), doc)];
    if let Some(s) = styles {
        parts.push((
            "word/styles.xml".into(),
            format!(r#"<w:styles {W}>{s}</w:styles>"#),
        ));
    }
    if let Some(n) = numbering {
        parts.push((
            "word/numbering.xml".into(),
            format!(r#"<w:numbering {W}>{n}</w:numbering>"#),
        ));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, data) in &parts {
            z.start_file(name.as_str(), SimpleFileOptions::default())
                .unwrap();
            z.write_all(data.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }
    let d = docx::extract(Path::new("t.docx"), &buf.into_inner()).unwrap();
    d.lines.into_iter().map(|l| l.text).collect()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

#[test]
fn hidden_text_and_old_formatting_are_not_read() {
    let body = r#"<w:p><w:pPr><w:pPrChange w:id="1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>ก</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>ซ่อน</w:t></w:r><w:r><w:t>ข</w:t></w:r></w:p>"#;
    let num = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>"#;
    assert_eq!(lines_of(body, None, Some(num)), ["กข"]);
}

#[test]
fn style_bold_and_style_numbering() {
    let styles = r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:rPr><w:b/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="H2"><w:basedOn w:val="Heading1"/></w:style>
        <w:style w:type="paragraph" w:styleId="ListNumber"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>"#;
    let num = r#"<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="thaiNumbers"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>"#;
    let body = format!(
        "{}{}{}",
        r#"<w:p><w:pPr><w:pStyle w:val="H2"/></w:pPr><w:r><w:t>มิติที่ 1</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr><w:r><w:t>ข้อห้า</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr><w:r><w:t>ข้อหก</w:t></w:r></w:p>"#
    );
    let doc = lines_of(&body, Some(styles), Some(num));
    assert_eq!(doc, ["มิติที่ 1", "(๕) ข้อห้า", "(๖) ข้อหก"]);
}

#[test]
fn grid_before_after_and_simple_page_field() {
    let body = format!(
        r#"<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="2"/></w:trPr><w:tc>{}</w:tc></w:tr></w:tbl>{}<w:p><w:fldSimple w:instr="PAGE"><w:r><w:t>3</w:t></w:r></w:fldSimple><w:fldSimple w:instr="REF x"><w:r><w:t>อ้างอิง</w:t></w:r></w:fldSimple></w:p>"#,
        p("ก"),
        p("after")
    );
    assert_eq!(lines_of(&body, None, None), ["\tก\t\t", "after", "อ้างอิง"]);
}

#[test]
fn tabs_inside_cells_become_spaces_and_empty_cell_paragraphs_drop() {
    let body = r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ก</w:t><w:tab/><w:t>ข</w:t></w:r></w:p><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"#;
    assert_eq!(lines_of(body, None, None), ["ก ข\t"]);
}

#[test]
fn multilevel_restart_rules() {
    // Level 1 restarts after level 0 by default; lvlRestart=0 keeps counting.
    let num = r#"<w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="thaiLetters"/><w:lvlText w:val="%2)"/><w:lvlRestart w:val="0"/></w:lvl>
      </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let item = |lvl: u32, t: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
        )
    };
    let body = [
        item(0, "a"),
        item(1, "b"),
        item(0, "c"),
        item(1, "d"),
        item(0, ""),
        item(0, "e"),
    ]
    .concat();
    // Empty numbered paragraphs still count (Word draws their number).
    assert_eq!(
        lines_of(&body, None, Some(num)),
        ["1. a", "ก) b", "2. c", "ข) d", "", "4. e"]
    );
}

#[test]
fn num_instances_of_one_list_continue_unless_overridden() {
    let num = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#;
    let item = |n: u32, t: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{n}"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
        )
    };
    let body = [
        item(1, "a"),
        item(1, "b"),
        item(2, "c"),
        item(3, "d"),
        item(3, "e"),
        item(1, "f"),
    ]
    .concat();
    assert_eq!(
        lines_of(&body, None, Some(num)),
        ["1. a", "2. b", "3. c", "1. d", "2. e", "3. f"]
    );
}

#[test]
fn raw_newlines_in_text_never_split_lines() {
    let body = "<w:p><w:r><w:t xml:space=\"preserve\">ก\nข\r\nค</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t xml:space=\"preserve\">ง\nจ</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
    assert_eq!(lines_of(body, None, None), ["ก ข  ค", "ง จ"]);
}

#[test]
fn symbol_font_bullet_is_passed_as_its_pua_code_point() {
    let body = r#"<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:t xml:space="preserve"> ข้อ</w:t></w:r></w:p>"#;
    assert_eq!(lines_of(body, None, None), ["\u{F0B7} ข้อ"]);
}

#[test]
fn tracked_row_deletion_drops_the_row() {
    let body = format!(
        r#"<w:tbl><w:tr><w:tc>{}</w:tc></w:tr><w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr><w:tc>{}</w:tc></w:tr><w:tr><w:trPr><w:ins w:id="2" w:author="a"/></w:trPr><w:tc>{}</w:tc></w:tr></w:tbl>"#,
        p("แถวหนึ่ง"),
        p("แถวที่ลบ"),
        p("แถวที่เพิ่ม")
    );
    assert_eq!(lines_of(&body, None, None), ["แถวหนึ่ง", "แถวที่เพิ่ม"]);
}
