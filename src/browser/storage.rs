//! localStorage with every failure turned into a Chinese sentence: storage
//! disabled, full (QuotaExceededError), or failing otherwise.

use wasm_bindgen::JsCast;

pub struct Store {
    storage: web_sys::Storage,
}

/// Opens localStorage. `window.localStorage` itself throws in some private
/// modes and when disabled by policy, so this never panics.
pub fn open() -> Result<Store, String> {
    let window = web_sys::window().ok_or("没有浏览器窗口")?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(Store { storage }),
        _ => Err("浏览器禁止本页保存数据（localStorage 不可用，可能是隐私模式或策略限制）。输入的内容不会自动保存，请及时导出备份。".into()),
    }
}

fn describe(err: wasm_bindgen::JsValue) -> String {
    let name = err
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        "浏览器存储空间已满，最新修改未能保存。请立即下载备份，再删除不需要的草稿或清空回收站。".into()
    } else {
        format!(
            "保存失败（{}）。请立即下载备份。",
            if name.is_empty() {
                "未知错误".to_string()
            } else {
                name
            }
        )
    }
}

impl Store {
    pub fn get(&self, key: &str) -> Option<String> {
        self.storage.get_item(key).ok().flatten()
    }

    pub fn set(&self, key: &str, value: &str) -> Result<(), String> {
        self.storage.set_item(key, value).map_err(describe)
    }

    pub fn remove(&self, key: &str) {
        let _ = self.storage.remove_item(key);
    }

    /// Every key that starts with `prefix`.
    pub fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        let n = self.storage.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| self.storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(prefix))
            .collect()
    }
}
