#!/usr/bin/env bash
# K-means (Lloyd) on 1,000,000 x 8 points, k = 8, 20 iterations from the same initial
# centroids: natively (criterion) and with scikit-learn's KMeans(algorithm="lloyd"), on
# the same data, in one run. Results go to BENCHMARKS.md by hand, with the machine.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/sklearn-venv.sh"
ensure_rust
ensure_sklearn_venv

data="$ROOT/target/bench/kmeans_1m_x8.f64"
init="$ROOT/target/bench/kmeans_init_k8.f64"
if [ ! -f "$data" ] || [ ! -f "$init" ]; then
  step "writing $data and $init (seeded)"
  mkdir -p "$(dirname "$data")"
  "$SKLEARN_VENV/bin/python" benches/reference/make_kmeans_data.py "$data" "$init" 1000000
fi

step "crm-lens k-means (criterion)"
CRM_LENS_BENCH_KMEANS="$data" CRM_LENS_BENCH_KMEANS_INIT="$init" \
  cargo bench --locked --bench kmeans -- --noplot
step "scikit-learn KMeans (lloyd)"
"$SKLEARN_VENV/bin/python" benches/reference/sklearn_kmeans.py "$data" "$init" 5

step "k-means in the worker, headless Chromium (release build)"
ensure_build_tools
ensure_chromium
build_site
node tests/browser/bench-analyses.mjs kmeans "$data" "$init" 3
