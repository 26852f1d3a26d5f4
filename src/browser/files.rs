//! Downloads (Blob + object URL, works from file://) and reading picked files.

use wasm_bindgen::JsCast;

/// Offers `content` as a file download named `filename`.
pub fn download(filename: &str, mime: &str, content: &str) -> Result<(), String> {
    save_blob(filename, mime, &js_sys::Array::of1(&content.into()))
}

/// Offers bytes (an .xlsx or .docx) as a file download named `filename`.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    save_blob(
        filename,
        mime,
        &js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into()),
    )
}

/// Blob + object URL + a clicked link: works from file:// and makes no request.
fn save_blob(filename: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let fail = |_| "浏览器未能生成下载文件".to_string();
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &props).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("没有 document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    // Revoke later: revoking at once can cancel the download in some browsers.
    let url_later = url.clone();
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url_later);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}

/// MIME types of the reports.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

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

/// The name and bytes of every file in a list (picked or dropped), in
/// order; a file the browser cannot read gives its Chinese error.
pub async fn read_files(list: &web_sys::FileList) -> Vec<(String, Result<Vec<u8>, String>)> {
    let mut out = Vec::new();
    for i in 0..list.length() {
        let Some(file) = list.get(i) else { continue };
        let name = file.name();
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
        out.push((
            name,
            buffer
                .map(|b| js_sys::Uint8Array::new(&b).to_vec())
                .map_err(|_| "浏览器无法读取该文件".to_string()),
        ));
    }
    out
}

/// Text from bytes: UTF-8, UTF-16 with a BOM, else GB18030 (which covers
/// GBK and GB2312), decoded by the browser so no tables ship in the page.
/// Returns the text and the encoding's Chinese name.
pub fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), String> {
    if let Some(text) = crate::core::import::decode_utf8(bytes) {
        return Ok((text, "UTF-8"));
    }
    let (label, name) = if bytes.starts_with(&[0xFF, 0xFE]) {
        ("utf-16le", "UTF-16")
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        ("utf-16be", "UTF-16")
    } else {
        ("gb18030", "GB18030/GBK")
    };
    let decoder = web_sys::TextDecoder::new_with_label(label).map_err(|_| format!("浏览器不支持 {name} 编码"))?;
    decoder
        .decode_with_u8_array(bytes)
        .map(|t| (t.trim_start_matches('\u{feff}').to_string(), name))
        .map_err(|_| format!("按 {name} 解码失败"))
}

/// Copies text to the clipboard; false when the browser refuses.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined());
    let Some(clipboard) = clipboard else { return false };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    let Ok(write) = write.dyn_into::<js_sys::Function>() else {
        return false;
    };
    match write.call1(&clipboard, &text.into()) {
        Ok(p) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(p))
            .await
            .is_ok(),
        Err(_) => false,
    }
}
