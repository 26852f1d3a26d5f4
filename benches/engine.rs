//! `make bench`: scoring + validation throughput on real forms, and import
//! of a whole published document. Goal (issue 3): ≥ 50,000 forms/s natively.
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jixiao::core::import::import_text;
use jixiao::core::model::Form;
use jixiao::core::validate;

const FENGTAI: &str = include_str!("../tests/fixtures/bj-fengtai-2020-final-accounts-sample.txt");
const WUHAN: &str = include_str!("../tests/fixtures/hb-wuhan-2020-dept-and-project-selfeval.txt");
const CHAOYANG: &str = include_str!("../tests/fixtures/bj-chaoyang-2020-project-selfeval.txt");

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
    import.sample_size(10);
    import.throughput(Throughput::Bytes(FENGTAI.len() as u64));
    import.bench_function("fengtai_document_import_and_check", |b| {
        b.iter(|| {
            let r = import_text(black_box(FENGTAI));
            r.forms.iter().map(|f| validate::validate(&f.form).len()).sum::<usize>()
        })
    });
    import.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
