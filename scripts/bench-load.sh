#!/usr/bin/env bash
# Loads a 1,000,000-line transaction log natively (criterion) and with pandas read_csv,
# on the same bytes, in one run. Results go to BENCHMARKS.md by hand, with the machine.
source "$(dirname "$0")/lib.sh"
ensure_rust

data="$ROOT/target/bench/orders_1m.csv"
if [ ! -f "$data" ]; then
  step "writing $data (seeded)"
  mkdir -p "$(dirname "$data")"
  python3 benches/reference/make_orders.py "$data" 1000000
fi

venv="$ROOT/target/bench/venv"
if [ ! -x "$venv/bin/python" ]; then
  step "python venv with pandas 2.2.3"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet pandas==2.2.3
fi

step "crm-lens load (criterion)"
CRM_LENS_BENCH_CSV="$data" cargo bench --locked --bench load -- --noplot
step "pandas read_csv"
"$venv/bin/python" benches/reference/pandas_load.py "$data" 5

step "worker in headless Chromium (release build)"
ensure_build_tools
ensure_chromium
build_site
node tests/browser/bench-load.mjs "$data" 3
