//! Excel workbooks (rust_xlsxwriter): a form in its official layout, a
//! unit's review (汇总, 逐表结果, 问题清单) and a selection of drafts.
//!
//! Text is always written as a string cell, never as a formula, whatever it
//! starts with; only the writer's own computed cells are formulas.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

use super::layout::{At, Block, Cached, Content, Expr, Grid, NumberKind, Role};
use super::{form_grid, UnitReport};
use crate::core::model::Form;
use crate::core::scoring::fmt_num;
use crate::core::summary::rate_value;
use crate::core::validate::Severity;

/// Rows above the grid: the title and the year line.
const TITLE_ROWS: usize = 2;

fn fail(e: XlsxError) -> String {
    format!("无法生成 Excel 文件：{e}")
}

/// Excel's address of a grid cell, e.g. "E7".
fn a1(at: At) -> String {
    let mut col = at.col;
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A'.saturating_add((col % 26) as u8)));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    let row = at.row.saturating_add(TITLE_ROWS).saturating_add(1);
    format!("{}{row}", letters.into_iter().collect::<String>())
}

/// Runs of cells in one column on consecutive rows become a range, which
/// keeps SUM under Excel's 255-argument limit on long forms.
fn ranges(cells: &[At]) -> Vec<String> {
    let mut out: Vec<(At, At)> = Vec::new();
    for at in cells {
        match out.last_mut() {
            Some((_, last)) if last.col == at.col && last.row.checked_add(1) == Some(at.row) => *last = *at,
            _ => out.push((*at, *at)),
        }
    }
    out.into_iter()
        .map(|(a, b)| if a == b { a1(a) } else { format!("{}:{}", a1(a), a1(b)) })
        .collect()
}

fn formula_text(expr: &Expr) -> String {
    match expr {
        Expr::Ratio { num, den } => format!("=IF(N({d})=0,\"\",{n}/{d})", n = a1(*num), d = a1(*den)),
        Expr::Sum(cells) => format!("=SUM({})", ranges(cells).join(",")),
        Expr::Grade { total, bands } => {
            let t = a1(*total);
            let mut f = bands.last().map(|(_, l)| format!("\"{l}\"")).unwrap_or_default();
            for (min, label) in bands.iter().rev().skip(1) {
                f = format!("IF({t}>={},\"{label}\",{f})", fmt_num(*min));
            }
            format!("=IF({t}=\"\",\"\",{f})")
        }
    }
}

/// A decimal as the nearest double (through its digits, so the writer puts
/// the same digits back into the file).
fn float(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

/// The formats of one workbook.
struct Styles {
    title: Format,
    subtitle: Format,
    label: Format,
    text: Format,
    mark: Format,
    money: Format,
    score: Format,
    percent: Format,
    footer: Format,
    head: Format,
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::VerticalCenter)
            .set_font_name("宋体")
            .set_font_size(10.5);
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_name("宋体")
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: Format::new()
                .set_font_name("宋体")
                .set_font_size(11)
                .set_align(FormatAlign::Center),
            label: cell.clone().set_bold().set_align(FormatAlign::Center),
            text: cell.clone().set_align(FormatAlign::Left),
            mark: cell.clone().set_align(FormatAlign::Center),
            money: cell.clone().set_align(FormatAlign::Right).set_num_format("0.00####"),
            score: cell.clone().set_align(FormatAlign::Right).set_num_format("0.####"),
            percent: cell.clone().set_align(FormatAlign::Right).set_num_format("0.00%"),
            footer: Format::new().set_font_name("宋体").set_font_size(10.5),
            head: cell
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(rust_xlsxwriter::Color::RGB(0xEEEEEE)),
        }
    }

    fn number(&self, kind: NumberKind) -> &Format {
        match kind {
            NumberKind::Money => &self.money,
            NumberKind::Score => &self.score,
            NumberKind::Percent => &self.percent,
        }
    }
}

/// Display width in Excel's character units (a CJK character counts 2).
fn width_of(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1usize } else { 2 }).sum()
}

