#!/usr/bin/env bash
# Rewrites the Recommendations reference fixtures (tests/fixtures/recommend/*.json): item
# cosine similarities and item-based top-N lists computed plainly with numpy and scipy
# (benches/reference/recommend_fixtures.py), in a venv of pinned versions, on the
# supermarket baskets (one customer per basket) and on the demo.
source "$(dirname "$0")/lib.sh"
ensure_rust

ensure_venv recommend

demo="$ROOT/target/bench/demo"
step "crm-lens demo"
cargo build --locked --release --bin crm-lens
target/release/crm-lens demo "$demo"

step "numpy/scipy fixtures"
mkdir -p tests/fixtures/recommend
"$VENV/bin/python" benches/reference/recommend_fixtures.py \
  tests/fixtures/baskets/supermarket.baskets "$demo/transactions.csv" tests/fixtures/recommend
