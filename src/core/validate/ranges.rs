//! VALUE_RANGE: numbers no form can hold (a key held down, a unit mixed up)
//! and negative money. Such a number is left out of every computation by the
//! scorer ([`Limits::read`]); this check tells the user which cell it was.

use rust_decimal::Decimal;

use super::indicators::indicator_place;
use super::{Code, Findings, Severity};
use crate::core::field::{DeptGoalColumn, EvalColumn, Field, FundColumn, GoalColumn, IndicatorColumn, RowRef};
use crate::core::model::{Cell, DepartmentForm, EvaluationForm, FundKind, Funds, Indicator, ProjectForm};
use crate::core::scheme::{Figure, Limits};
use crate::core::scoring::{fmt_num, DepartmentResult, IndicatorResult, ProjectResult};
use crate::core::value::Value;

/// One number cell against the limits of its kind; the place is described
/// only when there is something to report.
fn value_range(
    out: &mut Findings,
    limits: &Limits,
    figure: Figure,
    cell: &Cell,
    field: Field,
    location: impl FnOnce() -> String,
) {
    match cell.parsed().value {
        Value::Number { amount, .. } => range_of(out, limits, figure, amount, cell.raw().trim(), field, location),
        Value::Overflow => overflow(out, cell.raw().trim(), field, location),
        _ => {}
    }
}

/// A number too long to be read at all.
fn overflow(out: &mut Findings, raw: &str, field: Field, location: impl FnOnce() -> String) {
    let shown: String = raw.chars().take(24).collect();
    let more = if raw.chars().nth(24).is_some() { "…" } else { "" };
    out.push(
        Code::ValueRange,
        Severity::Error,
        field,
        location(),
        format!(
            "数值超出可计算范围：“{shown}{more}”位数太多，无法计算，已排除在计算之外。请检查是否多输了位数或单位。"
        ),
    );
}

fn range_of(
    out: &mut Findings,
    limits: &Limits,
    figure: Figure,
    v: Decimal,
    raw: &str,
    field: Field,
    location: impl FnOnce() -> String,
) {
    let what = match figure {
        Figure::Money => "金额",
        Figure::Score => "分数",
        Figure::Quantity => "指标数值",
    };
    let message = if !limits.admits(figure, v) {
        if v.abs() > limits.max(figure) {
            format!(
                "数值超出可计算范围：{what}“{raw}”超过一张表可能出现的 {}，已排除在计算之外。请检查是否多输了位数或单位。",
                fmt_num(limits.max(figure))
            )
        } else {
            format!(
                "数值超出可计算范围：{what}“{raw}”小于 {}，已排除在计算之外。请检查小数点位置或单位。",
                fmt_num(limits.smallest)
            )
        }
    } else if figure == Figure::Money && v < Decimal::ZERO {
        format!("金额“{raw}”为负数。预算数和执行数不能为负，请检查是否误输了负号。")
    } else {
        return;
    };
    out.push(Code::ValueRange, Severity::Error, field, location(), message);
}

fn funds(out: &mut Findings, limits: &Limits, funds: &Funds) {
    for kind in FundKind::ALL {
        let row = funds.row(kind);
        for (col, cell) in [
            (FundColumn::Initial, &row.initial),
            (FundColumn::Annual, &row.annual),
            (FundColumn::Spent, &row.spent),
        ] {
            let field = Field::Fund(kind, col);
            value_range(out, limits, Figure::Money, cell, field, || field.label());
        }
    }
    value_range(
        out,
        limits,
        Figure::Score,
        &funds.printed_score,
        Field::FundScore,
        || Field::FundScore.label(),
    );
}

/// The scored rows' cells (a row not scored feeds no computation). Targets
/// and actual values come parsed from the scorer, not parsed again.
fn rows(
    out: &mut Findings,
    limits: &Limits,
    indicators: &[Indicator],
    results: &[IndicatorResult],
    goal: Option<usize>,
) {
    for r in results {
        let (i, ind) = (r.index, &indicators[r.index]);
        let field = |col: IndicatorColumn| Field::Indicator(RowRef { goal, row: i }, col);
        let place = |col: IndicatorColumn| move || format!("{}·{}", indicator_place(ind, i, goal), col.label());
        for (col, cell) in [
            (IndicatorColumn::Weight, &ind.weight),
            (IndicatorColumn::Score, &ind.score),
        ] {
            value_range(out, limits, Figure::Score, cell, field(col), place(col));
        }
        for (col, cell, parsed) in [
            (IndicatorColumn::Target, &ind.target, &r.target),
            (IndicatorColumn::Actual, &ind.actual, &r.actual),
        ] {
            match parsed.value {
                Value::Number { amount, .. } => range_of(
                    out,
                    limits,
                    Figure::Quantity,
                    amount,
                    cell.raw().trim(),
                    field(col),
                    place(col),
                ),
                Value::Overflow => overflow(out, cell.raw().trim(), field(col), place(col)),
                _ => {}
            }
        }
    }
}

fn total(out: &mut Findings, limits: &Limits, cell: &Cell) {
    value_range(out, limits, Figure::Score, cell, Field::Total, || Field::Total.label());
}

pub(super) fn project(out: &mut Findings, limits: &Limits, form: &ProjectForm, result: &ProjectResult) {
    funds(out, limits, &form.funds);
    let goal = Field::Goal(GoalColumn::Score);
    value_range(out, limits, Figure::Score, &form.goal_score, goal, || goal.label());
    rows(out, limits, &form.indicators, &result.indicators, None);
    total(out, limits, &form.printed_total);
}

pub(super) fn department(out: &mut Findings, limits: &Limits, form: &DepartmentForm, result: &DepartmentResult) {
    funds(out, limits, &form.funds);
    for (gi, (goal, scored)) in form.goals.iter().zip(&result.goals).enumerate() {
        for (col, cell) in [
            (DeptGoalColumn::Weight, &goal.weight),
            (DeptGoalColumn::OutputWeight, &goal.output_weight),
            (DeptGoalColumn::BenefitWeight, &goal.benefit_weight),
        ] {
            let field = Field::DeptGoal(gi, col);
            value_range(out, limits, Figure::Score, cell, field, || field.label());
        }
        rows(out, limits, &goal.indicators, &scored.indicators, Some(gi));
    }
    total(out, limits, &form.printed_total);
}

pub(super) fn evaluation(out: &mut Findings, limits: &Limits, form: &EvaluationForm) {
    for (i, item) in form.items.iter().enumerate() {
        for (col, cell) in [(EvalColumn::Weight, &item.weight), (EvalColumn::Score, &item.score)] {
            let field = Field::EvalItem(i, col);
            value_range(out, limits, Figure::Score, cell, field, || field.label());
        }
    }
    total(out, limits, &form.printed_total);
}
