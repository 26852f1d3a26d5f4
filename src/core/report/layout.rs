//! The official printed layout of a form as a grid of merged blocks.
//!
//! One place decides where every label and figure of a form sits; the Excel
//! writer, the Word writer and the print view all render the same [`Grid`],
//! so the three can never disagree on the layout.

use rust_decimal::Decimal;

use crate::core::model::{
    Cell, DeclarationForm, DepartmentForm, EvaluationForm, FundKind, Indicator, Level1, ProjectForm, ProjectLayout,
};
use crate::core::scheme::{Figure, Limits, Scheme, SchemeForm};
use crate::core::scoring::{self, fmt_num, fmt_rate, total_of, ProjectResult};

/// How a number is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// 万元, up to 6 decimals.
    Money,
    /// Scores and 分值.
    Score,
    /// A ratio shown as a percent (0.9018 → 90.18%).
    Percent,
}

/// A cell address inside the grid (0-based row and column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At {
    pub row: usize,
    pub col: usize,
}

/// A computed cell: Excel gets the live formula, every other reader the
/// cached value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// num ÷ den, blank when den is blank or 0.
    Ratio { num: At, den: At },
    /// The sum of the cells.
    Sum(Vec<At>),
    /// The grade of the total by the scheme's bands (highest minimum first).
    Grade { total: At, bands: Vec<(Decimal, String)> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    Blank,
    Text(String),
    Number(Decimal, NumberKind),
    Formula {
        expr: Expr,
        kind: NumberKind,
        /// The value the formula gives for this form, written beside it so
        /// Excel/WPS show it without recalculating. None: shown blank.
        cached: Option<Cached>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cached {
    Number(Decimal),
    Text(String),
}

impl Content {
    /// The cell as the printed form shows it ("90.18%", "9", "良").
    pub fn display(&self) -> String {
        let number = |d: &Decimal, kind: &NumberKind| match kind {
            NumberKind::Percent => fmt_rate(*d),
            _ => fmt_num(*d),
        };
        match self {
            Content::Blank => String::new(),
            Content::Text(t) => t.clone(),
            Content::Number(d, kind) => number(d, kind),
            Content::Formula { cached, kind, .. } => match cached {
                Some(Cached::Number(d)) => number(d, kind),
                Some(Cached::Text(t)) => t.clone(),
                None => String::new(),
            },
        }
    }
}

/// How a block is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A printed label of the form (bold, centred).
    Label,
    /// What the unit filled in.
    Value,
}

/// One merged rectangle of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub at: At,
    pub rows: usize,
    pub cols: usize,
    pub role: Role,
    pub content: Content,
}

/// A form in its printed layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    /// "项目支出绩效自评表".
    pub title: String,
    /// "（2025年度）", empty when the year is unknown.
    pub subtitle: String,
    /// Column widths in characters (Excel's unit; others scale them).
    pub widths: Vec<u16>,
    pub rows: usize,
    pub blocks: Vec<Block>,
    /// The column header row of the indicator table, repeated on every
    /// printed page.
    pub header_row: Option<usize>,
    /// Wide forms print landscape.
    pub landscape: bool,
    /// The lines under the form: 填报单位（盖章）, 填报人, 联系电话, 填报日期.
    pub footer: Vec<(&'static str, String)>,
}

impl Grid {
    pub fn columns(&self) -> usize {
        self.widths.len()
    }

    /// The blocks whose top-left cell is on `row`, left to right (HTML
    /// tables need their cells in column order).
    pub fn row_blocks(&self, row: usize) -> Vec<&Block> {
        let mut blocks: Vec<&Block> = self.blocks.iter().filter(|b| b.at.row == row).collect();
        blocks.sort_by_key(|b| b.at.col);
        blocks
    }

    /// The block covering a cell, if any.
    pub fn block_at(&self, at: At) -> Option<&Block> {
        self.blocks.iter().find(|b| {
            (b.at.row..b.at.row.saturating_add(b.rows)).contains(&at.row)
                && (b.at.col..b.at.col.saturating_add(b.cols)).contains(&at.col)
        })
    }
}

