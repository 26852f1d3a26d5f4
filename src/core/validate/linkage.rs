//! A self-evaluation against its declaration (申报表): LINK_DECLARED_MISSING,
//! LINK_UNDECLARED, LINK_TARGET_CHANGED, LINK_CATEGORIES. The pairing of
//! indicators is `core::linkage::pair`.

use std::collections::BTreeSet;

use super::{Code, Findings, Severity};
use crate::core::field::{Field, IndicatorColumn};
use crate::core::linkage::{self, declared_target, name_key, numbers_in};
use crate::core::model::{DeclarationForm, Level2, ProjectForm};
use crate::core::scheme::{Figure, Scheme};
use crate::core::value;

pub(super) fn check(out: &mut Findings, form: &ProjectForm, declaration: &DeclarationForm) {
    let pairing = linkage::pair(declaration, form);
    let title = declaration.name.raw().trim();
    let from = if title.is_empty() {
        "关联的申报表".to_string()
    } else {
        format!("申报表“{title}”")
    };
    for d in &pairing.missing {
        let Some(entry) = declaration.indicators.get(*d) else { continue };
        out.push(
            Code::LinkDeclaredMissing,
            Severity::Warning,
            Field::Indicators,
            format!("绩效指标·{}", entry.level2_text()),
            format!(
                "{from}的{}中有“{}”，自评表中没有这项指标。请补上并填写实际完成值和得分。",
                entry.level2_text(),
                entry.text()
            ),
        );
    }
    for r in &pairing.undeclared {
        let Some(row) = form.indicators.get(*r) else { continue };
        out.at(
            Code::LinkUndeclared,
            Severity::Warning,
            Field::indicator(*r, IndicatorColumn::Name),
            format!(
                "“{}”（{}）在{from}中没有对应的指标。请核对名称是否与申报一致；新增的指标请说明来由。",
                row.name.raw().trim(),
                row.level2_text()
            ),
        );
    }
    for (d, r) in &pairing.pairs {
        let (Some(entry), Some(row)) = (declaration.indicators.get(*d), form.indicators.get(*r)) else {
            continue;
        };
        target_changed(out, &from, *r, &declared_target(entry), row.target.raw());
    }
    categories(out, form, declaration, &from);
}

/// LINK_TARGET_CHANGED: the 年度指标值 differs from the declared value, or
/// (where the declared entry is one sentence) names numbers the entry does
/// not.
fn target_changed(out: &mut Findings, from: &str, row: usize, declared: &linkage::DeclaredTarget, written: &str) {
    let written = written.trim();
    if written.is_empty() {
        return;
    }
    let changed = if declared.value.is_empty() {
        let known: BTreeSet<String> = numbers_in(&declared.name).into_iter().collect();
        let here = numbers_in(written);
        !here.is_empty() && here.iter().any(|n| !known.contains(n))
    } else {
        name_key(&declared.value) != name_key(written)
    };
    if !changed {
        return;
    }
    let declared_text = if declared.value.is_empty() {
        declared.name.as_str()
    } else {
        declared.value.as_str()
    };
    out.at(
        Code::LinkTargetChanged,
        Severity::Warning,
        Field::indicator(row, IndicatorColumn::Target),
        format!(
            "年度指标值“{written}”与{from}的“{declared_text}”不一致。请改回申报（批复）的指标值；年中经批准调整的，在偏差原因中写明依据。"
        ),
    );
}

/// LINK_CATEGORIES: weights given to a 二级 the declaration does not have,
/// or none to one it has. Only once the self-evaluation has weights at all.
fn categories(out: &mut Findings, form: &ProjectForm, declaration: &DeclarationForm, from: &str) {
    let limits = Scheme::of_project(form).limits();
    let declared: BTreeSet<usize> = declaration
        .indicators
        .iter()
        .filter(|d| !d.is_blank() && !value::is_not_applicable_text(d.content.raw()))
        .map(|d| order(d.level2))
        .collect();
    let mut weighted: BTreeSet<usize> = BTreeSet::new();
    for (_, row) in form.real_indicators().filter(|(_, r)| !r.is_not_applicable()) {
        if limits.read(Figure::Score, &row.weight).is_some_and(|w| !w.is_zero()) {
            weighted.insert(order(row.level2));
        }
    }
    if weighted.is_empty() || declared.is_empty() {
        return;
    }
    let names = |set: Vec<&usize>| {
        set.into_iter()
            .filter_map(|i| Level2::ALL.get(*i))
            .map(|l| l.label())
            .collect::<Vec<_>>()
            .join("、")
    };
    let extra: Vec<&usize> = weighted.difference(&declared).collect();
    let unweighted: Vec<&usize> = declared.difference(&weighted).collect();
    if !extra.is_empty() {
        out.at(
            Code::LinkCategories,
            Severity::Warning,
            Field::Indicators,
            format!(
                "分值给了{from}中没有的二级指标：{}。请按申报的指标类别分配分值。",
                names(extra)
            ),
        );
    }
    if !unweighted.is_empty() {
        out.at(
            Code::LinkCategories,
            Severity::Warning,
            Field::Indicators,
            format!(
                "{from}中的二级指标{}在自评表中没有分值。请按申报的指标类别分配分值。",
                names(unweighted)
            ),
        );
    }
}

fn order(level2: Level2) -> usize {
    Level2::ALL.iter().position(|l| *l == level2).unwrap_or(0)
}
