#!/usr/bin/env python3
"""The scanned list-marker fixtures (issue 14): one Part-3 project block
whose numbered field labels ("6. ระยะเวลาดำเนินการ", "7. งบประมาณดำเนินการ"),
objectives and steps ("1)" .. "7)", "(1)") are printed with Thai digits in
a TLWG face other than Laksaman, beside Thai lettered markers ("ก.", "ข.",
"ค)") that are letters and must stay letters. Written as DOCX with
python-docx, scanned by scripts/font_scan.py --from-docx (seeded: the same
image bytes each run on one machine).

tesseract reads these Thai digits as letters in such faces ("ฒ." for
"๗.", "อ)" for "๖)", "ev)" for "๗)"), which loses the block's fields; the
digit reader re-reads markers at a line start from the image.

Usage: /usr/bin/python3 scripts/make_scan_marker_fixture.py [OUT_DIR]
  (default fixtures/scan; writes markers_<face>_thai_digits.pdf, 1 page
  each, < 200 KB; the expect files are written by hand.)
Needs python3-docx, LibreOffice, poppler-utils, Pillow (scripts/setup.sh
with THAIPLAN_FIXTURE_TOOLS=1).
"""
import os
import tempfile

from docx.shared import Pt

from scan_fixture import document, out_dir, scan

# (face, seed, dpi): Loma and Garuda are the faces of the measured scans of
# plan 000; Norasi is a serif face.
FACES = [("Loma", 5, 200), ("Garuda", 6, 200), ("Norasi", 7, 200)]
BLOCK = [
    "ส่วนที่ 3 รายละเอียดโครงการ/กิจกรรม/มาตรการ ตามแผนปฏิบัติการฯ",
    "ลำดับที่ 1",
    "1. ชื่อโครงการ : โครงการส่งเสริมคุณธรรมสำหรับบุคลากร",
    "2. หลักการและเหตุผล",
    "องค์การบริหารส่วนตำบลทุ่งทองส่งเสริมให้บุคลากรปฏิบัติงานด้วยความซื่อสัตย์สุจริต",
    "3. วัตถุประสงค์",
    "1) เพื่อเสริมสร้างจิตสำนึกด้านคุณธรรมแก่บุคลากร",
    "2) เพื่อป้องกันการทุจริตในการปฏิบัติงาน",
    "3) เพื่อให้บุคลากรนำหลักคุณธรรมไปใช้ในการทำงาน",
    "4. กลุ่มเป้าหมาย",
    "ก. คณะผู้บริหารและสมาชิกสภา",
    "ข. พนักงานส่วนตำบลและพนักงานจ้าง",
    "ค) ประชาชนในพื้นที่",
    "5. วิธีดำเนินการ",
    "1) จัดทำโครงการและขออนุมัติดำเนินโครงการ",
    "2) ประสานวิทยากร",
    "3) จัดอบรมให้ความรู้",
    "4) ประเมินผลการอบรม",
    "5) สรุปผลการดำเนินการ",
    "6) ติดตามประเมินผลการปฏิบัติงาน",
    "7) รายงานผลการดำเนินการ",
    "6. ระยะเวลาดำเนินการ",
    "ปีงบประมาณ พ.ศ. 2566 - 2570",
    "7. งบประมาณดำเนินการ",
    "งบประมาณ 30,000 บาท",
    "8. ผู้รับผิดชอบโครงการ",
    "สำนักปลัด องค์การบริหารส่วนตำบลทุ่งทอง",
    "9. ผลผลิต/ผลลัพธ์",
    "บุคลากรมีคุณธรรมและจริยธรรมในการปฏิบัติงาน",
]


def docx(path):
    d = document(21.0, 29.7, 1.5, 14)
    for line in BLOCK:
        p = d.add_paragraph(line)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = 1.0
    d.save(path)


def main():
    out = out_dir()
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "markers.docx")
        docx(src)
        for font, seed, dpi in FACES:
            scan(src, os.path.join(out, f"markers_{font.lower()}_thai_digits.pdf"), font, seed,
                 dpi=dpi, quality=50)


if __name__ == "__main__":
    main()
