#!/usr/bin/env python3
"""A scan of a plan in a chosen typeface, made at measure time (issue 14):
the text corpus line format -> HTML (TAB rows as a ruled table) in FONT ->
Chromium print to PDF -> pdftoppm grey page images at DPI -> seeded scan
noise (specks, slight blur, JPEG) -> an image-only PDF. Nothing large is
committed; the gold of the source text scores the result.

Usage:
  python3 scripts/font_scan.py TEXT.txt OUT.scan.pdf [--font Garuda]
      [--dpi 200] [--thai-digits] [--seed 1]
  python3 scripts/font_scan.py --from-docx DOCX OUT.scan.pdf [--font Loma]
      [--dpi 200] [--thai-digits] [--seed 1] [--rotate 0.5]
  T=target/release/thaiplan
  python3 scripts/font_scan.py ../shared/corpus/text/003_48a6fdefb7483585.txt \\
      /tmp/fs/003_48a6fdefb7483585.scan.pdf --font Garuda --thai-digits
  $T ingest /tmp/fs --out /tmp/fs_out -q
  $T eval --gold ../shared/corpus/gold /tmp/fs_out/records.jsonl

The output file name must keep the corpus stem (NNN_hash) so that eval
finds its gold. --thai-digits writes every Arabic digit as a Thai digit
(as many LAO plans print them); values, hence the gold, are unchanged.
Needs chromium, poppler-utils, fonts-thai-tlwg and Pillow (setup.sh).

--from-docx is the fair stand-in (the text mode draws its own layout, with
every TAB line a ruled box): the document's own layout, with every font in
its XML (run fonts, styles, theme) set to FONT, printed by LibreOffice
(soffice, installed by setup.sh), then the same rasterising and noise plus
a seeded slight rotation (at most --rotate degrees).
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

from PIL import Image, ImageFilter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from text_to_print_html import to_html as page_html  # noqa: E402


def to_html(lines, font):
    return page_html(lines, f"'{font}',sans-serif", 15)


def noisy(im, rng):
    """Scanner-like damage: a slight blur, grey specks, a faint background."""
    im = im.filter(ImageFilter.GaussianBlur(0.6))
    px = im.load()
    w, h = im.size
    for _ in range(w * h // 400):
        x, y = rng.randrange(w), rng.randrange(h)
        px[x, y] = rng.randrange(120, 230)
    return im.point(lambda v: min(v, 245))


THAI_DIGITS = {ord("0") + i: 0x0E50 + i for i in range(10)}


def refont_xml(xml, font, thai_digits):
    """Every font a DOCX part names becomes FONT: explicit run fonts, the
    theme references (dropped, so the explicit font applies) and the theme's
    own faces. With thai_digits, Arabic digits in text runs (<w:t>) become
    Thai digits; field codes and attributes are left alone."""
    def rfonts(m):
        return (f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" '
                f'w:eastAsia="{font}" w:cs="{font}"{m.group(1)}>')
    xml = re.sub(r"<w:rFonts\b[^>]*?(/?)>", rfonts, xml)
    xml = re.sub(r'(<a:(?:latin|ea|cs|font)\b[^>]*?typeface=")[^"]*"', rf'\g<1>{font}"', xml)
    if thai_digits:
        xml = re.sub(r"(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)",
                     lambda m: m.group(1) + m.group(2).translate(THAI_DIGITS) + m.group(3), xml)
    return xml


def docx_to_pdf(docx, font, thai_digits, d):
    """DOCX refonted (refont_xml on every word/*.xml part) -> PDF by soffice."""
    src = os.path.join(d, "doc.docx")
    with zipfile.ZipFile(docx) as zin, zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zout:
        for it in zin.infolist():
            data = zin.read(it.filename)
            if it.filename.startswith("word/") and it.filename.endswith(".xml"):
                data = refont_xml(data.decode("utf-8"), font, thai_digits).encode("utf-8")
            zout.writestr(it, data)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("font_scan.py --from-docx needs LibreOffice (scripts/setup.sh)")
    prof = "file://" + os.path.join(d, "lo-profile")
    subprocess.run([soffice, f"-env:UserInstallation={prof}", "--headless",
                    "--convert-to", "pdf", "--outdir", d, src],
                   check=True, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    pdf = os.path.join(d, "doc.pdf")
    if not os.path.exists(pdf):
        sys.exit(f"soffice made no PDF of {docx}")
    return pdf


def rotated(im, rng, max_deg):
    """A page fed slightly askew: white fills the corners."""
    if max_deg <= 0:
        return im
    return im.rotate(rng.uniform(-max_deg, max_deg), resample=Image.BICUBIC,
                     fillcolor=255)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("text", nargs="?")
    ap.add_argument("--from-docx", metavar="DOCX")
    ap.add_argument("--rotate", type=float, default=0.5)
    ap.add_argument("out", nargs="?")
    ap.add_argument("--font", default="Garuda")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--thai-digits", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quality", type=int, default=75, help="JPEG quality of the page images")
    a = ap.parse_args()
    if a.from_docx:
        # One positional: it is the output.
        a.out, a.text = a.text if a.out is None else a.out, None
    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory() as d:
        if a.from_docx:
            pdf = docx_to_pdf(a.from_docx, a.font, a.thai_digits, d)
        else:
            text = open(a.text, encoding="utf-8").read()
            if a.thai_digits:
                text = text.translate(THAI_DIGITS)
            h = os.path.join(d, "doc.html")
            pdf = os.path.join(d, "doc.pdf")
            open(h, "w", encoding="utf-8").write(to_html(text.split("\n"), a.font))
            subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                            "--no-pdf-header-footer", f"--print-to-pdf={pdf}", h],
                           check=True, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        subprocess.run(["pdftoppm", "-r", str(a.dpi), "-gray", pdf, os.path.join(d, "p")],
                       check=True)
        pages = sorted(f for f in os.listdir(d) if f.endswith(".pgm"))
        # The page askew first (the paper), then the scanner's damage.
        rot = a.rotate if a.from_docx else 0
        ims = [noisy(rotated(Image.open(os.path.join(d, f)).convert("L"), rng, rot), rng)
               for f in pages]
        if not ims:
            sys.exit("no pages rendered")
        ims[0].save(a.out, "PDF", resolution=a.dpi, save_all=True,
                    append_images=ims[1:], quality=a.quality)
    print(f"{a.out}: {len(ims)} pages, {a.font}, {a.dpi} dpi", file=sys.stderr)


if __name__ == "__main__":
    main()
