//! Property tests: nothing panics on arbitrary input, totals always equal the
//! sum of their parts, and money arithmetic is exact.

mod common;

use jixiao::core::import::import_text;
use jixiao::core::model::*;
use jixiao::core::scheme::Scheme;
use jixiao::core::scoring;
use jixiao::core::validate;
use jixiao::core::value::parse_value;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Cell contents in the style of real forms, plus junk.
fn messy_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("—".to_string()),
        Just("/".to_string()),
        Just("不涉及".to_string()),
        Just("无".to_string()),
        Just("逐步提升".to_string()),
        Just("达成".to_string()),
        (0u32..100_000, 0u32..1_000_000).prop_map(|(a, b)| format!("{a}.{b:06}")),
        (0u32..200).prop_map(|a| format!("{a}")),
        (0u32..200).prop_map(|a| format!("≥{a}%")),
        (0u32..200, 0u32..9).prop_map(|(a, b)| format!("不少于{a}次，{b}")),
        (1u32..13, 2000i32..2030).prop_map(|(m, y)| format!("{y}年{m}月前完成")),
        (0u32..1000).prop_map(|a| format!("{a}万元")),
        (0u32..1000).prop_map(|a| format!("≤{a}万元")),
        "[0-9０-９.,%％≥≤<>=—/年月日次人万元 -]{0,12}",
        any::<String>(),
    ]
}

fn form_strategy() -> impl Strategy<Value = ProjectForm> {
    let row = (
        0usize..9,
        messy_cell(),
        messy_cell(),
        messy_cell(),
        messy_cell(),
        any::<bool>(),
    );
    (
        prop::collection::vec(row, 0..25),
        prop::collection::vec(messy_cell(), 12),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(rows, cells, hubei, not_carried_out)| {
            let layout = if hubei {
                ProjectLayout::Hubei
            } else {
                ProjectLayout::Central
            };
            let scheme = if hubei { "hubei-project" } else { "beijing-project" };
            let mut f = ProjectForm::new(layout, scheme, Some(2024));
            f.funds.total = FundRow {
                initial: cells[0].clone().into(),
                annual: cells[1].as_str().into(),
                spent: cells[2].as_str().into(),
            };
            f.funds.current_year = FundRow {
                initial: cells[3].as_str().into(),
                annual: cells[4].as_str().into(),
                spent: cells[5].as_str().into(),
            };
            f.funds.printed_rate = cells[6].as_str().into();
            f.funds.printed_score = cells[7].as_str().into();
            f.goal_score = cells[8].as_str().into();
            f.printed_total = cells[9].as_str().into();
            f.printed_grade = cells[10].as_str().into();
            f.deviation_analysis = cells[11].as_str().into();
            f.not_carried_out = not_carried_out;
            for (l2, target, actual, weight, score, na) in rows {
                let mut i = Indicator::new(Level2::ALL[l2]);
                i.name = "指标".into();
                i.target = target.as_str().into();
                i.actual = actual.as_str().into();
                i.weight = weight.as_str().into();
                i.score = score.as_str().into();
                i.not_applicable = na;
                f.indicators.push(i);
            }
            f
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn the_value_parser_never_panics(s in any::<String>()) {
        let _ = parse_value(&s);
    }

    #[test]
    fn the_value_parser_never_panics_on_messy_cells(s in messy_cell()) {
        let p = parse_value(&s);
        // Whatever was not read says so, or is plain text/marker/empty.
        prop_assert!(p.notes.iter().all(|n| !n.is_empty()));
    }

    #[test]
    fn validation_never_panics_and_findings_are_located(form in form_strategy()) {
        let findings = validate::validate(&Form::Project(form));
        for f in findings {
            prop_assert!(!f.field.to_string().is_empty() && !f.location.is_empty() && !f.message.is_empty());
        }
    }

    #[test]
    fn the_computed_total_is_the_sum_of_its_parts(form in form_strategy()) {
        let scheme = Scheme::of(&Form::Project(form.clone()));
        let r = scoring::score_project(scheme, &form);
        if let Some(total) = r.computed_total {
            let budget = r.budget_claimed.or(r.budget_score.as_ref().map(|b| b.value)).unwrap_or_default();
            let indicators: Decimal = r.indicators.iter().filter_map(|i| i.claimed).sum();
            prop_assert_eq!(total.value, budget + r.goal_claimed.unwrap_or_default() + indicators);
        } else {
            let nothing = r.budget_claimed.is_none() && r.budget_score.is_none() && r.goal_claimed.is_none()
                && r.indicators.iter().all(|i| i.claimed.is_none());
            prop_assert!(r.not_scored || nothing);
        }
    }

    #[test]
    fn raw_text_survives_a_json_round_trip(form in form_strategy()) {
        let f = Form::Project(form);
        let back: Form = serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
        prop_assert_eq!(back, f);
    }

    #[test]
    fn execution_rate_is_exact(budget in 1u64..10_000_000_000u64, spent in 0u64..10_000_000_000u64) {
        // Six decimals, as in 347.364966万元.
        let b = Decimal::new(budget as i64, 6);
        let s = Decimal::new(spent as i64, 6);
        let mut funds = Funds::default();
        funds.total.annual = Cell::new(b.to_string());
        funds.total.spent = Cell::new(s.to_string());
        let rate = scoring::execution_rate(central_limits(), &funds).unwrap().value;
        prop_assert!((rate * b - s).abs() < Decimal::new(1, 18));
    }

    #[test]
    fn grades_never_go_down_as_totals_go_up(a in 0u32..10_000, b in 0u32..10_000) {
        let scheme = Scheme::by_id("beijing-project").unwrap();
        let (lo, hi) = (a.min(b), a.max(b));
        let rank = |t: u32| scheme.grade_for(Decimal::new(t as i64, 2)).min;
        prop_assert!(rank(lo) <= rank(hi));
    }

    #[test]
    fn import_never_panics_on_arbitrary_text(s in any::<String>()) {
        let _ = import_text(&s);
    }

    #[test]
    fn import_never_panics_on_damaged_real_documents(doc in 0usize..5, cuts in prop::collection::vec((0usize..5000, 0usize..40), 0..8), tabs in any::<bool>()) {
        let docs = [
            include_str!("fixtures/bj-chaoyang-2020-project-selfeval.txt"),
            include_str!("fixtures/bj-fengtai-2020-final-accounts-sample.txt"),
            include_str!("fixtures/hb-wuhan-2020-dept-and-project-selfeval.txt"),
            include_str!("fixtures/bj-tongzhou-2024-project-selfeval-pdftext.txt"),
            include_str!("fixtures/bj-xicheng-2019-target-declarations.txt"),
        ];
        let mut lines: Vec<String> = docs[doc].lines().map(str::to_string).collect();
        for (at, len) in cuts {
            if at < lines.len() {
                let end = (at + len).min(lines.len());
                lines.drain(at..end);
            }
        }
        let mut text = lines.join("\n");
        if tabs {
            text = text.replace('\t', "");
        }
        let r = import_text(&text);
        let lines = text.lines().count().max(1);
        for f in &r.forms {
            prop_assert!(f.source_lines.0 <= f.source_lines.1 && f.source_lines.1 <= lines);
            let _ = jixiao::core::summary::review(f.clone());
        }
    }
}

fn central_limits() -> &'static jixiao::core::scheme::Limits {
    jixiao::core::scheme::Scheme::default_for(jixiao::core::scheme::SchemeForm::ProjectCentral).limits()
}
