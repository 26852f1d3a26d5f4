//! 项目支出绩效目标申报表 (DOMAIN §1.4) from rows of cells.

use std::borrow::Cow;

use super::rows::{key, with_paragraphs, Row};
use super::{ImportNote, ImportedForm};
use crate::core::model::{Cell, DeclarationForm, DeclaredIndicator, Form, Level1, Level2};

pub fn starts_form(row: &Row) -> bool {
    // "部门（单位）名称", "部门(单位)名称", or Word's broken "部门（单位\n名称".
    // The label is short: longer cells are not looked at closely.
    !row.narrative
        && row.cells.iter().any(|c| {
            c.chars().filter(|c| !c.is_whitespace()).nth(9).is_none() && {
                let k = key(c);
                k.starts_with("部门") && k.contains("单位") && k.ends_with("名称")
            }
        })
}

/// The signature lines a sheet prints under the form ("填报单位（盖章）：…",
/// "填报人：…", "联系电话：…"): the form ended above them.
fn is_footer(row: &Row) -> bool {
    row.keys().find(|k| !k.is_empty()).is_some_and(|k| {
        ["填报单位（盖章）", "填报单位(盖章)", "填报人：", "联系电话："]
            .iter()
            .any(|l| k.starts_with(l))
    })
}

/// The 其他说明的问题 row, the form's last.
fn is_other_notes(row: &Row) -> bool {
    row.keys().any(|k| k.starts_with("其他说明"))
}

/// "2019年项目支出绩效目标申报表" → 2019.
fn year_of_title(text: &str) -> Option<i32> {
    let k = key(text);
    let p = k.find("年")?;
    let digits: String = k[..p]
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse::<i32>().ok().filter(|y| (2000..2100).contains(y))
}

/// One cell of 具体指标 often lists several numbered targets, one per line.
/// The numbering ("1.", "2、") is dropped: it is not part of the target.
/// The 二级 that follows `previous` in the official template, within the
/// 一级 named by `level1_label` ("产出指标" → 数量, 质量, 时效, 成本).
fn next_in_template(previous: Option<Level2>, level1_label: &str) -> Option<Level2> {
    let named = [
        ("产出", Level1::Output),
        ("效益", Level1::Benefit),
        ("满意", Level1::Satisfaction),
    ]
    .into_iter()
    .find(|(word, _)| level1_label.contains(word))
    .map(|(_, l)| l);
    let level1 = named.or(previous.map(Level2::level1))?;
    let after = previous.filter(|p| p.level1() == level1);
    Level2::ALL.into_iter().filter(|l| l.level1() == level1).find(|l| {
        after.is_none_or(|p| Level2::ALL.iter().position(|x| x == l) > Level2::ALL.iter().position(|x| *x == p))
    })
}