/// Builds a grid row by row.
struct Builder {
    blocks: Vec<Block>,
    row: usize,
}

impl Builder {
    fn put(&mut self, col: usize, rows: usize, cols: usize, role: Role, content: Content) -> At {
        let at = At { row: self.row, col };
        self.blocks.push(Block {
            at,
            rows,
            cols,
            role,
            content,
        });
        at
    }

    fn label(&mut self, col: usize, cols: usize, text: &str) -> At {
        self.put(col, 1, cols, Role::Label, Content::Text(text.into()))
    }

    fn value(&mut self, col: usize, cols: usize, content: Content) -> At {
        self.put(col, 1, cols, Role::Value, content)
    }

    /// A row of printed labels: (column, columns spanned, text).
    fn labels(&mut self, labels: &[(usize, usize, &str)]) {
        for (col, cols, text) in labels {
            self.label(*col, *cols, text);
        }
    }

    /// Merges each run of equal keys in `col`, from row `first` down, into
    /// one label block (一级 and 二级 down their indicator rows); `label`
    /// gets the index of the run's first row.
    fn merged<K: PartialEq>(&mut self, first: usize, col: usize, keys: &[K], label: impl Fn(usize) -> String) {
        for (start, len) in runs(keys) {
            self.blocks.push(Block {
                at: At {
                    row: first.saturating_add(start),
                    col,
                },
                rows: len,
                cols: 1,
                role: Role::Label,
                content: Content::Text(label(start)),
            });
        }
    }

    /// Fills a block placed earlier (a total printed above its parts).
    fn set(&mut self, at: At, content: Content) {
        if let Some(block) = self.blocks.iter_mut().find(|b| b.at == at) {
            block.content = content;
        }
    }

    fn next(&mut self) {
        self.row = self.row.saturating_add(1);
    }
}

/// Text exactly as typed (trimmed).
fn text(cell: &Cell) -> Content {
    let t = cell.raw().trim();
    if t.is_empty() {
        Content::Blank
    } else {
        Content::Text(t.to_string())
    }
}

/// A figure as a number when the form can hold it, else the typed text so
/// nothing is lost ("约 20", "—").
fn figure(limits: &Limits, cell: &Cell, what: Figure, kind: NumberKind) -> Content {
    let value = match what {
        Figure::Money => cell.money_wan().filter(|v| limits.admits(Figure::Money, *v)),
        _ => limits.read(what, cell),
    };
    match value {
        Some(v) => Content::Number(v, kind),
        None => text(cell),
    }
}

fn money(limits: &Limits, cell: &Cell) -> Content {
    figure(limits, cell, Figure::Money, NumberKind::Money)
}

fn score(limits: &Limits, cell: &Cell) -> Content {
    figure(limits, cell, Figure::Score, NumberKind::Score)
}

/// A score cell the unit left blank gets the scheme's figure when it is pure
/// arithmetic (the budget score); judgements (indicator scores) stay blank.
fn score_or(limits: &Limits, cell: &Cell, computed: Option<Decimal>) -> Content {
    match (score(limits, cell), computed) {
        (Content::Blank, Some(v)) => Content::Number(v, NumberKind::Score),
        (c, _) => c,
    }
}

fn rate_formula(budget: At, spent: At, rate: Option<&scoring::Explained>) -> Content {
    Content::Formula {
        expr: Expr::Ratio {
            num: spent,
            den: budget,
        },
        kind: NumberKind::Percent,
        cached: rate.map(|r| Cached::Number(r.value)),
    }
}

/// "（20分）", or nothing when the points are unknown.
fn points(p: Option<Decimal>) -> String {
    p.map(|p| format!("（{}分）", fmt_num(p))).unwrap_or_default()
}

/// The indicator table's column headings in the Hubei layouts (project and
/// department forms).
const HUBEI_HEADINGS: [(usize, usize, &str); 6] = [
    (0, 1, "一级指标"),
    (1, 1, "二级指标"),
    (2, 2, "指标名称"),
    (4, 1, "年初目标值(A)"),
    (5, 1, "实际完成值(B)"),
    (6, 1, "得分"),
];

