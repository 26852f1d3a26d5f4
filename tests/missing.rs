//! What a form still lacks (`missing_required`): a new form lists what is to
//! be filled; the real published forms list only what they really left out;
//! blank template rows are never asked about.

use jixiao::core::edit::new_project;
use jixiao::core::field::{Field, FundColumn, Header, IndicatorColumn};
use jixiao::core::import::import_text;
use jixiao::core::model::{Form, FundKind, ProjectForm, ProjectLayout};
use jixiao::core::validate::{missing_required, missing_required_form, Missing};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

fn labels(m: &[Missing]) -> Vec<&str> {
    m.iter().map(|m| m.label.as_str()).collect()
}

#[test]
fn a_new_empty_form_lists_what_is_to_be_filled() {
    for form in [
        ProjectForm::new(ProjectLayout::Central, "beijing-project", Some(2024)),
        new_project(ProjectLayout::Central, Some(2024)),
    ] {
        let m = missing_required(&form);
        let l = labels(&m);
        for want in [
            "项目名称",
            "主管部门",
            "实施单位",
            "项目负责人",
            "联系电话",
            "年度资金总额·全年预算数",
            "年度资金总额·全年执行数",
            "年度总体目标·预期目标",
            "年度总体目标·实际完成情况",
            "绩效指标·产出指标（至少填写一项）",
            "绩效指标·效益指标（至少填写一项）",
        ] {
            assert!(l.contains(&want), "{want} in {l:?}");
        }
        assert!(m.iter().any(|x| x.field == Field::Fund(FundKind::Total, FundColumn::Spent)));
        assert!(m.iter().any(|x| x.field == Field::Header(Header::Name)));
        // The template's blank rows ("指标1：") are not indicators.
        assert!(!m.iter().any(|x| matches!(x.field, Field::Indicator(..))), "{l:?}");
    }
    let hubei = missing_required(&new_project(ProjectLayout::Hubei, Some(2020)));
    let l = labels(&hubei);
    for want in ["单位名称", "填报日期", "项目名称", "预算执行情况·全年预算数", "项目绩效总目标·得分", "改进措施及结果应用方案"] {
        assert!(l.contains(&want), "{want} in {l:?}");
    }
}

#[test]
fn a_row_begun_asks_for_the_rest_of_its_cells() {
    let mut form = new_project(ProjectLayout::Central, Some(2024));
    let row = form
        .indicators
        .iter()
        .position(|i| i.level2 == jixiao::core::model::Level2::Quantity)
        .expect("a quantity row in the template");
    form.indicators[row].name = "指标1：培训次数".into();
    form.indicators[row].target = "≥3次".into();
    form.indicators[row].weight = "20".into();
    form.indicators[row].score = "15".into();
    let m = missing_required(&form);
    let l = labels(&m);
    assert!(l.contains(&"产出指标·数量指标第1行（培训次数）·实际完成值"), "{l:?}");
    assert!(l.contains(&"产出指标·数量指标第1行（培训次数）·偏差原因分析及改进措施（已扣分）"), "{l:?}");
    assert!(m.iter().any(|x| x.field == Field::indicator(row, IndicatorColumn::Actual)));
    assert!(!l.iter().any(|x| x.contains("年度指标值") || x.contains("·得分")), "{l:?}");
    assert!(!l.contains(&"绩效指标·产出指标（至少填写一项）"));
    form.indicators[row].actual = "2次".into();
    form.indicators[row].reason = "疫情停办一次".into();
    assert!(!labels(&missing_required(&form)).iter().any(|x| x.contains("数量指标")));
}

