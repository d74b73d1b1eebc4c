"""What the scanned-fixture scripts share (make_scan_*_fixture.py): a
python-docx page with given size, margins and body size, and the call of
scripts/font_scan.py --from-docx that prints it in a face and scans it
(seeded: the same image bytes each run on one machine)."""
import os
import subprocess
import sys

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

HERE = os.path.dirname(os.path.abspath(__file__))


def out_dir():
    """The output directory: the first argument, else fixtures/scan."""
    return sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "fixtures", "scan")


def document(width_cm, height_cm, margin_cm, size_pt, landscape=False):
    """A one-section DOCX of that page size, equal margins, body size."""
    d = Document()
    s = d.sections[0]
    if landscape:
        s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = Cm(width_cm), Cm(height_cm)
    for m in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(s, m, Cm(margin_cm))
    d.styles["Normal"].font.size = Pt(size_pt)
    return d


def lines_docx(path, lines, margin_cm, size_pt, after_pt=2):
    """An A4 portrait DOCX at `path`: one paragraph a line, `after_pt` after each."""
    d = document(21.0, 29.7, margin_cm, size_pt)
    for line in lines:
        p = d.add_paragraph(line)
        p.paragraph_format.space_after = Pt(after_pt)
    d.save(path)


def scan(src, pdf, font, seed, dpi=150, quality=60, thai_digits=True):
    """Print the DOCX `src` in `font` and scan it to the image PDF `pdf`."""
    cmd = ["python3", os.path.join(HERE, "font_scan.py"), "--from-docx", src, pdf,
           "--font", font]
    if thai_digits:
        cmd.append("--thai-digits")
    cmd += ["--dpi", str(dpi), "--seed", str(seed), "--quality", str(quality)]
    subprocess.run(cmd, check=True)
    print(f"{pdf}: {os.path.getsize(pdf)} bytes", file=sys.stderr)
