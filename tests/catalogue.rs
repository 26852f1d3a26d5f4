//! The catalogue of checks as a table: for every code of the registry, a
//! case that must raise it and a near case that must not. The table must
//! cover `Code::ALL`, so a new check cannot land without both.

mod common;

use common::*;
use jixiao::core::import::{ImportNote, ImportedForm};
use jixiao::core::model::*;
use jixiao::core::validate::{self, Code, Severity};

fn project(f: ProjectForm) -> ImportedForm {
    form(Form::Project(f))
}

fn form(form: Form) -> ImportedForm {
    ImportedForm {
        form,
        source_lines: (1, 1),
        notes: Vec::new(),
        numbers_only: false,
        source: None,
        incomplete: None,
    }
}

/// bj_form with one change.
fn bj(change: impl FnOnce(&mut ProjectForm)) -> ImportedForm {
    let mut f = bj_form();
    change(&mut f);
    project(f)
}

fn hb(change: impl FnOnce(&mut ProjectForm)) -> ImportedForm {
    let mut f = hb_form();
    change(&mut f);
    project(f)
}

/// The strict scheme: execution caps and the deviation deduction.
fn strict(change: impl FnOnce(&mut ProjectForm)) -> ImportedForm {
    bj(|f| {
        f.scheme = "central-project-strict".into();
        change(f)
    })
}

fn with_decl(change: impl FnOnce(&mut DeclarationForm)) -> ImportedForm {
    let mut f = decl();
    change(&mut f);
    form(Form::Declaration(f))
}

type Case = fn() -> ImportedForm;

