//! What a form still lacks before it can be handed in: the cells the official
//! form requires that are still empty, each with its [`Field`] (the editor
//! focuses it) and a Chinese label naming the row and column
//! ("年度资金总额·全年执行数", "产出指标·数量指标第1行（培训次数）·实际完成值").
//!
//! This is not a check: a new form lacks everything, and the checks panel
//! says "未填完 n 项" from this list. Cells the tool computes (执行率,
//! 预算执行得分, 总分, 等级) are not asked for; blank template rows ("指标2：")
//! are not indicators and are never asked about (DOMAIN §1.1).

use crate::core::field::{DeptGoalColumn, EvalColumn, Field, FundColumn, GoalColumn, Header, IndicatorColumn, RowRef};
use crate::core::model::{
    Cell, DeclarationForm, DepartmentForm, EvaluationForm, Form, FundKind, Funds, Indicator, Level1, Level2,
    ProjectForm, ProjectLayout,
};

/// One required cell still empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub field: Field,
    /// Row and column in Chinese: "项目名称", "年度资金总额·全年预算数",
    /// "产出指标·数量指标第1行·实际完成值".
    pub label: String,
}

struct List(Vec<Missing>);

impl List {
    fn need(&mut self, cell: &Cell, field: Field, label: impl Into<String>) {
        if cell.is_blank() {
            self.0.push(Missing {
                field,
                label: label.into(),
            });
        }
    }

    fn header(&mut self, cell: &Cell, header: Header) {
        self.need(cell, Field::Header(header), header.label());
    }

    fn always(&mut self, field: Field, label: impl Into<String>) {
        self.0.push(Missing {
            field,
            label: label.into(),
        });
    }
}

/// The required cells of a project form (either layout) still empty, in
/// the order of the printed form.
pub fn missing_required(form: &ProjectForm) -> Vec<Missing> {
    let mut out = List(Vec::new());
    if form.layout == ProjectLayout::Hubei {
        out.header(&form.unit, Header::Unit);
        out.header(&form.fill_date, Header::FillDate);
    }
    out.header(&form.name, Header::Name);
    out.header(&form.department, Header::Department);
    out.header(&form.implementer, Header::Implementer);
    if form.layout == ProjectLayout::Central {
        out.header(&form.leader, Header::Leader);
        out.header(&form.phone, Header::Phone);
    }
    if form.year.is_none() {
        out.always(Field::Header(Header::Year), Header::Year.label());
    }
    let total_row = match form.layout {
        ProjectLayout::Central => "年度资金总额",
        ProjectLayout::Hubei => "预算执行情况",
    };
    funds(&mut out, &form.funds, total_row);
    let (goal, expected, actual) = match form.layout {
        ProjectLayout::Central => ("年度总体目标", "预期目标", "实际完成情况"),
        ProjectLayout::Hubei => ("项目绩效总目标", "年初设定目标", "全年实际完成情况"),
    };
    out.need(&form.goal_expected, Field::Goal(GoalColumn::Expected), format!("{goal}·{expected}"));
    out.need(&form.goal_actual, Field::Goal(GoalColumn::Actual), format!("{goal}·{actual}"));
    // 不计分数 (not carried out, or 总分/等级 "—"): no score is asked for.
    let scored = !crate::core::scoring::is_not_carried_out(form);
    if form.layout == ProjectLayout::Hubei && scored {
        out.need(&form.goal_score, Field::Goal(GoalColumn::Score), format!("{goal}·得分"));
    }
    let reason_column = form.layout == ProjectLayout::Central;
    indicators(&mut out, &form.indicators, None, scored, reason_column);
    categories(&mut out, form.real_indicators().map(|(_, i)| i.level2));
    if form.layout == ProjectLayout::Hubei {
        let deducted = form
            .real_indicators()
            .any(|(_, i)| matches!((i.score.amount(), i.weight.amount()), (Some(s), Some(w)) if s < w));
        if deducted {
            out.header(&form.deviation_analysis, Header::DeviationAnalysis);
        }
        out.header(&form.improvement, Header::Improvement);
    }
    out.0
}

/// 预算数 and 执行数 of the total row: the rate and the budget score need both.
fn funds(out: &mut List, funds: &Funds, total_row: &str) {
    for col in [FundColumn::Annual, FundColumn::Spent] {
        let row = funds.row(FundKind::Total);
        let cell = if col == FundColumn::Annual { &row.annual } else { &row.spent };
        out.need(
            cell,
            Field::Fund(FundKind::Total, col),
            format!("{total_row}·{}", col.label()),
        );
    }
}

