#!/usr/bin/env bash
# The wheel as a user gets it: builds it (scripts/build_wheel.sh), installs it
# with its pandas extra into a fresh venv, and runs python/tests/ with that
# venv's pytest: the `thaiplan` command from the venv and the Python API on
# ../shared/corpus, values asserted. Fails when the build or a test fails.
# Prints the build time, the wheel size and the import time.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
start=$SECONDS
bash scripts/build_wheel.sh
build_s=$((SECONDS - start))
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
wheel=$(ls "$root"/dist/thaiplan-"$version"-*.whl | head -n 1)
venv=${CARGO_TARGET_DIR:-$root/target}/wheel/test-venv
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "$wheel[pandas]" pytest
# Outside the checkout, so `import thaiplan` can only find the installed one.
cd "$venv"
THAIPLAN_REPO=$root "$venv/bin/python" -m pytest -p no:cacheprovider -q -rs "$root/python/tests"
import_ms=$("$venv/bin/python" - <<'PY'
import subprocess, sys, time
def t(code):
    best = 1e9
    for _ in range(5):
        t0 = time.perf_counter(); subprocess.run([sys.executable, "-c", code], check=True)
        best = min(best, time.perf_counter() - t0)
    return best * 1000
print(f"{t('import thaiplan'):.0f} ms (bare interpreter {t('pass'):.0f} ms)")
PY
)
echo "test_wheel: $(basename "$wheel"): $(stat -c %s "$wheel") bytes; build $build_s s; python -c 'import thaiplan' $import_ms; all $((SECONDS - start)) s"
