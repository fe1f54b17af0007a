#!/usr/bin/env bash
# Issue 13's queueing reproductions through the release binary: exit status, wall time and peak
# memory of each (GNU time), then the same plan with an ordinary and with a near-infinite patience.
# The bar: every line within 10 s and under 1 GB.
#
# Usage: Benchmarks/queueing-extremes.sh   (from the repository root; builds the release binary)
set -uo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product ccplan >/dev/null || exit 1
bin=$(swift build -c release --show-bin-path)/ccplan
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run() {
    /usr/bin/time -f "%x %e %M" -o "$out/time" "$bin" "$@" >"$out/stdout" 2>"$out/stderr"
    read -r status seconds kilobytes < <(tail -n 1 "$out/time")
    printf '%-4s %7.2f s %7.1f MB  %s\n' "$status" "$seconds" "$(echo "$kilobytes / 1024" | bc -l)" "$*"
    [ "$status" = 0 ] || sed -n '1p' "$out/stderr" | sed 's/^/             /'
}

echo "exit  time     memory   command"
run erlang --volume 100 --aht 3m --agents 9 --patience 100000000000000000 --format json
run erlang --volume 9900000 --aht 10 --patience 1000000000 --agents 50000 --format json
run erlang --volume 100 --aht 3m --patience 1000000000000000 --format json
run erlang --volume 100 --aht 3m --patience 1000000000000 --format json
run erlang --volume 400 --aht 4m --channel email --backlog 1e20
run erlang --volume 1 --aht 10 --channel email --backlog 1e300
run erlang --volume 100 --aht 3m --max-occupancy 1e-300
run erlang --volume 100000 --aht 3m --shrinkage 0.9999999999999999
for patience in 3m 1000000000000s 1000000000000000s 100000000000000000s; do
    rm -rf "$out/plan"
    run plan --history SampleData/contact-history.csv --timezone Europe/Berlin --horizon 13w \
        --patience "$patience" --out "$out/plan"
done