/// Excel does not grow merged or wrapped rows by itself: estimate the
/// lines each block needs and give the row that height.
fn row_heights(grid: &Grid) -> Vec<f64> {
    let mut lines = vec![1usize; grid.rows];
    for b in grid.blocks.iter().filter(|b| b.rows == 1) {
        let width: usize = grid.widths[b.at.col..b.at.col.saturating_add(b.cols).min(grid.columns())]
            .iter()
            .map(|w| usize::from(*w))
            .sum::<usize>()
            .max(1);
        let needed: usize = b
            .content
            .display()
            .lines()
            .map(|l| width_of(l).div_ceil(width).max(1))
            .sum();
        lines[b.at.row] = lines[b.at.row].max(needed.min(40));
    }
    lines.into_iter().map(|n| 6.0 + 14.0 * n as f64).collect()
}

fn write_block(ws: &mut Worksheet, styles: &Styles, b: &Block) -> Result<(), XlsxError> {
    let row = u32::try_from(b.at.row.saturating_add(TITLE_ROWS)).unwrap_or(u32::MAX);
    let col = u16::try_from(b.at.col).unwrap_or(u16::MAX);
    let last_row = row.saturating_add(u32::try_from(b.rows.saturating_sub(1)).unwrap_or(0));
    let last_col = col.saturating_add(u16::try_from(b.cols.saturating_sub(1)).unwrap_or(0));
    let format = match (&b.role, &b.content) {
        (Role::Label, _) => &styles.label,
        (_, Content::Number(_, kind)) | (_, Content::Formula { kind, .. }) => styles.number(*kind),
        _ => &styles.text,
    };
    // Grades and short marks ("—", "不涉及") read best centred.
    let format = match &b.content {
        Content::Formula {
            cached: Some(Cached::Text(_)),
            ..
        } => &styles.label,
        Content::Text(t) if b.role == Role::Value && width_of(t) <= 6 => &styles.mark,
        _ => format,
    };
    if last_row > row || last_col > col {
        ws.merge_range(row, col, last_row, last_col, "", format)?;
    }
    match &b.content {
        Content::Blank => {
            ws.write_blank(row, col, format)?;
        }
        Content::Text(t) => {
            ws.write_string_with_format(row, col, t, format)?;
        }
        Content::Number(d, _) => {
            ws.write_number_with_format(row, col, float(*d), format)?;
        }
        Content::Formula { expr, cached, .. } => {
            let result = match cached {
                Some(Cached::Number(d)) => float(*d).to_string(),
                Some(Cached::Text(t)) => t.clone(),
                None => String::new(),
            };
            ws.write_formula_with_format(row, col, Formula::new(formula_text(expr)).set_result(result), format)?;
        }
    }
    Ok(())
}

/// Writes a form's grid onto a sheet, set up to print on A4.
fn write_grid(ws: &mut Worksheet, styles: &Styles, grid: &Grid) -> Result<(), XlsxError> {
    let last_col = u16::try_from(grid.columns().saturating_sub(1)).unwrap_or(0);
    for (i, w) in grid.widths.iter().enumerate() {
        ws.set_column_width(u16::try_from(i).unwrap_or(u16::MAX), f64::from(*w))?;
    }
    ws.merge_range(0, 0, 0, last_col, &grid.title, &styles.title)?;
    ws.set_row_height(0, 30)?;
    ws.merge_range(1, 0, 1, last_col, &grid.subtitle, &styles.subtitle)?;
    for b in &grid.blocks {
        write_block(ws, styles, b)?;
    }
    for (i, h) in row_heights(grid).into_iter().enumerate() {
        ws.set_row_height(u32::try_from(i.saturating_add(TITLE_ROWS)).unwrap_or(u32::MAX), h)?;
    }
    // The lines under the form, two to a row.
    let footer_row = u32::try_from(grid.rows.saturating_add(TITLE_ROWS).saturating_add(1)).unwrap_or(u32::MAX);
    let half = last_col / 2;
    for (i, (label, value)) in grid.footer.iter().enumerate() {
        let r = footer_row.saturating_add(u32::try_from(i / 2).unwrap_or(0));
        let (c0, c1) = if i % 2 == 0 {
            (0, half)
        } else {
            (half.saturating_add(1), last_col)
        };
        let line = format!("{label}：{value}");
        if c1 > c0 {
            ws.merge_range(r, c0, r, c1, &line, &styles.footer)?;
        } else {
            ws.write_string_with_format(r, c0, &line, &styles.footer)?;
        }
        ws.set_row_height(r, 22)?;
    }
    ws.set_paper_size(9);
    if grid.landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C第 &P 页，共 &N 页");
    if let Some(h) = grid.header_row {
        let r = u32::try_from(h.saturating_add(TITLE_ROWS)).unwrap_or(u32::MAX);
        ws.set_repeat_rows(r, r)?;
    }
    Ok(())
}

