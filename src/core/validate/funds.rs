//! The money block: VALUE_FORMAT of money cells, FUND_SUM, FUND_PARTIAL,
//! EXEC_RATE and EXEC_SCORE (the last two also on department forms).

use rust_decimal::Decimal;

use super::{printed_matches, value_format, Code, Findings, Severity, SuggestedValue};
use crate::core::field::{Field, FundColumn};
use crate::core::model::{Cell, FundKind, Funds, ProjectForm, ProjectLayout};
use crate::core::scheme::{round_half_up, Figure, Limits, Rounding, Scheme};
use crate::core::scoring::{fmt_exact, fmt_num, fmt_rate, fmt_rate_fine, total_of, Explained};
use crate::core::value::{UnitKind, Value};

const SUB_ROWS: [FundKind; 3] = [FundKind::CurrentYear, FundKind::CarriedOver, FundKind::Other];

/// Where the money block is, in Chinese, for locations.
pub(super) struct Place {
    /// "项目资金·年度资金总额" or "预算执行情况·部门整体支出总额".
    pub total_row: &'static str,
}

pub(super) const PROJECT: Place = Place {
    total_row: "项目资金·年度资金总额",
};
pub(super) const DEPARTMENT: Place = Place {
    total_row: "预算执行情况·部门整体支出总额",
};

fn cell(funds: &Funds, kind: FundKind, col: FundColumn) -> &Cell {
    let row = funds.row(kind);
    match col {
        FundColumn::Initial => &row.initial,
        FundColumn::Annual => &row.annual,
        FundColumn::Spent => &row.spent,
    }
}

/// VALUE_FORMAT on every money cell.
pub(super) fn value_formats(out: &mut Findings, form: &ProjectForm) {
    for kind in FundKind::ALL {
        for col in FundColumn::ALL {
            let field = Field::Fund(kind, col);
            value_format(out, cell(&form.funds, kind, col), col.label(), field, || field.label());
        }
    }
}

/// FUND_SUM: in each money column, 年度资金总额 = the three sub-rows (blank
/// sub-rows count as 0; a column with no sub-row filled is not checked).
pub(super) fn fund_sum(out: &mut Findings, scheme: &Scheme, form: &ProjectForm) {
    if form.layout != ProjectLayout::Central {
        return;
    }
    let limits = scheme.limits();
    let money = |kind, col| limits.read(Figure::Money, cell(&form.funds, kind, col));
    for col in FundColumn::ALL {
        let parts: Vec<Option<Decimal>> = SUB_ROWS.iter().map(|k| money(*k, col)).collect();
        let Some(total) = money(FundKind::Total, col) else {
            continue;
        };
        if parts.iter().all(Option::is_none) {
            continue;
        }
        let sum = total_of(parts.iter().flatten().copied());
        if sum != total {
            let label = col.label();
            out.at(Code::FundSum, Severity::Error, Field::Fund(FundKind::Total, col),
                format!("年度资金总额的{label}为 {}，但当年财政拨款、上年结转资金、其他资金三项合计为 {}（相差 {}）。请核对后使总额等于三项之和。",
                    fmt_num(total), fmt_num(sum), fmt_num(total.saturating_sub(sum))));
        }
    }
}

/// FUND_PARTIAL: blanks that cannot be told from 0. A 年度资金总额 cell left
/// blank while sub-rows of that column hold money; or a source of money
/// with 全年预算数 but a blank 全年执行数 (or the reverse) — a row in use
/// whose other figure was skipped. (年初预算数 may legitimately be blank for
/// carried-over money, so it is not asked for.)
pub(super) fn fund_partial(out: &mut Findings, form: &ProjectForm) {
    if form.layout != ProjectLayout::Central {
        return;
    }
    let funds = &form.funds;
    for col in FundColumn::ALL {
        let filled: Vec<&str> = SUB_ROWS
            .iter()
            .filter(|k| cell(funds, **k, col).amount().is_some())
            .map(|k| k.label())
            .collect();
        if cell(funds, FundKind::Total, col).is_empty() && !filled.is_empty() {
            out.at(
                Code::FundPartial,
                Severity::Warning,
                Field::Fund(FundKind::Total, col),
                format!(
                    "年度资金总额的{}未填写，但{}填写了金额。请填写总额（等于三项之和）。",
                    col.label(),
                    filled.join("、")
                ),
            );
        }
    }
    for kind in SUB_ROWS {
        let annual = cell(funds, kind, FundColumn::Annual);
        let spent = cell(funds, kind, FundColumn::Spent);
        let (blank, other) = match (annual.is_empty(), spent.is_empty()) {
            (true, false) if spent.amount().is_some() => (FundColumn::Annual, FundColumn::Spent),
            (false, true) if annual.amount().is_some() => (FundColumn::Spent, FundColumn::Annual),
            _ => continue,
        };
        out.at(
            Code::FundPartial,
            Severity::Warning,
            Field::Fund(kind, blank),
            format!(
                "{}填写了{}，但{}为空。如为 0 请填 0，否则请补填金额。",
                kind.label(),
                other.label(),
                blank.label()
            ),
        );
    }
}

