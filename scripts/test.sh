#!/usr/bin/env bash
# Runs every test, installing what is missing: formatting, lints for native and wasm32,
# native unit and integration tests, a release build of the site, and the browser tests
# in headless Chromium against that build served under a sub-path.
source "$(dirname "$0")/lib.sh"
ensure_build_tools
ensure_chromium

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy (native)"
cargo clippy --locked --all-targets -- -D warnings

step "cargo clippy (wasm32: app and worker)"
cargo clippy --locked --target wasm32-unknown-unknown --no-default-features --features ui \
  --all-targets -- -D warnings

step "the native build compiles no web crate"
if cargo tree --locked -e normal --prefix none | grep -E '^(leptos|web-sys|js-sys|wasm-bindgen) '; then
  die "a web crate is a dependency of the native build; keep it behind the web or ui feature"
fi

step "cargo test"
cargo test --locked

build_site
scripts/sizes.sh

step "browser tests (headless Chromium, site under /crm-lens/)"
node --test tests/browser/*.test.mjs