/// The two text blocks under a Hubei form.
fn hubei_text_blocks(b: &mut Builder, deviation: &Cell, improvement: &Cell) {
    for (label, cell) in [
        ("偏差大或目标未完成原因分析", deviation),
        ("改进措施及结果应用方案", improvement),
    ] {
        b.label(0, 2, label);
        b.value(2, 5, text(cell));
        b.next();
    }
}

/// The SUM of the score cells that hold numbers; its cached value is their
/// sum exactly as Excel computes it.
fn sum_formula(blocks: &[Block], cells: Vec<At>) -> Content {
    let values: Vec<Decimal> = cells
        .iter()
        .filter_map(|at| blocks.iter().find(|b| b.at == *at))
        .filter_map(|b| match b.content {
            Content::Number(v, _) => Some(v),
            _ => None,
        })
        .collect();
    let cached = (!values.is_empty()).then(|| Cached::Number(total_of(values)));
    Content::Formula {
        expr: Expr::Sum(cells),
        kind: NumberKind::Score,
        cached,
    }
}

/// The grade of the total: a live formula where the scheme grades by bands
/// alone, the computed grade as text where execution caps also apply.
fn grade(scheme: &Scheme, rate: Option<&scoring::Explained>, total: At, total_content: &Content) -> Content {
    let cached_total = match total_content {
        Content::Formula {
            cached: Some(Cached::Number(v)),
            ..
        } => Some(*v),
        _ => None,
    };
    let graded = cached_total.map(|t| scheme.grade_for(scoring::capped_total(scheme, t, rate)).label.clone());
    if !scheme.execution_caps.is_empty() {
        return graded.map_or(Content::Blank, Content::Text);
    }
    let mut bands: Vec<(Decimal, String)> = scheme.grades.iter().map(|b| (b.min, b.label.clone())).collect();
    bands.sort_by_key(|b| std::cmp::Reverse(b.0));
    Content::Formula {
        expr: Expr::Grade { total, bands },
        kind: NumberKind::Score,
        cached: graded.map(Cached::Text),
    }
}

/// "（2025年度）".
pub fn year_line(year: Option<i32>) -> String {
    year.map(|y| format!("（{y}年度）")).unwrap_or_default()
}

fn footer(form: &ProjectForm) -> Vec<(&'static str, String)> {
    let unit = [&form.unit, &form.implementer, &form.department]
        .into_iter()
        .map(|c| c.raw().trim())
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    vec![
        ("填报单位（盖章）", unit.to_string()),
        ("填报人", form.leader.raw().trim().to_string()),
        ("联系电话", form.phone.raw().trim().to_string()),
        ("填报日期", form.fill_date.raw().trim().to_string()),
    ]
}

/// The rows of one 一级 group, or of one 二级 group inside it, for merging.
fn runs<T: PartialEq>(keys: &[T]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        match out.last_mut() {
            Some((start, len)) if keys[*start] == *k => *len = len.saturating_add(1),
            _ => out.push((i, 1)),
        }
    }
    out
}

/// The indicator rows the printed form shows: template rows left blank are
/// not part of a handed-in form.
fn shown_indicators(indicators: &[Indicator]) -> Vec<&Indicator> {
    indicators.iter().filter(|i| !i.is_template_blank()).collect()
}

/// 项目支出绩效自评表 in the layout the form was made in.
pub fn project_grid(form: &ProjectForm) -> Grid {
    let scheme = Scheme::of_project(form);
    let result = scoring::score_project(scheme, form);
    match form.layout {
        ProjectLayout::Central => central(scheme, form, &result),
        ProjectLayout::Hubei => hubei(scheme, form, &result),
    }
}

