//! Word documents (docx-rs): a project's 项目支出绩效自评报告 and a unit's
//! 绩效评价情况说明.
//!
//! Sections are filled only from what the form says. Where it says nothing,
//! the document shows a highlighted 【请填写……】 placeholder for the user to
//! replace: the report never invents text.

use docx_rs::{
    AlignmentType, Docx, Footer, PageMargin, PageNum, Paragraph, Run, RunFonts, Table, TableCell, TableRow, VAlignType,
    VMergeType, WidthType,
};
use rust_decimal::Decimal;

use super::layout::{At, Grid, Role};
use super::{form_grid, UnitReport};
use crate::core::model::{Cell, Form, FundKind, Level1, ProjectForm, ProjectLayout};
use crate::core::scheme::{Figure, Scheme};
use crate::core::scoring::{self, fmt_num, fmt_rate};
use crate::core::summary::Reviewed;
use crate::core::validate::{self, Finding, Severity};

/// A4 portrait in twips, 2.5 cm / 2 cm margins.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_X: i32 = 1247;
const MARGIN_Y: i32 = 1418;

/// Sizes in half-points: 小二 18pt title, 15pt headings, 四号 14pt text (as
/// official documents use), 小五 9pt in tables so nine columns fit A4 portrait.
const TITLE: usize = 36;
const HEADING: usize = 30;
const BODY: usize = 28;
/// 小五 9pt: the rule code beside its title.
const CODE_SIZE: usize = 18;
const TABLE: usize = 18;

fn fangsong() -> RunFonts {
    RunFonts::new()
        .east_asia("仿宋")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn songti() -> RunFonts {
    RunFonts::new()
        .east_asia("宋体")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn heiti() -> RunFonts {
    RunFonts::new()
        .east_asia("黑体")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

/// A piece of body text: what the form says, or a placeholder to replace.
enum Piece {
    Text(String),
    Placeholder(String),
    /// A rule's code beside its Chinese title: small and grey, secondary.
    Code(&'static str),
}

fn run(piece: &Piece, size: usize, fonts: RunFonts) -> Run {
    match piece {
        Piece::Text(t) => Run::new().add_text(t).size(size).fonts(fonts),
        Piece::Code(code) => Run::new()
            .add_text(format!(" {code} "))
            .size(CODE_SIZE)
            .fonts(fonts)
            .color("808080"),
        Piece::Placeholder(what) => Run::new()
            .add_text(format!("【请填写：{what}】"))
            .size(size)
            .fonts(fonts)
            .highlight("yellow"),
    }
}

fn para(pieces: &[Piece]) -> Paragraph {
    pieces.iter().fold(Paragraph::new().first_line_chars(200), |p, piece| {
        p.add_run(run(piece, BODY, fangsong()))
    })
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text).size(HEADING).fonts(heiti()))
}

fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text(text).size(TITLE).bold().fonts(songti()))
}

fn centered(text: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text(text).size(BODY).fonts(fangsong()))
}

/// A name on one line: Word shows a line break inside a run as a space.
fn one_line(s: &str) -> String {
    s.lines().map(str::trim).collect()
}

/// A cell's text as typed, or a placeholder naming it.
fn said(cell: &Cell, what: &str) -> Piece {
    let t = cell.raw().trim();
    if t.is_empty() {
        Piece::Placeholder(what.into())
    } else {
        Piece::Text(t.into())
    }
}

fn t(s: impl Into<String>) -> Piece {
    Piece::Text(s.into())
}

/// The page, the fonts and the page numbers every document shares.
fn document() -> Docx {
    Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_Y)
                .bottom(MARGIN_Y)
                .left(MARGIN_X)
                .right(MARGIN_X)
                .header(851)
                .footer(992),
        )
        .default_fonts(fangsong())
        .default_size(BODY)
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text("第 ").size(TABLE))
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().add_text(" 页").size(TABLE)),
            ),
        )
}

/// The height that marks the indicator table's heading row: docx-rs has no
/// API for a repeating header row, so [`pack`] adds `<w:tblHeader/>` to the
/// row carrying this (otherwise unused) height.
const HEADER_ROW_TWIPS: f32 = 401.0;
const HEADER_ROW_XML: &str = r#"<w:trHeight w:val="401" w:hRule="atLeast" />"#;

