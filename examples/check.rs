//! Developer aid: import a text, Word (.docx) or Excel (.xlsx) file and
//! print every form's totals and findings.
//! `cargo run --example check -- tests/fixtures/<file>.txt [-v]`
use jixiao::core::{import, model::Form, validate};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: check <file.txt|.docx|.xlsx> [-v]");
        std::process::exit(2);
    };
    let verbose = args.iter().any(|a| a == "-v");
    let bytes = std::fs::read(path).expect("readable file");
    let result = match import::office::open(path, &bytes) {
        Ok(import::office::Opened::Text) => import::import_text(&String::from_utf8_lossy(&bytes)),
        _ => match import::office::import_bytes(path, &bytes) {
            Ok(result) => result,
            Err(message) => {
                println!("! {message}");
                std::process::exit(1);
            }
        },
    };
    for note in &result.notes {
        println!("! {}: {}", note.location(), note.message);
    }
    for (n, f) in result.forms.iter().enumerate() {
        let checked = validate::check_imported(f);
        let summary = match (&checked.score, &f.form) {
            (validate::Score::Project(r), Form::Project(p)) => format!(
                "{} indicators, weights {}, printed {:?} computed {:?} grade {:?}/{}",
                r.indicators.len(),
                r.weight_sum,
                p.printed_total.raw(),
                r.computed_total.as_ref().map(|t| t.value.to_string()),
                r.grade,
                p.printed_grade.raw()
            ),
            (validate::Score::Department(r), Form::Department(d)) => format!(
                "{} goals, weights {}, printed {:?} computed {}",
                r.goals.len(),
                r.weight_sum,
                d.printed_total.raw(),
                r.computed_total.value
            ),
            _ => String::new(),
        };
        let source = match &f.source {
            Some(source) => source.to_string(),
            None => format!("lines {}-{}", f.source_lines.0, f.source_lines.1),
        };
        println!(
            "#{} [{}] {} {source} | {summary}",
            n + 1,
            f.form.kind_label(),
            f.form.name()
        );
        for note in &f.notes {
            println!("   ! {}: {}", note.location(), note.message);
        }
        if let Some(stop) = &f.incomplete {
            println!("   ! incomplete at {}: {}", stop.location(), stop.message);
        }
        for finding in checked.findings {
            if verbose || finding.severity != validate::Severity::Info {
                println!(
                    "   {} {} [{}] {}",
                    finding.severity.label(),
                    finding.code.as_str(),
                    finding.location,
                    finding.message
                );
            }
        }
    }
}
