//! 部门整体绩效自评表 (Hubei, DOMAIN §1.3): its cells and a blank form.

use crate::core::field::{DeptGoalColumn, Field, FundColumn, Header, IndicatorColumn, RowRef};
use crate::core::model::{Cell, DepartmentForm, DepartmentGoal, FundKind, Funds, Indicator, Level2};
use crate::core::scheme::{Scheme, SchemeForm};
use crate::core::scoring::{self, fmt_num, fmt_rate};

/// One table from field to cell, for `&` (`get`) and `&mut` (`get_mut`).
macro_rules! dept_cell {
    ($form:expr, $field:expr, $get:ident, $($mut_:tt)?) => {{
        let form = $form;
        match $field {
            Field::Header(Header::Unit) => Some(&$($mut_)? form.unit),
            Field::Header(Header::BasicSpending) => Some(&$($mut_)? form.basic_spending),
            Field::Header(Header::ProjectSpending) => Some(&$($mut_)? form.project_spending),
            Field::Header(Header::DeviationAnalysis) => Some(&$($mut_)? form.deviation_analysis),
            Field::Header(Header::Improvement) => Some(&$($mut_)? form.improvement),
            Field::Fund(FundKind::Total, FundColumn::Annual) => Some(&$($mut_)? form.funds.total.annual),
            Field::Fund(FundKind::Total, FundColumn::Spent) => Some(&$($mut_)? form.funds.total.spent),
            Field::FundRate => Some(&$($mut_)? form.funds.printed_rate),
            Field::FundScore => Some(&$($mut_)? form.funds.printed_score),
            Field::Total => Some(&$($mut_)? form.printed_total),
            Field::DeptGoal(g, col) => form.goals.$get(g).map(|goal| match col {
                DeptGoalColumn::Text => &$($mut_)? goal.text,
                DeptGoalColumn::Weight => &$($mut_)? goal.weight,
                DeptGoalColumn::OutputWeight => &$($mut_)? goal.output_weight,
                DeptGoalColumn::BenefitWeight => &$($mut_)? goal.benefit_weight,
            }),
            Field::Indicator(RowRef { goal: Some(g), row }, col) => form
                .goals
                .$get(g)
                .and_then(|goal| goal.indicators.$get(row))
                .and_then(|ind| match col {
                    IndicatorColumn::Name => Some(&$($mut_)? ind.name),
                    IndicatorColumn::Target => Some(&$($mut_)? ind.target),
                    IndicatorColumn::Actual => Some(&$($mut_)? ind.actual),
                    IndicatorColumn::Weight => Some(&$($mut_)? ind.weight),
                    IndicatorColumn::Score => Some(&$($mut_)? ind.score),
                    IndicatorColumn::Reason => Some(&$($mut_)? ind.reason),
                    IndicatorColumn::Content => None,
                }),
            _ => None,
        }
    }};
}

pub(super) fn cell(form: &DepartmentForm, field: Field) -> Option<&Cell> {
    dept_cell!(form, field, get,)
}

pub(super) fn cell_mut(form: &mut DepartmentForm, field: Field) -> Option<&mut Cell> {
    dept_cell!(form, field, get_mut, mut)
}

/// A 年度目标 with one row for each 二级 of 产出 and 效益 (the Hubei form
/// puts 满意度 inside 效益).
fn blank_goal() -> DepartmentGoal {
    DepartmentGoal {
        text: Cell::default(),
        weight: Cell::default(),
        output_weight: Cell::default(),
        benefit_weight: Cell::default(),
        indicators: [Level2::Quantity, Level2::Quality, Level2::Timeliness, Level2::Cost, Level2::Social, Level2::Satisfaction]
            .into_iter()
            .map(Indicator::new)
            .collect(),
    }
}

/// A blank department form: the budget row and one 年度目标.
pub fn new_department(year: Option<i32>) -> DepartmentForm {
    DepartmentForm {
        scheme: Scheme::default_id(SchemeForm::Department),
        year,
        unit: Cell::default(),
        basic_spending: Cell::default(),
        project_spending: Cell::default(),
        funds: Funds::default(),
        goals: vec![blank_goal()],
        deviation_analysis: Cell::default(),
        improvement: Cell::default(),
        printed_total: Cell::default(),
    }
}

/// Adds a 年度目标 at the end; returns its index.
pub fn add_department_goal(form: &mut DepartmentForm) -> usize {
    form.goals.push(blank_goal());
    form.goals.len().saturating_sub(1)
}

/// Writes the computed 执行率, 得分 and 总分 into the printed cells.
pub(super) fn fill_computed(form: &mut DepartmentForm) {
    let scheme = Scheme::resolve(&form.scheme, SchemeForm::Department);
    let result = scoring::score_department(scheme, form);
    let text = |v: Option<String>| Cell::new(v.unwrap_or_default());
    form.funds.printed_rate = text(result.exec_rate.as_ref().map(|r| fmt_rate(r.value)));
    form.funds.printed_score = text(result.budget_score.as_ref().map(|b| fmt_num(b.value)));
    // The total includes the budget score just written.
    let result = scoring::score_department(scheme, form);
    form.printed_total = Cell::new(fmt_num(result.computed_total.value));
}
