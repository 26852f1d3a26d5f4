//! The unit summary a finance section publishes (DOMAIN.md §5), and the
//! per-form review rows behind it.

use rust_decimal::Decimal;
use serde::Serialize;

use super::import::ImportedForm;
use super::model::Cell;
use super::model::Form;
use super::scheme::{Figure, Scheme, SchemeForm};
use super::scoring::{self, fmt_num, fmt_rate};
use super::validate::{self, Finding, Score, Severity};

/// One imported form, scored and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Reviewed {
    pub imported: ImportedForm,
    pub findings: Vec<Finding>,
    /// 执行率 as computed, "90.10%".
    pub rate: Option<String>,
    /// Budget (万元) the form covers: 全年预算数 / 预算数(A) / evaluated amount.
    pub amount_wan: Option<Decimal>,
    pub printed_total: Option<Decimal>,
    pub computed_total: Option<Decimal>,
    /// Printed grade as written.
    pub grade_printed: String,
    pub grade_computed: Option<String>,
    pub not_scored: bool,
}

impl Reviewed {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// The form could not be read completely (IMPORT_INCOMPLETE): it is
    /// counted apart, never as a form with a missing total.
    pub fn incomplete(&self) -> bool {
        self.imported.incomplete.is_some()
    }
}

/// Scores and checks one imported form (see [`validate::check_imported`]).
pub fn review(imported: ImportedForm) -> Reviewed {
    let checked = validate::check_imported(&imported);
    let form = &imported.form;
    let rate = |r: &Option<scoring::Explained>| r.as_ref().map(|x| fmt_rate(x.value));
    let money = |c: &Cell| checked.scheme.limits().read(Figure::Money, c);
    let (rate, amount_wan, printed_total, computed_total, grade_computed, not_scored) = match (&checked.score, form) {
        (Score::Project(r), Form::Project(p)) => (
            rate(&r.exec_rate),
            money(&p.funds.total.annual),
            r.printed_total,
            r.computed_total.as_ref().map(|t| t.value),
            r.grade.clone(),
            r.not_scored,
        ),
        (Score::Department(r), Form::Department(d)) => (
            rate(&r.exec_rate),
            money(&d.funds.total.annual),
            r.printed_total,
            Some(r.computed_total.value),
            Some(r.grade.clone()),
            false,
        ),
        (Score::Evaluation(r), Form::Evaluation(e)) => (
            None,
            money(&e.amount),
            r.printed_total,
            Some(r.computed_total.value),
            Some(r.grade.clone()),
            false,
        ),
        _ => (None, None, None, None, None, false),
    };
    // Figures worked out from half a form are no figures: left empty.
    let (computed_total, grade_computed) = if imported.incomplete.is_some() {
        (None, None)
    } else {
        (computed_total, grade_computed)
    };
    let grade_printed = match form {
        Form::Project(p) => p.printed_grade.raw(),
        Form::Evaluation(e) => e.printed_grade.raw(),
        _ => "",
    };
    Reviewed {
        findings: checked.findings,
        rate,
        amount_wan,
        printed_total,
        computed_total,
        grade_printed: grade_printed.trim().to_string(),
        grade_computed,
        not_scored,
        imported,
    }
}

/// Counts of printed totals by band; boundaries belong to the higher band.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Bands {
    pub ge90: usize,
    pub b80_90: usize,
    pub b60_80: usize,
    pub lt60: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnitSummary {
    /// Project self-evaluations + department/third-party evaluations.
    pub evaluated: usize,
    /// Of those, scored (not 不计分数).
    pub scored: usize,
    pub not_scored: usize,
    pub amount_wan: Decimal,
    /// Department / third-party evaluations: (name, printed total, amount).
    pub department_evaluations: Vec<(String, Option<Decimal>, Option<Decimal>)>,
    pub self_evaluated: usize,
    pub self_amount_wan: Decimal,
    /// Bands of the printed totals of scored self-evaluations.
    pub bands: Bands,
    /// Scored self-evaluations with no readable printed total.
    pub without_total: usize,
    /// Self-evaluations that could not be read completely: evaluated, but in
    /// no band and no grade count (IMPORT_INCOMPLETE).
    pub incomplete: usize,
    /// Printed grades, canonical label (synonyms folded), in 优/良/中/差 order,
    /// then "非规范" and "未填写".
    pub by_grade: Vec<(String, usize)>,
    /// Forms of any kind with at least one error.
    pub with_errors: usize,
    pub forms: usize,
    pub declarations: usize,
}

