//! Validation (DOMAIN.md §3 and the declaration checks of §1.4).
//!
//! Every finding has a stable code, a severity, the exact field (a machine id
//! the UI can focus, plus a Chinese description of the place) and a Chinese
//! message that states the numbers involved and how to fix it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::model::{
    Cell, DeclarationForm, DepartmentForm, EvaluationForm, Form, FundKind, Indicator, Level1, Level2, ProjectForm,
    ProjectLayout,
};
use super::scheme::{round_half_up, Rounding, Scheme};
use super::scoring::{self, fmt_num, fmt_rate, DepartmentResult, Direction, Expected, IndicatorResult, ProjectResult};
use super::value::{money_factor_to_wan, same_text, Parsed, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// Stable finding codes. The first fifteen are DOMAIN.md §3 in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Code {
    TotalWeight,
    GroupWeight,
    ScoreRange,
    TotalSum,
    FundSum,
    ExecRate,
    ExecScore,
    Grade,
    ReasonMissing,
    ScoreVsTarget,
    UnscoredRow,
    NotMeasurable,
    DateWindow,
    Inflated,
    SatisfactionBasis,
    /// Forward actual ≥ factor × target without an explanation.
    OverAchieved,
    /// A number cell (money, 分值, 得分) that is not a number.
    ValueFormat,
    /// Optional scheme rule: total above the cap for the execution band.
    ExecCap,
    /// Optional scheme rule: deviation ≥ threshold not deducted.
    Deviation,
    /// Declaration: a required header field is empty.
    DeclFieldMissing,
    /// Declaration: a required indicator category is missing.
    DeclCategoryMissing,
    /// Declaration: an indicator has no operator/number/unit or deadline.
    DeclNotQuantified,
    /// Declaration: a slogan instead of a target.
    DeclSlogan,
    /// Declaration: cost indicators disagree with 预算金额.
    DeclCostMismatch,
    /// Declaration: a date outside the budget year.
    DeclDateWindow,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::TotalWeight => "TOTAL_WEIGHT",
            Code::GroupWeight => "GROUP_WEIGHT",
            Code::ScoreRange => "SCORE_RANGE",
            Code::TotalSum => "TOTAL_SUM",
            Code::FundSum => "FUND_SUM",
            Code::ExecRate => "EXEC_RATE",
            Code::ExecScore => "EXEC_SCORE",
            Code::Grade => "GRADE",
            Code::ReasonMissing => "REASON_MISSING",
            Code::ScoreVsTarget => "SCORE_VS_TARGET",
            Code::UnscoredRow => "UNSCORED_ROW",
            Code::NotMeasurable => "NOT_MEASURABLE",
            Code::DateWindow => "DATE_WINDOW",
            Code::Inflated => "INFLATED",
            Code::SatisfactionBasis => "SATISFACTION_BASIS",
            Code::OverAchieved => "OVER_ACHIEVED",
            Code::ValueFormat => "VALUE_FORMAT",
            Code::ExecCap => "EXEC_CAP",
            Code::Deviation => "DEVIATION",
            Code::DeclFieldMissing => "DECL_FIELD_MISSING",
            Code::DeclCategoryMissing => "DECL_CATEGORY_MISSING",
            Code::DeclNotQuantified => "DECL_NOT_QUANTIFIED",
            Code::DeclSlogan => "DECL_SLOGAN",
            Code::DeclCostMismatch => "DECL_COST_MISMATCH",
            Code::DeclDateWindow => "DECL_DATE_WINDOW",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// Machine id of the field, e.g. "funds.rate", "indicators.3.score".
    pub field: String,
    /// Where, in Chinese: "绩效指标第 4 行（质量指标·业务工作质量）·得分".
    pub location: String,
    pub message: String,
}

/// Where a finding points, as (field id, Chinese location). A closure, so the
/// strings are only built when a finding is actually reported.
type Locate<'a> = &'a dyn Fn() -> (String, String);

fn fixed(field: &'static str, location: &'static str) -> impl Fn() -> (String, String) {
    move || (field.to_string(), location.to_string())
}

/// Collects findings; keeps call sites short.
struct Findings(Vec<Finding>);

impl Findings {
    fn push_at(&mut self, code: Code, severity: Severity, locate: Locate, message: String) {
        let (field, location) = locate();
        self.push(code, severity, field, location, message);
    }

    fn push(
        &mut self,
        code: Code,
        severity: Severity,
        field: impl Into<String>,
        location: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.0.push(Finding {
            code,
            severity,
            field: field.into(),
            location: location.into(),
            message: message.into(),
        });
    }
}

/// Validates any form against its scheme. An unknown scheme id is itself a
/// finding, checked against the default scheme for the form type.
pub fn validate(form: &Form) -> Vec<Finding> {
    let scheme = scheme_for(form);
    let mut out = match form {
        Form::Project(f) => return validate_project_form(f),
        Form::Department(f) => validate_department(scheme, f, &scoring::score_department(scheme, f)),
        Form::Declaration(f) => validate_declaration(f),
        Form::Evaluation(f) => validate_evaluation(scheme, f),
    };
    out.sort_by_key(|f| f.severity);
    out
}

/// The form's scheme, or the default one for its type.
pub fn scheme_for(form: &Form) -> &'static Scheme {
    let fallback = match form {
        Form::Project(f) => return project_scheme(f),
        Form::Department(_) => "hubei-department",
        Form::Declaration(_) => "declaration",
        Form::Evaluation(_) => "evaluation-standard",
    };
    Scheme::by_id(form.scheme_id()).unwrap_or_else(|| Scheme::by_id(fallback).expect("fallback schemes are built in"))
}

/// A project form's scheme, or the default one for its layout.
pub fn project_scheme(form: &ProjectForm) -> &'static Scheme {
    Scheme::by_id(&form.scheme).unwrap_or_else(|| {
        let fallback = if form.layout == ProjectLayout::Hubei {
            "hubei-project"
        } else {
            "beijing-project"
        };
        Scheme::by_id(fallback).expect("fallback schemes are built in")
    })
}

