#!/usr/bin/env python3
"""Builds the .docx/.xlsx fixtures in tests/fixtures/office/ from the text
fixtures, with writers this project does not control (python-docx, openpyxl).

    pip install python-docx openpyxl
    python3 tools/make-office-fixtures.py

The text fixtures are read into rows the way src/core/import/rows.rs reads
them (Word text: one cell per line; Excel text: tab-separated rows). Each
run of table rows becomes one Word table (a short row's last cell spans the
rest of the grid; an empty first cell under a filled one is merged into it
vertically; a cell's lines become paragraphs, some joined by line breaks)
or a block of sheet rows (numbers stored as numbers, rates as percents with
a percent format, trailing empty cells merged into the last filled one,
empty first cells merged vertically). Narrative lines become paragraphs /
one-cell rows between them. The same forms must import from these files
with the same totals and findings as from the text (tests/office_import.rs).
"""

import os
import re
import sys
from decimal import Decimal

import docx
from docx.oxml.ns import qn
import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "tests", "fixtures")
OUT = os.path.join(FIX, "office")


def cell_per_line_rows(text):
    """rows.rs cell_per_line_rows: (cells, narrative, loose)."""
    rows, current, table_seen = [], None, False
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if not line.strip() and not line.startswith("\t"):
            if current is not None:
                rows.append(current)
                current = None
            continue
        if line.startswith("\t"):
            table_seen = True
            if current is None:
                current = {"cells": [], "narrative": False, "loose": False}
            current["cells"].append(line[1:])
        elif current is not None:
            current["cells"][-1] += "\n" + line
        else:
            rows.append({"cells": [line], "narrative": True, "loose": table_seen})
    if current is not None:
        rows.append(current)
    return rows


def tab_rows(text):
    out = []
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        cells = line.split("\t")
        narrative = sum(1 for c in cells if c.strip()) <= 1 and not line.startswith("\t")
        out.append({"cells": cells, "narrative": narrative, "loose": False})
    return out


def rows_of(path):
    text = open(path, encoding="utf-8").read().lstrip("\ufeff")
    lines = text.split("\n")[:20000]
    leading = sum(1 for l in lines if l.startswith("\t") and "\t" not in l[1:])
    inner = sum(1 for l in lines if "\t" in l.lstrip("\t"))
    return tab_rows(text) if inner > leading else cell_per_line_rows(text)


def blocks(rows):
    """[("p", text) | ("table", [cells...])] in document order."""
    out = []
    for row in rows:
        if row["narrative"]:
            out.append(("p", row["cells"][0]))
        elif out and out[-1][0] == "table":
            out[-1][1].append(row["cells"])
        else:
            out.append(("table", [row["cells"]]))
    return out


def set_cell_text(cell, text, use_breaks):
    """A cell's lines as paragraphs, or (use_breaks) as line breaks in one."""
    lines = text.split("\n")
    para = cell.paragraphs[0]
    if use_breaks:
        run = para.add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run = para.add_run(line)
        return
    para.add_run(lines[0])
    for line in lines[1:]:
        cell.add_paragraph(line)


def write_docx(rows, path):
    document = docx.Document()
    n_cells = 0
    for kind, content in blocks(rows):
        if kind == "p":
            document.add_paragraph(content)
            continue
        width = max(len(r) for r in content)
        table = document.add_table(rows=len(content), cols=width)
        table.style = "Table Grid"
        for i, cells in enumerate(content):
            row = table.rows[i]
            # A short row's last cell spans the rest of the grid.
            if len(cells) < width:
                row.cells[len(cells) - 1].merge(row.cells[width - 1])
            row_cells = row.cells
            for j, text in enumerate(cells):
                n_cells += 1
                target = row_cells[j]
                if text:
                    set_cell_text(target, text, use_breaks=(n_cells % 3 == 0))
        # An empty first cell under a filled one continues it (vMerge),
        # as in the real forms' 项目资金 and 绩效指标 columns.
        for i in range(1, len(content)):
            above, here = content[i - 1], content[i]
            if len(above) >= 2 and len(here) >= 2 and here[0] == "" and (above[0] != "" or _merged(table, i - 1)):
                table.rows[i - 1].cells[0].merge(table.rows[i].cells[0])
    document.save(path)


def _merged(table, i):
    tc = table.rows[i]._tr.tc_lst[0]
    return tc.tcPr is not None and tc.tcPr.find(qn("w:vMerge")) is not None


NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
PERCENT = re.compile(r"^(\d+(?:\.(\d+))?)%$")


