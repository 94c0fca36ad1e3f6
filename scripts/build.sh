#!/usr/bin/env bash
# Builds the static site into dist/, installing what is missing. Copy dist/ to any static
# host, under any path.
source "$(dirname "$0")/lib.sh"
ensure_build_tools
build_site
