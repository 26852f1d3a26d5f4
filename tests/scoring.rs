//! Scoring: rates, budget scores, indicator formulas, totals and grades,
//! each with its explanation.

mod common;

use std::str::FromStr;

use common::*;
use jixiao::core::model::*;
use jixiao::core::scheme::Scheme;
use jixiao::core::scoring::{self, Direction, Expected};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn beijing() -> &'static Scheme {
    Scheme::by_id("beijing-project").unwrap()
}

fn score(level2: Level2, name: &str, target: &str, actual: &str, weight: &str) -> scoring::IndicatorResult {
    scoring::score_indicator(beijing(), 0, &ind(level2, name, target, actual, weight, ""))
}

fn exact(r: &scoring::IndicatorResult) -> (Decimal, bool) {
    match r.expected {
        Expected::Exact { score, met } => (score, met),
        ref other => panic!("expected an exact score, got {other:?}: {}", r.explanation),
    }
}

#[test]
fn execution_rate_is_exact_and_explained() {
    let mut f = bj_form();
    f.funds.total.annual = "2175.9657".into();
    f.funds.total.spent = "1960.5869".into();
    let rate = scoring::execution_rate(central_limits(), &f.funds).unwrap();
    assert_eq!(scoring::fmt_rate(rate.value), "90.10%");
    assert_eq!(
        rate.explanation,
        "执行率 90.10% = 全年执行数 1960.5869 ÷ 全年预算数 2175.9657"
    );
}

#[test]
fn execution_rate_undefined_for_zero_or_missing_budget() {
    let mut f = bj_form();
    f.funds.total.annual = "0".into();
    assert!(scoring::execution_rate(central_limits(), &f.funds).is_none());
    f.funds.total.annual = "".into();
    assert!(scoring::execution_rate(central_limits(), &f.funds).is_none());
}

#[test]
fn budget_score_beijing_rounds_down_with_explanation() {
    let mut f = bj_form();
    f.funds.total.annual = "2175.9657".into();
    f.funds.total.spent = "1960.5869".into();
    let rate = scoring::execution_rate(central_limits(), &f.funds).unwrap();
    let (s, exact) = scoring::budget_score(beijing(), &rate).unwrap();
    assert_eq!(s.value, d("9"));
    assert_eq!(s.explanation, "9 = 10 × 90.10% = 9.010192…，按方案取整数分（向下取整）");
    assert!(exact > d("9.01") && exact < d("9.02"));
}

#[test]
fn budget_score_hubei_two_decimals_and_rate_capped_at_100() {
    let hubei = Scheme::by_id("hubei-department").unwrap();
    let mut funds = Funds::default();
    funds.total.annual = "20640.80".into();
    funds.total.spent = "20511.36".into();
    let rate = scoring::execution_rate(central_limits(), &funds).unwrap();
    assert_eq!(scoring::budget_score(hubei, &rate).unwrap().0.value, d("19.87"));
    funds.total.spent = "30000".into();
    let over = scoring::execution_rate(central_limits(), &funds).unwrap();
    let (s, _) = scoring::budget_score(hubei, &over).unwrap();
    assert_eq!(s.value, d("20"));
    assert!(s.explanation.contains("超过100%按100%计"));
}

#[test]
fn forward_targets_met_missed_and_strict() {
    assert_eq!(
        exact(&score(Level2::Quantity, "场次", "≥4次", "4次", "10")),
        (d("10"), true)
    );
    assert_eq!(
        exact(&score(Level2::Quantity, "场次", "4次", "3次", "10")),
        (d("7.5"), false)
    );
    // "大于90%" is strict: 90% does not meet it.
    assert!(!exact(&score(Level2::Satisfaction, "满意度", "大于90%", "90%", "10")).1);
    let r = score(Level2::Satisfaction, "满意度", "服务群众满意率大于90%。", "85%", "10");
    assert_eq!(exact(&r), (d("9.44"), false));
    assert!(r.explanation.contains("9.44 = 10 × 85% ÷ 90%"), "{}", r.explanation);
}

