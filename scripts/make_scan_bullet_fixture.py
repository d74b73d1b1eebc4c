#!/usr/bin/env python3
"""The scanned bullet-list fixture (issue 14): objective items printed as a
Word "List Bullet" (a Symbol-font bullet, which LibreOffice without the
Symbol font draws as a box) before "1) เพื่อ…". tesseract reads the bullet
as a stray token ("[]", "J", "0", "ป์") before the item number, and in
faces with tall stacked marks it reads the marks above such an item as a
line of their own that starts with the bullet (src/extract/ocr/marks.rs
`mark_pairs`); the item is still an item (src/recognize/structure/fields.rs
`STRAY_MARKER`). A one-page Part-3 block is written as DOCX with
python-docx and scanned by scripts/font_scan.py --from-docx at 200 dpi
(seeded) in Garuda and Kinnari, Thai digits (FACES="Font:seed,…" for
others; what other faces give is in docs/decisions.md).

Usage: python3 scripts/make_scan_bullet_fixture.py [OUT_DIR]
  (default fixtures/scan; writes bullets_garuda_thai_digits.pdf and
  bullets_kinnari_thai_digits.pdf; the expect files are written by hand.)
Needs python3-docx, LibreOffice, poppler-utils, Pillow (scripts/setup.sh
with THAIPLAN_FIXTURE_TOOLS=1).
"""
import os
import tempfile

from docx.shared import Pt

from scan_fixture import document, out_dir, scan

HEAD = [
    "ส่วนที่ 3 รายละเอียดโครงการ/กิจกรรม/มาตรการ",
    "ลำดับที่ 1",
    "1. ชื่อโครงการ : มาตรการ NO Gift Policy",
    "2. หลักการและเหตุผล",
    "ผู้บริหารได้ให้ความสำคัญกับการบริหารงานเพื่อป้องกันการทุจริต",
    "3. วัตถุประสงค์",
]
ITEMS = [
    "1) เพื่อเสริมสร้างวัฒนธรรมในการป้องกันการทุจริตขององค์การบริหารส่วนตำบลตั้ง",
    "2) เพื่อแสดงเจตจำนงสุจริตของผู้บริหารท้องถิ่น สมาชิกสภาท้องถิ่น และบุคลากร",
    "3) เพื่อยึดถือเป็นหลักการและแนวทางการปฏิบัติงานอย่างสม่ำเสมอ",
    "4) เพื่อให้เกิดพันธะผูกพันระหว่างองค์กรและเจ้าหน้าที่ทุกระดับ",
]
TAIL = [
    "4. งบประมาณดำเนินการ",
    "ไม่ใช้งบประมาณ",
    "5. ผู้รับผิดชอบโครงการ",
    "สำนักปลัด",
]


def docx(path):
    d = document(21.0, 29.7, 2.5, 16)
    for line in HEAD:
        d.add_paragraph(line)
    for line in ITEMS:
        p = d.add_paragraph(line, style="List Bullet")
        p.paragraph_format.space_after = Pt(0)
    for line in TAIL:
        d.add_paragraph(line)
    d.save(path)


def main():
    out = out_dir()
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "bullets.docx")
        docx(src)
        faces = os.environ.get("FACES", "Garuda:1,Kinnari:3").split(",")
        for face in faces:
            font, seed = face.split(":")
            name = f"bullets_{font.lower()}_thai_digits"
            scan(src, os.path.join(out, f"{name}.pdf"), font, int(seed), dpi=200)


if __name__ == "__main__":
    main()
