//! Undo and redo of every edit of a draft, kept per draft for the session
//! (leaving the editor and coming back keeps them). Typing in one burst is
//! one step; adding, moving, deleting rows and applying advice are steps of
//! their own ([`History::checkpoint`]).

use std::cell::RefCell;
use std::collections::HashMap;

use crate::core::model::Form;

/// Keystrokes closer together than this are one undo step.
const BURST_MS: f64 = 800.0;
/// Steps kept per draft.
const LIMIT: usize = 200;

#[derive(Default)]
pub struct History {
    undo: Vec<Form>,
    redo: Vec<Form>,
    last_edit_ms: f64,
    /// The next edit starts a step of its own.
    cut: bool,
}

thread_local! {
    static HISTORIES: RefCell<HashMap<String, History>> = RefCell::new(HashMap::new());
}

fn with<R>(id: &str, f: impl FnOnce(&mut History) -> R) -> R {
    HISTORIES.with(|h| f(h.borrow_mut().entry(id.to_string()).or_default()))
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Records that the form was `before` until an edit just now.
pub fn record(id: &str, before: Form) {
    with(id, |h| {
        let now = now_ms();
        let same_burst = !h.cut && now - h.last_edit_ms < BURST_MS && !h.undo.is_empty();
        if !same_burst {
            h.undo.push(before);
            if h.undo.len() > LIMIT {
                h.undo.remove(0);
            }
        }
        h.redo.clear();
        h.last_edit_ms = now;
        h.cut = false;
    })
}

/// The next edit is a step of its own (a row added or deleted, advice applied).
pub fn checkpoint(id: &str) {
    with(id, |h| h.cut = true);
}

/// The form before the last step, with `current` kept for redo.
pub fn undo(id: &str, current: Form) -> Option<Form> {
    with(id, |h| {
        let back = h.undo.pop()?;
        h.redo.push(current);
        h.cut = true;
        Some(back)
    })
}

pub fn redo(id: &str, current: Form) -> Option<Form> {
    with(id, |h| {
        let again = h.redo.pop()?;
        h.undo.push(current);
        h.cut = true;
        Some(again)
    })
}

/// (steps to undo, steps to redo)
pub fn depth(id: &str) -> (usize, usize) {
    with(id, |h| (h.undo.len(), h.redo.len()))
}