/// DOMAIN.md §1.1: nine columns; 项目资金 with four rows; the indicator table
/// with 一级 and 二级 merged down their rows; 总分 and 等级.
fn central(scheme: &Scheme, form: &ProjectForm, result: &ProjectResult) -> Grid {
    let limits = scheme.limits();
    let mut b = Builder {
        blocks: Vec::new(),
        row: 0,
    };
    b.label(0, 2, "项目名称");
    b.value(2, 7, text(&form.name));
    b.next();
    b.label(0, 2, "主管部门");
    b.value(2, 3, text(&form.department));
    b.label(5, 2, "实施单位");
    b.value(7, 2, text(&form.implementer));
    b.next();
    b.label(0, 2, "项目负责人");
    b.value(2, 3, text(&form.leader));
    b.label(5, 2, "联系电话");
    b.value(7, 2, text(&form.phone));
    b.next();

    // 项目资金（万元）: a header row and four money rows.
    b.put(0, 5, 1, Role::Label, Content::Text("项目资金（万元）".into()));
    for (col, label) in [
        (3, "年初预算数"),
        (4, "全年预算数"),
        (5, "全年执行数"),
        (6, "分值"),
        (7, "执行率"),
        (8, "得分"),
    ] {
        b.label(col, 1, label);
    }
    b.put(1, 1, 2, Role::Label, Content::Blank);
    b.next();
    let budget_points = scheme.budget.as_ref().map(|r| r.points);
    for kind in FundKind::ALL {
        let row = form.funds.row(kind);
        b.label(1, 2, kind.label());
        b.value(3, 1, money(limits, &row.initial));
        let annual = b.value(4, 1, money(limits, &row.annual));
        let spent = b.value(5, 1, money(limits, &row.spent));
        if kind == FundKind::Total {
            b.value(
                6,
                1,
                budget_points.map_or(Content::Blank, |p| Content::Number(p, NumberKind::Score)),
            );
            b.value(7, 1, rate_formula(annual, spent, result.exec_rate.as_ref()));
            b.value(
                8,
                1,
                score_or(
                    limits,
                    &form.funds.printed_score,
                    result.budget_score.as_ref().map(|s| s.value),
                ),
            );
        } else {
            for col in [6, 7, 8] {
                b.value(col, 1, Content::Text("—".into()));
            }
        }
        b.next();
    }
    let budget_score_at = At { row: 4, col: 8 };

    b.put(0, 2, 1, Role::Label, Content::Text("年度总体目标".into()));
    b.label(1, 4, "预期目标");
    b.label(5, 4, "实际完成情况");
    b.next();
    b.value(1, 4, text(&form.goal_expected));
    b.value(5, 4, text(&form.goal_actual));
    b.next();

    let header_row = b.row;
    b.labels(&[
        (0, 1, "一级指标"),
        (1, 1, "二级指标"),
        (2, 1, "三级指标"),
        (3, 1, "年度指标值"),
        (4, 1, "实际完成值"),
        (5, 1, "分值"),
        (6, 1, "得分"),
        (7, 2, "偏差原因分析及改进措施"),
    ]);
    b.next();
    let shown = shown_indicators(&form.indicators);
    let first = b.row;
    let level1: Vec<Level1> = shown.iter().map(|i| i.level2.level1()).collect();
    b.merged(first, 0, &level1, |i| level1[i].label().into());
    let level2: Vec<_> = shown.iter().map(|i| (i.level2, i.level2_label.as_str())).collect();
    b.merged(first, 1, &level2, |i| shown[i].level2_text().into());
    let mut weights = vec![];
    let mut scores = vec![budget_score_at];
    for ind in &shown {
        b.value(2, 1, text(&ind.name));
        b.value(3, 1, text(&ind.target));
        b.value(4, 1, text(&ind.actual));
        if ind.is_not_applicable() {
            b.value(5, 1, Content::Text("不涉及".into()));
            b.value(6, 1, Content::Text("不涉及".into()));
        } else {
            weights.push(b.value(5, 1, score(limits, &ind.weight)));
            scores.push(b.value(6, 1, score(limits, &ind.score)));
        }
        b.value(7, 2, text(&ind.reason));
        b.next();
    }

    b.label(0, 5, "总分");
    let mut all_weights = vec![At { row: 4, col: 6 }];
    all_weights.extend(weights);
    let weight_sum = sum_formula(&b.blocks, all_weights);
    b.value(5, 1, weight_sum);
    let total_at = At { row: b.row, col: 6 };
    let total = if result.not_scored {
        text(&form.printed_total)
    } else {
        sum_formula(&b.blocks, scores)
    };
    // A form not carried out keeps the grade cell as the unit wrote it.
    let grade = if result.not_scored {
        text(&form.printed_grade)
    } else {
        grade(scheme, result.exec_rate.as_ref(), total_at, &total)
    };
    b.value(6, 1, total);
    b.label(7, 1, "等级");
    b.value(8, 1, grade);
    b.next();

    Grid {
        title: "项目支出绩效自评表".into(),
        subtitle: year_line(form.year),
        widths: vec![7, 10, 16, 16, 16, 14, 10, 11, 12],
        rows: b.row,
        blocks: b.blocks,
        header_row: Some(header_row),
        landscape: true,
        footer: footer(form),
    }
}

