# Sourced by the scripts that run scikit-learn (after lib.sh): a venv under target/ with
# pinned versions, made when missing.
SKLEARN_VENV="$ROOT/target/segments-ref/venv"

ensure_sklearn_venv() {
  if ! "$SKLEARN_VENV/bin/python" -c 'import sklearn, numpy; assert sklearn.__version__ == "1.9.1" and numpy.__version__ == "2.4.6"' 2>/dev/null; then
    step "python venv with scikit-learn 1.9.1, numpy 2.4.6"
    python3 -m venv "$SKLEARN_VENV"
    "$SKLEARN_VENV/bin/pip" install --quiet scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1
  fi
}