/// [`validate`] for a project form, without wrapping (and cloning) it.
pub fn validate_project_form(form: &ProjectForm) -> Vec<Finding> {
    let scheme = project_scheme(form);
    validate_scored_project(scheme, form, &scoring::score_project(scheme, form))
}

/// The findings of a project form already scored with `scheme`: callers that
/// show scores and findings together score once.
pub fn validate_scored_project(scheme: &Scheme, form: &ProjectForm, result: &ProjectResult) -> Vec<Finding> {
    let mut out = validate_project(scheme, form, result);
    out.sort_by_key(|f| f.severity);
    out
}

/// A printed number agrees with an exact one when it equals the exact value
/// rounded (half up) to the printed number of decimals.
pub fn printed_matches(printed: Decimal, exact: Decimal) -> bool {
    printed == round_half_up(exact, printed.scale().min(8))
}

/// A printed rate as a percentage: "90.10%" → 90.10; "100" → 100; "0.9" → 90.
fn printed_rate_percent(cell: &Cell) -> Option<Decimal> {
    match cell.parsed().value {
        Value::Number {
            amount,
            unit,
            comparator: None,
            embedded: false,
        } => {
            if unit == "%" || amount > Decimal::new(15, 1) {
                Some(amount)
            } else if unit.is_empty() {
                Some(amount * Decimal::ONE_HUNDRED)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Empty, one character, or a marker such as "无", "—", "不涉及". Markers
/// are short, so long explanations are never parsed.
fn is_placeholder_reason(cell: &Cell) -> bool {
    let n = cell.raw().trim().chars().count();
    n < 2 || (n <= 4 && matches!(cell.parsed().value, Value::Empty | Value::Marker { .. }))
}

/// A number cell that holds something other than a number or a marker.
fn check_number_cell(out: &mut Findings, cell: &Cell, what: &str, locate: Locate) {
    if cell.is_empty() {
        return;
    }
    match cell.parsed().value {
        Value::Number {
            comparator: None,
            embedded: false,
            ..
        }
        | Value::Marker { .. } => return,
        _ => {}
    }
    out.push_at(
        Code::ValueFormat,
        Severity::Error,
        locate,
        format!(
            "{what}“{}”不是数字，无法计算。请只填写数字（如 10 或 9.5）。",
            cell.raw().trim()
        ),
    );
}

fn indicator_place(ind: &Indicator, index: usize, prefix: &str) -> String {
    let name = ind.name.raw().trim();
    let name = if name.chars().count() > 16 {
        format!("{}…", name.chars().take(16).collect::<String>())
    } else {
        name.to_string()
    };
    format!("{prefix}第 {} 行（{}·{}）", index + 1, ind.level2.label(), name)
}

fn validate_project(scheme: &Scheme, form: &ProjectForm, result: &ProjectResult) -> Vec<Finding> {
    let mut out = Findings(Vec::new());
    check_funds(&mut out, form, result);
    check_weights(&mut out, scheme, form, result);
    check_indicators(
        &mut out,
        scheme,
        form.year,
        &form.indicators,
        &result.indicators,
        "indicators",
        "绩效指标",
        result.not_scored,
    );
    if result.not_scored {
        if !form.printed_grade.is_empty() && !form.printed_grade.is_blank() {
            out.push(
                Code::Grade,
                Severity::Warning,
                "grade",
                "总分·等级",
                format!(
                    "项目未开展、不计分数，不应评定等级（表中填写“{}”）。请删除等级。",
                    form.printed_grade.raw().trim()
                ),
            );
        }
        return out.0;
    }
    check_budget_score(
        &mut out,
        scheme,
        form.funds.printed_score.clone(),
        result.budget_exact,
        result.budget_score.as_ref().map(|b| b.value),
        result.exec_rate.as_ref().map(|r| r.value),
    );
    if let (Some(points), Some(claimed)) = (scheme.goal_points, result.goal_claimed) {
        if claimed < Decimal::ZERO || claimed > points {
            out.push(
                Code::ScoreRange,
                Severity::Error,
                "goal.score",
                "项目绩效总目标·得分",
                format!(
                    "总目标得分 {} 超出 0–{} 分的范围。请改为不超过 {} 的分数。",
                    fmt_num(claimed),
                    fmt_num(points),
                    fmt_num(points)
                ),
            );
        }
    }
    check_number_cell(
        &mut out,
        &form.goal_score,
        "总目标得分",
        &fixed("goal.score", "项目绩效总目标·得分"),
    );
    if form.layout == ProjectLayout::Hubei && scheme.goal_points.is_some() && form.goal_score.is_empty() {
        out.push(
            Code::UnscoredRow,
            Severity::Info,
            "goal.score",
            "项目绩效总目标·得分",
            "总目标得分未填写，总分按 0 分计算。请填写单位对总目标完成情况的评分。",
        );
    }
    let grade_cell = (form.layout == ProjectLayout::Central).then_some(&form.printed_grade);
    check_total(
        &mut out,
        scheme,
        &form.printed_total,
        grade_cell,
        result
            .computed_total
            .as_ref()
            .map(|t| (t.value, t.explanation.as_str())),
        result.exec_rate.as_ref(),
    );
    check_inflated(&mut out, result);
    check_reason_block(&mut out, form, result);
    check_satisfaction_basis(&mut out, form, result);
    out.0
}

/// A money column of the fund table: (field key, label, getter).
type FundColumn = (&'static str, &'static str, fn(&super::model::FundRow) -> &Cell);

fn check_funds(out: &mut Findings, form: &ProjectForm, result: &ProjectResult) {
    let funds = &form.funds;
    let columns: [FundColumn; 3] = [
        ("initial", "年初预算数", |r| &r.initial),
        ("annual", "全年预算数", |r| &r.annual),
        ("spent", "全年执行数", |r| &r.spent),
    ];
    for kind in FundKind::ALL {
        for (col, label, get) in &columns {
            check_number_cell(out, get(funds.row(kind)), label, &|| {
                (
                    format!("funds.{}.{col}", kind.key()),
                    format!("项目资金·{}·{label}", kind.label()),
                )
            });
        }
    }
    if form.layout == ProjectLayout::Central {
        for (col, label, get) in &columns {
            let parts: Vec<Option<Decimal>> = [FundKind::CurrentYear, FundKind::CarriedOver, FundKind::Other]
                .iter()
                .map(|k| get(funds.row(*k)).amount())
                .collect();
            let Some(total) = get(&funds.total).amount() else {
                continue;
            };
            if parts.iter().all(Option::is_none) {
                continue;
            }
            let sum: Decimal = parts.iter().map(|p| p.unwrap_or_default()).sum();
            if sum != total {
                out.push(Code::FundSum, Severity::Error, format!("funds.total.{col}"), format!("项目资金·年度资金总额·{label}"),
                    format!("年度资金总额的{label}为 {}，但当年财政拨款、上年结转资金、其他资金三项合计为 {}（相差 {}）。请核对后使总额等于三项之和。",
                        fmt_num(total), fmt_num(sum), fmt_num(total - sum)));
            }
        }
    }
    let budget = funds.total.annual.amount();
    let spent = funds.total.spent.amount();
    if let (Some(b), Some(s)) = (budget, spent) {
        if s > b {
            out.push(
                Code::ExecRate,
                Severity::Error,
                "funds.total.spent",
                "项目资金·年度资金总额·全年执行数",
                format!(
                    "全年执行数 {} 大于全年预算数 {}，执行率 {} 超过 100%。请核对执行数或预算调整后的全年预算数。",
                    fmt_num(s),
                    fmt_num(b),
                    fmt_rate(s / b.max(Decimal::new(1, 6)))
                ),
            );
        }
        if b.is_zero() && !result.not_scored {
            out.push(
                Code::ExecRate,
                Severity::Warning,
                "funds.total.annual",
                "项目资金·年度资金总额·全年预算数",
                "全年预算数为 0，执行率无法计算。如项目当年未开展，请勾选“项目未开展（不计分数）”。",
            );
        }
    } else if budget.is_none() && funds.total.initial.amount().is_some() && !result.not_scored {
        out.push(
            Code::ExecRate,
            Severity::Warning,
            "funds.total.annual",
            "项目资金·年度资金总额·全年预算数",
            "全年预算数未填写：执行率按全年预算数（调整后预算）计算，不用年初预算数。请填写全年预算数。",
        );
    }
    if let Some(rate) = &result.exec_rate {
        if let Some(printed) = printed_rate_percent(&funds.printed_rate) {
            let exact = rate.value * Decimal::ONE_HUNDRED;
            if !printed_matches(printed, exact) {
                out.push(
                    Code::ExecRate,
                    Severity::Error,
                    "funds.rate",
                    "项目资金·年度资金总额·执行率",
                    format!(
                        "执行率应为 {}（{} ÷ {}），表中填写 {}%。请改为 {}。",
                        fmt_rate(rate.value),
                        fmt_num(spent.unwrap_or_default()),
                        fmt_num(budget.unwrap_or_default()),
                        fmt_num(printed),
                        fmt_rate(rate.value)
                    ),
                );
            }
        } else if !funds.printed_rate.is_empty() && !funds.printed_rate.is_blank() {
            out.push(
                Code::ValueFormat,
                Severity::Error,
                "funds.rate",
                "项目资金·年度资金总额·执行率",
                format!(
                    "执行率“{}”无法识别，应为百分数，如 {}。",
                    funds.printed_rate.raw().trim(),
                    fmt_rate(rate.value)
                ),
            );
        }
    }
}

fn check_budget_score(
    out: &mut Findings,
    scheme: &Scheme,
    printed: Cell,
    exact: Option<Decimal>,
    scheme_value: Option<Decimal>,
    rate: Option<Decimal>,
) {
    let Some(rule) = &scheme.budget else { return };
    check_number_cell(
        out,
        &printed,
        "预算执行得分",
        &fixed("funds.score", "项目资金·年度资金总额·得分"),
    );
    let Some(claimed) = printed.amount() else { return };
    if claimed < Decimal::ZERO || claimed > rule.points {
        out.push(
            Code::ScoreRange,
            Severity::Error,
            "funds.score",
            "项目资金·年度资金总额·得分",
            format!(
                "预算执行得分 {} 超出 0–{} 分的范围。",
                fmt_num(claimed),
                fmt_num(rule.points)
            ),
        );
        return;
    }
    let (Some(exact), Some(value), Some(rate)) = (exact, scheme_value, rate) else {
        return;
    };
    let how = format!(
        "{} × {} = {}，{}为 {}",
        fmt_num(rule.points),
        scoring::fmt_rate_fine(rate.min(Decimal::ONE)),
        fmt_num(round_half_up(exact, 4)),
        rule.rounding.describe(),
        fmt_num(value)
    );
    // "17.6" for 17.579 is the exact value at the printed precision; a
    // whole-points-down scheme has no such tolerance (10 for 9.647 is wrong).
    let tolerated = rule.rounding != Rounding::WholeDown && printed_matches(claimed, exact);
    if claimed > exact && !tolerated {
        out.push(
            Code::ExecScore,
            Severity::Error,
            "funds.score",
            "项目资金·年度资金总额·得分",
            format!(
                "预算执行得分最高为 {}（{}），表中填写 {}，高于按执行率计算的分数。请改为 {}。",
                fmt_num(value),
                how,
                fmt_num(claimed),
                fmt_num(value)
            ),
        );
    } else if claimed < value {
        out.push(
            Code::ExecScore,
            Severity::Warning,
            "funds.score",
            "项目资金·年度资金总额·得分",
            format!(
                "预算执行得分按方案应为 {}（{}），表中填写 {}，低于应得分数。请核对。",
                fmt_num(value),
                how,
                fmt_num(claimed)
            ),
        );
    }
}

fn check_weights(out: &mut Findings, scheme: &Scheme, form: &ProjectForm, result: &ProjectResult) {
    let indicator_sum = result.weight_sum
        - scheme.budget.as_ref().map_or(Decimal::ZERO, |b| b.points)
        - scheme.goal_points.unwrap_or_default();
    if result.weight_sum != scheme.total_points && !result.indicators.is_empty() {
        let mut parts = vec![];
        if let Some(b) = &scheme.budget {
            parts.push(format!("预算执行 {}", fmt_num(b.points)));
        }
        if let Some(g) = scheme.goal_points {
            parts.push(format!("总目标 {}", fmt_num(g)));
        }
        parts.push(format!("指标分值合计 {}", fmt_num(indicator_sum)));
        let hint = if Some(indicator_sum) == Some(scheme.total_points) {
            "常见原因：指标分值已合计 100，又另加了预算执行的分值。"
        } else {
            ""
        };
        out.push(
            Code::TotalWeight,
            Severity::Error,
            "total.weight",
            "总分·分值",
            format!(
                "分值合计为 {}（{}），应为 {}。{hint}请调整指标分值，使指标分值合计为 {}。",
                fmt_num(result.weight_sum),
                parts.join(" + "),
                fmt_num(scheme.total_points),
                fmt_num(scheme.indicator_points.unwrap_or(scheme.total_points))
            ),
        );
    }
    for (group, (key, sum)) in scheme.groups.iter().zip(&result.group_weights) {
        debug_assert_eq!(&group.key, key);
        if let Some(fixed) = group.fixed {
            if *sum != fixed {
                out.push(
                    Code::GroupWeight,
                    Severity::Error,
                    format!("group.{key}"),
                    format!("绩效指标·{}", group.label),
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
                out.push(
                    Code::GroupWeight,
                    Severity::Info,
                    format!("group.{key}"),
                    format!("绩效指标·{}", group.label),
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
    // Hubei: the 二级 label's weight ("数量指标1（0.5分）") must match the 分值 cell.
    for (i, ind) in form.real_indicators() {
        if let (Some(label_w), Some(w)) = (label_weight(&ind.level2_label), ind.weight.amount()) {
            if label_w != w {
                out.push(
                    Code::GroupWeight,
                    Severity::Error,
                    format!("indicators.{i}.weight"),
                    indicator_place(ind, i, "绩效指标"),
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
    let norm = super::value::normalize(label);
    let open = norm.rfind('(')?;
    let inner = norm[open + 1..].trim_end_matches(')').trim();
    let inner = inner.strip_suffix('分')?;
    super::value::parse_amount(inner.trim())
}

#[allow(clippy::too_many_arguments)]
fn check_indicators(
    out: &mut Findings,
    scheme: &Scheme,
    year: Option<i32>,
    indicators: &[Indicator],
    results: &[IndicatorResult],
    field_prefix: &str,
    place_prefix: &str,
    not_scored: bool,
) {
    for r in results {
        let ind = &indicators[r.index];
        let place = || indicator_place(ind, r.index, place_prefix);
        let f = |col: &str| format!("{field_prefix}.{}.{col}", r.index);
        let at = |col: &'static str, label: &'static str| move || (f(col), format!("{}·{label}", place()));
        check_number_cell(out, &ind.weight, "分值", &at("weight", "分值"));
        check_number_cell(out, &ind.score, "得分", &at("score", "得分"));
        check_dates(out, year, &ind.target, &r.target, "指标值", &at("target", "年度指标值"));
        check_dates(out, year, &ind.actual, &r.actual, "完成值", &at("actual", "实际完成值"));
        check_measurable(out, ind, &r.target, &at("target", "年度指标值"));
        if not_scored {
            continue;
        }
        let Some(claimed) = r.claimed else {
            if r.weight.is_some() && !ind.score.parsed().is_blank() {
                // reported as VALUE_FORMAT above
            } else if r.weight.is_some_and(|w| w > Decimal::ZERO) {
                out.push(
                    Code::UnscoredRow,
                    Severity::Warning,
                    f("score"),
                    format!("{}·得分", place()),
                    "该指标有分值但未填写得分。请填写得分；如不适用，请标为“不涉及”。",
                );
            }
            continue;
        };
        let Some(w) = r.weight else {
            out.push(
                Code::ScoreRange,
                Severity::Error,
                f("weight"),
                format!("{}·分值", place()),
                format!(
                    "该指标填写了得分 {}，但没有分值，无法判断得分是否超出。请填写分值。",
                    fmt_num(claimed)
                ),
            );
            continue;
        };
        if claimed < Decimal::ZERO || claimed > w {
            out.push(
                Code::ScoreRange,
                Severity::Error,
                f("score"),
                format!("{}·得分", place()),
                format!(
                    "得分 {} 超出 0–{} 分的范围（分值 {}）。请改为不超过 {} 的分数。",
                    fmt_num(claimed),
                    fmt_num(w),
                    fmt_num(w),
                    fmt_num(w)
                ),
            );
            continue;
        }
        let (target, actual) = (&r.target, &r.actual);
        if claimed > Decimal::ZERO && matches!(target.value, Value::Empty | Value::Marker { .. }) {
            out.push(
                Code::UnscoredRow,
                Severity::Warning,
                f("target"),
                format!("{}·年度指标值", place()),
                format!(
                    "指标值为空或“{}”，却给了 {} 分。没有指标值就无法评价完成情况：请补充指标值，或标为“不涉及”。",
                    ind.target.raw().trim(),
                    fmt_num(claimed)
                ),
            );
        }
        if claimed > Decimal::ZERO && matches!(actual.value, Value::Empty | Value::Marker { .. }) {
            out.push(
                Code::UnscoredRow,
                Severity::Warning,
                f("actual"),
                format!("{}·实际完成值", place()),
                format!(
                    "实际完成值为空或“{}”，却给了 {} 分。请填写实际完成值，或说明未完成并相应扣分。",
                    ind.actual.raw().trim(),
                    fmt_num(claimed)
                ),
            );
        }
        check_score_vs_target(out, r, claimed, w, &at("score", "得分"));
        if claimed < w && is_placeholder_reason(&ind.reason) && has_reason_column(field_prefix, ind) {
            out.push(
                Code::ReasonMissing,
                Severity::Warning,
                f("reason"),
                format!("{}·偏差原因分析及改进措施", place()),
                format!(
                    "得分 {} 低于分值 {}（扣 {} 分），但未说明偏差原因{}。请填写扣分原因和改进措施。",
                    fmt_num(claimed),
                    fmt_num(w),
                    fmt_num(w - claimed),
                    if ind.reason.is_empty() {
                        String::new()
                    } else {
                        format!("（只写了“{}”)", ind.reason.raw().trim())
                    }
                ),
            );
        }
        if r.over_achieved && is_placeholder_reason(&ind.reason) {
            out.push(
                Code::OverAchieved,
                Severity::Warning,
                f("reason"),
                format!("{}·偏差原因分析及改进措施", place()),
                format!(
                    "完成值超过指标值的 {} 倍（{} 对 {}），指标值可能设置偏低。请在偏差原因中说明；不自动扣分。",
                    fmt_num(scheme.over_achievement_factor),
                    ind.actual.raw().trim(),
                    ind.target.raw().trim()
                ),
            );
        }
        if let (Some(d), Some(rule)) = (r.deviation_percent, scheme.deviation_deduction.as_ref()) {
            if d >= rule.threshold_percent && claimed > w - rule.points {
                out.push(
                    Code::Deviation,
                    Severity::Warning,
                    f("score"),
                    format!("{}·得分", place()),
                    format!(
                        "完成值偏离指标值 {}%，达到方案规定的 {}%，应扣 {} 分（得分不高于 {}），表中为 {}。",
                        fmt_num(d),
                        fmt_num(rule.threshold_percent),
                        fmt_num(rule.points),
                        fmt_num(w - rule.points),
                        fmt_num(claimed)
                    ),
                );
            }
        }
    }
}

/// The central layout has a reason column per row; Hubei forms explain
/// deviations in one text block (checked by `check_reason_block`).
fn has_reason_column(field_prefix: &str, ind: &Indicator) -> bool {
    field_prefix == "indicators" && !ind.level2_label.contains('分')
}

fn check_score_vs_target(out: &mut Findings, r: &IndicatorResult, claimed: Decimal, w: Decimal, locate: Locate) {
    let reverse = r.direction == Some(Direction::Reverse);
    match &r.expected {
        Expected::Exact { score, met: false } if claimed > *score && !printed_matches(claimed, *score) => {
            let full = if claimed == w { "给了满分" } else { "得分偏高" };
            out.push_at(
                Code::ScoreVsTarget,
                Severity::Error,
                locate,
                format!(
                    "实际完成值未达到指标值，却{full}（{}）。按完成比例应得 {}：{}。请改为 {} 或说明理由。",
                    fmt_num(claimed),
                    fmt_num(*score),
                    r.explanation,
                    fmt_num(*score)
                ),
            );
        }
        Expected::Exact { met: true, .. } if claimed < w => {
            let what = if reverse {
                "反向（成本类）指标已达标（实际未超过指标值）"
            } else {
                "指标已达成"
            };
            out.push_at(Code::ScoreVsTarget, Severity::Warning, locate,
                format!("{what}，应得满分 {}，表中只给了 {}。{}。如按正向比例计分属误算，请改为 {}；如因质量等原因扣分，请在原因中说明。",
                    fmt_num(w), fmt_num(claimed), r.explanation, fmt_num(w)));
        }
        Expected::Missed if claimed >= w => {
            out.push_at(
                Code::ScoreVsTarget,
                Severity::Error,
                locate,
                format!(
                    "{}，却给了满分 {}。请按完成情况扣分并说明原因。",
                    r.explanation,
                    fmt_num(claimed)
                ),
            );
        }
        Expected::Tier { judgement, min, max } => {
            let inside = claimed >= *min && (claimed <= *max) && (claimed < *max || *max == w);
            if !inside {
                out.push_at(
                    Code::ScoreVsTarget,
                    Severity::Warning,
                    locate,
                    format!(
                        "完成情况为“{}”，按定性分档得分应在 {}–{} 之间，表中为 {}。请核对。",
                        judgement.label(),
                        fmt_num(*min),
                        fmt_num(*max),
                        fmt_num(claimed)
                    ),
                );
            }
        }
        _ => {}
    }
}

fn check_dates(out: &mut Findings, year: Option<i32>, cell: &Cell, parsed: &Parsed, what: &str, locate: Locate) {
    let Some(year) = year else { return };
    let written = match parsed.value {
        Value::Deadline { year: Some(y), .. } | Value::Period { year: Some(y), .. } => y,
        _ => return,
    };
    if written != year {
        out.push_at(
            Code::DateWindow,
            Severity::Warning,
            locate,
            format!(
                "{what}“{}”写的是 {written} 年，不在评价年度 {year} 年内。请核对是否照抄了往年的表。",
                cell.raw().trim()
            ),
        );
    }
}

fn check_measurable(out: &mut Findings, ind: &Indicator, target: &Parsed, locate: Locate) {
    let raw = ind.target.raw().trim();
    let name = strip_indicator_prefix(ind.name.raw());
    let reason = match target.value {
        Value::Vague => Some(format!("“{raw}”只说明方向，没有可衡量的数值")),
        Value::Text if !name.is_empty() && same_text(raw, &name) => Some("指标值照抄了指标名称".to_string()),
        Value::Text if same_text(raw, ind.actual.raw()) && ind.level2 != Level2::Quality => {
            Some("实际完成值与指标值文字完全相同，无法看出完成程度".to_string())
        }
        _ => None,
    };
    if let Some(reason) = reason {
        out.push_at(
            Code::NotMeasurable,
            Severity::Warning,
            locate,
            format!("指标值未量化：{reason}。请写成可衡量的目标，如“≥95%”“不少于3次”“12月底前完成”。"),
        );
    }
}

fn strip_indicator_prefix(name: &str) -> String {
    let n = name.trim();
    let n = n
        .strip_prefix("指标")
        .map(|rest| {
            rest.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace())
                .trim_start_matches(['：', ':'])
        })
        .unwrap_or(n);
    n.trim().to_string()
}

/// `printed_grade` is None for layouts without a grade cell (Hubei).
fn check_total(
    out: &mut Findings,
    scheme: &Scheme,
    printed_total: &Cell,
    printed_grade: Option<&Cell>,
    computed: Option<(Decimal, &str)>,
    rate: Option<&scoring::Explained>,
) {
    let Some((total, how)) = computed else { return };
    check_number_cell(out, printed_total, "总分", &fixed("total", "总分·得分"));
    match printed_total.amount() {
        Some(p) if !printed_matches(p, total) => {
            out.push(
                Code::TotalSum,
                Severity::Error,
                "total",
                "总分·得分",
                format!(
                    "总分应为 {}（{}），表中填写 {}。请改为 {}。",
                    fmt_num(total),
                    how,
                    fmt_num(p),
                    fmt_num(total)
                ),
            );
        }
        None if printed_total.is_empty() => {
            out.push(
                Code::TotalSum,
                Severity::Warning,
                "total",
                "总分·得分",
                format!("总分未填写，按各项得分合计应为 {}（{}）。", fmt_num(total), how),
            );
        }
        _ => {}
    }
    let capped = scoring::capped_total(scheme, total, rate);
    if capped < total {
        out.push(
            Code::ExecCap,
            Severity::Error,
            "total",
            "总分·得分",
            format!(
                "执行率 {} 所在区间的总分上限为 {}，按各项合计为 {}。请按方案将总分控制在 {} 以内。",
                rate.map(|r| fmt_rate(r.value)).unwrap_or_default(),
                fmt_num(capped),
                fmt_num(total),
                fmt_num(capped)
            ),
        );
    }
    let Some(printed_grade) = printed_grade else { return };
    let expected = scheme.grade_for(capped);
    let written = printed_grade.raw().trim();
    if written.is_empty() {
        out.push(
            Code::Grade,
            Severity::Warning,
            "grade",
            "总分·等级",
            format!("等级未填写，总分 {} 对应等级为“{}”。", fmt_num(capped), expected.label),
        );
        return;
    }
    match scheme.grade_by_label(written) {
        None => out.push(
            Code::Grade,
            Severity::Error,
            "grade",
            "总分·等级",
            format!(
                "等级“{written}”不是规范写法，应为 优/良/中/差 之一；总分 {} 对应“{}”。",
                fmt_num(capped),
                expected.label
            ),
        ),
        Some(band) if band.label != expected.label => out.push(
            Code::Grade,
            Severity::Error,
            "grade",
            "总分·等级",
            format!(
                "总分 {} 对应等级为“{}”，表中填写“{written}”。请改为“{}”。",
                fmt_num(capped),
                expected.label,
                expected.label
            ),
        ),
        Some(_) => {}
    }
}

fn check_inflated(out: &mut Findings, result: &ProjectResult) {
    let scored: Vec<&IndicatorResult> = result
        .indicators
        .iter()
        .filter(|r| r.claimed.is_some() && r.weight.is_some())
        .collect();
    if scored.len() < 2 || !scored.iter().all(|r| r.claimed == r.weight) {
        return;
    }
    let missed = scored
        .iter()
        .filter(|r| matches!(r.expected, Expected::Exact { met: false, .. } | Expected::Missed))
        .count();
    let rate_below = result.exec_rate.as_ref().filter(|r| r.value < Decimal::ONE);
    if missed == 0 && rate_below.is_none() {
        return;
    }
    let mut why = Vec::new();
    if let Some(r) = rate_below {
        why.push(format!("预算执行率只有 {}", fmt_rate(r.value)));
    }
    if missed > 0 {
        why.push(format!("{missed} 项指标的完成值未达到指标值"));
    }
    out.push(
        Code::Inflated,
        Severity::Warning,
        "total",
        "绩效指标·得分",
        format!(
            "所有指标都给了满分，但{}，自评得分可能虚高。请按实际完成情况扣分并说明原因。",
            why.join("，且")
        ),
    );
}

/// Hubei: deductions must be explained in 偏差大或目标未完成原因分析.
fn check_reason_block(out: &mut Findings, form: &ProjectForm, result: &ProjectResult) {
    if form.layout != ProjectLayout::Hubei {
        return;
    }
    let deducted: Vec<String> = result
        .indicators
        .iter()
        .filter(|r| matches!((r.claimed, r.weight), (Some(c), Some(w)) if c < w))
        .map(|r| form.indicators[r.index].name.raw().trim().to_string())
        .collect();
    if !deducted.is_empty() && is_placeholder_reason(&form.deviation_analysis) {
        out.push(
            Code::ReasonMissing,
            Severity::Warning,
            "deviation_analysis",
            "偏差大或目标未完成原因分析",
            format!(
                "有 {} 项指标扣了分（{}），但“偏差大或目标未完成原因分析”为空。请说明扣分原因。",
                deducted.len(),
                deducted.join("、")
            ),
        );
    }
}

fn check_satisfaction_basis(out: &mut Findings, form: &ProjectForm, result: &ProjectResult) {
    const BASIS_WORDS: [&str; 6] = ["问卷", "调查", "调研", "测评", "回访", "样本"];
    let mentions = |c: &Cell| BASIS_WORDS.iter().any(|w| c.raw().contains(w));
    for r in &result.indicators {
        let ind = &form.indicators[r.index];
        if ind.level2 != Level2::Satisfaction || r.claimed.is_none() {
            continue;
        }
        if form.satisfaction_basis.is_empty()
            && !mentions(&ind.actual)
            && !mentions(&ind.reason)
            && !mentions(&ind.name)
        {
            out.push(
                Code::SatisfactionBasis,
                Severity::Info,
                format!("indicators.{}.actual", r.index),
                indicator_place(ind, r.index, "绩效指标"),
                "满意度没有注明依据（问卷调查、回访等）。建议注明调查方式和样本数量，以备核查。",
            );
        }
    }
}

fn validate_department(scheme: &Scheme, form: &DepartmentForm, result: &DepartmentResult) -> Vec<Finding> {
    let mut out = Findings(Vec::new());
    if let Some(rate) = &result.exec_rate {
        if let Some(printed) = printed_rate_percent(&form.funds.printed_rate) {
            if !printed_matches(printed, rate.value * Decimal::ONE_HUNDRED) {
                out.push(
                    Code::ExecRate,
                    Severity::Error,
                    "funds.rate",
                    "预算执行情况·执行率",
                    format!(
                        "执行率应为 {}（{}），表中填写 {}%。",
                        fmt_rate(rate.value),
                        rate.explanation,
                        fmt_num(printed)
                    ),
                );
            }
        }
        if rate.value > Decimal::ONE {
            out.push(
                Code::ExecRate,
                Severity::Error,
                "funds.total.spent",
                "预算执行情况·执行数",
                "执行数大于预算数，请核对。",
            );
        }
    }
    check_budget_score(
        &mut out,
        scheme,
        form.funds.printed_score.clone(),
        result.budget_exact,
        result.budget_score.as_ref().map(|b| b.value),
        result.exec_rate.as_ref().map(|r| r.value),
    );
    if result.weight_sum != scheme.total_points {
        out.push(
            Code::TotalWeight,
            Severity::Error,
            "total.weight",
            "总分·分值",
            format!(
                "预算执行 {} 加各年度目标分值合计为 {}，应为 {}。请调整年度目标分值。",
                fmt_num(scheme.budget.as_ref().map_or(Decimal::ZERO, |b| b.points)),
                fmt_num(result.weight_sum),
                fmt_num(scheme.total_points)
            ),
        );
    }
    for (gi, (goal, g)) in form.goals.iter().zip(&result.goals).enumerate() {
        let place = format!("年度目标{}", gi + 1);
        if let Some(w) = g.weight {
            if let (Some(o), Some(b)) = (g.output_weight, g.benefit_weight) {
                if o + b != w {
                    out.push(
                        Code::GroupWeight,
                        Severity::Error,
                        format!("goals.{gi}.weight"),
                        format!("{place}·分值"),
                        format!(
                            "{place}为 {} 分，但产出指标 {} + 效益指标 {} = {}。请使两者之和等于目标分值。",
                            fmt_num(w),
                            fmt_num(o),
                            fmt_num(b),
                            fmt_num(o + b)
                        ),
                    );
                }
            }
            if g.indicator_weight_sum != w {
                out.push(
                    Code::GroupWeight,
                    Severity::Error,
                    format!("goals.{gi}.weight"),
                    format!("{place}·分值"),
                    format!(
                        "{place}为 {} 分，其下各指标分值合计为 {}。请调整。",
                        fmt_num(w),
                        fmt_num(g.indicator_weight_sum)
                    ),
                );
            }
        }
        for (label, group_w, sum, key) in [
            ("产出指标", g.output_weight, g.output_indicator_weight_sum, "output"),
            ("效益指标", g.benefit_weight, g.benefit_indicator_weight_sum, "benefit"),
        ] {
            if let Some(gw) = group_w {
                if gw != sum {
                    out.push(
                        Code::GroupWeight,
                        Severity::Error,
                        format!("goals.{gi}.{key}_weight"),
                        format!("{place}·{label}"),
                        format!(
                            "{place}的{label}为 {} 分，其下指标分值合计为 {}。请调整。",
                            fmt_num(gw),
                            fmt_num(sum)
                        ),
                    );
                }
            }
        }
        check_indicators(
            &mut out,
            scheme,
            form.year,
            &goal.indicators,
            &g.indicators,
            &format!("goals.{gi}.indicators"),
            &format!("{place}·指标"),
            false,
        );
    }
    check_total(
        &mut out,
        scheme,
        &form.printed_total,
        None,
        Some((result.computed_total.value, &result.computed_total.explanation)),
        result.exec_rate.as_ref(),
    );
    let any_deducted = result
        .goals
        .iter()
        .flat_map(|g| &g.indicators)
        .any(|r| matches!((r.claimed, r.weight), (Some(c), Some(w)) if c < w));
    if any_deducted && is_placeholder_reason(&form.deviation_analysis) {
        out.push(
            Code::ReasonMissing,
            Severity::Warning,
            "deviation_analysis",
            "偏差大或目标未完成原因分析",
            "有指标扣分，但未填写偏差原因分析。",
        );
    }
    out.0
}

fn validate_evaluation(scheme: &Scheme, form: &EvaluationForm) -> Vec<Finding> {
    let mut out = Findings(Vec::new());
    let result = scoring::score_evaluation(scheme, form);
    if result.weight_sum != scheme.total_points {
        out.push(
            Code::TotalWeight,
            Severity::Error,
            "total.weight",
            "综合得分·分值",
            format!(
                "各项分值合计为 {}，应为 {}。",
                fmt_num(result.weight_sum),
                fmt_num(scheme.total_points)
            ),
        );
    }
    for (i, item) in form.items.iter().enumerate() {
        let name = item.name.raw().trim();
        check_number_cell(&mut out, &item.score, "得分", &|| {
            (format!("items.{i}.score"), format!("{name}·得分"))
        });
        if let Some(rule) = scheme.evaluation_items.iter().find(|r| name.contains(&r.name)) {
            if let (Some(fixed), Some(w)) = (rule.weight, item.weight.amount()) {
                if fixed != w {
                    out.push(
                        Code::GroupWeight,
                        Severity::Error,
                        format!("items.{i}.weight"),
                        format!("{name}·分值"),
                        format!("{name}的分值为 {}，评价方案规定为 {}。", fmt_num(w), fmt_num(fixed)),
                    );
                }
            }
        }
        if let (Some(s), Some(w)) = (item.score.amount(), item.weight.amount()) {
            if s < Decimal::ZERO || s > w {
                out.push(
                    Code::ScoreRange,
                    Severity::Error,
                    format!("items.{i}.score"),
                    format!("{name}·得分"),
                    format!("{name}得分 {} 超出 0–{} 分的范围。", fmt_num(s), fmt_num(w)),
                );
            }
        }
    }
    check_total(
        &mut out,
        scheme,
        &form.printed_total,
        Some(&form.printed_grade),
        Some((result.computed_total.value, &result.computed_total.explanation)),
        None,
    );
    out.0
}

fn validate_declaration(form: &DeclarationForm) -> Vec<Finding> {
    let mut out = Findings(Vec::new());
    for (cell, field, label) in [
        (&form.unit, "unit", "部门（单位）名称"),
        (&form.name, "name", "项目名称"),
        (&form.budget, "budget", "预算金额"),
        (&form.goal, "goal", "项目绩效目标"),
    ] {
        if cell.is_empty() {
            out.push(
                Code::DeclFieldMissing,
                Severity::Error,
                field,
                label,
                format!("“{label}”未填写，请补充。"),
            );
        }
    }
    let has = |pred: &dyn Fn(Level2) -> bool| form.indicators.iter().any(|i| pred(i.level2) && !i.content.is_empty());
    if !has(&|l| l == Level2::Quantity) {
        out.push(
            Code::DeclCategoryMissing,
            Severity::Error,
            "indicators",
            "绩效指标·产出数量指标",
            "缺少产出数量指标。每个项目至少应设置一个数量指标。",
        );
    }
    if !has(&|l| l.level1() == Level1::Benefit) {
        out.push(
            Code::DeclCategoryMissing,
            Severity::Error,
            "indicators",
            "绩效指标·效益指标",
            "缺少效益指标。请至少设置一个经济、社会、生态或可持续影响指标。",
        );
    }
    if !has(&|l| l == Level2::Satisfaction) {
        out.push(
            Code::DeclCategoryMissing,
            Severity::Warning,
            "indicators",
            "绩效指标·满意度指标",
            "未设置服务对象满意度指标。面向群众或服务对象的项目应设置满意度指标（如“满意度≥90%”）。",
        );
    }
    const SLOGAN_WORDS: [&str; 10] = [
        "进一步",
        "不断",
        "逐步",
        "切实",
        "全面",
        "有效",
        "大力",
        "积极",
        "努力",
        "深入",
    ];
    for (i, ind) in form.indicators.iter().enumerate() {
        let text = super::value::normalize(ind.content.raw());
        if text.trim().is_empty() {
            continue;
        }
        let place = format!("绩效指标第 {} 条（{}）", i + 1, ind.level2_label);
        let field = format!("indicators.{i}.content");
        let quantified = text.chars().any(|c| c.is_ascii_digit())
            || ["月底", "年底", "当年", "全年"].iter().any(|w| text.contains(w));
        if !quantified {
            let short: String = text.chars().take(20).collect();
            if SLOGAN_WORDS.iter().any(|w| text.contains(w)) {
                out.push(
                    Code::DeclSlogan,
                    Severity::Warning,
                    &field,
                    &place,
                    format!("“{short}…”是口号式表述，不是可考核的目标。请写明指标值，如“培训不少于3次”“满意度≥90%”。"),
                );
            } else {
                out.push(
                    Code::DeclNotQuantified,
                    Severity::Warning,
                    &field,
                    &place,
                    format!("“{short}…”没有量化的指标值（运算符、数值、单位或完成时限）。请补充。"),
                );
            }
        }
        if let Some(year) = form.year {
            for y in years_in(&text) {
                if y != year {
                    out.push(
                        Code::DeclDateWindow,
                        Severity::Warning,
                        &field,
                        &place,
                        format!("写到了 {y} 年，不在预算年度 {year} 年内。请核对时限。"),
                    );
                    break;
                }
            }
        }
    }
    check_declared_cost(&mut out, form);
    out.0
}

fn years_in(text: &str) -> Vec<i32> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for i in 0..chars.len().saturating_sub(4) {
        if chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && chars[i + 4] == '年'
            && (i == 0 || !chars[i - 1].is_ascii_digit())
        {
            if let Ok(y) = chars[i..i + 4].iter().collect::<String>().parse() {
                out.push(y);
            }
        }
    }
    out
}

/// Money amounts written in cost indicators vs 预算金额.
fn check_declared_cost(out: &mut Findings, form: &DeclarationForm) {
    let budget = match form.budget.parsed().value {
        Value::Number { amount, unit, .. } => {
            money_factor_to_wan(if unit.is_empty() { "元" } else { &unit }).map(|f| amount * f)
        }
        _ => None,
    };
    let Some(budget) = budget else { return };
    let mut sum = Decimal::ZERO;
    let mut found = 0;
    for ind in form.indicators.iter().filter(|i| i.level2 == Level2::Cost) {
        for (amount, unit) in money_amounts(ind.content.raw()) {
            if let Some(f) = money_factor_to_wan(&unit) {
                sum += amount * f;
                found += 1;
            }
        }
    }
    if found == 0 {
        return;
    }
    if sum > budget {
        out.push(
            Code::DeclCostMismatch,
            Severity::Error,
            "budget",
            "预算金额",
            format!(
                "成本指标中的金额合计 {} 万元，超过预算金额 {} 万元。请核对成本指标或预算金额。",
                fmt_num(sum),
                fmt_num(budget)
            ),
        );
    } else if sum != budget {
        out.push(
            Code::DeclCostMismatch,
            Severity::Info,
            "budget",
            "预算金额",
            format!(
                "成本指标中的金额合计 {} 万元，与预算金额 {} 万元不一致。如成本指标只覆盖部分支出，可忽略。",
                fmt_num(sum),
                fmt_num(budget)
            ),
        );
    }
}

/// "预计投入390.973万元" → [(390.973, "万元")].
fn money_amounts(text: &str) -> Vec<(Decimal, String)> {
    let norm = super::value::normalize(text);
    let mut out = Vec::new();
    for piece in norm.split(['，', ',', '；', ';', '。', '\n']) {
        if let Value::Number { amount, unit, .. } = super::value::parse_value(piece).value {
            if money_factor_to_wan(&unit).is_some() {
                out.push((amount, unit));
            }
        }
    }
    out
}

/// Helper for tests and the UI: the codes of a list of findings.
pub fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}
