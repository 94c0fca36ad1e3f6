#!/usr/bin/env bash
# Rewrites the Opportunities reference fixtures (tests/fixtures/opportunities/*.json):
# penetrations, indexes, p-values, q-values and expected revenue computed plainly with
# pandas and scipy (benches/reference/opportunities_fixtures.py), in a venv of pinned
# versions, on the demo shop grouped by its customers' region.
source "$(dirname "$0")/lib.sh"
ensure_rust

ensure_venv opportunities

demo="$ROOT/target/bench/demo"
step "crm-lens demo"
cargo run --locked --quiet --bin crm-lens -- demo "$demo"

step "pandas/scipy fixtures"
mkdir -p tests/fixtures/opportunities
"$VENV/bin/python" benches/reference/opportunities_fixtures.py "$demo" tests/fixtures/opportunities
