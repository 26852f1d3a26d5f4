//! Real published forms (tests/fixtures, copied from shared/seeds) with their
//! known mistakes: the checker must find them on the right form, and the
//! forms that are right must come out clean of errors.

use jixiao::core::import::{import_text, ImportedForm};
use jixiao::core::model::Form;
use jixiao::core::scheme::Scheme;
use jixiao::core::scoring;
use jixiao::core::validate::{self, Code, Severity};
use rust_decimal::Decimal;
use std::str::FromStr;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture present")
}

/// The findings of an imported form as the review shows them.
fn findings_of(form: &ImportedForm) -> Vec<validate::Finding> {
    validate::check_imported(form).findings
}

fn codes_of(form: &ImportedForm) -> Vec<Code> {
    findings_of(form).iter().map(|f| f.code).collect()
}

fn errors_of(form: &ImportedForm) -> Vec<Code> {
    findings_of(form)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.code)
        .collect()
}

fn by_name<'a>(forms: &'a [ImportedForm], name: &str) -> &'a ImportedForm {
    forms
        .iter()
        .find(|f| f.form.name().contains(name))
        .unwrap_or_else(|| panic!("no form named {name}"))
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn chaoyang_public_service_form_rate_and_total() {
    let r = import_text(&fixture("bj-chaoyang-2020-project-selfeval.txt"));
    assert_eq!(r.forms.len(), 2);
    let f = by_name(&r.forms, "公共服务经费");
    assert!(f.notes.is_empty(), "{:?}", f.notes);
    let findings = findings_of(f);
    let rate = findings.iter().find(|x| x.code == Code::ExecRate).expect("ExecRate");
    assert!(
        rate.message.contains("90.10%（1960.5869 ÷ 2175.9657），表中填写 100%"),
        "{}",
        rate.message
    );
    let total = findings.iter().find(|x| x.code == Code::TotalSum).expect("TotalSum");
    assert!(total.message.contains("表中填写 1000"), "{}", total.message);
    assert!(codes_of(f).contains(&Code::ExecScore), "10 points claimed for 90.10%");
    let Form::Project(p) = &f.form else { panic!() };
    assert_eq!(p.year, Some(2020));
    assert_eq!(p.funds.total.spent.raw(), "1960.5869");
}

#[test]
fn chaoyang_second_form_has_no_errors() {
    let r = import_text(&fixture("bj-chaoyang-2020-project-selfeval.txt"));
    let f = by_name(&r.forms, "民生家园建设经费");
    assert_eq!(errors_of(f), Vec::<Code>::new());
    // Its targets are copies of its actuals: flagged as not measurable.
    assert!(codes_of(f).contains(&Code::NotMeasurable));
    let Form::Project(p) = &f.form else { panic!() };
    assert_eq!(p.real_indicators().count(), 15);
}

#[test]
fn fengtai_all_25_forms_parse_with_totals_and_grades() {
    let r = import_text(&fixture("bj-fengtai-2020-final-accounts-sample.txt"));
    let projects: Vec<&ImportedForm> = r.forms.iter().filter(|f| matches!(f.form, Form::Project(_))).collect();
    assert_eq!(projects.len(), 25);
    let expected_totals = [
        89, 88, 89, 87, 88, 87, 87, 87, 87, 89, 86, 89, 89, 89, 94, 88, 81, 85, 89, 90, 89, 93, 89, 89, 92,
    ];
    for (form, expected) in projects.iter().zip(expected_totals) {
        assert!(form.notes.is_empty(), "{}: {:?}", form.form.name(), form.notes);
        let Form::Project(p) = &form.form else { unreachable!() };
        assert_eq!(
            p.printed_total.amount(),
            Some(Decimal::from(expected)),
            "{}",
            p.name.raw()
        );
        let grade = if expected >= 90 { "优" } else { "良" };
        assert_eq!(p.printed_grade.raw(), grade);
        let scored = scoring::score_project(Scheme::of(&form.form), p);
        assert_eq!(scored.weight_sum, d("100"), "{}", p.name.raw());
    }
}