/// DOMAIN.md §1.2: 预算执行情况 (20分), 项目绩效总目标 (20分), the indicator
/// table (60分) with the weight in the 二级 label, the two text blocks and
/// 自评得分 = budget + goal + indicators.
fn hubei(scheme: &Scheme, form: &ProjectForm, result: &ProjectResult) -> Grid {
    let limits = scheme.limits();
    let mut b = Builder {
        blocks: Vec::new(),
        row: 0,
    };
    b.label(0, 1, "单位名称");
    b.value(1, 2, text(&form.unit));
    b.label(3, 1, "填报日期");
    b.value(4, 1, text(&form.fill_date));
    b.label(5, 1, "自评得分");
    let total_at = b.value(6, 1, Content::Blank);
    b.next();
    b.label(0, 1, "项目名称");
    b.value(1, 6, text(&form.name));
    b.next();
    b.label(0, 1, "主管部门");
    b.value(1, 2, text(&form.department));
    b.label(3, 1, "项目实施单位");
    b.value(4, 3, text(&form.implementer));
    b.next();

    let budget_points = scheme.budget.as_ref().map(|r| r.points);
    b.put(
        0,
        2,
        1,
        Role::Label,
        Content::Text(format!("预算执行情况（万元）{}", points(budget_points))),
    );
    b.label(1, 2, "预算数(A)");
    b.label(3, 1, "执行数(B)");
    b.label(4, 2, "执行率(B/A)");
    b.label(6, 1, "得分");
    b.next();
    let annual = b.value(1, 2, money(limits, &form.funds.total.annual));
    let spent = b.value(3, 1, money(limits, &form.funds.total.spent));
    b.value(4, 2, rate_formula(annual, spent, result.exec_rate.as_ref()));
    let budget_score_at = b.value(
        6,
        1,
        score_or(
            limits,
            &form.funds.printed_score,
            result.budget_score.as_ref().map(|s| s.value),
        ),
    );
    b.next();

    b.put(
        0,
        2,
        1,
        Role::Label,
        Content::Text(format!("项目绩效总目标{}", points(scheme.goal_points))),
    );
    b.label(1, 3, "年初设定目标");
    b.label(4, 2, "全年实际完成情况");
    b.label(6, 1, "得分");
    b.next();
    b.value(1, 3, text(&form.goal_expected));
    b.value(4, 2, text(&form.goal_actual));
    let goal_at = b.value(6, 1, score(limits, &form.goal_score));
    b.next();

    let header_row = b.row;
    b.label(0, 7, &format!("项目年度绩效指标{}", points(scheme.indicator_points)));
    b.next();
    b.labels(&HUBEI_HEADINGS);
    b.next();
    let shown = shown_indicators(&form.indicators);
    let first = b.row;
    // Hubei counts satisfaction under 效益.
    let level1: Vec<Level1> = shown
        .iter()
        .map(|i| match i.level2.level1() {
            Level1::Satisfaction => Level1::Benefit,
            l => l,
        })
        .collect();
    b.merged(first, 0, &level1, |i| {
        scheme
            .groups
            .iter()
            .find(|g| g.key == level1[i])
            .map_or(level1[i].label().to_string(), |g| {
                format!("{}{}", g.label, points(g.fixed.or(g.recommended)))
            })
    });
    let mut scores = vec![budget_score_at, goal_at];
    for ind in &shown {
        b.label(1, 1, ind.level2_text());
        b.value(2, 2, text(&ind.name));
        b.value(4, 1, text(&ind.target));
        b.value(5, 1, text(&ind.actual));
        if ind.is_not_applicable() {
            b.value(6, 1, Content::Text("不涉及".into()));
        } else {
            scores.push(b.value(6, 1, score(limits, &ind.score)));
        }
        b.next();
    }
    hubei_text_blocks(&mut b, &form.deviation_analysis, &form.improvement);

    let total = if result.not_scored {
        text(&form.printed_total)
    } else {
        sum_formula(&b.blocks, scores)
    };
    b.set(total_at, total);

    Grid {
        title: "项目支出绩效自评表".into(),
        subtitle: year_line(form.year),
        widths: vec![14, 16, 12, 12, 16, 16, 10],
        rows: b.row,
        blocks: b.blocks,
        header_row: Some(header_row.saturating_add(1)),
        landscape: false,
        footer: footer(form),
    }
}

