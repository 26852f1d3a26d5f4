//! Indicator rows: VALUE_FORMAT of 分值/得分, DATE_WINDOW, NOT_MEASURABLE,
//! UNSCORED_ROW, SCORE_RANGE, SCORE_VS_TARGET, REASON_MISSING, OVER_ACHIEVED,
//! DEVIATION; and the form-wide INFLATED, the Hubei reason block and
//! SATISFACTION_BASIS.

use rust_decimal::Decimal;

use super::{is_placeholder_reason, printed_matches, value_format, Code, Findings, Severity, SuggestedValue};
use crate::core::field::{Field, Header, IndicatorColumn, RowRef};
use crate::core::model::{Cell, Indicator, Level2, ProjectForm, ProjectLayout};
use crate::core::scheme::Scheme;
use crate::core::scoring::{fmt_num, fmt_rate, Direction, Expected, IndicatorResult, ProjectResult};
use crate::core::value::{Parsed, Value};

/// An indicator table with its scores: a project form's, or one 年度目标's
/// of a department form.
pub(super) struct Rows<'a> {
    pub scheme: &'a Scheme,
    pub year: Option<i32>,
    pub indicators: &'a [Indicator],
    pub results: &'a [IndicatorResult],
    /// The department form's 年度目标 these rows belong to.
    pub goal: Option<usize>,
    /// The table has a 偏差原因分析 column (project forms).
    pub reason_column: bool,
    /// 不计分数: only the cells are checked, not the scores.
    pub not_scored: bool,
}

/// One scored row and how to name its places.
struct Row<'a> {
    rows: &'a Rows<'a>,
    ind: &'a Indicator,
    r: &'a IndicatorResult,
}

impl Row<'_> {
    fn field(&self, column: IndicatorColumn) -> Field {
        Field::Indicator(
            RowRef {
                goal: self.rows.goal,
                row: self.r.index,
            },
            column,
        )
    }

    fn location(&self, column: IndicatorColumn) -> String {
        format!(
            "{}·{}",
            indicator_place(self.ind, self.r.index, self.rows.goal),
            column.label()
        )
    }

    fn push(&self, out: &mut Findings, code: Code, severity: Severity, column: IndicatorColumn, message: String) {
        out.push(code, severity, self.field(column), self.location(column), message);
    }

    /// The 偏差原因 cell is on the form: project rows whose 二级 label does
    /// not carry a weight (Hubei imported rows explain in one text block).
    fn has_reason_cell(&self) -> bool {
        self.rows.reason_column && !self.ind.level2_label.contains('分')
    }
}

/// "绩效指标第 4 行（质量指标·业务工作质量）".
pub(super) fn indicator_place(ind: &Indicator, index: usize, goal: Option<usize>) -> String {
    let name = ind.name.raw().trim();
    let name = if name.chars().count() > 16 {
        format!("{}…", name.chars().take(16).collect::<String>())
    } else {
        name.to_string()
    };
    let table = goal.map_or("绩效指标".to_string(), |g| format!("年度目标{}·指标", g + 1));
    format!("{table}第 {} 行（{}·{}）", index + 1, ind.level2.label(), name)
}

/// Every per-row check, row by row.
pub(super) fn check(out: &mut Findings, rows: &Rows) {
    for r in rows.results {
        let row = Row {
            rows,
            ind: &rows.indicators[r.index],
            r,
        };
        for column in [IndicatorColumn::Weight, IndicatorColumn::Score] {
            let what = column.label();
            value_format(out, row.ind_cell(column), what, row.field(column), || {
                row.location(column)
            });
        }
        date_window(out, &row, IndicatorColumn::Target);
        date_window(out, &row, IndicatorColumn::Actual);
        not_measurable(out, &row);
        if rows.not_scored {
            continue;
        }
        let Some(claimed) = r.claimed else {
            unscored_row(out, &row);
            continue;
        };
        if !score_range(out, &row, claimed) {
            continue;
        }
        unscored_basis(out, &row, claimed);
        score_vs_target(out, &row, claimed);
        reason_missing(out, &row, claimed);
        over_achieved(out, &row);
        deviation(out, &row, claimed);
    }
}

impl Row<'_> {
    fn ind_cell(&self, column: IndicatorColumn) -> &Cell {
        match column {
            IndicatorColumn::Name => &self.ind.name,
            IndicatorColumn::Target => &self.ind.target,
            IndicatorColumn::Actual => &self.ind.actual,
            IndicatorColumn::Weight => &self.ind.weight,
            IndicatorColumn::Score => &self.ind.score,
            IndicatorColumn::Reason | IndicatorColumn::Content => &self.ind.reason,
        }
    }
}

