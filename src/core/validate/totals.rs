//! 总分 and 等级 of any scored form: TOTAL_SUM, EXEC_CAP, GRADE; the Hubei
//! 总目标 score; forms not scored (NOT_SCORED_ROWS).

use rust_decimal::Decimal;

use super::{value_format, Code, Findings, Severity};
use crate::core::field::{Field, GoalColumn, IndicatorColumn};

use crate::core::model::{Cell, ProjectForm, ProjectLayout};
use crate::core::scheme::{Figure, Scheme};
use crate::core::scoring::{self, fmt_num, fmt_rate, Explained, ProjectResult};

/// The printed 总分/等级 and what the form's parts add up to.
pub(super) struct Totals<'a> {
    pub scheme: &'a Scheme,
    pub printed_total: &'a Cell,
    /// None for layouts without a grade cell (Hubei).
    pub printed_grade: Option<&'a Cell>,
    /// The computed total and its explanation.
    pub computed: Option<(Decimal, &'a str)>,
    pub rate: Option<&'a Explained>,
    /// The weights add up to the scheme's total: otherwise the sum of the
    /// scores is no total to copy, and TOTAL_WEIGHT says what to fix first.
    pub weights_ok: bool,
    /// The sum once the scores other findings call wrong are corrected, with
    /// what was changed ("预算执行得分 10 → 9"); None when nothing is.
    pub corrected: Option<(Decimal, Vec<String>)>,
}

/// What the total becomes when the scores that EXEC_SCORE and
/// SCORE_VS_TARGET call wrong are set to the values they suggest: the total
/// advised must agree with the other findings on the form.
pub(super) fn corrected_total(findings: &[super::Finding], result: &ProjectResult) -> Option<(Decimal, Vec<String>)> {
    let total = result.computed_total.as_ref()?.value;
    let mut changes = Vec::new();
    let mut corrected = total;
    let flagged = |code: Code, field: Field| findings.iter().any(|f| f.code == code && f.field == field);
    if let (Some(claimed), Some(value)) = (result.budget_claimed, result.budget_score.as_ref().map(|b| b.value)) {
        if claimed != value && flagged(Code::ExecScore, Field::FundScore) {
            corrected = corrected.saturating_sub(claimed).saturating_add(value);
            changes.push(format!("预算执行得分 {} → {}", fmt_num(claimed), fmt_num(value)));
        }
    }
    for r in &result.indicators {
        let (Some(claimed), Some(suggested)) = (r.claimed, r.suggested()) else {
            continue;
        };
        if claimed != suggested && flagged(Code::ScoreVsTarget, Field::indicator(r.index, IndicatorColumn::Score)) {
            corrected = corrected.saturating_sub(claimed).saturating_add(suggested);
            changes.push(format!(
                "第 {} 行得分 {} → {}",
                r.index + 1,
                fmt_num(claimed),
                fmt_num(suggested)
            ));
        }
    }
    (!changes.is_empty()).then_some((corrected, changes))
}

pub(super) fn check(out: &mut Findings, t: &Totals) {
    let Some((total, how)) = t.computed else { return };
    value_format(out, t.printed_total, "总分", Field::Total, || Field::Total.label());
    let printed = t.scheme.limits().read(Figure::Score, t.printed_total);
    total_sum(out, t, printed, total, how);
    let capped = scoring::capped_total(t.scheme, total, t.rate);
    exec_cap(out, total, capped, t.rate);
    // The grade goes with the total written beside it (TOTAL_SUM speaks
    // about a wrong total); the computed one when none is readable.
    let basis = printed.map_or(capped, |p| scoring::capped_total(t.scheme, p, t.rate));
    if let Some(cell) = t.printed_grade {
        grade(out, t.scheme, cell, basis);
    }
}

/// TOTAL_SUM: the printed total against the sum of the parts. While the
/// weights are wrong the sum is no total to copy: a warning points at them.
fn total_sum(out: &mut Findings, t: &Totals, printed: Option<Decimal>, total: Decimal, how: &str) {
    match printed {
        Some(p) if !t.weights_ok && !super::printed_matches(p, total) => out.at(
            Code::TotalSum,
            Severity::Warning,
            Field::Total,
            format!(
                "表中总分 {} 与各项得分合计 {}（{}）不一致。分值合计不等于满分（见“分值合计不等于满分”）：请先调整分值和得分，再按各项得分之和填写总分。",
                fmt_num(p),
                fmt_num(total),
                how
            ),
        ),
        Some(p) if !super::printed_matches(p, total) => {
            let advice = match &t.corrected {
                Some((c, changes)) if super::printed_matches(p, *c) => format!(
                    "如按本表其他问题的建议改正（{}），总分为 {}，与表中一致：请改正这些得分。",
                    changes.join("，"),
                    fmt_num(*c)
                ),
                Some((c, changes)) => format!(
                    "按本表其他问题的建议改正后（{}），总分为 {}：请改正这些得分，并把总分改为 {}。",
                    changes.join("，"),
                    fmt_num(*c),
                    fmt_num(*c)
                ),
                None => format!("请改为 {}。", fmt_num(total)),
            };
            out.at(
                Code::TotalSum,
                Severity::Error,
                Field::Total,
                format!(
                    "总分应为各项得分之和 {}（{}），表中填写 {}。{advice}",
                    fmt_num(total),
                    how,
                    fmt_num(p)
                ),
            )
        }
        None if t.printed_total.is_empty() => out.at(
            Code::TotalSum,
            Severity::Warning,
            Field::Total,
            format!("总分未填写，按各项得分合计应为 {}（{}）。", fmt_num(total), how),
        ),
        _ => {}
    }
}