def put_value(ws, r, c, text):
    """Numbers and rates as number cells whose format shows them as written
    ("10.000000" is 10 shown with "0.000000", "90.10%" is 0.901 shown with
    "0.00%"), when a float holds the written value exactly; else text."""
    cell = ws.cell(row=r, column=c)
    t = text.strip()
    m = PERCENT.match(t)
    if m and t == text:
        value = Decimal(m.group(1)) / 100
        as_float = float(value)
        if Decimal(repr(as_float)) == value:
            cell.value = as_float
            decimals = len(m.group(2) or "")
            cell.number_format = "0" + ("." + "0" * decimals if decimals else "") + "%"
            return
    if NUMBER.match(t) and t == text and not (len(t) > 1 and t.startswith("0") and not t.startswith("0.")):
        if "." not in t:
            cell.value = int(t)
            return
        as_float = float(t)
        if Decimal(repr(as_float)) == Decimal(t):
            cell.value = as_float
            cell.number_format = "0." + "0" * len(t.split(".")[1])
            return
    cell.value = text


def join_split_rows(rows, widths):
    """Word text splits a table row in two at an empty paragraph inside a
    cell (the central reader joins the halves back to the width of a goal
    row, 3, or of an indicator row, 9); a sheet row is never split."""
    out = []
    for row in rows:
        prev = out[-1] if out else None
        if (prev is not None and not prev["narrative"] and not row["narrative"]
                and len(prev["cells"]) + len(row["cells"]) in widths and len(prev["cells"]) not in widths):
            out[-1] = {**prev, "cells": prev["cells"] + row["cells"]}
        else:
            out.append(row)
    return out


def write_sheet_rows(ws, rows, start, join_widths=()):
    """Writes rows from sheet row `start`; returns the next free row."""
    if join_widths:
        rows = join_split_rows(rows, join_widths)
    r = start
    width = max((len(row["cells"]) for row in rows if not row["narrative"]), default=1)
    taken = set()
    first_col_above = None
    for row in rows:
        cells = row["cells"]
        if row["narrative"]:
            ws.cell(row=r, column=1).value = cells[0]
            first_col_above = None
            r += 1
            continue
        for c, text in enumerate(cells, start=1):
            if text != "":
                put_value(ws, r, c, text)
        filled = [c for c, t in enumerate(cells, start=1) if t.strip()]
        # Trailing empty cells merged into the last filled one.
        if filled and filled[-1] < width and filled[-1] > 1:
            ws.merge_cells(start_row=r, start_column=filled[-1], end_row=r, end_column=width)
            taken.update((r, c) for c in range(filled[-1], width + 1))
        # An empty first cell under a filled one: merged vertically.
        if cells and cells[0] == "" and first_col_above is not None and (r, 1) not in taken and (r - 1, 1) not in taken:
            top = first_col_above
            for rng in list(ws.merged_cells.ranges):
                if rng.min_col == 1 and rng.max_col == 1 and rng.max_row == r - 1:
                    top = rng.min_row
                    ws.merged_cells.remove(rng)
            ws.merge_cells(start_row=top, start_column=1, end_row=r, end_column=1)
        elif cells and cells[0] != "" and len(filled) > 1:
            first_col_above = r
        elif cells and cells[0] != "":
            first_col_above = None
        r += 1
    return r


def split_forms(rows, starts):
    """Rows cut before each row for which `starts(rows, i)` holds, keeping a
    form's title lines (narrative or one-cell rows just before it) with it."""
    cuts = [i for i in range(len(rows)) if starts(rows, i)]
    pieces, prev = [], 0
    for cut in cuts[1:]:
        k = cut
        while k > prev and sum(1 for c in rows[k - 1]["cells"] if c.strip()) <= 1:
            k -= 1
        pieces.append(rows[prev:k])
        prev = k
    pieces.append(rows[prev:])
    return pieces


def central_start(rows, i):
    return not rows[i]["narrative"] and any(c.strip() == "项目名称" for c in rows[i]["cells"])


