#!/usr/bin/env python3
"""The scanned dash fixtures (issue 14): tesseract writes an en dash and a
hyphen alike as "-"; the OCR stage tells them apart by width against the
digits beside them (src/extract/ocr/tsv.rs `en_dashes`). A one-page plan
excerpt (title with its year span, two Part-3 blocks whose periods are
printed "2566 – 2570" and "2567 - 2568", a phone number with hyphens) is
written as DOCX with python-docx and scanned by scripts/font_scan.py
--from-docx at 150 dpi (seeded) in two faces other than Laksaman: Norasi
with Thai digits and Waree with Arabic digits.

Usage: python3 scripts/make_scan_dash_fixture.py [OUT_DIR]
  (default fixtures/scan; writes dash_norasi_thai_digits.pdf and
  dash_waree.pdf, ~60 KB each; the expect files are written by hand.)
Needs python3-docx, LibreOffice, poppler-utils, Pillow (scripts/setup.sh
with THAIPLAN_FIXTURE_TOOLS=1).
"""
import os
import tempfile

from scan_fixture import lines_docx, out_dir, scan

LINES = [
    "แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. 2566 – 2570)",
    "องค์การบริหารส่วนตำบลหนองบัว อำเภอเมือง จังหวัดอุดรธานี",
    "ส่วนที่ 3 รายละเอียดโครงการ/กิจกรรม/มาตรการ",
    "ลำดับที่ 1",
    "1. ชื่อโครงการ : โครงการอบรมคุณธรรมจริยธรรมแก่พนักงาน",
    "2. วัตถุประสงค์",
    "- เพื่อส่งเสริมความโปร่งใส",
    "3. ระยะเวลาดำเนินการ",
    "ปีงบประมาณ พ.ศ. 2566 – 2570",
    "4. งบประมาณดำเนินการ",
    "20,000 บาท",
    "5. ผู้รับผิดชอบโครงการ",
    "สำนักปลัด โทร 0-4222-1234",
    "ลำดับที่ 2",
    "1. ชื่อโครงการ : มาตรการเผยแพร่ข้อมูลข่าวสาร",
    "2. วัตถุประสงค์",
    "- เพื่อเปิดเผยข้อมูลต่อประชาชน",
    "3. ระยะเวลาดำเนินการ",
    "ปีงบประมาณ พ.ศ. 2567 - 2568",
    "4. งบประมาณดำเนินการ",
    "ไม่ใช้งบประมาณ",
    "5. ผู้รับผิดชอบโครงการ",
    "กองคลัง",
]


def main():
    out = out_dir()
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "dash.docx")
        lines_docx(src, LINES, 2.0, 14)
        for font, thai, seed, name in (("Norasi", True, 5, "dash_norasi_thai_digits"),
                                       ("Waree", False, 6, "dash_waree")):
            scan(src, os.path.join(out, f"{name}.pdf"), font, seed, thai_digits=thai)


if __name__ == "__main__":
    main()
