//! Edits of a form of any type, addressed by the same field ids the
//! findings use ("name", "funds.total.annual", "indicators.3.score"…), so an
//! input, its findings and its focus target share one name.
//!
//! This file holds the project form and the entry points for every type;
//! `department.rs`, `declaration.rs` and `evaluation.rs` the other forms'
//! cells and blank forms; `rows.rs` adding, moving and removing indicator
//! rows of any table.

mod declaration;
mod department;
mod evaluation;
mod paste;
mod rows;

use rust_decimal::Decimal;

use super::field::{Field, FundColumn, GoalColumn, Header, IndicatorColumn, RowRef};
use super::model::{Cell, DeclarationForm, Form, FundKind, Level2, ProjectForm, ProjectLayout};
use super::scheme::{Scheme, SchemeForm};
use super::scoring::{self, fmt_num, fmt_rate, ProjectResult};
use super::validate::{self, Score};

pub use declaration::new_declaration;
pub use department::{add_department_goal, new_department};
pub use evaluation::new_evaluation;
pub use super::linkage::self_evaluation_from;
pub use paste::{has_grid, is_untouched, parse_block, paste_block, paste_form, Pasted};
pub use rows::{add_indicator_in, move_indicator_in, remove_blank_rows, remove_indicator_in, Table};

/// One table from field to cell, expanded for `&` and `&mut` access.
macro_rules! field_cell {
    ($form:expr, $field:expr, $($mut_:tt)?) => {{
        let form = $form;
        match $field {
            Field::Header(h) => match h {
                Header::Name => Some(&$($mut_)? form.name),
                Header::Department => Some(&$($mut_)? form.department),
                Header::Implementer => Some(&$($mut_)? form.implementer),
                Header::Leader => Some(&$($mut_)? form.leader),
                Header::Phone => Some(&$($mut_)? form.phone),
                Header::Unit => Some(&$($mut_)? form.unit),
                Header::FillDate => Some(&$($mut_)? form.fill_date),
                Header::DeviationAnalysis => Some(&$($mut_)? form.deviation_analysis),
                Header::Improvement => Some(&$($mut_)? form.improvement),
                Header::SatisfactionBasis => Some(&$($mut_)? form.satisfaction_basis),
                _ => None,
            },
            Field::Goal(GoalColumn::Expected) => Some(&$($mut_)? form.goal_expected),
            Field::Goal(GoalColumn::Actual) => Some(&$($mut_)? form.goal_actual),
            Field::Goal(GoalColumn::Score) => Some(&$($mut_)? form.goal_score),
            Field::Total => Some(&$($mut_)? form.printed_total),
            Field::Grade => Some(&$($mut_)? form.printed_grade),
            Field::FundRate => Some(&$($mut_)? form.funds.printed_rate),
            Field::FundScore => Some(&$($mut_)? form.funds.printed_score),
            Field::Fund(kind, col) => {
                let row = match kind {
                    FundKind::Total => &$($mut_)? form.funds.total,
                    FundKind::CurrentYear => &$($mut_)? form.funds.current_year,
                    FundKind::CarriedOver => &$($mut_)? form.funds.carried_over,
                    FundKind::Other => &$($mut_)? form.funds.other,
                };
                Some(match col {
                    FundColumn::Initial => &$($mut_)? row.initial,
                    FundColumn::Annual => &$($mut_)? row.annual,
                    FundColumn::Spent => &$($mut_)? row.spent,
                })
            }
            Field::Indicator(RowRef { goal: None, row }, col) if row < form.indicators.len() => {
                let ind = &$($mut_)? form.indicators[row];
                match col {
                    IndicatorColumn::Name => Some(&$($mut_)? ind.name),
                    IndicatorColumn::Target => Some(&$($mut_)? ind.target),
                    IndicatorColumn::Actual => Some(&$($mut_)? ind.actual),
                    IndicatorColumn::Weight => Some(&$($mut_)? ind.weight),
                    IndicatorColumn::Score => Some(&$($mut_)? ind.score),
                    IndicatorColumn::Reason => Some(&$($mut_)? ind.reason),
                    IndicatorColumn::Content => None,
                }
            }
            _ => None,
        }
    }};
}
/// The raw text of a field of any form ("" for a field it does not have).
pub fn get(form: &Form, field: Field) -> String {
    let cell = match form {
        Form::Project(f) => return get_field(f, field),
        Form::Department(f) => department::cell(f, field),
        Form::Declaration(f) => declaration::cell(f, field),
        Form::Evaluation(f) => evaluation::cell(f, field),
    };
    cell.map(|c| c.raw().to_string()).unwrap_or_default()
}

