"""Times lifetimes on the customers of make_value_data.py: BetaGeoFitter and
GammaGammaFitter fits, then for every customer the conditional expected purchases over
52 weeks, the probability alive and customer_lifetime_value (12 months, freq "W": steps of
4.345 weeks, 1% a month), as benches/value.rs does.

    python lifetimes_value.py DATA.f64 REPEATS
"""

import sys
import time

import numpy as np
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter


def run(d: pd.DataFrame):
    bgf = BetaGeoFitter().fit(d["frequency"], d["recency"], d["T"])
    repeat = d[(d["frequency"] > 0) & (d["monetary_value"] > 0)]
    ggf = GammaGammaFitter().fit(repeat["frequency"], repeat["monetary_value"])
    expected = bgf.conditional_expected_number_of_purchases_up_to_time(52, d["frequency"], d["recency"], d["T"])
    alive = bgf.conditional_probability_alive(d["frequency"], d["recency"], d["T"])
    clv = ggf.customer_lifetime_value(bgf, d["frequency"], d["recency"], d["T"], d["monetary_value"],
                                      time=12, discount_rate=0.01, freq="W")
    return bgf, ggf, expected, alive, clv


def main(path: str, repeats: int) -> None:
    x = np.fromfile(path, dtype="<f8").reshape(-1, 4)
    d = pd.DataFrame(x, columns=["frequency", "recency", "T", "monetary_value"])
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        bgf, ggf, expected, alive, clv = run(d)
        times.append(time.perf_counter() - start)
    p = bgf.params_
    g = ggf.params_
    print(f"lifetimes: {len(d)} customers; r {p['r']:.6f} alpha {p['alpha']:.6f} a {p['a']:.6f} b {p['b']:.6f}; "
          f"p {g['p']:.6f} q {g['q']:.6f} v {g['v']:.6f}; total CLV {clv.sum():.2f}")
    times.sort()
    print(f"lifetimes fit + predict: median {times[len(times) // 2]:.3f} s, min {times[0]:.3f} s ({repeats} runs)")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