/// DATE_WINDOW: a 时效 value written for another year than the form's.
fn date_window(out: &mut Findings, row: &Row, column: IndicatorColumn) {
    let Some(year) = row.rows.year else { return };
    let (parsed, what): (&Parsed, &str) = match column {
        IndicatorColumn::Target => (&row.r.target, "指标值"),
        _ => (&row.r.actual, "完成值"),
    };
    let written = match parsed.value {
        Value::Deadline { year: Some(y), .. } | Value::Period { year: Some(y), .. } => y,
        _ => return,
    };
    if written != year {
        row.push(
            out,
            Code::DateWindow,
            Severity::Warning,
            column,
            format!(
                "{what}“{}”写的是 {written} 年，不在评价年度 {year} 年内。请核对是否照抄了往年的表。",
                row.ind_cell(column).raw().trim()
            ),
        );
    }
}

/// NOT_MEASURABLE: a target that is neither a number (or date) nor a
/// recognised qualitative level (see `measurable.rs`).
fn not_measurable(out: &mut Findings, row: &Row) {
    let ind = row.ind;
    let name = strip_indicator_prefix(ind.name.raw());
    let Some(reason) = super::measurable::not_measurable(ind.target.raw(), &row.r.target, &name, ind.actual.raw())
    else {
        return;
    };
    row.push(
        out,
        Code::NotMeasurable,
        Severity::Warning,
        IndicatorColumn::Target,
        format!(
            "指标值未量化：{reason}。请写成可衡量的指标值，如{}；定性指标写明等级（如“达标”“合格”“好”）。",
            super::measurable::examples(ind.level2)
        ),
    );
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

/// UNSCORED_ROW: a weighted row with no score (a score that is not a
/// number is VALUE_FORMAT's).
fn unscored_row(out: &mut Findings, row: &Row) {
    if row.ind.score.parsed().is_blank() && row.r.weight.is_some_and(|w| w > Decimal::ZERO) {
        row.push(
            out,
            Code::UnscoredRow,
            Severity::Warning,
            IndicatorColumn::Score,
            "该指标有分值但未填写得分。请填写得分；如不适用，请标为“不涉及”。".into(),
        );
    }
}

/// UNSCORED_ROW: points given without a target or an actual value to judge.
fn unscored_basis(out: &mut Findings, row: &Row, claimed: Decimal) {
    if claimed <= Decimal::ZERO {
        return;
    }
    let blank = |p: &Parsed| matches!(p.value, Value::Empty | Value::Marker { .. });
    if blank(&row.r.target) {
        row.push(
            out,
            Code::UnscoredRow,
            Severity::Warning,
            IndicatorColumn::Target,
            format!(
                "指标值为空或“{}”，却给了 {} 分。没有指标值就无法评价完成情况：请补充指标值，或标为“不涉及”。",
                row.ind.target.raw().trim(),
                fmt_num(claimed)
            ),
        );
    }
    if blank(&row.r.actual) {
        row.push(
            out,
            Code::UnscoredRow,
            Severity::Warning,
            IndicatorColumn::Actual,
            format!(
                "实际完成值为空或“{}”，却给了 {} 分。请填写实际完成值，或说明未完成并相应扣分。",
                row.ind.actual.raw().trim(),
                fmt_num(claimed)
            ),
        );
    }
}

/// SCORE_RANGE: 0 ≤ 得分 ≤ 分值, and a score needs a weight. False when the
/// score is out of range (the checks that compare it are then skipped).
fn score_range(out: &mut Findings, row: &Row, claimed: Decimal) -> bool {
    let Some(w) = row.r.weight else {
        row.push(
            out,
            Code::ScoreRange,
            Severity::Error,
            IndicatorColumn::Weight,
            format!(
                "该指标填写了得分 {}，但没有分值，无法判断得分是否超出。请填写分值。",
                fmt_num(claimed)
            ),
        );
        return false;
    };
    if claimed < Decimal::ZERO || claimed > w {
        row.push(
            out,
            Code::ScoreRange,
            Severity::Error,
            IndicatorColumn::Score,
            format!(
                "得分 {} 超出 0–{} 分的范围（分值 {}）。请改为不超过 {} 的分数。",
                fmt_num(claimed),
                fmt_num(w),
                fmt_num(w),
                fmt_num(w)
            ),
        );
        return false;
    }
    true
}

/// SCORE_VS_TARGET: the score against what the target and actual give.
fn score_vs_target(out: &mut Findings, row: &Row, claimed: Decimal) {
    let r = row.r;
    let Some(w) = r.weight else { return };
    let reverse = r.direction == Some(Direction::Reverse);
    let (severity, message, advice) = match &r.expected {
        Expected::Exact { score, met: false } if claimed > *score && !printed_matches(claimed, *score) => {
            let full = if claimed == w { "给了满分" } else { "得分偏高" };
            (
                Severity::Error,
                format!(
                    "实际完成值未达到指标值，却{full}（{}）。按完成比例应得 {}：{}。请改为 {} 或说明理由。",
                    fmt_num(claimed),
                    fmt_num(*score),
                    r.explanation,
                    fmt_num(*score)
                ),
                Some(*score),
            )
        }
        Expected::Exact { met: true, .. } if claimed < w => {
            let what = if reverse {
                "反向（成本类）指标已达标（实际未超过指标值）"
            } else {
                "指标已达成"
            };
            (Severity::Warning,
                format!("{what}，应得满分 {}，表中只给了 {}。{}。如按正向比例计分属误算，请改为 {}；如因质量等原因扣分，请在原因中说明。",
                    fmt_num(w), fmt_num(claimed), r.explanation, fmt_num(w)), Some(w))
        }
        Expected::Missed if claimed >= w => (
            Severity::Error,
            format!(
                "{}，却给了满分 {}。请按完成情况扣分并说明原因。",
                r.explanation,
                fmt_num(claimed)
            ),
            None,
        ),
        Expected::Tier { judgement, min, max } => {
            let inside = claimed >= *min && (claimed <= *max) && (claimed < *max || *max == w);
            if inside {
                return;
            }
            (
                Severity::Warning,
                format!(
                    "完成情况为“{}”，按定性分档得分应在 {}–{} 之间，表中为 {}。请核对。",
                    judgement.label(),
                    fmt_num(*min),
                    fmt_num(*max),
                    fmt_num(claimed)
                ),
                None,
            )
        }
        _ => return,
    };
    row.push(out, Code::ScoreVsTarget, severity, IndicatorColumn::Score, message);
    if let Some(value) = advice {
        out.advise(SuggestedValue::Number(value));
    }
}

/// REASON_MISSING: a deduction without an explanation in the row.
fn reason_missing(out: &mut Findings, row: &Row, claimed: Decimal) {
    let Some(w) = row.r.weight else { return };
    let reason = &row.ind.reason;
    if claimed >= w || !is_placeholder_reason(reason) || !row.has_reason_cell() {
        return;
    }
    row.push(
        out,
        Code::ReasonMissing,
        Severity::Warning,
        IndicatorColumn::Reason,
        format!(
            "得分 {} 低于分值 {}（扣 {} 分），但未说明偏差原因{}。请填写扣分原因和改进措施。",
            fmt_num(claimed),
            fmt_num(w),
            fmt_num(w.saturating_sub(claimed)),
            if reason.is_empty() {
                String::new()
            } else {
                format!("（只写了“{}”)", reason.raw().trim())
            }
        ),
    );
}

/// OVER_ACHIEVED: far above a forward target with no explanation.
fn over_achieved(out: &mut Findings, row: &Row) {
    if !row.r.over_achieved || !is_placeholder_reason(&row.ind.reason) {
        return;
    }
    row.push(
        out,
        Code::OverAchieved,
        Severity::Warning,
        IndicatorColumn::Reason,
        format!(
            "完成值超过指标值的 {} 倍（{} 对 {}），指标值可能设置偏低。请在偏差原因中说明；不自动扣分。",
            fmt_num(row.rows.scheme.over_achievement_factor),
            row.ind.actual.raw().trim(),
            row.ind.target.raw().trim()
        ),
    );
}

/// DEVIATION (optional scheme rule): a deviation above the threshold that
/// was not deducted.
fn deviation(out: &mut Findings, row: &Row, claimed: Decimal) {
    let (Some(d), Some(rule), Some(w)) = (
        row.r.deviation_percent,
        row.rows.scheme.deviation_deduction.as_ref(),
        row.r.weight,
    ) else {
        return;
    };
    let most = w.saturating_sub(rule.points);
    if d >= rule.threshold_percent && claimed > most {
        row.push(
            out,
            Code::Deviation,
            Severity::Warning,
            IndicatorColumn::Score,
            format!(
                "完成值偏离指标值 {}%，达到方案规定的 {}%，应扣 {} 分（得分不高于 {}），表中为 {}。",
                fmt_num(d),
                fmt_num(rule.threshold_percent),
                fmt_num(rule.points),
                fmt_num(most),
                fmt_num(claimed)
            ),
        );
    }
}

/// INFLATED: every indicator at full marks while the rate is below 100% or
/// an actual value misses its target.
pub(super) fn inflated(out: &mut Findings, result: &ProjectResult) {
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
        Field::Total,
        "绩效指标·得分",
        format!(
            "所有指标都给了满分，但{}，自评得分可能虚高。请按实际完成情况扣分并说明原因。",
            why.join("，且")
        ),
    );
}

/// REASON_MISSING (Hubei): deductions must be explained in
/// 偏差大或目标未完成原因分析.
pub(super) fn reason_block(out: &mut Findings, form: &ProjectForm, result: &ProjectResult) {
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
        out.at(
            Code::ReasonMissing,
            Severity::Warning,
            Field::Header(Header::DeviationAnalysis),
            format!(
                "有 {} 项指标扣了分（{}），但“偏差大或目标未完成原因分析”为空。请说明扣分原因。",
                deducted.len(),
                deducted.join("、")
            ),
        );
    }
}

/// SATISFACTION_BASIS: a 满意度 score with no survey named anywhere.
pub(super) fn satisfaction_basis(out: &mut Findings, form: &ProjectForm, result: &ProjectResult) {
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
                Field::indicator(r.index, IndicatorColumn::Actual),
                indicator_place(ind, r.index, None),
                "满意度没有注明依据（问卷调查、回访等）。建议注明调查方式和样本数量，以备核查。",
            );
        }
    }
}