fn pack(doc: Docx) -> Result<Vec<u8>, String> {
    let mut xml = doc.build();
    // CT_TrPr order: tblHeader follows trHeight. The XML is UTF-8; were it
    // not, the document is kept as built.
    xml.document = match String::from_utf8(std::mem::take(&mut xml.document)) {
        Ok(text) => text
            .replace(HEADER_ROW_XML, &format!("{HEADER_ROW_XML}<w:tblHeader />"))
            .into_bytes(),
        Err(e) => e.into_bytes(),
    };
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| format!("无法生成 Word 文件：{e}"))?;
    Ok(out.into_inner())
}

fn cell_paragraphs(text: &str, bold: bool, align: AlignmentType) -> Vec<Paragraph> {
    let lines: Vec<&str> = if text.is_empty() {
        vec![""]
    } else {
        text.lines().collect()
    };
    lines
        .into_iter()
        .map(|line| {
            let mut r = Run::new().add_text(line).size(TABLE).fonts(songti());
            if bold {
                r = r.bold();
            }
            Paragraph::new().align(align).add_run(r)
        })
        .collect()
}

/// The form's grid as Word tables with the same merges: the part above the
/// indicator table, and the indicator table whose heading row repeats on
/// every page (a repeating row must be a table's first row).
fn grid_tables(grid: &Grid) -> Vec<Table> {
    let split = grid.header_row.filter(|h| *h > 0 && *h < grid.rows);
    match split {
        Some(h) => vec![grid_table(grid, 0, h), grid_table(grid, h, grid.rows)],
        None => vec![grid_table(grid, 0, grid.rows)],
    }
}

/// Rows `from..to` of the grid as one Word table.
fn grid_table(grid: &Grid, from: usize, to: usize) -> Table {
    let usable = u64::from(PAGE_W).saturating_sub(2 * MARGIN_X.unsigned_abs() as u64);
    let total: u64 = grid.widths.iter().map(|w| u64::from(*w)).sum::<u64>().max(1);
    let twips: Vec<usize> = grid
        .widths
        .iter()
        .map(|w| usize::try_from(u64::from(*w).saturating_mul(usable) / total).unwrap_or(1000))
        .collect();
    let span_width =
        |col: usize, cols: usize| -> usize { twips[col..col.saturating_add(cols).min(twips.len())].iter().sum() };
    let rows: Vec<TableRow> = (from..to)
        .map(|r| {
            let mut cells = Vec::new();
            let mut c = 0;
            while c < grid.columns() {
                let Some(b) = grid.block_at(At { row: r, col: c }) else {
                    cells.push(TableCell::new().width(twips[c], WidthType::Dxa));
                    c = c.saturating_add(1);
                    continue;
                };
                let width = span_width(b.at.col, b.cols);
                let mut cell = TableCell::new()
                    .width(width, WidthType::Dxa)
                    .vertical_align(VAlignType::Center);
                if b.cols > 1 {
                    cell = cell.grid_span(b.cols);
                }
                if b.at.row == r {
                    if b.rows > 1 {
                        cell = cell.vertical_merge(VMergeType::Restart);
                    }
                    let (bold, align) = match b.role {
                        Role::Label => (true, AlignmentType::Center),
                        Role::Value => (false, AlignmentType::Left),
                    };
                    for p in cell_paragraphs(&b.content.display(), bold, align) {
                        cell = cell.add_paragraph(p);
                    }
                } else {
                    cell = cell
                        .vertical_merge(VMergeType::Continue)
                        .add_paragraph(Paragraph::new());
                }
                cells.push(cell);
                c = b.at.col.saturating_add(b.cols);
            }
            let row = TableRow::new(cells).cant_split();
            if Some(r) == grid.header_row {
                row.row_height(HEADER_ROW_TWIPS)
                    .height_rule(docx_rs::HeightRule::AtLeast)
            } else {
                row
            }
        })
        .collect();
    Table::new(rows)
        .set_grid(twips)
        .width(usize::try_from(usable).unwrap_or(9000), WidthType::Dxa)
}

fn footer_lines(doc: Docx, grid: &Grid) -> Docx {
    grid.footer
        .iter()
        .fold(doc.add_paragraph(Paragraph::new()), |d, (label, value)| {
            d.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(format!("{label}：")).size(BODY).fonts(fangsong()))
                    .add_run(Run::new().add_text(value).size(BODY).fonts(fangsong())),
            )
        })
}

fn money_text(scheme: &Scheme, cell: &Cell) -> Option<String> {
    scheme
        .limits()
        .read(Figure::Money, cell)
        .map(|v| format!("{}万元", fmt_num(v)))
}

