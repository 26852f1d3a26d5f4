//! Each validation rule: a case that must fire and a near case that must not.

mod common;

use common::*;
use jixiao::core::model::*;
use jixiao::core::scoring;
use jixiao::core::validate::{self, Code, Severity};

#[test]
fn correct_forms_are_clean() {
    let bj = findings(&bj_form());
    assert!(
        bj.is_empty(),
        "Beijing form: {:?}",
        bj.iter().map(|f| &f.message).collect::<Vec<_>>()
    );
    let hb = findings(&hb_form());
    assert!(
        hb.is_empty(),
        "Hubei form: {:?}",
        hb.iter().map(|f| &f.message).collect::<Vec<_>>()
    );
}

// TOTAL_WEIGHT
#[test]
fn total_weight_fires_when_indicators_alone_make_100() {
    let mut f = bj_form();
    f.indicators[0].weight = "30".into();
    f.indicators[0].score = "30".into();
    let found = assert_has(&f, Code::TotalWeight, Severity::Error);
    assert!(found.message.contains("110"), "{}", found.message);
    assert!(found.message.contains("又另加了预算执行"), "{}", found.message);
}

#[test]
fn total_weight_quiet_when_weights_move_between_groups() {
    let mut f = bj_form();
    f.indicators[0].weight = "10".into();
    f.indicators[0].score = "10".into();
    f.indicators[6].weight = "20".into();
    f.indicators[6].score = "20".into();
    assert_lacks(&f, Code::TotalWeight);
    // ... but the recommended split is mentioned as information.
    assert_has(&f, Code::GroupWeight, Severity::Info);
}

#[test]
fn not_applicable_rows_carry_no_weight() {
    let mut f = bj_form();
    f.indicators
        .push(ind(Level2::Ecological, "生态效益", "不涉及", "不涉及", "/", "/"));
    assert!(findings(&f).is_empty());
    let mut switched = bj_form();
    let mut row = ind(Level2::Economic, "经济效益", "", "", "5", "5");
    row.not_applicable = true;
    switched.indicators.push(row);
    assert_lacks(&switched, Code::TotalWeight);
}

// GROUP_WEIGHT
#[test]
fn group_weight_fires_for_hubei_fixed_groups() {
    let mut f = hb_form();
    f.indicators[0].weight = "12".into();
    f.indicators[0].level2_label = "数量指标（12分）".into();
    f.indicators[3].weight = "22".into();
    f.indicators[3].level2_label = "社会效益指标（22分）".into();
    f.indicators[3].score = "22".into();
    let found = assert_has(&f, Code::GroupWeight, Severity::Error);
    assert!(
        found.message.contains("32") && found.message.contains("30"),
        "{}",
        found.message
    );
    assert_lacks(&f, Code::TotalWeight);
}

#[test]
fn group_weight_fires_when_label_and_weight_disagree() {
    let mut f = hb_form();
    f.indicators[0].level2_label = "数量指标1（0.5分）".into();
    let found = assert_has(&f, Code::GroupWeight, Severity::Error);
    assert!(found.field.to_string().ends_with("0.weight"));
}

// SCORE_RANGE
#[test]
fn score_range_fires_for_satisfaction_100_of_10() {
    let mut f = bj_form();
    f.indicators[6].score = "100".into();
    f.printed_total = "190".into();
    let found = assert_has(&f, Code::ScoreRange, Severity::Error);
    assert_eq!(found.field.to_string(), "indicators.6.score");
    assert!(found.message.contains("0–10"));
}

#[test]
fn score_range_fires_for_negative_scores_and_missing_weight() {
    let mut f = bj_form();
    f.indicators[1].score = "-1".into();
    assert_has(&f, Code::ScoreRange, Severity::Error);
    let mut g = bj_form();
    g.indicators[1].weight = "".into();
    assert!(finding(&g, Code::ScoreRange).message.contains("没有分值"));
}

