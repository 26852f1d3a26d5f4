//! Rules of the declaration, department and evaluation forms, both ways.

mod common;

use common::ind;
use jixiao::core::model::*;
use jixiao::core::validate::{self, Severity};

fn decl() -> DeclarationForm {
    let item = |level2: Level2, content: &str| DeclaredIndicator {
        level1_label: level2.level1().label().into(),
        level2,
        level2_label: level2.label().into(),
        content: content.into(),
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

fn codes(form: Form) -> Vec<&'static str> {
    validate::codes(&validate::validate(&form))
}

fn sev(form: Form, code: &str) -> Severity {
    validate::validate(&form)
        .into_iter()
        .find(|f| f.code.as_str() == code)
        .unwrap_or_else(|| panic!("no {code}"))
        .severity
}

#[test]
fn a_good_declaration_is_clean() {
    assert_eq!(codes(Form::Declaration(decl())), Vec::<&str>::new());
}

#[test]
fn declaration_missing_fields() {
    let mut f = decl();
    f.name = "".into();
    assert_eq!(sev(Form::Declaration(f), "DECL_FIELD_MISSING"), Severity::Error);
}

#[test]
fn declaration_missing_categories() {
    let mut f = decl();
    f.indicators.retain(|i| i.level2 != Level2::Quantity);
    assert_eq!(sev(Form::Declaration(f), "DECL_CATEGORY_MISSING"), Severity::Error);
    let mut g = decl();
    g.indicators.retain(|i| i.level2 != Level2::Satisfaction);
    assert_eq!(sev(Form::Declaration(g), "DECL_CATEGORY_MISSING"), Severity::Warning);
}

#[test]
fn declaration_unquantified_and_slogans() {
    let mut f = decl();
    f.indicators[3].content = "提升居民素质".into();
    assert!(codes(Form::Declaration(f.clone())).contains(&"DECL_NOT_QUANTIFIED"));
    f.indicators[3].content = "进一步提升居民素质".into();
    let c = codes(Form::Declaration(f));
    assert!(c.contains(&"DECL_SLOGAN") && !c.contains(&"DECL_NOT_QUANTIFIED"));
}

#[test]
fn declaration_cost_must_fit_the_budget() {
    let mut f = decl();
    f.budget = "3512730元".into();
    f.indicators[2].content = "预计投入390.973万元".into();
    assert_eq!(sev(Form::Declaration(f.clone()), "DECL_COST_MISMATCH"), Severity::Error);
    f.indicators[2].content = "预计投入351.273万元".into();
    assert!(!codes(Form::Declaration(f)).contains(&"DECL_COST_MISMATCH"));
}

#[test]
fn declaration_dates_inside_the_budget_year() {
    let mut f = decl();
    f.indicators[1].content = "2018年12月-2019年1月制定计划".into();
    assert!(codes(Form::Declaration(f)).contains(&"DECL_DATE_WINDOW"));
}

fn dept() -> DepartmentForm {
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
    common::dept_form("100", "100", "100%", "20", goal, "100")
}

#[test]
fn a_good_department_form_is_clean() {
    let all = validate::validate(&Form::Department(dept()));
    assert!(
        all.iter().all(|f| f.severity == Severity::Info),
        "{:?}",
        validate::codes(&all)
    );
}

#[test]
fn department_goal_groups_must_roll_up() {
    let mut f = dept();
    f.goals[0].output_weight = "30".into();
    assert!(codes(Form::Department(f)).contains(&"GROUP_WEIGHT"));
    let mut g = dept();
    g.goals[0].weight = "70".into();
    let c = codes(Form::Department(g));
    assert!(c.contains(&"GROUP_WEIGHT") && c.contains(&"TOTAL_WEIGHT"));
}

#[test]
fn department_total_and_rate() {
    let mut f = dept();
    f.printed_total = "99".into();
    f.funds.printed_rate = "98%".into();
    let c = codes(Form::Department(f));
    assert!(c.contains(&"TOTAL_SUM") && c.contains(&"EXEC_RATE"), "{c:?}");
}

fn evaluation() -> EvaluationForm {
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

#[test]
fn the_beijing_evaluation_table_is_clean() {
    assert_eq!(codes(Form::Evaluation(evaluation())), Vec::<&str>::new());
}

#[test]
fn evaluation_weights_scores_total_and_grade() {
    let mut f = evaluation();
    f.items[0].weight = "20".into();
    let c = codes(Form::Evaluation(f));
    assert!(c.contains(&"GROUP_WEIGHT") && c.contains(&"TOTAL_WEIGHT"), "{c:?}");
    let mut g = evaluation();
    g.items[2].score = "60".into();
    g.printed_total = "94.74".into();
    g.printed_grade = "优".into();
    assert_eq!(codes(Form::Evaluation(g)), vec!["SCORE_RANGE"]);
    let mut h = evaluation();
    h.printed_grade = "优秀".into();
    assert_eq!(codes(Form::Evaluation(h)), vec!["GRADE"]);
}

#[test]
fn forms_round_trip_through_json_unchanged() {
    let forms = vec![
        Form::Project(common::bj_form()),
        Form::Project(common::hb_form()),
        Form::Department(dept()),
        Form::Declaration(decl()),
        Form::Evaluation(evaluation()),
    ];
    for f in forms {
        let json = serde_json::to_string(&f).unwrap();
        let back: Form = serde_json::from_str(&json).unwrap();
        assert_eq!(back, f);
    }
    // Raw text is kept exactly, including odd spacing and full-width digits.
    let mut f = common::bj_form();
    f.funds.total.annual = " １００．０ 万元 ".into();
    let json = serde_json::to_string(&Form::Project(f)).unwrap();
    assert!(json.contains(" １００．０ 万元 "));
}
