//! 部门评价 result table (DOMAIN §1.5): 评价内容 | 分值 | 评价得分 … 综合得分 …
//! 绩效评定级别.

use super::rows::{key, Row};
use super::{incomplete_note, ImportNote, ImportedForm};
use crate::core::model::{Cell, EvaluationForm, EvaluationItem, Form};
use crate::core::scheme::{Scheme, SchemeForm};

pub fn starts_table(row: &Row) -> bool {
    (row.has_label("评价内容") && row.has_label("分值")) || level1_header(row)
}

/// The same table headed 一级指标 | 分值 | 得分, as an Excel score sheet
/// has it (not a form's indicator table, which has 二级指标 and more).
fn level1_header(row: &Row) -> bool {
    !row.narrative
        && row.non_empty_count() == 3
        && row.has_label("一级指标")
        && row.has_label("分值")
        && (row.has_label("得分") || row.has_label("评价得分"))
}

pub fn parse(rows: &[Row], start: usize, year: Option<i32>) -> (ImportedForm, usize) {
    let mut form = EvaluationForm {
        scheme: Scheme::default_id(SchemeForm::Evaluation),
        year,
        name: Cell::new("部门评价项目"),
        amount: Cell::default(),
        items: Vec::new(),
        printed_total: Cell::default(),
        printed_grade: Cell::default(),
    };
    let mut notes = Vec::new();
    let mut total_row = false;
    let mut end = start;
    for (i, row) in rows.iter().enumerate().skip(start + 1) {
        if row.narrative {
            break;
        }
        let label = key(row.cell(0));
        // The signature lines under a sheet ("评价单位（盖章）：…").
        if label.contains("盖章") {
            break;
        }
        end = i;
        if label.contains("综合得分") || label.contains("总分") {
            form.printed_total = Cell::new(row.cell(2));
            total_row = true;
        } else if label.contains("级别") || label.contains("等级") {
            form.printed_grade = Cell::new(row.cell(1));
        } else if row.cells.len() >= 3 {
            form.items.push(EvaluationItem {
                name: Cell::new(row.cell(0)),
                weight: Cell::new(row.cell(1)),
                score: Cell::new(row.cell(2)),
            });
        } else {
            notes.push(ImportNote {
                place: None,
                line: row.first_line,
                message: format!("评价得分表中无法识别的行：“{}”", row.text().trim()),
            });
        }
    }
    let names: Vec<String> = form.items.iter().map(|i| key(i.name.raw())).collect();
    form.scheme = Scheme::for_evaluation_items(&names).id.clone();
    let last_line = rows[end].last_line;
    let missing: Vec<String> = (!total_row)
        .then(|| format!("评价得分表读到第 {last_line} 行结束，没有“综合得分”行"))
        .into_iter()
        .collect();
    (
        ImportedForm {
            form: Form::Evaluation(form),
            source_lines: (rows[start].first_line, last_line),
            notes,
            numbers_only: false,
            source: None,
            incomplete: incomplete_note(last_line, &missing),
        },
        end,
    )
}