#[test]
fn score_range_quiet_at_the_bounds() {
    let mut f = bj_form();
    f.indicators[1].score = "0".into();
    f.indicators[1].reason = "验收未通过，已整改".into();
    f.printed_total = "90".into();
    assert_lacks(&f, Code::ScoreRange);
}

// TOTAL_SUM
#[test]
fn total_sum_fires_for_a_typed_1000() {
    let mut f = bj_form();
    f.printed_total = "1000".into();
    let found = assert_has(&f, Code::TotalSum, Severity::Error);
    assert!(found.message.contains("总分应为各项得分之和 100"), "{}", found.message);
    assert!(found.message.contains("请改为 100"), "{}", found.message);
}

#[test]
fn total_sum_advice_agrees_with_the_other_findings() {
    // 10 budget points claimed for 90%: EXEC_SCORE says 9, so the total to
    // write is 99, not the 100 the printed parts add up to.
    let mut f = bj_form();
    for row in [&mut f.funds.total, &mut f.funds.current_year] {
        row.spent = "90".into();
    }
    f.funds.printed_rate = "90%".into();
    f.printed_total = "1000".into();
    assert_has(&f, Code::ExecScore, Severity::Error);
    let found = assert_has(&f, Code::TotalSum, Severity::Error);
    assert!(found.message.contains("预算执行得分 10 → 9"), "{}", found.message);
    assert!(found.message.contains("把总分改为 99"), "{}", found.message);
    assert!(!found.message.contains("请改为 100"), "{}", found.message);
}

#[test]
fn grade_goes_with_the_printed_total() {
    // 89 printed with 良 while the parts add up to 100: the error is
    // TOTAL_SUM's; the grade only follows the advised total (a hint).
    let mut f = bj_form();
    f.printed_total = "89".into();
    f.printed_grade = "良".into();
    assert_has(&f, Code::TotalSum, Severity::Error);
    let grade = finding(&f, Code::Grade);
    assert_eq!(grade.severity, Severity::Info, "{}", grade.message);
    assert!(grade.message.contains("改为 100 后，等级应相应改为“优”"), "{}", grade.message);
}

#[test]
fn total_sum_fires_when_the_budget_score_was_forgotten() {
    let mut f = bj_form();
    f.printed_total = "90".into();
    assert!(finding(&f, Code::TotalSum).message.contains("预算执行 10"));
}

#[test]
fn total_sum_accepts_the_same_value_with_decimals() {
    let mut f = bj_form();
    f.printed_total = "100.00".into();
    assert_lacks(&f, Code::TotalSum);
}

#[test]
fn total_sum_warns_when_missing() {
    let mut f = bj_form();
    f.printed_total = "".into();
    assert_has(&f, Code::TotalSum, Severity::Warning);
}

// FUND_SUM
#[test]
fn fund_sum_fires_when_sub_rows_do_not_add_up() {
    let mut f = bj_form();
    f.funds.carried_over.annual = "5".into();
    let found = assert_has(&f, Code::FundSum, Severity::Error);
    assert_eq!(found.field.to_string(), "funds.total.annual");
    assert!(found.message.contains("105"), "{}", found.message);
}

#[test]
fn fund_sum_exact_with_six_decimals_and_blank_sub_rows() {
    let mut f = bj_form();
    f.funds.total = FundRow {
        initial: "".into(),
        annual: "347.364966".into(),
        spent: "347.364966".into(),
    };
    f.funds.current_year = FundRow {
        initial: "".into(),
        annual: "347.364966".into(),
        spent: "347.364966".into(),
    };
    f.funds.carried_over = FundRow::default();
    f.funds.other = FundRow::default();
    assert_lacks(&f, Code::FundSum);
    f.funds.current_year.annual = "347.364965".into();
    assert!(finding(&f, Code::FundSum).message.contains("0.000001"));
}

