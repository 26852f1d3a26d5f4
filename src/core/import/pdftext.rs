//! Project forms in text extracted from PDF (seed bj-tongzhou): cells are
//! broken over lines and columns interleaved, but numbers survive. Only what
//! can be read reliably is read: the header, the 年度资金总额 row, each
//! indicator's 分值 and 得分 (with its 二级 from the text before it) and the
//! 总分 row. The form is marked `numbers_only`; the note says so.

use super::rows::{key, Row};
use super::{incomplete_note, year_in, ImportNote, ImportedForm};
use crate::core::model::{Cell, Form, Indicator, Level2, ProjectForm, ProjectLayout};
use crate::core::scheme::{Scheme, SchemeForm};
use crate::core::value::parse_amount;

/// A plain-text line "项目名称 …" followed by a 年度资金总额 line.
pub fn starts_form(rows: &[Row], i: usize) -> bool {
    key(&rows[i].text()).starts_with("项目名称")
        && rows[i + 1..]
            .iter()
            .take(40)
            .any(|r| key(&r.text()).starts_with("年度资金总额"))
}

/// Whitespace-separated tokens that are numbers or percentages.
fn numeric_tokens(line: &str) -> Option<Vec<&str>> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let numeric = |t: &&str| parse_amount(t.trim_end_matches('%')).is_some() || *t == "—" || *t == "-";
    (!tokens.is_empty() && tokens.iter().all(numeric)).then_some(tokens)
}

/// "分值 得分" on a row's last line: the last two plain numbers (no %),
/// score ≤ weight ≤ 100, optionally followed by reason text
/// ("100% 95% 4 3 调查覆盖不够广泛"). Long lines are prose, not row ends.
fn weight_score(line: &str) -> Option<(String, String)> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    if tokens.len() < 2 || tokens.len() > 10 {
        return None;
    }
    let plain = |t: &str| !t.ends_with('%') && parse_amount(t).is_some();
    let j = (0..tokens.len() - 1)
        .rev()
        .find(|&j| plain(tokens[j]) && plain(tokens[j + 1]))?;
    if tokens[j + 2..]
        .iter()
        .any(|t| parse_amount(t.trim_end_matches('%')).is_some())
    {
        return None;
    }
    let (w, s) = (tokens[j], tokens[j + 1]);
    let (wv, sv) = (parse_amount(w)?, parse_amount(s)?);
    (wv <= rust_decimal::Decimal::ONE_HUNDRED && sv <= wv).then(|| (w.to_string(), s.to_string()))
}

const LEVEL2_KEYS: [(&str, Level2); 10] = [
    ("数量指", Level2::Quantity),
    ("质量指", Level2::Quality),
    ("时效指", Level2::Timeliness),
    ("进度指", Level2::Timeliness),
    ("成本指", Level2::Cost),
    ("经济效益", Level2::Economic),
    ("社会效益", Level2::Social),
    ("生态效益", Level2::Ecological),
    ("可持续影", Level2::Sustainable),
    ("满意度", Level2::Satisfaction),
];

/// The last 二级 named in a stretch of text, by position.
fn last_level2(text: &str) -> Option<(usize, Level2)> {
    LEVEL2_KEYS
        .iter()
        .filter_map(|(k, l)| text.rfind(k).map(|p| (p, *l)))
        .max_by_key(|(p, _)| *p)
}

