"""Times pyworkforce on the QueueingBenchmarks cases and prints JSON: medians (µs) and answers.

Cases (80 % within 20 s): A = 10 (100 per 30 min, AHT 3 min), A = 833 (5,000 per 30 min,
AHT 5 min), A = 33,333 (200,000 per 30 min, AHT 5 min); Erlang A with a mean patience of 2 min.
Run by compare-pyworkforce.sh inside a throwaway virtual environment.
"""
import json
import multiprocessing
import statistics
import sys
import time

import pyworkforce
from pyworkforce.queuing import ErlangC

CASES = {"A=10": (100, 3), "A=833": (5000, 5), "A=33333": (200000, 5)}


def median_us(fn, max_seconds=3.0, max_iterations=200, warmup=1):
    for _ in range(warmup):
        fn()
    samples = []
    start = time.perf_counter()
    while len(samples) < max_iterations and (time.perf_counter() - start < max_seconds or len(samples) < 3):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1e6)
    return statistics.median(samples)


def erlang_a_evaluation(queue, transactions, aht, positions):
    from pyworkforce.queuing import ErlangA  # noqa: F401  (0.5.2 and later only)
    erlang = ErlangA(transactions=transactions, aht=aht, asa=20 / 60, interval=30, patience=2)
    t0 = time.perf_counter()
    erlang.service_level(positions=positions)
    queue.put((time.perf_counter() - t0) * 1e6)


result = {"version": getattr(pyworkforce, "__version__", "unknown"), "erlang_c": {}, "erlang_a": {}}
for name, (transactions, aht) in CASES.items():
    erlang = ErlangC(transactions=transactions, aht=aht, asa=20 / 60, interval=30)
    answer = erlang.required_positions(service_level=0.8)["raw_positions"]
    seconds = 3.0 if name != "A=33333" else 10.0
    us = median_us(lambda: erlang.required_positions(service_level=0.8), max_seconds=seconds)
    result["erlang_c"][name] = {"median_us": us, "agents": answer}

try:
    from pyworkforce.queuing import ErlangA
except ImportError:
    result["erlang_a"] = None
else:
    erlang = ErlangA(transactions=100, aht=3, asa=20 / 60, interval=30, patience=2)
    result["erlang_a"]["A=10"] = {"median_us": median_us(lambda: erlang.required_positions(service_level=0.8),
                                                         max_seconds=10, max_iterations=5)}
    # One evaluation at A = 833 (n = 848), in a child process with a timeout.
    queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=erlang_a_evaluation, args=(queue, 5000, 5, 848))
    child.start()
    child.join(timeout=float(sys.argv[1]) if len(sys.argv) > 1 else 60)
    if child.is_alive():
        child.terminate()
        result["erlang_a"]["A=833 evaluation"] = {"median_us": None, "timeout": True}
    else:
        result["erlang_a"]["A=833 evaluation"] = {"median_us": queue.get()}
print(json.dumps(result))