/// Sets a field of any form exactly as typed. False for a field it does not
/// have.
pub fn set(form: &mut Form, field: Field, value: &str) -> bool {
    let cell = match form {
        Form::Project(f) => return set_field(f, field, value),
        Form::Department(f) => department::cell_mut(f, field),
        Form::Declaration(f) => declaration::cell_mut(f, field),
        Form::Evaluation(f) => evaluation::cell_mut(f, field),
    };
    match cell {
        Some(cell) => {
            cell.0 = value.to_string();
            true
        }
        None => false,
    }
}

/// Sets the year of any form (评价年度 / 预算年度).
pub fn set_year(form: &mut Form, year: Option<i32>) {
    let at = match form {
        Form::Project(f) => &mut f.year,
        Form::Department(f) => &mut f.year,
        Form::Declaration(f) => &mut f.year,
        Form::Evaluation(f) => &mut f.year,
    };
    *at = year;
}

/// The raw text of a field ("" for a field this form does not have).
pub fn get_field(form: &ProjectForm, field: Field) -> String {
    let cell: Option<&Cell> = field_cell!(form, field,);
    cell.map(|c| c.raw().to_string()).unwrap_or_default()
}

/// Sets a field's raw text exactly as typed. False for a field this form
/// does not have.
pub fn set_field(form: &mut ProjectForm, field: Field, value: &str) -> bool {
    let cell: Option<&mut Cell> = field_cell!(form, field, mut);
    match cell {
        Some(cell) => {
            cell.0 = value.to_string();
            true
        }
        None => false,
    }
}

/// Adds an empty 三级 row of the given 二级 after the last row of that 二级
/// (keeps the official grouping). Returns the new row's index.
pub fn add_indicator(form: &mut ProjectForm, level2: Level2) -> usize {
    rows::add(&mut form.indicators, level2)
}

pub fn remove_indicator(form: &mut ProjectForm, index: usize) -> Option<()> {
    rows::remove(&mut form.indicators, index)
}

/// Moves a row up or down within its 二级 group. False when it cannot move.
pub fn move_indicator(form: &mut ProjectForm, index: usize, up: bool) -> bool {
    rows::swap_in_group(&mut form.indicators, index, up)
}

/// A blank form in the official layout: one row for each 二级.
pub fn new_project(layout: ProjectLayout, year: Option<i32>) -> ProjectForm {
    let kind = match layout {
        ProjectLayout::Central => SchemeForm::ProjectCentral,
        ProjectLayout::Hubei => SchemeForm::ProjectHubei,
    };
    new_project_with(Scheme::default_for(kind), year)
}

/// A blank form for a scheme ("新建" offers every project scheme); the
/// layout follows the scheme's form type.
pub fn new_project_with(scheme: &Scheme, year: Option<i32>) -> ProjectForm {
    let layout = if scheme.form == SchemeForm::ProjectHubei {
        ProjectLayout::Hubei
    } else {
        ProjectLayout::Central
    };
    let mut form = ProjectForm::new(layout, &scheme.id, year);
    for level2 in Level2::ALL {
        add_indicator(&mut form, level2);
    }
    form
}

/// What the editor shows beside the form: score, findings and the figures
/// that the form should print, recomputed on every edit.
#[derive(Clone, Debug, PartialEq)]
pub struct EditorView {
    pub score: Score,
    pub findings: Vec<validate::Finding>,
    /// "90.18%" or "—".
    pub rate_text: String,
    pub rate_explanation: String,
    pub budget_score_text: String,
    pub budget_score_explanation: String,
    pub total_text: String,
    pub total_explanation: String,
    pub grade_text: String,
    pub weight_sum: Decimal,
}

impl EditorView {
    pub fn project(&self) -> Option<&ProjectResult> {
        match &self.score {
            Score::Project(r) => Some(r),
            _ => None,
        }
    }
}

/// The editor's view of any form; a self-evaluation with its `declaration`
/// also gets the linkage findings.
pub fn view(form: &Form, declaration: Option<&DeclarationForm>) -> EditorView {
    let validate::Checked {
        scheme,
        score,
        findings,
    } = validate::check(form);
    let mut view = view_of(form, scheme, score);
    view.findings = match (form, declaration) {
        (Form::Project(p), Some(d)) => validate::with_linkage(findings, p, d),
        _ => findings,
    };
    view
}