/// UNIT_MISMATCH: a money cell written with another unit than 万元: money
/// units are converted (and said), others cannot be computed.
pub(super) fn unit_mismatch(out: &mut Findings, funds: &Funds, place: &Place) {
    for kind in FundKind::ALL {
        for col in FundColumn::ALL {
            let cell = cell(funds, kind, col);
            let Value::Number { amount, unit, .. } = cell.parsed().value else {
                continue;
            };
            let raw = cell.raw().trim();
            let (severity, message) = match UnitKind::of(&unit) {
                UnitKind::None => continue,
                UnitKind::Money(f) if f == Decimal::ONE => continue,
                UnitKind::Money(f) => (
                    Severity::Info,
                    format!(
                        "“{raw}”的单位不是万元，已按 {} 万元计算。请统一写成万元的数字。",
                        fmt_num(amount.saturating_mul(f))
                    ),
                ),
                _ => (
                    Severity::Error,
                    format!("“{raw}”不是金额（单位“{unit}”），无法计算。资金栏以万元为单位，请只填写万元的数字。"),
                ),
            };
            let location = if kind == FundKind::Total {
                format!("{}·{}", place.total_row, col.label())
            } else {
                Field::Fund(kind, col).label()
            };
            out.push(Code::UnitMismatch, severity, Field::Fund(kind, col), location, message);
        }
    }
}

/// A printed rate as a percentage: "90.10%" → 90.10; "100" → 100; "0.9" → 90.
fn printed_rate_percent(cell: &Cell) -> Option<Decimal> {
    match cell.parsed().value {
        Value::Number {
            amount,
            unit,
            comparator: None,
            embedded: false,
        } => match UnitKind::of(&unit) {
            UnitKind::Percent => Some(amount),
            _ if amount > Decimal::new(15, 1) => Some(amount),
            UnitKind::None => Some(amount.saturating_mul(Decimal::ONE_HUNDRED)),
            _ => None,
        },
        _ => None,
    }
}

/// EXEC_RATE on a project form: the printed rate against 执行数 ÷ 预算数,
/// spending above the budget, and a budget that cannot give a rate.
pub(super) fn exec_rate(
    out: &mut Findings,
    scheme: &Scheme,
    form: &ProjectForm,
    result: &crate::core::scoring::ProjectResult,
) {
    let funds = &form.funds;
    let budget = funds.total.annual.amount();
    let spent = funds.total.spent.amount();
    if let (Some(b), Some(_)) = (budget, spent) {
        if b.is_zero() && !result.not_scored {
            out.at(
                Code::ExecRate,
                Severity::Warning,
                Field::Fund(FundKind::Total, FundColumn::Annual),
                "全年预算数为 0，执行率无法计算。如项目当年未开展，请勾选“项目未开展（不计分数）”。",
            );
        }
    } else if funds.total.annual.is_blank()
        && (funds.total.initial.amount().is_some() || spent.is_some())
        && !result.not_scored
    {
        out.at(
            Code::ExecRate,
            Severity::Warning,
            Field::Fund(FundKind::Total, FundColumn::Annual),
            "全年预算数未填写，无法计算执行率：执行率按全年预算数（调整后预算）计算，不用年初预算数。请填写全年预算数。",
        );
    }
    printed_rate(out, scheme.limits(), funds, result.exec_rate.as_ref(), &PROJECT);
}

