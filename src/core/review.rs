//! The 导入检查 screen's model: a finished import, its progress, and the
//! review table's filter and sort. Pure, so the table's behaviour is tested
//! natively; the UI only renders the row indices this returns.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::import::ImportNote;
use super::model::Form;
use super::summary::{rate_value, Reviewed};
use super::validate::{Code, Severity};

/// A finished import, kept while the user moves between screens.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOutcome {
    /// File name, encoding and size, or "粘贴的内容".
    pub source: String,
    pub reviewed: Vec<Reviewed>,
    /// Document-level notes (nothing found…).
    pub notes: Vec<ImportNote>,
    /// The evaluation year most forms name, for the summary paragraph.
    pub year: Option<i32>,
    pub millis: f64,
}

impl ImportOutcome {
    pub fn new(source: String, reviewed: Vec<Reviewed>, notes: Vec<ImportNote>, millis: f64) -> ImportOutcome {
        ImportOutcome {
            year: most_common_year(&reviewed),
            source,
            reviewed,
            notes,
            millis,
        }
    }
}

/// The year named by most forms; ties go to the earlier year.
pub fn most_common_year(reviewed: &[Reviewed]) -> Option<i32> {
    let mut years: Vec<i32> = reviewed
        .iter()
        .filter_map(|r| match &r.imported.form {
            Form::Project(p) => p.year,
            Form::Department(d) => d.year,
            Form::Evaluation(e) => e.year,
            Form::Declaration(d) => d.year,
        })
        .collect();
    years.sort_unstable();
    // max_by_key returns the last of equal maxima: walk from the latest
    // year so that the earliest wins a tie.
    years
        .chunk_by(|a, b| a == b)
        .rev()
        .max_by_key(|c| c.len())
        .map(|c| c[0])
}

/// The two stages of an import: reading rows into forms, then checking them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportStage {
    Reading,
    Checking,
}

/// How far an import is, for the progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportProgress {
    pub stage: ImportStage,
    /// Rows read (Reading) or forms checked (Checking).
    pub done: usize,
    /// Never 0, so the bar has a width.
    pub total: usize,
}

impl ImportProgress {
    pub fn new(stage: ImportStage, done: usize, total: usize) -> ImportProgress {
        ImportProgress {
            stage,
            done,
            total: total.max(1),
        }
    }

    /// "正在读取表格：1200 / 3000 行".
    pub fn label(&self) -> String {
        let (what, unit) = match self.stage {
            ImportStage::Reading => ("正在读取表格", "行"),
            ImportStage::Checking => ("正在检查", "张表"),
        };
        format!("{what}：{} / {} {unit}", self.done, self.total)
    }
}

/// The 问题 filter of the review table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProblemFilter {
    #[default]
    All,
    Errors,
    Warnings,
    /// Neither errors nor warnings.
    Clean,
    /// Forms that could not be read completely.
    Incomplete,
}

impl ProblemFilter {
    pub const ALL: [ProblemFilter; 5] = [
        ProblemFilter::All,
        ProblemFilter::Errors,
        ProblemFilter::Warnings,
        ProblemFilter::Clean,
        ProblemFilter::Incomplete,
    ];

    /// The value of the filter's `<option>`.
    pub fn value(self) -> &'static str {
        match self {
            ProblemFilter::All => "",
            ProblemFilter::Errors => "error",
            ProblemFilter::Warnings => "warning",
            ProblemFilter::Clean => "clean",
            ProblemFilter::Incomplete => "incomplete",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ProblemFilter::All => "全部",
            ProblemFilter::Errors => "有错误",
            ProblemFilter::Warnings => "有警告",
            ProblemFilter::Clean => "无错误和警告",
            ProblemFilter::Incomplete => "未能完整读取",
        }
    }

    /// Unknown values show everything.
    pub fn from_value(value: &str) -> ProblemFilter {
        ProblemFilter::ALL
            .into_iter()
            .find(|f| f.value() == value)
            .unwrap_or_default()
    }

    fn matches(self, r: &Reviewed) -> bool {
        match self {
            ProblemFilter::All => true,
            ProblemFilter::Errors => r.count(Severity::Error) > 0,
            ProblemFilter::Warnings => r.count(Severity::Warning) > 0,
            ProblemFilter::Clean => r.count(Severity::Error) == 0 && r.count(Severity::Warning) == 0,
            ProblemFilter::Incomplete => r.incomplete(),
        }
    }
}