/// The real forms were handed in: each lists only what it really left out.
#[test]
fn published_forms_list_only_what_they_left_out() {
    let r = import_text(&fixture("bj-chaoyang-2020-project-selfeval.txt"));
    let Form::Project(p) = &r.forms[0].form else { panic!() };
    let m = missing_required(p);
    // 公共服务经费: the published form left 项目负责人/联系电话 and the
    // 三级指标 names blank (its names stand in the target column).
    assert!(m.len() < 40, "{:?}", labels(&m));
    assert!(!labels(&m).contains(&"项目名称"));
    let mut clean = 0;
    let mut forms = 0;
    for text in [
        "bj-fengtai-2020-final-accounts-sample.txt",
        "hb-wuhan-2020-dept-and-project-selfeval.txt",
        "bj-xicheng-2019-target-declarations.txt",
    ] {
        for f in import_text(&fixture(text)).forms {
            let m = missing_required_form(&f.form);
            let l = labels(&m);
            forms += 1;
            clean += usize::from(m.is_empty());
            assert!(!l.contains(&"项目名称"), "{}: {l:?}", f.form.name());
            assert!(m.len() <= 6, "{}: {l:?}", f.form.name());
            if !matches!(f.form, Form::Declaration(_)) {
                assert!(!l.iter().any(|x| x.contains("至少填写一项")), "{}: {l:?}", f.form.name());
            }
        }
    }
    // Most published forms are complete.
    assert!(clean * 2 > forms, "{clean} of {forms} complete");
}

#[test]
#[ignore = "prints what every fixture form lacks, for reading"]
fn print_missing_of_every_fixture_form() {
    for text in [
        "bj-chaoyang-2020-project-selfeval.txt",
        "bj-fengtai-2020-final-accounts-sample.txt",
        "bj-tongzhou-2024-project-selfeval-pdftext.txt",
        "hb-wuhan-2020-dept-and-project-selfeval.txt",
        "bj-xicheng-2019-target-declarations.txt",
    ] {
        for (i, f) in import_text(&fixture(text)).forms.into_iter().enumerate() {
            let m = missing_required_form(&f.form);
            println!("{text} #{} {} ({}): {:?}", i + 1, f.form.name().trim(), m.len(), labels(&m));
        }
    }
}

#[test]
fn other_form_types_list_their_empty_required_cells() {
    let text = fixture("hb-wuhan-2020-dept-and-project-selfeval.txt");
    let mut forms = import_text(&text).forms;
    let Form::Department(d) = &mut forms[0].form else { panic!("department first") };
    d.unit = "".into();
    d.goals[0].text = "".into();
    let l: Vec<String> = missing_required_form(&forms[0].form).into_iter().map(|m| m.label).collect();
    assert!(l.contains(&"单位名称".to_string()) && l.contains(&"年度目标1·目标".to_string()), "{l:?}");

    let mut decls = import_text(&fixture("bj-xicheng-2019-target-declarations.txt")).forms;
    let Form::Declaration(d) = &mut decls[0].form else { panic!("a declaration") };
    d.name = "".into();
    d.goal = "".into();
    for ind in &mut d.indicators {
        ind.content = "".into();
    }
    let l: Vec<String> = missing_required_form(&decls[0].form).into_iter().map(|m| m.label).collect();
    for want in ["项目名称", "项目绩效目标", "绩效指标·产出指标·数量指标（至少填写一项）", "绩效指标·效益指标（至少填写一项）"] {
        assert!(l.contains(&want.to_string()), "{want} in {l:?}");
    }
}

#[test]
fn a_form_not_scored_asks_for_no_score() {
    let mut form = new_project(ProjectLayout::Central, Some(2020));
    let row = 0;
    form.indicators[row].name = "指标1：培训次数".into();
    form.indicators[row].target = "≥3次".into();
    form.indicators[row].actual = "0次".into();
    form.indicators[row].weight = "20".into();
    form.indicators[row].score = "—".into();
    form.printed_total = "—".into();
    let l: Vec<String> = missing_required(&form).into_iter().map(|m| m.label).collect();
    assert!(!l.iter().any(|x| x.contains("·得分")), "{l:?}");
    form.printed_total = "".into();
    form.indicators[row].score = "".into();
    let l: Vec<String> = missing_required(&form).into_iter().map(|m| m.label).collect();
    assert!(l.iter().any(|x| x.ends_with("第1行（培训次数）·得分")), "{l:?}");
}
