#!/usr/bin/env bash
# Installs what thaiplan needs beyond cargo: poppler-utils (pdftoppm,
# pdftotext for comparisons), tesseract with Thai for OCR, and python3 with
# venv for building and testing the Python wheel. Idempotent;
# skips what is present. Works as root or with sudo.
set -euo pipefail
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
if ! { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx tha; }; then
  need+=(tesseract-ocr-tha)
fi
# The Python wheel (scripts/build_wheel.sh, scripts/test_wheel.sh) needs
# python3 >= 3.9 with venv and pip (Debian splits them out).
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  need+=(python3 python3-venv python3-pip)
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
