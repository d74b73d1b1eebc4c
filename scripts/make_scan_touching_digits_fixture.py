#!/usr/bin/env python3
"""The scanned touching-digits fixture (issue 14): Garuda's Thai digits at
150 dpi print so close that blur joins three of them into one component
("๒๕๖" of "๒๕๖๒" in plan 003's period lines), which the digit reader must
cut in three (src/extract/ocr/digits.rs `read_glyphs`). A one-page Part-3
excerpt whose blocks state their periods and budgets in Thai digits is
written as DOCX with python-docx and scanned by scripts/font_scan.py
--from-docx at 150 dpi (seeded) in Garuda.

Usage: python3 scripts/make_scan_touching_digits_fixture.py [OUT_DIR]
  (default fixtures/scan; writes years_touching_garuda_thai_digits.pdf;
  the expect file is written by hand.)
Needs python3-docx, LibreOffice, poppler-utils, Pillow (scripts/setup.sh
with THAIPLAN_FIXTURE_TOOLS=1).
"""
import os
import tempfile

from scan_fixture import lines_docx, out_dir, scan

LINES = [
    "ส่วนที่ 3",
    "มิติที่ 2 การบริหารราชการเพื่อป้องกันการทุจริต",
    "2.1 การแสดงเจตจำนงทางการเมืองในการต่อต้านการทุจริต",
    "1. ชื่อโครงการ : มาตรการจัดทำแผนปฏิบัติการป้องกันการทุจริต",
    "2. ระยะเวลาดำเนินการ",
    "ปีงบประมาณ พ.ศ. 2562 - 2564",
    "3. งบประมาณดำเนินการ",
    "ไม่ใช้งบประมาณ",
    "4. ผู้รับผิดชอบ",
    "สำนักงานปลัด",
    "1. ชื่อโครงการ : โครงการอบรมคุณธรรมจริยธรรม",
    "2. ระยะเวลาดำเนินการ",
    "ปีงบประมาณ พ.ศ. 2566 - 2568",
    "3. งบประมาณดำเนินการ",
    "25,600 บาท",
    "4. ผู้รับผิดชอบ",
    "กองคลัง",
]


def main():
    out = out_dir()
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "touching.docx")
        lines_docx(src, LINES, 2.5, 16)
        scan(src, os.path.join(out, "years_touching_garuda_thai_digits.pdf"), "Garuda", 1)


if __name__ == "__main__":
    main()
