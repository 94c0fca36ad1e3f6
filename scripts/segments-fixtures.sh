#!/usr/bin/env bash
# Writes the scikit-learn reference results for the segmentation tests to
# tests/fixtures/segments/ (see benches/reference/segments_fixtures.py), in a venv with
# pinned versions under target/.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/sklearn-venv.sh"
ensure_sklearn_venv

step "scikit-learn reference results"
"$SKLEARN_VENV/bin/python" benches/reference/segments_fixtures.py tests/fixtures/segments
