//! One piece of advice per problem, consistent with every figure shown: on
//! every form of every fixture (text, Word, Excel), the values the findings
//! advise (`Finding::suggested`) never contradict each other or the figures
//! they are computed from.
//!
//! - no two findings advise different values for one cell, and each advised
//!   value is written in its message;
//! - an advised 执行率 is 执行数 ÷ 预算数; an advised budget score is what the
//!   scheme gives for that rate; an advised indicator score lies in 0–分值;
//! - an advised total is the sum of the budget score and the indicator (and
//!   总目标) scores AFTER the scores the other findings advise (the written
//!   ones where none is advised); a total left as written must equal that
//!   sum too, unless a score is called wrong without a value to write;
//! - an advised grade (and a written grade left alone) is the grade of the
//!   total shown: the advised total, else the written one.

use jixiao::core::field::{Field, GoalColumn, IndicatorColumn, RowRef};
use jixiao::core::import::office::import_bytes;
use jixiao::core::import::{import_text, ImportedForm};
use jixiao::core::model::{Cell, Form, Indicator, Level2, ProjectForm, ProjectLayout};
use jixiao::core::scheme::{round_half_up, Figure, Scheme};
use jixiao::core::scoring::{self, Explained};
use jixiao::core::validate::{check_imported, printed_matches, Checked, Code, Finding, Severity, SuggestedValue};
use rust_decimal::Decimal;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// Every form of every fixture: the text fixtures, the Word/Excel copies and
/// the import edge cases.
fn all_fixture_forms() -> Vec<(String, ImportedForm)> {
    let mut forms = Vec::new();
    for sub in ["", "/import", "/office"] {
        let dir = format!("{DIR}{sub}");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .expect("fixture dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            let path = format!("{dir}/{name}");
            let result = if name.ends_with(".txt") {
                import_text(&std::fs::read_to_string(&path).expect("text fixture"))
            } else if name.ends_with(".docx") || name.ends_with(".xlsx") {
                import_bytes(&name, &std::fs::read(&path).expect("office fixture")).expect("readable office fixture")
            } else {
                continue;
            };
            for (i, f) in result.forms.into_iter().enumerate() {
                forms.push((format!("{sub}/{name} #{}", i + 1), f));
            }
        }
    }
    forms
}

fn advised(findings: &[Finding], field: Field) -> Option<&SuggestedValue> {
    findings
        .iter()
        .filter_map(|f| f.suggested.as_ref())
        .find(|s| s.field == field)
        .map(|s| &s.value)
}

fn number(v: Option<&SuggestedValue>) -> Option<Decimal> {
    v.and_then(SuggestedValue::number)
}

/// A score the total counts and no finding can give a value for: the total
/// cannot be checked against advice until it is corrected.
fn pending(findings: &[Finding], parts: &[Field]) -> bool {
    findings
        .iter()
        .any(|f| f.severity == Severity::Error && f.suggested.is_none() && parts.contains(&f.field))
}

