"""Writes the basket benchmark's data: seeded synthetic baskets, one per line.

    python3 benches/reference/make_baskets.py OUT.tsv [BASKETS] [ITEMS]

100,000 baskets (default) of 1,000 items (default) with Zipf-like popularity (the item
of rank k is drawn with weight 1/k), 1 + Binomial(14, 1/2) distinct items per basket
(mean 8). Items are written as `item0001`... separated by tabs. Deterministic (seed
20261122): the same file on every machine, so crm-lens and mlxtend mine the same
baskets. Plain Python, no packages needed.
"""
import bisect
import itertools
import random
import sys


def main() -> None:
    out = sys.argv[1]
    baskets = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    items = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000
    rng = random.Random(20261122)
    cumulative = list(itertools.accumulate(1.0 / k for k in range(1, items + 1)))
    total = cumulative[-1]
    names = [f"item{k:04d}" for k in range(1, items + 1)]
    with open(out, "w", newline="") as f:
        for _ in range(baskets):
            size = 1 + sum(rng.random() < 0.5 for _ in range(14))
            basket = []
            while len(basket) < size:
                k = bisect.bisect_right(cumulative, rng.random() * total)
                k = min(k, items - 1)
                if k not in basket:
                    basket.append(k)
            f.write("\t".join(names[k] for k in basket) + "\n")


if __name__ == "__main__":
    main()