#[test]
fn fengtai_mistakes_are_found_on_the_right_forms() {
    let r = import_text(&fixture("bj-fengtai-2020-final-accounts-sample.txt"));
    let with_errors: Vec<(String, Vec<Code>)> = r
        .forms
        .iter()
        .map(|f| {
            (
                f.form.name().lines().next().unwrap_or("").trim().to_string(),
                errors_of(f),
            )
        })
        .filter(|(_, e)| !e.is_empty())
        .collect();
    // The second 观察点 form prints 88 for 9 + 78 = 87; 地下空间整治 gives full
    // marks to 90% against 100%.
    let expected: Vec<(&str, Vec<Code>)> = vec![
        ("丰台区疫情防控集中观察点运行经费", vec![Code::TotalSum]),
        ("政策资金-地下空间整治经费", vec![Code::ScoreVsTarget]),
    ];
    let found: Vec<(&str, Vec<Code>)> = with_errors.iter().map(|(n, c)| (n.as_str(), c.clone())).collect();
    assert_eq!(found, expected);
    // The other 23 forms are free of errors.
    assert_eq!(
        r.forms.iter().filter(|f| matches!(f.form, Form::Project(_))).count() - found.len(),
        23
    );
    // 征兵 prints 82.93% for 16.59 ÷ 20.00000 = 82.95%: 执行数 is written with
    // 2 decimals, and any 16.585–16.595 gives 82.925–82.975%: a warning.
    let rate = findings_of(by_name(&r.forms, "城市管理工作经费及重点治理补助经费-征兵工作经费"))
        .into_iter()
        .find(|f| f.code == Code::ExecRate)
        .expect("EXEC_RATE");
    assert_eq!(rate.severity, Severity::Warning, "{}", rate.message);
    assert!(rate.message.contains("四舍五入"), "{}", rate.message);
    // 群租房 claims 10 budget points for 99.997% and 地下空间整治 4 for 38.92%:
    // the half-up values where Beijing rounds down, so warnings naming both.
    for name in ["2020年卢沟桥街道群租房整治专项资金", "政策资金-地下空间整治经费"] {
        let form = by_name(&r.forms, name);
        let exec = findings_of(form)
            .into_iter()
            .find(|f| f.code == Code::ExecScore)
            .expect("EXEC_SCORE");
        assert_eq!(exec.severity, Severity::Warning, "{name}: {}", exec.message);
        assert!(
            exec.message.contains("四舍五入") && exec.message.contains("向下取整"),
            "{}",
            exec.message
        );
    }
}

#[test]
fn fengtai_department_evaluation_table() {
    let r = import_text(&fixture("bj-fengtai-2020-final-accounts-sample.txt"));
    let eval = r
        .forms
        .iter()
        .find(|f| matches!(f.form, Form::Evaluation(_)))
        .expect("evaluation table");
    let Form::Evaluation(e) = &eval.form else {
        unreachable!()
    };
    assert_eq!(e.scheme, "evaluation-beijing");
    assert_eq!(e.printed_total.raw(), "82.54");
    assert_eq!(e.printed_grade.raw(), "良好");
    assert_eq!(codes_of(eval), Vec::<Code>::new());
}

#[test]
fn fengtai_source_lines_point_into_the_document() {
    let text = fixture("bj-fengtai-2020-final-accounts-sample.txt");
    let lines: Vec<&str> = text.lines().collect();
    let r = import_text(&text);
    let mut last_end = 0;
    for f in &r.forms {
        let (a, b) = f.source_lines;
        assert!(a > last_end && a <= b && b <= lines.len(), "{a}-{b}");
        last_end = b;
        let slice = lines[a - 1..b].join("\n");
        let first_name_line = f.form.name().lines().next().unwrap_or("").trim();
        if matches!(f.form, Form::Project(_)) {
            assert!(slice.contains(first_name_line), "{first_name_line} in {a}-{b}");
            assert!(
                lines[b - 1].contains("良") || lines[b - 1].contains("优"),
                "ends at the grade: {}",
                lines[b - 1]
            );
        }
    }
}

