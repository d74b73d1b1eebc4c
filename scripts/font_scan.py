#!/usr/bin/env python3
"""A scan of a plan in a chosen typeface, made at measure time (issue 14):
the text corpus line format -> HTML (TAB rows as a ruled table) in FONT ->
Chromium print to PDF -> pdftoppm grey page images at DPI -> seeded scan
noise (specks, slight blur, JPEG) -> an image-only PDF. Nothing large is
committed; the gold of the source text scores the result.

Usage:
  python3 scripts/font_scan.py TEXT.txt OUT.scan.pdf [--font Garuda]
      [--dpi 200] [--thai-digits] [--seed 1]
  T=target/release/thaiplan
  python3 scripts/font_scan.py ../shared/corpus/text/003_48a6fdefb7483585.txt \\
      /tmp/fs/003_48a6fdefb7483585.scan.pdf --font Garuda --thai-digits
  $T ingest /tmp/fs --out /tmp/fs_out -q
  $T eval --gold ../shared/corpus/gold /tmp/fs_out/records.jsonl

The output file name must keep the corpus stem (NNN_hash) so that eval
finds its gold. --thai-digits writes every Arabic digit as a Thai digit
(as many LAO plans print them); values, hence the gold, are unchanged.
Needs chromium, poppler-utils, fonts-thai-tlwg and Pillow (setup.sh).
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile

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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("text")
    ap.add_argument("out")
    ap.add_argument("--font", default="Garuda")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--thai-digits", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    text = open(a.text, encoding="utf-8").read()
    if a.thai_digits:
        text = text.translate({ord("0") + i: 0x0E50 + i for i in range(10)})
    rng = random.Random(a.seed)
    with tempfile.TemporaryDirectory() as d:
        h = os.path.join(d, "doc.html")
        pdf = os.path.join(d, "doc.pdf")
        open(h, "w", encoding="utf-8").write(to_html(text.split("\n"), a.font))
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-pdf-header-footer", f"--print-to-pdf={pdf}", h],
                       check=True, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        subprocess.run(["pdftoppm", "-r", str(a.dpi), "-gray", pdf, os.path.join(d, "p")],
                       check=True)
        pages = sorted(f for f in os.listdir(d) if f.endswith(".pgm"))
        ims = [noisy(Image.open(os.path.join(d, f)).convert("L"), rng) for f in pages]
        if not ims:
            sys.exit("no pages rendered")
        ims[0].save(a.out, "PDF", resolution=a.dpi, save_all=True,
                    append_images=ims[1:], quality=75)
    print(f"{a.out}: {len(ims)} pages, {a.font}, {a.dpi} dpi", file=sys.stderr)


if __name__ == "__main__":
    main()
