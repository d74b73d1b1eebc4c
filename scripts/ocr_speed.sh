#!/usr/bin/env bash
# Time per OCR'd page: tesseract alone vs the thaiplan pipeline, same pages,
# same run. Usage: scripts/ocr_speed.sh [SCAN.pdf] (default: the fixture).
# tesseract alone = one `tesseract PAGE.pgm -l tha+eng --psm 4 txt tsv` per
# page on pdftoppm's grey render at the resolution thaiplan uses (the first
# page image's ppi within 150-300, else 150; rendering not counted);
# thaiplan = `thaiplan text` with an empty OCR cache (render + tesseract +
# line rebuild + digit re-reading), then with a warm cache with and without
# the digit re-reader (THAIPLAN_OCR_DIGITS=0) to isolate its cost.
set -euo pipefail
cd "$(dirname "$0")/.."
PDF=${1:-fixtures/scan/002_scan_p1-2.pdf}
T=target/release/thaiplan
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
DPI=$(pdfimages -list "$PDF" 2>/dev/null | awk 'NR==3 && $3=="image" {print ($13<$14)?$13:$14}')
DPI=${DPI:-150}; [ "$DPI" -lt 150 ] && DPI=150; [ "$DPI" -gt 300 ] && DPI=300
pdftoppm -r "$DPI" -gray "$PDF" "$W/p"
N=$(ls "$W"/p*.pgm | wc -l)
t() { /usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1; }
s=$(date +%s.%N)
for f in "$W"/p*.pgm; do OMP_THREAD_LIMIT=1 tesseract "$f" "$f.o" -l tha+eng --psm 4 txt tsv >/dev/null 2>&1; done
e=$(date +%s.%N)
tess_cpu=$(python3 -c "print(round(($e-$s)/$N,3))")
read -r wall usr sys < <(THAIPLAN_OCR_CACHE="$W/c" t $T text "$PDF")
read -r w1 u1 s1 < <(THAIPLAN_OCR_CACHE="$W/c" t $T text "$PDF")
read -r w0 u0 s0 < <(THAIPLAN_OCR_DIGITS=0 THAIPLAN_OCR_CACHE="$W/c" t $T text "$PDF")
DPI=$DPI python3 - "$N" "$tess_cpu" "$wall" "$usr" "$sys" "$w1" "$u1" "$w0" "$u0" <<'PY'
import sys
n, tess, wall, usr, sys_, w1, u1, w0, u0 = sys.argv[1:]
n = int(n); f = float
print(f"pages: {n} (rendered at {__import__('os').environ.get('DPI', '?')} dpi)")
print(f"tesseract alone (sequential wall):      {f(tess):.3f} s/page")
print(f"thaiplan text, cold cache (wall):        {f(wall)/n:.3f} s/page  (user+sys incl. children {(f(usr)+f(sys_))/n:.3f}; pages run up to 2 at a time)")
print(f"thaiplan text, warm cache, digits on:    {f(w1)/n:.3f} s/page wall, {f(u1)/n:.3f} user")
print(f"thaiplan text, warm cache, digits off:   {f(w0)/n:.3f} s/page wall, {f(u0)/n:.3f} user")
print(f"digit re-reader cost:                    {(f(u1)-f(u0))/n:.3f} s/page cpu")
PY
