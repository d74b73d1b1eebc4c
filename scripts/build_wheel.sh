#!/usr/bin/env bash
# Builds the Python wheel into dist/: the `thaiplan` command (the Rust binary
# itself, bundled as thaiplan/bin/thaiplan) and the `thaiplan` Python package
# with its pyo3 extension (python/). One command from a clean clone:
#
#     bash scripts/build_wheel.sh          # then: pip install dist/thaiplan-*.whl
#
# Needs cargo and python3 (>= 3.9, with venv). maturin, pinned to the version
# of pyproject.toml's build-system, is installed from PyPI into target/wheel/venv.
# maturin cannot put a binary and an extension into one wheel (PyO3/maturin
# issue 368), so the binary is built first and staged in the wheel's
# .data/platlib (pyproject.toml: tool.maturin.data); both builds share target/
# (CARGO_TARGET_DIR, when set, is used by both too) and one feature
# resolution, so the dependencies and the crate are compiled once. Extra
# arguments go to `maturin build`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
maturin_version=$(sed -n 's/^requires = \["maturin==\([0-9.]*\)"\]/\1/p' pyproject.toml)
[ -n "$maturin_version" ] || { echo "build_wheel: no maturin pin in pyproject.toml" >&2; exit 2; }
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
work=$CARGO_TARGET_DIR/wheel
venv=$work/venv
if ! "$venv/bin/maturin" --version 2>/dev/null | grep -qx "maturin $maturin_version"; then
  echo "build_wheel: installing maturin $maturin_version into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "maturin==$maturin_version"
fi

start=$SECONDS
# Features resolved as for the extension too (-p thaiplan-python: pyo3's
# macros turn on more syn features), so that the binary and the extension
# link the same compiled thaiplan library and maturin's build below only
# adds pyo3 and python/ (measured: one compile of the crate instead of two).
cargo build --release -p thaiplan -p thaiplan-python --bin thaiplan
# Staged where pyproject.toml's tool.maturin.data points (relative to the
# project, so always under ./target even with another CARGO_TARGET_DIR).
stage=$root/target/wheel/data/platlib/thaiplan/bin
rm -rf "$root/target/wheel/data"
mkdir -p "$stage"
# The release profile keeps line tables (debug = 1) for backtraces: 45 MB;
# the wheel ships the stripped binary.
if command -v strip >/dev/null 2>&1; then
  strip -o "$stage/thaiplan" "$CARGO_TARGET_DIR/release/thaiplan"
else
  cp "$CARGO_TARGET_DIR/release/thaiplan" "$stage/thaiplan"
fi
chmod 755 "$stage/thaiplan"
echo "build_wheel: binary built in $((SECONDS - start)) s" >&2
"$venv/bin/maturin" build --release --out "$root/dist" "$@"
echo "build_wheel: wheel built in $((SECONDS - start)) s" >&2
ls -l "$root"/dist/thaiplan-*.whl >&2
