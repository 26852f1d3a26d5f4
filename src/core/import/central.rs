//! The central/Beijing 项目支出绩效自评表 (DOMAIN §1.1) from rows of cells.
//!
//! A form runs from its 项目名称 row to its 总分 row. Inside it, Word's loose
//! lines are further paragraphs of a cell ([`with_paragraphs`]), and a table
//! row that an empty paragraph inside a cell split in two is joined back up
//! to its table's width.

use std::borrow::Cow;

use super::rows::{key, with_paragraphs, Row};
use super::{incomplete_note, year_in, ImportNote, ImportedForm};
use crate::core::model::{Cell, Form, FundKind, FundRow, Indicator, Level1, Level2, ProjectForm, ProjectLayout};
use crate::core::scheme::{Scheme, SchemeForm};

/// A row holding "项目名称" followed soon by the 项目资金 block.
pub fn starts_form(rows: &[Row], i: usize) -> bool {
    let row = &rows[i];
    !row.narrative
        && row.has_label("项目名称")
        && rows[i + 1..]
            .iter()
            .take(12)
            .any(|r| r.has_key("项目资金") || r.has_key("年度资金总额"))
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Header,
    Goal,
    Indicators,
}

/// Column positions of the money table, relative to the row label cell.
struct FundColumns {
    offsets: [Option<isize>; 6],
    /// The header's label column and cell count: a row as wide as the
    /// header is a sheet row whose merged label ("年度资金总额" over two
    /// columns) leaves empty cells, so it is read by the header's columns.
    label: isize,
    width: usize,
}

impl FundColumns {
    const NAMES: [&'static str; 6] = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"];

    fn from_header(row: &Row) -> Option<FundColumns> {
        let first = row
            .keys()
            .position(|k| k.contains("年初预算") || k.contains("全年预算"))?;
        // The label column is the one before the first money column.
        let label = first as isize - 1;
        let mut offsets = [None; 6];
        for (c, name) in Self::NAMES.iter().enumerate() {
            offsets[c] = row.keys().position(|k| k.contains(name)).map(|p| p as isize - label);
        }
        Some(FundColumns {
            offsets,
            label,
            width: row.cells.len(),
        })
    }

    fn get<'a>(&self, row: &'a Row, label_idx: usize, column: usize) -> &'a str {
        let base = if row.cells.len() == self.width {
            self.label
        } else {
            label_idx as isize
        };
        self.offsets[column]
            .map(|off| base + off)
            .filter(|p| *p >= 0)
            .map_or("", |p| row.cell(p as usize))
    }
}

fn fund_kind(label: &str) -> Option<FundKind> {
    let k = key(label);
    if k.contains("年度资金总额") {
        Some(FundKind::Total)
    } else if k.contains("当年财政") {
        Some(FundKind::CurrentYear)
    } else if k.contains("上年结转") {
        Some(FundKind::CarriedOver)
    } else if k.contains("其他资金") {
        Some(FundKind::Other)
    } else {
        None
    }
}

/// Why reading a form stopped.
#[derive(Clone, Copy, PartialEq)]
enum Stop {
    /// At its 总分 row: the form was read to its end.
    Total,
    /// At row `i`: text that is not part of the form.
    Text(usize),
    /// At row `i`: the next form begins.
    NextForm(usize),
    EndOfText,
}

/// What is known while reading one form, section by section.
struct Parser<'a> {
    rows: &'a [Row],
    form: ProjectForm,
    notes: Vec<ImportNote>,
    section: Section,
    columns: Option<FundColumns>,
    /// Cells in the money table's header row: a fund row has as many.
    fund_width: usize,
    level1: Option<Level1>,
    level2: Option<(Level2, String)>,
    /// Where the 绩效指标 table's header row puts its columns.
    header: Option<IndicatorHeader>,
}

/// Column positions in the 绩效指标 table's header row. Word's own layout
/// has a 绩效指标 column before 一级指标; a sheet laid out without it (or
/// with every merged cell spread over its columns, as Excel copies it) is
/// read by these positions instead of by counting cells.
#[derive(Clone, Copy)]
struct IndicatorHeader {
    /// Cells in the header row.
    width: usize,
    /// The 一级指标 column.
    level1: usize,
    /// The 得分 column.
    score: Option<usize>,
}

impl IndicatorHeader {
    fn of(row: &Row) -> Option<IndicatorHeader> {
        Some(IndicatorHeader {
            width: row.cells.len(),
            level1: row.keys().position(|k| k == "一级指标")?,
            score: row.keys().position(|k| k == "得分"),
        })
    }
}

