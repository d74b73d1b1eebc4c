#!/usr/bin/env python3
"""Generate the DOCX fixtures in fixtures/docx/ with python-docx.

    pip install -r scripts/requirements.txt
    python3 scripts/make_docx_fixtures.py

python-docx has no API for numbering definitions, text boxes, tracked
changes or fields, so those are added as OOXML elements through python-docx's
own oxml layer (the document itself is still built and saved by python-docx).
Output is deterministic apart from docProps timestamps, which are pinned.
"""
import datetime
import io
import os
import struct
import zlib

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "docx")


def pin(doc):
    cp = doc.core_properties
    cp.created = cp.modified = datetime.datetime(2024, 1, 1)
    cp.last_modified_by = cp.author = "thaiplan fixtures"
    cp.revision = 1


def header_row(row):
    """Mark a row as a header row repeated on every page (w:tblHeader)."""
    trPr = row._tr.get_or_add_trPr()
    trPr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def merged_cells():
    """A Part-2 style budget table: vMerge (dimension column), gridSpan (the
    total row's label), a repeated-header row, a multi-paragraph cell and a
    nested table."""
    doc = docx.Document()
    doc.add_paragraph("ส่วนที่ 2 แผนปฏิบัติการป้องกันการทุจริต")
    t = doc.add_table(rows=5, cols=5)
    t.style = "Table Grid"
    hdr = ["มิติ", "ภารกิจตามมิติ", "โครงการ/กิจกรรม/มาตรการ", "ปี 2566", "ปี 2567"]
    for c, text in zip(t.rows[0].cells, hdr):
        c.text = text
    header_row(t.rows[0])
    # Row 1-2: dimension 1 spans two project rows (vMerge).
    dim = t.cell(1, 0).merge(t.cell(2, 0))
    dim.text = "1. การสร้างวัฒนธรรมสุจริต"
    t.cell(1, 1).text = "1.1 การสร้างจิตสำนึก"
    t.cell(1, 2).text = "1) โครงการอบรมคุณธรรม"
    t.cell(1, 3).text = "30,000"
    t.cell(1, 4).text = "-"
    t.cell(2, 1).text = "1.2 การเสริมสร้างความรู้"
    p = t.cell(2, 2).paragraphs[0]
    p.text = "2) มาตรการเผยแพร่ข้อมูล"
    t.cell(2, 2).add_paragraph("(ต่อเนื่อง)")
    t.cell(2, 3).text = "-"
    t.cell(2, 4).text = "20,000"
    # Row 3: "รวม" spans the mission and project columns (gridSpan=2).
    tot = t.cell(3, 1).merge(t.cell(3, 2))
    tot.text = "รวม"
    t.cell(3, 3).text = "จำนวน 30,000 บาท"
    t.cell(3, 4).text = "จำนวน 20,000 บาท"
    # Row 4: a nested table inside the remark cell.
    t.cell(4, 2).text = "หมายเหตุ"
    inner = t.cell(4, 3).add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "ก"
    inner.cell(0, 1).text = "1"
    inner.cell(1, 0).text = "ข"
    inner.cell(1, 1).text = "2"
    doc.add_paragraph("ส่วนที่ 3")
    pin(doc)
    doc.save(os.path.join(OUT, "merged_cells.docx"))


def abstract_num(aid, levels):
    """levels: list of (numFmt, lvlText, start)."""
    lv = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    return parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
                     f'<w:multiLevelType w:val="multilevel"/>{lv}</w:abstractNum>')


def num(nid, aid, restart_at=None):
    over = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{restart_at}"/></w:lvlOverride>'
            if restart_at is not None else "")
    return parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{over}</w:num>')


def numbered(doc, text, nid, ilvl=0):
    p = doc.add_paragraph(text)
    pPr = p._p.get_or_add_pPr()
    pPr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{nid}"/></w:numPr>'))
    return p


