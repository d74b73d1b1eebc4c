#!/usr/bin/env python3
"""The scanned page-number fixture (issue 14): a field that runs across a
page break, with the page number printed in the footer (a PAGE field) and
in the header ("- N -"). OCR keeps the numbers as lines; the OCR stage
drops a page-number line at a page's edge as the PDF path does, so the
field's text does not take it in (src/extract/ocr/tsv.rs
`drop_page_numbers`). Written as DOCX with python-docx and scanned by
scripts/font_scan.py --from-docx in Loma (Thai digits) at 150 dpi, seeded.

Usage: python3 scripts/make_scan_page_number_fixture.py [OUT_DIR]
  (default fixtures/scan; writes page_number_loma_thai_digits.pdf, 2
  pages; the expect file is written by hand.)
Needs python3-docx, LibreOffice, poppler-utils, Pillow (scripts/setup.sh
with THAIPLAN_FIXTURE_TOOLS=1).
"""
import os
import tempfile

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from scan_fixture import document, out_dir, scan


def page_field(par):
    """Append a PAGE field (the page's number) to the paragraph."""
    par._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def docx(path):
    d = document(21.0, 14.8, 2.0, 14)
    s = d.sections[0]
    f = s.footer.paragraphs[0]
    f.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_field(f)
    h = s.header.paragraphs[0]
    h.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    h.add_run("- ")
    page_field(h)
    h.add_run(" -")
    for line in [
        "แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2566 - 2570)",
        "องค์การบริหารส่วนตำบลหนองบัว อำเภอเมือง จังหวัดอุดรธานี",
        "ส่วนที่ 3 รายละเอียดโครงการ/กิจกรรม/มาตรการ",
        "ลำดับที่ 1",
        "1. ชื่อโครงการ : โครงการอบรมคุณธรรมจริยธรรมแก่พนักงาน",
        "2. วัตถุประสงค์",
        "- เพื่อส่งเสริมความโปร่งใส",
        "3. กลุ่มเป้าหมาย",
    ]:
        d.add_paragraph(line)
    p = d.add_paragraph("พนักงานส่วนตำบลและพนักงานจ้าง จำนวน 25 คน")
    p.paragraph_format.page_break_before = True
    for line in ["4. งบประมาณดำเนินการ", "20,000 บาท", "5. ผู้รับผิดชอบโครงการ", "สำนักปลัด"]:
        d.add_paragraph(line)
    d.save(path)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "pages.docx")
        docx(src)
        scan(src, os.path.join(out_dir(), "page_number_loma_thai_digits.pdf"), "Loma", 8)


if __name__ == "__main__":
    main()