/// EXEC_RATE shared by project and department forms: the printed rate
/// against the computed one, and 执行数 above 预算数.
pub(super) fn printed_rate(
    out: &mut Findings,
    limits: &Limits,
    funds: &Funds,
    rate: Option<&Explained>,
    place: &Place,
) {
    let Some(rate) = rate else { return };
    let total_row = place.total_row;
    if rate.value > Decimal::ONE {
        let implausible = if rate.value.saturating_mul(Decimal::ONE_HUNDRED) > limits.rate_percent {
            format!(
                "执行率超过 {}%，多半是多输了位数，或预算数、执行数的单位不一致（元/万元）。",
                fmt_num(limits.rate_percent)
            )
        } else {
            String::new()
        };
        out.push(
            Code::ExecRate,
            Severity::Error,
            Field::Fund(FundKind::Total, FundColumn::Spent),
            format!("{total_row}·全年执行数"),
            format!(
                "全年执行数 {} 大于全年预算数 {}，执行率 {} 超过 100%。{implausible}请核对执行数或预算调整后的全年预算数。",
                fmt_num(funds.total.spent.amount().unwrap_or_default()),
                fmt_num(funds.total.annual.amount().unwrap_or_default()),
                fmt_rate(rate.value)
            ),
        );
    }
    let location = || format!("{total_row}·执行率");
    let (spent, budget) = (
        funds.total.spent.amount().unwrap_or_default(),
        funds.total.annual.amount().unwrap_or_default(),
    );
    match printed_rate_percent(&funds.printed_rate) {
        Some(printed) if !printed_matches(printed, rate.value.saturating_mul(Decimal::ONE_HUNDRED)) => {
            // An amount written with fewer decimals than the other was rounded
            // for printing: the rate it came from may be the printed one.
            let (severity, why, advice) = match rounded_amount(spent, budget) {
                Some(label) if rate_within_rounding(spent, budget, printed) => (
                    Severity::Warning,
                    format!(
                        "{label}只写到 {} 位小数，差异可能来自四舍五入，请核对",
                        fewer_decimals(spent, budget)
                    ),
                    None,
                ),
                _ => (
                    Severity::Error,
                    format!("请改为 {}", fmt_rate(rate.value)),
                    Some(SuggestedValue::Percent(round_half_up(
                        rate.value.saturating_mul(Decimal::ONE_HUNDRED),
                        2,
                    ))),
                ),
            };
            out.push(
                Code::ExecRate,
                severity,
                Field::FundRate,
                location(),
                format!(
                    "执行率应为 {}（{} ÷ {}），表中填写 {}%。{why}。",
                    fmt_rate(rate.value),
                    fmt_num(spent),
                    fmt_num(budget),
                    fmt_num(printed),
                ),
            );
            if let Some(value) = advice {
                out.advise(value);
            }
        }
        Some(_) => {}
        None if !funds.printed_rate.is_blank() => out.push(
            Code::ValueFormat,
            Severity::Error,
            Field::FundRate,
            location(),
            format!(
                "执行率“{}”无法识别，应为百分数，如 {}。",
                funds.printed_rate.raw().trim(),
                fmt_rate(rate.value)
            ),
        ),
        None => {}
    }
}

/// Decimals from which a table's amounts are written to a fixed precision
/// ("20.00000"): a shorter amount beside them was rounded when typed.
const FIXED_PRECISION: u32 = 4;

/// Which of 执行数 / 预算数 was rounded for printing: written with fewer
/// decimals than the other, which shows a fixed precision ("16.59" beside
/// "20.00000"). "939.9" beside "1069.34" is not: trailing zeros are dropped.
fn rounded_amount(spent: Decimal, budget: Decimal) -> Option<&'static str> {
    let (ss, bs) = (spent.scale(), budget.scale());
    if ss < bs && bs >= FIXED_PRECISION {
        Some("全年执行数")
    } else if bs < ss && ss >= FIXED_PRECISION {
        Some("全年预算数")
    } else {
        None
    }
}

fn fewer_decimals(spent: Decimal, budget: Decimal) -> u32 {
    spent.scale().min(budget.scale())
}

/// Half a unit in the last written place: 16.59 → 0.005.
fn half_unit(d: Decimal) -> Decimal {
    Decimal::new(5, d.scale().saturating_add(1).min(28))
}

