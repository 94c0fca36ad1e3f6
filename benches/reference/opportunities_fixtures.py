"""Reference penetration gaps for crm-lens's Opportunities (tests/fixtures/opportunities/),
computed plainly with pandas and scipy on the demo shop, grouped by the region column of
its customers table (so the groups need no clustering).

Definitions (the same as src/opportunities/):
- Lines kept: a customer id and a readable date (as crm-lens loads the demo). Purchases:
  quantity > 0 (returns are not purchases); amount = quantity x unit price.
- The period: the last DAYS calendar days of the log, its last day included.
- Active customers: those with a purchase in the period. A customer's group: the first
  region written for them in customers.csv; groups in order of first appearance.
- For group g and item i (category or product): x1 of n1 active members bought i in the
  period; peers x2 of n2: everyone active outside g, or (look-alikes) the active
  customers outside g among the K most similar customers of any active member
  (cosine of the binary customer x product matrix of the period; sim > 0; ties by the
  customer's first appearance in the log).
- Tested when n1 > 0, n2 > 0 and x1 + x2 > 0: z = (x1/n1 - x2/n2) / sqrt(p (1 - p)
  (1/n1 + 1/n2)), p = (x1 + x2) / (n1 + n2) (z = 0, p-value 1 when p (1 - p) = 0);
  p-value 2 sf(|z|); q-values by Benjamini-Hochberg (scipy.stats.false_discovery_control)
  over every tested cell of the case.
- index = 100 (x1/n1) / (x2/n2); affected = n1 - x1; converts = affected x2/n2;
  per buyer = the peers' spend on i / x2; revenue = converts x per buyer.
- Gaps: cells with x1/n1 < x2/n2, by revenue (higher first), then index (lower first),
  then group (first appearance), then item name (code points): `ranking_all`; those
  with q <= 0.05 (significant): `ranking`.

Usage: opportunities_fixtures.py DEMO_DIR OUT_DIR
"""

import json
import sys

import numpy as np
import pandas as pd
import scipy
from scipy import stats

DAYS = 365
ALPHA = 0.05


def load(folder):
    t = pd.read_csv(f"{folder}/transactions.csv", dtype=str, keep_default_na=False)
    dates = pd.to_datetime(t["order_date"], format="%Y-%m-%d %H:%M:%S", errors="coerce")
    keep = (t["customer_id"] != "") & dates.notna()
    t = t[keep].copy()
    t["day"] = (dates[keep] - pd.Timestamp("1970-01-01")).dt.days
    t["quantity"] = t["quantity"].astype(float)
    t["amount"] = t["quantity"] * t["unit_price"].astype(float)
    customers = list(dict.fromkeys(t["customer_id"]))
    dense = {c: i for i, c in enumerate(customers)}
    t["c"] = t["customer_id"].map(dense)
    last = int(t["day"].max())
    p = t[(t["quantity"] > 0) & (t["day"] >= last - DAYS + 1)]
    attributes = pd.read_csv(f"{folder}/customers.csv", dtype=str, keep_default_na=False)
    group_of = {}
    names = []
    for cid, region in zip(attributes["customer_id"], attributes["region"]):
        if cid not in dense or dense[cid] in group_of or region.strip() == "":
            continue
        if region.strip() not in names:
            names.append(region.strip())
        group_of[dense[cid]] = names.index(region.strip())
    return p, len(customers), group_of, names, last


def look_alike_peers(p, customers, group_of, groups, k):
    products = sorted(p["product"].unique())
    index = {name: j for j, name in enumerate(products)}
    x = np.zeros((customers, len(products)))
    x[p["c"].to_numpy(), p["product"].map(index).to_numpy()] = 1.0
    counts = x.sum(axis=1)
    norms = np.sqrt(counts)
    dots = x @ x.T
    active = counts > 0
    peers = [set() for _ in range(groups)]
    for u in range(customers):
        g = group_of.get(u)
        if g is None or not active[u]:
            continue
        row = [
            (v, dots[u, v] / (norms[u] * norms[v]))
            for v in np.nonzero(dots[u])[0]
            if v != u
        ]
        row = [(v, s) for v, s in row if s > 0]
        row.sort(key=lambda e: (-e[1], e[0]))
        for v, _ in row[:k]:
            if group_of.get(v) != g and active[v]:
                peers[g].add(int(v))
    return peers


