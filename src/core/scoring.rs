//! Scoring (DOMAIN.md §2): execution rate, budget score, each indicator's
//! expected score, totals and grade. Decimal arithmetic throughout; every
//! computed number carries a short Chinese explanation.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::model::{Cell, DepartmentForm, EvaluationForm, Funds, Indicator, Level1, Level2, ProjectForm};
use super::scheme::{round_half_up, Figure, Limits, ReverseFormula, Scheme};
use super::value::{self, Comparator, Judgement, Parsed, UnitKind, Value};

/// A computed number and how it was obtained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explained {
    pub value: Decimal,
    pub explanation: String,
}

/// Σ of figures that passed the scheme's [`Limits`]: such sums cannot
/// overflow, and saturating keeps that true by construction.
pub fn total_of(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    values.into_iter().fold(Decimal::ZERO, Decimal::saturating_add)
}

/// `w × a ÷ b`, or None when it cannot be computed (b = 0, overflow).
pub fn scaled(w: Decimal, a: Decimal, b: Decimal) -> Option<Decimal> {
    w.checked_mul(a)?.checked_div(b)
}

/// Formats a number without trailing zeros: 9.0100 → "9.01", 10 → "10".
pub fn fmt_num(d: Decimal) -> String {
    d.normalize().to_string()
}

/// An exact intermediate value, never rounded so that it contradicts the
/// next step: up to 6 decimals shown, the rest cut off and marked "…"
/// (10 × 99.99973% = 9.999973…, which rounds down to 9, not "= 10").
pub fn fmt_exact(d: Decimal) -> String {
    let d = d.normalize();
    if d.scale() <= 6 {
        return d.to_string();
    }
    let cut = d.round_dp_with_strategy(6, rust_decimal::RoundingStrategy::ToZero);
    format!("{}…", cut.normalize())
}

/// A rate (fraction) as a percentage with two decimals: 0.901 → "90.10%".
pub fn fmt_rate(rate: Decimal) -> String {
    let mut percent = round_half_up(rate.saturating_mul(Decimal::ONE_HUNDRED), 2);
    percent.rescale(2);
    format!("{percent}%")
}

/// Like [`fmt_rate`], but a rate just below 100% that two decimals would
/// show as "100.00%" keeps four: 0.999973 → "99.9973%".
pub fn fmt_rate_fine(rate: Decimal) -> String {
    let shown = fmt_rate(rate);
    if rate < Decimal::ONE && shown == "100.00%" {
        format!(
            "{}%",
            round_half_up(rate.saturating_mul(Decimal::ONE_HUNDRED), 4).normalize()
        )
    } else {
        shown
    }
}

/// 执行率 = 全年执行数 ÷ 全年预算数. None when the budget is missing or 0,
/// or a figure is outside what a form can hold ([`why_no_rate`] says which).
pub fn execution_rate(limits: &Limits, funds: &Funds) -> Option<Explained> {
    let budget = limits.read(Figure::Money, &funds.total.annual)?;
    let spent = limits.read(Figure::Money, &funds.total.spent)?;
    if budget <= Decimal::ZERO {
        return None;
    }
    let rate = spent.checked_div(budget)?;
    Some(Explained {
        value: rate,
        explanation: format!(
            "执行率 {} = 全年执行数 {} ÷ 全年预算数 {}",
            fmt_rate(rate),
            fmt_num(spent),
            fmt_num(budget)
        ),
    })
}

/// Why [`execution_rate`] gave nothing, in Chinese, for the editor.
pub fn why_no_rate(limits: &Limits, funds: &Funds) -> String {
    for (cell, label) in [(&funds.total.annual, "全年预算数"), (&funds.total.spent, "全年执行数")] {
        if cell.amount().is_some_and(|v| !limits.admits(Figure::Money, v)) {
            return format!("{label}“{}”超出可计算范围，无法计算执行率", cell.raw().trim());
        }
    }
    if funds.total.annual.amount().is_some_and(|b| b <= Decimal::ZERO) {
        return "全年预算数为 0，无法计算执行率".into();
    }
    "填写全年预算数和全年执行数后自动计算".into()
}

