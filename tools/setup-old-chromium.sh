#!/usr/bin/env bash
# Installs real old Chromium builds for the compatibility tests (issue 12):
# the kernels of the browsers on many government / 信创 PCs.
#   83 <- npm chrome-aws-lambda@3.1.1, 88 <- @5.5.0, 92 <- @10.1.0
#   79 <- @2.0.2: below the page's floor, it must get the old-browser message
# Each package ships a brotli-compressed headless Chromium (bin/chromium.br)
# and the libraries it links (bin/aws.tar.br: lib/ for LD_LIBRARY_PATH).
# Cached outside the repo in ${JIXIAO_CHROMIUM_CACHE:-~/.cache/jixiao-chromium}/<major>/
# (chromium, lib/, VERSION); a version already there is skipped (idempotent).
# Usage: tools/setup-old-chromium.sh [major ...]   (default: 79 83 88 92)
set -euo pipefail
CACHE="${JIXIAO_CHROMIUM_CACHE:-$HOME/.cache/jixiao-chromium}"

package_for() {
  case "$1" in
    79) echo chrome-aws-lambda@2.0.2 ;;
    83) echo chrome-aws-lambda@3.1.1 ;;
    88) echo chrome-aws-lambda@5.5.0 ;;
    92) echo chrome-aws-lambda@10.1.0 ;;
    *) echo "setup-old-chromium: no package known for Chromium $1" >&2; return 1 ;;
  esac
}

majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(79 83 88 92)

if ! command -v brotli >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get install -y brotli >/dev/null 2>&1 || { $SUDO apt-get update && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y brotli; }
fi

for major in "${majors[@]}"; do
  dir="$CACHE/$major"
  if [ -x "$dir/chromium" ] && [ -f "$dir/VERSION" ]; then
    continue
  fi
  pkg=$(package_for "$major")
  echo "setup-old-chromium: installing Chromium $major from npm $pkg into $dir"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$pkg" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$tmp/out"
  brotli -d -c "$tmp/package/bin/chromium.br" > "$tmp/out/chromium"
  chmod +x "$tmp/out/chromium"
  brotli -d -c "$tmp/package/bin/aws.tar.br" | tar x --no-same-owner -C "$tmp/out"
  # Prove it runs before caching it.
  version=$(LD_LIBRARY_PATH="$tmp/out/lib" "$tmp/out/chromium" --version 2>/dev/null || true)
  if [ -z "$version" ]; then
    version=$(LD_LIBRARY_PATH="$tmp/out/lib" "$tmp/out/chromium" --headless --no-sandbox --single-process \
      --disable-gpu --dump-dom about:blank >/dev/null 2>&1 && echo "Chromium $major (from $pkg)" || true)
  fi
  [ -n "$version" ] || { echo "setup-old-chromium: Chromium $major from $pkg does not start here" >&2; exit 1; }
  echo "$version" > "$tmp/out/VERSION"
  echo "$pkg" > "$tmp/out/PACKAGE"
  rm -rf "$dir" && mkdir -p "$CACHE" && mv "$tmp/out" "$dir"
  rm -rf "$tmp"
  trap - EXIT
  echo "setup-old-chromium: $(cat "$dir/VERSION")"
done
