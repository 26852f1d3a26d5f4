//! 项目支出绩效目标申报表 (DOMAIN §1.4): DECL_FIELD_MISSING,
//! DECL_CATEGORY_MISSING, DECL_NOT_QUANTIFIED, DECL_SLOGAN, DECL_DATE_WINDOW,
//! DECL_COST_MISMATCH.

use rust_decimal::Decimal;

use super::{Code, Findings, Severity};
use crate::core::field::{Field, Header, IndicatorColumn};
use crate::core::model::{DeclarationForm, DeclaredIndicator, Level1, Level2};
use crate::core::scheme::{Figure, Scheme};
use crate::core::scoring::fmt_num;
use crate::core::value::{self, money_factor_to_wan, UnitKind, Value};

pub(super) fn check(out: &mut Findings, scheme: &Scheme, form: &DeclarationForm) {
    field_missing(out, form);
    category_missing(out, form);
    for (i, ind) in form.indicators.iter().enumerate() {
        let text = value::normalize(ind.content.raw());
        if text.trim().is_empty() {
            continue;
        }
        let at = Entry { index: i, ind, text: &text };
        not_quantified_or_slogan(out, &at);
        date_window(out, &at, form.year);
    }
    cost_mismatch(out, scheme, form);
}

/// One declared indicator entry, normalised.
struct Entry<'a> {
    index: usize,
    ind: &'a DeclaredIndicator,
    text: &'a str,
}

impl Entry<'_> {
    fn push(&self, out: &mut Findings, code: Code, message: String) {
        out.push(
            code,
            Severity::Warning,
            Field::indicator(self.index, IndicatorColumn::Content),
            format!("绩效指标第 {} 条（{}）", self.index + 1, self.ind.level2_label),
            message,
        );
    }
}

/// DECL_FIELD_MISSING: the header fields a reviewer cannot do without.
fn field_missing(out: &mut Findings, form: &DeclarationForm) {
    for (cell, header, label) in [
        (&form.unit, Header::Unit, "部门（单位）名称"),
        (&form.name, Header::Name, "项目名称"),
        (&form.budget, Header::Budget, "预算金额"),
        (&form.goal, Header::TargetGoal, "项目绩效目标"),
    ] {
        if cell.is_empty() {
            out.push(
                Code::DeclFieldMissing,
                Severity::Error,
                Field::Header(header),
                label,
                format!("“{label}”未填写，请补充。"),
            );
        }
    }
}

/// DECL_CATEGORY_MISSING: a 数量 and a 效益 indicator are required; a
/// 满意度 indicator is expected.
fn category_missing(out: &mut Findings, form: &DeclarationForm) {
    let has = |pred: &dyn Fn(Level2) -> bool| form.indicators.iter().any(|i| pred(i.level2) && !i.content.is_empty());
    let missing: [(bool, Severity, &str, &str); 3] = [
        (
            has(&|l| l == Level2::Quantity),
            Severity::Error,
            "绩效指标·产出数量指标",
            "缺少产出数量指标。每个项目至少应设置一个数量指标。",
        ),
        (
            has(&|l| l.level1() == Level1::Benefit),
            Severity::Error,
            "绩效指标·效益指标",
            "缺少效益指标。请至少设置一个经济、社会、生态或可持续影响指标。",
        ),
        (
            has(&|l| l == Level2::Satisfaction),
            Severity::Warning,
            "绩效指标·满意度指标",
            "未设置服务对象满意度指标。面向群众或服务对象的项目应设置满意度指标（如“满意度≥90%”）。",
        ),
    ];
    for (present, severity, location, message) in missing {
        if !present {
            out.push(Code::DeclCategoryMissing, severity, Field::Indicators, location, message);
        }
    }
}

