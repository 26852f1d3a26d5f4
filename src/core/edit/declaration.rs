//! 项目支出绩效目标申报表 (DOMAIN §1.4): its cells and a blank form.

use crate::core::field::{Field, Header, IndicatorColumn, RowRef};
use crate::core::model::{Cell, DeclarationForm, DeclaredIndicator, Level2};
use crate::core::scheme::{Scheme, SchemeForm};

macro_rules! decl_cell {
    ($form:expr, $field:expr, $get:ident, $($mut_:tt)?) => {{
        let form = $form;
        match $field {
            Field::Header(h) => match h {
                Header::Unit => Some(&$($mut_)? form.unit),
                Header::Name => Some(&$($mut_)? form.name),
                Header::Budget => Some(&$($mut_)? form.budget),
                Header::Leader => Some(&$($mut_)? form.leader),
                Header::Phone => Some(&$($mut_)? form.phone),
                Header::Address => Some(&$($mut_)? form.address),
                Header::Postcode => Some(&$($mut_)? form.postcode),
                Header::ProjectType => Some(&$($mut_)? form.project_type),
                Header::TargetGoal => Some(&$($mut_)? form.goal),
                Header::OtherNotes => Some(&$($mut_)? form.other_notes),
                _ => None,
            },
            Field::Indicator(RowRef { goal: None, row }, col) => {
                form.indicators.$get(row).and_then(|ind| match col {
                    IndicatorColumn::Content | IndicatorColumn::Name => Some(&$($mut_)? ind.content),
                    IndicatorColumn::Target => Some(&$($mut_)? ind.target),
                    _ => None,
                })
            }
            _ => None,
        }
    }};
}

pub(super) fn cell(form: &DeclarationForm, field: Field) -> Option<&Cell> {
    decl_cell!(form, field, get,)
}

pub(super) fn cell_mut(form: &mut DeclarationForm, field: Field) -> Option<&mut Cell> {
    decl_cell!(form, field, get_mut, mut)
}

/// A blank declaration for the budget year `year`: one row for each 二级
/// a reviewer expects (数量, 质量, 时效, 成本, 社会效益, 满意度).
pub fn new_declaration(year: Option<i32>) -> DeclarationForm {
    DeclarationForm {
        scheme: Scheme::default_id(SchemeForm::Declaration),
        year,
        unit: Cell::default(),
        name: Cell::default(),
        budget: Cell::default(),
        leader: Cell::default(),
        phone: Cell::default(),
        address: Cell::default(),
        postcode: Cell::default(),
        project_type: Cell::default(),
        goal: Cell::default(),
        indicators: [
            Level2::Quantity,
            Level2::Quality,
            Level2::Timeliness,
            Level2::Cost,
            Level2::Social,
            Level2::Satisfaction,
        ]
        .into_iter()
        .map(DeclaredIndicator::new)
        .collect(),
        other_notes: Cell::default(),
    }
}