#[test]
fn hubei_other_spending_cost_row_scored_as_forward() {
    let r = import_text(&fixture("hb-wuhan-2020-dept-and-project-selfeval.txt"));
    let f = by_name(&r.forms, "其他支出");
    let findings = findings_of(f);
    let hit = findings
        .iter()
        .find(|x| x.code == Code::ScoreVsTarget && x.location.contains("不超过预算总金额"))
        .expect("cost row flagged");
    assert!(hit.message.contains("8.8"), "{}", hit.message);
    // 20 × 87.9% written as 17.6 is accepted; 91.4 = 17.6 + 18 + 55.8.
    assert!(!codes_of(f).contains(&Code::ExecScore));
    assert!(!codes_of(f).contains(&Code::TotalSum));
    // Its two text blocks sit one row below their labels (the analysis row is
    // empty; the 改进措施 row and the row after hold the two texts), and the
    // analysis mentions 主管部门 in a sentence: read in order, not as a header.
    let Form::Project(p) = &f.form else { unreachable!() };
    assert!(
        p.deviation_analysis.raw().starts_with("一、本项目下辖的分项目较多"),
        "{}",
        p.deviation_analysis.raw()
    );
    assert!(
        p.improvement.raw().starts_with("一、本项目内容过于笼统"),
        "{}",
        p.improvement.raw()
    );
    assert!(f.notes.iter().any(|n| n.message.contains("已按顺序读作")));
    assert!(!codes_of(f).contains(&Code::ReasonMissing));
}

#[test]
fn hubei_document_has_department_and_nine_projects() {
    let r = import_text(&fixture("hb-wuhan-2020-dept-and-project-selfeval.txt"));
    assert!(matches!(r.forms[0].form, Form::Department(_)));
    let names: Vec<&str> = r.forms[1..].iter().map(|f| f.form.name()).collect();
    assert_eq!(
        names,
        [
            "一般公共服务支出",
            "教育支出",
            "科学技术支出",
            "文化旅游体育与传媒支出",
            "社会保障和就业支出",
            "卫生健康支出",
            "城乡社区支出",
            "农林水支出",
            "其他支出"
        ]
    );
    for f in &r.forms[1..] {
        let Form::Project(p) = &f.form else {
            panic!("project expected")
        };
        assert_eq!(p.year, Some(2020));
        let scored = scoring::score_project(Scheme::of(&f.form), p);
        assert_eq!(scored.weight_sum, d("100"), "{}", p.name.raw());
        // 自评得分 = budget + 总目标 + indicators holds in every seed form.
        assert!(
            !codes_of(f).contains(&Code::TotalSum),
            "{}: {:?}",
            p.name.raw(),
            codes_of(f)
        );
    }
}

#[test]
fn hubei_department_form_totals_94_87() {
    let r = import_text(&fixture("hb-wuhan-2020-dept-and-project-selfeval.txt"));
    let Form::Department(dept) = &r.forms[0].form else {
        panic!()
    };
    let scored = scoring::score_department(Scheme::of(&r.forms[0].form), dept);
    assert_eq!(scored.computed_total.value, d("94.87"));
    assert_eq!(scored.budget_score.unwrap().value, d("19.87"));
    assert_eq!(scored.weight_sum, d("100"));
    assert_eq!(dept.goals.len(), 7);
    assert!(!codes_of(&r.forms[0]).contains(&Code::TotalSum));
}

#[test]
fn xicheng_declarations_are_all_found_and_checked() {
    let r = import_text(&fixture("bj-xicheng-2019-target-declarations.txt"));
    assert_eq!(r.forms.len(), 41);
    assert!(r.forms.iter().all(|f| matches!(f.form, Form::Declaration(_))));
    let first = &r.forms[0];
    let Form::Declaration(d0) = &first.form else {
        unreachable!()
    };
    assert_eq!(d0.year, Some(2019));
    assert_eq!(d0.budget.raw(), "3512730元");
    let c = codes_of(first);
    // 390.973万 + 35.13万 of cost indicators against a 351.273万 budget.
    assert!(c.contains(&Code::DeclCostMismatch), "{c:?}");
    // "2018年12月-2019年1月制定整年党建工作计划".
    assert!(c.contains(&Code::DeclDateWindow), "{c:?}");
}

