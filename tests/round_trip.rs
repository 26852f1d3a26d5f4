//! Issue 10: export → import gives back the same form. Every project form of
//! the text fixtures is written by our report writers (the Excel form sheet
//! and the Word report), read back by our own .xlsx/.docx import, and must
//! come back with the same name, money, indicator rows and printed total,
//! and the same finding codes.

use jixiao::core::import::{import_text, office};
use jixiao::core::model::{Cell, Form, Indicator, ProjectForm};
use jixiao::core::report::{docx, xlsx};
use jixiao::core::validate::{check, Code};

const FIXTURES: [(&str, &str); 4] = [
    (
        "chaoyang",
        include_str!("fixtures/bj-chaoyang-2020-project-selfeval.txt"),
    ),
    (
        "fengtai",
        include_str!("fixtures/bj-fengtai-2020-final-accounts-sample.txt"),
    ),
    (
        "wuhan",
        include_str!("fixtures/hb-wuhan-2020-dept-and-project-selfeval.txt"),
    ),
    (
        "xicheng",
        include_str!("fixtures/bj-xicheng-2019-target-declarations.txt"),
    ),
];

/// Finding codes that may differ after the round trip, and why: the writers
/// put the form's arithmetic into the file instead of copying what the unit
/// printed, so mistakes in printed arithmetic are not carried over.
/// - EXEC_RATE: the 执行率 cell is the formula 执行数 ÷ 预算数 (with its value),
///   so a printed rate that disagreed with the figures is not written.
/// - TOTAL_SUM: the 总分 cell is the SUM of the score cells, so a printed
///   total that was not the sum is not written (the total is then compared
///   with the sum instead of the printed one).
/// - GRADE, GRADE_MISSING: the 等级 cell is the grade of that total by the
///   scheme's bands, also where the unit wrote none.
const RECOMPUTED: [Code; 4] = [Code::ExecRate, Code::TotalSum, Code::Grade, Code::GradeMissing];

fn projects() -> Vec<(String, ProjectForm)> {
    let mut out = Vec::new();
    for (name, text) in FIXTURES {
        for (i, f) in import_text(text).forms.into_iter().enumerate() {
            if let Form::Project(p) = f.form {
                out.push((format!("{name} #{}", i + 1), p));
            }
        }
    }
    out
}

fn codes(form: &Form) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = check(form)
        .findings
        .iter()
        .filter(|f| !RECOMPUTED.contains(&f.code))
        .map(|f| f.code.as_str())
        .collect();
    codes.sort_unstable();
    codes
}

/// A cell as a number when it holds one ("10" = "10.00"), else its text.
fn value(c: &Cell) -> String {
    match c.amount() {
        Some(d) => d.normalize().to_string(),
        None => c.raw().trim().to_string(),
    }
}

/// Text compared without its white space: a cell's line breaks are kept by
/// both readers, but Word text breaks lines where a sheet does not.
fn text(c: &Cell) -> String {
    c.raw().chars().filter(|c| !c.is_whitespace()).collect()
}

/// The indicator rows the printed form shows: template rows left blank
/// ("指标2：" with nothing else) are not written (see `report::layout`).
fn shown(form: &ProjectForm) -> Vec<&Indicator> {
    form.indicators.iter().filter(|i| !i.is_template_blank()).collect()
}

/// What differs between the original and the form read back.
fn differences(original: &ProjectForm, back: &ProjectForm) -> Vec<String> {
    let mut out = Vec::new();
    let mut same = |what: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{what}: {a:?} → {b:?}"));
        }
    };
    same("名称", text(&original.name), text(&back.name));
    same("年度", format!("{:?}", original.year), format!("{:?}", back.year));
    for (row, (a, b)) in [
        ("年度资金总额", (&original.funds.total, &back.funds.total)),
        ("当年财政拨款", (&original.funds.current_year, &back.funds.current_year)),
        ("上年结转资金", (&original.funds.carried_over, &back.funds.carried_over)),
        ("其他资金", (&original.funds.other, &back.funds.other)),
    ] {
        same(&format!("{row}·年初预算数"), value(&a.initial), value(&b.initial));
        same(&format!("{row}·全年预算数"), value(&a.annual), value(&b.annual));
        same(&format!("{row}·全年执行数"), value(&a.spent), value(&b.spent));
    }
    same(
        "预算执行得分",
        value(&original.funds.printed_score),
        value(&back.funds.printed_score),
    );
    same(
        "指标行数",
        shown(original).len().to_string(),
        back.indicators.len().to_string(),
    );
    for (n, (a, b)) in shown(original).into_iter().zip(&back.indicators).enumerate() {
        let n = n + 1;
        same(
            &format!("指标{n}·二级"),
            format!("{:?}", a.level2),
            format!("{:?}", b.level2),
        );
        same(&format!("指标{n}·名称"), text(&a.name), text(&b.name));
        same(&format!("指标{n}·指标值"), text(&a.target), text(&b.target));
        same(&format!("指标{n}·完成值"), text(&a.actual), text(&b.actual));
        same(&format!("指标{n}·分值"), value(&a.weight), value(&b.weight));
        same(&format!("指标{n}·得分"), value(&a.score), value(&b.score));
    }
    out
}

