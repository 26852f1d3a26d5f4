//! Numbers no form can hold never stop the app (issue 14 §1): a panic in the
//! page ends it for good. Every fixture gets its numeric cells replaced by
//! extreme values, one at a time exhaustively for the smaller fixtures and
//! two at a time at random for all, and goes through import, review,
//! summary, paragraph and the JSON/CSV exports; every editor field of both
//! layouts takes every extreme value through the editor's paths.

use jixiao::core::drafts::{self, Draft};
use jixiao::core::edit;
use jixiao::core::field::{DeptGoalColumn, EvalColumn, Field, FundColumn, GoalColumn, Header, IndicatorColumn, RowRef};
use jixiao::core::import::import_text;
use jixiao::core::model::{Form, FundKind, Level2, ProjectLayout};
use jixiao::core::results::{to_csv, to_json};
use jixiao::core::summary::{paragraph, review, summarize, Reviewed};
use jixiao::core::validate::Code;
use proptest::prelude::*;

const EXTREMES: [&str; 12] = [
    "70000000000000000000000000000",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "0.0000000000000000000000000001",
    "0.00000000000000000000000000000001",
    "9999999999999999999999999999999999999999",
    "1e27",
    "-1",
    "0",
    "99999999999999999999999999999%",
    "7.9228162514264337593543950335万元",
    "100000000000000000000亿元",
];

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture")
}