/// Sheet names: at most 31 characters, none of []:*?/\, unique.
fn sheet_name(base: &str, used: &mut Vec<String>) -> String {
    let clean: String = base
        .chars()
        .map(|c| if "[]:*?/\\'".contains(c) { '_' } else { c })
        .filter(|c| !c.is_control())
        .take(28)
        .collect();
    let clean = if clean.trim().is_empty() {
        "表".to_string()
    } else {
        clean
    };
    let mut name = clean.clone();
    let mut n = 1usize;
    while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
        n = n.saturating_add(1);
        name = format!("{}({n})", clean.chars().take(25).collect::<String>());
    }
    used.push(name.clone());
    name
}

/// One form in its official layout, one sheet.
pub fn form_workbook(form: &Form) -> Result<Vec<u8>, String> {
    let Some(grid) = form_grid(form) else {
        return Err(format!("“{}”暂不能导出为 Excel 表", form.kind_label()));
    };
    let mut wb = Workbook::new();
    let styles = Styles::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(form.kind_label(), &mut Vec::new()))
        .map_err(fail)?;
    write_grid(ws, &styles, &grid).map_err(fail)?;
    wb.save_to_buffer().map_err(fail)
}

/// Writes a table sheet: a header row (frozen, with an autofilter) and rows.
fn table_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    headers: &[(&str, f64)],
    rows: &[Vec<Content>],
) -> Result<(), XlsxError> {
    for (c, (h, w)) in headers.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        ws.write_string_with_format(0, c, *h, &styles.head)?;
        ws.set_column_width(c, *w)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r.saturating_add(1)).unwrap_or(u32::MAX);
        for (c, content) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match content {
                Content::Number(d, kind) => {
                    ws.write_number_with_format(r, c, float(*d), styles.number(*kind))?;
                }
                Content::Text(t) => {
                    ws.write_string_with_format(r, c, t, &styles.text)?;
                }
                _ => {
                    ws.write_blank(r, c, &styles.text)?;
                }
            }
        }
    }
    let last_col = u16::try_from(headers.len().saturating_sub(1)).unwrap_or(0);
    let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    ws.autofilter(0, 0, last_row, last_col)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

fn txt(s: impl Into<String>) -> Content {
    let s = s.into();
    if s.is_empty() {
        Content::Blank
    } else {
        Content::Text(s)
    }
}

fn num(d: Option<Decimal>, kind: NumberKind) -> Content {
    d.map_or(Content::Blank, |d| Content::Number(d, kind))
}

fn count(n: usize) -> Content {
    Content::Number(Decimal::from(n), NumberKind::Score)
}

