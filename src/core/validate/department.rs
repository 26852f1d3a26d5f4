//! 部门整体绩效自评表 (Hubei): the money block, TOTAL_WEIGHT, the 年度目标
//! roll-ups (GROUP_WEIGHT), each goal's indicator rows, the total and the
//! reason block.

use super::indicators::{self, Rows};
use super::totals::{self, Totals};
use super::{funds, is_placeholder_reason, Code, Findings, Severity};
use crate::core::field::{DeptGoalColumn, Field, Header, IndicatorColumn, RowRef};
use crate::core::model::DepartmentForm;
use crate::core::scheme::Scheme;
use crate::core::scoring::{fmt_num, DepartmentResult, GoalResult};

pub(super) fn check(out: &mut Findings, scheme: &Scheme, form: &DepartmentForm, result: &DepartmentResult) {
    super::ranges::department(out, scheme.limits(), form, result);
    funds::unit_mismatch(out, &form.funds, &funds::DEPARTMENT);
    funds::printed_rate(
        out,
        scheme.limits(),
        &form.funds,
        result.exec_rate.as_ref(),
        &funds::DEPARTMENT,
    );
    funds::exec_score(
        out,
        scheme,
        &form.funds.printed_score,
        result.budget_exact,
        result.budget_score.as_ref().map(|b| b.value),
        result.exec_rate.as_ref().map(|r| r.value),
    );
    total_weight(out, scheme, result);
    for (gi, (goal, g)) in form.goals.iter().zip(&result.goals).enumerate() {
        goal_weights(out, gi, g);
        indicators::check(
            out,
            &Rows {
                scheme,
                year: form.year,
                indicators: &goal.indicators,
                results: &g.indicators,
                goal: Some(gi),
                reason_column: false,
                not_scored: false,
            },
        );
    }
    totals::check(
        out,
        &Totals {
            scheme,
            printed_total: &form.printed_total,
            printed_grade: None,
            computed: Some((result.computed_total.value, &result.computed_total.explanation)),
            rate: result.exec_rate.as_ref(),
            weights_ok: result.weight_sum == scheme.total_points,
            parts: std::iter::once((
                Field::FundScore,
                result
                    .budget_claimed
                    .or(result.budget_score.as_ref().map(|b| b.value)),
            ))
            .chain(result.goals.iter().enumerate().flat_map(|(gi, g)| {
                g.indicators.iter().map(move |r| {
                    (
                        Field::Indicator(
                            RowRef {
                                goal: Some(gi),
                                row: r.index,
                            },
                            IndicatorColumn::Score,
                        ),
                        r.claimed,
                    )
                })
            }))
            .collect(),
        },
    );
    reason_block(out, form, result);
}

/// TOTAL_WEIGHT: budget points + the 年度目标 weights = the scheme's total.
fn total_weight(out: &mut Findings, scheme: &Scheme, result: &DepartmentResult) {
    // No 年度目标 weighted yet (a new form): what is missing says so, not an error.
    if result.weight_sum == scheme.total_points || result.goals.iter().all(|g| g.weight.is_none()) {
        return;
    }
    out.at(
        Code::TotalWeight,
        Severity::Error,
        Field::TotalWeight,
        format!(
            "预算执行 {} 加各年度目标分值合计为 {}，应为 {}。请调整年度目标分值。",
            fmt_num(scheme.budget.as_ref().map_or(rust_decimal::Decimal::ZERO, |b| b.points)),
            fmt_num(result.weight_sum),
            fmt_num(scheme.total_points)
        ),
    );
}

/// GROUP_WEIGHT: a 年度目标's weight = 产出 + 效益 = its indicators' weights,
/// and each group's weight = its indicators' weights.
fn goal_weights(out: &mut Findings, gi: usize, g: &GoalResult) {
    let place = format!("年度目标{}", gi + 1);
    if let Some(w) = g.weight {
        if let (Some(o), Some(b)) = (g.output_weight, g.benefit_weight) {
            if o.saturating_add(b) != w {
                out.at(
                    Code::GroupWeight,
                    Severity::Error,
                    Field::DeptGoal(gi, DeptGoalColumn::Weight),
                    format!(
                        "{place}为 {} 分，但产出指标 {} + 效益指标 {} = {}。请使两者之和等于目标分值。",
                        fmt_num(w),
                        fmt_num(o),
                        fmt_num(b),
                        fmt_num(o.saturating_add(b))
                    ),
                );
            }
        }
        if g.indicator_weight_sum != w {
            out.at(
                Code::GroupWeight,
                Severity::Error,
                Field::DeptGoal(gi, DeptGoalColumn::Weight),
                format!(
                    "{place}为 {} 分，其下各指标分值合计为 {}。请调整。",
                    fmt_num(w),
                    fmt_num(g.indicator_weight_sum)
                ),
            );
        }
    }
    for (label, group_w, sum, column) in [
        (
            "产出指标",
            g.output_weight,
            g.output_indicator_weight_sum,
            DeptGoalColumn::OutputWeight,
        ),
        (
            "效益指标",
            g.benefit_weight,
            g.benefit_indicator_weight_sum,
            DeptGoalColumn::BenefitWeight,
        ),
    ] {
        if let Some(gw) = group_w.filter(|gw| *gw != sum) {
            out.at(
                Code::GroupWeight,
                Severity::Error,
                Field::DeptGoal(gi, column),
                format!(
                    "{place}的{label}为 {} 分，其下指标分值合计为 {}。请调整。",
                    fmt_num(gw),
                    fmt_num(sum)
                ),
            );
        }
    }
}

/// REASON_MISSING: deductions with an empty 偏差原因分析.
fn reason_block(out: &mut Findings, form: &DepartmentForm, result: &DepartmentResult) {
    let any_deducted = result
        .goals
        .iter()
        .flat_map(|g| &g.indicators)
        .any(|r| matches!((r.claimed, r.weight), (Some(c), Some(w)) if c < w));
    if any_deducted && is_placeholder_reason(&form.deviation_analysis) {
        out.at(
            Code::ReasonMissing,
            Severity::Warning,
            Field::Header(Header::DeviationAnalysis),
            "有指标扣分，但未填写偏差原因分析。",
        );
    }
}