/// 项目基本情况: the header and the money block.
fn basics(form: &ProjectForm, scheme: &Scheme, result: &scoring::ProjectResult) -> Vec<Paragraph> {
    let mut out = vec![para(&[
        t("项目名称："),
        said(&form.name, "项目名称"),
        t("；主管部门："),
        said(&form.department, "主管部门"),
        t("；实施单位："),
        said(&form.implementer, "实施单位"),
        t("。"),
    ])];
    let mut funds = vec![t("项目资金：")];
    let money =
        |cell: &Cell, what: &str| money_text(scheme, cell).map_or_else(|| Piece::Placeholder(what.into()), Piece::Text);
    let annual_label = if form.layout == ProjectLayout::Hubei {
        "预算数"
    } else {
        "全年预算数"
    };
    let spent_label = if form.layout == ProjectLayout::Hubei {
        "执行数"
    } else {
        "全年执行数"
    };
    if form.layout == ProjectLayout::Central {
        funds.push(t("年初预算数"));
        funds.push(money(&form.funds.total.initial, "年初预算数"));
        funds.push(t("，"));
    }
    funds.push(t(annual_label));
    funds.push(money(&form.funds.total.annual, annual_label));
    funds.push(t("，"));
    funds.push(t(spent_label));
    funds.push(money(&form.funds.total.spent, spent_label));
    funds.push(t("，执行率"));
    funds.push(result.exec_rate.as_ref().map_or_else(
        || Piece::Placeholder("执行率（填写预算数和执行数后计算）".into()),
        |r| t(fmt_rate(r.value)),
    ));
    if let (Some(rule), Some(score)) = (
        &scheme.budget,
        result.budget_claimed.or(result.budget_score.as_ref().map(|s| s.value)),
    ) {
        funds.push(t(format!(
            "，预算执行得分{}分（分值{}分）",
            fmt_num(score),
            fmt_num(rule.points)
        )));
    }
    funds.push(t("。"));
    out.push(para(&funds));
    if form.layout == ProjectLayout::Central {
        let parts: Vec<String> = [FundKind::CurrentYear, FundKind::CarriedOver, FundKind::Other]
            .into_iter()
            .filter_map(|k| {
                let row = form.funds.row(k);
                let annual = money_text(scheme, &row.annual)?;
                let spent = money_text(scheme, &row.spent).unwrap_or_else(|| "未填写".into());
                Some(format!("{}全年预算数{annual}、执行数{spent}", k.label()))
            })
            .collect();
        if !parts.is_empty() {
            out.push(para(&[t(format!("其中：{}。", parts.join("；")))]));
        }
    }
    out
}

/// 绩效目标及完成情况: the goal and each indicator's target against its actual.
fn goals(form: &ProjectForm, scheme: &Scheme) -> Vec<Paragraph> {
    let mut out = vec![
        para(&[
            t("年度总体目标："),
            said(&form.goal_expected, "年度总体目标（预期目标）"),
        ]),
        para(&[
            t("实际完成情况："),
            said(&form.goal_actual, "年度总体目标的实际完成情况"),
        ]),
    ];
    let limits = scheme.limits();
    for level1 in Level1::ALL {
        let rows: Vec<_> = form
            .real_indicators()
            .filter(|(_, i)| i.level2.level1() == level1)
            .collect();
        if rows.is_empty() {
            continue;
        }
        out.push(para(&[t(format!("{}：", level1.label()))]));
        for (n, (_, ind)) in rows.iter().enumerate() {
            let label = ind.level2_text();
            let mut pieces = vec![
                t(format!("{}. {label}·", n.saturating_add(1))),
                said(&ind.name, "三级指标名称"),
            ];
            if ind.is_not_applicable() {
                pieces.push(t("：不涉及。"));
            } else {
                pieces.push(t("：年度指标值"));
                pieces.push(said(&ind.target, "年度指标值"));
                pieces.push(t("，实际完成值"));
                pieces.push(said(&ind.actual, "实际完成值"));
                if let Some(w) = limits.read(Figure::Score, &ind.weight) {
                    pieces.push(t(format!("，分值{}分", fmt_num(w))));
                }
                match limits.read(Figure::Score, &ind.score) {
                    Some(s) => pieces.push(t(format!("，得分{}分。", fmt_num(s)))),
                    None => {
                        pieces.push(t("，得分"));
                        pieces.push(Piece::Placeholder("得分".into()));
                        pieces.push(t("。"));
                    }
                }
            }
            out.push(para(&pieces));
        }
    }
    out
}