/// The problems with the advice on one checked form; empty when consistent.
fn contradictions(form: &Form, checked: &Checked) -> Vec<String> {
    let mut problems = Vec::new();
    let findings = &checked.findings;
    let mut seen: Vec<(Field, &SuggestedValue, Code)> = Vec::new();
    for f in findings {
        let Some(s) = &f.suggested else { continue };
        if !f.message.contains(&s.value.text()) {
            problems.push(format!("{} advises {} without saying it: {}", f.code, s.value.text(), f.message));
        }
        if let Some((_, other, code)) = seen.iter().find(|(field, v, _)| *field == s.field && *v != &s.value) {
            problems.push(format!(
                "{} advises {} for {} but {} advises {}",
                f.code,
                s.value.text(),
                s.field,
                code,
                other.text()
            ));
        }
        seen.push((s.field, &s.value, f.code));
    }
    let scheme = checked.scheme;
    let limits = scheme.limits();
    let score = |c: &Cell| limits.read(Figure::Score, c);
    // (field, value counted when nothing is advised)
    let (parts, rate, printed_total, printed_grade, scored): (Vec<(Field, Decimal)>, _, _, _, bool) = match form {
        Form::Project(p) => {
            let Some(result) = checked.project() else {
                return vec!["a project form without a project result".into()];
            };
            let rate = rate_of(scheme, &p.funds);
            let scheme_budget = rate.as_ref().and_then(|r| scoring::budget_score(scheme, r)).map(|(b, _)| b.value);
            let mut parts = vec![
                (Field::FundScore, score(&p.funds.printed_score).or(scheme_budget).unwrap_or_default()),
                (Field::Goal(GoalColumn::Score), score(&p.goal_score).unwrap_or_default()),
            ];
            for (i, ind) in p.real_indicators().filter(|(_, i)| !i.is_not_applicable()) {
                parts.push((Field::indicator(i, IndicatorColumn::Score), score(&ind.score).unwrap_or_default()));
            }
            let weights_ok = result.weight_sum == scheme.total_points;
            (
                parts,
                rate,
                score(&p.printed_total),
                (p.layout == ProjectLayout::Central).then_some(&p.printed_grade),
                !result.not_scored && result.computed_total.is_some() && weights_ok,
            )
        }
        Form::Department(d) => {
            let rate = rate_of(scheme, &d.funds);
            let scheme_budget = rate.as_ref().and_then(|r| scoring::budget_score(scheme, r)).map(|(b, _)| b.value);
            let mut parts = vec![(Field::FundScore, score(&d.funds.printed_score).or(scheme_budget).unwrap_or_default())];
            for (g, goal) in d.goals.iter().enumerate() {
                for (i, ind) in goal.indicators.iter().enumerate() {
                    if ind.is_template_blank() || ind.is_not_applicable() {
                        continue;
                    }
                    let field = Field::Indicator(RowRef { goal: Some(g), row: i }, IndicatorColumn::Score);
                    parts.push((field, score(&ind.score).unwrap_or_default()));
                }
            }
            let result = scoring::score_department(scheme, d);
            (parts, rate, score(&d.printed_total), None, result.weight_sum == scheme.total_points)
        }
        Form::Evaluation(e) => {
            let parts = e
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    (
                        Field::EvalItem(i, jixiao::core::field::EvalColumn::Score),
                        score(&item.score).unwrap_or_default(),
                    )
                })
                .collect();
            let result = scoring::score_evaluation(scheme, e);
            (parts, None, score(&e.printed_total), Some(&e.printed_grade), result.weight_sum == scheme.total_points)
        }
        Form::Declaration(_) => return problems,
    };

    // 执行率 and the budget score.
    if let Some(v) = advised(findings, Field::FundRate) {
        match (&rate, v) {
            (Some(r), SuggestedValue::Percent(p)) if *p == round_half_up(r.value * Decimal::ONE_HUNDRED, 2) => {}
            _ => problems.push(format!("advised rate {} is not 执行数 ÷ 预算数 ({:?})", v.text(), rate.as_ref().map(|r| r.value))),
        }
    }
    if let Some(v) = number(advised(findings, Field::FundScore)) {
        let expected = rate.as_ref().and_then(|r| scoring::budget_score(scheme, r)).map(|(b, _)| b.value);
        if expected != Some(v) {
            problems.push(format!("advised budget score {v} but the scheme gives {expected:?} for the rate shown"));
        }
    }
    // The editor's 建议得分 beside each row says what the row's finding says.
    if let Some(result) = checked.project() {
        for r in &result.indicators {
            if let Some(v) = number(advised(findings, Field::indicator(r.index, IndicatorColumn::Score))) {
                if r.suggested() != Some(v) {
                    problems.push(format!("row {} advised {v} but 建议得分 shows {:?}", r.index + 1, r.suggested()));
                }
            }
        }
    }
    // Indicator scores inside their weights.
    if let Form::Project(p) = form {
        for (i, ind) in p.real_indicators() {
            if let Some(v) = number(advised(findings, Field::indicator(i, IndicatorColumn::Score))) {
                let w = score(&ind.weight);
                if v < Decimal::ZERO || w.is_none_or(|w| v > w) {
                    problems.push(format!("row {} advised score {v} outside 0–{w:?}", i + 1));
                }
            }
        }
    }
    // The total: the sum after the advised scores.
    let corrected: Decimal = parts
        .iter()
        .map(|(field, counted)| number(advised(findings, *field)).unwrap_or(*counted))
        .sum();
    let part_fields: Vec<Field> = parts.iter().map(|(f, _)| *f).collect();
    let advised_total = number(advised(findings, Field::Total));
    if let Some(t) = advised_total {
        if t != corrected {
            problems.push(format!("advised total {t} but the scores shown and advised add up to {corrected}"));
        }
    } else if scored && !pending(findings, &part_fields) {
        // A total left as written must add up the scores errors advise (a
        // score only warned about may stay as written, with its reason).
        let by_errors: Decimal = parts
            .iter()
            .map(|(field, counted)| {
                findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .filter_map(|f| f.suggested.as_ref())
                    .find(|s| s.field == *field)
                    .and_then(|s| s.value.number())
                    .unwrap_or(*counted)
            })
            .sum();
        if let Some(p) = printed_total {
            if !printed_matches(p, by_errors) && !printed_matches(p, corrected) {
                problems.push(format!(
                    "total {p} left as written, but the scores shown and advised by errors add up to {by_errors}"
                ));
            }
        }
    }
    // The grade of the total shown.
    let shown_total = advised_total.or(printed_total);
    if let (Some(total), Some(cell)) = (shown_total, printed_grade) {
        let expected = scheme
            .grade_for(scoring::capped_total(scheme, total, rate.as_ref()))
            .label
            .clone();
        match advised(findings, Field::Grade) {
            Some(SuggestedValue::Grade(g)) if *g != expected => {
                problems.push(format!("advised grade {g} but the total shown {total} is {expected}"))
            }
            Some(SuggestedValue::Grade(_)) => {}
            Some(other) => problems.push(format!("a grade advised as {other:?}")),
            None if scored => {
                if let Some(band) = scheme.grade_by_label(cell.raw().trim()) {
                    if band.label != expected {
                        problems.push(format!(
                            "grade {} left as written beside the total shown {total} ({expected})",
                            band.label
                        ));
                    }
                }
            }
            None => {}
        }
    }
    problems
}

