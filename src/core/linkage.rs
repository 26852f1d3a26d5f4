//! A project self-evaluation and the target declaration (申报表) it answers:
//! reading a declared entry as 指标名称 + 指标值, pairing the two forms'
//! indicators, and a self-evaluation draft made from a declaration.
//!
//! The pairing is by name, because units retype (and reorder) the declared
//! indicators on the self-evaluation: equal names first, then one name
//! containing the other, then names sharing most of their characters, always
//! within the same 二级.

use super::model::{Cell, DeclarationForm, DeclaredIndicator, FundKind, Indicator, Level2, ProjectForm, ProjectLayout};
use super::scheme::{Scheme, SchemeForm};
use super::scoring::fmt_num;
use super::value;

/// A declared entry read as a name and a value ("培训次数" / "≥4次").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeclaredTarget {
    pub name: String,
    /// Empty when the entry states no value that can be cut out of it.
    pub value: String,
}

/// Words that start a 指标值 inside a sentence.
const VALUE_STARTS: [&str; 21] = [
    "≥", "≤", ">", "<", "＞", "＜", "=", "＝", "不少于", "不低于", "不高于", "不超过", "不大于", "不小于", "大于",
    "小于", "高于", "低于", "达到", "控制在", "超过",
];

fn trim_punct(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || "：:，,；;。.、".contains(c))
}

/// Splits a declared entry: at its first comparison word, else at a colon
/// followed by a number, else the one number-with-unit it names ("计划新建
/// 立10家非公企业党组织" → value "10家"). A form made in this tool has the
/// value in its own cell.
pub fn declared_target(ind: &DeclaredIndicator) -> DeclaredTarget {
    let content = trim_punct(ind.content.raw());
    if !ind.target.is_empty() {
        return DeclaredTarget {
            name: content.to_string(),
            value: ind.target.raw().trim().to_string(),
        };
    }
    let first = VALUE_STARTS
        .iter()
        .filter_map(|w| content.find(w))
        .filter(|at| *at > 0)
        .min();
    let colon = content
        .char_indices()
        .find(|(i, c)| {
            matches!(c, '：' | ':')
                && content[i.saturating_add(c.len_utf8())..]
                    .trim_start()
                    .starts_with(|d: char| d.is_ascii_digit())
        })
        .map(|(i, _)| i);
    if let Some(at) = first.or(colon) {
        let (name, rest) = content.split_at(at);
        let name = trim_punct(name);
        if !name.is_empty() {
            return DeclaredTarget {
                name: name.to_string(),
                value: trim_punct(rest).to_string(),
            };
        }
    }
    let numbers = number_phrases(content);
    DeclaredTarget {
        name: content.to_string(),
        value: match numbers.as_slice() {
            [one] => one.clone(),
            _ => String::new(),
        },
    }
}

/// Every number in a text with the unit word after it ("10家", "95%", "4次").
pub fn number_phrases(text: &str) -> Vec<String> {
    let text = value::normalize(text);
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i = i.saturating_add(1);
            }
            // A unit: % or one or two CJK characters that are no verb.
            let unit_end = match chars.get(i) {
                Some('%') => i.saturating_add(1),
                Some(c) if is_cjk(*c) => {
                    let two = chars.get(i.saturating_add(1)).is_some_and(|c| matches!(c, '次' | '人' | '元'));
                    i.saturating_add(if two { 2 } else { 1 })
                }
                _ => i,
            };
            out.push(chars[start..unit_end.min(chars.len())].iter().collect());
            i = unit_end.max(i);
        } else {
            i = i.saturating_add(1);
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// The numbers alone ("≥95%" → ["95"]), for comparing values written in
/// different words.
pub fn numbers_in(text: &str) -> Vec<String> {
    number_phrases(text)
        .into_iter()
        .map(|p| p.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect())
        .collect()
}

/// A name reduced to what identifies it: no white space, punctuation or
/// leading numbering ("1、培训次数；" → "培训次数").
pub fn name_key(name: &str) -> String {
    let text = value::normalize(name);
    let text = text.trim_start_matches(|c: char| c.is_ascii_digit() || "、.．)）(（".contains(c));
    text.chars()
        .filter(|c| !c.is_whitespace() && !"：:，,；;。.、“”\"'‘’（）()【】[]".contains(*c))
        .collect()
}

/// Share of character pairs two names have in common (Dice), 0..=100.
fn likeness(a: &str, b: &str) -> u32 {
    let pairs = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (pa, mut pb) = (pairs(a), pairs(b));
    let total = pa.len().saturating_add(pb.len());
    if total == 0 {
        return 0;
    }
    let mut common = 0usize;
    for p in &pa {
        if let Some(at) = pb.iter().position(|q| q == p) {
            pb.swap_remove(at);
            common = common.saturating_add(1);
        }
    }
    u32::try_from(common.saturating_mul(200) / total).unwrap_or(0)
}

/// How closely two names agree; None when they are not the same indicator.
fn closeness(declared: &str, evaluated: &str) -> Option<u32> {
    if declared.is_empty() || evaluated.is_empty() {
        return None;
    }
    if declared == evaluated {
        return Some(300);
    }
    let shorter = declared.chars().count().min(evaluated.chars().count());
    if shorter >= 4 && (declared.contains(evaluated) || evaluated.contains(declared)) {
        return Some(200);
    }
    let l = likeness(declared, evaluated);
    (l >= 60).then_some(l)
}

/// The pairing of a declaration's entries with a self-evaluation's rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pairing {
    /// (declared entry index, self-evaluation row index)
    pub pairs: Vec<(usize, usize)>,
    /// Declared entries with no row.
    pub missing: Vec<usize>,
    /// Self-evaluation rows with no declared entry.
    pub undeclared: Vec<usize>,
}

