#!/usr/bin/env bash
# Writes lifetimes' and scikit-learn's reference results for the value tests to
# tests/fixtures/value/ (see benches/reference/value_fixtures.py), in a venv with pinned
# versions under target/.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/value-venv.sh"
ensure_value_venv

step "lifetimes reference results"
"$VALUE_VENV/bin/python" benches/reference/value_fixtures.py tests/fixtures/value
