//! Spreadsheet habits on a sheet: Enter moves down, Tab right, arrow keys at
//! a text's edge to the neighbouring cell; a pasted block fills the grid, a
//! whole pasted form fills an empty editor through the import reader.

use leptos::prelude::*;

use crate::browser::cells::{self, Cell, Direction};
use crate::core::edit;
use crate::core::field::Field;
use crate::core::model::Form;

/// Moves between cells on the keys a spreadsheet uses (bound to the sheet,
/// so every cell of every sheet has it). Shift+Enter and Alt+Enter keep a
/// line break in a text cell.
pub(super) fn move_between_cells(ev: &web_sys::KeyboardEvent) {
    // Enter also confirms a Chinese input method's candidate: not a move.
    if ev.is_composing() || ev.key_code() == 229 || ev.ctrl_key() || ev.meta_key() {
        return;
    }
    let Some(cell) = Cell::of(ev.target()) else {
        return;
    };
    let key = ev.key();
    let moved = match key.as_str() {
        "Enter" if ev.alt_key() => {
            if cell.is_multiline() {
                cell.insert_line_break();
                ev.prevent_default();
            }
            return;
        }
        "Enter" if ev.shift_key() && cell.is_multiline() => return,
        "Enter" => {
            // Enter never types a line break here, even with no cell below.
            ev.prevent_default();
            cell.move_to(if ev.shift_key() { Direction::Up } else { Direction::Down });
            return;
        }
        // At a row's end Tab goes on as usual (to the row's buttons).
        "Tab" => cell.move_to(if ev.shift_key() { Direction::Left } else { Direction::Right }),
        _ if ev.alt_key() || ev.shift_key() => false,
        "ArrowDown" => cell.at_edge(Direction::Down) && cell.move_to(Direction::Down),
        "ArrowUp" => cell.at_edge(Direction::Up) && cell.move_to(Direction::Up),
        "ArrowLeft" => cell.at_edge(Direction::Left) && cell.move_to(Direction::Left),
        "ArrowRight" => cell.at_edge(Direction::Right) && cell.move_to(Direction::Right),
        _ => false,
    };
    if moved {
        ev.prevent_default();
    }
}

pub(super) enum PasteOutcome {
    /// A block went into the grid: what was written.
    Cells(String),
    /// A whole form filled the empty editor: what was taken.
    Form(String),
    /// A whole form pasted into a form already filled in: not taken.
    Refused(String),
}

/// Handles a paste into a sheet; None leaves it to the browser (one value,
/// or text with line breaks and no cells, into the one cell).
pub(super) fn paste(
    form: RwSignal<Form>,
    read_only: RwSignal<bool>,
    draft_id: &str,
    ev: &web_sys::ClipboardEvent,
) -> Option<PasteOutcome> {
    if read_only.get_untracked() {
        return None;
    }
    let cell = Cell::of(ev.target())?;
    let (text, html_table) = cells::pasted(ev)?;
    let body = text.trim_end_matches(['\r', '\n']);
    // A block: cells side by side, or rows of a copied table. Lines alone
    // (a paragraph from Word) go into the cell as text.
    if !(body.contains('\t') || (html_table && body.contains('\n'))) {
        return None;
    }
    let field: Field = cell.field().parse().ok()?;
    let whole = edit::paste_form(&text);
    if let Some((pasted, summary)) = whole {
        ev.prevent_default();
        if !form.with_untracked(edit::is_untouched) {
            return Some(PasteOutcome::Refused(
                "粘贴的内容是一整张表，而本表已经填写了内容，所以没有粘贴。请新建一张空白表后粘贴，或使用“导入检查”。".into(),
            ));
        }
        history_step(draft_id, form, move |f| *f = pasted);
        return Some(PasteOutcome::Form(summary));
    }
    if !form.with_untracked(|f| edit::has_grid(f, field)) {
        return None;
    }
    ev.prevent_default();
    let block = edit::parse_block(&text);
    let mut done = edit::Pasted::default();
    history_step(draft_id, form, |f| done = edit::paste_block(f, field, &block));
    Some(PasteOutcome::Cells(done.message()))
}

/// One change of the form that is an undo step of its own.
fn history_step(draft_id: &str, form: RwSignal<Form>, change: impl FnOnce(&mut Form)) {
    super::history::checkpoint(draft_id);
    form.update(change);
    super::history::checkpoint(draft_id);
}