// EXEC_RATE
#[test]
fn exec_rate_fires_for_a_printed_100_percent_that_is_90_10() {
    let mut f = bj_form();
    for row in [&mut f.funds.total, &mut f.funds.current_year] {
        row.initial = "2175.9657".into();
        row.annual = "2175.9657".into();
        row.spent = "1960.5869".into();
    }
    let found = assert_has(&f, Code::ExecRate, Severity::Error);
    assert!(
        found
            .message
            .contains("执行率应为 90.10%（1960.5869 ÷ 2175.9657），表中填写 100%"),
        "{}",
        found.message
    );
    assert_eq!(found.field.to_string(), "funds.rate");
}

#[test]
fn exec_rate_fires_when_spent_exceeds_budget() {
    let mut f = bj_form();
    f.funds.total.spent = "120".into();
    f.funds.current_year.spent = "120".into();
    f.funds.printed_rate = "120%".into();
    let found = finding(&f, Code::ExecRate);
    assert!(found.message.contains("大于全年预算数"), "{}", found.message);
}

#[test]
fn exec_rate_accepts_rounded_printed_rates() {
    let mut f = bj_form();
    for row in [&mut f.funds.total, &mut f.funds.current_year] {
        row.annual = "1069.34".into();
        row.spent = "939.9".into();
    }
    f.funds.printed_rate = "87.9%".into();
    f.funds.printed_score = "8".into();
    f.printed_total = "98".into();
    assert_lacks(&f, Code::ExecRate);
    f.funds.printed_rate = "87.89%".into();
    assert_has(&f, Code::ExecRate, Severity::Error);
}

#[test]
fn exec_rate_allows_for_an_amount_rounded_when_typed() {
    // 16.59 beside 20.00000 may be 16.585–16.595: 82.925%–82.975%.
    let mut f = bj_form();
    for row in [&mut f.funds.total, &mut f.funds.current_year] {
        row.initial = "20.00000".into();
        row.annual = "20.00000".into();
        row.spent = "16.59".into();
    }
    f.funds.printed_rate = "82.93%".into();
    f.funds.printed_score = "8".into();
    f.printed_total = "98".into();
    let found = assert_has(&f, Code::ExecRate, Severity::Warning);
    assert!(found.message.contains("只写到 2 位小数"), "{}", found.message);
    f.funds.printed_rate = "82.80%".into();
    assert_has(&f, Code::ExecRate, Severity::Error);
}

#[test]
fn exec_rate_uses_the_annual_budget_not_the_initial_one() {
    let mut f = bj_form();
    f.funds.total.initial = "80".into();
    f.funds.current_year.initial = "80".into();
    assert_lacks(&f, Code::ExecRate);
}

// EXEC_SCORE
#[test]
fn exec_score_is_an_error_only_above_every_rounding_convention() {
    // 7 for 59.34%: 5.934 gives 5 rounded down and 6 rounded half up.
    let mut f = bj_form();
    for row in [&mut f.funds.total, &mut f.funds.current_year] {
        row.spent = "59.34".into();
    }
    f.funds.printed_rate = "59.34%".into();
    f.funds.printed_score = "7".into();
    let found = assert_has(&f, Code::ExecScore, Severity::Error);
    assert!(found.message.contains("最高为 5"), "{}", found.message);
    assert!(found.message.contains("四舍五入也只有 6"), "{}", found.message);
}

#[test]
fn exec_score_rounded_half_up_where_the_scheme_rounds_down_is_a_warning() {
    // 10 for 96.47% and 4 for 38.92%: half up, but Beijing counts whole points down.
    for (spent, claimed, scheme_value) in [("96.47", "10", "9"), ("38.92", "4", "3")] {
        let mut f = bj_form();
        for row in [&mut f.funds.total, &mut f.funds.current_year] {
            row.spent = spent.into();
        }
        f.funds.printed_rate = format!("{spent}%").as_str().into();
        f.funds.printed_score = claimed.into();
        let found = assert_has(&f, Code::ExecScore, Severity::Warning);
        assert!(found.message.contains("四舍五入"), "{}", found.message);
        assert!(found.message.contains("向下取整"), "{}", found.message);
        assert!(
            found.message.contains(&format!("应为 {scheme_value}")),
            "{}",
            found.message
        );
    }
}

