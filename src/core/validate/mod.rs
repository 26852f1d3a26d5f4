//! Validation (DOMAIN.md §3 and the declaration checks of §1.4), as a
//! catalogue: `codes.rs` is the one registry of checks; each check is one
//! function in the file of what it checks. This file runs them per form type.
//!
//! Every finding has a stable code, a severity, the exact [`Field`] (which the
//! editor focuses) with a Chinese description of the place, and a Chinese
//! message that states the numbers involved and how to fix it.

mod codes;
mod declaration;
mod department;
mod evaluation;
mod funds;
mod indicators;
mod linkage;
mod measurable;
mod missing;
mod ranges;
mod totals;
mod weights;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use codes::{Code, Rule, Severity};
pub use missing::{
    missing_required, missing_required_declaration, missing_required_department, missing_required_evaluation,
    missing_required_form, Missing,
};
pub use weights::label_weight;

use super::field::Field;
use super::import::ImportedForm;
use super::model::{Cell, DeclarationForm, Form, ProjectForm, ProjectLayout};
use super::scheme::{round_half_up, Scheme};
use super::scoring::{self, DepartmentResult, EvaluationResult, ProjectResult};
use super::value::Value;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// The cell or part of the form it points at.
    pub field: Field,
    /// Where, in Chinese: "绩效指标第 4 行（质量指标·业务工作质量）·得分".
    pub location: String,
    pub message: String,
    /// The value the message advises writing, when it advises one ("请改为
    /// 9"): the editor can offer it, and the advice of all findings on a
    /// form is checked to agree (no two values for one cell; a total that
    /// adds up the scores other findings suggest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested: Option<Suggested>,
}

impl Finding {
    pub fn rule(&self) -> &'static Rule {
        self.code.rule()
    }

    /// The rule's Chinese title: what the finding shows first.
    pub fn title(&self) -> &'static str {
        self.code.title()
    }
}

/// A value a finding advises writing in a cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggested {
    /// The cell to write it in (usually the finding's own field).
    pub field: Field,
    pub value: SuggestedValue,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum SuggestedValue {
    /// A score or total.
    Number(Decimal),
    /// A rate as a percentage rounded to two decimals (90.10 for 90.10%).
    Percent(Decimal),
    /// A grade label (优/良/中/差).
    Grade(String),
}

impl SuggestedValue {
    /// As it would be written in the cell: "9", "90.10%", "优".
    pub fn text(&self) -> String {
        match self {
            SuggestedValue::Number(d) => scoring::fmt_num(*d),
            SuggestedValue::Percent(p) => {
                let mut p = round_half_up(*p, 2);
                p.rescale(2);
                format!("{p}%")
            }
            SuggestedValue::Grade(g) => g.clone(),
        }
    }

    pub fn number(&self) -> Option<Decimal> {
        match self {
            SuggestedValue::Number(d) | SuggestedValue::Percent(d) => Some(*d),
            SuggestedValue::Grade(_) => None,
        }
    }
}

/// Collects findings; keeps the checks short.
pub(crate) struct Findings(Vec<Finding>);

impl Findings {
    /// A finding at a field, described in the field's own words.
    fn at(&mut self, code: Code, severity: Severity, field: Field, message: impl Into<String>) {
        let location = field.label();
        self.push(code, severity, field, location, message);
    }

    fn push(
        &mut self,
        code: Code,
        severity: Severity,
        field: Field,
        location: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.0.push(Finding {
            code,
            severity,
            field,
            location: location.into(),
            message: message.into(),
            suggested: None,
        });
    }

    /// [`Findings::at`] advising a value for the finding's own field.
    fn suggest(&mut self, code: Code, severity: Severity, field: Field, message: impl Into<String>, value: SuggestedValue) {
        self.at(code, severity, field, message);
        self.advise(value);
    }

