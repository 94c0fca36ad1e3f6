#!/usr/bin/env bash
# Writes the scikit-learn reference results for the segmentation tests to
# tests/fixtures/segments/ (see benches/reference/segments_fixtures.py), in a venv with
# pinned versions under target/.
source "$(dirname "$0")/lib.sh"

venv="$ROOT/target/segments-ref/venv"
if ! "$venv/bin/python" -c 'import sklearn, numpy; assert sklearn.__version__ == "1.9.1" and numpy.__version__ == "2.4.6"' 2>/dev/null; then
  step "python venv with scikit-learn 1.9.1, numpy 2.4.6"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1
fi
step "scikit-learn reference results"
"$venv/bin/python" benches/reference/segments_fixtures.py tests/fixtures/segments