/// The scheme's budget-execution score for a rate: 分值 × min(执行率, 1),
/// rounded as the scheme says. Also returns the unrounded central reading.
pub fn budget_score(scheme: &Scheme, rate: &Explained) -> Option<(Explained, Decimal)> {
    let rule = scheme.budget.as_ref()?;
    let capped = rate.value.min(Decimal::ONE).max(Decimal::ZERO);
    let exact = rule.points.checked_mul(capped)?;
    let value = rule.rounding.apply(exact);
    let cap_note = if rate.value > Decimal::ONE {
        "（执行率超过100%按100%计）"
    } else {
        ""
    };
    Some((
        Explained {
            value,
            explanation: format!(
                "{} = {} × {}{} = {}，{}",
                fmt_num(value),
                fmt_num(rule.points),
                fmt_rate_fine(capped),
                cap_note,
                fmt_exact(exact),
                rule.rounding.describe()
            ),
        },
        exact,
    ))
}

/// How an indicator's target is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// ≥: more is better.
    Forward,
    /// ≤: less is better (most 成本指标).
    Reverse,
    /// =
    Equal,
}

/// What the engine expects an indicator to score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Expected {
    /// A quantitative comparison gives this score.
    Exact { score: Decimal, met: bool },
    /// Missed, but the formula cannot say by how much (dates, schedules):
    /// anything below full marks.
    Missed,
    /// A qualitative verdict: the score should lie in [min, max] (max
    /// inclusive only for 达成).
    Tier {
        judgement: Judgement,
        min: Decimal,
        max: Decimal,
    },
    /// Nothing to compare (free text): only 0 ≤ score ≤ 分值 applies.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorResult {
    /// Index into the form's `indicators`.
    pub index: usize,
    pub weight: Option<Decimal>,
    pub claimed: Option<Decimal>,
    pub expected: Expected,
    pub direction: Option<Direction>,
    /// Forward actual ≥ factor × target.
    pub over_achieved: bool,
    /// Relative deviation from target in % (for the optional deduction rule).
    pub deviation_percent: Option<Decimal>,
    pub explanation: String,
    /// The target and actual as parsed, so validation reads them once.
    pub target: Parsed,
    pub actual: Parsed,
}

impl IndicatorResult {
    /// The engine's suggested score: the exact one, else the claimed one
    /// clamped into what the comparison allows.
    pub fn suggested(&self) -> Option<Decimal> {
        let w = self.weight?;
        match &self.expected {
            Expected::Exact { score, .. } => Some(*score),
            Expected::Missed => self.claimed.map(|c| c.min(w)).filter(|c| *c < w),
            Expected::Tier { min, max, .. } => self.claimed.map(|c| c.max(*min).min(*max)),
            Expected::Unknown => self.claimed.map(|c| c.max(Decimal::ZERO).min(w)),
        }
    }
}

fn pct(d: Decimal) -> String {
    format!("{}%", fmt_num(d))
}

/// Reads an indicator's direction: the target's comparator, else the row's
/// wording, else its 二级 (成本 is reverse).
pub fn direction_of(ind: &Indicator, target: &Parsed) -> Direction {
    if let Value::Number {
        comparator: Some(c), ..
    } = &target.value
    {
        return match c {
            Comparator::AtMost | Comparator::LessThan => Direction::Reverse,
            Comparator::Equal => Direction::Equal,
            _ => Direction::Forward,
        };
    }
    let name = ind.name.raw();
    // "减少上访 80%" or "节约率" are forward rates: only bounds count here.
    let reverse_words = ["不超过", "控制在", "以内", "不高于", "不多于"];
    if reverse_words.iter().any(|w| name.contains(w)) || ind.level2 == Level2::Cost {
        Direction::Reverse
    } else {
        Direction::Forward
    }
}