/// Every ERROR on the 41 declarations was read by hand: these are the true ones.
#[test]
fn xicheng_cost_errors_are_the_ones_a_reviewer_confirms() {
    let r = import_text(&fixture("bj-xicheng-2019-target-declarations.txt"));
    let with_errors: Vec<(String, Vec<Code>)> = r
        .forms
        .iter()
        .map(|f| (f.form.name().trim().to_string(), errors_of(f)))
        .filter(|(_, e)| !e.is_empty())
        .collect();
    let expected = [
        // 预计投入390.973万元 against 351.273万 (3512730元).
        "基层党建及干部保障工作经费",
        // seven items add to 291.88万 against the stated total and budget 271.88万.
        "非公企业党建与商务楼宇党建",
        // 61.1 + 59 + 118 = 238.1万 against 168.1万.
        "宣传经费",
        // 915.2 + 60 = 975.2万 against the stated total and budget 854.8万.
        "治安巡防队经费",
        // 计划预算控制在250万元 against 200万.
        "牺牲及病故抚恤",
    ];
    let names: Vec<&str> = with_errors.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, expected, "{with_errors:?}");
    assert!(with_errors.iter().all(|(_, c)| c == &vec![Code::DeclCostMismatch]));
    // Unit prices are not costs: 每套210元 (服装), 82.8元/平方米 (街巷物业); a stated
    // 以上共计 is not added to its own items (全响应).
    for name in ["平安志愿者服装制作", "街巷物业管理"] {
        assert!(
            !codes_of(by_name(&r.forms, name)).contains(&Code::DeclCostMismatch),
            "{name}"
        );
    }
    let full = findings_of(by_name(&r.forms, "全响应工作经费"));
    let cost = full.iter().find(|f| f.code == Code::DeclCostMismatch).expect("a note");
    assert_eq!(cost.severity, Severity::Info, "{}", cost.message);
    assert!(cost.message.contains("324.7"), "{}", cost.message);
    // A 二级 label typed "10" is read by its place in the template (数量指标).
    let second = by_name(&r.forms, "非公企业党建与商务楼宇党建");
    assert!(!codes_of(second).contains(&Code::DeclCategoryMissing));
    assert!(second
        .notes
        .iter()
        .any(|n| n.message.contains("按表样位置读作“数量指标”")));
}

#[test]
fn tongzhou_pdf_text_forms_read_their_numbers() {
    let r = import_text(&fixture("bj-tongzhou-2024-project-selfeval-pdftext.txt"));
    assert_eq!(r.forms.len(), 5);
    let reviewed: Vec<_> = r.forms.into_iter().map(jixiao::core::summary::review).collect();
    let names: Vec<&str> = reviewed.iter().map(|x| x.imported.form.name()).collect();
    assert_eq!(
        names,
        [
            "统计专网网线租赁和维护费",
            "统计调查经费",
            "2024 年生活垃圾日常管理经费",
            "2024 年三馆一站免费开放补助资金",
            "办事处事权补助资金综合项目"
        ]
    );
    for x in &reviewed {
        assert!(x.imported.numbers_only);
        assert!(x.imported.notes[0].message.contains("PDF"), "the partial read is said");
        let Form::Project(p) = &x.imported.form else { panic!() };
        assert_eq!(p.year, Some(2024));
        assert_eq!(x.rate.as_deref(), Some("100.00%"));
        // Only checks built on numbers apply to PDF text.
        assert!(x.findings.iter().all(|f| [
            Code::TotalWeight,
            Code::TotalSum,
            Code::Grade,
            Code::ExecRate,
            Code::ExecScore,
            Code::ScoreRange,
            Code::GroupWeight
        ]
        .contains(&f.code)));
    }
    // Forms 1, 3, 4: indicator weights alone add up to 100, plus the budget's 10.
    for i in [0, 2, 3] {
        let hit = reviewed[i]
            .findings
            .iter()
            .find(|f| f.code == Code::TotalWeight)
            .expect("TotalWeight");
        assert!(
            hit.message.contains("110") && hit.message.contains("指标分值已合计 100"),
            "{}",
            hit.message
        );
    }
    for i in [1, 4] {
        assert!(
            !reviewed[i].findings.iter().any(|f| f.severity == Severity::Error),
            "{:?}",
            reviewed[i].findings
        );
    }
    assert_eq!(reviewed[4].computed_total, Some(d("98")));
    assert_eq!(reviewed[4].printed_total, Some(d("98")));
}
