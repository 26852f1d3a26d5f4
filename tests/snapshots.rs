//! A snapshot of every finding on every fixture, as the review shows them.
//! A change in what the checker says about a real form shows up here as a
//! diff to read by hand; after reviewing it, accept it with
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots`.

use jixiao::core::import::import_text;
use jixiao::core::summary::review;

const FIXTURES: [&str; 5] = [
    "bj-chaoyang-2020-project-selfeval.txt",
    "bj-fengtai-2020-final-accounts-sample.txt",
    "bj-tongzhou-2024-project-selfeval-pdftext.txt",
    "bj-xicheng-2019-target-declarations.txt",
    "hb-wuhan-2020-dept-and-project-selfeval.txt",
];

/// One line per form, then one line per finding.
fn render(text: &str) -> String {
    let mut out = String::new();
    for (n, imported) in import_text(text).forms.into_iter().enumerate() {
        let r = review(imported);
        let form = &r.imported.form;
        out.push_str(&format!(
            "#{} {} 「{}」 lines {}-{} printed {} computed {}{}{}\n",
            n + 1,
            form.kind_label(),
            form.name().split_whitespace().collect::<Vec<_>>().join(" "),
            r.imported.source_lines.0,
            r.imported.source_lines.1,
            r.printed_total.map_or("—".into(), |t| t.to_string()),
            r.computed_total.map_or("—".into(), |t| t.normalize().to_string()),
            if r.not_scored { " 不计分数" } else { "" },
            if r.incomplete() { " 未完整读取" } else { "" },
        ));
        for f in &r.findings {
            out.push_str(&format!(
                "  {} {} {} [{}] {}\n",
                f.severity.label(),
                f.code,
                f.field,
                f.location,
                f.message
            ));
        }
    }
    out
}

#[test]
fn findings_on_every_fixture_match_their_reviewed_snapshot() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut changed = Vec::new();
    for name in FIXTURES {
        let text = std::fs::read_to_string(format!("{dir}/tests/fixtures/{name}")).expect("fixture");
        let got = render(&text);
        let path = format!("{dir}/tests/snapshots/{}.findings.txt", name.trim_end_matches(".txt"));
        if update {
            std::fs::write(&path, &got).expect("snapshot written");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != got {
            let first = want
                .lines()
                .zip(got.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(want.lines().count().min(got.lines().count()));
            changed.push(format!(
                "{name}: first difference at line {}:\n  snapshot: {}\n  now:      {}",
                first + 1,
                want.lines().nth(first).unwrap_or("(end)"),
                got.lines().nth(first).unwrap_or("(end)")
            ));
        }
    }
    assert!(
        changed.is_empty(),
        "findings changed (review, then UPDATE_SNAPSHOTS=1 cargo test --test snapshots):\n{}",
        changed.join("\n")
    );
}
