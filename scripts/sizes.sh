#!/usr/bin/env bash
# Prints the size of the built wasm files, raw and gzipped (as served compressed).
set -euo pipefail
cd "$(dirname "$0")/../dist"
printf '%-34s %10s %10s\n' file raw gzip
for file in *.wasm *.js *.css; do
  printf '%-34s %10d %10d\n' "$file" "$(wc -c <"$file")" "$(gzip -9 -c "$file" | wc -c)"
done
