#!/usr/bin/env bash
# Short, deterministic libFuzzer smoke run of every cargo-fuzz target in fuzz/.
# Seeds: the committed crash regressions (fuzz/regressions/<target>-*.bin) and
# small fixtures; each target runs -seed=1 -runs=N (~20-30 s each on a 2-core
# box). Exits non-zero on a crash, a hang (-timeout) or an OOM. Long fuzzing
# is `cargo fuzz run <target>` (see fuzz/).
#
# Env: FUZZ_RUNS_<TARGET> overrides N for one target (e.g. FUZZ_RUNS_PDF=500),
#      FUZZ_TARGETS limits the targets ("normalize text"),
#      FUZZ_EXTRA_ARGS adds libFuzzer flags (e.g. "-max_total_time=60").
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"

# cargo-fuzz needs nightly flags (-Zsanitizer); on a stable toolchain allow them.
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

targets="${FUZZ_TARGETS:-normalize text docx pdf}"

# Runs per target, sized for ~20-30 s each (measured exec/s on the CI box).
declare -A runs=([normalize]=12000 [text]=4500 [docx]=6000 [pdf]=16000)

# A box whose toolchain cannot build sanitizer targets is an infrastructure
# problem, not a finding: with FUZZ_BUILD_OPTIONAL=1 (CI) say so and stop.
if ! cargo fuzz build; then
    if [ "${FUZZ_BUILD_OPTIONAL:-0}" = 1 ]; then
        echo "fuzz_smoke: WARNING: cargo fuzz build failed; smoke skipped" >&2
        exit 0
    fi
    exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

seed_dir() {
    local t="$1" d="$work/corpus/$1"
    mkdir -p "$d"
    # Every committed regression for this target.
    cp "$root"/fuzz/regressions/"$t"-*.bin "$d"/ 2>/dev/null || true
    case "$t" in
        normalize | text)
            for f in "$root"/fixtures/text/*.txt "$root"/fixtures/hostile/*.txt; do
                head -c 4096 "$f" >"$d/$(basename "$f")"
            done
            ;;
        docx)
            cp "$root"/fixtures/docx/*.docx "$root"/fixtures/hostile/*.docx "$d"/
            ;;
        pdf)
            cp "$root"/fixtures/pdf/*.pdf "$d"/
            for f in "$root"/fixtures/hostile/*.pdf; do cp "$f" "$d/hostile_$(basename "$f")"; done
            ;;
    esac
    echo "$d"
}

status=0
for t in $targets; do
    var="FUZZ_RUNS_$(echo "$t" | tr '[:lower:]' '[:upper:]')"
    n="${!var:-${runs[$t]}}"
    corpus="$(seed_dir "$t")"
    start=$(date +%s)
    echo "== fuzz smoke: $t (-seed=1 -runs=$n)"
    if ! cargo fuzz run "$t" "$corpus" -- \
        -seed=1 -runs="$n" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 ${FUZZ_EXTRA_ARGS:-} 2>"$work/$t.log"; then
        tail -n 60 "$work/$t.log"
        echo "!! fuzz smoke: $t FAILED; crashing input in fuzz/artifacts/$t/" >&2
        status=1
    else
        grep -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec)' "$work/$t.log" || true
    fi
    echo "== $t: $(($(date +%s) - start)) s"
done
exit $status
