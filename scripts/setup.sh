#!/usr/bin/env bash
# Installs what thaiplan needs beyond cargo: poppler-utils (pdftoppm,
# pdftotext for comparisons) and tesseract with Thai for OCR; qpdf (the
# many-page scan of tests/ocr_deadline.rs); LibreOffice, Chromium (+ driver)
# and the Thai TLWG fonts (synthetic PDFs, .rtf/.doc/.odt conversion, the
# review and summary.html browser tests); Pillow (scripts/train_digits.py);
# python3 venv (the wheel). Idempotent; skips what is present. Works as root
# or with sudo.
set -euo pipefail
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
if ! { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx tha; }; then
  need+=(tesseract-ocr-tha)
fi
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
if [ "${THAIPLAN_WITH_LIBREOFFICE:-0}" = 1 ] && ! command -v soffice >/dev/null 2>&1; then
  need+=(libreoffice-writer-nogui)
fi
# Tools that only regenerate PDF fixtures and producer measurements
# (scripts/make_aes_fixtures.sh, make_pdf_variants.py,
# make_producer_fixtures.sh, make_scan_table_fixture.py, font_scan.py
# --from-docx): opt in with THAIPLAN_FIXTURE_TOOLS=1.
if [ "${THAIPLAN_FIXTURE_TOOLS:-}" = 1 ]; then
  command -v gs >/dev/null 2>&1 || need+=(ghostscript)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
  # scripts/make_scan_table_fixture.py writes its DOCX with python-docx;
  # scripts/font_scan.py --from-docx prints it with LibreOffice (above).
  python3 -c 'import docx' >/dev/null 2>&1 || need+=(python3-docx)
fi
# Only for re-making the digit prototypes (scripts/train_digits.py): the
# Thai fonts Debian ships and Pillow. The committed digits.bin needs neither.
[ -d /usr/share/fonts/truetype/tlwg ] || need+=(fonts-thai-tlwg)
python3 -c 'import PIL' >/dev/null 2>&1 || need+=(python3-pil)
# `thaiplan review`'s browser test (tests/review_browser.rs) and Thai glyphs
# in its screenshots.
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
fc-list 2>/dev/null | grep -i loma >/dev/null || need+=(fonts-thai-tlwg)
# The Python wheel (scripts/build_wheel.sh, scripts/test_wheel.sh) needs
# python3 >= 3.9 with venv and pip (Debian splits them out).
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  need+=(python3 python3-venv python3-pip)
fi
# chromium: the summary.html test renders the page headless (issue 16).
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# PDF renderings of the synthetic documents (thaiplan synth --forms pdf,
# scripts/synth_eval.sh): LibreOffice from DOCX, Chromium from HTML, and
# the Thai fonts both print with.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
{ command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; } || need+=(chromium)
dpkg -s fonts-thai-tlwg >/dev/null 2>&1 || need+=(fonts-thai-tlwg)
# Sarabun (PyPI fontpkg-sarabun), the face Thai government documents are
# typed in: only for re-making the digit prototypes (train_digits.py).
if ! python3 -c 'import fontpkg_sarabun' >/dev/null 2>&1; then
  python3 -m pip install -q fontpkg-sarabun >/dev/null 2>&1 \
    || python3 -m pip install -q --break-system-packages fontpkg-sarabun >/dev/null 2>&1 \
    || echo "setup: could not pip install fontpkg-sarabun (only scripts/train_digits.py needs it)" >&2
fi
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null || echo "setup: apt-get update failed; trying install anyway" >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || echo "setup: could not install ${need[*]}: OCR will report pages as unreadable" >&2
fi
exit 0
