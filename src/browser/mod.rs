//! Small adapters over browser APIs. Everything that touches `web_sys`
//! outside the Leptos views lives here.

pub mod cells;
pub mod files;
pub mod storage;

use wasm_bindgen::prelude::{Closure, JsValue};
use wasm_bindgen::JsCast;

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("页面没有 document")
}

/// The element the app mounts into (`<div id="app">` in index.html).
pub fn app_root() -> web_sys::HtmlElement {
    document()
        .get_element_by_id("app")
        .expect("index.html 缺少 #app 元素")
        .unchecked_into()
}

/// Removes the static "正在加载" message once the app has mounted.
pub fn remove_loading_message() {
    if let Some(el) = document().get_element_by_id("loading") {
        el.remove();
    }
}

/// Focuses (and scrolls to) the element carrying `data-field="<field>"`,
/// or the nearest section that contains such fields. False if none.
/// What happened to a request for an editing lease.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeaseEvent {
    /// This tab holds the lease: it may write.
    Granted,
    /// Another tab holds it: this one must only show the draft.
    HeldElsewhere,
    /// Another tab took it over: stop writing.
    Lost,
}

/// An exclusive editing lease on a draft across tabs, a Web Lock
/// (navigator.locks, Chromium 69+, also on file://) held while the editor is
/// open. Two tabs writing one draft cannot both win a read-check-write on
/// localStorage (each tab's copy of it lags the other's writes), so only the
/// holder writes. Without Web Locks, every request is granted at once and
/// the revision check on save is the only guard.
pub struct Lease {
    release: std::rc::Rc<std::cell::RefCell<Option<js_sys::Function>>>,
}

impl Lease {
    /// Asks for the lease on `name`; `steal` takes it from the tab holding it.
    /// `on_event` hears Granted or HeldElsewhere once, and Lost if taken away.
    pub fn request(name: &str, steal: bool, on_event: impl Fn(LeaseEvent) + 'static) -> Lease {
        let release = std::rc::Rc::new(std::cell::RefCell::new(None::<js_sys::Function>));
        let lease = Lease {
            release: release.clone(),
        };
        let locks = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"locks".into()).ok())
            .filter(|l| l.is_object());
        let request = locks
            .as_ref()
            .and_then(|l| js_sys::Reflect::get(l, &"request".into()).ok())
            .and_then(|r| r.dyn_into::<js_sys::Function>().ok());
        let (Some(locks), Some(request)) = (locks, request) else {
            on_event(LeaseEvent::Granted);
            return lease;
        };
        let options = js_sys::Object::new();
        let flag = if steal { "steal" } else { "ifAvailable" };
        let _ = js_sys::Reflect::set(&options, &flag.into(), &JsValue::TRUE);
        let on_event = std::rc::Rc::new(on_event);
        let on_grant = on_event.clone();
        let granted = Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |lock: JsValue| {
            if lock.is_null() {
                on_grant(LeaseEvent::HeldElsewhere);
                return JsValue::UNDEFINED;
            }
            on_grant(LeaseEvent::Granted);
            // Held until released: a promise that resolves when the editor closes.
            let slot = release.clone();
            js_sys::Promise::new(&mut |resolve, _| *slot.borrow_mut() = Some(resolve)).into()
        });
        let lost = Closure::<dyn FnMut(JsValue)>::new(move |_| on_event(LeaseEvent::Lost));
        match request.call3(&locks, &name.into(), &options, granted.as_ref()) {
            Ok(done) => {
                if let Ok(done) = done.dyn_into::<js_sys::Promise>() {
                    let _ = done.catch(&lost);
                }
            }
            Err(_) => {
                // Refused (an opaque origin): work as without Web Locks.
                if let Some(f) = granted.as_ref().dyn_ref::<js_sys::Function>() {
                    let _ = f.call1(&JsValue::UNDEFINED, &JsValue::UNDEFINED);
                }
            }
        }
        // The page owns these callbacks for as long as the lock may call them.
        granted.forget();
        lost.forget();
        lease
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(resolve) = self.release.borrow_mut().take() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    }
}

/// The event an open editor answers by saving what is pending.
pub const FLUSH_EVENT: &str = "jixiao-flush";

/// Asks any open editor to save its pending edit now (synchronously: event
/// listeners run before this returns), e.g. before a backup is made.
pub fn flush_pending() {
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(FLUSH_EVENT)) {
        let _ = window.dispatch_event(&event);
    }
}

pub fn document_hidden() -> bool {
    document().hidden()
}

/// Downloads every key of the app in storage, raw, as a backup file the
/// import accepts (index.html's rescue download: one implementation).
pub fn rescue_download() {
    let Some(window) = web_sys::window() else { return };
    if let Ok(f) = js_sys::Reflect::get(&window, &"__jixiaoRescueDownload".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call0(&window);
        }
    }
}

/// Shows the page's rescue screen (index.html's `__jixiaoRescue`, which
/// needs no wasm) with what went wrong.
pub fn show_rescue(problem: &str) {
    let Some(window) = web_sys::window() else { return };
    if let Ok(f) = js_sys::Reflect::get(&window, &"__jixiaoRescue".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call1(&window, &problem.into());
        }
    }
}

/// Scrolls to and focuses the element with this id (e.g. a rule's entry).
pub fn focus_element_by_id(id: &str) -> bool {
    let Some(el) = document().get_element_by_id(id) else {
        return false;
    };
    let el: web_sys::HtmlElement = el.unchecked_into();
    el.scroll_into_view();
    el.focus().is_ok()
}

pub fn focus_field(field: &str) -> bool {
    let doc = document();
    let mut candidates = vec![field.to_string()];
    // "indicators.3" for "indicators.3.weight-like" ids without an input.
    let mut parts: Vec<&str> = field.split('.').collect();
    while parts.len() > 1 {
        parts.pop();
        candidates.push(parts.join("."));
    }
    for id in candidates {
        let selector = format!("[data-field=\"{}\"]", id.replace('"', ""));
        if let Ok(Some(el)) = doc.query_selector(&selector) {
            let el: web_sys::HtmlElement = el.unchecked_into();
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Center);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
            let _ = el.focus();
            return true;
        }
    }
    false
}

/// Scrolls the element with this data-testid into view.
pub fn scroll_to_testid(testid: &str) {
    if let Ok(Some(el)) = document().query_selector(&format!("[data-testid=\"{testid}\"]")) {
        el.scroll_into_view();
    }
}

/// Now as an ISO 8601 string (wasm32 has no SystemTime).
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// "2026-11-22 09:30" in local time, for lists.
pub fn local_time(iso: &str) -> String {
    let d = js_sys::Date::new(&iso.into());
    if d.get_time().is_nan() {
        return iso.to_string();
    }
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

pub fn current_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

/// A short random id: time plus randomness, base 36.
pub fn new_id(prefix: &str) -> String {
    let t = js_sys::Date::now() as u64;
    let r = (js_sys::Math::random() * 1e9) as u64;
    format!("{prefix}{}{}", radix36(t), radix36(r))
}

fn radix36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ascii")
}

pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Milliseconds since page start (for timing measurements).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Yields to the browser (a zero-delay timeout) so it can repaint between
/// slices of long work.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