#[test]
fn exec_score_explanation_never_rounds_across_the_next_step() {
    // 99.9997%: the product is 9.99997…, not "10", and Beijing gives 9.
    let mut f = bj_form();
    for row in [&mut f.funds.total, &mut f.funds.current_year] {
        row.annual = "100000".into();
        row.spent = "99999.7".into();
    }
    f.funds.total.initial = "100000".into();
    f.funds.current_year.initial = "100000".into();
    f.funds.printed_rate = "100.00%".into();
    f.funds.printed_score = "10".into();
    let found = assert_has(&f, Code::ExecScore, Severity::Warning);
    assert!(found.message.contains("10 × 99.9997% = 9.99997"), "{}", found.message);
    assert!(!found.message.contains("= 10，"), "{}", found.message);
}

#[test]
fn exec_score_beijing_whole_points_and_warns_below() {
    let mut f = bj_form();
    for row in [&mut f.funds.total, &mut f.funds.current_year] {
        row.spent = "96.47".into();
    }
    f.funds.printed_rate = "96.47%".into();
    f.funds.printed_score = "9".into();
    f.printed_total = "99".into();
    assert_lacks(&f, Code::ExecScore);
    f.funds.printed_score = "8".into();
    f.printed_total = "98".into();
    assert_has(&f, Code::ExecScore, Severity::Warning);
}

#[test]
fn exec_score_hubei_accepts_the_printed_precision() {
    let mut f = hb_form();
    f.funds.total.annual = "1069.34".into();
    f.funds.total.spent = "939.9".into();
    f.funds.printed_rate = "87.9%".into();
    f.funds.printed_score = "17.6".into();
    f.printed_total = "97.6".into();
    assert_lacks(&f, Code::ExecScore);
    f.funds.printed_score = "17.7".into();
    f.printed_total = "97.7".into();
    assert_has(&f, Code::ExecScore, Severity::Error);
}

// GRADE
#[test]
fn grade_fires_on_mismatch_nonstandard_and_missing() {
    let mut f = bj_form();
    f.printed_grade = "良".into();
    assert!(assert_has(&f, Code::Grade, Severity::Error)
        .message
        .contains("对应等级为“优”"));
    f.printed_grade = "优良".into();
    assert!(assert_has(&f, Code::Grade, Severity::Error)
        .message
        .contains("不是规范写法"));
    f.printed_grade = "".into();
    assert_has(&f, Code::GradeMissing, Severity::Warning);
}

#[test]
fn grade_accepts_synonyms_and_boundaries() {
    let mut f = bj_form();
    f.printed_grade = "优秀".into();
    assert_lacks(&f, Code::Grade);
    // 90 exactly is 优.
    f.indicators[4].score = "5".into();
    f.indicators[4].reason = "受益人数统计口径调整".into();
    f.printed_total = "90".into();
    f.printed_grade = "优".into();
    assert_lacks(&f, Code::Grade);
}

#[test]
fn hubei_layout_has_no_grade_cell() {
    assert_lacks(&hb_form(), Code::Grade);
}

// REASON_MISSING
#[test]
fn reason_missing_fires_for_empty_or_placeholder() {
    let mut f = bj_form();
    f.indicators[5].score = "12".into();
    f.printed_total = "97".into();
    let found = assert_has(&f, Code::ReasonMissing, Severity::Warning);
    assert_eq!(found.field.to_string(), "indicators.5.reason");
    f.indicators[5].reason = "无".into();
    assert!(finding(&f, Code::ReasonMissing).message.contains("只写了“无”"));
}