/// Brings two quantities to a common unit, or says why not: the same unit,
/// a unit on one side only, or two money units (converted to 万元).
fn comparable(t_unit: &str, a_unit: &str, t: Decimal, a: Decimal) -> Result<(Decimal, Decimal, String), String> {
    match (UnitKind::of(t_unit), UnitKind::of(a_unit)) {
        (UnitKind::Money(ft), UnitKind::Money(fa)) if t_unit != a_unit => {
            match (t.checked_mul(ft), a.checked_mul(fa)) {
                (Some(t), Some(a)) => Ok((t, a, "万元".into())),
                _ => Err("指标值或完成值超出可计算范围，无法比较".into()),
            }
        }
        (t_kind, a_kind) if t_unit == a_unit || t_kind == UnitKind::None || a_kind == UnitKind::None => {
            let unit = if t_kind == UnitKind::None { a_unit } else { t_unit };
            Ok((t, a, unit.to_string()))
        }
        _ => Err(format!("指标值单位“{t_unit}”与完成值单位“{a_unit}”不一致，无法比较")),
    }
}

/// Scores one indicator row against the scheme.
pub fn score_indicator(scheme: &Scheme, index: usize, ind: &Indicator) -> IndicatorResult {
    let limits = scheme.limits();
    let weight = limits.read(Figure::Score, &ind.weight);
    let claimed = limits.read(Figure::Score, &ind.score);
    let quantity = |v: &Value| match v {
        Value::Number { amount, .. } => limits.admits(Figure::Quantity, *amount),
        Value::Range { low, high, .. } => {
            limits.admits(Figure::Quantity, *low) && limits.admits(Figure::Quantity, *high)
        }
        _ => true,
    };
    let target = ind.target.parsed();
    let actual = ind.actual.parsed();
    let mut result = IndicatorResult {
        index,
        weight,
        claimed,
        expected: Expected::Unknown,
        direction: None,
        over_achieved: false,
        deviation_percent: None,
        explanation: String::new(),
        target: Parsed {
            value: Value::Empty,
            notes: Vec::new(),
        },
        actual: Parsed {
            value: Value::Empty,
            notes: Vec::new(),
        },
    };
    let Some(w) = weight else {
        result.explanation = "分值未填写或无法识别，无法计算得分".into();
        result.target = target;
        result.actual = actual;
        return result;
    };
    let same_text = !ind.target.is_empty() && value::same_text(ind.target.raw(), ind.actual.raw());

    match (&target.value, &actual.value) {
        (t, a) if !quantity(t) || !quantity(a) => {
            result.explanation = "指标值或完成值超出可计算范围，无法按完成比例计分".into();
        }
        // "≤80%" as an actual value is a bound, not what was achieved.
        (
            _,
            Value::Number {
                comparator: Some(c), ..
            },
        ) => {
            result.explanation = format!(
                "完成值写成了“{}”（带“{}”），不是实际完成的数值，无法判断是否达到指标值，按单位自评得分（不得超过分值）",
                ind.actual.raw().trim(),
                c.symbol()
            );
        }
        (
            Value::Number {
                amount: t, unit: tu, ..
            },
            Value::Number {
                amount: a, unit: au, ..
            },
        ) => {
            let direction = direction_of(ind, &target);
            result.direction = Some(direction);
            match comparable(tu, au, *t, *a) {
                Ok((t, a, unit)) => quantitative(scheme, &mut result, w, direction, &target, t, a, &unit),
                Err(why) => result.explanation = why,
            }
        }
        (Value::Range { low, high, .. }, Value::Number { amount: a, .. }) => {
            let met = *a >= *low;
            result.direction = Some(Direction::Forward);
            result.expected = match scaled(w, *a, *low) {
                _ if met => Expected::Exact { score: w, met: true },
                Some(score) => Expected::Exact {
                    score: round_half_up(score.max(Decimal::ZERO), 2),
                    met: false,
                },
                None => Expected::Missed,
            };
            result.explanation = format!(
                "指标值区间 {}–{}，完成 {}：{}",
                fmt_num(*low),
                fmt_num(*high),
                fmt_num(*a),
                if met {
                    "达到下限，得满分".to_string()
                } else {
                    format!("未达下限，{} × {} ÷ {}", fmt_num(w), fmt_num(*a), fmt_num(*low))
                }
            );
        }
        (Value::Deadline { .. }, Value::Deadline { .. }) => {
            let key = |v: &Value| match v {
                Value::Deadline { year, month, day } => (year.unwrap_or(0), *month, day.unwrap_or(31)),
                _ => (0, 0, 0),
            };
            let (tk, ak) = (key(&target.value), key(&actual.value));
            // Without a year on both sides, compare month and day only.
            let met = if tk.0 == 0 || ak.0 == 0 {
                (tk.1, tk.2) >= (ak.1, ak.2)
            } else {
                tk >= ak
            };
            result.direction = Some(Direction::Reverse);
            result.expected = if met {
                Expected::Exact { score: w, met: true }
            } else {
                Expected::Missed
            };
            result.explanation = if met {
                "按期完成，得满分".into()
            } else {
                "完成时间晚于指标值，应扣分".into()
            };
        }
        (Value::Schedule { steps: ts }, Value::Schedule { steps: as_ }) => {
            let behind: Vec<String> = ts
                .iter()
                .filter_map(|(m, tp)| {
                    let ap = as_.iter().filter(|(am, _)| am <= m).map(|(_, p)| *p).max()?;
                    (ap < *tp).then(|| format!("{m}月 {}（计划 {}）", pct(ap), pct(*tp)))
                })
                .collect();
            result.direction = Some(Direction::Forward);
            if behind.is_empty() {
                result.expected = Expected::Exact { score: w, met: true };
                result.explanation = "各时点支出进度均达到计划，得满分".into();
            } else {
                result.expected = Expected::Missed;
                result.explanation = format!("支出进度落后于计划：{}", behind.join("，"));
            }
        }
        (_, Value::Judgement { judgement }) => {
            let tiers = &scheme.qualitative;
            // Weights passed the limits, so these products cannot overflow.
            let share = |percent: Decimal| scaled(w, percent, Decimal::ONE_HUNDRED).unwrap_or(w);
            let (min, max) = match judgement {
                Judgement::Achieved => (share(tiers.achieved_min), w),
                Judgement::Partial => (share(tiers.partial_min), share(tiers.achieved_min)),
                Judgement::NotAchieved => (Decimal::ZERO, share(tiers.partial_min)),
            };
            result.expected = Expected::Tier {
                judgement: *judgement,
                min: round_half_up(min, 2),
                max: round_half_up(max, 2),
            };
            result.explanation = format!(
                "定性指标“{}”：得分应在 {}–{} 分之间",
                judgement.label(),
                fmt_num(round_half_up(min, 2)),
                fmt_num(round_half_up(max, 2))
            );
        }
        _ if same_text => {
            result.explanation = "完成值与指标值文字相同，无法判断完成程度，按单位自评得分（不得超过分值）".into();
        }
        _ => {
            result.explanation = "指标值或完成值不是可比较的数值，按单位自评得分（不得超过分值）".into();
        }
    }
    if let (Some(d), Some(rule)) = (result.deviation_percent, scheme.deviation_deduction.as_ref()) {
        if d >= rule.threshold_percent {
            result.explanation.push_str(&format!(
                "；偏差 {} 达到 {}，方案规定扣 {} 分",
                pct(d),
                pct(rule.threshold_percent),
                fmt_num(rule.points)
            ));
        }
    }
    result.target = target;
    result.actual = actual;
    result
}