fn rate_of(scheme: &Scheme, funds: &jixiao::core::model::Funds) -> Option<Explained> {
    scoring::execution_rate(scheme.limits(), funds)
}

#[test]
fn no_advice_contradicts_another_figure_on_any_fixture() {
    let forms = all_fixture_forms();
    assert!(forms.len() > 100, "{} forms", forms.len());
    let mut problems = Vec::new();
    let mut advice = 0;
    for (name, imported) in &forms {
        let checked = check_imported(imported);
        advice += checked.findings.iter().filter(|f| f.suggested.is_some()).count();
        for p in contradictions(&imported.form, &checked) {
            problems.push(format!("{name} 「{}」: {p}", imported.form.name().trim()));
        }
    }
    assert!(advice > 50, "the fixtures carry advice ({advice})");
    assert!(problems.is_empty(), "{} contradictions:\n{}", problems.len(), problems.join("\n"));
}

/// The check above can fail: advice tampered with on real forms is caught.
#[test]
fn tampered_advice_is_caught() {
    let forms = all_fixture_forms();
    let mut caught = [0usize; 3];
    for (_, imported) in &forms {
        let checked = check_imported(imported);
        let kinds: [&[Code]; 3] = [&[Code::TotalSum], &[Code::ExecScore], &[Code::Grade, Code::GradeMissing]];
        for (k, codes) in kinds.into_iter().enumerate() {
            let Some(i) = checked
                .findings
                .iter()
                .position(|f| codes.contains(&f.code) && f.suggested.is_some())
            else {
                continue;
            };
            let mut tampered = checked.clone();
            let s = tampered.findings[i].suggested.as_mut().expect("advice");
            s.value = match &s.value {
                SuggestedValue::Number(d) => SuggestedValue::Number(*d + Decimal::ONE),
                SuggestedValue::Percent(d) => SuggestedValue::Percent(*d + Decimal::ONE),
                SuggestedValue::Grade(g) => SuggestedValue::Grade(if g == "差" { "优".into() } else { "差".into() }),
            };
            if !contradictions(&imported.form, &tampered).is_empty() {
                caught[k] += 1;
            }
        }
    }
    assert!(caught.iter().all(|n| *n > 0), "caught {caught:?}");
}

/// A form built to disagree: 10 points claimed for 90.10%, a row that met its
/// target scored low, a total that adds up the printed scores and a grade
/// that fits it. The advice must follow through to the total and the grade.
#[test]
fn advice_follows_through_to_total_and_grade() {
    let mut p = ProjectForm::new(ProjectLayout::Central, "beijing-project", Some(2020));
    p.name = "测试".into();
    p.funds.total.annual = Cell::new("100");
    p.funds.total.spent = Cell::new("90.1");
    p.funds.printed_score = Cell::new("10");
    p.indicators = vec![Indicator::new(Level2::Quantity), Indicator::new(Level2::Quality)];
    for (ind, (target, actual, weight, score)) in p
        .indicators
        .iter_mut()
        .zip([("≥10次", "12次", "45", "40"), ("≥90%", "95%", "45", "45")])
    {
        ind.name = Cell::new("指标");
        ind.target = Cell::new(target);
        ind.actual = Cell::new(actual);
        ind.weight = Cell::new(weight);
        ind.score = Cell::new(score);
        ind.reason = Cell::new("原因说明");
    }
    p.printed_total = Cell::new("95");
    p.printed_grade = Cell::new("优");
    let form = Form::Project(p);
    let imported = ImportedForm {
        form: form.clone(),
        source_lines: (1, 1),
        notes: Vec::new(),
        numbers_only: false,
        source: None,
        incomplete: None,
    };
    let checked = check_imported(&imported);
    assert_eq!(contradictions(&form, &checked), Vec::<String>::new());
    let total = checked.findings.iter().find(|f| f.code == Code::TotalSum).expect("TOTAL_SUM");
    // 10 → 9 and 40 → 45: 9 + 45 + 45.
    assert_eq!(number(advised(&checked.findings, Field::Total)), Some(Decimal::from(99)), "{}", total.message);
    assert_eq!(total.severity, Severity::Info, "{}", total.message);
}
