//! Blank template rows ("指标2：", "……", an empty row the editor added) are
//! not indicators: every check ignores them and no export shows them. For
//! every project and department form of the fixtures, adding such rows
//! changes neither the findings, nor what is missing, nor the printed grid
//! (Excel sheet, Word table and print sheet are rendered from it), nor the
//! Word report.

use jixiao::core::import::import_text;
use jixiao::core::model::{Form, Indicator, Level2};
use jixiao::core::report::docx::form_report;
use jixiao::core::report::form_grid;
use jixiao::core::validate::{check, missing_required_form, Finding};

const FIXTURES: [&str; 4] = [
    "bj-chaoyang-2020-project-selfeval.txt",
    "bj-fengtai-2020-final-accounts-sample.txt",
    "bj-tongzhou-2024-project-selfeval-pdftext.txt",
    "hb-wuhan-2020-dept-and-project-selfeval.txt",
];

fn blank_rows() -> Vec<Indicator> {
    [(Level2::Quantity, "指标2："), (Level2::Social, "……"), (Level2::Satisfaction, ""), (Level2::Cost, "指标3:")]
        .into_iter()
        .map(|(level2, name)| {
            let mut i = Indicator::new(level2);
            i.name = name.into();
            assert!(i.is_template_blank(), "{name}");
            i
        })
        .collect()
}

/// Adds blank rows at the end of every indicator table (row numbers of the
/// real rows stay), or at the start (they shift).
fn with_blanks(form: &Form, at_start: bool) -> Form {
    let mut form = form.clone();
    let add = |rows: &mut Vec<Indicator>| {
        if at_start {
            let mut all = blank_rows();
            all.append(rows);
            *rows = all;
        } else {
            rows.extend(blank_rows());
        }
    };
    match &mut form {
        Form::Project(p) => add(&mut p.indicators),
        Form::Department(d) => d.goals.iter_mut().for_each(|g| add(&mut g.indicators)),
        _ => {}
    }
    form
}

fn gist(findings: &[Finding]) -> Vec<(String, String)> {
    let mut g: Vec<(String, String)> = findings
        .iter()
        .map(|f| (f.code.to_string(), f.severity.label().to_string()))
        .collect();
    g.sort();
    g
}

#[test]
fn blank_template_rows_change_no_finding_and_no_export() {
    let mut forms = 0;
    for name in FIXTURES {
        let text = std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture");
        for imported in import_text(&text).forms {
            let form = &imported.form;
            if !matches!(form, Form::Project(_) | Form::Department(_)) {
                continue;
            }
            forms += 1;
            let label = format!("{name}: {}", form.name().trim());
            let plain = check(form);
            let appended = with_blanks(form, false);
            let prepended = with_blanks(form, true);
            assert_eq!(check(&appended).findings, plain.findings, "{label}");
            assert_eq!(gist(&check(&prepended).findings), gist(&plain.findings), "{label}");
            assert_eq!(check(&appended).score, plain.score, "{label}");
            assert_eq!(missing_required_form(&appended), missing_required_form(form), "{label}");
            assert_eq!(
                missing_required_form(&prepended).len(),
                missing_required_form(form).len(),
                "{label}"
            );
            let grid = form_grid(form);
            assert_eq!(form_grid(&appended), grid, "{label}");
            assert_eq!(form_grid(&prepended), grid, "{label}");
            if matches!(form, Form::Project(_)) {
                let report = form_report(form, true).expect("report");
                assert_eq!(form_report(&appended, true).expect("report"), report, "{label}");
            }
        }
    }
    assert!(forms > 30, "{forms} forms");
}
