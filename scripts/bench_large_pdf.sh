#!/usr/bin/env bash
# Issue 16: one long PDF, thaiplan beside `pdftotext -layout` in the same
# run. Builds a ~900-page PDF from the shared corpus with qpdf (000 x6,
# 003 x4, 004 x3, 002 x2 = 893 pages), then times each tool RUNS times,
# alternating, and prints the best wall time of each and the ratio.
# Usage: scripts/bench_large_pdf.sh [RUNS] [THREADS]   (THREADS: ingest -j)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
threads="${2:-}"
T="$root/target/release/thaiplan"
P="$root/../shared/corpus/pdf"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
args=()
for _ in 1 2 3 4 5 6; do args+=("$P"/000_*.pdf); done
for _ in 1 2 3 4; do args+=("$P"/003_*.pdf); done
for _ in 1 2 3; do args+=("$P"/004_*.pdf); done
for _ in 1 2; do args+=("$P"/002_*.pdf); done
qpdf --empty --pages "${args[@]}" -- "$work/long.pdf"
pages=$(pdfinfo "$work/long.pdf" | awk '/^Pages:/ {print $2}')
best() { sort -n | head -1; }
now() { date +%s.%N; }
: >"$work/p"; : >"$work/t"; : >"$work/i"
for r in $(seq "$runs"); do
    s=$(now); pdftotext -layout "$work/long.pdf" "$work/out.txt"; e=$(now)
    awk -v a="$s" -v b="$e" 'BEGIN {print b - a}' >>"$work/p"
    s=$(now); "$T" text "$work/long.pdf" >"$work/tp.txt"; e=$(now)
    awk -v a="$s" -v b="$e" 'BEGIN {print b - a}' >>"$work/t"
    rm -rf "$work/o"
    s=$(now); "$T" ingest "$work/long.pdf" --out "$work/o" -q ${threads:+-j "$threads"}; e=$(now)
    awk -v a="$s" -v b="$e" 'BEGIN {print b - a}' >>"$work/i"
done
p=$(best <"$work/p"); t=$(best <"$work/t"); i=$(best <"$work/i")
echo "pages: $pages, best of $runs, load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'pdftotext -layout   %6.2f s\n' "$p"
printf 'thaiplan text       %6.2f s  (%.2fx)\n' "$t" "$(awk -v a="$t" -v b="$p" 'BEGIN {print a / b}')"
printf 'thaiplan ingest     %6.2f s  (%.2fx)\n' "$i" "$(awk -v a="$i" -v b="$p" 'BEGIN {print a / b}')"
