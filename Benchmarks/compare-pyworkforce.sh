#!/usr/bin/env bash
# Runs ccplan's QueueingBenchmarks and pyworkforce (PyPI, 0.5.x) on the same staffing cases in the
# same run, and prints the median times and the ratios pyworkforce / ccplan (how many times faster
# ccplan is). pyworkforce is installed into a throwaway virtual environment in a temporary
# directory, removed on exit.
#
# Usage: Benchmarks/compare-pyworkforce.sh     (from anywhere)
#   PYWORKFORCE_VERSION   pip requirement (default: pyworkforce==0.5.*)
#   ERLANG_A_TIMEOUT      seconds allowed for one pyworkforce Erlang A evaluation at A = 833 (60)
#   CCPLAN_BENCH_SCRATCH  SwiftPM scratch path for the benchmark build (default: .build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
requirement=${PYWORKFORCE_VERSION:-pyworkforce==0.5.*}
scratch=${CCPLAN_BENCH_SCRATCH:-.build}

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 -m venv "$out/venv"
"$out/venv/bin/pip" install --quiet --disable-pip-version-check "$requirement"

cd "$here"
swift package --scratch-path "$scratch" --disable-sandbox benchmark --target QueueingBenchmarks \
    --format jmh --path "$out" --no-progress --quiet >/dev/null
"$out/venv/bin/python" "$here/compare_pyworkforce.py" "${ERLANG_A_TIMEOUT:-60}" > "$out/pyworkforce.json"

python3 - "$out" <<'PY'
import glob, json, re, sys
out = sys.argv[1]
peer = json.load(open(f"{out}/pyworkforce.json"))
key = lambda text: re.sub(r"[^a-z0-9]", "", text.lower())
ours = {}
for path in glob.glob(f"{out}/*.jmh.json"):
    for entry in json.load(open(path)):
        wall = entry.get("secondaryMetrics", {}).get("Time (wall clock)")
        if wall is None:
            continue
        scale = {"ns": 1e-3, "μs": 1.0, "\u03bcs": 1.0, "us": 1.0, "ms": 1e3, "s": 1e6}[wall["scoreUnit"]]
        ours[key(entry["benchmark"].split(".")[-1])] = wall["scorePercentiles"]["50.0"] * scale

def mine(name):
    return next((v for k, v in ours.items() if k.endswith(key(name))), None)

def row(label, ccplan_us, peer_us, note=""):
    c = f"{ccplan_us:12.2f}" if ccplan_us is not None else f"{'missing':>12}"
    p = f"{peer_us:14.1f}" if peer_us is not None else f"{'n/a':>14}"
    r = f"{peer_us / ccplan_us:9.0f}x" if ccplan_us and peer_us else f"{'':>10}"
    print(f"{label:34} {c} {p} {r}  {note}")

print(f"pyworkforce {peer['version']} vs ccplan (median wall-clock µs per call; ratio = pyworkforce / ccplan)")
print(f"{'case':34} {'ccplan µs':>12} {'pyworkforce µs':>14} {'ratio':>10}")
for name, value in peer["erlang_c"].items():
    row(f"Erlang C requirement {name}", mine(f"Erlang C requirement {name}"), value["median_us"],
        f"(pyworkforce answer: {value['agents']} agents)")
if peer["erlang_a"] is None:
    row("Erlang A requirement A=10", mine("Erlang A requirement A=10"), None,
        f"pyworkforce {peer['version']} has no ErlangA (added in 0.5.2, not on PyPI)")
    row("Erlang A requirement A=833", mine("Erlang A requirement A=833"), None, "")
    row("Erlang A evaluation A=833 n=848", mine("Erlang A evaluation A=833 n=848"), None, "")
else:
    a = peer["erlang_a"]
    row("Erlang A requirement A=10", mine("Erlang A requirement A=10"), a["A=10"]["median_us"])
    e = a["A=833 evaluation"]
    row("Erlang A evaluation A=833 n=848", mine("Erlang A evaluation A=833 n=848"), e["median_us"],
        "timed out" if e.get("timeout") else "one evaluation")
    row("Erlang A requirement A=833", mine("Erlang A requirement A=833"), None, "")
goals = [("Erlang C requirement A=833", 20), ("Erlang A requirement A=833", 2000)]
for name, goal in goals:
    value = mine(name)
    status = "ok" if value is not None and value < goal else "MISSED"
    print(f"goal: {name} < {goal} µs: {value if value is None else round(value, 2)} µs {status}")
PY