#[test]
fn reason_missing_quiet_with_a_real_reason() {
    let mut f = bj_form();
    f.indicators[5].score = "12".into();
    f.indicators[5].reason = "机制运行时间短，明年完善考核".into();
    f.printed_total = "97".into();
    assert_lacks(&f, Code::ReasonMissing);
}

#[test]
fn reason_missing_hubei_uses_the_analysis_block() {
    let mut f = hb_form();
    f.indicators[3].score = "20".into();
    f.printed_total = "96".into();
    f.deviation_analysis = "".into();
    assert_eq!(
        assert_has(&f, Code::ReasonMissing, Severity::Warning).field.to_string(),
        "deviation_analysis"
    );
    f.deviation_analysis = "受益人数统计口径调整，部分活动延期".into();
    assert_lacks(&f, Code::ReasonMissing);
}

// SCORE_VS_TARGET
#[test]
fn score_vs_target_fires_for_full_marks_on_a_missed_target() {
    let mut f = bj_form();
    f.indicators[6].actual = "85%".into();
    let found = assert_has(&f, Code::ScoreVsTarget, Severity::Error);
    assert!(found.message.contains("9.44"), "{}", found.message);
}

#[test]
fn score_vs_target_fires_for_a_met_cost_row_scored_as_forward() {
    // 湖北“其他支出”: 不超过 1069.34万元, spent 939.9万元, scored 8.8 of 10.
    let mut f = hb_form();
    f.indicators[2].target = "1069.34万元".into();
    f.indicators[2].actual = "939.9万元".into();
    f.indicators[2].score = "8.8".into();
    f.printed_total = "98.8".into();
    let found = assert_has(&f, Code::ScoreVsTarget, Severity::Warning);
    assert!(found.message.contains("反向"), "{}", found.message);
}

#[test]
fn score_vs_target_quiet_for_proportional_scores() {
    let mut f = bj_form();
    f.indicators[6].actual = "85%".into();
    f.indicators[6].score = "9.44".into();
    f.indicators[6].reason = "部分居民对服务时间不满意".into();
    f.printed_total = "99.44".into();
    assert_lacks(&f, Code::ScoreVsTarget);
}

#[test]
fn score_vs_target_for_missed_deadlines_and_qualitative_tiers() {
    let mut f = bj_form();
    f.indicators[2].actual = "2025年1月".into();
    f.year = Some(2024);
    assert_has(&f, Code::ScoreVsTarget, Severity::Error);
    let mut g = bj_form();
    g.indicators[5].actual = "部分达成".into();
    assert!(assert_has(&g, Code::ScoreVsTarget, Severity::Warning)
        .message
        .contains("9–12"));
}

// UNSCORED_ROW
#[test]
fn unscored_row_fires_for_target_none_and_empty_actual() {
    let mut f = bj_form();
    f.indicators[5].target = "无".into();
    assert_eq!(
        assert_has(&f, Code::UnscoredRow, Severity::Warning).field.to_string(),
        "indicators.5.target"
    );
    let mut g = bj_form();
    g.indicators[1].actual = "—".into();
    assert_eq!(finding(&g, Code::UnscoredRow).field.to_string(), "indicators.1.actual");
    let mut h = bj_form();
    h.indicators[1].score = "".into();
    h.printed_total = "90".into();
    assert!(finding(&h, Code::UnscoredRow).message.contains("未填写得分"));
}

#[test]
fn unscored_row_quiet_when_scored_zero() {
    let mut f = bj_form();
    f.indicators[5].actual = "".into();
    f.indicators[5].score = "0".into();
    f.indicators[5].reason = "本年未开展".into();
    f.printed_total = "85".into();
    f.printed_grade = "良".into();
    assert_lacks(&f, Code::UnscoredRow);
}

