"""Seeded purchases for the Recommendations benchmark: CUSTOMERS customers, ITEMS items,
about PURCHASES distinct (customer, item) pairs, item popularity Zipf-like (weight
1 / rank^0.8). Written as little-endian u32 pairs (customer, item).

Usage: make_recommend_data.py OUT [CUSTOMERS ITEMS PURCHASES]
"""
import sys

import numpy as np

out = sys.argv[1]
customers, items, purchases = (int(a) for a in (sys.argv[2:5] or (100_000, 10_000, 1_000_000)))
rng = np.random.default_rng(20_261_122)
weights = 1.0 / np.arange(1, items + 1) ** 0.8
weights /= weights.sum()
# A little over the target, as duplicates collapse.
n = int(purchases * 1.08)
c = rng.integers(0, customers, n, dtype=np.uint64)
i = rng.choice(items, n, p=weights).astype(np.uint64)
pairs = np.unique(c * items + i)
arr = np.empty((len(pairs), 2), dtype="<u4")
arr[:, 0] = pairs // items
arr[:, 1] = pairs % items
arr.tofile(out)
print(f"{out}: {customers} customers, {items} items, {len(pairs)} purchases")