/// 部门整体绩效自评表 (DOMAIN.md §1.3, Hubei): the money block, then each
/// 年度目标 with its 产出/效益 indicators, the two text blocks and 总分.
pub fn department_grid(form: &DepartmentForm) -> Grid {
    let scheme = Scheme::resolve(&form.scheme, SchemeForm::Department);
    let result = scoring::score_department(scheme, form);
    let limits = scheme.limits();
    let mut b = Builder {
        blocks: Vec::new(),
        row: 0,
    };
    b.label(0, 1, "单位名称");
    b.value(1, 4, text(&form.unit));
    b.label(5, 1, "总分");
    let total_at = b.value(6, 1, Content::Blank);
    b.next();
    b.label(0, 1, "基本支出总额");
    b.value(1, 2, money(limits, &form.basic_spending));
    b.label(3, 2, "项目支出总额");
    b.value(5, 2, money(limits, &form.project_spending));
    b.next();
    b.put(
        0,
        2,
        1,
        Role::Label,
        Content::Text(format!(
            "部门整体支出（万元）{}",
            points(scheme.budget.as_ref().map(|r| r.points))
        )),
    );
    b.label(1, 2, "预算数(A)");
    b.label(3, 1, "执行数(B)");
    b.label(4, 2, "执行率(B/A)");
    b.label(6, 1, "得分");
    b.next();
    let annual = b.value(1, 2, money(limits, &form.funds.total.annual));
    let spent = b.value(3, 1, money(limits, &form.funds.total.spent));
    b.value(4, 2, rate_formula(annual, spent, result.exec_rate.as_ref()));
    let mut scores = vec![b.value(
        6,
        1,
        score_or(
            limits,
            &form.funds.printed_score,
            result.budget_score.as_ref().map(|s| s.value),
        ),
    )];
    b.next();
    let mut header_row = None;
    for (n, goal) in form.goals.iter().enumerate() {
        let weight = points(limits.read(Figure::Score, &goal.weight));
        b.label(0, 1, &format!("年度目标{}{weight}", n.saturating_add(1)));
        b.value(1, 6, text(&goal.text));
        b.next();
        header_row.get_or_insert(b.row);
        b.labels(&HUBEI_HEADINGS);
        b.next();
        let shown = shown_indicators(&goal.indicators);
        let first = b.row;
        let output: Vec<bool> = shown.iter().map(|i| i.level2.level1() == Level1::Output).collect();
        b.merged(first, 0, &output, |i| {
            let (label, weight) = if output[i] {
                ("产出指标", &goal.output_weight)
            } else {
                ("效益指标", &goal.benefit_weight)
            };
            format!("{label}{}", points(limits.read(Figure::Score, weight)))
        });
        for ind in shown {
            b.label(1, 1, ind.level2_text());
            b.value(2, 2, text(&ind.name));
            b.value(4, 1, text(&ind.target));
            b.value(5, 1, text(&ind.actual));
            scores.push(b.value(6, 1, score(limits, &ind.score)));
            b.next();
        }
    }
    hubei_text_blocks(&mut b, &form.deviation_analysis, &form.improvement);
    let total = sum_formula(&b.blocks, scores);
    b.set(total_at, total);
    Grid {
        title: "部门整体绩效自评表".into(),
        subtitle: year_line(form.year),
        widths: vec![14, 16, 12, 12, 16, 16, 10],
        rows: b.row,
        blocks: b.blocks,
        header_row,
        landscape: false,
        footer: vec![
            ("填报单位（盖章）", form.unit.raw().trim().to_string()),
            ("填报人", String::new()),
            ("联系电话", String::new()),
            ("填报日期", String::new()),
        ],
    }
}