pub fn parse(rows: &[Row], start: usize, year_before: Option<i32>) -> (ImportedForm, usize) {
    let mut form = ProjectForm::new(
        ProjectLayout::Central,
        &Scheme::default_id(SchemeForm::ProjectCentral),
        year_before,
    );
    let mut notes = vec![ImportNote { place: None,
        line: rows[start].first_line,
        message: "PDF 提取的文本：单元格被拆行，只读取了金额、执行率、各指标的分值和得分及总分；指标名称仅供参考，指标值和完成值未读取，依赖它们的检查未做。".into(),
    }];
    let mut first_line = rows[start].first_line;
    for r in rows[..start].iter().rev().take(4) {
        if let Some(y) = year_in(&r.text()) {
            form.year = Some(y);
            first_line = r.first_line;
        } else if key(&r.text()).contains("自评表") {
            first_line = r.first_line;
        }
    }
    form.name = Cell::new(rows[start].text().trim().trim_start_matches("项目名称").trim());
    let mut segment = String::new();
    let mut level2 = None;
    let mut end = start;
    let mut i = start + 1;
    let mut in_indicators = false;
    let mut total_row = false;
    while i < rows.len() {
        let line = rows[i].text();
        let k = key(&line);
        end = i;
        if i > start && starts_form(rows, i) {
            notes.push(ImportNote {
                place: None,
                line: rows[i].first_line,
                message: "未找到“总分”行，表格在下一张表之前结束。".into(),
            });
            end = i - 1;
            break;
        }
        if k.starts_with("总分") {
            let tokens: Vec<&str> = line.split_whitespace().skip(1).collect();
            form.printed_total = Cell::new(tokens.get(1).copied().unwrap_or(""));
            form.printed_grade = Cell::new(tokens.get(2).copied().unwrap_or(""));
            total_row = true;
            break;
        }
        if k.starts_with("主管部门") {
            let rest = line.trim().trim_start_matches("主管部门").trim();
            let (dept, imp) = rest.split_once("实施单位").unwrap_or((rest, ""));
            form.department = Cell::new(dept.trim());
            form.implementer = Cell::new(imp.trim());
        } else if k.starts_with("年度资金总额") {
            let mut tokens: Vec<String> = line.split_whitespace().skip(1).map(str::to_string).collect();
            let mut j = i + 1;
            while tokens.len() < 6 && j < rows.len() {
                match numeric_tokens(&rows[j].text()) {
                    Some(more) => tokens.extend(more.into_iter().map(str::to_string)),
                    None if rows[j].text().trim().is_empty() => {}
                    None => break,
                }
                j += 1;
            }
            let get = |n: usize| Cell::new(tokens.get(n).cloned().unwrap_or_default());
            if tokens.len() >= 3 {
                form.funds.total.initial = get(0);
                form.funds.total.annual = get(1);
                form.funds.total.spent = get(2);
                form.funds.printed_rate = get(4);
                form.funds.printed_score = get(5);
            } else {
                notes.push(ImportNote {
                    place: None,
                    line: rows[i].first_line,
                    message: "年度资金总额行的数字不全，未读取金额。".into(),
                });
            }
        } else if k.contains("偏差原因") || k.starts_with("绩效") {
            in_indicators = true;
        } else if in_indicators {
            if let Some((w, s)) = weight_score(&line) {
                segment.push_str(&k);
                if let Some((_, l)) = last_level2(&segment) {
                    level2 = Some(l);
                }
                match level2 {
                    Some(l) => {
                        let mut ind = Indicator::new(l);
                        let name_start = segment.rfind("指标").map_or(0, |p| p);
                        ind.name = Cell::new(segment[name_start..].chars().take(40).collect::<String>());
                        ind.weight = Cell::new(w);
                        ind.score = Cell::new(s);
                        form.indicators.push(ind);
                    }
                    None => notes.push(ImportNote {
                        place: None,
                        line: rows[i].first_line,
                        message: format!("分值“{w}”和得分“{s}”前没有可识别的二级指标，未读取。"),
                    }),
                }
                segment.clear();
            } else {
                segment.push_str(&k);
            }
        }
        i += 1;
    }
    if form.indicators.is_empty() {
        notes.push(ImportNote {
            place: None,
            line: rows[start].first_line,
            message: "没有读到任何指标的分值和得分。".into(),
        });
    }
    let end_line = rows[end].last_line;
    let missing: Vec<String> = [
        (!total_row).then(|| format!("读到第 {end_line} 行时表格结束，未找到“总分”行")),
        form.indicators
            .is_empty()
            .then(|| "没有读到任何指标的分值和得分".to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    (
        ImportedForm {
            form: Form::Project(form),
            source_lines: (first_line, end_line),
            notes,
            numbers_only: true,
            source: None,
            incomplete: incomplete_note(end_line, &missing),
        },
        end,
    )
}
