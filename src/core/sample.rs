//! The 示例 form a new user can open to learn from: a complete, correct
//! Beijing/central project self-evaluation with one explained deduction.
//! Written through the editor's own field ids, so it is what the editor
//! would hold had a clerk typed it.

use super::edit;
use super::field::{Field, FundColumn, GoalColumn, Header, IndicatorColumn};
use super::model::{Form, FundKind, Level2, ProjectLayout};

/// (二级, 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因).
const ROWS: [(Level2, &str, &str, &str, &str, &str, &str); 8] = [
    (Level2::Quantity, "补贴养老服务驿站数量", "≥20家", "22家", "20", "20", ""),
    (Level2::Quantity, "驿站服务老年人次", "≥3万人次", "3.2万人次", "10", "10", ""),
    (Level2::Quality, "驿站服务质量评估达标率", "≥95%", "96%", "10", "10", ""),
    (Level2::Timeliness, "补贴按季度拨付及时率", "100%", "100%", "5", "5", ""),
    (Level2::Cost, "每家驿站年度运营补贴", "≤6万元", "5.4万元", "5", "5", ""),
    (
        Level2::Social,
        "老年助餐服务覆盖街道数",
        "≥8个",
        "7个",
        "20",
        "17.5",
        "1个街道驿站装修延期，于次年1月开放，按完成比例 7/8 扣分；下年度提前完成选址和装修。",
    ),
    (Level2::Sustainable, "驿站连续运营率", "≥90%", "95%", "10", "10", ""),
    (Level2::Satisfaction, "服务对象满意度", "≥90%", "93%", "10", "10", ""),
];

/// The sample form for `year` (the year before the current one is usual).
pub fn project(year: Option<i32>) -> Form {
    let mut form = Form::Project(edit::new_project(ProjectLayout::Central, year));
    edit::remove_blank_rows(&mut form);
    let header = [
        (Header::Name, "社区养老服务驿站运营补贴（示例）"),
        (Header::Department, "某区民政局"),
        (Header::Implementer, "某区养老服务指导中心"),
        (Header::Leader, "张明"),
        (Header::Phone, "010-12345678"),
        (Header::SatisfactionBasis, "向驿站服务对象发放问卷 300 份，回收有效问卷 286 份"),
    ];
    for (h, value) in header {
        edit::set(&mut form, Field::Header(h), value);
    }
    for (kind, initial, annual, spent) in [
        (FundKind::Total, "120", "120", "108.6"),
        (FundKind::CurrentYear, "120", "120", "108.6"),
        (FundKind::CarriedOver, "0", "0", "0"),
        (FundKind::Other, "0", "0", "0"),
    ] {
        edit::set(&mut form, Field::Fund(kind, FundColumn::Initial), initial);
        edit::set(&mut form, Field::Fund(kind, FundColumn::Annual), annual);
        edit::set(&mut form, Field::Fund(kind, FundColumn::Spent), spent);
    }
    edit::set(
        &mut form,
        Field::Goal(GoalColumn::Expected),
        "对全区 20 家以上社区养老服务驿站给予运营补贴，为辖区老年人提供助餐、日间照料等服务，服务 3 万人次以上，服务对象满意度不低于 90%。",
    );
    edit::set(
        &mut form,
        Field::Goal(GoalColumn::Actual),
        "全年补贴驿站 22 家，服务老年人 3.2 万人次，助餐服务覆盖 7 个街道（1 个因装修延期），满意度 93%。",
    );
    for (level2, name, target, actual, weight, score, reason) in ROWS {
        let Some(at) = edit::add_indicator_in(&mut form, edit::Table::Main, level2) else {
            continue;
        };
        for (column, value) in [
            (IndicatorColumn::Name, name),
            (IndicatorColumn::Target, target),
            (IndicatorColumn::Actual, actual),
            (IndicatorColumn::Weight, weight),
            (IndicatorColumn::Score, score),
            (IndicatorColumn::Reason, reason),
        ] {
            edit::set(&mut form, Field::indicator(at, column), value);
        }
    }
    edit::fill_computed(&mut form);
    form
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::validate;

    /// The sample teaches by example: nothing in it may be wrong or missing.
    #[test]
    fn the_sample_is_complete_and_correct() {
        let form = project(Some(2025));
        let findings = edit::findings(&form, None);
        assert!(findings.is_empty(), "{findings:#?}");
        assert!(validate::missing_required_form(&form).is_empty());
        let view = edit::scores(&form);
        assert_eq!(view.weight_sum.to_string(), "100");
        assert_eq!(view.rate_text, "90.50%");
        assert_eq!((view.total_text.as_str(), view.grade_text.as_str()), ("96.5", "优"), "9 (10 × 90.50%, Beijing) + 87.5");
    }
}
