#!/usr/bin/env python3
"""Regenerate data/areas/*.tsv from the geothai package on PyPI.

The official list of Thai administrative areas (DOPA codes: 77 provinces,
928 districts, ~7,400 subdistricts, plus abolished and renamed codes) comes
from GeoThai/data (CC-BY-4.0, source: Department of Provincial
Administration, stat.bora.dopa.go.th), shipped inside the `geothai` wheel.
We vendor a compact TSV form so the build needs no network; this script is
how it was made. Usage: python3 scripts/update_areas.py [VERSION]
"""
import datetime
import json
import pathlib
import subprocess
import sys
import tempfile
import zipfile

VERSION = sys.argv[1] if len(sys.argv) > 1 else "3.2.1"
OUT = pathlib.Path(__file__).resolve().parent.parent / "data" / "areas"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp,
             f"geothai=={VERSION}"],
            check=True,
        )
        wheel = next(pathlib.Path(tmp).glob("geothai-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            load = lambda n: json.loads(z.read(f"geothai/_data/{n}.json").decode("utf-8"))
            provinces, districts = load("provinces"), load("districts")
            subdistricts, abolished = load("subdistricts"), load("abolished")
    OUT.mkdir(parents=True, exist_ok=True)
    # code \t name_th \t name_en ; one file per level, sorted by code.
    for name, rows in (("provinces", provinces), ("districts", districts),
                       ("subdistricts", subdistricts)):
        with open(OUT / f"{name}.tsv", "w", encoding="utf-8", newline="\n") as f:
            for r in sorted(rows, key=lambda r: r[0]):
                f.write(f"{r[0]}\t{r[1]}\t{r[2] or ''}\n")
    # code \t name_th \t abolished_on \t successors (space-separated) \t basis
    with open(OUT / "abolished.tsv", "w", encoding="utf-8", newline="\n") as f:
        for r in sorted(abolished, key=lambda r: r[0]):
            f.write(f"{r[0]}\t{r[1]}\t{r[3]}\t{r[4] or ''}\t{r[5] or ''}\n")
    (OUT / "SOURCE.md").write_text(
        f"""# Official Thai administrative areas

Vendored from the PyPI package `geothai` {VERSION} (files `geothai/_data/*.json`)
by `python3 scripts/update_areas.py {VERSION}` on {datetime.date.today().isoformat()}
(geothai's data release of that version; the DOPA list as GeoThai/data
published it).

- Data: GeoThai/data, Copyright (c) 2026 Pongsakorn Thipayanate, licensed
  CC-BY-4.0 <https://creativecommons.org/licenses/by/4.0/>.
- Administrative codes, names and abolish dates: Department of Provincial
  Administration (กรมการปกครอง), stat.bora.dopa.go.th.
- Counts: {len(provinces)} provinces, {len(districts)} districts,
  {len(subdistricts)} subdistricts, {len(abolished)} abolished or renamed codes.

Files (UTF-8, TAB-separated, sorted by code): `provinces.tsv`, `districts.tsv`,
`subdistricts.tsv` (code, Thai name, English name) and `abolished.tsv`
(old code, Thai name, abolished on, successor codes, basis: `name` when the
successor was matched by name, `notice` when a published notice names it).
""",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