/// EXEC_CAP (optional scheme rule): the total above its execution band's cap.
fn exec_cap(out: &mut Findings, total: Decimal, capped: Decimal, rate: Option<&Explained>) {
    if capped >= total {
        return;
    }
    out.at(
        Code::ExecCap,
        Severity::Error,
        Field::Total,
        format!(
            "执行率 {} 所在区间的总分上限为 {}，按各项合计为 {}。请按方案将总分控制在 {} 以内。",
            rate.map(|r| fmt_rate(r.value)).unwrap_or_default(),
            fmt_num(capped),
            fmt_num(total),
            fmt_num(capped)
        ),
    );
}

/// GRADE: the written grade against the (capped) total's band.
fn grade(out: &mut Findings, scheme: &Scheme, cell: &Cell, total: Decimal) {
    let expected = scheme.grade_for(total);
    let written = cell.raw().trim();
    if written.is_empty() {
        out.at(
            Code::GradeMissing,
            Severity::Warning,
            Field::Grade,
            format!("等级未填写，总分 {} 对应等级为“{}”。", fmt_num(total), expected.label),
        );
        return;
    }
    match scheme.grade_by_label(written) {
        None => out.at(
            Code::Grade,
            Severity::Error,
            Field::Grade,
            format!(
                "等级“{written}”不是规范写法，应为 优/良/中/差 之一；总分 {} 对应“{}”。",
                fmt_num(total),
                expected.label
            ),
        ),
        Some(band) if band.label != expected.label => out.at(
            Code::Grade,
            Severity::Error,
            Field::Grade,
            format!(
                "总分 {} 对应等级为“{}”，表中填写“{written}”。请改为“{}”。",
                fmt_num(total),
                expected.label,
                expected.label
            ),
        ),
        Some(_) => {}
    }
}

/// The Hubei 项目绩效总目标 score: SCORE_RANGE, VALUE_FORMAT and, when
/// missing, UNSCORED_ROW.
pub(super) fn goal_score(out: &mut Findings, scheme: &Scheme, form: &ProjectForm, result: &ProjectResult) {
    let field = Field::Goal(GoalColumn::Score);
    if let (Some(points), Some(claimed)) = (scheme.goal_points, result.goal_claimed) {
        if claimed < Decimal::ZERO || claimed > points {
            out.at(
                Code::ScoreRange,
                Severity::Error,
                field,
                format!(
                    "总目标得分 {} 超出 0–{} 分的范围。请改为不超过 {} 的分数。",
                    fmt_num(claimed),
                    fmt_num(points),
                    fmt_num(points)
                ),
            );
        }
    }
    value_format(out, &form.goal_score, "总目标得分", field, || field.label());
    if form.layout == ProjectLayout::Hubei
        && scheme.goal_points.is_some()
        && form.goal_score.is_empty()
        && !result.indicators.is_empty()
    {
        out.at(
            Code::UnscoredRow,
            Severity::Info,
            field,
            "总目标得分未填写，总分按 0 分计算。请填写单位对总目标完成情况的评分。",
        );
    }
}

/// A form not scored (项目未开展): a grade written anyway (GRADE), and rows
/// that still carry scores (NOT_SCORED_ROWS). "—" or "/" in the grade cell
/// is the unit's own "不计分数", never a finding.
pub(super) fn not_scored(out: &mut Findings, form: &ProjectForm) {
    if !form.printed_grade.is_blank() {
        out.at(
            Code::Grade,
            Severity::Warning,
            Field::Grade,
            format!(
                "项目未开展、不计分数，不应评定等级（表中填写“{}”）。请删除等级。",
                form.printed_grade.raw().trim()
            ),
        );
    }
    let scored: Vec<(usize, Decimal)> = form
        .real_indicators()
        .filter_map(|(i, ind)| ind.score.amount().map(|s| (i, s)))
        .collect();
    let budget = form.funds.printed_score.amount();
    let Some(first) = scored
        .first()
        .map(|(i, _)| Field::indicator(*i, IndicatorColumn::Score))
        .or(budget.map(|_| Field::FundScore))
    else {
        return;
    };
    let mut what: Vec<String> = Vec::new();
    if let Some(b) = budget {
        what.push(format!("预算执行得分 {}", fmt_num(b)));
    }
    if !scored.is_empty() {
        let rows: Vec<String> = scored
            .iter()
            .take(5)
            .map(|(i, s)| format!("第 {} 行 {}", i + 1, fmt_num(*s)))
            .collect();
        let more = if scored.len() > 5 { "等" } else { "" };
        what.push(format!("{} 项指标得分（{}{more}）", scored.len(), rows.join("、")));
    }
    out.at(
        Code::NotScoredRows,
        Severity::Warning,
        first,
        format!(
            "{}，但仍填写了{}。不计分数的表不参加得分统计：请删去这些得分；如项目实际开展了，请填写总分和等级。",
            if form.not_carried_out {
                "已标为“项目未开展（不计分数）”".to_string()
            } else {
                format!(
                    "总分和等级为“{}”，表示项目未开展、不计分数",
                    form.printed_total.raw().trim()
                )
            },
            what.join("、")
        ),
    );
}
