#!/usr/bin/env bash
# make test-kernels: the numerical tests and ccplan's outputs under every OpenBLAS kernel this CPU
# can run (OPENBLAS_CORETYPE) and with 1 and 2 BLAS threads.
#   1. LinearAlgebra and Forecasting tests must pass in every configuration (their tolerances come
#      from the problems, not from one kernel);
#   2. forecast, backtest and plan of SampleData must be byte-identical in every configuration
#      (ccplan publishes numbers at a precision the kernels agree on: README, "Reproducible across
#      machines").
# Uses the debug build of `swift test`; exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}

cores=()
case "$(uname -m)" in
x86_64)
    cores+=(Prescott)                                          # SSE3: every x86-64 CPU
    grep -qw avx2 /proc/cpuinfo && cores+=(Haswell)            # AVX2
    grep -qw avx512f /proc/cpuinfo && cores+=(SkylakeX)        # AVX-512
    ;;
*)
    echo "test-kernels: no OpenBLAS core types to choose from on $(uname -m); running the default kernel only"
    cores+=("")
    ;;
esac

$SWIFT build --build-tests >/dev/null
bin=$(${SWIFT} build --show-bin-path)/ccplan
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run_outputs() { # $1: directory for this configuration's outputs
    local dir=$1
    mkdir -p "$dir"
    "$bin" forecast --history SampleData/contact-history.csv --timezone Europe/Berlin --horizon 28d \
        --holidays SampleData/holidays.csv --out "$dir/forecast.csv"
    # The backtest's timing column is the one figure that may vary: drop it.
    "$bin" backtest --history SampleData/contact-history.csv --timezone Europe/Berlin --horizon 14d --folds 2 \
        --holidays SampleData/holidays.csv --format json | grep -v '"seconds_per_fold"' > "$dir/backtest.json"
    SOURCE_DATE_EPOCH=0 "$bin" plan --history SampleData/contact-history.csv --timezone Europe/Berlin --horizon 13w \
        --holidays SampleData/holidays.csv --events SampleData/events.csv --scenarios SampleData/scenarios.yaml \
        --out "$dir/plan" >/dev/null
}

reference=""
failed=0
for core in "${cores[@]}"; do
    for threads in 1 2; do
        label="${core:-default} × ${threads} thread(s)"
        export CCPLAN_BLAS_THREADS=$threads
        if [ -n "$core" ]; then export OPENBLAS_CORETYPE=$core; else unset OPENBLAS_CORETYPE; fi
        echo "== $label: $("$bin" version | sed -n 's/^BLAS core: //p')"
        if ! $SWIFT test --skip-build --filter 'LinearAlgebraTests|ForecastingTests' >"$out/test.log" 2>&1 \
            || grep -qE "with [1-9][0-9]* failures" "$out/test.log"; then
            grep -E "error|failures" "$out/test.log" | head -20
            echo "test-kernels: tests failed under $label" >&2
            failed=1
            continue
        fi
        grep -E "Executed [0-9]+ tests" "$out/test.log" | tail -1
        dir="$out/${core:-default}-$threads"
        run_outputs "$dir"
        if [ -z "$reference" ]; then
            reference=$dir
        elif ! diff -r -q "$reference" "$dir"; then
            echo "test-kernels: outputs under $label differ from ${reference##*/}" >&2
            failed=1
        else
            echo "   outputs byte-identical to ${reference##*/}"
        fi
    done
done
exit $failed
