#!/usr/bin/env bash
# Installs what thaiplan needs beyond cargo: poppler-utils (pdftoppm,
# pdftotext for comparisons) and tesseract with Thai for OCR. Idempotent;
# skips what is present; LibreOffice, Chromium and Thai fonts for the
# synthetic PDFs. Works as root or with sudo.
set -euo pipefail
need=()
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
if ! { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx tha; }; then
  need+=(tesseract-ocr-tha)
fi
# PDF renderings of the synthetic documents (thaiplan synth --forms pdf,
# scripts/synth_eval.sh): LibreOffice from DOCX, Chromium from HTML, and
# the Thai fonts both print with.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
{ command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; } || need+=(chromium)
dpkg -s fonts-thai-tlwg >/dev/null 2>&1 || need+=(fonts-thai-tlwg)
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
