"""Seeded customers drawn from the BG/NBD and Gamma-Gamma generative models, written as
raw little-endian f64, four per customer: frequency, recency, T (whole weeks, as a
transaction log summarised by week gives them) and monetary value (mean repeat spend,
0 without repeats).

    python make_value_data.py OUT.f64 CUSTOMERS
"""

import sys

import numpy as np

# Purchase rate ~ Gamma(r, alpha) per week, dropout ~ Beta(a, b); spend per purchase
# ~ Gamma(p, nu), nu ~ Gamma(q, gamma): CDNOW-like values in weeks.
R, ALPHA, A, B = 0.25, 4.0, 0.8, 2.5
P, Q, GAMMA = 6.0, 4.0, 15.0


def main(out: str, n: int) -> None:
    rng = np.random.default_rng(20261122)
    t = rng.integers(10, 79, size=n).astype(float)
    lam = rng.gamma(R, 1.0 / ALPHA, size=n)
    drop = rng.beta(A, B, size=n)
    rows = np.zeros((n, 4))
    for i in range(n):
        times = []
        now = 0.0
        while True:
            now += rng.exponential(1.0 / lam[i]) if lam[i] > 0 else np.inf
            if now > t[i]:
                break
            times.append(now)
            if rng.random() < drop[i]:
                break
        # Repeat purchases in the first purchase's week are no repeat period.
        weeks = sorted(set(int(x) for x in times) - {0})
        x = len(weeks)
        recency = weeks[-1] if weeks else 0
        monetary = 0.0
        if x > 0:
            nu = rng.gamma(Q, 1.0 / GAMMA)
            monetary = float(rng.gamma(P, 1.0 / nu, size=x).mean())
        rows[i] = (x, recency, t[i], monetary)
    rows.astype("<f8").tofile(out)
    repeat = (rows[:, 0] > 0).sum()
    print(f"{n} customers, {repeat} repeat, mean frequency {rows[:, 0].mean():.3f}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