def case(p, customers, group_of, names, last, level, k):
    active = set(p["c"].unique().tolist())
    bought = p.groupby(["c", level], sort=False)["amount"].sum().reset_index()
    items = sorted(bought[level].unique())
    if k is None:
        peers = [set(c for c in active if group_of.get(c) != g) for g in range(len(names))]
    else:
        peers = look_alike_peers(p, customers, group_of, len(names), k)
    cells = []
    for g, name in enumerate(names):
        members = set(c for c in active if group_of.get(c) == g)
        n1, n2 = len(members), len(peers[g])
        own = bought[bought["c"].isin(members)].groupby(level)
        theirs = bought[bought["c"].isin(peers[g])].groupby(level)
        x1s, x2s = own["c"].nunique(), theirs["c"].nunique()
        spend = theirs["amount"].sum()
        for item in items:
            x1, x2 = int(x1s.get(item, 0)), int(x2s.get(item, 0))
            if n1 == 0 or n2 == 0 or x1 + x2 == 0:
                continue
            pooled = (x1 + x2) / (n1 + n2)
            variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
            if variance <= 0:
                z, pv = 0.0, 1.0
            else:
                z = (x1 / n1 - x2 / n2) / np.sqrt(variance)
                pv = float(2 * stats.norm.sf(abs(z)))
            affected = n1 - x1
            converts = affected * (x2 / n2)
            per_buyer = float(spend.get(item, 0.0)) / x2 if x2 > 0 else None
            cells.append({
                "group": name, "g": g, "item": item,
                "group_customers": n1, "group_buyers": x1,
                "peer_customers": n2, "peer_buyers": x2,
                "group_penetration": x1 / n1, "peer_penetration": x2 / n2,
                "index": 100 * (x1 / n1) / (x2 / n2) if x2 > 0 else None,
                "z": float(z), "p_value": pv,
                "customers_affected": affected, "expected_converts": converts,
                "peer_spend_per_buyer": per_buyer,
                "expected_revenue": converts * per_buyer if per_buyer is not None else None,
            })
    q = stats.false_discovery_control([c["p_value"] for c in cells], method="bh")
    for cell, value in zip(cells, q):
        cell["q_value"] = float(value)
    gaps = [c for c in cells if c["group_penetration"] < c["peer_penetration"]]
    gaps.sort(key=lambda c: (-c["expected_revenue"], c["index"], c["g"], c["item"]))
    listed = [c for c in gaps if c["q_value"] <= ALPHA]
    for c in cells:
        del c["g"]
    return {
        "level": "category" if level == "category" else "product",
        "look_alikes": k,
        "period_days": DAYS,
        "last_day": last,
        "groups": names,
        "customers": len(active),
        "cells": cells,
        "ranking": [[c["group"], c["item"]] for c in listed],
        "ranking_all": [[c["group"], c["item"]] for c in gaps],
    }


def main():
    folder, out = sys.argv[1:3]
    p, customers, group_of, names, last = load(folder)
    for level, k, file in [
        ("category", None, "demo-region-category.json"),
        ("product", None, "demo-region-product.json"),
        ("category", 20, "demo-region-category-lookalikes.json"),
    ]:
        result = case(p, customers, group_of, names, last, level, k)
        result["versions"] = {
            "numpy": np.__version__, "pandas": pd.__version__, "scipy": scipy.__version__,
        }
        with open(f"{out}/{file}", "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False, indent=0)
        print(f"{out}/{file}: {len(result['cells'])} cells, {len(result['ranking'])} listed")


if __name__ == "__main__":
    main()
