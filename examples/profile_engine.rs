//! Developer aid for profiling (`perf record`, `valgrind --tool=callgrind`):
//! imports and reviews a ≈ 1 MB document made by repeating the fixtures.
//! `cargo run --profile bench --example profile_engine [rounds] [import]`
//! ("import" leaves out the review, to see the two apart).
use jixiao::core::{import::import_text, summary};

fn main() {
    let one = [
        include_str!("../tests/fixtures/bj-fengtai-2020-final-accounts-sample.txt"),
        include_str!("../tests/fixtures/bj-chaoyang-2020-project-selfeval.txt"),
        include_str!("../tests/fixtures/bj-xicheng-2019-target-declarations.txt"),
    ]
    .join("\n\n");
    // PROFILE_DOC=<file> repeats that file instead.
    let one = std::env::var("PROFILE_DOC").map_or(one, |p| std::fs::read_to_string(p).expect("readable PROFILE_DOC"));
    let mut doc = String::new();
    while doc.len() < 1_000_000 {
        doc.push_str(&one);
        doc.push_str("\n\n");
    }
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let review = std::env::args().nth(2).as_deref() != Some("import");
    let start = std::time::Instant::now();
    let (mut forms, mut findings) = (0usize, 0usize);
    for _ in 0..rounds {
        for f in import_text(&doc).forms {
            forms += 1;
            if review {
                findings += summary::review(f).findings.len();
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (doc.len() * rounds) as f64 / 1e6;
    println!(
        "{rounds} × {:.2} MB: {forms} forms, {findings} findings in {secs:.2} s = {:.1} MB/s",
        doc.len() as f64 / 1e6,
        mb / secs
    );
}