    /// Attaches advice for its own field to the finding pushed last.
    fn advise(&mut self, value: SuggestedValue) {
        if let Some(last) = self.0.last_mut() {
            last.suggested = Some(Suggested {
                field: last.field,
                value,
            });
        }
    }
}

/// What scoring found, per form type.
#[derive(Clone, Debug, PartialEq)]
pub enum Score {
    Project(ProjectResult),
    Department(DepartmentResult),
    Evaluation(EvaluationResult),
    /// Declarations are not scored.
    None,
}

/// A form scored and validated once: callers that show scores and findings
/// together never score twice.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked<S = Score> {
    pub scheme: &'static Scheme,
    pub score: S,
    /// Errors first, then warnings, then information; in form order within each.
    pub findings: Vec<Finding>,
}

impl Checked<Score> {
    pub fn project(&self) -> Option<&ProjectResult> {
        match &self.score {
            Score::Project(r) => Some(r),
            _ => None,
        }
    }
}

fn sorted(mut out: Findings) -> Vec<Finding> {
    out.0.sort_by_key(|f| f.severity);
    out.0
}

/// Scores and validates any form against its scheme.
pub fn check(form: &Form) -> Checked {
    let scheme = Scheme::of(form);
    let mut out = Findings(Vec::new());
    let score = match form {
        Form::Project(f) => {
            let checked = check_project(f);
            return Checked {
                scheme: checked.scheme,
                score: Score::Project(checked.score),
                findings: checked.findings,
            };
        }
        Form::Department(f) => {
            let result = scoring::score_department(scheme, f);
            department::check(&mut out, scheme, f, &result);
            Score::Department(result)
        }
        Form::Evaluation(f) => {
            let result = scoring::score_evaluation(scheme, f);
            evaluation::check(&mut out, scheme, f, &result);
            Score::Evaluation(result)
        }
        Form::Declaration(f) => {
            declaration::check(&mut out, scheme, f);
            Score::None
        }
    };
    Checked {
        scheme,
        score,
        findings: sorted(out),
    }
}

/// Scores any form without validating it: what the editor shows while the
/// user types (the findings follow when typing pauses).
pub fn score(form: &Form) -> (&'static Scheme, Score) {
    let scheme = Scheme::of(form);
    let score = match form {
        Form::Project(f) => Score::Project(scoring::score_project(scheme, f)),
        Form::Department(f) => Score::Department(scoring::score_department(scheme, f)),
        Form::Evaluation(f) => Score::Evaluation(scoring::score_evaluation(scheme, f)),
        Form::Declaration(_) => Score::None,
    };
    (scheme, score)
}

/// [`check`] for a project form, without wrapping (and cloning) it.
pub fn check_project(form: &ProjectForm) -> Checked<ProjectResult> {
    let scheme = Scheme::of_project(form);
    let result = scoring::score_project(scheme, form);
    let mut out = Findings(Vec::new());
    project(&mut out, scheme, form, &result);
    Checked {
        scheme,
        score: result,
        findings: sorted(out),
    }
}

/// [`check`] for an imported form: a form that could not be read completely
/// gets only `IMPORT_INCOMPLETE` (checks of a half-read form would be
/// guesses), and forms read from PDF text only the checks built on numbers.
pub fn check_imported(imported: &ImportedForm) -> Checked {
    let mut checked = check(&imported.form);
    if let Some(stop) = &imported.incomplete {
        checked.findings = vec![Finding {
            code: Code::ImportIncomplete,
            severity: Severity::Error,
            field: Field::Form,
            location: format!("原文{}", stop.location()),
            message: format!(
                "{}。这张表未能完整读取，未计入得分统计；请核对原文件该处（常见原因：单元格内换行、分页或表格被拆开），修正后重新导入。",
                stop.message.trim_end_matches('。')
            ),
            suggested: None,
        }];
    } else if imported.numbers_only {
        checked.findings.retain(|f| f.rule().numbers_only);
    }
    checked
}

