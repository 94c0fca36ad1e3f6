#!/usr/bin/env bash
# Writes every generated platform export with crm-lens and reads them independently
# (benches/reference/exports_truth.py, Python's csv module only), printing per layout
# the rows, rows that are no purchases, guests' rows, pseudo-products' rows and revenue:
# the table src/demo/exports/tests.rs pins the generators' truth to.
source "$(dirname "$0")/lib.sh"

step "the exports"
DIR="$ROOT/target/exports-truth"
rm -rf "$DIR"
cargo run --quiet --release -- demo --platform all "$DIR"
step "read independently"
python3 benches/reference/exports_truth.py "$DIR"
