#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz for SECONDS_PER_TARGET seconds
# (default 60), one after the other, and reports per target how many inputs
# ran and whether anything was found. Exits non-zero on any crash, leak,
# timeout or out-of-memory, naming the reproducer.
#
#   tools/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]   e.g. tools/fuzz.sh 20 as a CI smoke run,
#                                                     tools/fuzz.sh 300 fuzz_model
#
# Configures and builds the `fuzz` preset (clang) when needed. Each target
# fuzzes a working copy of its seed corpus in build/fuzz/fuzz-work/, which
# keeps growing across runs; tests/fuzz/corpus/ changes only by commits.
# KEFU_FUZZ_ARGS adds libFuzzer flags to every run (later flags win), e.g.
# KEFU_FUZZ_ARGS=-seed=1. KEFU_MODELC names an existing model compiler for a
# first configuration (the default model is then not trained by the
# instrumented one, which is slow). Reproduce a finding with:
#   build/fuzz/tests/fuzz/TARGET REPRODUCER
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: tools/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]" >&2
    exit 1
fi
targets=(fuzz_text fuzz_rules fuzz_model fuzz_session_blob fuzz_session_steps)
if [[ $# -gt 1 ]]; then
    shift
    for target in "$@"; do
        if [[ ! " ${targets[*]} " =~ [[:space:]]${target}[[:space:]] ]]; then
            echo "unknown target $target (known: ${targets[*]})" >&2
            exit 1
        fi
    done
    targets=("$@")
fi

build=build/fuzz
work="$build/fuzz-work"

if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake --preset fuzz ${KEFU_MODELC:+-DKEFU_MODELC="$KEFU_MODELC"}
fi
cmake --build --preset fuzz -j2

# Options per target. The model target takes whole model files (its seeds
# stay below 64 KB), the blob target session blobs (below 16 KB); rule
# files, model edits and session steps cost milliseconds or more, so their
# inputs are scheduled by speed as well as by new coverage.
options_for() {
    case "$1" in
        fuzz_text) echo "-max_len=4096 -dict=tests/fuzz/fuzz_text.dict" ;;
        fuzz_rules) echo "-max_len=4096 -dict=tests/fuzz/fuzz_rules.dict -entropic_scale_per_exec_time=1" ;;
        fuzz_model) echo "-max_len=65536 -entropic_scale_per_exec_time=1" ;;
        fuzz_session_blob) echo "-max_len=16384 -entropic_scale_per_exec_time=1" ;;
        fuzz_session_steps) echo "-max_len=4096 -dict=tests/fuzz/fuzz_session.dict -entropic_scale_per_exec_time=1" ;;
    esac
}

failed=0
summary=()
mkdir -p "$work/logs" "$work/artifacts"
for target in "${targets[@]}"; do
    corpus="$work/corpus/$target"
    log="$work/logs/$target.log"
    mkdir -p "$corpus"
    cp -p tests/fuzz/corpus/"$target"/* "$corpus"/
    echo "== $target: ${seconds}s on $corpus"
    status=0
    started=$(date +%s)
    # shellcheck disable=SC2046,SC2086  # the options are words
    "$build/tests/fuzz/$target" "$corpus" $(options_for "$target") \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -print_funcs=0 \
        -artifact_prefix="$work/artifacts/$target-" ${KEFU_FUZZ_ARGS:-} >"$log" 2>&1 || status=$?
    elapsed=$(($(date +%s) - started))

    runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)
    [[ -n "$runs" ]] || runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$log" | tail -n 1)
    [[ -n "$runs" ]] || runs="?"
    artifact=$(sed -n "s/.*Test unit written to \(.*\)$/\1/p" "$log" | tail -n 1)
    if [[ $status -eq 0 && -z "$artifact" ]]; then
        result="nothing found"
    else
        failed=1
        kind=$(grep -m 1 -oE "ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-z-]+|runtime error: .*|invariant violated: .*|SUMMARY: [A-Za-z]+: [a-z-]+" "$log" || true)
        result="FOUND (exit $status) ${kind:-see the log}; reproducer: ${artifact:-none written}"
        grep -m 12 -E "runtime error|invariant violated|ERROR:|SUMMARY:|^    #[0-9] " "$log" | sed 's/^/    /' || true
    fi
    line="$target: $runs runs in ${elapsed}s, $result (log: $log)"
    echo "$line"
    summary+=("$line")
done

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
if [[ $failed -ne 0 ]]; then
    echo "fuzzing found problems: reproduce with $build/tests/fuzz/TARGET REPRODUCER" >&2
    exit 1
fi