#[test]
fn reverse_targets_ratio_and_linear() {
    let r = score(Level2::Cost, "成本控制", "≤100万元", "98万元", "10");
    assert_eq!((exact(&r), r.direction), ((d("10"), true), Some(Direction::Reverse)));
    assert_eq!(
        exact(&score(Level2::Cost, "成本控制", "100万元", "125万元", "10")),
        (d("8"), false)
    );
    let mut linear = beijing().clone();
    linear.reverse_formula = jixiao::core::scheme::ReverseFormula::Linear;
    let r = scoring::score_indicator(&linear, 0, &ind(Level2::Cost, "成本", "100万元", "125万元", "10", ""));
    assert_eq!(exact(&r), (d("7.5"), false));
    let r = scoring::score_indicator(&linear, 0, &ind(Level2::Cost, "成本", "100万元", "300万元", "10", ""));
    assert_eq!(exact(&r).0, d("0"));
}

#[test]
fn cost_rows_compare_across_money_units() {
    let r = score(Level2::Cost, "成本", "≤3512730元", "350万元", "10");
    assert_eq!(exact(&r), (d("10"), true));
    let r = score(Level2::Quantity, "人数", "100人", "95%", "10");
    assert_eq!(r.expected, Expected::Unknown);
    assert!(r.explanation.contains("不一致"), "{}", r.explanation);
}

#[test]
fn equal_targets_and_zero_targets() {
    assert_eq!(
        exact(&score(Level2::Quality, "事故数", "=0起", "0起", "10")),
        (d("10"), true)
    );
    assert_eq!(
        exact(&score(Level2::Quality, "事故数", "=0", "1", "10")),
        (d("0"), false)
    );
    assert_eq!(
        exact(&score(Level2::Quality, "配置率", "=100%", "80%", "10")),
        (d("8"), false)
    );
}

#[test]
fn qualitative_tiers() {
    let r = score(Level2::Social, "社会效益", "明显改善", "部分达成", "10");
    assert_eq!(
        r.expected,
        Expected::Tier {
            judgement: jixiao::core::value::Judgement::Partial,
            min: d("6"),
            max: d("8")
        }
    );
    let r = score(Level2::Social, "社会效益", "明显改善", "未达成", "10");
    assert!(matches!(r.expected, Expected::Tier { max, .. } if max == d("6")));
}

#[test]
fn ranges_deadlines_and_schedules() {
    assert_eq!(
        exact(&score(Level2::Quantity, "训练", "1-2次/30天", "1", "10")),
        (d("10"), true)
    );
    assert_eq!(
        score(Level2::Timeliness, "进度", "2020年12月前完成", "2021年3月", "10").expected,
        Expected::Missed
    );
    assert_eq!(
        exact(&score(Level2::Timeliness, "进度", "12月底前", "11月", "10")),
        (d("10"), true)
    );
    let r = score(
        Level2::Timeliness,
        "总进度",
        "3月份支出15%；6月份支出40%；9月份支出60%；11月支出90%；12月支出100%。",
        "3月份支出0%；6月份支出33.33%；9月份支出66.67%；11月支出66.67%；12月支出100%。",
        "10",
    );
    assert_eq!(r.expected, Expected::Missed);
    assert!(r.explanation.contains("3月 0%（计划 15%）"), "{}", r.explanation);
}

#[test]
fn text_rows_have_no_expected_score() {
    let r = score(
        Level2::Quality,
        "业务工作质量",
        "集中观察点各项指标达到行业部门要求。",
        "各项指标基本达到要求。",
        "10",
    );
    assert_eq!(r.expected, Expected::Unknown);
}

#[test]
fn totals_weights_and_grade() {
    let f = bj_form();
    let r = scoring::score_project(beijing(), &f);
    assert_eq!(r.weight_sum, d("100"));
    assert_eq!(r.computed_total.as_ref().unwrap().value, d("100"));
    assert_eq!(
        r.computed_total.unwrap().explanation,
        "100 = 预算执行 10 + 7 项指标得分合计 90"
    );
    assert_eq!(r.grade.as_deref(), Some("优"));
    assert_eq!(
        r.group_weights,
        vec![
            (Level1::Output, d("50")),
            (Level1::Benefit, d("30")),
            (Level1::Satisfaction, d("10"))
        ]
    );
}