fn entries(content: &str) -> Vec<String> {
    content
        .lines()
        .map(|l| {
            let l = l.trim();
            let digits = l.chars().take_while(|c| c.is_ascii_digit()).count();
            match l[digits..].chars().next() {
                Some(c @ ('.' | '、' | '．' | ')' | '）')) if digits > 0 && digits <= 2 => {
                    l[digits + c.len_utf8()..].trim()
                }
                _ => l,
            }
        })
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn parse(rows: &[Row], start: usize, year_before: Option<i32>) -> (ImportedForm, usize) {
    let mut first_line = rows[start].first_line;
    let mut year = year_before;
    // Title rows just above: "2019年项目支出绩效目标申报表" and the short name.
    for r in rows[..start].iter().rev().take(2).filter(|r| r.narrative) {
        first_line = r.first_line;
        if key(&r.text()).contains("申报表") {
            year = year_of_title(&r.text()).or(year);
        }
    }
    // The editor's blank declaration, without its template rows.
    let mut form = DeclarationForm {
        indicators: Vec::new(),
        ..crate::core::edit::new_declaration(year)
    };
    let mut notes = Vec::new();
    let mut end = start;
    let mut level1_label = String::new();
    let mut in_indicators = false;
    let mut previous_level2: Option<Level2> = None;
    // Whether the indicator header starts with 一级指标 (no 绩效指标 column).
    let mut level1_first = false;
    // The last named 二级 and its label, for rows a merged 二级 covers.
    let mut continued: Option<(Level2, String)> = None;
    // Rows before `next` were folded into an earlier row as paragraphs.
    let mut next = start;
    for (i, raw) in rows.iter().enumerate().skip(start) {
        if i < next {
            continue;
        }
        if i > start && (starts_form(raw) || (raw.narrative && key(&raw.text()).contains("申报表"))) {
            break;
        }
        if raw.narrative {
            // The next form's short title precedes its table.
            if rows.get(i + 1).is_some_and(starts_form) || rows.get(i + 2).is_some_and(starts_form) {
                break;
            }
            end = i;
            continue;
        }
        // The 其他说明 row ends the form: text after it is not its paragraphs.
        if is_footer(raw) {
            break;
        }
        let (row, last) = if is_other_notes(raw) {
            (Cow::Borrowed(raw), i)
        } else {
            with_paragraphs(rows, i, |rows, k| starts_form(&rows[k]))
        };
        next = last + 1;
        end = last;
        for (label, slot) in [
            // "部门（单位）名称" or "部门(单位)名称"
            ("部门", &mut form.unit),
            ("项目名称", &mut form.name),
            ("预算金额", &mut form.budget),
            ("项目负责人", &mut form.leader),
            ("联系电话", &mut form.phone),
            ("单位地址", &mut form.address),
            ("邮政编码", &mut form.postcode),
            ("项目类型", &mut form.project_type),
            ("项目绩效目标", &mut form.goal),
        ] {
            if let Some(v) = row.value_after_prefix(label) {
                *slot = Cell::new(v);
            }
        }
        if is_other_notes(&row) {
            form.other_notes = Cell::new(row.non_empty_after(0).join("\n"));
            break;
        }
        if let Some(p) = row.keys().position(|k| k == "一级指标") {
            in_indicators = true;
            level1_first = p == 0;
            continue;
        }
        if !in_indicators {
            continue;
        }
        // ["", 一级, 二级, 具体指标]
        let cells: Vec<&str> = row.cells.iter().map(|c| c.trim()).collect();
        let (l1, l2, content) = match cells.len() {
            // A table without the 绩效指标 column, its content cell merged
            // over the columns after 二级指标 (a sheet).
            n if n >= 4 && level1_first => (cells[0], cells[1], cells[2..].join("\n").trim().to_string()),
            n if n >= 4 => (cells[1], cells[2], cells[3..].join("\n")),
            3 => (cells[0], cells[1], cells[2].to_string()),
            _ => {
                notes.push(ImportNote {
                    place: None,
                    line: row.first_line,
                    message: format!("绩效指标行无法识别：“{}”", row.text().trim()),
                });
                continue;
            }
        };
        if !l1.is_empty() {
            level1_label = l1.replace('\n', "");
        }
        let is_placeholder = |s: &str| s.chars().all(|c| "….。 ".contains(c));
        if is_placeholder(l2) && is_placeholder(&content) {
            continue; // a blank template row ("…")
        }
        // A 二级 label merged down its rows (a sheet keeps it in the top
        // row only): a row with content under it continues it.
        if l2.is_empty() && !content.trim().is_empty() && l1.is_empty() {
            if let Some((level2, label)) = &continued {
                for entry in entries(&content) {
                    form.indicators.push(DeclaredIndicator {
                        level1_label: level1_label.clone(),
                        level2: *level2,
                        level2_label: label.clone(),
                        content: Cell::new(entry),
                        target: Cell::default(),
                    });
                }
                continue;
            }
        }
        let named = Level2::from_label(l2);
        let Some(level2) = named.or_else(|| {
            // A label mistyped ("10" for 数量指标): the row's place in the
            // official template says which 二级 it is.
            let guess = next_in_template(previous_level2, &level1_label)?;
            notes.push(ImportNote {
                place: None,
                line: row.first_line,
                message: format!(
                    "二级指标写成了“{}”，按表样位置读作“{}”，请核对原表。",
                    l2.replace('\n', ""),
                    guess.label()
                ),
            });
            Some(guess)
        }) else {
            notes.push(ImportNote {
                place: None,
                line: row.first_line,
                message: format!("无法识别的二级指标“{l2}”，该行未读取。"),
            });
            continue;
        };
        previous_level2 = Some(level2);
        let label = if named.is_some() {
            l2.replace('\n', "")
        } else {
            level2.label().to_string()
        };
        continued = Some((level2, label.clone()));
        for entry in entries(&content) {
            form.indicators.push(DeclaredIndicator {
                level1_label: level1_label.clone(),
                level2,
                level2_label: label.clone(),
                content: Cell::new(entry),
                target: Cell::default(),
            });
        }
    }
    if form.indicators.is_empty() {
        notes.push(ImportNote {
            place: None,
            line: rows[start].first_line,
            message: "没有读到任何绩效指标。".into(),
        });
    }
    (
        ImportedForm {
            form: Form::Declaration(form),
            source_lines: (first_line, rows[end].last_line),
            notes,
            numbers_only: false,
            source: None,
            // Not scored, so never counted as a scored form: what could not be
            // read is in the notes.
            incomplete: None,
        },
        end,
    )
}
