"""Times numpy on the three LinearAlgebraBenchmarks operations and prints JSON medians (µs).

Both sides run single-threaded (OPENBLAS_NUM_THREADS=1,
set by compare-numpy.sh) on the same shapes and the same kind of random data.
"""
import json
import statistics
import time

import numpy as np

rng = np.random.default_rng(0)


def median_us(fn, max_seconds=3.0, max_iterations=200, warmup=3):
    for _ in range(warmup):
        fn()
    samples = []
    start = time.perf_counter()
    while len(samples) < max_iterations and time.perf_counter() - start < max_seconds:
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1e6)
    return statistics.median(samples)


a = np.asfortranarray(rng.uniform(-1, 1, (1000, 1000)))
b = np.asfortranarray(rng.uniform(-1, 1, (1000, 1000)))
x = np.asfortranarray(rng.uniform(-1, 1, (10000, 50)))
y = rng.uniform(-1, 1, 10000)
d = np.asfortranarray(rng.uniform(-1, 1, (500, 48)))

print(json.dumps({
    "dgemm 1000x1000": median_us(lambda: a @ b),
    "least squares 10000x50 (dgelsd)": median_us(lambda: np.linalg.lstsq(x, y, rcond=1e-12)),
    "svd 500x48 thin (dgesdd)": median_us(lambda: np.linalg.svd(d, full_matrices=False)),
}))
