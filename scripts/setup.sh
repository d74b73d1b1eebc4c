#!/usr/bin/env bash
# Installs what thaiplan needs beyond cargo: poppler-utils (pdftoppm,
# pdftotext for comparisons), tesseract with Thai for OCR, and fonts-thai-tlwg
# + python3-pil for scripts/train_digits.py. Idempotent;
# skips what is present. Works as root or with sudo.
set -euo pipefail
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
if ! { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx tha; }; then
  need+=(tesseract-ocr-tha)
fi
# Only for re-making the digit prototypes (scripts/train_digits.py): the
# Thai fonts Debian ships and Pillow. The committed digits.bin needs neither.
[ -d /usr/share/fonts/truetype/tlwg ] || need+=(fonts-thai-tlwg)
python3 -c 'import PIL' >/dev/null 2>&1 || need+=(python3-pil)
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
