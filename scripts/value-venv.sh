# Sourced by the scripts that run lifetimes (after lib.sh): a Python 3.11 venv under
# target/ with the pins of benches/reference/requirements-value.txt, made when missing.
VALUE_VENV="$ROOT/target/value-ref/venv"

ensure_value_venv() {
  if ! "$VALUE_VENV/bin/python" -c 'import lifetimes, sklearn; assert lifetimes.__version__ == "0.11.3"' 2>/dev/null; then
    step "python venv with lifetimes 0.11.3 (numpy 1.24, pandas 1.5, scipy 1.10)"
    local python
    python="$(command -v python3.11 || command -v python3)"
    "$python" -m venv "$VALUE_VENV"
    "$VALUE_VENV/bin/pip" install --quiet -r benches/reference/requirements-value.txt
  fi
}
