//! Builders for test forms: a correct form of each type, which tests then
//! break in exactly one way.
#![allow(dead_code)]

use jixiao::core::model::*;
use jixiao::core::validate::{self, Finding, Severity};

pub fn ind(level2: Level2, name: &str, target: &str, actual: &str, weight: &str, score: &str) -> Indicator {
    let mut i = Indicator::new(level2);
    i.name = name.into();
    i.target = target.into();
    i.actual = actual.into();
    i.weight = weight.into();
    i.score = score.into();
    i
}

/// A correct 2024 Beijing project form: 10 + 50/30/10, all targets met, 100 / 优.
pub fn bj_form() -> ProjectForm {
    let mut f = ProjectForm::new(ProjectLayout::Central, "beijing-project", Some(2024));
    f.name = "社区服务经费".into();
    f.department = "某街道办事处".into();
    f.implementer = "社区建设办公室".into();
    f.funds.total = FundRow {
        initial: "100".into(),
        annual: "100".into(),
        spent: "100".into(),
    };
    f.funds.current_year = FundRow {
        initial: "100".into(),
        annual: "100".into(),
        spent: "100".into(),
    };
    f.funds.carried_over = FundRow {
        initial: "0".into(),
        annual: "0".into(),
        spent: "0".into(),
    };
    f.funds.other = FundRow {
        initial: "0".into(),
        annual: "0".into(),
        spent: "0".into(),
    };
    f.funds.printed_rate = "100%".into();
    f.funds.printed_score = "10".into();
    f.goal_expected = "完成社区培训和服务".into();
    f.goal_actual = "已完成".into();
    f.indicators = vec![
        ind(Level2::Quantity, "培训场次", "≥4次", "4次", "20", "20"),
        ind(Level2::Quality, "验收合格率", "100%", "100%", "10", "10"),
        ind(
            Level2::Timeliness,
            "完成时间",
            "2024年12月底前",
            "2024年11月",
            "10",
            "10",
        ),
        ind(Level2::Cost, "成本控制", "≤100万元", "98万元", "10", "10"),
        ind(Level2::Social, "受益人数", "≥500人", "520人", "15", "15"),
        ind(
            Level2::Sustainable,
            "长效机制",
            "建立社区服务长效机制",
            "已建立并运行",
            "15",
            "15",
        ),
        ind(
            Level2::Satisfaction,
            "群众满意度",
            "≥90%",
            "95%（问卷调查200份）",
            "10",
            "10",
        ),
    ];
    f.printed_total = "100".into();
    f.printed_grade = "优".into();
    f
}

/// A correct Hubei project form: 20 + 20 + 30/30.
pub fn hb_form() -> ProjectForm {
    let mut f = ProjectForm::new(ProjectLayout::Hubei, "hubei-project", Some(2020));
    f.name = "教育支出".into();
    f.unit = "某街道办事处".into();
    f.funds.total.annual = "50".into();
    f.funds.total.spent = "50".into();
    f.funds.printed_rate = "100.0%".into();
    f.funds.printed_score = "20".into();
    f.goal_expected = "推进社区教育".into();
    f.goal_actual = "完成".into();
    f.goal_score = "20".into();
    let mut rows = vec![
        ind(Level2::Quantity, "培训人次", "≥300人次", "320人次", "10", "10"),
        ind(Level2::Quality, "项目完成率", "100%", "100%", "10", "10"),
        ind(Level2::Cost, "不超过预算金额", "50万元", "50万元", "10", "10"),
        ind(Level2::Social, "受益居民", "≥1000人", "1100人", "24", "24"),
        ind(Level2::Satisfaction, "群众满意度", "≥80%", "85%（回访调查）", "6", "6"),
    ];
    for r in &mut rows {
        r.level2_label = format!("{}（{}分）", r.level2.label(), r.weight.raw());
    }
    f.indicators = rows;
    f.deviation_analysis = "无明显偏差".into();
    f.printed_total = "100".into();
    f
}

/// A Hubei department form with one goal and the given money and total.
pub fn dept_form(
    annual: &str,
    spent: &str,
    rate: &str,
    score: &str,
    goal: DepartmentGoal,
    total: &str,
) -> DepartmentForm {
    DepartmentForm {
        scheme: "hubei-department".into(),
        year: Some(2020),
        unit: "街道办事处".into(),
        basic_spending: "".into(),
        project_spending: "".into(),
        funds: Funds {
            total: FundRow {
                initial: "".into(),
                annual: annual.into(),
                spent: spent.into(),
            },
            printed_rate: rate.into(),
            printed_score: score.into(),
            ..Default::default()
        },
        goals: vec![goal],
        deviation_analysis: "".into(),
        improvement: "".into(),
        printed_total: total.into(),
    }
}

pub fn findings(form: &ProjectForm) -> Vec<Finding> {
    validate::validate(&Form::Project(form.clone()))
}

pub fn codes(form: &ProjectForm) -> Vec<&'static str> {
    validate::codes(&findings(form))
}

/// The first finding with this code, or a panic listing what was found.
pub fn finding(form: &ProjectForm, code: &str) -> Finding {
    let all = findings(form);
    all.iter()
        .find(|f| f.code.as_str() == code)
        .cloned()
        .unwrap_or_else(|| panic!("expected {code}, got {:?}", validate::codes(&all)))
}

pub fn assert_has(form: &ProjectForm, code: &str, severity: Severity) -> Finding {
    let f = finding(form, code);
    assert_eq!(f.severity, severity, "{code}: {}", f.message);
    f
}

pub fn assert_lacks(form: &ProjectForm, code: &str) {
    let all = findings(form);
    assert!(
        !all.iter().any(|f| f.code.as_str() == code),
        "unexpected {code}: {:?}",
        all.iter()
            .filter(|f| f.code.as_str() == code)
            .map(|f| &f.message)
            .collect::<Vec<_>>()
    );
}

pub fn errors(form: &ProjectForm) -> Vec<Finding> {
    findings(form)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}
