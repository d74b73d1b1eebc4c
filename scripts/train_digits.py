#!/usr/bin/env python3
"""Make the Thai/Arabic digit prototypes the OCR digit re-reader uses
(src/extract/ocr/digits.bin). Reproducible: same fonts, same bytes.

Every glyph of CLASSES is rendered with Pillow in every Thai font Debian
ships (fonts-thai-tlwg: Laksaman, Garuda, Loma, Kinnari, Norasi, Sawasdee,
Tlwg*, Umpush, Purisa, Waree, with their bold/italic faces) and in Sarabun
(PyPI fontpkg-sarabun, upright weights Light to Bold): TH Sarabun is the
face Thai government documents are typed in, and its digits are drawn
unlike Laksaman's nearest ones (๔ with a shorter tail than ๕) at the size of
body text in a 150 dpi scan, blurred and thresholded at two levels (thin
and heavy print, as a scan gives), and reduced to the feature the Rust side
computes (`digits::features`): the glyph's ink box centred in a square,
averaged to a GRID x GRID grid of ink fractions. One prototype per
(glyph, font, weight) is the mean over the augmentations; the Rust side
classifies a crop by its nearest prototypes.

Usage: python3 scripts/train_digits.py [--out src/extract/ocr/digits.bin]
Needs: fonts-thai-tlwg, fontpkg-sarabun and Pillow (scripts/setup.sh
installs them).
Thai letters (LETTERS) are rendered too, in the regular faces only, as
reject classes: a component nearest to a letter is not a digit, which lets
the reader widen its crop past tesseract's (often cut) word boxes and stop
at the neighbouring word.

File: b"THDG2", GRID (u8), n (u16 LE), then n x (class char as u32 LE,
GRID*GRID ink fractions as 4-bit values 0..15, two a byte, low nibble
first) -- 4 bits keep the file under 200 KB with the letters added; the
rounding (< 1/30 a cell) moves no nearest prototype measurably.
"""
import glob
import os
import struct
import sys

from PIL import Image, ImageDraw, ImageFilter, ImageFont

GRID = 12
CLASSES = "๐๑๒๓๔๕๖๗๘๙0123456789/()"
# Consonants and the full-height vowels/signs (U+0E01-0E2E, ะ า เ แ โ ใ ไ ๆ ฯ).
LETTERS = "".join(chr(c) for c in range(0x0E01, 0x0E2F)) + "ะาเแโใไๆฯ"
FONT_DIR = "/usr/share/fonts/truetype/tlwg"
SARABUN_WEIGHTS = ["Regular", "Light", "Medium", "SemiBold", "Bold"]
# Body text at 150 dpi: 16 pt ~ 33 px em; also 14 and 18 pt.
SIZES = [29, 33, 38]
# Blur radius and threshold pairs: thin and heavy print.
AUG = [(0.0, 128), (0.8, 100), (0.8, 170), (1.2, 150)]


def binary_glyph(font, ch, blur, thr):
    l, t, r, b = font.getbbox(ch)
    w, h = r - l + 8, b - t + 8
    im = Image.new("L", (max(w, 1), max(h, 1)), 255)
    ImageDraw.Draw(im).text((4 - l, 4 - t), ch, font=font, fill=0)
    if blur > 0:
        im = im.filter(ImageFilter.GaussianBlur(blur))
    px = im.load()
    W, H = im.size
    return [[1 if px[x, y] < thr else 0 for x in range(W)] for y in range(H)]


def features(rows):
    """Ink box centred in a square, GRID x GRID mean ink (0..1).
    Must match digits::features in Rust."""
    H = len(rows)
    W = len(rows[0]) if H else 0
    ys = [y for y in range(H) if any(rows[y])]
    xs = [x for x in range(W) if any(rows[y][x] for y in range(H))]
    if not ys or not xs:
        return None
    x0, x1, y0, y1 = xs[0], xs[-1] + 1, ys[0], ys[-1] + 1
    w, h = x1 - x0, y1 - y0
    s = max(w, h)
    ox, oy = (s - w) // 2, (s - h) // 2
    out = []
    for i in range(GRID):
        a0 = i * s // GRID
        a1 = max(a0 + 1, (i + 1) * s // GRID)
        for j in range(GRID):
            b0 = j * s // GRID
            b1 = max(b0 + 1, (j + 1) * s // GRID)
            ink = n = 0
            for yy in range(a0, a1):
                for xx in range(b0, b1):
                    n += 1
                    gy, gx = yy - oy + y0, xx - ox + x0
                    if y0 <= gy < y1 and x0 <= gx < x1:
                        ink += rows[gy][gx]
            out.append(ink / n)
    return out


def main():
    out = "src/extract/ocr/digits.bin"
    if "--out" in sys.argv:
        out = sys.argv[sys.argv.index("--out") + 1]
    fonts = sorted(glob.glob(os.path.join(FONT_DIR, "*.ttf")))
    # Mono/typewriter faces print digits unlike any plan; keep the rest.
    fonts = [f for f in fonts if "Mono" not in f and "Typewriter" not in f]
    if not fonts:
        sys.exit(f"no fonts in {FONT_DIR}: install fonts-thai-tlwg")
    try:
        import fontpkg_sarabun
    except ImportError:
        sys.exit("no Sarabun: pip install fontpkg-sarabun (scripts/setup.sh)")
    sarabun = os.path.join(os.path.dirname(fontpkg_sarabun.__file__), "files")
    fonts += [os.path.join(sarabun, f"Sarabun-{w}.ttf")
              for w in SARABUN_WEIGHTS]
    protos = []
    for path in fonts:
        for ch in CLASSES:
            acc, n = [0.0] * (GRID * GRID), 0
            for size in SIZES:
                font = ImageFont.truetype(path, size)
                for blur, thr in AUG:
                    f = features(binary_glyph(font, ch, blur, thr))
                    if f is None:
                        continue
                    acc = [a + b for a, b in zip(acc, f)]
                    n += 1
            if n:
                protos.append((ch, [round(15 * a / n) for a in acc]))
    # Letters: regular faces only (reject classes need shape, not weight).
    regular = [f for f in fonts if "-" not in os.path.basename(f)
               or f.endswith("Sarabun-Regular.ttf")]
    for path in regular:
        for ch in LETTERS:
            acc, n = [0.0] * (GRID * GRID), 0
            for size in SIZES[1:2]:
                font = ImageFont.truetype(path, size)
                for blur, thr in AUG[:2]:
                    f = features(binary_glyph(font, ch, blur, thr))
                    if f is None:
                        continue
                    acc = [a + b for a, b in zip(acc, f)]
                    n += 1
            if n:
                protos.append((ch, [round(15 * a / n) for a in acc]))
    with open(out, "wb") as fh:
        fh.write(b"THDG2" + bytes([GRID]) + struct.pack("<H", len(protos)))
        for ch, v in protos:
            packed = bytes(v[i] | (v[i + 1] << 4) for i in range(0, len(v), 2))
            fh.write(struct.pack("<I", ord(ch)) + packed)
    print(f"{out}: {len(protos)} prototypes from {len(fonts)} fonts", file=sys.stderr)


if __name__ == "__main__":
    main()
