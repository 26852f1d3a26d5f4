//! Developer aid for profiling (`perf record`): validates the fixtures'
//! project forms many times. `cargo run --release --example profile_engine`
use jixiao::core::{import::import_text, model::Form, validate};

fn main() {
    let docs = [
        include_str!("../tests/fixtures/bj-fengtai-2020-final-accounts-sample.txt"),
        include_str!("../tests/fixtures/hb-wuhan-2020-dept-and-project-selfeval.txt"),
    ];
    let forms: Vec<Form> = docs
        .iter()
        .flat_map(|d| import_text(d).forms)
        .map(|f| f.form)
        .filter(|f| matches!(f, Form::Project(_)))
        .collect();
    let start = std::time::Instant::now();
    let mut n = 0usize;
    let mut findings = 0usize;
    while n < 20_000 {
        for f in &forms {
            findings += validate::validate(f).len();
            n += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{n} forms in {secs:.2} s = {:.0} forms/s ({findings} findings)",
        n as f64 / secs
    );
}