/// Pairs each declared entry with the closest unpaired self-evaluation row
/// of the same 二级, best matches first. Blank entries and rows, and rows
/// marked 不涉及, take no part.
pub fn pair(declaration: &DeclarationForm, form: &ProjectForm) -> Pairing {
    let declared: Vec<(usize, Level2, String)> = declaration
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.is_blank() && !value::is_not_applicable_text(d.content.raw()))
        .map(|(i, d)| (i, d.level2, name_key(&declared_target(d).name)))
        .collect();
    let rows: Vec<(usize, Level2, String)> = form
        .real_indicators()
        .filter(|(_, r)| !r.is_not_applicable())
        .map(|(i, r)| (i, r.level2, name_key(r.name.raw())))
        .collect();
    let mut candidates: Vec<(u32, usize, usize)> = Vec::new();
    for (d, dl, dn) in &declared {
        for (r, rl, rn) in &rows {
            if dl == rl {
                if let Some(c) = closeness(dn, rn) {
                    candidates.push((c, *d, *r));
                }
            }
        }
    }
    // Best first; ties in form order.
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out = Pairing::default();
    for (_, d, r) in candidates {
        if out.pairs.iter().all(|(pd, pr)| *pd != d && *pr != r) {
            out.pairs.push((d, r));
        }
    }
    out.pairs.sort_unstable();
    out.missing = declared
        .iter()
        .map(|(d, _, _)| *d)
        .filter(|d| out.pairs.iter().all(|(pd, _)| pd != d))
        .collect();
    out.undeclared = rows
        .iter()
        .map(|(r, _, _)| *r)
        .filter(|r| out.pairs.iter().all(|(_, pr)| pr != r))
        .collect();
    out
}

/// A self-evaluation draft for the project a declaration declares, for the
/// budget year it was made for: name, unit, amount (in 万元) and every
/// indicator with its level, name and 指标值. 实际完成值, 分值 and 得分 are left
/// for the user.
pub fn self_evaluation_from(declaration: &DeclarationForm) -> ProjectForm {
    let scheme = Scheme::default_for(SchemeForm::ProjectCentral);
    let mut form = ProjectForm::new(ProjectLayout::Central, &scheme.id, declaration.year);
    form.name = declaration.name.clone();
    form.department = declaration.unit.clone();
    form.implementer = declaration.unit.clone();
    form.leader = declaration.leader.clone();
    form.phone = declaration.phone.clone();
    form.goal_expected = declaration.goal.clone();
    // A declaration's bare number is in 元 ("3512730元"); the self-evaluation
    // counts in 万元.
    if let Some(wan) = declared_budget_wan(&declaration.budget) {
        let total = form.funds.row_mut(FundKind::Total);
        total.initial = Cell::new(fmt_num(wan));
        total.annual = Cell::new(fmt_num(wan));
    }
    for d in declaration.indicators.iter().filter(|d| !d.is_blank()) {
        let target = declared_target(d);
        let mut row = Indicator::new(d.level2);
        row.name = Cell::new(target.name);
        row.target = Cell::new(target.value);
        form.indicators.push(row);
    }
    // Every 二级 keeps at least its template row, as on a new form.
    for level2 in Level2::ALL {
        if !form.indicators.iter().any(|i| i.level2 == level2) {
            super::edit::add_indicator(&mut form, level2);
        }
    }
    form.indicators
        .sort_by_key(|i| Level2::ALL.iter().position(|l| *l == i.level2).unwrap_or(0));
    form
}

