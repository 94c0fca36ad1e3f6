#!/usr/bin/env bash
# Serves CRM Lens at http://127.0.0.1:8080 (release build), installing what is missing.
# Extra arguments go to `trunk serve`.
source "$(dirname "$0")/lib.sh"
ensure_build_tools
step "trunk serve --release on http://127.0.0.1:8080"
exec trunk serve --release --locked "$@"