/// The grade filter value (and table text) for forms without a computed grade.
pub const NO_GRADE: &str = "—";

/// The computed total and grade the table shows, sorts and filters by (none
/// for a form read only in part: [`crate::core::summary::review`] leaves them
/// empty).
pub fn computed(r: &Reviewed) -> (Option<Decimal>, Option<&str>) {
    (r.computed_total, r.grade_computed.as_deref())
}

/// Which review rows to show; every part must match.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewFilter {
    pub severity: ProblemFilter,
    /// Forms with at least one finding of this code.
    pub code: Option<Code>,
    /// The computed grade's label; [`NO_GRADE`] for forms without one.
    pub grade: Option<String>,
}

impl ReviewFilter {
    pub fn matches(&self, r: &Reviewed) -> bool {
        self.severity.matches(r)
            && self.code.is_none_or(|c| r.findings.iter().any(|f| f.code == c))
            && self
                .grade
                .as_deref()
                .is_none_or(|g| computed(r).1.unwrap_or(NO_GRADE) == g)
    }
}

/// The review table's sortable columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Order in the document.
    #[default]
    Order,
    Name,
    Rate,
    Printed,
    Computed,
    Errors,
    Warnings,
}

/// The indices into `reviewed` of the rows to show, in display order. Rows
/// that compare equal keep document order in either direction, and forms
/// without the number sorted by go last in either direction: a form with no
/// readable rate is not the one with the lowest rate.
pub fn visible_rows(reviewed: &[Reviewed], filter: &ReviewFilter, key: SortKey, descending: bool) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..reviewed.len()).filter(|&i| filter.matches(&reviewed[i])).collect();
    let directed = |ord: Ordering| if descending { ord.reverse() } else { ord };
    let numbers = |a: Option<Decimal>, b: Option<Decimal>| match (a, b) {
        (Some(a), Some(b)) => directed(a.cmp(&b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    match key {
        SortKey::Order if descending => rows.reverse(),
        SortKey::Order => {}
        // Parse each rate once, not on every comparison.
        SortKey::Rate => {
            let rates: Vec<Option<Decimal>> = reviewed.iter().map(|r| rate_value(&r.rate)).collect();
            rows.sort_by(|&a, &b| numbers(rates[a], rates[b]));
        }
        _ => rows.sort_by(|&a, &b| {
            let (a, b) = (&reviewed[a], &reviewed[b]);
            match key {
                SortKey::Name => directed(a.imported.form.name().cmp(b.imported.form.name())),
                SortKey::Printed => numbers(a.printed_total, b.printed_total),
                SortKey::Computed => numbers(computed(a).0, computed(b).0),
                SortKey::Errors => directed(a.count(Severity::Error).cmp(&b.count(Severity::Error))),
                SortKey::Warnings => directed(a.count(Severity::Warning).cmp(&b.count(Severity::Warning))),
                SortKey::Order | SortKey::Rate => unreachable!("handled above"),
            }
        }),
    }
    rows
}

/// The codes found in the import, in catalogue order, each with the number
/// of forms that have it: the options of the 问题类型 filter.
pub fn codes_found(reviewed: &[Reviewed]) -> Vec<(Code, usize)> {
    let mut forms_per_code = vec![0; Code::ALL.len()];
    for r in reviewed {
        let mut codes: Vec<Code> = r.findings.iter().map(|f| f.code).collect();
        codes.sort_unstable();
        codes.dedup();
        for code in codes {
            forms_per_code[code as usize] += 1;
        }
    }
    Code::ALL
        .iter()
        .zip(forms_per_code)
        .filter(|(_, n)| *n > 0)
        .map(|(code, n)| (*code, n))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::field::Field;
    use crate::core::import::ImportedForm;
    use crate::core::model::{ProjectForm, ProjectLayout};
    use crate::core::validate::Finding;

    fn d(n: i64) -> Decimal {
        Decimal::from(n)
    }

    fn finding(code: Code) -> Finding {
        Finding {
            code,
            severity: code.rule().severity,
            field: Field::Total,
            location: "总分".into(),
            message: String::new(),
            suggested: None,
        }
    }

    /// A reviewed project form with only what the table looks at.
    fn row(name: &str, rate: Option<&str>, computed: Option<i64>, grade: Option<&str>, codes: &[Code]) -> Reviewed {
        let mut form = ProjectForm::new(ProjectLayout::Central, "beijing-project", Some(2024));
        form.name = name.into();
        Reviewed {
            imported: ImportedForm {
                form: Form::Project(form),
                source_lines: (1, 10),
                notes: Vec::new(),
                numbers_only: false,
                source: None,
                incomplete: None,
            },
            findings: codes.iter().map(|c| finding(*c)).collect(),
            rate: rate.map(str::to_string),
            amount_wan: None,
            printed_total: computed.map(d),
            computed_total: computed.map(d),
            grade_printed: String::new(),
            grade_computed: grade.map(str::to_string),
            not_scored: false,
        }
    }

    /// 0 甲: errors; 1 乙: a warning; 2 丙: clean, no rate; 3 丁: incomplete,
    /// with figures computed from the part that was read (not to be trusted).
    fn table() -> Vec<Reviewed> {
        let mut incomplete = row("丁", Some("95.00%"), Some(99), Some("优"), &[Code::ImportIncomplete]);
        // As summary::review leaves a form read only in part.
        incomplete.printed_total = None;
        incomplete.computed_total = None;
        incomplete.grade_computed = None;
        incomplete.imported.incomplete = Some(ImportNote {
            place: None,
            line: 9,
            message: "缺少总分行。".into(),
        });
        vec![
            row(
                "甲",
                Some("90.10%"),
                Some(87),
                Some("良"),
                &[Code::TotalSum, Code::ExecRate, Code::TotalSum],
            ),
            row("乙", Some("100.00%"), Some(95), Some("优"), &[Code::ReasonMissing]),
            row("丙", None, Some(87), Some("良"), &[]),
            incomplete,
        ]
    }

    fn rows(filter: &ReviewFilter, key: SortKey, descending: bool) -> Vec<usize> {
        visible_rows(&table(), filter, key, descending)
    }

    fn all(key: SortKey, descending: bool) -> Vec<usize> {
        rows(&ReviewFilter::default(), key, descending)
    }

    #[test]
    fn no_filter_keeps_document_order() {
        assert_eq!(all(SortKey::Order, false), [0, 1, 2, 3]);
        assert_eq!(all(SortKey::Order, true), [3, 2, 1, 0]);
    }

    #[test]
    fn filter_by_problem() {
        let by = |severity| {
            rows(
                &ReviewFilter {
                    severity,
                    ..Default::default()
                },
                SortKey::Order,
                false,
            )
        };
        assert_eq!(by(ProblemFilter::Errors), [0, 3]);
        assert_eq!(by(ProblemFilter::Warnings), [1]);
        assert_eq!(by(ProblemFilter::Clean), [2]);
        assert_eq!(by(ProblemFilter::Incomplete), [3]);
        for f in ProblemFilter::ALL {
            assert_eq!(ProblemFilter::from_value(f.value()), f);
        }
        assert_eq!(ProblemFilter::from_value("nonsense"), ProblemFilter::All);
    }

    #[test]
    fn filter_by_code_and_by_computed_grade() {
        let code = |c| {
            rows(
                &ReviewFilter {
                    code: Some(c),
                    ..Default::default()
                },
                SortKey::Order,
                false,
            )
        };
        assert_eq!(code(Code::TotalSum), [0]);
        assert_eq!(code(Code::ReasonMissing), [1]);
        assert!(code(Code::Grade).is_empty());
        let grade = |g: &str| {
            let filter = ReviewFilter {
                grade: Some(g.into()),
                ..Default::default()
            };
            rows(&filter, SortKey::Order, false)
        };
        assert_eq!(grade("良"), [0, 2]);
        // 丁's 优 was computed from half a form: it counts as no grade.
        assert_eq!(grade("优"), [1]);
        assert_eq!(grade(NO_GRADE), [3]);
        assert_eq!(computed(&table()[3]), (None, None));
        assert_eq!(computed(&table()[1]), (Some(d(95)), Some("优")));
        // Every part must match.
        let both = ReviewFilter {
            severity: ProblemFilter::Clean,
            grade: Some("良".into()),
            ..Default::default()
        };
        assert_eq!(rows(&both, SortKey::Order, false), [2]);
    }

    #[test]
    fn sort_by_name_and_counts_keeps_ties_in_document_order() {
        // 丁 U+4E01 < 丙 U+4E19 < 乙 U+4E59 < 甲 U+7532.
        assert_eq!(all(SortKey::Name, false), [3, 2, 1, 0]);
        assert_eq!(all(SortKey::Name, true), [0, 1, 2, 3]);
        assert_eq!(all(SortKey::Errors, true), [0, 3, 1, 2]);
        assert_eq!(all(SortKey::Errors, false), [1, 2, 3, 0]);
        assert_eq!(all(SortKey::Warnings, true), [1, 0, 2, 3]);
    }

    #[test]
    fn sort_by_numbers_puts_missing_values_last_in_both_directions() {
        assert_eq!(all(SortKey::Rate, false), [0, 3, 1, 2]);
        assert_eq!(all(SortKey::Rate, true), [1, 3, 0, 2]);
        // 甲 and 丙 tie at 87: document order both ways.
        assert_eq!(all(SortKey::Computed, false), [0, 2, 1, 3]);
        assert_eq!(all(SortKey::Computed, true), [1, 0, 2, 3]);
        assert_eq!(all(SortKey::Printed, true), [1, 0, 2, 3]);
    }

    #[test]
    fn filter_and_sort_together() {
        let errors = ReviewFilter {
            severity: ProblemFilter::Errors,
            ..Default::default()
        };
        assert_eq!(rows(&errors, SortKey::Computed, true), [0, 3]);
        assert_eq!(rows(&errors, SortKey::Rate, true), [3, 0]);
    }

    #[test]
    fn codes_found_count_forms_in_catalogue_order() {
        assert_eq!(
            codes_found(&table()),
            [
                (Code::TotalSum, 1),
                (Code::ExecRate, 1),
                (Code::ReasonMissing, 1),
                (Code::ImportIncomplete, 1)
            ]
        );
        assert!(codes_found(&[]).is_empty());
    }

    #[test]
    fn progress_has_a_width_and_a_chinese_label() {
        let p = ImportProgress::new(ImportStage::Reading, 0, 0);
        assert_eq!(p.total, 1);
        assert_eq!(
            ImportProgress::new(ImportStage::Checking, 40, 120).label(),
            "正在检查：40 / 120 张表"
        );
    }

    #[test]
    fn the_most_common_year_wins_and_ties_go_to_the_earlier() {
        let with_year = |y: Option<i32>| {
            let mut r = row("甲", None, None, None, &[]);
            if let Form::Project(p) = &mut r.imported.form {
                p.year = y;
            }
            r
        };
        let years = |ys: &[Option<i32>]| most_common_year(&ys.iter().map(|y| with_year(*y)).collect::<Vec<_>>());
        assert_eq!(years(&[Some(2023), Some(2024), Some(2024), None]), Some(2024));
        assert_eq!(years(&[Some(2024), Some(2023)]), Some(2023));
        assert_eq!(years(&[None]), None);
        let outcome = ImportOutcome::new("粘贴的内容".into(), vec![with_year(Some(2022))], Vec::new(), 3.0);
        assert_eq!(outcome.year, Some(2022));
    }
}
