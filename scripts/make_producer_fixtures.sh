#!/usr/bin/env bash
# Producer fixtures and measurements (issue 13). Needs gs, qpdf, chromium,
# soffice: THAIPLAN_FIXTURE_TOOLS=1 bash scripts/setup.sh.
#
#   bash scripts/make_producer_fixtures.sh fixtures   # small committed fixtures
#   bash scripts/make_producer_fixtures.sh corpus OUT # whole shared corpus, per producer
#
# fixtures: pages of the shared PDFs re-distilled by Ghostscript (what
# online compressors do: ActualText dropped), with the text the clean
# pages give as the expected output (pinned as "$text" in NAME.expect.json, run by tests/fixtures.rs; bless with THAIPLAN_BLESS=1 and review the diff).
set -euo pipefail
cd "$(dirname "$0")/.."
S=../shared/corpus
T=${THAIPLAN:-target/release/thaiplan}
gs_distill() { # in out setting first last
  gs -q -sDEVICE=pdfwrite -dPDFSETTINGS="$3" -dFirstPage="$4" -dLastPage="$5" -o "$2" "$1"
}
case "${1:-fixtures}" in
fixtures)
  D=fixtures/pdf/producers
  mkdir -p "$D"
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  # name source setting first last: regular text (002) and bold labels
  # with ผู้ in project blocks (000).
  while read -r name src setting first last; do
    gs_distill "$S/pdf/$src.pdf" "$D/$name.pdf" "$setting" "$first" "$last"
    qpdf --empty --pages "$S/pdf/$src.pdf" "$first-$last" -- "$tmp/clean.pdf"
    "$T" text "$tmp/clean.pdf" | sed 's/^ *[0-9]*\t//' > "$tmp/$name.expected.txt"  # compare by hand with the blessed expect file
  done <<'LIST'
gs_ebook_002_p1-3 002_6cb85bbd8efcfe0c /ebook 1 3
gs_printer_000_p20-22 000_c8f04830a1ea0035 /printer 20 22
LIST
  # Chromium print of the text corpus as a bordered HTML table: pages 8-9
  # of plan 000, a budget row split by the page break (no closing rule).
  # Its expected text is our own output, checked by hand once (the row
  # "3) โครงการส่งเสริมคุณธรรม…" is one row with its five amounts).
  python3 scripts/text_to_print_html.py "$S/text/000_c8f04830a1ea0035.txt" "$tmp/000.html"
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$tmp/000.pdf" "$tmp/000.html" 2>/dev/null
  qpdf --empty --pages "$tmp/000.pdf" 8-9 -- "$D/chromium_000_p8-9.pdf"
  "$T" text "$D/chromium_000_p8-9.pdf" | sed 's/^ *[0-9]*\t//' > "$tmp/chromium_000_p8-9.expected.txt"
  ;;
corpus)
  O=${2:?output directory}
  mkdir -p "$O/gs" "$O/chromium" "$O/chromium_text" "$O/lo_cid" "$O/html"
  for f in "$S"/pdf/*.pdf; do
    gs -q -sDEVICE=pdfwrite -dPDFSETTINGS=/ebook -o "$O/gs/$(basename "$f")" "$f"
  done
  # LibreOffice from the DOCX (its own PDF export: TrueType subsets with
  # ToUnicode and ActualText) and the DOCX → HTML → Chromium print path.
  soffice --headless --convert-to pdf --outdir "$O/lo_cid" "$S"/docx/*.docx >/dev/null
  soffice --headless --convert-to html --outdir "$O/html" "$S"/docx/*.docx >/dev/null
  for h in "$O"/html/[0-9]*_*[0-9a-f].html; do
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
      --print-to-pdf="$O/chromium/$(basename "${h%.html}").pdf" "$h" 2>/dev/null
  done
  # The text corpus as bordered HTML tables, printed by Chromium.
  for f in "$S"/text/*.txt; do
    b=$(basename "$f" .txt)
    python3 scripts/text_to_print_html.py "$f" "$O/html/$b.text.html"
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
      --print-to-pdf="$O/chromium_text/$b.pdf" "$O/html/$b.text.html" 2>/dev/null
  done
  for form in gs lo_cid chromium chromium_text; do
    rm -rf "$O/out_$form"
    "$T" ingest "$O/$form" --out "$O/out_$form" -q || true
    echo "$form: $("$T" eval --gold "$S/gold" "$O/out_$form/records.jsonl" | grep -o 'overall accuracy.*')"
  done
  ;;
esac
