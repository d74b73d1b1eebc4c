#!/usr/bin/env bash
# A LibreOffice PDF whose budget table continues on a page without the
# rules of its first column (a merged dimension cell whose text ended on
# the page before): fixtures/pdf/lo_table_continued_without_outer_column.pdf,
# pages 2-7 of synthetic plan seed 11 no. 10 (thaiplan synth is seeded and
# deterministic), rendered by soffice. Expectations: rows 7-10 of the
# plan's gold (written by thaiplan synth), pinned by pointer.
# Needs soffice and qpdf (THAIPLAN_FIXTURE_TOOLS=1 bash scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
T=${THAIPLAN:-target/release/thaiplan}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$T" synth --seed 11 --count 11 --out "$tmp/s" --forms docx >/dev/null
soffice --headless -env:UserInstallation=file://"$tmp/profile" --convert-to pdf --outdir "$tmp" "$tmp/s/docx/synth_11_010.docx" >/dev/null
name=fixtures/pdf/lo_table_continued_without_outer_column
qpdf --empty --pages "$tmp/synth_11_010.pdf" 2-7 -- "$name.pdf"
python3 - "$tmp/s/gold/synth_11_010.json" "$name.expect.json" <<'PY'
import json, sys
gold = json.load(open(sys.argv[1]))
rows = gold["summary_table"]["rows"]
out = {"$comment": "LibreOffice PDF (pages 2-7 of synth seed 11 no. 10): the table continues on a page where the merged dimension column draws no rules; rows 8-10 keep their columns (before: shifted left, numbers and names lost); the dimension-4 total row, cut by a rule under the first column only, stays one row."}
out["/budget_table/years"] = gold["summary_table"]["years"]
# the total row of dimension 4 wraps its cells under a rule drawn below the
# first column only: one total row, not a total row and an extra "row"
out["$len"] = {"budget_table.rows": len(rows)}
for i in range(6, 10):
    r = rows[i]
    out[f"/budget_table/rows/{i}/number"] = str(r["number"])
    out[f"/budget_table/rows/{i}/dimension"] = r["dimension"]
    out[f"/budget_table/rows/{i}/mission"] = r["mission"]
    out[f"/budget_table/rows/{i}/name"] = r["name"]
    out[f"/budget_table/rows/{i}/budgets"] = [None if b is None else float(b) for b in r["budgets"]]
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=2)
open(sys.argv[2], "a").write("\n")
PY
ls -la "$name.pdf"
