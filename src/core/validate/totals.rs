//! 总分 and 等级 of any scored form: TOTAL_SUM, EXEC_CAP, GRADE; the Hubei
//! 总目标 score; forms not scored (NOT_SCORED_ROWS).

use rust_decimal::Decimal;

use super::{value_format, Code, Finding, Findings, Severity, SuggestedValue};
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
    /// The scores the computed total adds up: each one's cell and the value
    /// counted (None: nothing counted, e.g. a blank score).
    pub parts: Vec<(Field, Option<Decimal>)>,
}

/// The parts of a project form's total: the budget score (the claimed one,
/// else the scheme's, as the computed total counts it), the Hubei 总目标
/// score and every scored indicator row.
pub(super) fn project_parts(result: &ProjectResult) -> Vec<(Field, Option<Decimal>)> {
    let budget = result
        .budget_claimed
        .or(result.budget_score.as_ref().map(|b| b.value));
    [(Field::FundScore, budget), (Field::Goal(GoalColumn::Score), result.goal_claimed)]
        .into_iter()
        .chain(
            result
                .indicators
                .iter()
                .map(|r| (Field::indicator(r.index, IndicatorColumn::Score), r.claimed)),
        )
        .collect()
}

/// What the total becomes when the scores other findings advise are written.
#[derive(Debug, PartialEq)]
pub(super) enum Corrected {
    /// No finding advises another score.
    Unchanged,
    /// The total with the advised scores, what changed ("预算执行得分 10 →
    /// 9"), and whether an error (not only warnings) advises a change.
    To(Decimal, Vec<String>, bool),
    /// A score the total counts is called wrong without a value to write
    /// (out of range, not a number, full marks for a missed target): no
    /// total can be advised before it is corrected. Names those scores.
    Pending(Vec<String>),
}

/// "预算执行得分", "第 3 行得分", "年度目标2·第 3 行得分".
fn part_label(field: Field) -> String {
    match field {
        Field::FundScore => "预算执行得分".into(),
        Field::Goal(GoalColumn::Score) => "总目标得分".into(),
        Field::Indicator(r, _) => match r.goal {
            Some(g) => format!("年度目标{}·第 {} 行得分", g + 1, r.row + 1),
            None => format!("第 {} 行得分", r.row + 1),
        },
        Field::EvalItem(i, _) => format!("第 {} 项得分", i + 1),
        other => other.label(),
    }
}

/// The total once the scores that other findings on the form advise (their
/// [`super::Suggested`] values) replace the counted ones: the total advised
/// must agree with every other piece of advice on the form.
pub(super) fn corrected_total(findings: &[Finding], total: Decimal, parts: &[(Field, Option<Decimal>)]) -> Corrected {
    let mut corrected = total;
    let mut changes = Vec::new();
    let mut pending = Vec::new();
    let mut done: Vec<Field> = Vec::new();
    let mut from_error = false;
    for f in findings {
        let advised = f.suggested.as_ref().and_then(|s| s.value.number().map(|v| (s.field, v)));
        match advised {
            Some((field, value)) => {
                let Some((_, counted)) = parts.iter().find(|(p, _)| *p == field) else {
                    continue;
                };
                if done.contains(&field) {
                    continue;
                }
                done.push(field);
                let counted = counted.unwrap_or_default();
                if value != counted {
                    from_error |= f.severity == Severity::Error;
                    corrected = corrected.saturating_sub(counted).saturating_add(value);
                    changes.push(format!("{} {} → {}", part_label(field), fmt_num(counted), fmt_num(value)));
                }
            }
            None if f.severity == Severity::Error && parts.iter().any(|(p, _)| *p == f.field) => {
                let label = part_label(f.field);
                if !pending.contains(&label) {
                    pending.push(label);
                }
            }
            None => {}
        }
    }
    if !pending.is_empty() {
        Corrected::Pending(pending)
    } else if changes.is_empty() {
        Corrected::Unchanged
    } else {
        Corrected::To(corrected, changes, from_error)
    }
}

