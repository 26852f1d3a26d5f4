//! Downloadable reports: a form in its official layout as Excel, Word and
//! print; a unit's review as an Excel workbook and a Word 情况说明.
//!
//! [`layout`] decides where everything on a form sits; [`xlsx`] and
//! [`docx`] only render it, and the print view in the page does the same.

pub mod docx;
pub mod layout;
pub mod xlsx;

use crate::core::model::Form;
use crate::core::summary::{Reviewed, UnitSummary};

pub use layout::{project_grid, Grid};

/// What a unit export is made from: the review shown on the import screen
/// (or the review of a selection of drafts).
pub struct UnitReport<'a> {
    pub summary: &'a UnitSummary,
    /// The paragraph exactly as the page shows it.
    pub paragraph: &'a str,
    pub reviewed: &'a [Reviewed],
    pub year: Option<i32>,
}

/// Forms made in the editor (drafts), scored and checked like imported ones,
/// for the drafts workbook. Their place reads "草稿" (no source line 0).
pub fn review_drafts(forms: impl IntoIterator<Item = Form>) -> Vec<Reviewed> {
    forms
        .into_iter()
        .map(|form| {
            crate::core::summary::review(crate::core::import::ImportedForm {
                form,
                source_lines: (0, 0),
                notes: Vec::new(),
                numbers_only: false,
                incomplete: None,
                source: None,
            })
        })
        .collect()
}

/// The official layout of any form.
pub fn form_grid(form: &Form) -> Option<Grid> {
    // Option: a form type added later may come without a layout.
    match form {
        Form::Project(p) => Some(project_grid(p)),
        Form::Department(d) => Some(layout::department_grid(d)),
        Form::Declaration(d) => Some(layout::declaration_grid(d)),
        Form::Evaluation(e) => Some(layout::evaluation_grid(e)),
    }
}

/// A file name Windows accepts: 项目名称_自评表_2025年度.xlsx. Characters
/// Windows forbids (<>:"/\|?* and control characters) become "_".
pub fn file_name(name: &str, what: &str, year: Option<i32>, ext: &str) -> String {
    let one_line: String = name.lines().map(str::trim).collect();
    let clean: String = one_line
        .chars()
        .map(|c| {
            if "<>:\"/\\|?*".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(60)
        .collect();
    let clean = clean.trim().trim_end_matches(['.', ' ']);
    let stem = if clean.is_empty() { "未命名项目" } else { clean };
    let year = year.map(|y| format!("_{y}年度")).unwrap_or_default();
    format!("{stem}_{what}{year}.{ext}")
}

/// A text cell for CSV that a spreadsheet will not run as a formula: text
/// beginning with = + - @ (or a tab/CR that hides one) gets a leading "'",
/// as OWASP advises. Numbers written by us never pass through here.
pub fn csv_text(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}").into(),
        _ => s.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_windows_accepts() {
        assert_eq!(
            file_name("  a/b:c*d?  ", "自评表", Some(2025), "xlsx"),
            "a_b_c_d__自评表_2025年度.xlsx"
        );
        assert_eq!(file_name("", "自评报告", None, "docx"), "未命名项目_自评报告.docx");
        assert_eq!(file_name("项目...", "自评表", None, "xlsx"), "项目_自评表.xlsx");
    }

    #[test]
    fn csv_text_defuses_formulas() {
        assert_eq!(csv_text("=1+1"), "'=1+1");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("-2+3"), "'-2+3");
        assert_eq!(csv_text("项目"), "项目");
    }
}
