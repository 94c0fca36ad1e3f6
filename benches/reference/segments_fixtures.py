"""Writes the scikit-learn reference results that the segmentation tests compare with.

    ./scripts/segments-fixtures.sh          # makes the venv, runs this script

or, with scikit-learn 1.9.1 and numpy 2.4.6 installed:

    python benches/reference/segments_fixtures.py tests/fixtures/segments

For two datasets that ship with scikit-learn, iris (as loaded) and wine (standardised
with StandardScaler, since its columns range from 0.1 to 1,680), it writes
`<name>.json` with:

- `x`: the data as used (rows of floats), so the Rust tests need no loader;
- `kmeans`: for k = 2..8, the inertia of `KMeans(n_clusters=k, n_init=10,
  algorithm="lloyd", random_state=0)`, i.e. scikit-learn's best of 10 runs, with its
  labels;
- `silhouette`: `silhouette_score` of each of those labelings (Euclidean), and of two of
  them with the Manhattan metric;
- `dbscan`: `DBSCAN(eps, min_samples, metric)` labels (noise -1) for a few settings;
- `pca`: `PCA(svd_solver="full")` components, explained variance and its ratio, mean.

Everything is deterministic (fixed random_state), so running it again gives the same
files with the same library versions.
"""
import json
import sys
from pathlib import Path

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN, KMeans
from sklearn.datasets import load_iris, load_wine
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

KS = range(2, 9)


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def reference(name, x, dbscan_settings):
    x = np.ascontiguousarray(x, dtype=np.float64)
    out = {
        "name": name,
        "rows": int(x.shape[0]),
        "cols": int(x.shape[1]),
        "x": floats(x),
        "kmeans": [],
        "silhouette": [],
        "dbscan": [],
    }
    for k in KS:
        model = KMeans(n_clusters=k, n_init=10, algorithm="lloyd", random_state=0).fit(x)
        labels = [int(v) for v in model.labels_]
        out["kmeans"].append({"k": k, "inertia": float(model.inertia_), "labels": labels})
        out["silhouette"].append({
            "metric": "euclidean",
            "labels": labels,
            "score": float(silhouette_score(x, labels)),
        })
        if k in (3, 5):
            out["silhouette"].append({
                "metric": "manhattan",
                "labels": labels,
                "score": float(silhouette_score(x, labels, metric="manhattan")),
            })
    for eps, min_samples, metric in dbscan_settings:
        labels = DBSCAN(eps=eps, min_samples=min_samples, metric=metric).fit(x).labels_
        out["dbscan"].append({
            "eps": eps,
            "min_samples": min_samples,
            "metric": metric,
            "labels": [int(v) for v in labels],
            "clusters": int(labels.max() + 1),
            "noise": int((labels == -1).sum()),
        })
    pca = PCA(svd_solver="full").fit(x)
    out["pca"] = {
        "components": [floats(c) for c in pca.components_],
        "explained_variance": floats(pca.explained_variance_),
        "explained_variance_ratio": floats(pca.explained_variance_ratio_),
        "mean": floats(pca.mean_),
    }
    return out


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/segments")
    folder.mkdir(parents=True, exist_ok=True)
    versions = {"scikit-learn": sklearn.__version__, "numpy": np.__version__}
    iris = load_iris().data
    wine = StandardScaler().fit_transform(load_wine().data)
    sets = [
        reference("iris", iris, [
            (0.5, 5, "euclidean"), (0.4, 4, "euclidean"), (0.8, 10, "euclidean"),
            (0.9, 5, "manhattan"),
        ]),
        reference("wine", wine, [
            (2.0, 5, "euclidean"), (2.2, 4, "euclidean"), (2.8, 6, "euclidean"),
            (5.5, 4, "manhattan"), (7.0, 8, "manhattan"),
        ]),
    ]
    for data in sets:
        data["versions"] = versions
        path = folder / f"{data['name']}.json"
        path.write_text(json.dumps(data, separators=(",", ":")) + "\n")
        summary = ", ".join(f"eps {d['eps']}: {d['clusters']} clusters, {d['noise']} noise"
                            for d in data["dbscan"])
        print(f"{path}: {data['rows']} x {data['cols']}; dbscan {summary}")


if __name__ == "__main__":
    main()
