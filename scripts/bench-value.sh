#!/usr/bin/env bash
# BG/NBD + Gamma-Gamma fits and every customer's predictions (expected purchases,
# probability alive, CLV) for 100,000 seeded customers drawn from the models: natively
# (criterion), with lifetimes 0.11.3 on the same data, and in the worker (headless
# Chromium), in one run. Results go to BENCHMARKS.md by hand, with the machine.
source "$(dirname "$0")/lib.sh"
ensure_rust
ensure_venv value

data="$ROOT/target/bench/value_100k.f64"
if [ ! -f "$data" ]; then
  step "writing $data (seeded)"
  mkdir -p "$(dirname "$data")"
  "$VENV/bin/python" benches/reference/make_value_data.py "$data" 100000
fi

step "crm-lens BG/NBD + Gamma-Gamma (criterion)"
CRM_LENS_BENCH_VALUE="$data" cargo bench --locked --bench value -- --noplot
step "lifetimes BetaGeoFitter + GammaGammaFitter"
"$VENV/bin/python" -W ignore benches/reference/lifetimes_value.py "$data" 3

step "BG/NBD + Gamma-Gamma in the worker, headless Chromium (release build)"
ensure_build_tools
ensure_chromium
build_site
node tests/browser/bench-analyses.mjs value "$data" - 3
