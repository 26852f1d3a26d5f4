//! Indicator rows of any table: added to their 二级 group, moved within it,
//! removed. One set of rules for the project, department-goal and
//! declaration tables, so they behave alike in every editor.

use crate::core::model::{DeclaredIndicator, Form, Indicator, Level2};

/// Which indicator table of a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    /// The form's own indicators (project or declaration).
    Main,
    /// The indicators of a department form's 年度目标.
    Goal(usize),
}

/// A row that belongs to a 二级 group.
pub(super) trait Row {
    fn level2(&self) -> Level2;
    fn blank(level2: Level2) -> Self;
}

impl Row for Indicator {
    fn level2(&self) -> Level2 {
        self.level2
    }

    fn blank(level2: Level2) -> Self {
        Indicator::new(level2)
    }
}

impl Row for DeclaredIndicator {
    fn level2(&self) -> Level2 {
        self.level2
    }

    fn blank(level2: Level2) -> Self {
        DeclaredIndicator::new(level2)
    }
}

fn order(level2: Level2) -> usize {
    Level2::ALL.iter().position(|x| *x == level2).unwrap_or(0)
}

/// Inserts an empty row of `level2` after the last row of that 二级 (or
/// where the official order puts it). Returns its index.
pub(super) fn add<R: Row>(rows: &mut Vec<R>, level2: Level2) -> usize {
    let at = rows
        .iter()
        .rposition(|r| order(r.level2()) <= order(level2))
        .map_or(0, |p| p.saturating_add(1));
    rows.insert(at, R::blank(level2));
    at
}

pub(super) fn remove<R>(rows: &mut Vec<R>, index: usize) -> Option<()> {
    (index < rows.len()).then(|| {
        rows.remove(index);
    })
}

/// Swaps a row with its neighbour in the same 二级 group.
pub(super) fn swap_in_group<R: Row>(rows: &mut [R], index: usize, up: bool) -> bool {
    let Some(level2) = rows.get(index).map(Row::level2) else {
        return false;
    };
    let other = if up { index.checked_sub(1) } else { index.checked_add(1) };
    match other {
        Some(o) if rows.get(o).is_some_and(|r| r.level2() == level2) => {
            rows.swap(index, o);
            true
        }
        _ => false,
    }
}

/// How many rows a table of a form has (0 where it has no such table).
pub(super) fn len(form: &Form, table: Table) -> usize {
    match (form, table) {
        (Form::Project(f), Table::Main) => f.indicators.len(),
        (Form::Declaration(f), Table::Main) => f.indicators.len(),
        (Form::Department(f), Table::Goal(g)) => f.goals.get(g).map_or(0, |g| g.indicators.len()),
        _ => 0,
    }
}

/// The 二级 of row `index` of a table.
pub(super) fn level2_at(form: &Form, table: Table, index: usize) -> Option<Level2> {
    match (form, table) {
        (Form::Project(f), Table::Main) => f.indicators.get(index).map(Row::level2),
        (Form::Declaration(f), Table::Main) => f.indicators.get(index).map(Row::level2),
        (Form::Department(f), Table::Goal(g)) => f.goals.get(g)?.indicators.get(index).map(Row::level2),
        _ => None,
    }
}

/// Adds a row to a table of any form; None where the form has no such table.
pub fn add_indicator_in(form: &mut Form, table: Table, level2: Level2) -> Option<usize> {
    match (form, table) {
        (Form::Project(f), Table::Main) => Some(super::add_indicator(f, level2)),
        (Form::Declaration(f), Table::Main) => Some(add(&mut f.indicators, level2)),
        (Form::Department(f), Table::Goal(g)) => f.goals.get_mut(g).map(|g| add(&mut g.indicators, level2)),
        _ => None,
    }
}

pub fn remove_indicator_in(form: &mut Form, table: Table, index: usize) -> Option<()> {
    match (form, table) {
        (Form::Project(f), Table::Main) => remove(&mut f.indicators, index),
        (Form::Declaration(f), Table::Main) => remove(&mut f.indicators, index),
        (Form::Department(f), Table::Goal(g)) => remove(&mut f.goals.get_mut(g)?.indicators, index),
        _ => None,
    }
}

pub fn move_indicator_in(form: &mut Form, table: Table, index: usize, up: bool) -> bool {
    match (form, table) {
        (Form::Project(f), Table::Main) => swap_in_group(&mut f.indicators, index, up),
        (Form::Declaration(f), Table::Main) => swap_in_group(&mut f.indicators, index, up),
        (Form::Department(f), Table::Goal(g)) => f
            .goals
            .get_mut(g)
            .is_some_and(|g| swap_in_group(&mut g.indicators, index, up)),
        _ => false,
    }
}

/// Removes every indicator row still blank as in the template ("删除空行"),
/// in every table of the form. Returns how many went.
pub fn remove_blank_rows(form: &mut Form) -> usize {
    fn keep<R>(rows: &mut Vec<R>, blank: impl Fn(&R) -> bool) -> usize {
        let before = rows.len();
        rows.retain(|r| !blank(r));
        before.saturating_sub(rows.len())
    }
    match form {
        Form::Project(f) => keep(&mut f.indicators, Indicator::is_template_blank),
        Form::Declaration(f) => keep(&mut f.indicators, DeclaredIndicator::is_blank),
        Form::Department(f) => f
            .goals
            .iter_mut()
            .map(|g| keep(&mut g.indicators, Indicator::is_template_blank))
            .sum(),
        Form::Evaluation(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::edit::{new_declaration, new_department};

    #[test]
    fn rows_are_added_to_their_group_in_every_table() {
        let mut d = Form::Declaration(new_declaration(Some(2026)));
        let at = add_indicator_in(&mut d, Table::Main, Level2::Quantity).unwrap();
        let Form::Declaration(f) = &d else { unreachable!() };
        assert_eq!(f.indicators[at].level2, Level2::Quantity);
        assert!(f.indicators[..=at].iter().all(|i| i.level2 == Level2::Quantity));
        let mut dept = Form::Department(new_department(Some(2026)));
        let at = add_indicator_in(&mut dept, Table::Goal(0), Level2::Social).unwrap();
        assert!(move_indicator_in(&mut dept, Table::Goal(0), at, true) || at == 0);
        assert_eq!(add_indicator_in(&mut dept, Table::Goal(9), Level2::Social), None);
        assert_eq!(add_indicator_in(&mut dept, Table::Main, Level2::Social), None);
        assert!(remove_indicator_in(&mut dept, Table::Goal(0), 0).is_some());
        assert!(remove_indicator_in(&mut dept, Table::Goal(0), 999).is_none());
    }

    #[test]
    fn blank_rows_go_at_once_and_filled_ones_stay() {
        let mut p = crate::core::edit::new_project(crate::core::model::ProjectLayout::Central, Some(2025));
        p.indicators[2].name = "按时完成率".into();
        p.indicators[5].weight = "10".into();
        let mut f = Form::Project(p);
        assert_eq!(remove_blank_rows(&mut f), 7);
        let Form::Project(p) = &f else { unreachable!() };
        assert_eq!(p.indicators.len(), 2);
        assert_eq!(remove_blank_rows(&mut f), 0);
        let mut d = Form::Declaration(new_declaration(Some(2026)));
        if let Form::Declaration(decl) = &mut d {
            decl.indicators[0].target = "≥4次".into();
        }
        assert_eq!(remove_blank_rows(&mut d), 5);
    }
}