def html_of(rows):
    """The rows as HTML: paragraphs, and tables whose short rows end in a
    colspan cell and whose empty first cells are covered by a rowspan."""
    import html

    out = ['<html><head><meta charset="utf-8"></head><body>']
    for kind, content in blocks(rows):
        if kind == "p":
            out.append(f"<p>{html.escape(content)}</p>")
            continue
        width = max(len(r) for r in content)
        # rowspan of each row's first cell; 0 when covered by the one above.
        span = [1] * len(content)
        top = None
        for i, cells in enumerate(content):
            if i > 0 and len(cells) >= 2 and cells[0] == "" and top is not None:
                span[top] += 1
                span[i] = 0
            elif len(cells) >= 2 and cells[0] != "":
                top = i
            else:
                top = None
        out.append('<table border="1">')
        for i, cells in enumerate(content):
            tds = []
            for j, text in enumerate(cells):
                if j == 0 and span[i] == 0:
                    continue
                attrs = ""
                if j == 0 and span[i] > 1:
                    attrs += f' rowspan="{span[i]}"'
                if j == len(cells) - 1 and len(cells) < width:
                    attrs += f' colspan="{width - len(cells) + 1}"'
                body = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n")) if text else ""
                tds.append(f"<td{attrs}>{body}</td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def libreoffice(rows, stem, formats, tsv=False):
    """Converts the rows' HTML with LibreOffice (when installed); `tsv`: also
    Calc's tab-separated export of the workbook."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice")
    if not soffice:
        print("soffice not found: LibreOffice fixtures not rebuilt", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, stem + ".html")
        with open(source, "w", encoding="utf-8") as f:
            f.write(html_of(rows))
        for ext, infilter, outfilter in formats:
            args = [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile"]
            if infilter:
                args.append(f"--infilter={infilter}")
            args += ["--convert-to", f"{ext}:{outfilter}", "--outdir", tmp, source]
            subprocess.run(args, check=True, capture_output=True, timeout=300)
            shutil.copy(os.path.join(tmp, f"{stem}.{ext}"), os.path.join(OUT, f"{stem}.{ext}"))
            if ext == "xlsx" and tsv:
                # Calc's own tab-separated text of the workbook (UTF-8): the
                # sheet as a user copying it as text gets it, to compare with.
                subprocess.run(
                    [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                     "--convert-to", "csv:Text - txt - csv (StarCalc):9,34,76", "--outdir", tmp,
                     os.path.join(tmp, f"{stem}.xlsx")],
                    check=True, capture_output=True, timeout=300,
                )
                shutil.copy(os.path.join(tmp, f"{stem}.csv"), os.path.join(OUT, f"{stem}.xlsx.tsv"))


def main():
    os.makedirs(OUT, exist_ok=True)
    fx = lambda name: rows_of(os.path.join(FIX, name))
    chaoyang = fx("bj-chaoyang-2020-project-selfeval.txt")
    fengtai = fx("bj-fengtai-2020-final-accounts-sample.txt")
    xicheng = fx("bj-xicheng-2019-target-declarations.txt")
    wuhan = fx("hb-wuhan-2020-dept-and-project-selfeval.txt")

    write_docx(chaoyang, os.path.join(OUT, "bj-chaoyang-2020-project-selfeval.docx"))
    write_docx(fengtai, os.path.join(OUT, "bj-fengtai-2020-final-accounts-sample.docx"))
    write_docx(xicheng, os.path.join(OUT, "bj-xicheng-2019-target-declarations.docx"))
    write_docx(wuhan, os.path.join(OUT, "hb-wuhan-2020-dept-and-project-selfeval.docx"))

    # Wuhan workbook: everything stacked in one sheet, as the seed was.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    write_sheet_rows(ws, wuhan, 1)
    wb.save(os.path.join(OUT, "hb-wuhan-2020-dept-and-project-selfeval.xlsx"))

    # Chaoyang workbook: one sheet per form, titles above each table.
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, piece in enumerate(split_forms(chaoyang, central_start), start=1):
        write_sheet_rows(wb.create_sheet(f"表{n}"), piece, 2)
    wb.save(os.path.join(OUT, "bj-chaoyang-2020-project-selfeval.xlsx"))

    # 丰台: one sheet per form (money with 6 decimals as numbers).
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, piece in enumerate(split_forms(fengtai, central_start), start=1):
        write_sheet_rows(wb.create_sheet(f"表{n}"), piece, 1, join_widths=(3, 9))
    wb.save(os.path.join(OUT, "bj-fengtai-2020-final-accounts-sample.xlsx"))

    # Xicheng declarations: several sheets, several forms stacked in each.
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    starts = lambda rows, i: not rows[i]["narrative"] and any("部门（单位" in c.replace("\n", "") or "部门(单位" in c for c in rows[i]["cells"])
    pieces = split_forms(xicheng, starts)
    for n in range(0, len(pieces), 10):
        ws = wb.create_sheet(f"申报表{n // 10 + 1}")
        r = 1
        for piece in pieces[n:n + 10]:
            r = write_sheet_rows(ws, piece, r) + 2
    # A hidden sheet (an old copy of a form) must not be read.
    hidden = wb.create_sheet("隐藏")
    hidden.sheet_state = "hidden"
    write_sheet_rows(hidden, pieces[0], 1)
    wb.save(os.path.join(OUT, "bj-xicheng-2019-target-declarations.xlsx"))

    # LibreOffice: the same forms as HTML tables with rowspan/colspan,
    # converted by another writer (its own merges, number recognition).
    formats = [
        ("docx", "HTML (StarWriter)", "MS Word 2007 XML"),
        ("xlsx", "HTML (StarCalc)", "Calc MS Excel 2007 XML"),
    ]
    libreoffice(chaoyang, "lo-bj-chaoyang-2020-project-selfeval", formats)
    libreoffice(wuhan, "lo-hb-wuhan-2020-dept-and-project-selfeval", formats, tsv=True)

    # Speed: the 丰台 document repeated 8 times (208 forms, ≈ 2 minutes).
    write_docx(fengtai * 8, os.path.join(OUT, "bj-fengtai-x8-208-forms.docx"))

    for name in sorted(os.listdir(OUT)):
        print(f"{os.path.getsize(os.path.join(OUT, name)):>9}  {name}")


if __name__ == "__main__":
    main()