pub(super) fn check(out: &mut Findings, t: &Totals) {
    let Some((total, how)) = t.computed else { return };
    value_format(out, t.printed_total, "总分", Field::Total, || Field::Total.label());
    let printed = t.scheme.limits().read(Figure::Score, t.printed_total);
    let corrected = corrected_total(&out.0, total, &t.parts);
    let advised = total_sum(out, t, printed, total, how, &corrected);
    let capped = scoring::capped_total(t.scheme, total, t.rate);
    exec_cap(out, total, capped, t.rate);
    // The grade goes with the total shown: the one advised, else the one
    // written, else the computed one.
    let cap = |d: Decimal| scoring::capped_total(t.scheme, d, t.rate);
    let basis = advised.or(printed).map_or(capped, cap);
    // A total advised to change: a grade that fits the written total is
    // not a second problem, only to follow the total (a hint).
    let follows = match (printed, advised) {
        (Some(p), Some(a)) if p != a => Some(cap(p)),
        _ => None,
    };
    if let Some(cell) = t.printed_grade {
        grade(out, t.scheme, cell, basis, follows);
    }
}

/// TOTAL_SUM: the printed total against the sum of the parts, after the
/// scores other findings advise. While the weights are wrong the sum is no
/// total to copy: a warning points at them. Returns the total it advises.
fn total_sum(
    out: &mut Findings,
    t: &Totals,
    printed: Option<Decimal>,
    total: Decimal,
    how: &str,
    corrected: &Corrected,
) -> Option<Decimal> {
    if !t.weights_ok {
        if let Some(p) = printed.filter(|p| !super::printed_matches(*p, total)) {
            out.at(
                Code::TotalSum,
                Severity::Warning,
                Field::Total,
                format!(
                    "表中总分 {} 与各项得分合计 {}（{}）不一致。分值合计不等于满分（见“分值合计不等于满分”）：请先调整分值和得分，再按各项得分之和填写总分。",
                    fmt_num(p),
                    fmt_num(total),
                    how
                ),
            );
        }
        return None;
    }
    let advised = match corrected {
        Corrected::To(c, ..) => *c,
        _ => total,
    };
    let pending = |names: &[String]| {
        format!(
            "{}有待改正（见本表其他问题），改正后请按各项得分之和重新填写总分。",
            names.join("、")
        )
    };
    match printed {
        Some(p) if super::printed_matches(p, advised) => {
            // Right once the advised scores are written, but not the sum of
            // the scores as printed: the scores are to change, not the total.
            if let Corrected::To(_, changes, _) = corrected {
                if !super::printed_matches(p, total) {
                    out.at(
                        Code::TotalSum,
                        Severity::Error,
                        Field::Total,
                        format!(
                            "总分应为各项得分之和 {}（{}），表中填写 {}。按本表其他问题的建议改正（{}）后，合计为 {}，与表中总分一致：请改正这些得分，总分不用改。",
                            fmt_num(total),
                            how,
                            fmt_num(p),
                            changes.join("，"),
                            fmt_num(p)
                        ),
                    );
                }
            }
            None
        }
        Some(p) => {
            let matches_sum = super::printed_matches(p, total);
            let (severity, message, value) = match corrected {
                Corrected::Pending(_) if matches_sum => return None,
                Corrected::Pending(names) => (
                    Severity::Error,
                    format!(
                        "总分应为各项得分之和 {}（{}），表中填写 {}。{}",
                        fmt_num(total),
                        how,
                        fmt_num(p),
                        pending(names)
                    ),
                    None,
                ),
                // The printed total adds up the scores as written: it only
                // has to follow the scores that errors correct (a score
                // only warned about may stay, with its reason).
                Corrected::To(_, _, false) if matches_sum => return None,
                Corrected::To(c, changes, true) if matches_sum => (
                    Severity::Info,
                    format!(
                        "表中总分 {} 等于现有各项得分之和；按本表其他问题的建议改正后（{}），总分应为 {}：改正这些得分时请同时把总分改为 {}。",
                        fmt_num(p),
                        changes.join("，"),
                        fmt_num(*c),
                        fmt_num(*c)
                    ),
                    Some(*c),
                ),
                Corrected::To(c, changes, _) => (
                    Severity::Error,
                    format!(
                        "各项得分之和为 {}（{}），表中填写 {}。按本表其他问题的建议改正后（{}），总分应为 {}：请改正这些得分，并把总分改为 {}。",
                        fmt_num(total),
                        how,
                        fmt_num(p),
                        changes.join("，"),
                        fmt_num(*c),
                        fmt_num(*c)
                    ),
                    Some(*c),
                ),
                Corrected::Unchanged => (
                    Severity::Error,
                    format!(
                        "总分应为各项得分之和 {}（{}），表中填写 {}。请改为 {}。",
                        fmt_num(total),
                        how,
                        fmt_num(p),
                        fmt_num(total)
                    ),
                    Some(total),
                ),
            };
            out.at(Code::TotalSum, severity, Field::Total, message);
            if let Some(v) = value {
                out.advise(SuggestedValue::Number(v));
            }
            value
        }
        None if t.printed_total.is_empty() => {
            match corrected {
                Corrected::Pending(names) => out.at(
                    Code::TotalSum,
                    Severity::Warning,
                    Field::Total,
                    format!("总分未填写，现有各项得分合计为 {}（{}）。{}", fmt_num(total), how, pending(names)),
                ),
                Corrected::To(c, changes, _) => out.suggest(
                    Code::TotalSum,
                    Severity::Warning,
                    Field::Total,
                    format!(
                        "总分未填写。现有各项得分合计为 {}（{}）；按本表其他问题的建议改正后（{}），总分应为 {}。请填写 {}。",
                        fmt_num(total),
                        how,
                        changes.join("，"),
                        fmt_num(*c),
                        fmt_num(*c)
                    ),
                    SuggestedValue::Number(*c),
                ),
                Corrected::Unchanged => out.suggest(
                    Code::TotalSum,
                    Severity::Warning,
                    Field::Total,
                    format!("总分未填写，按各项得分合计应为 {}（{}）。请填写 {}。", fmt_num(total), how, fmt_num(total)),
                    SuggestedValue::Number(total),
                ),
            }
            match corrected {
                Corrected::Pending(_) => None,
                _ => Some(advised),
            }
        }
        None => None,
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
fn grade(out: &mut Findings, scheme: &Scheme, cell: &Cell, total: Decimal, printed: Option<Decimal>) {
    let expected = scheme.grade_for(total);
    let written = cell.raw().trim();
    if written.is_empty() {
        out.suggest(
            Code::GradeMissing,
            Severity::Warning,
            Field::Grade,
            format!(
                "等级未填写，总分 {} 对应等级为“{}”。请填写“{}”。",
                fmt_num(total),
                expected.label,
                expected.label
            ),
            SuggestedValue::Grade(expected.label.clone()),
        );
        return;
    }
    let advice = SuggestedValue::Grade(expected.label.clone());
    match scheme.grade_by_label(written) {
        None => out.suggest(
            Code::Grade,
            Severity::Error,
            Field::Grade,
            format!(
                "等级“{written}”不是规范写法，应为 优/良/中/差 之一；总分 {} 对应“{}”。请改为“{}”。",
                fmt_num(total),
                expected.label,
                expected.label
            ),
            advice,
        ),
        Some(band)
            if band.label != expected.label
                && printed.is_some_and(|p| scheme.grade_for(p).label == band.label) =>
        {
            out.suggest(
                Code::Grade,
                Severity::Info,
                Field::Grade,
                format!(
                    "表中等级“{written}”与表中总分 {} 相符；总分按建议改为 {} 后，等级应相应改为“{}”。",
                    fmt_num(printed.unwrap_or_default()),
                    fmt_num(total),
                    expected.label
                ),
                advice,
            )
        }
        Some(band) if band.label != expected.label => out.suggest(
            Code::Grade,
            Severity::Error,
            Field::Grade,
            format!(
                "总分 {} 对应等级为“{}”，表中填写“{written}”。请改为“{}”。",
                fmt_num(total),
                expected.label,
                expected.label
            ),
            advice,
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
