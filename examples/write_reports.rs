//! Writes every kind of report made from the fixtures into a folder, for
//! readers we did not write (LibreOffice in `tools/office-check.sh`).
//!
//! cargo run --example write_reports -- OUT_DIR

use jixiao::core::import::import_text;
use jixiao::core::model::Form;
use jixiao::core::report::{docx, file_name, xlsx, UnitReport};
use jixiao::core::summary::{paragraph, review, summarize, Reviewed};

fn main() -> Result<(), String> {
    let out = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "target/reports".into()));
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let write = |name: String, bytes: Vec<u8>| -> Result<(), String> {
        let path = out.join(name);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        println!("{}", path.display());
        Ok(())
    };
    let fixtures = [
        (
            "chaoyang",
            include_str!("../tests/fixtures/bj-chaoyang-2020-project-selfeval.txt"),
        ),
        (
            "wuhan",
            include_str!("../tests/fixtures/hb-wuhan-2020-dept-and-project-selfeval.txt"),
        ),
        (
            "fengtai",
            include_str!("../tests/fixtures/bj-fengtai-2020-final-accounts-sample.txt"),
        ),
        (
            "xicheng",
            include_str!("../tests/fixtures/bj-xicheng-2019-target-declarations.txt"),
        ),
    ];
    for (tag, text) in fixtures {
        let reviewed: Vec<Reviewed> = import_text(text).forms.into_iter().map(review).collect();
        // The first form of every other type, as Excel.
        for form in reviewed
            .iter()
            .map(|r| &r.imported.form)
            .filter(|f| !matches!(f, Form::Project(_)))
            .take(1)
        {
            write(
                format!("{tag}-{}", file_name(form.name(), form.kind_label(), None, "xlsx")),
                xlsx::form_workbook(form)?,
            )?;
        }
        // The first project form of each fixture, as Excel and Word.
        if let Some(form) = reviewed
            .iter()
            .map(|r| &r.imported.form)
            .find(|f| matches!(f, Form::Project(_)))
        {
            let year = match form {
                Form::Project(p) => p.year,
                _ => None,
            };
            write(
                format!("{tag}-{}", file_name(form.name(), "自评表", year, "xlsx")),
                xlsx::form_workbook(form)?,
            )?;
            write(
                format!("{tag}-{}", file_name(form.name(), "自评报告", year, "docx")),
                docx::form_report(form, true)?,
            )?;
        }
        let summary = summarize(&reviewed);
        let para = paragraph(&summary, Some(2020));
        let unit = UnitReport {
            summary: &summary,
            paragraph: &para,
            reviewed: &reviewed,
            year: Some(2020),
        };
        write(format!("{tag}-单位检查结果.xlsx"), xlsx::unit_workbook(&unit, true)?)?;
        write(format!("{tag}-绩效评价情况说明.docx"), docx::unit_report(&unit)?)?;
    }
    Ok(())
}
