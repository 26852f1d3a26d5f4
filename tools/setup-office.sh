#!/usr/bin/env bash
# Installs LibreOffice (headless) and poppler when missing: the reports are
# checked by opening them in a reader we did not write. ≈ 3 min the first time.
set -euo pipefail
if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
  exit 0
fi
echo "安装 LibreOffice（无界面）与 poppler-utils，用于检查生成的 Excel/Word 报表（首次约 3 分钟）……"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils fonts-noto-cjk
