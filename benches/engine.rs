//! `make bench`: scoring + validation throughput on real forms, and import
//! and review of whole documents. Goals: ≥ 50,000 forms/s (issue 3); import
//! and review ≥ 60 MB/s on a document made by repeating the fixtures (issue 8).
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jixiao::core::import::import_text;
use jixiao::core::model::Form;
use jixiao::core::{summary, validate};

const FENGTAI: &str = include_str!("../tests/fixtures/bj-fengtai-2020-final-accounts-sample.txt");
const WUHAN: &str = include_str!("../tests/fixtures/hb-wuhan-2020-dept-and-project-selfeval.txt");
const CHAOYANG: &str = include_str!("../tests/fixtures/bj-chaoyang-2020-project-selfeval.txt");
const TONGZHOU: &str = include_str!("../tests/fixtures/bj-tongzhou-2024-project-selfeval-pdftext.txt");
const XICHENG: &str = include_str!("../tests/fixtures/bj-xicheng-2019-target-declarations.txt");

/// A published-size document (≈ 1 MB) of one syntax: Word cell-per-line text
/// (丰台, 朝阳, 西城) repeated, as a unit's 部门决算 appendix would be.
fn big_document() -> String {
    let one = [FENGTAI, CHAOYANG, XICHENG].join("\n\n");
    let mut doc = String::new();
    while doc.len() < 1_000_000 {
        doc.push_str(&one);
        doc.push_str("\n\n");
    }
    doc
}

/// 10,000 realistic forms: the real project forms of the fixtures, cycled.
fn ten_thousand_forms() -> Vec<Form> {
    let real: Vec<Form> = [FENGTAI, WUHAN, CHAOYANG]
        .iter()
        .flat_map(|doc| import_text(doc).forms)
        .map(|f| f.form)
        .filter(|f| matches!(f, Form::Project(_)))
        .collect();
    assert!(real.len() >= 30, "fixtures give {} project forms", real.len());
    real.iter().cycle().take(10_000).cloned().collect()
}

fn engine(c: &mut Criterion) {
    let forms = ten_thousand_forms();
    let mut group = c.benchmark_group("engine");
    group.sample_size(10);
    group.throughput(Throughput::Elements(forms.len() as u64));
    group.bench_function("score_and_validate_10000_forms", |b| {
        b.iter(|| {
            let mut findings = 0usize;
            for f in &forms {
                findings += validate::validate(black_box(f)).len();
            }
            findings
        })
    });
    group.finish();

    let mut import = c.benchmark_group("import");
    let big = big_document();
    import.sample_size(10);
    import.throughput(Throughput::Bytes(big.len() as u64));
    import.bench_function("repeated_fixtures_1mb_import_and_review", |b| {
        b.iter(|| {
            let r = import_text(black_box(&big));
            r.forms
                .into_iter()
                .map(|f| summary::review(f).findings.len())
                .sum::<usize>()
        })
    });
    for (name, doc) in [("wuhan_tab_separated", WUHAN), ("tongzhou_pdf_text", TONGZHOU)] {
        import.throughput(Throughput::Bytes(doc.len() as u64));
        import.bench_function(format!("{name}_import_and_review"), |b| {
            b.iter(|| {
                let r = import_text(black_box(doc));
                r.forms
                    .into_iter()
                    .map(|f| summary::review(f).findings.len())
                    .sum::<usize>()
            })
        });
    }
    import.sample_size(10);
    import.throughput(Throughput::Bytes(FENGTAI.len() as u64));
    import.bench_function("fengtai_document_import_and_check", |b| {
        b.iter(|| {
            let r = import_text(black_box(FENGTAI));
            r.forms
                .into_iter()
                .map(|f| summary::review(f).findings.len())
                .sum::<usize>()
        })
    });
    import.finish();
}

/// What the editor recomputes on each keystroke of a 60-indicator form made
/// in the tool: computed figures written in, then scores and findings.
fn editor(c: &mut Criterion) {
    use jixiao::core::edit;
    use jixiao::core::field::{Field, FundColumn, IndicatorColumn};
    use jixiao::core::model::{FundKind, Level2, ProjectLayout};
    let mut form = edit::new_project(ProjectLayout::Central, Some(2025));
    while form.indicators.len() < 60 {
        let level2 = Level2::ALL[form.indicators.len() % Level2::ALL.len()];
        edit::add_indicator(&mut form, level2);
    }
    edit::set_field(&mut form, Field::Fund(FundKind::Total, FundColumn::Annual), "2175.9657");
    edit::set_field(&mut form, Field::Fund(FundKind::Total, FundColumn::Spent), "1962.2");
    for i in 0..60 {
        for (col, v) in [
            (IndicatorColumn::Name, format!("指标{i}")),
            (IndicatorColumn::Target, "≥10次".into()),
            (IndicatorColumn::Actual, "10次".into()),
            (IndicatorColumn::Weight, "1".into()),
            (IndicatorColumn::Score, "1".into()),
        ] {
            edit::set_field(&mut form, Field::indicator(i, col), &v);
        }
    }
    let form = Form::Project(form);
    c.bench_function("editor_keystroke_60_rows_fill_and_view", |b| {
        b.iter(|| {
            let mut f = black_box(&form).clone();
            edit::fill_computed(&mut f);
            edit::view(&f, None).findings.len()
        })
    });
}

criterion_group!(benches, engine, editor);
criterion_main!(benches);