/// A comparison whose arithmetic cannot be carried out: nothing expected.
fn cannot_compute(result: &mut IndicatorResult) {
    result.expected = Expected::Unknown;
    result.explanation = "指标值与完成值的比值超出可计算范围，无法按比例计分，按单位自评得分（不得超过分值）".into();
}

#[allow(clippy::too_many_arguments)]
fn quantitative(
    scheme: &Scheme,
    result: &mut IndicatorResult,
    w: Decimal,
    direction: Direction,
    target: &Parsed,
    t: Decimal,
    a: Decimal,
    unit: &str,
) {
    let strict = matches!(
        target.value,
        Value::Number {
            comparator: Some(Comparator::MoreThan | Comparator::LessThan),
            ..
        }
    );
    let show = |d: Decimal| format!("{}{}", fmt_num(d), unit);
    let (met, score, how) = match direction {
        Direction::Forward => {
            let met = if strict { a > t } else { a >= t };
            if met || t <= Decimal::ZERO {
                (
                    true,
                    w,
                    format!("完成值 {} 达到指标值 {}，得满分 {}", show(a), show(t), fmt_num(w)),
                )
            } else {
                let Some(s) = scaled(w, a, t) else {
                    return cannot_compute(result);
                };
                let s = round_half_up(s.max(Decimal::ZERO), 2);
                (
                    false,
                    s,
                    format!(
                        "{} = {} × {} ÷ {}（未达指标值，按比例计分）",
                        fmt_num(s),
                        fmt_num(w),
                        show(a),
                        show(t)
                    ),
                )
            }
        }
        Direction::Reverse => {
            let met = if strict { a < t } else { a <= t };
            if met {
                (
                    true,
                    w,
                    format!(
                        "完成值 {} 未超过指标值 {}（反向指标），得满分 {}",
                        show(a),
                        show(t),
                        fmt_num(w)
                    ),
                )
            } else if t <= Decimal::ZERO || a <= Decimal::ZERO {
                (
                    false,
                    Decimal::ZERO,
                    format!("指标值为 {}，完成值 {} 超出，得 0 分", show(t), show(a)),
                )
            } else {
                match scheme.reverse_formula {
                    ReverseFormula::Ratio => {
                        let Some(s) = scaled(w, t, a) else {
                            return cannot_compute(result);
                        };
                        let s = round_half_up(s, 2);
                        (
                            false,
                            s,
                            format!(
                                "{} = {} × {} ÷ {}（反向指标超出，按比例计分）",
                                fmt_num(s),
                                fmt_num(w),
                                show(t),
                                show(a)
                            ),
                        )
                    }
                    ReverseFormula::Linear => {
                        let share = a
                            .checked_sub(t)
                            .and_then(|over| over.checked_div(t))
                            .and_then(|r| Decimal::ONE.checked_sub(r))
                            .and_then(|r| w.checked_mul(r));
                        let Some(s) = share else {
                            return cannot_compute(result);
                        };
                        let s = round_half_up(s.max(Decimal::ZERO), 2);
                        (
                            false,
                            s,
                            format!(
                                "{} = {} × (1 − ({} − {}) ÷ {})（反向指标超出）",
                                fmt_num(s),
                                fmt_num(w),
                                show(a),
                                show(t),
                                show(t)
                            ),
                        )
                    }
                }
            }
        }
        Direction::Equal => {
            let met = if t.is_zero() { a <= Decimal::ZERO } else { a == t };
            if met {
                (true, w, format!("完成值 {} 等于指标值，得满分", show(a)))
            } else if t.is_zero() || a <= Decimal::ZERO {
                (
                    false,
                    Decimal::ZERO,
                    format!("指标值 {}，完成值 {}，未达成", show(t), show(a)),
                )
            } else {
                let Some(s) = scaled(w, a.min(t), a.max(t)) else {
                    return cannot_compute(result);
                };
                let s = round_half_up(s, 2);
                (
                    false,
                    s,
                    format!(
                        "{} = {} × {} ÷ {}（未等于指标值）",
                        fmt_num(s),
                        fmt_num(w),
                        fmt_num(a.min(t)),
                        fmt_num(a.max(t))
                    ),
                )
            }
        }
    };
    result.deviation_percent = a
        .checked_sub(t)
        .and_then(|d| scaled(d.abs(), Decimal::ONE_HUNDRED, t))
        .map(|d| round_half_up(d.abs(), 2));
    result.over_achieved = direction == Direction::Forward
        && t > Decimal::ZERO
        && t.checked_mul(scheme.over_achievement_factor)
            .is_some_and(|bar| a >= bar);
    result.expected = Expected::Exact { score, met };
    result.explanation = how;
}