/// 预算金额 of a declaration in 万元 (a bare number there is in 元).
pub fn declared_budget_wan(budget: &Cell) -> Option<rust_decimal::Decimal> {
    match budget.parsed().value {
        value::Value::Number { amount, unit, .. } => match value::UnitKind::of(&unit) {
            value::UnitKind::None => value::money_factor_to_wan("元").and_then(|f| amount.checked_mul(f)),
            value::UnitKind::Money(f) => amount.checked_mul(f),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(level2: Level2, content: &str, target: &str) -> DeclaredIndicator {
        DeclaredIndicator {
            level1_label: level2.level1().label().into(),
            level2,
            level2_label: level2.label().into(),
            content: content.into(),
            target: target.into(),
        }
    }

    #[test]
    fn declared_entries_split_into_name_and_value() {
        let t = |c: &str| {
            let d = declared_target(&entry(Level2::Quantity, c, ""));
            (d.name, d.value)
        };
        assert_eq!(t("培训次数≥4次"), ("培训次数".into(), "≥4次".into()));
        assert_eq!(t("服务对象满意度不低于90%；"), ("服务对象满意度".into(), "不低于90%".into()));
        assert_eq!(t("完成率：100%"), ("完成率".into(), "100%".into()));
        assert_eq!(t("计划新建立10家非公企业党组织"), ("计划新建立10家非公企业党组织".into(), "10家".into()));
        assert_eq!(t("提高工作水平"), ("提高工作水平".into(), String::new()));
        let own = declared_target(&entry(Level2::Quantity, "培训次数", "4次"));
        assert_eq!((own.name.as_str(), own.value.as_str()), ("培训次数", "4次"));
    }

    #[test]
    fn names_pair_exactly_then_by_likeness_within_their_group() {
        let mut decl = crate::core::edit::new_declaration(Some(2025));
        decl.indicators = vec![
            entry(Level2::Quantity, "培训次数≥4次", ""),
            entry(Level2::Quantity, "走访企业户数≥100户", ""),
            entry(Level2::Social, "群众知晓率≥90%", ""),
        ];
        let mut form = ProjectForm::new(ProjectLayout::Central, "beijing-project", Some(2025));
        let row = |l: Level2, n: &str| Indicator {
            name: n.into(),
            target: "1".into(),
            ..Indicator::new(l)
        };
        form.indicators = vec![
            row(Level2::Quantity, "走访企业户数"),
            row(Level2::Quantity, "开展培训次数"),
            row(Level2::Quality, "群众知晓率"),
            row(Level2::Social, "新增指标"),
        ];
        let p = pair(&decl, &form);
        assert_eq!(p.pairs, vec![(0, 1), (1, 0)]);
        assert_eq!(p.missing, vec![2], "other 二级: no pair");
        assert_eq!(p.undeclared, vec![2, 3]);
    }

    #[test]
    fn a_self_evaluation_carries_the_declaration_over() {
        let mut decl = crate::core::edit::new_declaration(Some(2026));
        decl.name = "社区培训".into();
        decl.unit = "展览路街道".into();
        decl.budget = "3512730元".into();
        decl.indicators = vec![
            entry(Level2::Quantity, "培训次数", "≥4次"),
            entry(Level2::Satisfaction, "参训人员满意度≥90%", ""),
        ];
        let f = self_evaluation_from(&decl);
        assert_eq!((f.name.raw(), f.department.raw(), f.year), ("社区培训", "展览路街道", Some(2026)));
        assert_eq!(f.funds.total.annual.raw(), "351.273");
        let q: Vec<_> = f.indicators.iter().filter(|i| !i.name.is_empty()).collect();
        assert_eq!(q.len(), 2);
        assert_eq!((q[0].name.raw(), q[0].target.raw()), ("培训次数", "≥4次"));
        assert_eq!((q[1].name.raw(), q[1].target.raw(), q[1].level2), ("参训人员满意度", "≥90%", Level2::Satisfaction));
        assert!(q.iter().all(|i| i.actual.is_empty() && i.score.is_empty()));
        assert!(Level2::ALL.iter().all(|l| f.indicators.iter().any(|i| i.level2 == *l)));
        assert!(pair(&decl, &f).missing.is_empty());
    }
}
