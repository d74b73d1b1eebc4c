#!/usr/bin/env bash
# Producer fixtures and measurements (issue 13). Needs gs, qpdf, chromium,
# soffice: THAIPLAN_FIXTURE_TOOLS=1 bash scripts/setup.sh.
#
#   bash scripts/make_producer_fixtures.sh fixtures   # small committed fixtures
#   bash scripts/make_producer_fixtures.sh corpus OUT # whole shared corpus, per producer
#
# fixtures: pages of the shared PDFs re-distilled by Ghostscript (what
# online compressors do: ActualText dropped), with the text the clean
# pages give as the expected output (tests/pdf_producers.rs).
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
    "$T" text "$tmp/clean.pdf" | sed 's/^ *[0-9]*\t//' > "$D/$name.expected.txt"
  done <<'LIST'
gs_ebook_002_p1-3 002_6cb85bbd8efcfe0c /ebook 1 3
gs_printer_000_p20-22 000_c8f04830a1ea0035 /printer 20 22
LIST
  ;;
corpus)
  O=${2:?output directory}
  mkdir -p "$O/gs" "$O/chromium" "$O/lo_cid" "$O/html"
  for f in "$S"/pdf/*.pdf; do
    gs -q -sDEVICE=pdfwrite -dPDFSETTINGS=/ebook -o "$O/gs/$(basename "$f")" "$f"
  done
  # LibreOffice from the DOCX (its own PDF export: TrueType subsets with
  # ToUnicode and ActualText) and the DOCX → HTML → Chromium print path.
  soffice --headless --convert-to pdf --outdir "$O/lo_cid" "$S"/docx/*.docx >/dev/null
  soffice --headless --convert-to html --outdir "$O/html" "$S"/docx/*.docx >/dev/null
  for h in "$O"/html/*.html; do
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
      --print-to-pdf="$O/chromium/$(basename "${h%.html}").pdf" "$h" 2>/dev/null
  done
  for form in gs lo_cid chromium; do
    rm -rf "$O/out_$form"
    "$T" ingest "$O/$form" --out "$O/out_$form" -q || true
    echo "$form: $("$T" eval --gold "$S/gold" "$O/out_$form/records.jsonl" | grep -o 'overall accuracy.*')"
  done
  ;;
esac
