//! Department / third-party evaluation score tables: TOTAL_WEIGHT,
//! GROUP_WEIGHT against the scheme's items, SCORE_RANGE, VALUE_FORMAT, and
//! the total and grade.

use rust_decimal::Decimal;

use super::totals::{self, Totals};
use super::{value_format, Code, Findings, Severity};
use crate::core::field::{EvalColumn, Field};
use crate::core::model::{EvaluationForm, EvaluationItem};
use crate::core::scheme::{Figure, Scheme};
use crate::core::scoring::{fmt_num, EvaluationResult};

pub(super) fn check(out: &mut Findings, scheme: &Scheme, form: &EvaluationForm, result: &EvaluationResult) {
    super::ranges::evaluation(out, scheme.limits(), form);
    total_weight(out, scheme, form, result);
    for (i, item) in form.items.iter().enumerate() {
        let name = item.name.raw().trim();
        value_format(
            out,
            &item.score,
            "得分",
            Field::EvalItem(i, EvalColumn::Score),
            || format!("{name}·得分"),
        );
        item_weight(out, scheme, i, item);
        item_score_range(out, i, item);
    }
    totals::check(
        out,
        &Totals {
            scheme,
            printed_total: &form.printed_total,
            printed_grade: Some(&form.printed_grade),
            computed: Some((result.computed_total.value, &result.computed_total.explanation)),
            rate: None,
            weights_ok: result.weight_sum == scheme.total_points,
            parts: form
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| (Field::EvalItem(i, EvalColumn::Score), scheme.limits().read(Figure::Score, &item.score)))
                .collect(),
        },
    );
}

/// TOTAL_WEIGHT: the items' weights = the scheme's total.
fn total_weight(out: &mut Findings, scheme: &Scheme, form: &EvaluationForm, result: &EvaluationResult) {
    // No item weighted yet (a new table of a scheme without weights): not an error.
    let weighted = form.items.iter().any(|i| !i.weight.is_empty());
    if weighted && result.weight_sum != scheme.total_points {
        out.push(
            Code::TotalWeight,
            Severity::Error,
            Field::TotalWeight,
            "综合得分·分值",
            format!(
                "各项分值合计为 {}，应为 {}。",
                fmt_num(result.weight_sum),
                fmt_num(scheme.total_points)
            ),
        );
    }
}

/// GROUP_WEIGHT: an item's weight against the weight the scheme fixes.
fn item_weight(out: &mut Findings, scheme: &Scheme, i: usize, item: &EvaluationItem) {
    let name = item.name.raw().trim();
    let Some(rule) = scheme.evaluation_items.iter().find(|r| name.contains(&r.name)) else {
        return;
    };
    if let (Some(fixed), Some(w)) = (rule.weight, item.weight.amount()) {
        if fixed != w {
            out.push(
                Code::GroupWeight,
                Severity::Error,
                Field::EvalItem(i, EvalColumn::Weight),
                format!("{name}·分值"),
                format!("{name}的分值为 {}，评价方案规定为 {}。", fmt_num(w), fmt_num(fixed)),
            );
        }
    }
}

/// SCORE_RANGE: 0 ≤ an item's score ≤ its weight.
fn item_score_range(out: &mut Findings, i: usize, item: &EvaluationItem) {
    let name = item.name.raw().trim();
    if let (Some(s), Some(w)) = (item.score.amount(), item.weight.amount()) {
        if s < Decimal::ZERO || s > w {
            out.push(
                Code::ScoreRange,
                Severity::Error,
                Field::EvalItem(i, EvalColumn::Score),
                format!("{name}·得分"),
                format!("{name}得分 {} 超出 0–{} 分的范围。", fmt_num(s), fmt_num(w)),
            );
        }
    }
}