/// (code, severity it fires with, firing case, quiet case).
const TABLE: &[(Code, Severity, Case, Case)] = &[
    (
        Code::TotalWeight,
        Severity::Error,
        || {
            bj(|f| {
                f.indicators[0].weight = "30".into();
                f.indicators[0].score = "30".into();
            })
        },
        || {
            bj(|f| {
                f.indicators[0].weight = "10".into();
                f.indicators[0].score = "10".into();
                f.indicators[4].weight = "25".into();
                f.indicators[4].score = "25".into();
            })
        },
    ),
    (
        Code::GroupWeight,
        Severity::Error,
        || {
            hb(|f| {
                f.indicators[0].weight = "5".into();
                f.indicators[0].level2_label = "数量指标（5分）".into();
                f.indicators[3].weight = "29".into();
                f.indicators[3].level2_label = "社会效益指标（29分）".into();
            })
        },
        || project(hb_form()),
    ),
    (
        Code::ScoreRange,
        Severity::Error,
        || bj(|f| f.indicators[6].score = "100".into()),
        || {
            bj(|f| {
                f.indicators[6].score = "0".into();
                f.indicators[6].reason = "问卷回收率低，满意度调查未完成".into();
                f.printed_total = "90".into();
            })
        },
    ),
    (
        Code::TotalSum,
        Severity::Error,
        || bj(|f| f.printed_total = "1000".into()),
        || bj(|f| f.printed_total = "100.00".into()),
    ),
    (
        Code::FundSum,
        Severity::Error,
        || bj(|f| f.funds.current_year.annual = "90".into()),
        || {
            bj(|f| {
                f.funds.carried_over = FundRow::default();
                f.funds.other = FundRow::default();
            })
        },
    ),
    (
        Code::FundPartial,
        Severity::Warning,
        || bj(|f| f.funds.carried_over.spent = "".into()),
        || bj(|f| f.funds.other = FundRow::default()),
    ),
    (
        Code::ExecRate,
        Severity::Error,
        || bj(|f| f.funds.printed_rate = "90%".into()),
        || bj(|f| f.funds.printed_rate = "100.00%".into()),
    ),
    (
        Code::ExecScore,
        Severity::Error,
        || {
            bj(|f| {
                f.funds.total.spent = "59.34".into();
                f.funds.current_year.spent = "59.34".into();
                f.funds.printed_rate = "59.34%".into();
                f.funds.printed_score = "7".into();
                f.printed_total = "97".into();
            })
        },
        || {
            bj(|f| {
                f.funds.total.spent = "59.34".into();
                f.funds.current_year.spent = "59.34".into();
                f.funds.printed_rate = "59.34%".into();
                f.funds.printed_score = "5".into();
                f.printed_total = "95".into();
            })
        },
    ),
    (
        Code::Grade,
        Severity::Error,
        || bj(|f| f.printed_grade = "良".into()),
        || bj(|f| f.printed_grade = "优秀".into()),
    ),
    (
        Code::GradeMissing,
        Severity::Warning,
        || bj(|f| f.printed_grade = "".into()),
        || project(bj_form()),
    ),
    (
        Code::ReasonMissing,
        Severity::Warning,
        || {
            bj(|f| {
                f.indicators[5].score = "10".into();
                f.printed_total = "95".into();
            })
        },
        || {
            bj(|f| {
                f.indicators[5].score = "10".into();
                f.indicators[5].reason = "机制已建立，尚未形成制度文件".into();
                f.printed_total = "95".into();
            })
        },
    ),
    (
        Code::ScoreVsTarget,
        Severity::Error,
        || bj(|f| f.indicators[0].actual = "2次".into()),
        || {
            bj(|f| {
                f.indicators[0].actual = "2次".into();
                f.indicators[0].score = "10".into();
                f.indicators[0].reason = "疫情影响，两场改为线上".into();
                f.printed_total = "90".into();
            })
        },
    ),
    (
        Code::UnscoredRow,
        Severity::Warning,
        || bj(|f| f.indicators[5].target = "无".into()),
        || project(bj_form()),
    ),
    (
        Code::NotMeasurable,
        Severity::Warning,
        || bj(|f| f.indicators[5].target = "逐步提升".into()),
        || project(bj_form()),
    ),
    (
        Code::DateWindow,
        Severity::Warning,
        || bj(|f| f.indicators[2].target = "2023年1月-12月".into()),
        || project(bj_form()),
    ),
    (
        Code::Inflated,
        Severity::Warning,
        || {
            bj(|f| {
                f.funds.total.spent = "95".into();
                f.funds.current_year.spent = "95".into();
                f.funds.printed_rate = "95%".into();
                f.funds.printed_score = "9".into();
                f.printed_total = "99".into();
            })
        },
        || project(bj_form()),
    ),
    (
        Code::SatisfactionBasis,
        Severity::Info,
        || bj(|f| f.indicators[6].actual = "95%".into()),
        || project(bj_form()),
    ),
    (
        Code::OverAchieved,
        Severity::Warning,
        || bj(|f| f.indicators[0].actual = "10次".into()),
        || {
            bj(|f| {
                f.indicators[0].actual = "10次".into();
                f.indicators[0].reason = "增加了线上培训".into();
            })
        },
    ),
    (
        Code::ValueFormat,
        Severity::Error,
        || bj(|f| f.indicators[0].score = "二十".into()),
        || bj(|f| f.indicators[0].score = "20.00".into()),
    ),
    (
        Code::ValueRange,
        Severity::Error,
        || bj(|f| f.indicators[0].actual = "99999999999999999999次".into()),
        || bj(|f| f.indicators[0].actual = "4.000次".into()),
    ),
    (
        Code::UnitMismatch,
        Severity::Error,
        || bj(|f| f.funds.other.initial = "90%".into()),
        || bj(|f| f.funds.other.initial = "0万元".into()),
    ),
    (
        Code::ExecCap,
        Severity::Error,
        || {
            strict(|f| {
                f.funds.total.spent = "75".into();
                f.funds.current_year.spent = "75".into();
                f.funds.printed_rate = "75%".into();
                f.funds.printed_score = "7.5".into();
                f.printed_total = "97.5".into();
            })
        },
        || strict(|_| {}),
    ),
    (
        Code::Deviation,
        Severity::Warning,
        || {
            strict(|f| {
                f.indicators[4].actual = "1000人".into();
                f.indicators[4].reason = "活动规模扩大".into();
            })
        },
        || {
            strict(|f| {
                f.indicators[4].actual = "600人".into();
            })
        },
    ),
    (
        Code::NotScoredRows,
        Severity::Warning,
        || {
            bj(|f| {
                f.printed_total = "—".into();
                f.printed_grade = "—".into();
            })
        },
        || {
            bj(|f| {
                f.printed_total = "—".into();
                f.printed_grade = "—".into();
                f.funds.printed_score = "—".into();
                for i in &mut f.indicators {
                    i.score = "—".into();
                }
            })
        },
    ),
    (
        Code::ImportIncomplete,
        Severity::Error,
        || {
            let mut i = project(bj_form());
            i.incomplete = Some(ImportNote {
                place: None,
                line: 12,
                message: "读到第 12 行时表格中断，未找到“总分”行".into(),
            });
            i
        },
        || project(bj_form()),
    ),
    (
        Code::DeclFieldMissing,
        Severity::Error,
        || with_decl(|f| f.goal = "".into()),
        || form(Form::Declaration(decl())),
    ),
    (
        Code::DeclCategoryMissing,
        Severity::Error,
        || with_decl(|f| f.indicators.retain(|i| i.level2 != Level2::Quantity)),
        || form(Form::Declaration(decl())),
    ),
    (
        Code::DeclNotQuantified,
        Severity::Warning,
        || with_decl(|f| f.indicators[3].content = "居民受益".into()),
        || form(Form::Declaration(decl())),
    ),
    (
        Code::DeclSlogan,
        Severity::Warning,
        || with_decl(|f| f.indicators[3].content = "进一步提升居民素质".into()),
        || form(Form::Declaration(decl())),
    ),
    (
        Code::DeclCostMismatch,
        Severity::Error,
        || with_decl(|f| f.indicators[2].content = "预计投入120万元".into()),
        || form(Form::Declaration(decl())),
    ),
    (
        Code::DeclDateWindow,
        Severity::Warning,
        || with_decl(|f| f.indicators[1].content = "2018年12月底前完成".into()),
        || form(Form::Declaration(decl())),
    ),
];