/// Byte ranges of the numbers in a text (digits with an optional fraction).
fn numbers(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

fn replaced(text: &str, spans: &[(usize, usize)], values: &[&str]) -> String {
    let mut pairs: Vec<((usize, usize), &str)> = spans.iter().copied().zip(values.iter().copied()).collect();
    pairs.sort_by_key(|((s, _), _)| std::cmp::Reverse(*s));
    let mut out = text.to_string();
    for ((s, e), v) in pairs {
        out.replace_range(s..e, v);
    }
    out
}

/// Everything a document goes through on the import screen.
fn through_everything(text: &str) -> Vec<Reviewed> {
    let reviewed: Vec<Reviewed> = import_text(text).forms.into_iter().map(review).collect();
    let summary = summarize(&reviewed);
    let para = paragraph(&summary, Some(2020));
    assert!(!para.is_empty());
    let json = to_json(&summary, &para, &reviewed);
    serde_json::from_str::<serde_json::Value>(&json).expect("results JSON stays valid");
    assert!(to_csv(&reviewed).starts_with('\u{feff}'));
    reviewed
}

#[test]
fn every_number_of_the_small_fixtures_replaced_by_every_extreme() {
    let mut cases = 0;
    let mut flagged = 0;
    // Every number of 朝阳 (the case), every 8th of 武汉 (both layouts
    // and the department form), within a fixed case budget.
    for (name, stride) in [
        ("bj-chaoyang-2020-project-selfeval.txt", 1),
        ("hb-wuhan-2020-dept-and-project-selfeval.txt", 8),
    ] {
        let text = fixture(name);
        for span in numbers(&text).into_iter().step_by(stride) {
            for value in EXTREMES {
                let reviewed = through_everything(&replaced(&text, &[span], &[value]));
                cases += 1;
                if reviewed
                    .iter()
                    .any(|r| r.findings.iter().any(|f| f.code == Code::ValueRange))
                {
                    flagged += 1;
                }
            }
        }
    }
    assert!(cases > 3_000, "{cases} cases");
    eprintln!("{cases} documents with an extreme number: {flagged} flagged VALUE_RANGE, none panicked");
    // The extremes that parse as numbers are reported where they land in a cell.
    assert!(flagged > cases / 10, "{flagged} of {cases} flagged VALUE_RANGE");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_two_numbers_of_any_fixture_replaced_never_panic(
        which in 0usize..5,
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
        va in 0usize..EXTREMES.len(),
        vb in 0usize..EXTREMES.len(),
    ) {
        let name = [
            "bj-chaoyang-2020-project-selfeval.txt",
            "bj-fengtai-2020-final-accounts-sample.txt",
            "bj-tongzhou-2024-project-selfeval-pdftext.txt",
            "bj-xicheng-2019-target-declarations.txt",
            "hb-wuhan-2020-dept-and-project-selfeval.txt",
        ][which];
        let text = fixture(name);
        let spans = numbers(&text);
        let (sa, sb) = (spans[a.index(spans.len())], spans[b.index(spans.len())]);
        let pair: Vec<(usize, usize)> = if sa == sb { vec![sa] } else { vec![sa, sb] };
        through_everything(&replaced(&text, &pair, &[EXTREMES[va], EXTREMES[vb]]));
    }
}

/// Every field an editor input writes.
fn editor_fields(rows: usize) -> Vec<Field> {
    let mut fields = vec![
        Field::Header(Header::Name),
        Field::FundRate,
        Field::FundScore,
        Field::Goal(GoalColumn::Score),
        Field::Total,
        Field::Grade,
    ];
    for kind in FundKind::ALL {
        for col in FundColumn::ALL {
            fields.push(Field::Fund(kind, col));
        }
    }
    for row in 0..rows {
        for col in [
            IndicatorColumn::Target,
            IndicatorColumn::Actual,
            IndicatorColumn::Weight,
            IndicatorColumn::Score,
        ] {
            fields.push(Field::indicator(row, col));
        }
    }
    fields
}

#[test]
fn every_editor_field_takes_every_extreme_value() {
    for layout in [ProjectLayout::Central, ProjectLayout::Hubei] {
        let mut form = edit::new_project(layout, Some(2025));
        // A filled form first, so that one extreme sits among real figures.
        for (field, value) in [
            (Field::Fund(FundKind::Total, FundColumn::Annual), "2175.9657"),
            (Field::Fund(FundKind::Total, FundColumn::Spent), "1962.2"),
            (Field::indicator(0, IndicatorColumn::Target), "≥10个"),
            (Field::indicator(0, IndicatorColumn::Weight), "20"),
        ] {
            edit::set_field(&mut form, field, value);
        }
        let fields = editor_fields(form.indicators.len());
        for field in &fields {
            for value in EXTREMES {
                let mut f = form.clone();
                assert!(edit::set_field(&mut f, *field, value), "{field}");
                through_the_editor(Form::Project(f));
            }
        }
        // A key held down in one cell: every length of nines on the way.
        let mut f = form.clone();
        let mut typed = String::new();
        for _ in 0..45 {
            typed.push('9');
            edit::set_field(&mut f, Field::indicator(0, IndicatorColumn::Actual), &typed);
            let view = edit::view(&Form::Project(f.clone()), None);
            if typed.len() > 16 {
                assert!(
                    view.findings.iter().any(|x| x.code == Code::ValueRange),
                    "{} nines: {:?}",
                    typed.len(),
                    view.findings.iter().map(|x| x.code).collect::<Vec<_>>()
                );
            }
        }
        // Rows added, moved and removed around extreme values.
        let at = edit::add_indicator(&mut f, Level2::Quantity);
        edit::set_field(&mut f, Field::indicator(at, IndicatorColumn::Score), EXTREMES[1]);
        edit::move_indicator(&mut f, at, true);
        edit::remove_indicator(&mut f, 0);
        let _ = edit::view(&Form::Project(f), None);
    }
}

/// The editor's paths for one form: view, computed figures, draft list.
fn through_the_editor(form: Form) {
    let view = edit::view(&form, None);
    let _ = (view.rate_text, view.total_text, view.grade_text);
    let mut filled = form;
    edit::fill_computed(&mut filled);
    let draft = Draft::new("d".into(), filled, true, "w", "2025-01-01T00:00:00");
    let _ = drafts::summarize(&draft);
}

/// The department, declaration and evaluation editors: every cell of a
/// filled form takes every extreme value; a self-evaluation made from the
/// declaration and checked against it too.
#[test]
fn every_field_of_the_other_editors_takes_every_extreme_value() {
    let mut dept = edit::new_department(Some(2025));
    let mut dept_fields = vec![
        Field::Header(Header::BasicSpending),
        Field::Header(Header::ProjectSpending),
        Field::Fund(FundKind::Total, FundColumn::Annual),
        Field::Fund(FundKind::Total, FundColumn::Spent),
        Field::FundRate,
        Field::FundScore,
        Field::Total,
    ];
    for col in [DeptGoalColumn::Weight, DeptGoalColumn::OutputWeight, DeptGoalColumn::BenefitWeight] {
        dept_fields.push(Field::DeptGoal(0, col));
    }
    for row in 0..dept.goals[0].indicators.len() {
        for col in [IndicatorColumn::Target, IndicatorColumn::Actual, IndicatorColumn::Weight, IndicatorColumn::Score] {
            dept_fields.push(Field::Indicator(RowRef { goal: Some(0), row }, col));
        }
    }
    dept.funds.total.annual = "100".into();
    dept.funds.total.spent = "99.37".into();
    let mut decl = edit::new_declaration(Some(2026));
    decl.name = "社区培训".into();
    decl.indicators[0].content = "培训次数".into();
    decl.indicators[0].target = "≥4次".into();
    let mut decl_fields = vec![Field::Header(Header::Budget)];
    for row in 0..decl.indicators.len() {
        decl_fields.push(Field::indicator(row, IndicatorColumn::Content));
        decl_fields.push(Field::indicator(row, IndicatorColumn::Target));
    }
    let eval = edit::new_evaluation(jixiao::core::scheme::Scheme::by_id("evaluation-beijing").unwrap(), Some(2025));
    let mut eval_fields = vec![Field::Header(Header::Budget), Field::Total, Field::Grade];
    for i in 0..eval.items.len() {
        eval_fields.push(Field::EvalItem(i, EvalColumn::Weight));
        eval_fields.push(Field::EvalItem(i, EvalColumn::Score));
    }
    for (form, fields) in [
        (Form::Department(dept), dept_fields),
        (Form::Declaration(decl), decl_fields),
        (Form::Evaluation(eval), eval_fields),
    ] {
        for field in &fields {
            for value in EXTREMES {
                let mut f = form.clone();
                assert!(edit::set(&mut f, *field, value), "{field}");
                if let Form::Declaration(d) = &f {
                    let mut made = Form::Project(edit::self_evaluation_from(d));
                    edit::fill_computed(&mut made);
                    if let Form::Project(p) = &made {
                        let _ = edit::view(&made, Some(d));
                        let _ = jixiao::core::linkage::pair(d, p);
                    }
                }
                through_the_editor(f);
            }
        }
    }
}

/// The classes that stopped the app before scores and amounts had limits
/// ("Division overflowed", "Addition overflowed"), kept as documents.
#[test]
fn regression_documents_import_with_every_form_listed_and_the_cell_named() {
    for (name, field) in [
        ("chaoyang-tiny-budget.txt", "funds.total.annual"),
        ("chaoyang-huge-spent.txt", "funds.total.spent"),
        ("chaoyang-two-max-scores.txt", "funds.score"),
    ] {
        let text = fixture(&format!("extreme/{name}"));
        let reviewed = through_everything(&text);
        assert_eq!(reviewed.len(), 2, "{name}: both forms listed");
        let hit = reviewed[0]
            .findings
            .iter()
            .find(|f| f.code == Code::ValueRange)
            .unwrap_or_else(|| panic!("{name}: VALUE_RANGE"));
        assert_eq!(hit.field.to_string(), field, "{name}: {}", hit.message);
        assert!(
            hit.message.contains("请检查是否多输了位数") || hit.message.contains("小数点"),
            "{}",
            hit.message
        );
        // The rest of the form is still scored.
        assert!(reviewed[0].computed_total.is_some(), "{name}");
    }
}