// NOT_MEASURABLE
#[test]
fn not_measurable_fires_for_vague_copies_and_identical_text() {
    for (target, actual, name) in [
        ("逐步提升", "有所提升", "居民素质"),
        ("按实际支出", "已支出", "经费支出"),
        ("居民素质", "提升", "居民素质"),
        ("环境建设", "环境建设", "开展环境建设"),
    ] {
        let mut f = bj_form();
        f.indicators[5].name = name.into();
        f.indicators[5].target = target.into();
        f.indicators[5].actual = actual.into();
        assert_has(&f, Code::NotMeasurable, Severity::Warning);
    }
}

#[test]
fn identical_target_and_actual_with_numbers_are_measurable() {
    let mut f = bj_form();
    f.indicators[2].target = "12月前支出100%。".into();
    f.indicators[2].actual = "12月前支出100%。".into();
    assert_lacks(&f, Code::NotMeasurable);
}

#[test]
fn an_actual_written_as_a_bound_is_not_a_measurement() {
    // "≤80%" achieved against a target of 80%: not "met", nothing to compare.
    let mut f = bj_form();
    f.indicators[1].target = "80%".into();
    f.indicators[1].actual = "≤80%".into();
    f.indicators[1].score = "8".into();
    f.indicators[1].reason = "招商引资未完成".into();
    f.printed_total = "98".into();
    assert_lacks(&f, Code::ScoreVsTarget);
    let r = scoring::score_project(jixiao::core::scheme::Scheme::of_project(&f), &f);
    assert!(
        r.indicators[1].explanation.contains("不是实际完成的数值"),
        "{}",
        r.indicators[1].explanation
    );
}

#[test]
fn not_measurable_quiet_for_quantified_targets() {
    let mut f = bj_form();
    f.indicators[5].target = "不少于3次".into();
    f.indicators[5].actual = "3次".into();
    assert_lacks(&f, Code::NotMeasurable);
}

// DATE_WINDOW
#[test]
fn date_window_fires_for_last_years_period() {
    let mut f = bj_form();
    f.indicators[2].target = "2023年1月-12月".into();
    f.indicators[2].actual = "2023年1月-12月".into();
    let found = assert_has(&f, Code::DateWindow, Severity::Warning);
    assert!(found.message.contains("2023") && found.message.contains("2024"));
}

#[test]
fn date_window_quiet_inside_the_year() {
    assert_lacks(&bj_form(), Code::DateWindow);
}

// INFLATED
#[test]
fn inflated_fires_for_full_marks_with_a_low_rate() {
    let mut f = bj_form();
    for row in [&mut f.funds.total, &mut f.funds.current_year] {
        row.spent = "90".into();
    }
    f.funds.printed_rate = "90%".into();
    f.funds.printed_score = "9".into();
    f.printed_total = "99".into();
    let found = assert_has(&f, Code::Inflated, Severity::Warning);
    assert!(found.message.contains("90.00%"), "{}", found.message);
}

#[test]
fn inflated_quiet_when_something_was_deducted() {
    let mut f = bj_form();
    for row in [&mut f.funds.total, &mut f.funds.current_year] {
        row.spent = "90".into();
    }
    f.funds.printed_rate = "90%".into();
    f.funds.printed_score = "9".into();
    f.indicators[5].score = "14".into();
    f.indicators[5].reason = "机制尚需完善".into();
    f.printed_total = "98".into();
    assert_lacks(&f, Code::Inflated);
}

// SATISFACTION_BASIS
#[test]
fn satisfaction_basis_fires_without_a_survey() {
    let mut f = bj_form();
    f.indicators[6].actual = "95%".into();
    assert_has(&f, Code::SatisfactionBasis, Severity::Info);
    f.satisfaction_basis = "发放问卷 200 份".into();
    assert_lacks(&f, Code::SatisfactionBasis);
}

