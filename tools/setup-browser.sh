#!/usr/bin/env bash
# Installs the browsers of the browser tests when missing (idempotent):
# Debian's current Chromium (+ CJK fonts) and Firefox ESR, then the old
# Chromium kernels 79/83/88/92 from npm (tools/setup-old-chromium.sh, cached in
# ~/.cache/jixiao-chromium). Test tools' own browser downloads do not work
# here; Debian's packages and the npm builds do.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium chromium-driver)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
command -v brotli >/dev/null 2>&1 || missing+=(brotli)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi
tools/setup-old-chromium.sh 79 83 88 92