/// [`view`] without findings (empty): the figures only, for every keystroke.
pub fn scores(form: &Form) -> EditorView {
    let (scheme, score) = validate::score(form);
    view_of(form, scheme, score)
}

/// The findings of [`view`] alone.
pub fn findings(form: &Form, declaration: Option<&DeclarationForm>) -> Vec<validate::Finding> {
    let findings = validate::check(form).findings;
    match (form, declaration) {
        (Form::Project(p), Some(d)) => validate::with_linkage(findings, p, d),
        _ => findings,
    }
}

fn view_of(form: &Form, scheme: &'static Scheme, score: Score) -> EditorView {
    let dash = || "—".to_string();
    let rate_of = |rate: Option<&scoring::Explained>, funds| {
        (
            rate.map_or_else(dash, |r| fmt_rate(r.value)),
            rate.map_or_else(|| scoring::why_no_rate(scheme.limits(), funds), |r| r.explanation.clone()),
        )
    };
    let budget_of = |b: Option<&scoring::Explained>| {
        (
            b.map_or_else(dash, |b| fmt_num(b.value)),
            b.map_or_else(String::new, |b| b.explanation.clone()),
        )
    };
    let none = || (dash(), String::new());
    let (rate, budget, total, grade, weight_sum) = match (&score, form) {
        (Score::Project(r), Form::Project(f)) => (
            rate_of(r.exec_rate.as_ref(), &f.funds),
            budget_of(r.budget_score.as_ref()),
            match (&r.computed_total, r.not_scored) {
                (Some(t), _) => (fmt_num(t.value), t.explanation.clone()),
                (None, true) => ("不计分数".into(), String::new()),
                (None, false) => none(),
            },
            r.grade.clone().unwrap_or_else(dash),
            r.weight_sum,
        ),
        (Score::Department(r), Form::Department(f)) => (
            rate_of(r.exec_rate.as_ref(), &f.funds),
            budget_of(r.budget_score.as_ref()),
            (fmt_num(r.computed_total.value), r.computed_total.explanation.clone()),
            r.grade.clone(),
            r.weight_sum,
        ),
        (Score::Evaluation(r), _) => (
            none(),
            none(),
            (fmt_num(r.computed_total.value), r.computed_total.explanation.clone()),
            r.grade.clone(),
            r.weight_sum,
        ),
        _ => (none(), none(), none(), dash(), Decimal::ZERO),
    };
    EditorView {
        rate_text: rate.0,
        rate_explanation: rate.1,
        budget_score_text: budget.0,
        budget_score_explanation: budget.1,
        total_text: total.0,
        total_explanation: total.1,
        grade_text: grade,
        weight_sum,
        score,
        findings: Vec::new(),
    }
}

/// Writes the computed figures into a form's printed cells (for forms
/// filled in this tool). Scoring only: no validation.
pub fn fill_computed(form: &mut Form) {
    match form {
        Form::Project(f) => fill_project(f),
        Form::Department(f) => department::fill_computed(f),
        Form::Evaluation(f) => evaluation::fill_computed(f),
        Form::Declaration(_) => {}
    }
}

