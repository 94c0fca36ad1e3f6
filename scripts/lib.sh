# Shared by the scripts in this folder: installs whatever the build and the tests need
# when it is missing, and is quick when everything is there. Needs only rustup to start
# with; Debian packages are installed with apt-get (as root, or through sudo).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
# The wasm-bindgen CLI must match the crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock)"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_rust() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup first"
  # rustup brings no C toolchain; linking and some crates need one.
  command -v cc >/dev/null || { step "apt-get install gcc libc6-dev"; apt_install gcc libc6-dev; }
  local installed
  installed="$(rustup component list --installed 2>/dev/null || true)"
  for component in rustfmt clippy; do
    grep -q "^$component" <<<"$installed" || { step "rustup component add $component"; rustup component add "$component"; }
  done
  rustup target list --installed | grep -qx wasm32-unknown-unknown || {
    step "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  }
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
    step "cargo install trunk $TRUNK_VERSION (about 6 minutes on 2 cores)"
    # --locked: without it a newer lightningcss is pulled that does not compile.
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  [ -n "$WASM_BINDGEN_VERSION" ] || die "no wasm-bindgen version in Cargo.lock"
  if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
    step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes on 2 cores)"
    # Not --locked: its lock file names a crate version the registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

# playwright-core needs Node 20 or later; Debian 12's is 18. An older Node is replaced
# by the Node 20 binary that the npm registry carries (package node-linux-<arch>).
ensure_node() {
  command -v npm >/dev/null || { step "apt-get install nodejs npm"; apt_install nodejs npm; }
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then
    local arch
    case "$(uname -m)" in
      x86_64) arch=x64 ;;
      aarch64) arch=arm64 ;;
      *) die "Node $major is too old and no Node 20 package exists for $(uname -m)" ;;
    esac
    local bin="$ROOT/.tools/node/node_modules/node-linux-$arch/bin"
    if [ ! -x "$bin/node" ]; then
      step "npm install node-linux-$arch@20 (Node $major is too old)"
      npm install --prefix "$ROOT/.tools/node" --no-audit --no-fund --loglevel=error "node-linux-$arch@20"
    fi
    export PATH="$bin:$PATH"
  fi
}

ensure_node_packages() {
  ensure_node
  # npm ci when node_modules is missing or older than the lock file.
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] ||
     [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "npm ci (wasm-opt from binaryen, playwright-core)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_chromium() {
  if [ ! -x "$CHROMIUM" ]; then
    step "apt-get install chromium"
    apt_install chromium
  fi
}

# Everything needed to build the site.
ensure_build_tools() {
  ensure_rust
  ensure_trunk
  ensure_wasm_bindgen
  ensure_node_packages
}

# A Python venv for the reference scripts: target/bench/venv-NAME with the pins of
# benches/reference/requirements-NAME.txt, made again when those pins change. Sets VENV.
ensure_venv() {
  local name="$1" requirements="benches/reference/requirements-$1.txt"
  VENV="$ROOT/target/bench/venv-$name"
  if ! cmp -s "$requirements" "$VENV/requirements.txt"; then
    step "python venv with $requirements"
    rm -rf "$VENV"
    # lifetimes' pins build on Python 3.11; the others do too.
    "$(command -v python3.11 || command -v python3)" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet -r "$requirements"
    cp "$requirements" "$VENV/requirements.txt"
  fi
}

build_site() {
  step "trunk build --release"
  trunk build --release --locked
}
