#!/usr/bin/env bash
# Installs what the build needs, skipping what is already present (idempotent).
# Facts behind the pins: ../shared/TOOLCHAIN.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
# The CLI must match the exact version pinned in Cargo.toml.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "setup: wasm-bindgen is not pinned with = in Cargo.toml" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# The page's wasm is built for Chromium 83+ with std rebuilt from source
# (Makefile: WASM_COMPAT_ENV), which needs rust-src; trunk runs cargo
# --offline, so std's own dependencies must already be in cargo's cache.
if ! rustup component list --installed | grep -q '^rust-src'; then
  rustup component add rust-src
fi
if ! RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    cargo fetch --offline --target wasm32-unknown-unknown >/dev/null 2>&1; then
  RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort cargo fetch --target wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  # trunk 0.22 needs a newer rustc than this machine has. A debug build
  # installs in half the time (TOOLCHAIN.md) and trunk's own work is I/O.
  cargo install --debug --locked trunk --version "$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  # Not --locked: a locked dependency is missing from the registry mirror.
  # Debug: 93 s instead of 300 s to install, 1.7 s to process our module.
  cargo install --debug wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Node tools (binaryen's wasm-opt, playwright-core) exactly as locked.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
echo "setup: trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $WASM_BINDGEN_VERSION, node $(node --version): ready"
