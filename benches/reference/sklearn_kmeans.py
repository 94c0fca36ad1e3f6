"""Times scikit-learn's KMeans (Lloyd) as the reference for the k-means benchmark.

    python benches/reference/sklearn_kmeans.py DATA.f64 INIT.f64 [REPEATS]

Reads the files written by make_kmeans_data.py and fits
`KMeans(n_clusters=8, algorithm="lloyd", max_iter=20, tol=0, n_init=1, init=INIT)`,
the same start and the same iterations as the Rust bench, with scikit-learn's default
threads (all cores) and again with one thread. Prints median and minimum wall time,
the iterations run, the inertia (which the Rust bench prints too, for comparison) and
the peak memory of the process.
"""
import resource
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_info, threadpool_limits

def fit(x, init):
    model = KMeans(n_clusters=8, algorithm="lloyd", max_iter=20, tol=0, n_init=1, init=init)
    start = time.perf_counter()
    model.fit(x)
    return time.perf_counter() - start, model

def run(label, x, init, repeats):
    fit(x, init)  # warm-up
    times, model = [], None
    for _ in range(repeats):
        elapsed, model = fit(x, init)
        times.append(elapsed)
    print(f"scikit-learn {sklearn.__version__} KMeans lloyd ({label}): median "
          f"{statistics.median(times):.3f} s, min {min(times):.3f} s, iterations "
          f"{model.n_iter_}, inertia {model.inertia_:.6f}")

def main() -> None:
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    x = np.fromfile(sys.argv[1], dtype="<f8").reshape(-1, 8)
    init = np.fromfile(sys.argv[2], dtype="<f8").reshape(8, 8)
    threads = max((p.get("num_threads", 1) for p in threadpool_info()), default=1)
    run(f"default threads: {threads}", x, init, repeats)
    with threadpool_limits(limits=1):
        run("1 thread", x, init, repeats)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak_mb:.0f} MB ({x.shape[0]} x {x.shape[1]} points)")

if __name__ == "__main__":
    main()
