//! 项目支出绩效目标申报表 (DOMAIN §1.4): DECL_FIELD_MISSING,
//! DECL_CATEGORY_MISSING, DECL_NOT_QUANTIFIED, DECL_SLOGAN, DECL_DATE_WINDOW,
//! DECL_COST_MISMATCH.

use rust_decimal::Decimal;

use super::{Code, Findings, Severity};
use crate::core::field::{Field, Header, IndicatorColumn};
use crate::core::model::{DeclarationForm, DeclaredIndicator, Level1, Level2};
use crate::core::scheme::{Figure, Limits, Scheme};
use crate::core::scoring::{fmt_num, total_of};
use crate::core::value::{self, money_factor_to_wan, UnitKind, Value};

pub(super) fn check(out: &mut Findings, scheme: &Scheme, form: &DeclarationForm) {
    field_missing(out, form);
    category_missing(out, form);
    for (i, ind) in form.indicators.iter().enumerate() {
        let whole = ind.text();
        let text = value::normalize(&whole);
        if text.trim().is_empty() {
            continue;
        }
        let at = Entry {
            index: i,
            ind,
            text: &text,
        };
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
            // The value's own cell where the form has one.
            Field::indicator(
                self.index,
                if self.ind.target.is_empty() {
                    IndicatorColumn::Content
                } else {
                    IndicatorColumn::Target
                },
            ),
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
    let has = |pred: &dyn Fn(Level2) -> bool| form.indicators.iter().any(|i| pred(i.level2) && !i.is_blank());
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
            out.push(
                Code::DeclCategoryMissing,
                severity,
                Field::Indicators,
                location,
                message,
            );
        }
    }
}