/// Reads a written file back and compares it with the original form.
fn round_trip(kind: &str, label: &str, original: &ProjectForm, file: &str, bytes: &[u8]) -> Vec<String> {
    let result = match office::import_bytes(file, bytes) {
        Ok(r) => r,
        Err(e) => return vec![format!("{kind} {label}: not read: {e}")],
    };
    let projects: Vec<_> = result
        .forms
        .iter()
        .filter_map(|f| match &f.form {
            Form::Project(p) => Some((f, p)),
            _ => None,
        })
        .collect();
    let [(imported, back)] = projects.as_slice() else {
        return vec![format!("{kind} {label}: {} project forms read back", projects.len())];
    };
    let mut problems: Vec<String> = Vec::new();
    if let Some(note) = &imported.incomplete {
        problems.push(format!("incomplete: {}", note.message));
    }
    problems.extend(differences(original, back));
    // The printed total comes back as printed, or as the sum of the scores
    // where the printed one was not (TOTAL_SUM, see RECOMPUTED).
    let wrong_total = check(&Form::Project(original.clone()))
        .findings
        .iter()
        .any(|f| f.code == Code::TotalSum);
    if !wrong_total && value(&original.printed_total) != value(&back.printed_total) {
        problems.push(format!(
            "总分: {:?} → {:?}",
            original.printed_total.raw(),
            back.printed_total.raw()
        ));
    }
    let (a, b) = (
        codes(&Form::Project(original.clone())),
        codes(&Form::Project((*back).clone())),
    );
    if a != b {
        problems.push(format!("finding codes: {a:?} → {b:?}"));
    }
    problems
        .into_iter()
        .map(|p| format!("{kind} {label} ({}): {p}", text(&original.name)))
        .collect()
}

