#!/usr/bin/env bash
# Rewrites the basket analysis's reference fixtures (tests/fixtures/baskets/*.json) with
# mlxtend, in a venv of pinned versions: the demo's files and baskets come from crm-lens,
# which benches/reference/baskets_fixtures.py checks against pandas before mining them.
source "$(dirname "$0")/lib.sh"
ensure_rust

ensure_venv baskets

# The supermarket baskets are committed; the .arff they came from is needed only when
# they are missing. Debian's weka package ships it.
arff=/usr/share/doc/weka/examples/supermarket.arff
if [ ! -f tests/fixtures/baskets/supermarket.baskets ] && [ ! -f "$arff" ]; then
  step "supermarket.arff from Debian's weka package"
  deb_dir="$ROOT/target/bench/weka"
  mkdir -p "$deb_dir"
  (cd "$deb_dir" && apt-get download weka && dpkg-deb -x weka_*.deb .)
  arff="$deb_dir/usr/share/doc/weka/examples/supermarket.arff"
fi

demo="$ROOT/target/bench/demo"
step "crm-lens demo and its baskets"
cargo build --locked --release --bin crm-lens
target/release/crm-lens demo "$demo"
target/release/crm-lens baskets --per order --level product "$demo/transactions.csv" \
  > "$demo/demo_orders.baskets"
target/release/crm-lens baskets --per customer --level category "$demo/transactions.csv" \
  > "$demo/demo_customers.baskets"

step "mlxtend fixtures"
"$VENV/bin/python" benches/reference/baskets_fixtures.py "$demo" "$arff"
