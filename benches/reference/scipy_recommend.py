"""The reference for the Recommendations benchmark: item-item cosine similarities with
scipy's sparse product (X^T X), each item's K = 50 nearest kept, and every customer's
top 10 items not bought (X S_K), timed; the same definitions as
recommend_fixtures.py. scipy's sparse products run on one thread.

Usage: scipy_recommend.py PAIRS REPEATS
"""
import resource
import sys
import time

import numpy as np
from scipy.sparse import csr_matrix

K, N = 50, 10
path, repeats = sys.argv[1], int(sys.argv[2])
pairs = np.fromfile(path, dtype="<u4").reshape(-1, 2)
customers, items = int(pairs[:, 0].max()) + 1, int(pairs[:, 1].max()) + 1


def run():
    x = csr_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(customers, items))
    x.sum_duplicates()
    norms = np.sqrt(np.asarray(x.sum(axis=0)).ravel())
    xt = x.T.tocsr()
    co = (xt @ xt.T).tocsr()
    co.setdiag(0)
    co.eliminate_zeros()
    # cosine: scale rows and columns by the inverse norms
    inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    co = co.multiply(inv[:, None]).multiply(inv[None, :]).tocsr()
    rows, cols, vals = [], [], []
    for i in range(items):
        start, end = co.indptr[i], co.indptr[i + 1]
        idx, sims = co.indices[start:end], co.data[start:end]
        if len(sims) > K:
            keep = np.argpartition(-sims, K - 1)[:K]
            idx, sims = idx[keep], sims[keep]
        rows.append(np.full(len(idx), i))
        cols.append(idx)
        vals.append(sims)
    s_k = csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(items, items)
    )
    scores = (x @ s_k).tocsr()
    scores = (scores - scores.multiply(x)).tocsr()
    scores.eliminate_zeros()
    top = np.zeros((customers, N), dtype=np.int64)
    for u in range(customers):
        start, end = scores.indptr[u], scores.indptr[u + 1]
        if end - start > N:
            keep = np.argpartition(-scores.data[start:end], N - 1)[:N]
            top[u, : len(keep)] = scores.indices[start:end][keep]
    return top


times = []
for _ in range(repeats):
    t = time.perf_counter()
    run()
    times.append(time.perf_counter() - t)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"scipy item-item cosine + top-10 for every customer: best {min(times):.3f} s, "
      f"median {sorted(times)[len(times) // 2]:.3f} s over {repeats}; peak RSS {peak:.0f} MiB")