/// 逐表结果: one row per form.
fn results_sheet(ws: &mut Worksheet, styles: &Styles, report: &UnitReport) -> Result<(), XlsxError> {
    let headers = [
        ("序号", 6.0),
        ("表名 / 项目名称", 36.0),
        ("类型", 22.0),
        ("来源位置", 14.0),
        ("金额（万元）", 14.0),
        ("执行率", 10.0),
        ("表中总分", 10.0),
        ("计算总分", 10.0),
        ("表中等级", 10.0),
        ("计算等级", 10.0),
        ("错误", 7.0),
        ("警告", 7.0),
        ("提示", 7.0),
    ];
    let rows: Vec<Vec<Content>> = report
        .reviewed
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (a, b) = r.imported.source_lines;
            vec![
                count(i.saturating_add(1)),
                txt(r.imported.form.name().trim()),
                txt(r.imported.form.kind_label()),
                txt(match &r.imported.source {
                    Some(source) => source.to_string(),
                    None if a == 0 => "草稿".to_string(),
                    None => format!("第 {a}–{b} 行"),
                }),
                num(r.amount_wan, NumberKind::Money),
                num(
                    rate_value(&r.rate).and_then(|p| p.checked_div(Decimal::ONE_HUNDRED)),
                    NumberKind::Percent,
                ),
                num(r.printed_total, NumberKind::Score),
                if r.not_scored {
                    txt("不计分数")
                } else if r.incomplete() {
                    txt("未完整读取")
                } else {
                    num(r.computed_total, NumberKind::Score)
                },
                txt(r.grade_printed.trim()),
                txt(r.grade_computed.clone().unwrap_or_default()),
                count(r.count(Severity::Error)),
                count(r.count(Severity::Warning)),
                count(r.count(Severity::Info)),
            ]
        })
        .collect();
    table_sheet(ws, styles, &headers, &rows)
}

/// 问题清单: one row per finding.
fn findings_sheet(ws: &mut Worksheet, styles: &Styles, report: &UnitReport) -> Result<(), XlsxError> {
    let headers = [
        ("序号", 6.0),
        ("表名 / 项目名称", 30.0),
        ("级别", 7.0),
        ("规则", 22.0),
        ("规则编号", 20.0),
        ("位置", 30.0),
        ("说明", 70.0),
        ("建议改为", 12.0),
    ];
    let rows: Vec<Vec<Content>> = report
        .reviewed
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            r.findings.iter().map(move |f| {
                vec![
                    count(i.saturating_add(1)),
                    txt(r.imported.form.name().trim()),
                    txt(f.severity.label()),
                    txt(f.code.title()),
                    txt(f.code.as_str()),
                    txt(f.location.clone()),
                    txt(f.message.clone()),
                    txt(f.suggested.as_ref().map(|s| s.value.text()).unwrap_or_default()),
                ]
            })
        })
        .collect();
    table_sheet(ws, styles, &headers, &rows)
}

/// 汇总: the summary figures and the paragraph.
fn summary_sheet(ws: &mut Worksheet, styles: &Styles, report: &UnitReport) -> Result<(), XlsxError> {
    let s = &report.summary;
    ws.set_column_width(0, 36)?;
    ws.set_column_width(1, 18)?;
    ws.merge_range(0, 0, 0, 1, "绩效评价检查汇总", &styles.title)?;
    let mut rows: Vec<(String, Content)> = vec![
        ("读取的表（张）".into(), count(s.forms)),
        ("评价项目（个）".into(), count(s.evaluated)),
        (
            "涉及金额（万元）".into(),
            Content::Number(s.amount_wan, NumberKind::Money),
        ),
        ("单位自评项目（个）".into(), count(s.self_evaluated)),
        (
            "单位自评涉及金额（万元）".into(),
            Content::Number(s.self_amount_wan, NumberKind::Money),
        ),
        ("部门评价项目（个）".into(), count(s.department_evaluations.len())),
        ("计分项目（个）".into(), count(s.scored)),
        ("不计分数（个）".into(), count(s.not_scored)),
        ("未填写总分（个）".into(), count(s.without_total)),
        ("未能完整读取（张）".into(), count(s.incomplete)),
        ("90分（含）以上".into(), count(s.bands.ge90)),
        ("80–90分（含80分）".into(), count(s.bands.b80_90)),
        ("60–80分（含60分）".into(), count(s.bands.b60_80)),
        ("60分以下".into(), count(s.bands.lt60)),
    ];
    rows.extend(s.by_grade.iter().map(|(g, n)| (format!("等级：{g}"), count(*n))));
    rows.push(("有错误的表（张）".into(), count(s.with_errors)));
    rows.push(("申报表（张）".into(), count(s.declarations)));
    let mut r = 2u32;
    for (label, value) in &rows {
        ws.write_string_with_format(r, 0, label, &styles.label)?;
        match value {
            Content::Number(d, kind) => ws.write_number_with_format(r, 1, float(*d), styles.number(*kind))?,
            _ => ws.write_blank(r, 1, &styles.text)?,
        };
        r = r.saturating_add(1);
    }
    r = r.saturating_add(1);
    ws.write_string_with_format(r, 0, "绩效评价情况说明", &styles.label)?;
    r = r.saturating_add(1);
    ws.merge_range(r, 0, r, 1, report.paragraph, &styles.text)?;
    let lines = width_of(report.paragraph).div_ceil(50).max(1);
    ws.set_row_height(r, 6.0 + 14.0 * lines.min(60) as f64)?;
    ws.set_paper_size(9);
    Ok(())
}