/// Whether some 执行数 and 预算数 that round to the written ones (the one
/// with fewer decimals may be off by half its last place) give a rate that
/// rounds to the printed percentage.
fn rate_within_rounding(spent: Decimal, budget: Decimal, printed_percent: Decimal) -> bool {
    let scale = spent.scale().max(budget.scale());
    let slack = |d: Decimal| if d.scale() < scale { half_unit(d) } else { Decimal::ZERO };
    let (ds, db) = (slack(spent), slack(budget));
    let bounds = || -> Option<(Decimal, Decimal)> {
        let hundred = Decimal::ONE_HUNDRED;
        let low = spent
            .checked_sub(ds)?
            .checked_mul(hundred)?
            .checked_div(budget.checked_add(db)?)?;
        let high_budget = budget.checked_sub(db).filter(|b| *b > Decimal::ZERO)?;
        let high = spent.checked_add(ds)?.checked_mul(hundred)?.checked_div(high_budget)?;
        Some((low, high))
    };
    let Some((low, high)) = bounds() else { return false };
    let hp = half_unit(printed_percent);
    low <= printed_percent.saturating_add(hp) && high >= printed_percent.saturating_sub(hp)
}

/// EXEC_SCORE: the claimed budget score against 分值 × 执行率.
/// - above what ANY rounding convention gives (分值 × rate half up at the
///   scheme's decimals, or at the printed decimals): ERROR (7 for 59.34%);
/// - equal to the half-up value where the scheme rounds down: WARNING naming
///   both conventions (10 for 99.9973%, 4 for 38.92%);
/// - below the scheme's value: WARNING.
pub(super) fn exec_score(
    out: &mut Findings,
    scheme: &Scheme,
    printed: &Cell,
    exact: Option<Decimal>,
    scheme_value: Option<Decimal>,
    rate: Option<Decimal>,
) {
    let Some(rule) = &scheme.budget else { return };
    value_format(out, printed, "预算执行得分", Field::FundScore, || {
        Field::FundScore.label()
    });
    let Some(claimed) = scheme.limits().read(Figure::Score, printed) else {
        // Nothing written: the total then counts the scheme's score; say so.
        if let (true, Some(value)) = (printed.is_empty(), scheme_value) {
            out.suggest(
                Code::ExecScore,
                Severity::Warning,
                Field::FundScore,
                format!(
                    "预算执行得分未填写；按执行率应为 {}，总分按 {} 计算。请填写 {}。",
                    fmt_num(value),
                    fmt_num(value),
                    fmt_num(value)
                ),
                SuggestedValue::Number(value),
            );
        }
        return;
    };
    if claimed < Decimal::ZERO || claimed > rule.points {
        out.at(
            Code::ScoreRange,
            Severity::Error,
            Field::FundScore,
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
        "{} × {} = {}",
        fmt_num(rule.points),
        fmt_rate_fine(rate.min(Decimal::ONE)),
        fmt_exact(exact)
    );
    let half_up = round_half_up(exact, rule.rounding.decimals());
    // "17.6" for 17.579 is the exact value at the printed precision: a
    // convention too, except where the scheme counts whole points down.
    let at_printed_precision = printed_matches(claimed, exact);
    if claimed > value {
        if rule.rounding != Rounding::WholeDown && at_printed_precision {
            return;
        }
        if claimed > half_up && !at_printed_precision {
            let half_up_note = if half_up == value {
                String::new()
            } else {
                format!("；即使四舍五入也只有 {}", fmt_num(half_up))
            };
            out.suggest(
                Code::ExecScore,
                Severity::Error,
                Field::FundScore,
                format!(
                    "预算执行得分最高为 {}（{}，{}{half_up_note}），表中填写 {}，高于按执行率计算的分数。请改为 {}。",
                    fmt_num(value),
                    how,
                    rule.rounding.describe(),
                    fmt_num(claimed),
                    fmt_num(value)
                ),
                SuggestedValue::Number(value),
            );
        } else {
            out.suggest(
                Code::ExecScore,
                Severity::Warning,
                Field::FundScore,
                format!(
                    "预算执行得分填写 {}，是四舍五入得到的分数（{}）；而本方案的规则是{}，应为 {}。请按方案改为 {}。",
                    fmt_num(claimed),
                    how,
                    rule.rounding.describe(),
                    fmt_num(value),
                    fmt_num(value)
                ),
                SuggestedValue::Number(value),
            );
        }
    } else if claimed < value {
        out.suggest(
            Code::ExecScore,
            Severity::Warning,
            Field::FundScore,
            format!(
                "预算执行得分按方案应为 {}（{}，{}），表中填写 {}，低于应得分数。请改为 {}。",
                fmt_num(value),
                how,
                rule.rounding.describe(),
                fmt_num(claimed),
                fmt_num(value)
            ),
            SuggestedValue::Number(value),
        );
    }
}
