//! Weights (分值) of a project form: TOTAL_WEIGHT and GROUP_WEIGHT.

use rust_decimal::Decimal;

use super::indicators::indicator_place;
use super::{Code, Findings, Severity};
use crate::core::field::{Field, IndicatorColumn};
use crate::core::model::ProjectForm;
use crate::core::scheme::Scheme;
use crate::core::scoring::{fmt_num, ProjectResult};

/// TOTAL_WEIGHT: budget + goal + indicator weights = the scheme's total.
pub(super) fn total_weight(out: &mut Findings, scheme: &Scheme, result: &ProjectResult) {
    if result.weight_sum == scheme.total_points || result.indicators.is_empty() {
        return;
    }
    let indicator_sum = result
        .weight_sum
        .saturating_sub(scheme.budget.as_ref().map_or(Decimal::ZERO, |b| b.points))
        .saturating_sub(scheme.goal_points.unwrap_or_default());
    let mut parts = vec![];
    if let Some(b) = &scheme.budget {
        parts.push(format!("预算执行 {}", fmt_num(b.points)));
    }
    if let Some(g) = scheme.goal_points {
        parts.push(format!("总目标 {}", fmt_num(g)));
    }
    parts.push(format!("指标分值合计 {}", fmt_num(indicator_sum)));
    let hint = if indicator_sum == scheme.total_points {
        "常见原因：指标分值已合计 100，又另加了预算执行的分值。"
    } else {
        ""
    };
    out.at(
        Code::TotalWeight,
        Severity::Error,
        Field::TotalWeight,
        format!(
            "分值合计为 {}（{}），应为 {}。{hint}请调整指标分值，使指标分值合计为 {}。",
            fmt_num(result.weight_sum),
            parts.join(" + "),
            fmt_num(scheme.total_points),
            fmt_num(scheme.indicator_points.unwrap_or(scheme.total_points))
        ),
    );
}

/// GROUP_WEIGHT: a 一级 group's weights against the scheme's fixed weight
/// (error) or its recommended one (information, only when the total is right).
pub(super) fn group_weight(out: &mut Findings, scheme: &Scheme, result: &ProjectResult) {
    // A form with no indicator yet (a blank template) has nothing to weigh.
    if result.indicators.is_empty() {
        return;
    }
    for (group, (key, sum)) in scheme.groups.iter().zip(&result.group_weights) {
        debug_assert_eq!(group.key, *key);
        let field = Field::Group(group.key);
        if let Some(fixed) = group.fixed {
            if *sum != fixed {
                out.at(
                    Code::GroupWeight,
                    Severity::Error,
                    field,
                    format!(
                        "{}下各指标分值合计为 {}，方案规定为 {} 分。请调整本组指标分值。",
                        group.label,
                        fmt_num(*sum),
                        fmt_num(fixed)
                    ),
                );
            }
        } else if let Some(rec) = group.recommended {
            if *sum != rec && result.weight_sum == scheme.total_points {
                out.at(
                    Code::GroupWeight,
                    Severity::Info,
                    field,
                    format!(
                        "{}分值合计为 {}，原则上为 {} 分。合计仍为 100 时允许调整，请确认这是有意的安排。",
                        group.label,
                        fmt_num(*sum),
                        fmt_num(rec)
                    ),
                );
            }
        }
    }
}

/// GROUP_WEIGHT (Hubei): the weight written in the 二级 label
/// ("数量指标1（0.5分）") must match the 分值 cell.
pub(super) fn label_weights(out: &mut Findings, form: &ProjectForm) {
    for (i, ind) in form.real_indicators() {
        if let (Some(label_w), Some(w)) = (label_weight(&ind.level2_label), ind.weight.amount()) {
            if label_w != w {
                out.push(
                    Code::GroupWeight,
                    Severity::Error,
                    Field::indicator(i, IndicatorColumn::Weight),
                    format!("{}·分值", indicator_place(ind, i, None)),
                    format!(
                        "二级指标标注为 {} 分，但分值填写为 {}。请统一。",
                        fmt_num(label_w),
                        fmt_num(w)
                    ),
                );
            }
        }
    }
}

/// The weight written in a label: "数量指标1（0.5分）" → 0.5.
pub fn label_weight(label: &str) -> Option<Decimal> {
    if !label.contains('分') {
        return None;
    }
    let norm = crate::core::value::normalize(label);
    let open = norm.rfind('(')?;
    let inner = norm[open + 1..].trim_end_matches(')').trim();
    let inner = inner.strip_suffix('分')?;
    crate::core::value::parse_amount(inner.trim())
}
