#!/usr/bin/env bash
# Every report the core writes (examples/write_reports.rs) must open in
# LibreOffice and convert to a PDF that shows the form's text. The first
# page of each is also rendered to PNG in target/reports/png for looking.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/reports
rm -rf "$out"
mkdir -p "$out/files" "$out/pdf" "$out/png"
cargo run -q --example write_reports -- "$out/files" >/dev/null
# A private profile: no first-start dialogs, no clash with a running office.
profile="file://$PWD/$out/profile"
soffice -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$out/pdf" "$out"/files/* >/dev/null 2>&1 || true
fail=0
count=0
for f in "$out"/files/*; do
  name=$(basename "${f%.*}")
  pdf="$out/pdf/$name.pdf"
  count=$((count + 1))
  if [ ! -s "$pdf" ]; then
    echo "LibreOffice 未能打开：$f"
    fail=1
    continue
  fi
  case "$f" in
    *单位检查结果.xlsx) expect="表名/项目名称" ;;
    *情况说明.docx) expect="绩效评价情况说明" ;;
    *部门整体绩效自评表.xlsx) expect="部门整体绩效自评表" ;;
    *目标申报表.xlsx) expect="项目支出绩效目标申报表" ;;
    *得分表.xlsx) expect="绩效评价得分表" ;;
    *) expect="项目支出绩效自评表" ;;
  esac
  # pdftotext may break a line inside the title: compare without spaces.
  if ! pdftotext "$pdf" - | tr -d ' \n' | grep -q "$expect"; then
    echo "PDF 中没有“$expect”：$pdf"
    fail=1
  fi
  pdftoppm -png -r 50 -f 1 -l 1 "$pdf" "$out/png/$name"
done
echo "office-check: $count 个报表文件已由 LibreOffice 转为 PDF（$out/pdf，首页图片在 $out/png）"
exit $fail