// Extra rules
#[test]
fn over_achievement_asks_for_an_explanation() {
    let mut f = bj_form();
    f.indicators[0].actual = "5次".into(); // 5 ≥ 1.2 × 4
    assert_has(&f, Code::OverAchieved, Severity::Warning);
    f.indicators[0].actual = "4次".into();
    f.indicators[4].actual = "600人".into();
    assert_has(&f, Code::OverAchieved, Severity::Warning);
    f.indicators[4].actual = "599人".into();
    assert_lacks(&f, Code::OverAchieved);
    f.indicators[4].actual = "900人".into();
    f.indicators[4].reason = "新增两个小区加入".into();
    assert_lacks(&f, Code::OverAchieved);
}

#[test]
fn non_numbers_in_number_cells_are_reported() {
    let mut f = bj_form();
    f.indicators[0].score = "满分".into();
    let found = assert_has(&f, Code::ValueFormat, Severity::Error);
    assert_eq!(found.field.to_string(), "indicators.0.score");
    assert!(found.message.contains("“满分”不是数字"));
}

#[test]
fn findings_are_ordered_by_severity_and_located() {
    let mut f = bj_form();
    f.printed_total = "1000".into();
    f.indicators[6].actual = "95%".into();
    let all = findings(&f);
    assert!(all.windows(2).all(|w| w[0].severity <= w[1].severity));
    assert!(all
        .iter()
        .all(|x| !x.field.to_string().is_empty() && !x.location.is_empty() && !x.message.is_empty()));
}

#[test]
fn not_carried_out_projects_are_not_scored() {
    let mut f = bj_form();
    for row in [&mut f.funds.total, &mut f.funds.current_year] {
        row.spent = "0".into();
    }
    f.funds.printed_rate = "0%".into();
    f.funds.printed_score = "—".into();
    for i in &mut f.indicators {
        i.score = "—".into();
        i.actual = "因疫情未开展".into();
    }
    f.printed_total = "—".into();
    f.printed_grade = "".into();
    let all = findings(&f);
    assert!(
        all.iter().all(|x| x.severity != Severity::Error),
        "{:?}",
        validate::codes(&all)
    );
    f.printed_grade = "差".into();
    assert_has(&f, Code::Grade, Severity::Warning);
}

// UNIT_MISMATCH
#[test]
fn money_in_another_unit_is_converted_and_said() {
    // 100元 on a 万元 form is 0.01 万元, not 100: the sums and the rate use 0.01.
    let mut f = bj_form();
    f.funds.other.annual = "100元".into();
    f.funds.total.annual = "100.01".into();
    f.funds.total.initial = "100".into();
    let found = assert_has(&f, Code::UnitMismatch, Severity::Info);
    assert!(found.message.contains("已按 0.01 万元计算"), "{}", found.message);
    assert_lacks(&f, Code::FundSum);
    // "90%" in a money cell is no amount at all.
    f.funds.other.annual = "90%".into();
    let found = assert_has(&f, Code::UnitMismatch, Severity::Error);
    assert!(found.message.contains("不是金额"), "{}", found.message);
}

#[test]
fn not_measurable_fires_for_targets_neither_number_nor_level_with_an_example() {
    for target in ["按要求完成", "效果良好", "逐步提升", "有所提高", "保障社区正常运转"] {
        let mut f = bj_form();
        f.indicators[5].target = target.into();
        let found = finding(&f, Code::NotMeasurable);
        assert_eq!(found.severity, Severity::Warning, "{target}");
        assert!(found.message.contains("如“") && found.message.contains('≥'), "{target}: {}", found.message);
    }
}

#[test]
fn not_measurable_quiet_for_recognised_qualitative_levels() {
    for target in ["好", "较好", "一般", "优", "良", "是", "达标", "合格", "良好以上", "完成"] {
        let mut f = bj_form();
        f.indicators[5].target = target.into();
        f.indicators[5].actual = "达标".into();
        assert_lacks(&f, Code::NotMeasurable);
    }
}
