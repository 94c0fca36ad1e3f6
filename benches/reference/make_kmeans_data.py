"""Writes the k-means benchmark's data: 1,000,000 x 8 float64 points and 8 initial centroids.

    python benches/reference/make_kmeans_data.py DATA.f64 INIT.f64 [ROWS]

Both files are raw little-endian float64, row-major (8 values per row), read the same
way by the criterion bench (benches/kmeans.rs) and by sklearn_kmeans.py. The points are
12 overlapping Gaussian blobs in 8 dimensions (seeded, numpy's PCG64 with seed
20261122), overlapping enough that Lloyd's algorithm from 8 centroids does not settle
within 20 iterations, so both sides do exactly 20. The initial centroids are 8 of the
points, drawn with the same generator.
"""
import sys

import numpy as np

def main() -> None:
    data_path, init_path = sys.argv[1], sys.argv[2]
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    rng = np.random.default_rng(20261122)
    centres = rng.normal(0.0, 3.0, size=(12, 8))
    blob = rng.integers(0, 12, size=rows)
    x = centres[blob] + rng.normal(0.0, 2.0, size=(rows, 8))
    x = np.ascontiguousarray(x, dtype="<f8")
    init = np.ascontiguousarray(x[rng.choice(rows, size=8, replace=False)], dtype="<f8")
    x.tofile(data_path)
    init.tofile(init_path)
    print(f"wrote {data_path} ({rows} x 8) and {init_path} (8 x 8)")

if __name__ == "__main__":
    main()
