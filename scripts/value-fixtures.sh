#!/usr/bin/env bash
# Writes lifetimes' and scikit-learn's reference results for the value tests to
# tests/fixtures/value/ (see benches/reference/value_fixtures.py), in a venv with pinned
# versions under target/.
source "$(dirname "$0")/lib.sh"
ensure_venv value

step "lifetimes reference results"
"$VENV/bin/python" benches/reference/value_fixtures.py tests/fixtures/value