pub fn summarize(reviewed: &[Reviewed]) -> UnitSummary {
    let mut s = UnitSummary {
        forms: reviewed.len(),
        ..Default::default()
    };
    let grades = &Scheme::default_for(SchemeForm::ProjectCentral).grades;
    let mut by_grade: Vec<(String, usize)> = grades.iter().map(|g| (g.label.clone(), 0)).collect();
    let (mut nonstandard, mut missing) = (0, 0);
    for r in reviewed {
        if r.count(Severity::Error) > 0 {
            s.with_errors += 1;
        }
        match &r.imported.form {
            Form::Declaration(_) => s.declarations += 1,
            Form::Evaluation(e) => {
                s.evaluated += 1;
                s.scored += 1;
                s.amount_wan = s.amount_wan.saturating_add(r.amount_wan.unwrap_or_default());
                s.department_evaluations
                    .push((e.name.raw().trim().to_string(), r.printed_total, r.amount_wan));
            }
            Form::Project(p) => {
                s.evaluated += 1;
                s.self_evaluated += 1;
                let amount = r.amount_wan.unwrap_or_default();
                s.amount_wan = s.amount_wan.saturating_add(amount);
                s.self_amount_wan = s.self_amount_wan.saturating_add(amount);
                if r.incomplete() {
                    s.incomplete += 1;
                    continue;
                }
                if r.not_scored {
                    s.not_scored += 1;
                    continue;
                }
                s.scored += 1;
                match r.printed_total {
                    Some(t) if t >= Decimal::from(90) => s.bands.ge90 += 1,
                    Some(t) if t >= Decimal::from(80) => s.bands.b80_90 += 1,
                    Some(t) if t >= Decimal::from(60) => s.bands.b60_80 += 1,
                    Some(_) => s.bands.lt60 += 1,
                    None => s.without_total += 1,
                }
                let scheme = Scheme::of_project(p);
                let written = p.printed_grade.raw().trim();
                if written.is_empty() {
                    missing += 1;
                } else if let Some(band) = scheme.grade_by_label(written) {
                    if let Some(slot) = by_grade.iter_mut().find(|(l, _)| *l == band.label) {
                        slot.1 += 1;
                    }
                } else {
                    nonstandard += 1;
                }
            }
            Form::Department(_) => {}
        }
    }
    by_grade.push(("非规范".into(), nonstandard));
    by_grade.push(("未填写".into(), missing));
    s.by_grade = by_grade;
    s
}

/// The paragraph in the style of published final accounts (DOMAIN §5).
pub fn paragraph(s: &UnitSummary, year: Option<i32>) -> String {
    if s.evaluated == 0 {
        return "所导入的材料中没有项目支出绩效自评表或部门评价表，无法生成绩效评价情况说明。".into();
    }
    let year = year.map(|y| format!("{y}年度")).unwrap_or_default();
    let mut out = format!(
        "对{year}部门项目支出实施了绩效评价，评价项目{}个，涉及金额{}万元。",
        s.evaluated,
        fmt_num(s.amount_wan)
    );
    let mut parts = Vec::new();
    if !s.department_evaluations.is_empty() {
        let scores: Vec<String> = s
            .department_evaluations
            .iter()
            .filter_map(|(_, t, _)| t.map(|t| format!("{}分", fmt_num(t))))
            .collect();
        let amount = scoring::total_of(s.department_evaluations.iter().filter_map(|(_, _, a)| *a));
        let amount_text = if amount.is_zero() {
            String::new()
        } else {
            format!("，涉及金额{}万元", fmt_num(amount))
        };
        parts.push(format!(
            "部门评价项目{}个{amount_text}{}",
            s.department_evaluations.len(),
            if scores.is_empty() {
                String::new()
            } else {
                format!("，评价得分为{}", scores.join("、"))
            }
        ));
    }
    if s.self_evaluated > 0 {
        parts.push(format!(
            "单位自评项目{}个，涉及金额{}万元，有{}个项目评价得分在90分（含90分）以上、有{}个项目评价得分在80-90分（含80分）、有{}个项目评价得分在60-80分（含60分）、评价得分在60分以下的项目{}个",
            s.self_evaluated,
            fmt_num(s.self_amount_wan),
            s.bands.ge90,
            s.bands.b80_90,
            s.bands.b60_80,
            s.bands.lt60
        ));
    }
    out.push_str(&format!("其中：{}。", parts.join("；")));
    if s.without_total > 0 {
        out.push_str(&format!("另有{}个项目自评表未填写总分。", s.without_total));
    }
    if s.incomplete > 0 {
        out.push_str(&format!(
            "另有{}张表未能完整读取，未计入得分分布（见检查结果）。",
            s.incomplete
        ));
    }
    if s.not_scored > 0 {
        out.push_str(&format!(
            "另外，有{}个项目当年未开展、资金没有支出，参加了绩效评价，但不计分数。",
            s.not_scored
        ));
    }
    out
}