#[test]
fn suggested_total_uses_the_engines_scores() {
    let mut f = bj_form();
    f.indicators[6].actual = "85%".into();
    let r = scoring::score_project(beijing(), &f);
    assert_eq!(r.computed_total.unwrap().value, d("100"));
    assert_eq!(r.suggested_total.unwrap().value, d("99.44"));
}

#[test]
fn hubei_total_adds_the_goal_score() {
    let mut f = hb_form();
    f.goal_score = "18".into();
    let r = scoring::score_project(Scheme::by_id("hubei-project").unwrap(), &f);
    assert_eq!(r.computed_total.unwrap().value, d("98"));
    assert_eq!(r.weight_sum, d("100"));
}

#[test]
fn template_rows_and_not_applicable_rows_are_skipped() {
    let mut f = bj_form();
    f.indicators.push(ind(Level2::Economic, "指标2：", "", "", "", ""));
    f.indicators.push(ind(Level2::Economic, "……", "", "", "", ""));
    f.indicators
        .push(ind(Level2::Ecological, "生态", "不涉及", "不涉及", "/", "/"));
    let r = scoring::score_project(beijing(), &f);
    assert_eq!(r.indicators.len(), 7);
    assert_eq!(r.weight_sum, d("100"));
}

#[test]
fn not_carried_out_has_no_total_or_grade() {
    let mut f = bj_form();
    f.not_carried_out = true;
    let r = scoring::score_project(beijing(), &f);
    assert!(r.not_scored && r.computed_total.is_none() && r.grade.is_none());
}

#[test]
fn execution_caps_from_the_scheme() {
    let mut scheme = beijing().clone();
    scheme.execution_caps = vec![
        jixiao::core::scheme::ExecutionCap {
            rate_below: d("80"),
            max_total: d("89"),
        },
        jixiao::core::scheme::ExecutionCap {
            rate_below: d("60"),
            max_total: d("69"),
        },
    ];
    let rate = |v: &str| scoring::Explained {
        value: d(v),
        explanation: String::new(),
    };
    assert_eq!(scoring::capped_total(&scheme, d("95"), Some(&rate("0.75"))), d("89"));
    assert_eq!(scoring::capped_total(&scheme, d("95"), Some(&rate("0.55"))), d("69"));
    assert_eq!(scoring::capped_total(&scheme, d("95"), Some(&rate("0.85"))), d("95"));
}

#[test]
fn money_keeps_six_decimals_exactly() {
    let mut funds = Funds::default();
    funds.total.annual = "347.364966万元".into();
    funds.total.spent = "347.364966".into();
    assert_eq!(
        scoring::execution_rate(central_limits(), &funds).unwrap().value,
        Decimal::ONE
    );
}

#[test]
fn department_total_matches_the_seed_shape() {
    // 19.87 + 75.00 = 94.87 (DOMAIN §1.3).
    let mut goal_rows = Vec::new();
    for i in 0..150 {
        goal_rows.push(ind(Level2::Quantity, &format!("指标{i}"), "1次", "1次", "0.5", "0.5"));
    }
    let goal = DepartmentGoal {
        text: "目标".into(),
        weight: "75".into(),
        output_weight: "".into(),
        benefit_weight: "".into(),
        indicators: goal_rows,
    };
    let form = dept_form("20640.80", "20511.36", "99.37%", "19.87", goal, "94.87");
    let r = scoring::score_department(Scheme::by_id("hubei-department").unwrap(), &form);
    assert_eq!(r.computed_total.value, d("94.87"));
    assert_eq!(r.grade, "优");
}

#[test]
fn a_rate_just_below_100_is_not_shown_as_100() {
    assert_eq!(scoring::fmt_rate_fine(d("0.999973")), "99.9973%");
    assert_eq!(scoring::fmt_rate_fine(d("0.901022")), "90.10%");
    assert_eq!(scoring::fmt_rate_fine(d("1")), "100.00%");
}

fn central_limits() -> &'static jixiao::core::scheme::Limits {
    jixiao::core::scheme::Scheme::default_for(jixiao::core::scheme::SchemeForm::ProjectCentral).limits()
}