/// 偏差原因分析: every row that lost points, with the reason the form gives.
fn deviations(form: &ProjectForm, scheme: &Scheme) -> Vec<Paragraph> {
    let limits = scheme.limits();
    let mut out = Vec::new();
    let lost: Vec<_> = form
        .real_indicators()
        .filter(|(_, i)| !i.is_not_applicable())
        .filter_map(|(_, i)| {
            let w = limits.read(Figure::Score, &i.weight)?;
            let s = limits.read(Figure::Score, &i.score)?;
            let lost = w.checked_sub(s)?;
            (lost > Decimal::ZERO).then_some((i, lost))
        })
        .collect();
    for (n, (ind, lost)) in lost.iter().enumerate() {
        out.push(para(&[
            t(format!("{}. ", n.saturating_add(1))),
            said(&ind.name, "三级指标名称"),
            t(format!("扣{}分。偏差原因：", fmt_num(*lost))),
            said(&ind.reason, "该指标的偏差原因"),
        ]));
    }
    if form.layout == ProjectLayout::Hubei {
        out.push(para(&[said(&form.deviation_analysis, "偏差大或目标未完成原因分析")]));
    } else if lost.is_empty() {
        let any_scored = form
            .real_indicators()
            .any(|(_, i)| limits.read(Figure::Score, &i.score).is_some());
        out.push(if any_scored {
            para(&[t("各项绩效指标得分均等于分值，未发现扣分指标。")])
        } else {
            para(&[Piece::Placeholder("各项指标的得分和偏差原因".into())])
        });
    }
    out
}

/// 存在的问题及改进措施: what the form says, else a placeholder.
fn improvements(form: &ProjectForm) -> Vec<Paragraph> {
    let said_any: Vec<String> = match form.layout {
        ProjectLayout::Hubei => vec![form.improvement.raw().trim().to_string()],
        ProjectLayout::Central => form
            .real_indicators()
            .map(|(_, i)| i.reason.raw().trim().to_string())
            .collect(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    if said_any.is_empty() {
        vec![para(&[Piece::Placeholder("存在的问题及改进措施".into())])]
    } else {
        let mut out: Vec<Paragraph> = said_any.iter().map(|s| para(&[t(s.clone())])).collect();
        if form.layout == ProjectLayout::Central {
            out.insert(0, para(&[t("表中“偏差原因分析及改进措施”所述：")]));
            out.push(para(&[Piece::Placeholder(
                "其他存在的问题及下一步改进措施（如无可删除本段）".into(),
            )]));
        }
        out
    }
}

/// 项目支出绩效自评报告 for one project form. `with_findings` lists the
/// checker's open findings as 待核实事项 (the user ticks it).
pub fn form_report(form: &Form, with_findings: bool) -> Result<Vec<u8>, String> {
    let (Form::Project(p), Some(grid)) = (form, form_grid(form)) else {
        return Err(format!("“{}”暂不能导出为 Word 报告", form.kind_label()));
    };
    let checked = validate::check_project(p);
    let scheme = checked.scheme;
    let result = &checked.score;
    let name = one_line(p.name.raw());
    let mut doc = document()
        .add_paragraph(title(&format!(
            "{}项目支出绩效自评报告",
            if name.is_empty() {
                "【请填写：项目名称】"
            } else {
                &name
            }
        )))
        .add_paragraph(centered(&grid.subtitle));
    doc = doc.add_paragraph(heading("一、项目支出绩效自评表"));
    doc = doc.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text(&grid.title).bold().size(BODY).fonts(songti())),
    );
    // Word joins tables that touch into one table: a tiny paragraph keeps the
    // indicator table (and its repeating heading row) apart.
    for (i, table) in grid_tables(&grid).into_iter().enumerate() {
        if i > 0 {
            doc = doc.add_paragraph(Paragraph::new().size(2).add_run(Run::new().size(2)));
        }
        doc = doc.add_table(table);
    }
    doc = footer_lines(doc, &grid);

    let sections: Vec<(&str, Vec<Paragraph>)> = vec![
        ("二、项目基本情况", basics(p, scheme, result)),
        ("三、绩效目标及完成情况", goals(p, scheme)),
        ("四、偏差原因分析", deviations(p, scheme)),
        ("五、存在的问题及改进措施", improvements(p)),
        ("六、自评结论", conclusion(p, result)),
    ];
    for (h, paragraphs) in sections {
        doc = paragraphs
            .into_iter()
            .fold(doc.add_paragraph(heading(h)), Docx::add_paragraph);
    }
    if with_findings {
        doc = doc.add_paragraph(heading("七、待核实事项"));
        doc = findings_list(&checked.findings)
            .into_iter()
            .fold(doc, Docx::add_paragraph);
    }
    pack(doc)
}

