//! Small adapters over browser APIs. Everything that touches `web_sys`
//! outside the Leptos views lives here, so the rest stays testable.

use wasm_bindgen::JsCast;

/// The element the app mounts into (`<div id="app">` in index.html).
pub fn app_root() -> web_sys::HtmlElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("页面没有 document");
    document
        .get_element_by_id("app")
        .expect("index.html 缺少 #app 元素")
        .unchecked_into()
}

/// Removes the static "正在加载" message once the app has mounted.
pub fn remove_loading_message() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("loading"))
    {
        el.remove();
    }
}
