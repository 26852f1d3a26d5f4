//! Builders for test forms: a correct form of each type, which tests then
//! break in exactly one way.
#![allow(dead_code)]

use jixiao::core::model::*;
use jixiao::core::validate::{self, Code, Finding, Severity};

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
pub fn finding(form: &ProjectForm, code: Code) -> Finding {
    let all = findings(form);
    all.iter()
        .find(|f| f.code == code)
        .cloned()
        .unwrap_or_else(|| panic!("expected {code}, got {:?}", validate::codes(&all)))
}

pub fn assert_has(form: &ProjectForm, code: Code, severity: Severity) -> Finding {
    let f = finding(form, code);
    assert_eq!(f.severity, severity, "{code}: {}", f.message);
    f
}

pub fn assert_lacks(form: &ProjectForm, code: Code) {
    let all = findings(form);
    assert!(
        !all.iter().any(|f| f.code == code),
        "unexpected {code}: {:?}",
        all.iter()
            .filter(|f| f.code == code)
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

/// A correct 2019 target declaration (西城 style).
pub fn decl() -> DeclarationForm {
    let item = |level2: Level2, content: &str| DeclaredIndicator {
        level1_label: level2.level1().label().into(),
        level2,
        level2_label: level2.label().into(),
        content: content.into(),
        target: Default::default(),
    };
    DeclarationForm {
        scheme: "declaration".into(),
        year: Some(2019),
        unit: "展览路街道".into(),
        name: "社区培训".into(),
        budget: "100万元".into(),
        leader: "".into(),
        phone: "".into(),
        address: "".into(),
        postcode: "".into(),
        project_type: "".into(),
        goal: "开展社区培训".into(),
        indicators: vec![
            item(Level2::Quantity, "举办培训不少于3次"),
            item(Level2::Timeliness, "2019年12月底前完成"),
            item(Level2::Cost, "预计投入100万元"),
            item(Level2::Social, "培训覆盖居民≥500人"),
            item(Level2::Satisfaction, "满意度≥90%"),
        ],
        other_notes: "".into(),
    }
}

/// The 丰台 third-party evaluation table: 15/30/55 → 82.54 良好.
pub fn evaluation() -> EvaluationForm {
    let item = |n: &str, w: &str, s: &str| EvaluationItem {
        name: n.into(),
        weight: w.into(),
        score: s.into(),
    };
    EvaluationForm {
        scheme: "evaluation-beijing".into(),
        year: Some(2020),
        name: "背街小巷清扫保洁".into(),
        amount: "288.4497".into(),
        items: vec![
            item("项目决策", "15.00", "11.70"),
            item("项目管理", "30.00", "23.04"),
            item("项目绩效", "55.00", "47.80"),
        ],
        printed_total: "82.54".into(),
        printed_grade: "良好".into(),
    }
}

/// A correct Hubei department form: 20 + one goal of 80 (40/40), 100.
pub fn dept() -> DepartmentForm {
    let mut o = ind(Level2::Quantity, "培训次数", "1次", "1次", "40", "40");
    o.level2_label = "数量指标（40分）".into();
    let mut b = ind(Level2::Social, "社会效益", "≥80%", "90%", "40", "40");
    b.level2_label = "社会效益指标（40分）".into();
    let goal = DepartmentGoal {
        text: "目标".into(),
        weight: "80".into(),
        output_weight: "40".into(),
        benefit_weight: "40".into(),
        indicators: vec![o, b],
    };
    dept_form("100", "100", "100%", "20", goal, "100")
}
