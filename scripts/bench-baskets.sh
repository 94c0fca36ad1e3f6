#!/usr/bin/env bash
# Market basket analysis on 100,000 seeded synthetic baskets (1,000 items of Zipf-like
# popularity, mean basket size 8, minimum support 0.1%): crm-lens natively (criterion,
# then the CLI for time and peak memory) and mlxtend's fpgrowth + association_rules on
# the same baskets, in one run. Results go to BENCHMARKS.md by hand, with the machine.
source "$(dirname "$0")/lib.sh"
ensure_rust
command -v /usr/bin/time >/dev/null || { step "apt-get install time"; apt_install time; }

data="$ROOT/target/bench/baskets_100k.tsv"
if [ ! -f "$data" ]; then
  step "writing $data (seeded)"
  mkdir -p "$(dirname "$data")"
  python3 benches/reference/make_baskets.py "$data" 100000 1000
fi

ensure_venv baskets

step "crm-lens itemsets and rules (criterion)"
CRM_LENS_BENCH_BASKETS="$data" cargo bench --locked --bench baskets -- --noplot

step "crm-lens rules CLI: read the baskets, FP-growth, every rule as CSV (3 runs)"
cargo build --locked --release --bin crm-lens
for _ in 1 2 3; do
  /usr/bin/time -f "wall %e s, peak RSS %M KB" target/release/crm-lens rules --input baskets \
    --min-support 0.001 --min-confidence 0 --min-lift 0 --max-len none --max-rules none \
    --format csv "$data" >/dev/null
done

step "mlxtend fpgrowth + association_rules"
"$VENV/bin/python" benches/reference/mlxtend_baskets.py "$data" 0.001 3

step "crm-lens in the worker, headless Chromium (release build)"
ensure_build_tools
ensure_chromium
build_site
node tests/browser/bench-analyses.mjs rules "$data" 0.001 3