def auto_numbering():
    """Decimal (two levels), thaiNumbers with a restart, thaiLetters,
    bullets (direct numPr and the List Bullet style)."""
    doc = docx.Document()
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for a in [
        abstract_num(90, [("decimal", "%1.", 1), ("decimal", "%1.%2", 1)]),
        abstract_num(91, [("thaiNumbers", "%1)", 1)]),
        abstract_num(92, [("thaiLetters", "%1.", 1)]),
        abstract_num(93, [("bullet", "\uf0b7", 1)]),
    ]:
        if first_num is not None:
            first_num.addprevious(a)
        else:
            numbering.append(a)
    for n in [num(90, 90), num(91, 91), num(92, 91, restart_at=1), num(93, 92), num(94, 93)]:
        numbering.append(n)

    doc.add_paragraph("วัตถุประสงค์")
    numbered(doc, "เพื่อป้องกันการทุจริต", 90)
    numbered(doc, "ผู้บริหาร", 90, 1)
    numbered(doc, "พนักงาน", 90, 1)
    numbered(doc, "เพื่อสร้างความโปร่งใส", 90)
    numbered(doc, "ประชาชน", 90, 1)
    doc.add_paragraph("เป้าหมาย")
    numbered(doc, "ลดคดีทุจริต", 91)
    numbered(doc, "ผ่านเกณฑ์ ITA", 91)
    numbered(doc, "ประชาชนมีส่วนร่วม", 91)
    doc.add_paragraph("ตัวชี้วัด (เริ่มนับใหม่)")
    numbered(doc, "ร้อยละความพึงพอใจ", 92)
    numbered(doc, "จำนวนเรื่องร้องเรียน", 92)
    doc.add_paragraph("ขั้นตอน")
    numbered(doc, "วางแผน", 93)
    numbered(doc, "ดำเนินการ", 93)
    numbered(doc, "ประกาศการจัดซื้อ", 94)
    doc.add_paragraph("สรุปผล", style="List Bullet")
    pin(doc)
    doc.save(os.path.join(OUT, "auto_numbering.docx"))


def tiny_png():
    raw = b"\x00\xff\xff\xff"
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


W = nsdecls("w")


def revisions_fields():
    """Tracked changes, fields (PAGE in body and header), a text box, image
    alt text, a partly bold paragraph, a wholly bold heading, tabs and a
    line break."""
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "หัวกระดาษ ไม่ใช่เนื้อหา"
    h = doc.add_paragraph()
    h.add_run("ส่วนที่ 1 บทนำ").bold = True
    p = doc.add_paragraph("1. ")
    p.add_run("ชื่อโครงการ:").bold = True
    p.add_run(" โครงการอบรม")
    p = doc.add_paragraph()
    p._p.append(parse_xml(f'<w:r {W}><w:t xml:space="preserve">งบประมาณ </w:t></w:r>'))
    p._p.append(parse_xml(f'<w:del {W} w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">'
                          f'<w:r><w:delText>10,000</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {W} w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z">'
                          f'<w:r><w:t>20,000</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:r {W}><w:t xml:space="preserve"> บาท</w:t></w:r>'))
    p = doc.add_paragraph("หน้า ")
    p._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {W}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'))
    p._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>'))
    p._p.append(parse_xml(f'<w:r {W}><w:t>7</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))
    p._p.append(parse_xml(f'<w:fldSimple {W} w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple>'))
    p = doc.add_paragraph("ระยะเวลา")
    p.add_run().add_tab()
    p.add_run("ปีงบประมาณ 2566")
    p.add_run().add_break()
    p.add_run("ถึง 2570")
    p = doc.add_paragraph("ผังงาน")
    p._p.append(parse_xml(
        f'<w:r {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        f'xmlns:v="urn:schemas-microsoft-com:vml">'
        f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        f'<w:p><w:r><w:t>ข้อความในกล่อง</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>ข้อความในกล่อง</w:t></w:r></w:p>'
        f'</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>'))
    doc.add_picture(io.BytesIO(tiny_png()), width=Inches(0.2))
    pic = doc.paragraphs[-1]
    for el in pic._p.iter(qn("wp:docPr")):
        el.set("descr", "กรอบลายไทย")
    doc.add_paragraph("จบ")
    pin(doc)
    doc.save(os.path.join(OUT, "revisions_fields.docx"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    merged_cells()
    auto_numbering()
    revisions_fields()
    for f in sorted(os.listdir(OUT)):
        print(f, os.path.getsize(os.path.join(OUT, f)))