/// 项目支出绩效目标申报表 (DOMAIN.md §1.4): the header, 项目绩效目标 and the
/// indicators with 一级 and 二级 merged down their rows.
pub fn declaration_grid(form: &DeclarationForm) -> Grid {
    let mut b = Builder {
        blocks: Vec::new(),
        row: 0,
    };
    b.label(0, 1, "部门（单位）名称");
    b.value(1, 3, text(&form.unit));
    b.next();
    b.label(0, 1, "项目名称");
    b.value(1, 3, text(&form.name));
    b.next();
    for pair in [
        [("预算金额", &form.budget), ("项目类型", &form.project_type)],
        [("项目负责人", &form.leader), ("联系电话", &form.phone)],
        [("单位地址", &form.address), ("邮政编码", &form.postcode)],
    ] {
        b.label(0, 1, pair[0].0);
        b.value(1, 1, text(pair[0].1));
        b.label(2, 1, pair[1].0);
        b.value(3, 1, text(pair[1].1));
        b.next();
    }
    b.label(0, 1, "项目绩效目标");
    b.value(1, 3, text(&form.goal));
    b.next();
    let header_row = b.row;
    b.label(0, 1, "一级指标");
    b.label(1, 1, "二级指标");
    b.label(2, 2, "具体指标（指标内容、指标值）");
    b.next();
    let first = b.row;
    // Runs of equal 一级, and of equal 二级 inside one 一级, are merged.
    let level1: Vec<&str> = form.indicators.iter().map(|i| i.level1_label.as_str()).collect();
    b.merged(first, 0, &level1, |i| level1[i].into());
    let level2: Vec<(&str, &str)> = form
        .indicators
        .iter()
        .map(|i| (i.level1_label.as_str(), i.level2_label.as_str()))
        .collect();
    b.merged(first, 1, &level2, |i| form.indicators[i].level2_text().into());
    for ind in &form.indicators {
        b.value(2, 2, text(&Cell::new(ind.text())));
        b.next();
    }
    b.label(0, 1, "其他说明的问题");
    b.value(1, 3, text(&form.other_notes));
    b.next();
    Grid {
        title: "项目支出绩效目标申报表".into(),
        subtitle: year_line(form.year),
        widths: vec![16, 18, 30, 24],
        rows: b.row,
        blocks: b.blocks,
        header_row: Some(header_row),
        landscape: false,
        footer: vec![
            ("填报单位（盖章）", form.unit.raw().trim().to_string()),
            ("填报人", form.leader.raw().trim().to_string()),
            ("联系电话", form.phone.raw().trim().to_string()),
            ("填报日期", String::new()),
        ],
    }
}

