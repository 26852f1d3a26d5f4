//! Developer aid for the NOT_MEASURABLE hand check: every indicator target of
//! the text fixtures (or the files given), how the parser reads it, and
//! whether NOT_MEASURABLE fires on it.
//! `cargo run --example targets [-- FILE…]`
use jixiao::core::field::{Field, IndicatorColumn};
use jixiao::core::import::import_text;
use jixiao::core::model::Form;
use jixiao::core::validate::{check_imported, Code};

fn main() {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        for f in [
            "bj-chaoyang-2020-project-selfeval.txt",
            "bj-fengtai-2020-final-accounts-sample.txt",
            "bj-tongzhou-2024-project-selfeval-pdftext.txt",
            "hb-wuhan-2020-dept-and-project-selfeval.txt",
        ] {
            files.push(format!("tests/fixtures/{f}"));
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable");
        for (n, imported) in import_text(&text).forms.iter().enumerate() {
            let findings = check_imported(imported).findings;
            let flagged = |goal: Option<usize>, row: usize| {
                findings.iter().any(|f| {
                    f.code == Code::NotMeasurable
                        && matches!(f.field, Field::Indicator(r, IndicatorColumn::Target) if r.goal == goal && r.row == row)
                })
            };
            let mut rows = Vec::new();
            match &imported.form {
                Form::Project(p) => rows.extend(p.real_indicators().map(|(i, ind)| (None, i, ind))),
                Form::Department(d) => {
                    for (g, goal) in d.goals.iter().enumerate() {
                        rows.extend(goal.indicators.iter().enumerate().filter(|(_, i)| !i.is_template_blank()).map(|(i, ind)| (Some(g), i, ind)));
                    }
                }
                _ => continue,
            }
            for (goal, i, ind) in rows {
                println!(
                    "{}\t#{}\t{}\t{}\t{}\t{:?}\t{}\t{}",
                    file.rsplit('/').next().unwrap_or_default(),
                    n + 1,
                    goal.map_or(String::new(), |g| format!("g{g}")),
                    i,
                    if flagged(goal, i) { "NM" } else { "--" },
                    ind.target.parsed().value,
                    ind.target.raw().trim().replace('\n', " "),
                    ind.actual.raw().trim().replace('\n', " "),
                );
            }
        }
    }
}