/// A self-evaluation's findings with those against its declaration added
/// (the order of [`check`]: errors first, form order within each).
pub fn with_linkage(findings: Vec<Finding>, form: &ProjectForm, declaration: &DeclarationForm) -> Vec<Finding> {
    let mut out = Findings(findings);
    linkage::check(&mut out, form, declaration);
    sorted(out)
}

/// The findings of any form (see [`check`]).
pub fn validate(form: &Form) -> Vec<Finding> {
    check(form).findings
}

/// Helper for tests and the UI: the codes of a list of findings.
pub fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

/// The checks of a project form, in the order of the printed form.
fn project(out: &mut Findings, scheme: &Scheme, form: &ProjectForm, result: &ProjectResult) {
    ranges::project(out, scheme.limits(), form, result);
    funds::value_formats(out, form);
    funds::unit_mismatch(out, &form.funds, &funds::PROJECT);
    funds::fund_sum(out, scheme, form);
    funds::fund_partial(out, form);
    funds::exec_rate(out, scheme, form, result);
    weights::total_weight(out, scheme, result);
    weights::group_weight(out, scheme, result);
    weights::label_weights(out, form);
    let rows = indicators::Rows {
        scheme,
        year: form.year,
        indicators: &form.indicators,
        results: &result.indicators,
        goal: None,
        reason_column: form.layout == ProjectLayout::Central,
        not_scored: result.not_scored,
    };
    indicators::check(out, &rows);
    if result.not_scored {
        totals::not_scored(out, form);
        return;
    }
    funds::exec_score(
        out,
        scheme,
        &form.funds.printed_score,
        result.budget_exact,
        result.budget_score.as_ref().map(|b| b.value),
        result.exec_rate.as_ref().map(|r| r.value),
    );
    totals::goal_score(out, scheme, form, result);
    totals::check(
        out,
        &totals::Totals {
            scheme,
            printed_total: &form.printed_total,
            printed_grade: (form.layout == ProjectLayout::Central).then_some(&form.printed_grade),
            computed: result
                .computed_total
                .as_ref()
                .map(|t| (t.value, t.explanation.as_str())),
            rate: result.exec_rate.as_ref(),
            weights_ok: result.weight_sum == scheme.total_points,
            parts: totals::project_parts(result),
        },
    );
    indicators::inflated(out, result);
    indicators::reason_block(out, form, result);
    indicators::satisfaction_basis(out, form, result);
}

/// A printed number agrees with an exact one when it equals the exact value
/// rounded (half up) to the printed number of decimals. Beyond 8 decimals
/// both are compared at 8: a spreadsheet formula's cached value
/// (0.901019211837763, shown as 90.10%) carries float digits past the
/// exact quotient's.
pub fn printed_matches(printed: Decimal, exact: Decimal) -> bool {
    let scale = printed.scale().min(8);
    round_half_up(printed, scale) == round_half_up(exact, scale)
}

/// VALUE_FORMAT: a number cell that holds something other than a number or
/// a marker ("—", "/", "不涉及").
fn value_format(out: &mut Findings, cell: &Cell, what: &str, field: Field, location: impl FnOnce() -> String) {
    if cell.is_empty() {
        return;
    }
    // An overflowing number is VALUE_RANGE's.
    if let Value::Number {
        comparator: None,
        embedded: false,
        ..
    }
    | Value::Marker { .. }
    | Value::Overflow = cell.parsed().value
    {
        return;
    }
    out.push(
        Code::ValueFormat,
        Severity::Error,
        field,
        location(),
        format!(
            "{what}“{}”不是数字，无法计算。请只填写数字（如 10 或 9.5）。",
            cell.raw().trim()
        ),
    );
}

/// Empty, one character, or a marker such as "无", "—", "不涉及". Markers
/// are short, so long explanations are never parsed.
fn is_placeholder_reason(cell: &Cell) -> bool {
    let n = cell.raw().trim().chars().count();
    n < 2 || (n <= 4 && matches!(cell.parsed().value, Value::Empty | Value::Marker { .. }))
}
