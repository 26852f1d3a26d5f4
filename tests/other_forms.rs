//! Rules of the declaration, department and evaluation forms, both ways.

mod common;

use common::{decl, dept, evaluation};
use jixiao::core::model::*;
use jixiao::core::validate::{self, Code, Severity};

fn codes(form: Form) -> Vec<Code> {
    validate::validate(&form).iter().map(|f| f.code).collect()
}

fn sev(form: Form, code: Code) -> Severity {
    validate::validate(&form)
        .into_iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code}"))
        .severity
}

#[test]
fn a_good_declaration_is_clean() {
    assert_eq!(codes(Form::Declaration(decl())), Vec::<Code>::new());
}

#[test]
fn declaration_missing_fields() {
    let mut f = decl();
    f.name = "".into();
    assert_eq!(sev(Form::Declaration(f), Code::DeclFieldMissing), Severity::Error);
}

#[test]
fn declaration_missing_categories() {
    let mut f = decl();
    f.indicators.retain(|i| i.level2 != Level2::Quantity);
    assert_eq!(sev(Form::Declaration(f), Code::DeclCategoryMissing), Severity::Error);
    let mut g = decl();
    g.indicators.retain(|i| i.level2 != Level2::Satisfaction);
    assert_eq!(sev(Form::Declaration(g), Code::DeclCategoryMissing), Severity::Warning);
}

#[test]
fn declaration_unquantified_and_slogans() {
    let mut f = decl();
    f.indicators[3].content = "提升居民素质".into();
    assert!(codes(Form::Declaration(f.clone())).contains(&Code::DeclNotQuantified));
    f.indicators[3].content = "进一步提升居民素质".into();
    let c = codes(Form::Declaration(f));
    assert!(c.contains(&Code::DeclSlogan) && !c.contains(&Code::DeclNotQuantified));
}

#[test]
fn declaration_cost_must_fit_the_budget() {
    let mut f = decl();
    f.budget = "3512730元".into();
    f.indicators[2].content = "预计投入390.973万元".into();
    assert_eq!(
        sev(Form::Declaration(f.clone()), Code::DeclCostMismatch),
        Severity::Error
    );
    f.indicators[2].content = "预计投入351.273万元".into();
    assert!(!codes(Form::Declaration(f)).contains(&Code::DeclCostMismatch));
}

#[test]
fn declaration_dates_inside_the_budget_year() {
    let mut f = decl();
    f.indicators[1].content = "2018年12月-2019年1月制定计划".into();
    assert!(codes(Form::Declaration(f)).contains(&Code::DeclDateWindow));
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
    assert!(codes(Form::Department(f)).contains(&Code::GroupWeight));
    let mut g = dept();
    g.goals[0].weight = "70".into();
    let c = codes(Form::Department(g));
    assert!(c.contains(&Code::GroupWeight) && c.contains(&Code::TotalWeight));
}

#[test]
fn department_total_and_rate() {
    let mut f = dept();
    f.printed_total = "99".into();
    f.funds.printed_rate = "98%".into();
    let c = codes(Form::Department(f));
    assert!(c.contains(&Code::TotalSum) && c.contains(&Code::ExecRate), "{c:?}");
}

#[test]
fn the_beijing_evaluation_table_is_clean() {
    assert_eq!(codes(Form::Evaluation(evaluation())), Vec::<Code>::new());
}

#[test]
fn evaluation_weights_scores_total_and_grade() {
    let mut f = evaluation();
    f.items[0].weight = "20".into();
    let c = codes(Form::Evaluation(f));
    assert!(
        c.contains(&Code::GroupWeight) && c.contains(&Code::TotalWeight),
        "{c:?}"
    );
    let mut g = evaluation();
    g.items[2].score = "60".into();
    g.printed_total = "94.74".into();
    g.printed_grade = "优".into();
    assert_eq!(codes(Form::Evaluation(g)), vec![Code::ScoreRange]);
    let mut h = evaluation();
    h.printed_grade = "优秀".into();
    assert_eq!(codes(Form::Evaluation(h)), vec![Code::Grade]);
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