/// A rate text for sorting ("90.10%" → 90.10).
pub fn rate_value(rate: &Option<String>) -> Option<Decimal> {
    rate.as_deref().and_then(|r| r.trim_end_matches('%').parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::import_text;

    fn reviewed(text: &str) -> Vec<Reviewed> {
        import_text(text).forms.into_iter().map(review).collect()
    }

    #[test]
    fn fengtai_sample_summary() {
        let r = reviewed(include_str!(
            "../../tests/fixtures/bj-fengtai-2020-final-accounts-sample.txt"
        ));
        let s = summarize(&r);
        assert_eq!((s.evaluated, s.self_evaluated, s.scored, s.not_scored), (26, 25, 26, 0));
        // Printed totals: 94, 90, 93, 92 and 21 between 81 and 89.
        assert_eq!(
            s.bands,
            Bands {
                ge90: 4,
                b80_90: 21,
                b60_80: 0,
                lt60: 0
            }
        );
        assert_eq!(s.department_evaluations.len(), 1);
        assert_eq!(s.department_evaluations[0].1, Some(Decimal::new(8254, 2)));
        assert_eq!(s.with_errors, 2);
        assert_eq!(s.by_grade[0], ("优".to_string(), 4));
        assert_eq!(s.by_grade[1], ("良".to_string(), 21));
        let p = paragraph(&s, Some(2020));
        assert!(
            p.starts_with("对2020年度部门项目支出实施了绩效评价，评价项目26个"),
            "{p}"
        );
        assert!(p.contains("部门评价项目1个，评价得分为82.54分"), "{p}");
        assert!(p.contains("单位自评项目25个"), "{p}");
        assert!(
            p.contains("有4个项目评价得分在90分（含90分）以上、有21个项目评价得分在80-90分（含80分）"),
            "{p}"
        );
    }

    #[test]
    fn band_boundaries_belong_to_the_higher_band_and_not_scored_are_counted() {
        let text = include_str!("../../tests/fixtures/bj-chaoyang-2020-project-selfeval.txt");
        let mut r = reviewed(text);
        // 1000 and 100 → both ≥ 90.
        assert_eq!(summarize(&r).bands.ge90, 2);
        if let Form::Project(p) = &mut r[0].imported.form {
            p.printed_total = "90".into();
        }
        if let Form::Project(p) = &mut r[1].imported.form {
            p.printed_total = "—".into();
            p.not_carried_out = true;
        }
        let again: Vec<Reviewed> = r.into_iter().map(|x| review(x.imported)).collect();
        let s = summarize(&again);
        assert_eq!((s.bands.ge90, s.not_scored, s.scored, s.evaluated), (1, 1, 1, 2));
        assert!(paragraph(&s, None).contains("有1个项目当年未开展"));
    }

    #[test]
    fn nothing_to_summarize() {
        let s = summarize(&[]);
        assert!(paragraph(&s, None).contains("没有项目支出绩效自评表"));
    }
}