#[test]
fn project_forms_come_back_from_the_excel_form_sheet() {
    let forms = projects();
    assert!(forms.len() >= 30, "{} project forms", forms.len());
    let mut problems = Vec::new();
    for (label, p) in &forms {
        let bytes = xlsx::form_workbook(&Form::Project(p.clone())).expect("workbook");
        problems.extend(round_trip("xlsx", label, p, "form.xlsx", &bytes));
    }
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn project_forms_come_back_from_the_word_report() {
    let forms = projects();
    let mut problems = Vec::new();
    for (label, p) in &forms {
        let bytes = docx::form_report(&Form::Project(p.clone()), true).expect("report");
        problems.extend(round_trip("docx", label, p, "report.docx", &bytes));
    }
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Every form of a kind in the text fixtures, with a label.
fn forms_where(keep: impl Fn(&Form) -> bool) -> Vec<(String, Form)> {
    let mut out = Vec::new();
    for (name, text) in FIXTURES {
        for (i, f) in import_text(text).forms.into_iter().enumerate() {
            if keep(&f.form) {
                out.push((format!("{name} #{}", i + 1), f.form));
            }
        }
    }
    out
}

/// The one form of the same kind a written workbook reads back as, with
/// finding codes compared; `compare` adds what differs.
fn sheet_round_trip(
    kind: &str,
    keep: impl Fn(&Form) -> bool + Copy,
    compare: impl Fn(&Form, &Form) -> Vec<String>,
) -> (usize, Vec<String>) {
    let forms = forms_where(keep);
    let mut problems = Vec::new();
    for (label, original) in &forms {
        let bytes = xlsx::form_workbook(original).expect("workbook");
        let result = office::import_bytes("form.xlsx", &bytes).expect("workbook reads");
        let back: Vec<_> = result.forms.iter().filter(|f| keep(&f.form)).collect();
        let [back] = back.as_slice() else {
            problems.push(format!("{kind} {label}: {} forms read back", back.len()));
            continue;
        };
        let mut found = Vec::new();
        if let Some(note) = &back.incomplete {
            found.push(format!("incomplete: {}", note.message));
        }
        found.extend(compare(original, &back.form));
        let (a, b) = (codes(original), codes(&back.form));
        if a != b {
            found.push(format!("finding codes: {a:?} → {b:?}"));
        }
        problems.extend(found.into_iter().map(|p| format!("{kind} {label}: {p}")));
    }
    (forms.len(), problems)
}

#[test]
fn department_forms_come_back_from_the_excel_form_sheet() {
    let keep = |f: &Form| matches!(f, Form::Department(_));
    let (n, problems) = sheet_round_trip("department", keep, |a, b| {
        let (Form::Department(a), Form::Department(b)) = (a, b) else {
            unreachable!()
        };
        let mut out = Vec::new();
        let mut same = |what: String, x: String, y: String| {
            if x != y {
                out.push(format!("{what}: {x:?} → {y:?}"));
            }
        };
        same("单位名称".into(), text(&a.unit), text(&b.unit));
        same(
            "基本支出总额".into(),
            value(&a.basic_spending),
            value(&b.basic_spending),
        );
        same(
            "项目支出总额".into(),
            value(&a.project_spending),
            value(&b.project_spending),
        );
        same(
            "预算数".into(),
            value(&a.funds.total.annual),
            value(&b.funds.total.annual),
        );
        same(
            "执行数".into(),
            value(&a.funds.total.spent),
            value(&b.funds.total.spent),
        );
        same(
            "预算执行得分".into(),
            value(&a.funds.printed_score),
            value(&b.funds.printed_score),
        );
        same("总分".into(), value(&a.printed_total), value(&b.printed_total));
        same(
            "年度目标数".into(),
            a.goals.len().to_string(),
            b.goals.len().to_string(),
        );
        for (g, (x, y)) in a.goals.iter().zip(&b.goals).enumerate() {
            let g = g + 1;
            same(format!("目标{g}·分值"), value(&x.weight), value(&y.weight));
            same(
                format!("目标{g}·产出"),
                value(&x.output_weight),
                value(&y.output_weight),
            );
            same(
                format!("目标{g}·效益"),
                value(&x.benefit_weight),
                value(&y.benefit_weight),
            );
            let shown: Vec<_> = x.indicators.iter().filter(|i| !i.is_template_blank()).collect();
            same(
                format!("目标{g}·指标行数"),
                shown.len().to_string(),
                y.indicators.len().to_string(),
            );
            for (n, (i, j)) in shown.into_iter().zip(&y.indicators).enumerate() {
                let at = format!("目标{g}·指标{}", n + 1);
                same(
                    format!("{at}·二级"),
                    format!("{:?}", i.level2),
                    format!("{:?}", j.level2),
                );
                same(format!("{at}·名称"), text(&i.name), text(&j.name));
                same(format!("{at}·指标值"), text(&i.target), text(&j.target));
                same(format!("{at}·完成值"), text(&i.actual), text(&j.actual));
                same(format!("{at}·分值"), value(&i.weight), value(&j.weight));
                same(format!("{at}·得分"), value(&i.score), value(&j.score));
            }
        }
        out
    });
    assert!(n >= 1, "{n} department forms");
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn evaluation_tables_come_back_from_the_excel_form_sheet() {
    let keep = |f: &Form| matches!(f, Form::Evaluation(_));
    let (n, problems) = sheet_round_trip("evaluation", keep, |a, b| {
        let (Form::Evaluation(a), Form::Evaluation(b)) = (a, b) else {
            unreachable!()
        };
        let mut out = Vec::new();
        let mut same = |what: String, x: String, y: String| {
            if x != y {
                out.push(format!("{what}: {x:?} → {y:?}"));
            }
        };
        same("名称".into(), text(&a.name), text(&b.name));
        same("综合得分".into(), value(&a.printed_total), value(&b.printed_total));
        same(
            "评价项目数".into(),
            a.items.len().to_string(),
            b.items.len().to_string(),
        );
        for (n, (x, y)) in a.items.iter().zip(&b.items).enumerate() {
            same(format!("第{}项·名称", n + 1), text(&x.name), text(&y.name));
            same(format!("第{}项·分值", n + 1), value(&x.weight), value(&y.weight));
            same(format!("第{}项·得分", n + 1), value(&x.score), value(&y.score));
        }
        out
    });
    assert!(n >= 1, "{n} evaluation tables");
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn declarations_come_back_from_the_excel_form_sheet() {
    let keep = |f: &Form| matches!(f, Form::Declaration(_));
    let (n, problems) = sheet_round_trip("declaration", keep, |a, b| {
        let (Form::Declaration(a), Form::Declaration(b)) = (a, b) else {
            unreachable!()
        };
        let mut out = Vec::new();
        let mut same = |what: String, x: String, y: String| {
            if x != y {
                out.push(format!("{what}: {x:?} → {y:?}"));
            }
        };
        same("年度".into(), format!("{:?}", a.year), format!("{:?}", b.year));
        for (what, x, y) in [
            ("单位", &a.unit, &b.unit),
            ("项目名称", &a.name, &b.name),
            ("项目负责人", &a.leader, &b.leader),
            ("联系电话", &a.phone, &b.phone),
            ("单位地址", &a.address, &b.address),
            ("邮政编码", &a.postcode, &b.postcode),
            ("项目绩效目标", &a.goal, &b.goal),
            ("其他说明", &a.other_notes, &b.other_notes),
        ] {
            same(what.into(), text(x), text(y));
        }
        same("预算金额".into(), value(&a.budget), value(&b.budget));
        same(
            "指标条数".into(),
            a.indicators.len().to_string(),
            b.indicators.len().to_string(),
        );
        for (n, (x, y)) in a.indicators.iter().zip(&b.indicators).enumerate() {
            let at = format!("指标{}", n + 1);
            same(
                format!("{at}·二级"),
                format!("{:?}", x.level2),
                format!("{:?}", y.level2),
            );
            same(format!("{at}·内容"), text(&x.content), text(&y.content));
        }
        out
    });
    assert!(n >= 40, "{n} declarations");
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