/// A self-evaluation made from `decl()` with a weight on every row, and the
/// declaration: no linkage finding.
fn linked_pair() -> (ProjectForm, DeclarationForm) {
    let d = decl();
    let mut p = jixiao::core::edit::self_evaluation_from(&d);
    for row in p.indicators.iter_mut().filter(|r| !r.name.is_empty()) {
        row.weight = "10".into();
        row.actual = row.target.clone();
    }
    (p, d)
}

fn linked(change: impl FnOnce(&mut ProjectForm)) -> (ProjectForm, DeclarationForm) {
    let (mut p, d) = linked_pair();
    change(&mut p);
    (p, d)
}

type LinkedCase = fn() -> (ProjectForm, DeclarationForm);

/// The checks of a self-evaluation against its declaration, as `TABLE`.
const LINKED: &[(Code, Severity, LinkedCase, LinkedCase)] = &[
    (
        Code::LinkDeclaredMissing,
        Severity::Warning,
        || linked(|p| p.indicators.retain(|r| r.name.raw() != "举办培训")),
        linked_pair,
    ),
    (
        Code::LinkUndeclared,
        Severity::Warning,
        || {
            linked(|p| {
                let at = jixiao::core::edit::add_indicator(p, Level2::Quantity);
                p.indicators[at].name = "走访困难家庭户数".into();
            })
        },
        linked_pair,
    ),
    (
        Code::LinkTargetChanged,
        Severity::Warning,
        || linked(|p| p.indicators[0].target = "不少于2次".into()),
        linked_pair,
    ),
    (
        Code::LinkCategories,
        Severity::Warning,
        || {
            linked(|p| {
                let row = p.indicators.iter_mut().find(|r| r.level2 == Level2::Ecological).unwrap();
                row.weight = "5".into();
            })
        },
        linked_pair,
    ),
];

