#!/usr/bin/env python3
"""The ruled scanned budget-table fixtures (issue 14): a one-page plan
excerpt (title with its years, a ruled Part-2 budget table: header, unit
row, project rows with amounts and "-" zero cells, a total row) written as
DOCX with python-docx, then scanned by scripts/font_scan.py --from-docx in a
TLWG face other than Laksaman, with Thai digits, at 150 dpi (seeded: the
same bytes each run on one machine).

Usage: python3 scripts/make_scan_table_fixture.py [OUT_DIR]
  (default fixtures/scan; writes table_loma_thai_digits.pdf, 1 page,
  ~135 KB; its expect file is written by hand. --font Garuda gives a scan
  whose header years OCR misreads beyond repair (left for the digit reader,
  see docs/decisions.md), so it is not committed.)
Needs python3-docx, LibreOffice, poppler-utils, Pillow (scripts/setup.sh
with THAIPLAN_FIXTURE_TOOLS=1).
"""
import os
import tempfile

from docx.shared import Cm

from scan_fixture import document, out_dir, scan

YEARS = [2566, 2567, 2568, 2569, 2570]
ROWS = [
    ["1. การสร้างวัฒนธรรมสุจริต", "1.1 การเสริมสร้างจิตสำนึกแก่บุคลากร",
     "1) โครงการส่งเสริมคุณธรรมสำหรับบุคลากร"] + ["30,000"] * 5 + [""],
    ["", "", "2) มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม"] + ["-"] * 5 + [""],
    ["", "1.2 การเสริมสร้างจิตสำนึกแก่ประชาชน",
     "3) โครงการส่งเสริมการดำเนินชีวิตตามหลักปรัชญาของเศรษฐกิจพอเพียง"]
    + ["50,000", "50,000", "-", "50,000", "50,000"] + ["อยู่ในข้อบัญญัติ"],
    ["", "รวม", "จำนวน 3 โครงการ", "80,000", "80,000", "30,000", "80,000", "80,000", ""],
]


def docx(path):
    d = document(29.7, 21.0, 1.5, 12, landscape=True)
    d.add_paragraph("แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2566 – 2570)")
    d.add_paragraph("องค์การบริหารส่วนตำบลทุ่งทอง อำเภอเมือง จังหวัดพะเยา")
    d.add_paragraph("ส่วนที่ 2 แผนปฏิบัติการป้องกันการทุจริต")
    t = d.add_table(rows=0, cols=9)
    t.style = "Table Grid"
    head = ["มิติ", "ภารกิจตามมิติ", "โครงการ/กิจกรรม/มาตรการ"] + [f"ปี {y}" for y in YEARS] + ["หมายเหตุ"]
    for cells in [head, ["", "", ""] + ["งบประมาณ (บาท)"] * 5 + [""]] + ROWS:
        row = t.add_row().cells
        for c, text in zip(row, cells):
            c.text = text
    widths = [Cm(3.2), Cm(3.6), Cm(5.6)] + [Cm(2.3)] * 5 + [Cm(2.6)]
    for row in t.rows:
        for c, w in zip(row.cells, widths):
            c.width = w
    d.save(path)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "table.docx")
        docx(src)
        for font, seed in (("Loma", 3),):
            scan(src, os.path.join(out_dir(), f"table_{font.lower()}_thai_digits.pdf"), font, seed)


if __name__ == "__main__":
    main()