/// DECL_NOT_QUANTIFIED / DECL_SLOGAN: an entry with no number or deadline;
/// a slogan when it is made of slogan words.
fn not_quantified_or_slogan(out: &mut Findings, at: &Entry) {
    const SLOGAN_WORDS: [&str; 10] = [
        "进一步", "不断", "逐步", "切实", "全面", "有效", "大力", "积极", "努力", "深入",
    ];
    let text = at.text;
    let quantified =
        text.chars().any(|c| c.is_ascii_digit()) || ["月底", "年底", "当年", "全年"].iter().any(|w| text.contains(w));
    if quantified {
        return;
    }
    let short: String = text.chars().take(20).collect();
    if SLOGAN_WORDS.iter().any(|w| text.contains(w)) {
        at.push(
            out,
            Code::DeclSlogan,
            format!("“{short}…”是口号式表述，不是可考核的目标。请写明指标值，如“培训不少于3次”“满意度≥90%”。"),
        );
    } else {
        at.push(
            out,
            Code::DeclNotQuantified,
            format!("“{short}…”没有量化的指标值（运算符、数值、单位或完成时限）。请补充。"),
        );
    }
}

/// DECL_DATE_WINDOW: a year written that is not the budget year.
fn date_window(out: &mut Findings, at: &Entry, year: Option<i32>) {
    let Some(year) = year else { return };
    if let Some(y) = years_in(at.text).into_iter().find(|y| *y != year) {
        at.push(
            out,
            Code::DeclDateWindow,
            format!("写到了 {y} 年，不在预算年度 {year} 年内。请核对时限。"),
        );
    }
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

/// DECL_COST_MISMATCH: money written in cost indicators against 预算金额.
fn cost_mismatch(out: &mut Findings, scheme: &Scheme, form: &DeclarationForm) {
    let budget = match form.budget.parsed().value {
        // A bare number on a declaration is in 元 (the forms say "3512730元").
        Value::Number { amount, unit, .. } => match UnitKind::of(&unit) {
            UnitKind::None => money_factor_to_wan("元").and_then(|f| amount.checked_mul(f)),
            UnitKind::Money(f) => amount.checked_mul(f),
            _ => None,
        },
        _ => None,
    };
    let limits = scheme.limits();
    let Some(budget) = budget.filter(|b| limits.admits(Figure::Money, *b)) else {
        return;
    };
    let mut sum = Decimal::ZERO;
    let mut found = 0;
    for ind in form.indicators.iter().filter(|i| i.level2 == Level2::Cost) {
        for (amount, factor) in money_amounts(ind.content.raw()) {
            // Amounts a form cannot hold are typing mistakes, not costs.
            if let Some(wan) = amount.checked_mul(factor).filter(|w| limits.admits(Figure::Money, *w)) {
                sum = sum.saturating_add(wan);
                found += 1;
            }
        }
    }
    if found == 0 || sum == budget {
        return;
    }
    let (severity, message) = if sum > budget {
        (
            Severity::Error,
            format!(
                "成本指标中的金额合计 {} 万元，超过预算金额 {} 万元。请核对成本指标或预算金额。",
                fmt_num(sum),
                fmt_num(budget)
            ),
        )
    } else {
        (
            Severity::Info,
            format!(
                "成本指标中的金额合计 {} 万元，与预算金额 {} 万元不一致。如成本指标只覆盖部分支出，可忽略。",
                fmt_num(sum),
                fmt_num(budget)
            ),
        )
    };
    out.push(
        Code::DeclCostMismatch,
        severity,
        Field::Header(Header::Budget),
        "预算金额",
        message,
    );
}

/// "预计投入390.973万元" → [(390.973, factor of 万元)].
fn money_amounts(text: &str) -> Vec<(Decimal, Decimal)> {
    let norm = value::normalize(text);
    let mut out = Vec::new();
    for piece in norm.split(['，', ',', '；', ';', '。', '\n']) {
        if let Value::Number { amount, unit, .. } = value::parse_value(piece).value {
            if let UnitKind::Money(factor) = UnitKind::of(&unit) {
                out.push((amount, factor));
            }
        }
    }
    out
}
