#!/usr/bin/env bash
# Installs what the build needs, skipping what is already present (idempotent).
# One line per step with the time it usually takes on a bare machine (2 cores,
# measured; README "首次构建"), so a first `make run` never looks stuck.
# Facts behind the pins: ../shared/TOOLCHAIN.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
# The CLI must match the exact version pinned in Cargo.toml.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "setup: wasm-bindgen is not pinned with = in Cargo.toml" >&2; exit 1; }

STEPS=6
n=0
# step "what" "usual time" command...: one line before (what, usual time),
# the time taken after; a present tool is one line "已有".
# The tool's own output goes to a log, shown only when the step fails.
step() {
  local what=$1 usual=$2; shift 2
  n=$((n + 1))
  local t0=$SECONDS log
  log=$(mktemp)
  echo "setup [$n/$STEPS] $what（通常需$usual）……"
  if ! "$@" >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "setup [$n/$STEPS] $what：失败（以上为最后 40 行输出）" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
  echo "setup [$n/$STEPS] $what：完成，用时 $((SECONDS - t0)) 秒"
}
present() {
  n=$((n + 1))
  echo "setup [$n/$STEPS] $1：已有，跳过"
}

if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  present "Rust wasm32 目标"
else
  step "Rust wasm32 目标" "约 10 秒" rustup target add wasm32-unknown-unknown
fi

# The page's wasm is built for Chromium 83+ with std rebuilt from source
# (Makefile: WASM_COMPAT_ENV), which needs rust-src; trunk runs cargo
# --offline, so std's own dependencies must already be in cargo's cache.
if rustup component list --installed | grep -q '^rust-src'; then
  present "Rust 标准库源码 (rust-src)"
else
  step "Rust 标准库源码 (rust-src)" "约 10 秒" rustup component add rust-src
fi
fetch_all() {
  RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort cargo fetch --target wasm32-unknown-unknown
}
if RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    cargo fetch --offline --target wasm32-unknown-unknown >/dev/null 2>&1; then
  present "下载 Rust 依赖包"
else
  step "下载 Rust 依赖包" "约 5–30 秒" fetch_all
fi

if trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  present "trunk $TRUNK_VERSION"
else
  # trunk 0.22 needs a newer rustc than this machine has. A debug build
  # installs in half the time (TOOLCHAIN.md) and trunk's own work is I/O.
  step "编译安装 trunk $TRUNK_VERSION（调试构建）" "约 5 分钟，机器忙时可达 12 分钟" \
    cargo install --debug --locked trunk --version "$TRUNK_VERSION"
fi

if wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  present "wasm-bindgen $WASM_BINDGEN_VERSION"
else
  # Not --locked: a locked dependency is missing from the registry mirror.
  # Debug: 93 s instead of 300 s to install, 1.7 s to process our module.
  step "编译安装 wasm-bindgen $WASM_BINDGEN_VERSION（调试构建）" "约 1.5 分钟，机器忙时可达 6 分钟" \
    cargo install --debug wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Node tools (binaryen's wasm-opt, playwright-core) exactly as locked.
if [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
  present "Node 工具 (wasm-opt 等)"
else
  step "Node 工具 (wasm-opt 等)" "约 10 秒" npm ci --no-audit --no-fund --loglevel=error
fi
echo "setup: trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $WASM_BINDGEN_VERSION, node $(node --version): ready"