/// Every real indicator's cells: name, target, actual, 分值 and (when the
/// form is scored) 得分; the reason of a deduction where the table has the
/// column. Rows marked 不涉及 need nothing more.
fn indicators(out: &mut List, rows: &[Indicator], goal: Option<usize>, scored: bool, reason_column: bool) {
    let mut per_level2: Vec<(Level2, usize)> = Vec::new();
    for (i, ind) in rows.iter().enumerate() {
        if ind.is_template_blank() {
            continue;
        }
        let n = match per_level2.iter_mut().find(|(l, _)| *l == ind.level2) {
            Some((_, n)) => {
                *n = n.saturating_add(1);
                *n
            }
            None => {
                per_level2.push((ind.level2, 1));
                1
            }
        };
        if ind.is_not_applicable() {
            continue;
        }
        let name = ind.name.raw().trim();
        let named = name
            .strip_prefix("指标")
            .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches(['：', ':']))
            .unwrap_or(name)
            .trim();
        let row = format!(
            "{}{}·{}第{n}行{}",
            goal.map_or(String::new(), |g| format!("年度目标{}·", g.saturating_add(1))),
            ind.level2.level1().label(),
            ind.level2.label(),
            if named.is_empty() {
                String::new()
            } else {
                format!("（{}）", short(named))
            }
        );
        let field = |column| Field::Indicator(RowRef { goal, row: i }, column);
        if named.is_empty() {
            out.always(field(IndicatorColumn::Name), format!("{row}·{}", IndicatorColumn::Name.label()));
        }
        let mut columns = vec![
            (&ind.target, IndicatorColumn::Target),
            (&ind.actual, IndicatorColumn::Actual),
            (&ind.weight, IndicatorColumn::Weight),
        ];
        if scored {
            columns.push((&ind.score, IndicatorColumn::Score));
        }
        for (cell, column) in columns {
            out.need(cell, field(column), format!("{row}·{}", column.label()));
        }
        let deducted = matches!((ind.score.amount(), ind.weight.amount()), (Some(s), Some(w)) if s < w);
        if reason_column && scored && deducted && !ind.level2_label.contains('分') {
            out.need(
                &ind.reason,
                field(IndicatorColumn::Reason),
                format!("{row}·{}（已扣分）", IndicatorColumn::Reason.label()),
            );
        }
    }
}

/// At least one 产出 and one 效益 indicator (DOMAIN §1.4: every category
/// present; 满意度 is expected of service projects only, so not asked).
fn categories(out: &mut List, level2s: impl Iterator<Item = Level2>) {
    let level1s: Vec<Level1> = level2s.map(Level2::level1).collect();
    for level1 in [Level1::Output, Level1::Benefit] {
        if !level1s.contains(&level1) {
            out.always(Field::Indicators, format!("绩效指标·{}（至少填写一项）", level1.label()));
        }
    }
}

fn short(text: &str) -> String {
    if text.chars().count() > 12 {
        format!("{}…", text.chars().take(12).collect::<String>())
    } else {
        text.to_string()
    }
}

/// The Hubei department form: unit, money, each 年度目标 with its weight
/// and indicator rows, and the improvement text.
pub fn missing_required_department(form: &DepartmentForm) -> Vec<Missing> {
    let mut out = List(Vec::new());
    out.header(&form.unit, Header::Unit);
    if form.year.is_none() {
        out.always(Field::Header(Header::Year), Header::Year.label());
    }
    funds(&mut out, &form.funds, "部门整体支出总额");
    if form.goals.is_empty() {
        out.always(Field::Indicators, "年度目标（至少填写一项）");
    }
    for (g, goal) in form.goals.iter().enumerate() {
        let name = format!("年度目标{}", g.saturating_add(1));
        out.need(&goal.text, Field::DeptGoal(g, DeptGoalColumn::Text), format!("{name}·目标"));
        out.need(&goal.weight, Field::DeptGoal(g, DeptGoalColumn::Weight), format!("{name}·分值"));
        indicators(&mut out, &goal.indicators, Some(g), true, false);
        if goal.indicators.iter().all(Indicator::is_template_blank) {
            out.always(Field::DeptGoal(g, DeptGoalColumn::Text), format!("{name}·绩效指标（至少填写一项）"));
        }
    }
    out.header(&form.improvement, Header::Improvement);
    out.0
}

/// The target declaration (DOMAIN §1.4): header fields, the goal, and at
/// least one 产出数量 and one 效益 indicator with content.
pub fn missing_required_declaration(form: &DeclarationForm) -> Vec<Missing> {
    let mut out = List(Vec::new());
    out.need(&form.unit, Field::Header(Header::Unit), "部门（单位）名称");
    out.header(&form.name, Header::Name);
    out.header(&form.budget, Header::Budget);
    out.header(&form.leader, Header::Leader);
    out.header(&form.phone, Header::Phone);
    out.header(&form.goal, Header::TargetGoal);
    // An empty 二级 row of the printed declaration is a category the
    // project does not use (its "—"), not a gap: only the categories every
    // project needs are asked for.
    let filled = || form.indicators.iter().filter(|i| !i.content.is_blank()).map(|i| i.level2);
    if !filled().any(|l| l == Level2::Quantity) {
        out.always(Field::Indicators, "绩效指标·产出指标·数量指标（至少填写一项）");
    }
    if !filled().any(|l| l.level1() == Level1::Benefit) {
        out.always(Field::Indicators, "绩效指标·效益指标（至少填写一项）");
    }
    out.0
}

/// The evaluation score table: its name and each item's 分值 and 得分.
pub fn missing_required_evaluation(form: &EvaluationForm) -> Vec<Missing> {
    let mut out = List(Vec::new());
    out.header(&form.name, Header::Name);
    if form.items.is_empty() {
        out.always(Field::Indicators, "评价内容（至少填写一项）");
    }
    for (i, item) in form.items.iter().enumerate() {
        let name = match item.name.raw().trim() {
            "" => format!("第{}项", i.saturating_add(1)),
            n => short(n),
        };
        out.need(&item.name, Field::EvalItem(i, EvalColumn::Name), format!("第{}项·评价内容", i.saturating_add(1)));
        out.need(&item.weight, Field::EvalItem(i, EvalColumn::Weight), format!("{name}·分值"));
        out.need(&item.score, Field::EvalItem(i, EvalColumn::Score), format!("{name}·得分"));
    }
    out.0
}

/// [`missing_required`] for any form type.
pub fn missing_required_form(form: &Form) -> Vec<Missing> {
    match form {
        Form::Project(p) => missing_required(p),
        Form::Department(d) => missing_required_department(d),
        Form::Declaration(d) => missing_required_declaration(d),
        Form::Evaluation(e) => missing_required_evaluation(e),
    }
}
