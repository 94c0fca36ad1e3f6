"""Times pandas.read_csv on a file held in memory, as the reference for the load benchmark.

    python benches/reference/pandas_load.py FILE.csv [REPEATS]

Prints the median and minimum wall time in seconds and the peak memory of the process.
`parse_dates` (ISO 8601, its fastest path) is given the date column, since the Rust load
also reads every date.
"""
import io
import resource
import statistics
import sys
import time

import pandas as pd

def main() -> None:
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    data = open(path, "rb").read()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        frame = pd.read_csv(io.BytesIO(data), parse_dates=["order_date"], date_format="ISO8601")
        times.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pandas {pd.__version__} read_csv: median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s, rows {len(frame)}, peak RSS {peak_mb:.0f} MB")

if __name__ == "__main__":
    main()