/// Cells in an indicator row: (绩效指标), 一级, 二级, 三级, 年度指标值,
/// 实际完成值, 分值, 得分, 偏差原因分析及改进措施.
const INDICATOR_WIDTH: usize = 9;
/// Cells in the 年度总体目标 row: (label), 预期目标, 实际完成情况.
const GOAL_WIDTH: usize = 3;

pub fn parse(rows: &[Row], start: usize, year_before: Option<i32>) -> (ImportedForm, usize) {
    let mut parser = Parser {
        rows,
        form: ProjectForm::new(
            ProjectLayout::Central,
            &Scheme::default_id(SchemeForm::ProjectCentral),
            year_before,
        ),
        notes: Vec::new(),
        section: Section::Header,
        columns: None,
        fund_width: 0,
        level1: None,
        level2: None,
        header: None,
    };
    let first_line = parser.read_title(start);
    let mut end = start;
    let mut i = start;
    let stop = loop {
        let Some(row) = rows.get(i) else {
            break Stop::EndOfText;
        };
        if i > start && starts_form(rows, i) {
            break Stop::NextForm(i);
        }
        if row.narrative {
            // Loose lines that continue a cell were folded into it with the
            // row before; one left here starts something else.
            if row.loose || key(&row.text()).len() > 40 {
                break Stop::Text(i);
            }
            end = i;
            i += 1;
            continue;
        }
        if let Some(p) = row.keys().position(|k| k == "总分") {
            let (total, grade) = parser.total_cells(row, p);
            parser.form.printed_total = Cell::new(total);
            parser.form.printed_grade = Cell::new(grade);
            end = i;
            break Stop::Total;
        }
        end = match parser.section {
            Section::Header => parser.read_header(i),
            Section::Goal => parser.read_goal(i),
            Section::Indicators => parser.read_indicator(i),
        };
        i = end + 1;
    };
    parser.finish(start, first_line, end, stop)
}

impl<'a> Parser<'a> {
    /// The title and "（2020年度）" rows just above belong to the form and
    /// give its year; returns the form's first line.
    fn read_title(&mut self, start: usize) -> usize {
        let mut first_line = self.rows[start].first_line;
        for r in self.rows[..start].iter().rev().take(3) {
            let t = r.text();
            if t.contains("自评表") || year_in(&t).is_some() && key(&t).chars().count() < 16 {
                first_line = r.first_line;
                if let Some(y) = year_in(&t) {
                    self.form.year = Some(y);
                }
            } else if !key(&t).is_empty() {
                break;
            }
        }
        first_line
    }

    /// Row `i` with its cells' further paragraphs, joined with the short rows
    /// after it that an empty paragraph split off (Word's row end is a blank
    /// line too), up to `width` cells (0: none); and the index of the last
    /// row used.
    fn joined(&self, i: usize, width: usize, joins: impl Fn(&Row) -> bool) -> (Cow<'a, Row>, usize) {
        let (mut row, mut last) = with_paragraphs(self.rows, i, starts_form);
        while row.cells.len() < width {
            let j = last + 1;
            let split_off = self
                .rows
                .get(j)
                .is_some_and(|next| !next.narrative && !next.has_key("总分") && joins(next));
            if !split_off || starts_form(self.rows, j) {
                break;
            }
            let (next, next_last) = with_paragraphs(self.rows, j, starts_form);
            if row.cells.len() + next.cells.len() > width {
                break;
            }
            row.to_mut().extend_cells(&next);
            last = next_last;
        }
        (row, last)
    }

    /// 项目名称 … 联系电话 and the 项目资金 table.
    fn read_header(&mut self, i: usize) -> usize {
        let fund_row = is_fund_row(&self.rows[i]);
        let width = if fund_row { self.fund_width } else { 0 };
        let (row, last) = self.joined(i, width, |next| !is_fund_row(next) && !starts_section(next));
        let form = &mut self.form;
        for (label, slot) in [
            ("项目名称", &mut form.name),
            ("主管部门", &mut form.department),
            ("实施单位", &mut form.implementer),
            ("项目负责人", &mut form.leader),
            ("联系电话", &mut form.phone),
        ] {
            if let Some(v) = row.value_after(label) {
                *slot = Cell::new(v);
            }
        }
        if row.has_key("年初预算") || (row.has_key("全年预算") && row.has_key("全年执行")) {
            if let Some(columns) = FundColumns::from_header(&row) {
                self.columns = Some(columns);
                self.fund_width = row.cells.len();
            }
        }
        if fund_row {
            self.read_fund_row(&row);
        }
        let keys = row.keys();
        if keys.clone().any(|k| k.contains("年度总体目标")) {
            self.section = Section::Goal;
        }
        if keys.clone().any(|k| k == "一级指标") {
            self.section = Section::Indicators;
            self.header = IndicatorHeader::of(&row);
        }
        last
    }