/// The whole project form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectResult {
    /// 不计分数: project not carried out.
    pub not_scored: bool,
    pub exec_rate: Option<Explained>,
    /// The scheme's budget score for the rate.
    pub budget_score: Option<Explained>,
    /// 分值 × min(rate, 1) before rounding (the central reading).
    pub budget_exact: Option<Decimal>,
    pub budget_claimed: Option<Decimal>,
    pub goal_claimed: Option<Decimal>,
    pub indicators: Vec<IndicatorResult>,
    /// Budget + goal points + Σ indicator 分值 (not-applicable rows excluded).
    pub weight_sum: Decimal,
    /// Σ indicator 分值 per scheme group key.
    pub group_weights: Vec<(Level1, Decimal)>,
    /// The form's own parts added up: claimed budget score (else the
    /// scheme's) + goal score + Σ claimed indicator scores.
    pub computed_total: Option<Explained>,
    /// With the engine's suggested scores instead of the claimed ones.
    pub suggested_total: Option<Explained>,
    /// Grade of the computed total.
    pub grade: Option<String>,
    pub printed_total: Option<Decimal>,
}

/// Scores a project form (either layout).
pub fn score_project(scheme: &Scheme, form: &ProjectForm) -> ProjectResult {
    let limits = scheme.limits();
    let exec_rate = execution_rate(limits, &form.funds);
    let budget = exec_rate.as_ref().and_then(|r| budget_score(scheme, r));
    let indicators: Vec<IndicatorResult> = form
        .real_indicators()
        .filter(|(_, i)| !i.is_not_applicable())
        .map(|(idx, i)| score_indicator(scheme, idx, i))
        .collect();
    let budget_points = scheme.budget.as_ref().map_or(Decimal::ZERO, |b| b.points);
    let goal_points = scheme.goal_points.unwrap_or_default();
    let indicator_weights = total_of(indicators.iter().filter_map(|r| r.weight));
    let group_weights = scheme
        .groups
        .iter()
        .map(|g| {
            let sum = total_of(
                indicators
                    .iter()
                    .filter(|r| g.level2.contains(&form.indicators[r.index].level2))
                    .filter_map(|r| r.weight),
            );
            (g.key, sum)
        })
        .collect();
    let budget_claimed = limits.read(Figure::Score, &form.funds.printed_score);
    let goal_claimed = limits.read(Figure::Score, &form.goal_score);
    // Scores a form cannot hold are left out of the total, and it says so.
    let left_out: Vec<String> = form
        .real_indicators()
        .filter(|(_, i)| !i.is_not_applicable())
        .filter(|(_, i)| i.score.amount().is_some_and(|v| !limits.admits(Figure::Score, v)))
        .map(|(idx, _)| format!("第 {} 行得分", idx + 1))
        .chain(
            [
                (&form.funds.printed_score, "预算执行得分"),
                (&form.goal_score, "总目标得分"),
            ]
            .into_iter()
            .filter(|(c, _)| c.amount().is_some_and(|v| !limits.admits(Figure::Score, v)))
            .map(|(_, label)| label.to_string()),
        )
        .collect();
    let not_scored = is_not_carried_out(form);

    let nothing_to_add = budget_claimed.is_none()
        && budget.is_none()
        && goal_claimed.is_none()
        && indicators.iter().all(|r| r.claimed.is_none());
    let (computed_total, suggested_total, grade) = if not_scored || nothing_to_add {
        (None, None, None)
    } else {
        let claimed_sum = total_of(indicators.iter().filter_map(|r| r.claimed));
        let budget_part = budget_claimed.or(budget.as_ref().map(|(b, _)| b.value));
        let mut parts = Vec::new();
        if let Some(b) = budget_part {
            parts.push(format!("预算执行 {}", fmt_num(b)));
        }
        if let Some(g) = goal_claimed {
            parts.push(format!("总目标 {}", fmt_num(g)));
        }
        parts.push(format!("{} 项指标得分合计 {}", indicators.len(), fmt_num(claimed_sum)));
        let total = total_of([budget_part, goal_claimed, Some(claimed_sum)].into_iter().flatten());
        let note = if left_out.is_empty() {
            String::new()
        } else {
            format!("（{}超出可计算范围，未计入）", left_out.join("、"))
        };
        let computed = Explained {
            value: total,
            explanation: format!("{} = {}{note}", fmt_num(total), parts.join(" + ")),
        };
        let suggested_sum = total_of(indicators.iter().filter_map(|r| r.suggested()));
        let suggested = budget.as_ref().map(|(b, _)| {
            let v = total_of([b.value, goal_claimed.unwrap_or_default(), suggested_sum]);
            Explained {
                value: v,
                explanation: format!(
                    "{} = 预算执行 {}{} + 建议指标得分合计 {}",
                    fmt_num(v),
                    fmt_num(b.value),
                    goal_claimed
                        .map(|g| format!(" + 总目标 {}", fmt_num(g)))
                        .unwrap_or_default(),
                    fmt_num(suggested_sum)
                ),
            }
        });
        let grade = Some(
            scheme
                .grade_for(capped_total(scheme, total, exec_rate.as_ref()))
                .label
                .clone(),
        );
        (Some(computed), suggested, grade)
    };

    ProjectResult {
        not_scored,
        exec_rate,
        budget_exact: budget.as_ref().map(|(_, e)| *e),
        budget_score: budget.map(|(b, _)| b),
        budget_claimed,
        goal_claimed,
        indicators,
        weight_sum: total_of([budget_points, goal_points, indicator_weights]),
        group_weights,
        computed_total,
        suggested_total,
        grade,
        printed_total: limits.read(Figure::Score, &form.printed_total),
    }
}

