//! Downloads (Blob + object URL, works from file://) and reading picked files.

use wasm_bindgen::JsCast;

/// Offers `content` as a file download named `filename`.
pub fn download(filename: &str, mime: &str, content: &str) -> Result<(), String> {
    let fail = |_| "浏览器未能生成下载文件".to_string();
    let parts = js_sys::Array::of1(&content.into());
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("没有 document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Revoke later: revoking at once can cancel the download in some browsers.
    let url_later = url.clone();
    leptos::prelude::set_timeout(move || { let _ = web_sys::Url::revoke_object_url(&url_later); }, std::time::Duration::from_secs(30));
    Ok(())
}

/// The text of the first file picked in an `<input type="file">`.
pub async fn read_picked_text(input: &web_sys::HtmlInputElement) -> Option<Result<(String, String), String>> {
    let file = input.files()?.get(0)?;
    let name = file.name();
    let promise = file.text();
    Some(
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map(|v| (name, v.as_string().unwrap_or_default()))
            .map_err(|_| "无法读取所选文件".to_string()),
    )
}