type SheetWriter = fn(&mut Worksheet, &Styles, &UnitReport) -> Result<(), XlsxError>;

/// The unit's review as a workbook: 汇总, 逐表结果, 问题清单, and with
/// `with_forms` one sheet per form in its printed layout.
pub fn unit_workbook(report: &UnitReport, with_forms: bool) -> Result<Vec<u8>, String> {
    workbook(
        report,
        &[
            ("汇总", summary_sheet),
            ("逐表结果", results_sheet),
            ("问题清单", findings_sheet),
        ],
        with_forms,
    )
}

/// Several drafts: 逐表结果 first, then one sheet per form.
pub fn drafts_workbook(report: &UnitReport) -> Result<Vec<u8>, String> {
    workbook(report, &[("逐表结果", results_sheet)], true)
}

/// The named table sheets, then (with `with_forms`) one sheet per form.
fn workbook(report: &UnitReport, sheets: &[(&str, SheetWriter)], with_forms: bool) -> Result<Vec<u8>, String> {
    let mut wb = Workbook::new();
    let styles = Styles::new();
    let mut used = Vec::new();
    for (name, write) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(name, &mut used)).map_err(fail)?;
        write(ws, &styles, report).map_err(fail)?;
    }
    if with_forms {
        for (i, form) in report.reviewed.iter().map(|r| &r.imported.form).enumerate() {
            let Some(grid) = form_grid(form) else { continue };
            let ws = wb.add_worksheet();
            let name = form.name().trim();
            let base = format!(
                "{} {}",
                i.saturating_add(1),
                if name.is_empty() { "未命名" } else { name }
            );
            ws.set_name(sheet_name(&base, &mut used)).map_err(fail)?;
            write_grid(ws, &styles, &grid).map_err(fail)?;
        }
    }
    wb.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_ranges() {
        assert_eq!(a1(At { row: 0, col: 0 }), "A3");
        assert_eq!(a1(At { row: 4, col: 26 }), "AA7");
        let cells = [
            At { row: 2, col: 8 },
            At { row: 10, col: 6 },
            At { row: 11, col: 6 },
            At { row: 12, col: 6 },
        ];
        assert_eq!(ranges(&cells), ["I5", "G13:G15"]);
    }

    #[test]
    fn grade_formula_nests_the_bands() {
        let expr = Expr::Grade {
            total: At { row: 0, col: 1 },
            bands: vec![
                (Decimal::from(90), "优".into()),
                (Decimal::from(80), "良".into()),
                (Decimal::from(60), "中".into()),
                (Decimal::ZERO, "差".into()),
            ],
        };
        assert_eq!(
            formula_text(&expr),
            "=IF(B3=\"\",\"\",IF(B3>=90,\"优\",IF(B3>=80,\"良\",IF(B3>=60,\"中\",\"差\"))))"
        );
    }

    #[test]
    fn sheet_names_are_legal_and_unique() {
        let mut used = Vec::new();
        assert_eq!(sheet_name("a/b:c", &mut used), "a_b_c");
        assert_eq!(sheet_name("A/B:C", &mut used), "A_B_C(2)");
        let long = "一".repeat(40);
        assert!(sheet_name(&long, &mut used).chars().count() <= 31);
    }
}