/// [`fill_computed`] for a project form.
pub fn fill_project(form: &mut ProjectForm) {
    let scheme = Scheme::of_project(form);
    let result = scoring::score_project(scheme, form);
    let text = |v: Option<String>| Cell::new(v.unwrap_or_default());
    form.funds.printed_rate = text(result.exec_rate.as_ref().map(|r| fmt_rate(r.value)));
    form.funds.printed_score = text(result.budget_score.as_ref().map(|b| fmt_num(b.value)));
    if result.not_scored {
        form.printed_total = Cell::new("—");
        form.printed_grade = Cell::default();
        return;
    }
    // The total includes the budget score just written.
    let result = scoring::score_project(scheme, form);
    form.printed_total = text(result.computed_total.as_ref().map(|t| fmt_num(t.value)));
    if form.layout == ProjectLayout::Central {
        form.printed_grade = text(result.grade);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_round_trip() {
        let mut f = new_project(ProjectLayout::Central, Some(2024));
        for field in [
            "name",
            "funds.total.annual",
            "funds.other.spent",
            "goal.expected",
            "indicators.2.score",
            "grade",
            "total",
        ] {
            let field: Field = field.parse().unwrap();
            assert!(set_field(&mut f, field, " 12.50万元 "), "{field}");
            assert_eq!(get_field(&f, field), " 12.50万元 ");
        }
        assert!(!set_field(&mut f, Field::indicator(99, IndicatorColumn::Score), "1"));
        assert!(
            !set_field(&mut f, Field::Header(Header::Budget), "1"),
            "not a project field"
        );
        assert_eq!(get_field(&f, Field::Form), "");
    }

    #[test]
    fn a_blank_form_has_nothing_to_report() {
        for layout in [ProjectLayout::Central, ProjectLayout::Hubei] {
            let v = view(&Form::Project(new_project(layout, Some(2025))), None);
            assert!(v.findings.is_empty(), "{layout:?}: {:?}", validate::codes(&v.findings));
        }
        // The other blank forms: what is missing is listed apart, no error yet.
        for form in [
            Form::Department(new_department(Some(2025))),
            Form::Declaration(new_declaration(Some(2025))),
            Form::Evaluation(new_evaluation(Scheme::default_for(SchemeForm::Evaluation), Some(2025))),
            Form::Evaluation(new_evaluation(Scheme::by_id("evaluation-beijing").expect("built in"), Some(2025))),
        ] {
            let v = view(&form, None);
            let errors: Vec<_> = v.findings.iter().filter(|f| f.severity == validate::Severity::Error).collect();
            let declaration_fields = matches!(form, Form::Declaration(_))
                && errors.iter().all(|f| f.code == validate::Code::DeclFieldMissing || f.code == validate::Code::DeclCategoryMissing);
            assert!(errors.is_empty() || declaration_fields, "{}: {:?}", form.kind_label(), validate::codes(&v.findings));
            assert!(!validate::missing_required_form(&form).is_empty());
        }
    }

    #[test]
    fn the_figures_alone_are_the_view_without_findings() {
        let mut f = new_project(ProjectLayout::Central, Some(2024));
        set_field(&mut f, Field::Fund(FundKind::Total, FundColumn::Annual), "100");
        set_field(&mut f, Field::Fund(FundKind::Total, FundColumn::Spent), "120");
        set_field(&mut f, Field::indicator(0, IndicatorColumn::Weight), "90");
        set_field(&mut f, Field::indicator(0, IndicatorColumn::Score), "95");
        for form in [
            Form::Project(f),
            Form::Department(new_department(Some(2024))),
            Form::Declaration(new_declaration(Some(2024))),
        ] {
            let full = view(&form, None);
            assert!(!full.findings.is_empty() || matches!(form, Form::Department(_)));
            assert_eq!(findings(&form, None), full.findings);
            assert_eq!(scores(&form), EditorView { findings: Vec::new(), ..full });
        }
    }

    #[test]
    fn new_forms_have_one_row_per_level2_in_order() {
        let f = new_project(ProjectLayout::Hubei, Some(2020));
        assert_eq!(
            f.indicators.iter().map(|i| i.level2).collect::<Vec<_>>(),
            Level2::ALL.to_vec()
        );
        assert_eq!(f.scheme, "hubei-project");
    }

    #[test]
    fn rows_are_added_to_their_group_and_move_within_it() {
        let mut f = new_project(ProjectLayout::Central, Some(2024));
        let at = add_indicator(&mut f, Level2::Quantity);
        assert_eq!(at, 1);
        assert_eq!(f.indicators[1].level2, Level2::Quantity);
        f.indicators[1].name = "第二个数量指标".into();
        assert!(move_indicator(&mut f, 1, true));
        assert_eq!(f.indicators[0].name.raw(), "第二个数量指标");
        assert!(!move_indicator(&mut f, 0, true));
        assert!(!move_indicator(&mut f, 1, false), "cannot leave its 二级");
        assert!(remove_indicator(&mut f, 0).is_some());
        assert_eq!(f.indicators.len(), 9);
    }

    #[test]
    fn the_view_and_fill_computed() {
        let mut f = new_project(ProjectLayout::Central, Some(2024));
        set_field(&mut f, Field::Fund(FundKind::Total, FundColumn::Annual), "2175.9657");
        set_field(&mut f, Field::Fund(FundKind::Total, FundColumn::Spent), "1962.2");
        let v = view(&Form::Project(f.clone()), None);
        assert_eq!(v.rate_text, "90.18%");
        assert_eq!(v.budget_score_text, "9");
        set_field(&mut f, Field::indicator(0, IndicatorColumn::Weight), "90");
        set_field(&mut f, Field::indicator(0, IndicatorColumn::Score), "80");
        fill_project(&mut f);
        assert_eq!(f.funds.printed_rate.raw(), "90.18%");
        assert_eq!(f.printed_total.raw(), "89");
        assert_eq!(f.printed_grade.raw(), "良");
    }
}