fn conclusion(form: &ProjectForm, result: &scoring::ProjectResult) -> Vec<Paragraph> {
    if result.not_scored {
        return vec![para(&[t("项目当年未开展，参加绩效评价，不计分数。")])];
    }
    match (&result.computed_total, &result.grade) {
        (Some(total), Some(grade)) => {
            let mut pieces = vec![t(format!(
                "经自评，本项目自评得分{}分，评价等级为“{grade}”。",
                fmt_num(total.value)
            ))];
            if result.printed_total.is_some_and(|p| p != total.value) {
                pieces.push(t(format!(
                    "（表中填写的总分为{}，与各项得分之和不一致，请核实。）",
                    form.printed_total.raw().trim()
                )));
            }
            vec![para(&pieces)]
        }
        _ => vec![para(&[
            t("自评得分："),
            Piece::Placeholder("各项得分（填写后自动合计）".into()),
        ])],
    }
}

fn findings_list(findings: &[Finding]) -> Vec<Paragraph> {
    if findings.is_empty() {
        return vec![para(&[t("检查未发现需要核实的问题。")])];
    }
    findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            para(&[
                t(format!("{}. 【{}】{}", i.saturating_add(1), f.severity.label(), f.code.title())),
                Piece::Code(f.code.as_str()),
                t(format!("（{}）：{}", f.location, f.message)),
            ])
        })
        .collect()
}

/// A simple table: a bold header row and text rows.
fn plain_table(headers: &[&str], rows: &[Vec<String>], widths: &[usize]) -> Table {
    let row = |cells: &[String], bold: bool| {
        TableRow::new(
            cells
                .iter()
                .zip(widths)
                .map(|(c, w)| {
                    cell_paragraphs(c, bold, AlignmentType::Center)
                        .into_iter()
                        .fold(TableCell::new().width(*w, WidthType::Dxa), TableCell::add_paragraph)
                })
                .collect(),
        )
    };
    let header: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    let mut all = vec![row(&header, true)];
    all.extend(rows.iter().map(|r| row(r, false)));
    Table::new(all).set_grid(widths.to_vec())
}

/// 绩效评价情况说明 for the 部门决算: the paragraph exactly as the page shows
/// it, the bands, and the forms with errors and what is wrong.
pub fn unit_report(report: &UnitReport) -> Result<Vec<u8>, String> {
    let s = report.summary;
    let year = report.year.map(|y| format!("{y}年度")).unwrap_or_default();
    let mut doc = document()
        .add_paragraph(title(&format!("{year}绩效评价情况说明")))
        .add_paragraph(Paragraph::new())
        .add_paragraph(para(&[t(report.paragraph)]));
    doc = doc.add_paragraph(heading("一、单位自评得分分布"));
    let total = s
        .bands
        .ge90
        .saturating_add(s.bands.b80_90)
        .saturating_add(s.bands.b60_80)
        .saturating_add(s.bands.lt60);
    let bands = [
        ("90分（含）以上", s.bands.ge90),
        ("80–90分（含80分）", s.bands.b80_90),
        ("60–80分（含60分）", s.bands.b60_80),
        ("60分以下", s.bands.lt60),
        ("合计", total),
    ];
    let rows: Vec<Vec<String>> = bands
        .iter()
        .map(|(label, n)| vec![label.to_string(), n.to_string()])
        .collect();
    doc = doc.add_table(plain_table(&["得分区间", "项目数（个）"], &rows, &[4800, 3000]));
    doc = doc.add_paragraph(Paragraph::new());
    doc = doc.add_paragraph(heading("二、检查发现错误的表"));
    let with_errors: Vec<&Reviewed> = report
        .reviewed
        .iter()
        .filter(|r| r.count(Severity::Error) > 0)
        .collect();
    if with_errors.is_empty() {
        doc = doc.add_paragraph(para(&[t("检查未发现错误。")]));
    }
    for (i, r) in with_errors.iter().enumerate() {
        let name = one_line(r.imported.form.name());
        let name = if name.is_empty() {
            "（未填写名称）".to_string()
        } else {
            name
        };
        doc = doc.add_paragraph(para(&[t(format!(
            "{}. {name}（{}）：",
            i.saturating_add(1),
            r.imported.form.kind_label()
        ))]));
        for f in r.findings.iter().filter(|f| f.severity == Severity::Error) {
            doc = doc.add_paragraph(para(&[
                t(f.code.title()),
                Piece::Code(f.code.as_str()),
                t(format!("（{}）：{}", f.location, f.message)),
            ]));
        }
    }
    pack(doc)
}