/// The total after the scheme's optional execution-band caps.
pub fn capped_total(scheme: &Scheme, total: Decimal, rate: Option<&Explained>) -> Decimal {
    let Some(rate) = rate else { return total };
    let percent = rate.value.saturating_mul(Decimal::ONE_HUNDRED);
    scheme
        .execution_caps
        .iter()
        .filter(|c| percent < c.rate_below)
        .map(|c| c.max_total)
        .min()
        .map_or(total, |cap| total.min(cap))
}

/// 不计分数: ticked as not carried out, or the unit's own statement on the
/// form: 总分 and 等级 are "—", "——", "/", "_" or empty (at least one of them
/// a mark), even when a few rows still carry numbers (DOMAIN §2); or a
/// total of "—" with nothing scored.
pub fn is_not_carried_out(form: &ProjectForm) -> bool {
    if form.not_carried_out {
        return true;
    }
    // A total of "—" with no row scored is not scored either, whatever the
    // grade cell says (the grade then gets its own warning).
    let nothing_scored = ProjectForm::marked_not_scored(&form.printed_total)
        && form.real_indicators().all(|(_, i)| i.score.amount().is_none());
    form.states_not_scored() || nothing_scored
}

/// Hubei department form: budget + Σ indicator scores of every goal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentResult {
    pub exec_rate: Option<Explained>,
    pub budget_score: Option<Explained>,
    pub budget_exact: Option<Decimal>,
    pub budget_claimed: Option<Decimal>,
    /// Per goal: (goal weight, Σ indicator 分值, Σ claimed scores, indicator results).
    pub goals: Vec<GoalResult>,
    pub weight_sum: Decimal,
    pub computed_total: Explained,
    pub grade: String,
    pub printed_total: Option<Decimal>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalResult {
    pub weight: Option<Decimal>,
    pub output_weight: Option<Decimal>,
    pub benefit_weight: Option<Decimal>,
    pub indicator_weight_sum: Decimal,
    pub output_indicator_weight_sum: Decimal,
    pub benefit_indicator_weight_sum: Decimal,
    pub claimed_sum: Decimal,
    pub indicators: Vec<IndicatorResult>,
}