    /// The 总分 row's printed total and grade; `p` is the 总分 cell.
    ///
    /// Word's row is 总分 | 分值 | 得分 | 等级. A sheet row as wide as the
    /// indicator header (merged cells spread over their columns) has the
    /// total under the header's 得分. A "等级" label cell is followed by
    /// the grade.
    fn total_cells<'r>(&self, row: &'r Row, p: usize) -> (&'r str, &'r str) {
        let aligned = self
            .header
            .filter(|h| row.cells.len() >= h.width)
            .and_then(|h| h.score)
            .filter(|&s| s > p + 1 && !row.cell(s).trim().is_empty());
        let score = aligned.unwrap_or(p + 2);
        let grade = match row.keys().skip(score + 1).position(|k| k == "等级") {
            Some(q) => {
                let q = score + 1 + q;
                (q + 1..row.cells.len())
                    .map(|c| row.cell(c))
                    .find(|c| !c.trim().is_empty())
                    .unwrap_or("")
            }
            None => row.cell(score + 1),
        };
        (row.cell(score), grade)
    }

    /// 年度资金总额 or one of its sub-rows, in the header's columns.
    fn read_fund_row(&mut self, row: &Row) {
        let Some(label_idx) = row.cells.iter().position(|c| fund_kind(c).is_some()) else {
            return;
        };
        let kind = fund_kind(&row.cells[label_idx]).expect("checked");
        let Some(cols) = &self.columns else {
            self.notes.push(ImportNote {
                place: None,
                line: row.first_line,
                message: "项目资金表缺少表头（年初预算数/全年预算数/全年执行数），该行未读取。".into(),
            });
            return;
        };
        let funds = &mut self.form.funds;
        *funds.row_mut(kind) = FundRow {
            initial: Cell::new(cols.get(row, label_idx, 0)),
            annual: Cell::new(cols.get(row, label_idx, 1)),
            spent: Cell::new(cols.get(row, label_idx, 2)),
        };
        if kind == FundKind::Total {
            funds.printed_rate = Cell::new(cols.get(row, label_idx, 4));
            funds.printed_score = Cell::new(cols.get(row, label_idx, 5));
        }
    }

    /// 年度总体目标: 预期目标 | 实际完成情况.
    fn read_goal(&mut self, i: usize) -> usize {
        if is_indicator_header(&self.rows[i]) {
            self.section = Section::Indicators;
            self.header = IndicatorHeader::of(&self.rows[i]);
            return i;
        }
        let (row, last) = self.joined(i, GOAL_WIDTH, |next| !is_indicator_header(next));
        let mut parts: Vec<&str> = row.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
        if parts.is_empty() {
            return last;
        }
        if parts.len() > 2 {
            self.notes.push(ImportNote {
                place: None,
                line: row.first_line,
                message: "年度总体目标行的单元格多于两个，多余部分并入实际完成情况。".into(),
            });
        }
        self.form.goal_expected = Cell::new(parts.remove(0));
        self.form.goal_actual = Cell::new(parts.join("\n"));
        last
    }

    /// One indicator row of the 绩效指标 table.
    fn read_indicator(&mut self, i: usize) -> usize {
        if is_indicator_header(&self.rows[i]) {
            self.header = IndicatorHeader::of(&self.rows[i]);
            return i;
        }
        let (row, last) = self.joined(i, INDICATOR_WIDTH, |next| next.cells.len() < INDICATOR_WIDTH - 1);
        let mut cells: Vec<&str> = row.cells.iter().map(|c| c.trim()).collect();
        // A table without the 绩效指标 column (一级指标 first in its header)
        // has every cell one place to the left of Word's layout.
        let no_label_column = self.header.is_some_and(|h| h.level1 == 0) && cells.len() >= INDICATOR_WIDTH - 1;
        if cells.len() == INDICATOR_WIDTH - 1 || no_label_column {
            cells.insert(0, "");
        }
        if cells.len() < INDICATOR_WIDTH {
            if row.non_empty_count() > 0 {
                self.notes.push(ImportNote {
                    place: None,
                    line: row.first_line,
                    message: format!(
                        "绩效指标行只有 {} 个单元格（应为 9 个），未读取：“{}”",
                        cells.len(),
                        row.text().trim()
                    ),
                });
            }
            return last;
        }
        let line = row.first_line;
        if !cells[1].is_empty() {
            let k = key(cells[1]);
            if k.contains("产出") {
                self.level1 = Some(Level1::Output);
            } else if k.contains("效益") {
                self.level1 = Some(Level1::Benefit);
            } else if k.contains("满意") {
                self.level1 = Some(Level1::Satisfaction);
            } else {
                self.note(line, format!("无法识别的一级指标“{}”", cells[1]));
            }
        }
        if !cells[2].is_empty() {
            match Level2::from_label(cells[2]) {
                Some(l2) => self.level2 = Some((l2, cells[2].replace('\n', ""))),
                None => self.note(line, format!("无法识别的二级指标“{}”", cells[2])),
            }
        } else if self.level1 == Some(Level1::Satisfaction)
            && self.level2.as_ref().is_none_or(|(l, _)| *l != Level2::Satisfaction)
        {
            self.level2 = Some((Level2::Satisfaction, Level2::Satisfaction.label().into()));
        }
        let Some((l2, label)) = self.level2.clone() else {
            self.note(line, "指标行前没有二级指标，未读取。".into());
            return last;
        };
        let mut ind = Indicator::new(l2);
        ind.level2_label = label;
        ind.name = Cell::new(cells[3]);
        ind.target = Cell::new(cells[4]);
        ind.actual = Cell::new(cells[5]);
        ind.weight = Cell::new(cells[6]);
        ind.score = Cell::new(cells[7]);
        ind.reason = Cell::new(cells[8..].join("\n").trim());
        let blank_row = ind.name.is_empty()
            && ind.target.is_empty()
            && ind.actual.is_empty()
            && ind.weight.is_empty()
            && ind.score.is_empty();
        if !blank_row {
            ind.not_applicable = ind.is_not_applicable();
            self.form.indicators.push(ind);
        }
        last
    }

    fn note(&mut self, line: usize, message: String) {
        self.notes.push(ImportNote {
            place: None,
            line,
            message,
        });
    }

    /// The form with what could not be read, and whether it is incomplete.
    fn finish(mut self, start: usize, first_line: usize, end: usize, stop: Stop) -> (ImportedForm, usize) {
        let rows = self.rows;
        let end_line = rows[end].last_line;
        let (stop_line, missing_total) = match stop {
            Stop::Total => (end_line, None),
            Stop::Text(i) => {
                let line = rows[i].first_line;
                self.note(line, "表格中断：遇到正文段落，未找到“总分”行。".into());
                (line, Some(format!("读到第 {line} 行时表格中断，未找到“总分”行")))
            }
            Stop::NextForm(i) => {
                let line = rows[i].first_line;
                self.note(line, "表格在“总分”行之前结束，已按已读内容导入。".into());
                (line, Some(format!("读到第 {line} 行时下一张表开始，未找到“总分”行")))
            }
            Stop::EndOfText => (
                end_line,
                Some(format!("读到文本末尾（第 {end_line} 行）仍未找到“总分”行")),
            ),
        };
        if stop != Stop::Total {
            self.note(end_line, "未找到“总分”行。".into());
        }
        let no_indicators = self.form.indicators.is_empty();
        if no_indicators {
            self.note(rows[start].first_line, "没有读到任何绩效指标行。".into());
        }
        // A form read to a 总分 of "—" says it was not carried out: it may
        // well have no indicator rows filled in.
        let not_carried_out = stop == Stop::Total && self.form.states_not_scored();
        let missing_indicators = (no_indicators && !not_carried_out).then(|| "没有读到任何绩效指标行".to_string());
        let missing: Vec<String> = missing_total.into_iter().chain(missing_indicators).collect();
        (
            ImportedForm {
                form: Form::Project(self.form),
                source_lines: (first_line, end_line),
                notes: self.notes,
                numbers_only: false,
                source: None,
                incomplete: incomplete_note(stop_line, &missing),
            },
            end,
        )
    }
}

/// 年度资金总额 or one of its sub-rows.
fn is_fund_row(row: &Row) -> bool {
    row.cells.iter().any(|c| fund_kind(c).is_some())
}

/// The 绩效指标 table's header row.
fn is_indicator_header(row: &Row) -> bool {
    row.keys().any(|k| k == "一级指标")
}

/// A row that opens the 年度总体目标 or 绩效指标 part of the form.
fn starts_section(row: &Row) -> bool {
    row.has_key("年度总体目标") || is_indicator_header(row)
}
