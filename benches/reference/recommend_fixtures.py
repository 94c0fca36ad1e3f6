"""Reference item-item cosine similarities and item-based top-N lists for crm-lens's
Recommendations (tests/fixtures/recommend/), computed plainly with numpy and scipy.

Definitions (the same as src/recommend/similarity.rs and item_cf.rs):
- X is the binary customer x item matrix (bought or not; returns are not purchases).
- IDF off: sim(i, j) = co(i, j) / (sqrt(n_i) * sqrt(n_j)), co = X^T X, n_i = buyers of i.
- IDF on: customer u's row is weighted by w_u = ln(N / |I_u|) (N: items bought by anyone,
  |I_u|: items u bought); sim is the cosine of the weighted item columns.
- Each item keeps its K most similar other items with sim > 0: higher sim first, equal
  sims by item name (code point order). S_K holds those.
- A customer's item-based scores are X_u S_K; items they bought are left out, and so are
  scores of 0; the top N: higher score first, equal scores by item name.

Usage: recommend_fixtures.py SUPERMARKET.baskets DEMO_TRANSACTIONS.csv OUT_DIR
"""

import json
import sys

import numpy as np
import pandas as pd
import scipy
from scipy.sparse import csr_matrix, diags

K = 20  # similar items kept per item
N = 10  # items per customer


def matrix(pairs, customers, items):
    rows = np.array([p[0] for p in pairs], dtype=np.int64)
    cols = np.array([p[1] for p in pairs], dtype=np.int64)
    x = csr_matrix((np.ones(len(pairs)), (rows, cols)), shape=(customers, items))
    x.sum_duplicates()
    x.data[:] = 1.0
    x.sort_indices()
    return x


def similarities(x, idf):
    if idf:
        per_customer = np.diff(x.indptr)
        n_items = int((x.getnnz(axis=0) > 0).sum())
        w = np.zeros(x.shape[0])
        bought = per_customer > 0
        w[bought] = np.log(n_items / per_customer[bought])
        xw = (diags(w) @ x).tocsr()
        norms = np.sqrt(np.asarray(xw.multiply(xw).sum(axis=0)).ravel())
    else:
        xw = x
        norms = np.sqrt(np.asarray(x.sum(axis=0)).ravel())
    xt = xw.T.tocsr()
    co = (xt @ xt.T).tocsr()
    co.sort_indices()
    sims = []
    for i in range(x.shape[1]):
        row = []
        for p in range(co.indptr[i], co.indptr[i + 1]):
            j = int(co.indices[p])
            if j == i:
                continue
            s = co.data[p] / (norms[i] * norms[j])
            if s > 0:
                row.append((j, float(s)))
        sims.append(row)
    return sims


def ranked(row, names, k):
    return sorted(row, key=lambda e: (-e[1], names[e[0]]))[:k]


def case(name, pairs, customer_names, names, idf, customers):
    x = matrix(pairs, len(customer_names), len(names))
    sims = similarities(x, idf)
    top = [ranked(row, names, K) for row in sims]
    rows, cols, vals = [], [], []
    for j, row in enumerate(top):
        for i, s in row:
            rows.append(j)
            cols.append(i)
            vals.append(s)
    s_k = csr_matrix((vals, (rows, cols)), shape=(len(names), len(names)))
    scores = (x @ s_k).tocsr()
    lists = {}
    for u in customers:
        bought = set(x.indices[x.indptr[u] : x.indptr[u + 1]].tolist())
        row = [
            (int(scores.indices[p]), float(scores.data[p]))
            for p in range(scores.indptr[u], scores.indptr[u + 1])
            if int(scores.indices[p]) not in bought and scores.data[p] > 0
        ]
        lists[customer_names[u]] = [[names[i], s] for i, s in ranked(row, names, N)]
    return {
        "case": name,
        "idf": idf,
        "k": K,
        "n": N,
        "neighbours": {names[i]: [[names[j], s] for j, s in row] for i, row in enumerate(top)},
        "top_n": lists,
    }


def supermarket(path):
    """One customer per basket (line); item ids by first appearance, as crm-lens's
    Baskets::from_text gives them."""
    names, index, pairs = [], {}, []
    customer = 0
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            items = [i.strip() for i in line.split("\t") if i.strip()]
            if not items:
                continue
            for item in items:
                if item not in index:
                    index[item] = len(names)
                    names.append(item)
                pairs.append((customer, index[item]))
            customer += 1
    return pairs, [str(c) for c in range(customer)], names


def demo(path):
    """The demo's lines that crm-lens keeps (a customer and a real date), product ids and
    customer ids by first appearance among them; returns (negative quantity) left out."""
    t = pd.read_csv(path, dtype=str, keep_default_na=False)
    dates = pd.to_datetime(t["order_date"], format="%Y-%m-%d %H:%M:%S", errors="coerce")
    t = t[(t["customer_id"] != "") & dates.notna()]
    customers = list(dict.fromkeys(t["customer_id"]))
    names = list(dict.fromkeys(t["product"]))
    c_index = {c: i for i, c in enumerate(customers)}
    p_index = {p: i for i, p in enumerate(names)}
    bought = t[t["quantity"].astype(float) > 0]
    pairs = [(c_index[c], p_index[p]) for c, p in zip(bought["customer_id"], bought["product"])]
    return pairs, customers, names


def main():
    basket_path, demo_path, out = sys.argv[1:4]
    for name, (pairs, customer_names, names), every in [
        ("supermarket", supermarket(basket_path), 50),
        ("demo", demo(demo_path), 30),
    ]:
        customers = list(range(0, len(customer_names), every))
        for idf in (False, True):
            result = case(name, pairs, customer_names, names, idf, customers)
            result["versions"] = {"numpy": np.__version__, "scipy": scipy.__version__}
            file = f"{out}/{name}{'-idf' if idf else ''}.json"
            with open(file, "w", encoding="utf-8") as f:
                json.dump(result, f, ensure_ascii=False, indent=0)
            print(f"{file}: {len(names)} items, {len(customers)} customers' lists")


if __name__ == "__main__":
    main()