pub fn score_department(scheme: &Scheme, form: &DepartmentForm) -> DepartmentResult {
    let limits = scheme.limits();
    let score = |c: &Cell| limits.read(Figure::Score, c);
    let exec_rate = execution_rate(limits, &form.funds);
    let budget = exec_rate.as_ref().and_then(|r| budget_score(scheme, r));
    let budget_claimed = score(&form.funds.printed_score);
    let output_group = scheme.groups.iter().find(|g| g.key == Level1::Output);
    let goals: Vec<GoalResult> = form
        .goals
        .iter()
        .map(|g| {
            let indicators: Vec<IndicatorResult> = g
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, i)| !i.is_template_blank() && !i.is_not_applicable())
                .map(|(idx, i)| score_indicator(scheme, idx, i))
                .collect();
            let is_output =
                |r: &IndicatorResult| output_group.is_some_and(|og| og.level2.contains(&g.indicators[r.index].level2));
            GoalResult {
                weight: score(&g.weight),
                output_weight: score(&g.output_weight),
                benefit_weight: score(&g.benefit_weight),
                indicator_weight_sum: total_of(indicators.iter().filter_map(|r| r.weight)),
                output_indicator_weight_sum: total_of(
                    indicators.iter().filter(|r| is_output(r)).filter_map(|r| r.weight),
                ),
                benefit_indicator_weight_sum: total_of(
                    indicators.iter().filter(|r| !is_output(r)).filter_map(|r| r.weight),
                ),
                claimed_sum: total_of(indicators.iter().filter_map(|r| r.claimed)),
                indicators,
            }
        })
        .collect();
    let budget_part = budget_claimed
        .or(budget.as_ref().map(|(b, _)| b.value))
        .unwrap_or_default();
    let indicator_sum = total_of(goals.iter().map(|g| g.claimed_sum));
    let total = total_of([budget_part, indicator_sum]);
    let budget_points = scheme.budget.as_ref().map_or(Decimal::ZERO, |b| b.points);
    DepartmentResult {
        grade: scheme.grade_for(total).label.clone(),
        computed_total: Explained {
            value: total,
            explanation: format!(
                "{} = 预算执行 {} + {} 个年度目标的指标得分合计 {}",
                fmt_num(total),
                fmt_num(budget_part),
                goals.len(),
                fmt_num(indicator_sum)
            ),
        },
        weight_sum: total_of([budget_points, total_of(goals.iter().filter_map(|g| g.weight))]),
        exec_rate,
        budget_exact: budget.as_ref().map(|(_, e)| *e),
        budget_score: budget.map(|(b, _)| b),
        budget_claimed,
        goals,
        printed_total: score(&form.printed_total),
    }
}

/// Department / third-party evaluation table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationResult {
    pub weight_sum: Decimal,
    pub computed_total: Explained,
    pub grade: String,
    pub printed_total: Option<Decimal>,
}

pub fn score_evaluation(scheme: &Scheme, form: &EvaluationForm) -> EvaluationResult {
    let limits = scheme.limits();
    let score = |c: &Cell| limits.read(Figure::Score, c);
    let weight_sum = total_of(form.items.iter().filter_map(|i| score(&i.weight)));
    let total = total_of(form.items.iter().filter_map(|i| score(&i.score)));
    let parts: Vec<String> = form
        .items
        .iter()
        .map(|i| format!("{} {}", i.name.raw().trim(), i.score.raw().trim()))
        .collect();
    EvaluationResult {
        weight_sum,
        grade: scheme.grade_for(total).label.clone(),
        computed_total: Explained {
            value: total,
            explanation: format!("{} = {}", fmt_num(total), parts.join(" + ")),
        },
        printed_total: score(&form.printed_total),
    }
}
