#!/usr/bin/env bash
# Synthetic accuracy per variant class and form (issue 12).
#   scripts/synth_eval.sh SEED COUNT FORMS [OUTDIR]
# e.g. scripts/synth_eval.sh 1 300 text,docx,pdf   (the long run; pdf needs
# soffice and chromium from scripts/setup.sh; add pdf-spaced,pdf-pua for the
# letter-spaced and legacy-PUA PDF forms). Prints the class × form table.
set -euo pipefail
SEED=${1:-1}; N=${2:-40}; FORMS=${3:-text,docx}; OUT=${4:-/tmp/thaiplan_synth_${SEED}_${N}}
T=${THAIPLAN:-target/release/thaiplan}
rm -rf "$OUT"
"$T" synth --seed "$SEED" --count "$N" --out "$OUT" --forms "$FORMS"
recs=()
for f in text docx html pdf-lo pdf-chromium pdf-spaced pdf-pua; do
  [ -d "$OUT/$f" ] || continue
  "$T" ingest "$OUT/$f" --out "$OUT/out-$f" -q >/dev/null || true
  recs+=("$OUT/out-$f/records.jsonl")
done
"$T" synth-eval --gold "$OUT/gold" "${recs[@]}" ${SYNTH_MISSES:+--misses}
