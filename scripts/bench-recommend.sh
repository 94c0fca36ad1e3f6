#!/usr/bin/env bash
# Item-based recommendations for 100,000 customers x 10,000 items (about 1,000,000
# purchases, seeded, Zipf-like): similarities (50 nearest per item) and every customer's
# top 10, natively (criterion) and with a plain scipy computation on the same data, in
# one run. Results go to BENCHMARKS.md by hand, with the machine.
source "$(dirname "$0")/lib.sh"
ensure_rust

venv="$ROOT/target/bench/venv-recommend"
if [ ! -x "$venv/bin/python" ]; then
  step "python venv with numpy and scipy (benches/reference/requirements-recommend.txt)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r benches/reference/requirements-recommend.txt
fi

data="$ROOT/target/bench/recommend_100k_x10k.u32"
if [ ! -f "$data" ]; then
  step "writing $data (seeded)"
  mkdir -p "$(dirname "$data")"
  "$venv/bin/python" benches/reference/make_recommend_data.py "$data"
fi

step "crm-lens item CF (criterion)"
CRM_LENS_BENCH_RECOMMEND="$data" cargo bench --locked --bench recommend -- --noplot
step "scipy (one thread)"
OMP_NUM_THREADS=1 "$venv/bin/python" benches/reference/scipy_recommend.py "$data" 3
