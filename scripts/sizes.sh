#!/usr/bin/env bash
# Prints the size of the built wasm files, raw and gzipped (as served compressed).
# Fails when a wasm file outgrows its budget: raise a budget deliberately, with a line
# in BENCHMARKS.md saying what it bought.
set -euo pipefail
cd "$(dirname "$0")/../dist"

# Gzipped bytes.
APP_BUDGET=320000
WORKER_BUDGET=1030000
printf '%-34s %10s %10s\n' file raw gzip
for file in *.wasm *.js *.css; do
  printf '%-34s %10d %10d\n' "$file" "$(wc -c <"$file")" "$(gzip -9 -c "$file" | wc -c)"
done

over=0
app_wasm=(app-*_bg.wasm)
for check in "${app_wasm[0]}:$APP_BUDGET" "worker_bg.wasm:$WORKER_BUDGET"; do
  file="${check%%:*}"
  budget="${check##*:}"
  size="$(gzip -9 -c "$file" | wc -c)"
  if [ "$size" -gt "$budget" ]; then
    printf 'error: %s is %d bytes gzipped, over its budget of %d\n' "$file" "$size" "$budget" >&2
    over=1
  fi
done
exit "$over"
