//! Spreadsheet habits in the page: moving between a sheet's cells with
//! Enter, Tab and the arrow keys, and reading a pasted block. Cells are the
//! inputs and text areas carrying `data-field`; where a cell lies on screen
//! decides its neighbours, so every sheet (merged cells, rows of any height)
//! moves alike without a table of its own.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Left,
    Right,
}

/// A text cell of a sheet: an input or a text area.
pub struct Cell {
    element: HtmlElement,
}

impl Cell {
    /// The cell an event happened in, if it is one.
    pub fn of(target: Option<web_sys::EventTarget>) -> Option<Cell> {
        let element: HtmlElement = target?.dyn_into().ok()?;
        let is_cell = element.has_attribute("data-field")
            && (element.is_instance_of::<HtmlTextAreaElement>()
                || element
                    .dyn_ref::<HtmlInputElement>()
                    .is_some_and(|i| i.type_() == "text"));
        is_cell.then_some(Cell { element })
    }

    pub fn field(&self) -> String {
        self.element.get_attribute("data-field").unwrap_or_default()
    }

    pub fn is_multiline(&self) -> bool {
        self.element.is_instance_of::<HtmlTextAreaElement>()
    }

    fn value(&self) -> String {
        if let Some(t) = self.element.dyn_ref::<HtmlTextAreaElement>() {
            t.value()
        } else if let Some(i) = self.element.dyn_ref::<HtmlInputElement>() {
            i.value()
        } else {
            String::new()
        }
    }

    /// (start, end) of the selection in UTF-16 units, as the page counts.
    fn selection(&self) -> (u32, u32) {
        let pair = if let Some(t) = self.element.dyn_ref::<HtmlTextAreaElement>() {
            (t.selection_start(), t.selection_end())
        } else if let Some(i) = self.element.dyn_ref::<HtmlInputElement>() {
            (i.selection_start(), i.selection_end())
        } else {
            return (0, 0);
        };
        match pair {
            (Ok(Some(s)), Ok(Some(e))) => (s, e),
            _ => (0, 0),
        }
    }

    /// Whether an arrow key in `direction` leaves the cell: the caret is at
    /// the text's edge that way (or the whole text is selected, as after
    /// arriving in the cell). A one-line cell has no lines to move between,
    /// so up and down always leave it.
    pub fn at_edge(&self, direction: Direction) -> bool {
        let len = u32::try_from(self.value().encode_utf16().count()).unwrap_or(u32::MAX);
        let (start, end) = self.selection();
        let all = start == 0 && end == len;
        let collapsed = start == end;
        match direction {
            Direction::Up if !self.is_multiline() => true,
            Direction::Down if !self.is_multiline() => true,
            Direction::Up | Direction::Left => all || (collapsed && start == 0),
            Direction::Down | Direction::Right => all || (collapsed && end == len),
        }
    }

    /// Inserts a line break at the caret (Alt+Enter, as in Excel) and tells
    /// the page the text changed.
    pub fn insert_line_break(&self) {
        if let Some(t) = self.element.dyn_ref::<HtmlTextAreaElement>() {
            let start = t.selection_start().ok().flatten().unwrap_or(0);
            let end = t.selection_end().ok().flatten().unwrap_or(start);
            let _ = t.set_range_text_with_start_and_end_and_mode("\n", start, end, "end");
            if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &{
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                init
            }) {
                let _ = t.dispatch_event(&event);
            }
        }
    }

    /// Moves the focus to the neighbouring cell, its text selected as a
    /// spreadsheet selects a cell; false when there is none that way.
    pub fn move_to(&self, direction: Direction) -> bool {
        let Some(next) = neighbour(&self.element, direction) else {
            return false;
        };
        let _ = next.focus();
        if let Some(t) = next.dyn_ref::<HtmlTextAreaElement>() {
            t.select();
        } else if let Some(i) = next.dyn_ref::<HtmlInputElement>() {
            i.select();
        }
        true
    }
}

/// The rectangle of an element: (left, top, right, bottom).
fn rect(element: &Element) -> (f64, f64, f64, f64) {
    let r = element.get_bounding_client_rect();
    (r.left(), r.top(), r.right(), r.bottom())
}

/// The nearest editable cell of the same sheet in `direction`. Down and up
/// prefer the cell under the same column, else the nearest row below
/// (above) and the cell in it closest across; left and right stay in the
/// same visual row.
fn neighbour(from: &HtmlElement, direction: Direction) -> Option<HtmlElement> {
    let sheet = from.closest(".sheet").ok().flatten()?;
    let list = sheet
        .query_selector_all("input[type=text][data-field], textarea[data-field]")
        .ok()?;
    let (l, t, r, b) = rect(from);
    let centre_x = (l + r) / 2.0;
    let mut best: Option<((f64, f64), HtmlElement)> = None;
    for i in 0..list.length() {
        let Some(element) = list.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        if element == *from || element.has_attribute("disabled") {
            continue;
        }
        let (cl, ct, cr, cb) = rect(&element);
        if cr - cl <= 0.0 || cb - ct <= 0.0 {
            continue; // not shown
        }
        let same_row = ct < b - 1.0 && cb > t + 1.0;
        let under = cl <= centre_x && centre_x <= cr;
        let across = ((cl + cr) / 2.0 - centre_x).abs();
        // Smaller is better: (how far that way, how far across).
        let score = match direction {
            Direction::Down if ct >= b - 1.0 => (ct - b, if under { 0.0 } else { 1.0 + across }),
            Direction::Up if cb <= t + 1.0 => (t - cb, if under { 0.0 } else { 1.0 + across }),
            Direction::Right if same_row && cl >= r - 1.0 => (cl - r, 0.0),
            Direction::Left if same_row && cr <= l + 1.0 => (l - cr, 0.0),
            _ => continue,
        };
        // Down/up: a cell under the same column wins over a nearer row
        // without one (a narrower row of 表中填写 cells between tables).
        let key = match direction {
            Direction::Down | Direction::Up => (if under { 0.0 } else { 1.0 }, score.0 + score.1 / 1e6),
            _ => (score.0, score.1),
        };
        if best.as_ref().is_none_or(|(k, _)| key < *k) {
            best = Some((key, element));
        }
    }
    best.map(|(_, e)| e)
}

/// The plain text of a paste, and whether the clipboard also holds an HTML
/// table (Excel, WPS and Word put one there when cells are copied).
pub fn pasted(event: &web_sys::ClipboardEvent) -> Option<(String, bool)> {
    let data = event.clipboard_data()?;
    let text = data.get_data("text/plain").ok()?;
    let html = data.get_data("text/html").unwrap_or_default();
    Some((text, html.contains("<table") || html.contains("<TABLE")))
}
