#!/usr/bin/env bash
# Item-based recommendations for 100,000 customers x 10,000 items (about 1,000,000
# purchases, seeded, Zipf-like): similarities (50 nearest per item) and every customer's
# top 10, natively (criterion), with a plain scipy computation on the same data and in
# the app's worker (headless Chromium), in one run, each with its peak memory; then the
# full recommend() (every method and the last-order evaluation) natively and in the
# worker. Results go to BENCHMARKS.md by hand, with the machine.
source "$(dirname "$0")/lib.sh"
ensure_rust
command -v /usr/bin/time >/dev/null || { step "apt-get install time"; apt_install time; }

ensure_venv recommend

data="$ROOT/target/bench/recommend_100k_x10k.u32"
if [ ! -f "$data" ]; then
  step "writing $data (seeded)"
  mkdir -p "$(dirname "$data")"
  "$VENV/bin/python" benches/reference/make_recommend_data.py "$data"
fi

step "crm-lens item CF (criterion; peak RSS of the bench process)"
cargo bench --locked --bench recommend --no-run
CRM_LENS_BENCH_RECOMMEND="$data" /usr/bin/time -f "crm-lens item CF bench: peak RSS %M KB" \
  cargo bench --locked --bench recommend -- --noplot
step "crm-lens full recommend(), 3 runs (the filter skips criterion's samples)"
CRM_LENS_BENCH_RECOMMEND="$data" CRM_LENS_BENCH_RECOMMEND_FULL=3 \
  /usr/bin/time -f "crm-lens full recommend() bench: peak RSS %M KB" \
  cargo bench --locked --bench recommend -- --noplot full-only
step "scipy (one thread)"
OMP_NUM_THREADS=1 /usr/bin/time -f "scipy: peak RSS %M KB (the process)" \
  "$VENV/bin/python" benches/reference/scipy_recommend.py "$data" 3

step "item CF, then the full recommend(), in the worker, headless Chromium (release build)"
ensure_build_tools
ensure_chromium
build_site
node tests/browser/bench-analyses.mjs recommend "$data" item-cf 3
node tests/browser/bench-analyses.mjs recommend "$data" full 3