#[test]
fn every_linkage_code_fires_and_stays_quiet() {
    let linkage = |(p, d): (ProjectForm, DeclarationForm)| {
        let own = validate::check_project(&p).findings;
        validate::with_linkage(own, &p, &d)
    };
    for (code, severity, fires, quiet) in LINKED {
        let found = linkage(fires());
        let hit = found.iter().find(|f| f.code == *code);
        let hit = hit.unwrap_or_else(|| panic!("{code} should fire, got {:?}", validate::codes(&found)));
        assert_eq!(hit.severity, *severity, "{code}: {}", hit.message);
        assert!(!hit.message.is_empty() && !hit.location.is_empty());
        let calm = linkage(quiet());
        assert!(
            !calm.iter().any(|f| f.code.as_str().starts_with("LINK_")),
            "{code}: quiet case: {:?}",
            calm.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
    }
}

#[test]
fn every_code_has_a_firing_and_a_quiet_case() {
    let covered: Vec<Code> = TABLE.iter().map(|(c, ..)| *c).chain(LINKED.iter().map(|(c, ..)| *c)).collect();
    for code in Code::ALL {
        assert!(covered.contains(code), "{code} has no row in the catalogue table");
    }
    for (code, severity, fires, quiet) in TABLE {
        let found = validate::check_imported(&fires()).findings;
        let hit = found.iter().find(|f| f.code == *code);
        let hit = hit.unwrap_or_else(|| panic!("{code} should fire, got {:?}", validate::codes(&found)));
        assert_eq!(hit.severity, *severity, "{code}: {}", hit.message);
        assert!(!hit.message.is_empty() && !hit.location.is_empty());
        let calm = validate::check_imported(&quiet()).findings;
        assert!(
            !calm.iter().any(|f| f.code == *code),
            "{code} should stay quiet: {:?}",
            calm.iter()
                .filter(|f| f.code == *code)
                .map(|f| &f.message)
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn findings_carry_their_rule_and_a_field_that_round_trips() {
    for (_, _, fires, _) in TABLE {
        for f in validate::check_imported(&fires()).findings {
            assert_eq!(f.rule().code, f.code);
            let id = f.field.to_string();
            assert_eq!(id.parse::<jixiao::core::field::Field>().unwrap(), f.field, "{id}");
        }
    }
}

#[test]
fn numbers_only_forms_get_only_number_checks() {
    for (code, _, fires, _) in TABLE {
        let mut imported = fires();
        imported.numbers_only = true;
        let found = validate::check_imported(&imported).findings;
        assert!(
            found.iter().all(|f| f.rule().numbers_only),
            "{code}: {:?}",
            validate::codes(&found)
        );
        assert_eq!(
            found.iter().any(|f| f.code == *code),
            code.rule().numbers_only,
            "{code}"
        );
    }
}

/// A declaration made in the editor keeps the 指标值 in its own cell: a
/// direction typed there ("逐步提升") is an unquantified value, pointed at
/// that cell, and one finding only.
#[test]
fn a_direction_in_the_value_cell_is_not_quantified() {
    let f = with_decl(|f| {
        f.indicators[0].content = "培训次数".into();
        f.indicators[0].target = "逐步提升".into();
    });
    let found = validate::check_imported(&f).findings;
    let on_row: Vec<_> = found
        .iter()
        .filter(|x| x.field.to_string().starts_with("indicators.0."))
        .collect();
    assert_eq!(on_row.len(), 1, "{:?}", validate::codes(&found));
    assert_eq!(on_row[0].code, Code::DeclNotQuantified);
    assert_eq!(on_row[0].field.to_string(), "indicators.0.target");
    let fixed = with_decl(|f| {
        f.indicators[0].content = "培训次数".into();
        f.indicators[0].target = "≥4次".into();
    });
    assert!(validate::check_imported(&fixed).findings.iter().all(|x| !x.field.to_string().starts_with("indicators.0.")));
}