/// 绩效评价得分表 (DOMAIN.md §1.5): each 一级 item with its weight and score,
/// 综合得分 and 等级.
pub fn evaluation_grid(form: &EvaluationForm) -> Grid {
    let scheme = Scheme::resolve(&form.scheme, SchemeForm::Evaluation);
    let limits = scheme.limits();
    let mut b = Builder {
        blocks: Vec::new(),
        row: 0,
    };
    b.label(0, 1, "项目名称");
    b.value(1, 2, text(&form.name));
    b.next();
    b.label(0, 1, "评价金额（万元）");
    b.value(1, 2, money(limits, &form.amount));
    b.next();
    let header_row = b.row;
    b.label(0, 1, "一级指标");
    b.label(1, 1, "分值");
    b.label(2, 1, "得分");
    b.next();
    let mut weights = Vec::new();
    let mut scores = Vec::new();
    for item in &form.items {
        b.label(0, 1, item.name.raw().trim());
        weights.push(b.value(1, 1, score(limits, &item.weight)));
        scores.push(b.value(2, 1, score(limits, &item.score)));
        b.next();
    }
    b.label(0, 1, "综合得分");
    let weight_sum = sum_formula(&b.blocks, weights);
    b.value(1, 1, weight_sum);
    let total_at = At { row: b.row, col: 2 };
    let total = sum_formula(&b.blocks, scores);
    let graded = grade(scheme, None, total_at, &total);
    b.value(2, 1, total);
    b.next();
    b.label(0, 1, "等级");
    b.value(1, 2, graded);
    b.next();
    Grid {
        title: "绩效评价得分表".into(),
        subtitle: year_line(form.year),
        widths: vec![30, 14, 14],
        rows: b.row,
        blocks: b.blocks,
        header_row: Some(header_row),
        landscape: false,
        footer: vec![("评价单位（盖章）", String::new()), ("评价日期", String::new())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::edit::{new_project, set_field};
    use crate::core::field::{Field, FundColumn, IndicatorColumn};

    /// No two blocks overlap and every block lies inside the grid.
    fn assert_tiles(g: &Grid) {
        let mut seen = std::collections::HashSet::new();
        for b in &g.blocks {
            for r in b.at.row..b.at.row + b.rows {
                for c in b.at.col..b.at.col + b.cols {
                    assert!(r < g.rows && c < g.columns(), "{b:?} outside the grid");
                    assert!(seen.insert((r, c)), "{b:?} overlaps at {r},{c}");
                }
            }
        }
    }

    #[test]
    fn both_layouts_tile_without_overlap() {
        for layout in [ProjectLayout::Central, ProjectLayout::Hubei] {
            let mut f = new_project(layout, Some(2025));
            for i in 0..f.indicators.len() {
                set_field(&mut f, Field::indicator(i, IndicatorColumn::Name), &format!("指标{i}"));
            }
            assert_tiles(&project_grid(&f));
        }
    }

    #[test]
    fn computed_cells_carry_their_values() {
        let mut f = new_project(ProjectLayout::Central, Some(2025));
        set_field(&mut f, Field::Fund(FundKind::Total, FundColumn::Annual), "2175.9657");
        set_field(&mut f, Field::Fund(FundKind::Total, FundColumn::Spent), "1962.2");
        set_field(&mut f, Field::indicator(0, IndicatorColumn::Name), "培训人次");
        set_field(&mut f, Field::indicator(0, IndicatorColumn::Weight), "90");
        set_field(&mut f, Field::indicator(0, IndicatorColumn::Score), "80");
        let g = project_grid(&f);
        let shown: Vec<String> = g.blocks.iter().map(|b| b.content.display()).collect();
        assert!(shown.contains(&"90.18%".to_string()));
        let total = g
            .block_at(At {
                row: g.rows - 1,
                col: 6,
            })
            .unwrap();
        assert_eq!(total.content.display(), "89");
        let grade = g
            .block_at(At {
                row: g.rows - 1,
                col: 8,
            })
            .unwrap();
        assert_eq!(grade.content.display(), "良");
        // Template rows left blank are not printed.
        assert_eq!(g.rows, 3 + 5 + 2 + 1 + 1 + 1);
    }
}
