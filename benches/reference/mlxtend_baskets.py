"""Times mlxtend's fpgrowth and association_rules on a baskets file, as the reference
for the basket benchmark.

    python benches/reference/mlxtend_baskets.py BASKETS.tsv [MIN_SUPPORT] [REPEATS]

The baskets (one per line, items separated by tabs) are one-hot encoded with mlxtend's
TransactionEncoder into a boolean DataFrame, as mlxtend's guide does; the encoding is not
timed. Then, REPEATS times (default 3): fpgrowth(min_support) and, on its itemsets,
association_rules(metric="confidence", min_threshold=0), which keeps every rule.
Prints the median and minimum wall times and the peak memory of the process.
"""
import resource
import statistics
import sys
import time

import mlxtend
import pandas as pd
from mlxtend.frequent_patterns import association_rules, fpgrowth
from mlxtend.preprocessing import TransactionEncoder


def main() -> None:
    path = sys.argv[1]
    min_support = float(sys.argv[2]) if len(sys.argv) > 2 else 0.001
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    with open(path) as f:
        baskets = [line.rstrip("\n").split("\t") for line in f]
    encoder = TransactionEncoder()
    frame = pd.DataFrame(encoder.fit(baskets).transform(baskets), columns=encoder.columns_)
    mine_times, rule_times = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        itemsets = fpgrowth(frame, min_support=min_support, use_colnames=True)
        mined = time.perf_counter()
        rules = association_rules(itemsets, num_itemsets=len(frame), metric="confidence",
                                  min_threshold=0.0)
        done = time.perf_counter()
        mine_times.append(mined - start)
        rule_times.append(done - start)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"mlxtend {mlxtend.__version__}, pandas {pd.__version__}: {len(frame)} baskets, "
          f"{frame.shape[1]} items, {len(itemsets)} itemsets, {len(rules)} rules")
    print(f"fpgrowth: median {statistics.median(mine_times):.3f} s, min {min(mine_times):.3f} s")
    print(f"fpgrowth + association_rules: median {statistics.median(rule_times):.3f} s, "
          f"min {min(rule_times):.3f} s")
    print(f"peak RSS {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
