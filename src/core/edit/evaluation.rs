//! 绩效评价得分表 (DOMAIN §1.5): its cells and a blank form.

use crate::core::field::{EvalColumn, Field, Header};
use crate::core::model::{Cell, EvaluationForm, EvaluationItem};
use crate::core::scheme::{Scheme, SchemeForm};
use crate::core::scoring::{self, fmt_num};

macro_rules! eval_cell {
    ($form:expr, $field:expr, $get:ident, $($mut_:tt)?) => {{
        let form = $form;
        match $field {
            Field::Header(Header::Name) => Some(&$($mut_)? form.name),
            Field::Header(Header::Budget) => Some(&$($mut_)? form.amount),
            Field::Total => Some(&$($mut_)? form.printed_total),
            Field::Grade => Some(&$($mut_)? form.printed_grade),
            Field::EvalItem(i, col) => form.items.$get(i).map(|item| match col {
                EvalColumn::Name => &$($mut_)? item.name,
                EvalColumn::Weight => &$($mut_)? item.weight,
                EvalColumn::Score => &$($mut_)? item.score,
            }),
            _ => None,
        }
    }};
}

pub(super) fn cell(form: &EvaluationForm, field: Field) -> Option<&Cell> {
    eval_cell!(form, field, get,)
}

pub(super) fn cell_mut(form: &mut EvaluationForm, field: Field) -> Option<&mut Cell> {
    eval_cell!(form, field, get_mut, mut)
}

/// A blank score table with the scheme's 一级 items and their weights.
pub fn new_evaluation(scheme: &Scheme, year: Option<i32>) -> EvaluationForm {
    let scheme = if scheme.form == SchemeForm::Evaluation {
        scheme
    } else {
        Scheme::default_for(SchemeForm::Evaluation)
    };
    EvaluationForm {
        scheme: scheme.id.clone(),
        year,
        name: Cell::default(),
        amount: Cell::default(),
        items: scheme
            .evaluation_items
            .iter()
            .map(|item| EvaluationItem {
                name: Cell::new(item.name.clone()),
                weight: Cell::new(item.weight.map(fmt_num).unwrap_or_default()),
                score: Cell::default(),
            })
            .collect(),
        printed_total: Cell::default(),
        printed_grade: Cell::default(),
    }
}

/// Writes the computed 总分 and 等级 into the printed cells.
pub(super) fn fill_computed(form: &mut EvaluationForm) {
    let scheme = Scheme::resolve(&form.scheme, SchemeForm::Evaluation);
    let result = scoring::score_evaluation(scheme, form);
    let any_score = form.items.iter().any(|i| !i.score.is_empty());
    // Nothing scored yet: no total and no grade to print.
    form.printed_total = Cell::new(if any_score { fmt_num(result.computed_total.value) } else { String::new() });
    form.printed_grade = Cell::new(if any_score { result.grade } else { String::new() });
}
