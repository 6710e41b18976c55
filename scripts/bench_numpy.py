"""The NumPy half of `scripts/bench tensor`: the same operations as Sources/nn-bench, one
`name seconds-per-call` line each (median of runs)."""
import statistics
import sys
import time

import numpy as np

only = sys.argv[1] if len(sys.argv) > 1 else None


def wanted(name):
    return only is None or name.startswith(only)


def measure(name, body, samples=7, inner=1):
    body()
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        for _ in range(inner):
            body()
        times.append(time.perf_counter() - start)
    print(name, statistics.median(times) / inner, flush=True)


rs = np.random.RandomState(0)
if wanted("matmul"):
    a, b = rs.random_sample((1024, 1024)), rs.random_sample((1024, 1024))
    measure("matmul_1024", lambda: a @ b, samples=5)
if wanted("elementwise") or wanted("sigmoid") or wanted("broadcast"):
    a, b = rs.random_sample(10_000_000), rs.random_sample(10_000_000)
    if wanted("elementwise"):
        measure("add_1e7", lambda: a + b, samples=5)
        measure("exp_1e7", lambda: np.exp(a), samples=5)
    if wanted("sigmoid"):
        # As the tutorials write it: three passes and two temporaries.
        measure("sigmoid_1e7", lambda: 1 / (1 + np.exp(-a)), samples=5)
    if wanted("broadcast"):
        m, row = a.reshape(10_000, 1000), rs.random_sample(1000)
        measure("broadcast_add_1e4x1e3", lambda: m + row, samples=5)
if wanted("reduce"):
    m = rs.random_sample((10_000, 1000))
    measure("sum_1e4x1e3", lambda: m.sum(), samples=5)
    measure("mean_axis0_1e4x1e3", lambda: m.mean(axis=0), samples=5)
if wanted("tiny"):
    A = np.array([[5, 1, -1], [2, -1, 1], [1, 3, -2]], dtype=float)
    x, y = np.array([0.5, 0.25, 0.125]), np.array([1.0, 4.0, 0.0])
    measure("tiny_matvec_3x3", lambda: A @ x, samples=9, inner=100_000)
    measure("tiny_add_3", lambda: x + y, samples=9, inner=100_000)
    measure("tiny_mean_3", lambda: np.mean(x), samples=9, inner=100_000)