/// DECL_NOT_QUANTIFIED / DECL_SLOGAN: an entry with no number or deadline;
/// a slogan when it is made of slogan words.
fn not_quantified_or_slogan(out: &mut Findings, at: &Entry) {
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
    let quantified = |text: &str| {
        text.chars().any(|c| c.is_ascii_digit()) || ["月底", "年底", "当年", "全年"].iter().any(|w| text.contains(w))
    };
    // A form with the 指标值 in its own cell: that cell must be quantified,
    // whatever words it uses ("逐步提升" there is a value that is no value).
    let value = at.ind.target.raw().trim();
    if !value.is_empty() {
        let normalized = value::normalize(value);
        if !quantified(&normalized) {
            let direction = if SLOGAN_WORDS.iter().any(|w| normalized.contains(w)) {
                "只说明了方向，"
            } else {
                ""
            };
            at.push(
                out,
                Code::DeclNotQuantified,
                format!("指标值“{value}”{direction}没有量化（运算符、数值、单位或完成时限）。请写成如“≥4次”“≥90%”“12月底前完成”。"),
            );
        }
        return;
    }
    let text = at.text;
    if quantified(text) {
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
/// The declaration costs its largest stated total (总计/共计/预计投入…) or
/// the sum of its other amounts, whichever is larger; unit prices ("每套210元", "82.8元/平方米")
/// are not amounts. Above the budget: an error listing what was added;
/// parts that do not add up to their stated total: a warning; below: a note.
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
    // The cost entries together: the declaration's stated totals and parts.
    let mut amounts = CostAmounts::default();
    for ind in form.indicators.iter().filter(|i| i.level2 == Level2::Cost) {
        let entry = cost_amounts(&ind.text(), limits);
        amounts.parts.extend(entry.parts);
        amounts.totals.extend(entry.totals);
    }
    let list = |v: &[Decimal]| v.iter().map(|d| fmt_num(*d)).collect::<Vec<_>>().join(" + ");
    // Texts state totals at several levels (a sub-item's 共计 inside the
    // project's): the largest one is the declaration's.
    let parts = total_of(amounts.parts.iter().copied());
    let largest = amounts.totals.iter().copied().max();
    let (cost, used) = match (amounts.parts.is_empty(), largest) {
        (true, None) => return,
        (false, None) => (parts, list(&amounts.parts)),
        (true, Some(totals)) => (totals, format!("写明的总计 {}", fmt_num(totals))),
        (false, Some(totals)) => {
            if parts != totals {
                out.push(
                    Code::DeclCostMismatch,
                    Severity::Warning,
                    Field::Header(Header::Budget),
                    "预算金额",
                    format!(
                        "成本指标中各项金额合计 {} 万元（{}），与写明的总计 {} 万元不一致。请核对各项金额或总计。",
                        fmt_num(parts),
                        list(&amounts.parts),
                        fmt_num(totals)
                    ),
                );
            }
            // The larger of the two is what the declaration says it will cost.
            if parts > totals {
                (parts, format!("各项合计，写明的总计为 {}", fmt_num(totals)))
            } else {
                (totals, format!("写明的总计 {}", fmt_num(totals)))
            }
        }
    };
    if cost == budget {
        return;
    }
    let (severity, message) = if cost > budget {
        (
            Severity::Error,
            format!(
                "成本指标中的金额合计 {} 万元（{}），超过预算金额 {} 万元。请核对成本指标或预算金额。",
                fmt_num(cost),
                used,
                fmt_num(budget)
            ),
        )
    } else {
        (
            Severity::Info,
            format!(
                "成本指标中的金额合计 {} 万元（{}），与预算金额 {} 万元不一致。如成本指标只覆盖部分支出，可忽略。",
                fmt_num(cost),
                used,
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

/// Money amounts of a cost text, in 万元: stated totals apart from parts.
#[derive(Debug, Default, PartialEq)]
struct CostAmounts {
    parts: Vec<Decimal>,
    totals: Vec<Decimal>,
}

/// Words that make a clause's amount a unit price or a standard, not money spent.
const RATE_WORDS: [&str; 9] = ["每", "/", "单价", "标准", "平均", "×", "*", "上限", "不高于"];
/// Words that make a clause's amount the total of the others.
const TOTAL_WORDS: [&str; 8] = [
    "总计",
    "共计",
    "合计",
    "总额",
    "总投入",
    "预计投入",
    "计划投入",
    "总预算",
];

/// Reads every "<number><money unit>" of a text, clause by clause.
fn cost_amounts(text: &str, limits: &Limits) -> CostAmounts {
    let norm = value::normalize(text).replace('／', "/");
    let mut out = CostAmounts::default();
    for clause in norm.split(['，', ',', '；', ';', '。', '\n']) {
        let rate = RATE_WORDS.iter().any(|w| clause.contains(w));
        // "A元 + B元 = C元": the terms are inside the result, which is a total.
        let (clause, equation) = match clause.rfind('=') {
            Some(at) => (&clause[at..], true),
            None => (clause, false),
        };
        let total = equation || TOTAL_WORDS.iter().any(|w| clause.contains(w));
        for wan in money_in(clause) {
            // Amounts a form cannot hold are typing mistakes, not costs.
            if rate || !limits.admits(Figure::Money, wan) {
                continue;
            }
            if total {
                out.totals.push(wan);
            } else {
                out.parts.push(wan);
            }
        }
    }
    out
}

/// The amounts followed by a money unit in a clause, converted to 万元
/// ("费用915.2万元整" → 915.2; "2019年投入2718800元" → 271.88).
fn money_in(clause: &str) -> Vec<Decimal> {
    let chars: Vec<char> = clause.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let number: String = chars[start..i].iter().collect();
        let rest: String = chars[i..].iter().take(3).collect::<String>();
        let rest = rest.trim_start();
        let unit = ["亿元", "万元", "亿", "万", "元"]
            .into_iter()
            .find(|u| rest.starts_with(u));
        let (Some(unit), Ok(amount)) = (unit, number.parse::<Decimal>()) else {
            continue;
        };
        // "元/平方米": a price per unit.
        if rest[unit.len()..].starts_with('/') {
            continue;
        }
        if let Some(wan) = money_factor_to_wan(unit).and_then(|f| amount.checked_mul(f)) {
            found.push(wan);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(text: &str) -> CostAmounts {
        let scheme = Scheme::default_for(crate::core::scheme::SchemeForm::Declaration);
        cost_amounts(text, scheme.limits())
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn unit_prices_are_not_amounts() {
        assert_eq!(
            amounts("夏季服装每套210元，2600套，54.6万；春秋季75万元").parts,
            vec![d("54.6"), d("75")]
        );
        let a = amounts("每平方米每年上限为82.8元。服务面积共计164012.22平方米，全年费用计划不超18000000元。");
        assert_eq!((a.parts, a.totals), (vec![d("1800")], vec![]));
        assert!(amounts("物业费82.8元/平方米").parts.is_empty());
        assert!(amounts("招录保安160人，每人的月服务费为平均4400元").parts.is_empty());
    }

    #[test]
    fn stated_totals_are_apart_and_years_do_not_hide_amounts() {
        let a = amounts("费用915.2万元整；保安住宿费12个月，费用60万元，总计854.8万元");
        assert_eq!((a.parts, a.totals), (vec![d("915.2"), d("60")], vec![d("854.8")]));
        assert_eq!(amounts("2019年预计投入2718800元").totals, vec![d("271.88")]);
        assert_eq!(amounts("网格建设20000元。以上共计3247000元。").totals, vec![d("324.7")]);
        assert_eq!(amounts("2019年12月底前完成").parts, Vec::<Decimal>::new());
        let a = amounts("养护费：1092872.39元 + 拆违养护费：9876.5元 = 共计：1102748.89元");
        assert_eq!((a.parts, a.totals), (vec![], vec![d("110.274889")]));
    }
}
