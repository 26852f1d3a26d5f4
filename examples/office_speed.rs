//! Developer aid: time reading and checking a Word/Excel file natively.
//! `cargo run --profile bench --example office_speed -- tests/fixtures/office/bj-fengtai-x8-208-forms.docx [rounds]`
use jixiao::core::{import::office::import_bytes, summary};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/fixtures/office/bj-fengtai-x8-208-forms.docx".into());
    let rounds: u32 = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(20);
    let bytes = std::fs::read(&path).expect("readable file");
    let start = std::time::Instant::now();
    let (mut forms, mut findings) = (0usize, 0usize);
    for _ in 0..rounds {
        let result = import_bytes(&path, &bytes).expect("imports");
        for f in result.forms {
            forms += 1;
            findings += summary::review(f).findings.len();
        }
    }
    let each = start.elapsed() / rounds;
    println!(
        "{path} ({} KB): {} forms, {} findings; import + check {each:?} per round",
        bytes.len() / 1024,
        forms / rounds as usize,
        findings / rounds as usize
    );
}
