//! App-wide state and the rules for writing drafts to storage.

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::{self, files, storage};
use crate::core::drafts::{self, Draft};
use crate::core::model::Form;
use crate::core::review::{ImportOutcome, ImportProgress};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Screen {
    Drafts,
    Editor,
    Import,
    About,
}

/// Why a save did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    /// Another tab saved a newer revision: nothing was written.
    Conflict(Box<Draft>),
    /// Storage unavailable, full or failing: a Chinese message.
    Storage(String),
}

#[derive(Clone, Copy)]
pub struct App {
    pub screen: RwSignal<Screen>,
    /// Every draft, including those in the recycle bin.
    pub drafts: RwSignal<Vec<Draft>>,
    /// The draft open in the editor.
    pub editing: RwSignal<Option<String>>,
    /// Storage problem shown as a banner with a backup button.
    pub storage_problem: RwSignal<Option<String>>,
    /// Stored records that could not be read (kept aside, reported).
    pub unreadable: RwSignal<Vec<String>>,
    /// A one-line message about the last action.
    pub notice: RwSignal<Option<String>>,
    /// Identifies this tab in stored drafts (two-tab detection).
    pub tab_id: StoredValue<String>,
    /// The last import, kept across screens (shared, not copied, by the
    /// review table's rows).
    pub import: RwSignal<Option<Arc<ImportOutcome>>>,
    /// Set while an import runs.
    pub import_progress: RwSignal<Option<ImportProgress>>,
}

impl App {
    /// Reads every draft from storage. Unreadable records are moved to an
    /// "unreadable" key (verbatim) and reported, never dropped.
    pub fn load() -> App {
        let app = App {
            screen: RwSignal::new(Screen::Drafts),
            drafts: RwSignal::new(Vec::new()),
            editing: RwSignal::new(None),
            storage_problem: RwSignal::new(None),
            unreadable: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            tab_id: StoredValue::new(browser::new_id("tab-")),
            import: RwSignal::new(None),
            import_progress: RwSignal::new(None),
        };
        let store = match storage::open() {
            Ok(s) => s,
            Err(e) => {
                app.storage_problem.set(Some(e));
                return app;
            }
        };
        let prefix = drafts::draft_key("");
        // The index gives the order; a scan finds drafts a damaged index lost.
        let mut ids = store
            .get(&drafts::index_key())
            .and_then(|t| drafts::decode_index(&t))
            .unwrap_or_default();
        for key in store.keys_with_prefix(&prefix) {
            let id = key[prefix.len()..].to_string();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let mut loaded: Vec<Draft> = Vec::new();
        let mut unreadable = Vec::new();
        // An id listed twice (a damaged index, a record copied under another
        // key) is listed once; the index is rewritten below.
        let mut repaired = Vec::new();
        for id in ids {
            if loaded.iter().any(|d| d.id == id) {
                repaired.push(id);
                continue;
            }
            let Some(text) = store.get(&drafts::draft_key(&id)) else {
                continue;
            };
            match drafts::decode_draft(&text) {
                Ok(mut d) => {
                    // The key is where the record lives: its id is the key's.
                    if d.id != id {
                        repaired.push(d.id.clone());
                        d.id = id;
                    }
                    loaded.push(d)
                }
                Err(why) => {
                    let aside = drafts::unreadable_key(&id);
                    match store.set(&aside, &text) {
                        Ok(()) => {
                            store.remove(&drafts::draft_key(&id));
                            unreadable.push(format!(
                                "草稿 {id} 无法读取（{why}），原始内容已另存为 {aside}，未删除。"
                            ));
                        }
                        Err(_) => unreadable.push(format!(
                            "草稿 {id} 无法读取（{why}），原始内容仍保留在 {}。",
                            drafts::draft_key(&id)
                        )),
                    }
                }
            }
        }
        for key in store.keys_with_prefix(&drafts::unreadable_key("")) {
            let msg = format!("存储中有无法读取的草稿记录 {key}，已保留原样。");
            if !unreadable.iter().any(|m| m.contains(&key)) {
                unreadable.push(msg);
            }
        }
        app.drafts.set(loaded);
        if !repaired.is_empty() {
            unreadable.push(format!(
                "存储中的草稿编号有重复（{}），已只列出一份并修复索引，内容未删除。",
                repaired.join("、")
            ));
            let _ = app.write_index(&store);
        }
        app.unreadable.set(unreadable);
        app
    }

    /// A new draft record of this tab, made now (not saved yet).
    pub fn new_draft(&self, form: Form, auto_compute: bool) -> Draft {
        Draft::new(
            browser::new_id("d"),
            form,
            auto_compute,
            &self.tab_id.get_value(),
            &browser::now_iso(),
        )
    }

    pub fn draft(&self, id: &str) -> Option<Draft> {
        self.drafts.with_untracked(|ds| ds.iter().find(|d| d.id == id).cloned())
    }

    /// The draft as stored now (another tab may have written it), also in memory.
    pub fn reread(&self, id: &str) -> Option<Draft> {
        let store = storage::open().ok()?;
        let draft = drafts::decode_draft(&store.get(&drafts::draft_key(id))?).ok()?;
        self.replace_in_memory(&draft);
        Some(draft)
    }

    /// Writes one draft (and the index). Refuses when storage holds a newer
    /// revision written by another tab. On success the in-memory copy gets
    /// the new revision and time.
    pub fn persist(&self, draft: &Draft) -> Result<Draft, SaveError> {
        let mut draft = draft.clone();
        let store = storage::open().map_err(SaveError::Storage)?;
        let key = drafts::draft_key(&draft.id);
        if let Some(stored) = store.get(&key).and_then(|t| drafts::decode_draft(&t).ok()) {
            if stored.revision > draft.revision && stored.writer != self.tab_id.get_value() {
                return Err(SaveError::Conflict(Box::new(stored)));
            }
        }
        draft.revision += 1;
        draft.writer = self.tab_id.get_value();
        draft.saved_at = browser::now_iso();
        store
            .set(&key, &drafts::encode_draft(&draft))
            .map_err(SaveError::Storage)?;
        self.replace_in_memory(&draft);
        self.write_index(&store).map_err(SaveError::Storage)?;
        self.storage_problem.set(None);
        Ok(draft)
    }

    fn write_index(&self, store: &storage::Store) -> Result<(), String> {
        let ids: Vec<String> = self
            .drafts
            .with_untracked(|ds| ds.iter().map(|d| d.id.clone()).collect());
        store.set(&drafts::index_key(), &drafts::encode_index(&ids))
    }

    pub fn replace_in_memory(&self, draft: &Draft) {
        self.drafts.update(|ds| match ds.iter_mut().find(|d| d.id == draft.id) {
            Some(slot) => *slot = draft.clone(),
            None => ds.insert(0, draft.clone()),
        });
    }

    /// Adds or updates a draft and saves it; a failure becomes the banner.
    pub fn save_or_warn(&self, draft: &Draft) -> Option<Draft> {
        self.replace_in_memory(draft);
        match self.persist(draft) {
            Ok(saved) => Some(saved),
            Err(SaveError::Storage(msg)) => {
                self.storage_problem.set(Some(msg));
                None
            }
            Err(SaveError::Conflict(_)) => {
                self.notice
                    .set(Some("此草稿已在另一个标签页中修改，请打开后选择保留哪一版。".into()));
                None
            }
        }
    }

    /// Removes a draft for good (emptying the recycle bin).
    pub fn purge(&self, id: &str) {
        self.drafts.update(|ds| ds.retain(|d| d.id != id));
        if let Ok(store) = storage::open() {
            store.remove(&drafts::draft_key(id));
            if let Err(e) = self.write_index(&store) {
                self.storage_problem.set(Some(e));
            }
        }
    }

    /// Downloads every draft (recycle bin included) as one backup file.
    pub fn download_backup(&self, only: Option<&str>) {
        // The edit still waiting for autosave belongs in the backup.
        browser::flush_pending();
        let all: Vec<Draft> = self.drafts.with_untracked(|ds| {
            ds.iter()
                // The 示例 form is in no backup of all drafts.
                .filter(|d| only.map_or(!d.sample, |id| d.id == id))
                .cloned()
                .collect()
        });
        let now = browser::now_iso();
        let stamp: String = now.chars().take(10).collect();
        let name = match (only, all.first()) {
            (Some(_), Some(d)) => format!("绩效自评-{}-{stamp}.json", safe_name(d.form.name())),
            _ => format!("绩效自评-全部草稿-{stamp}.json"),
        };
        match files::download(&name, "application/json", &drafts::export_backup(&all, &now)) {
            Ok(()) => self.notice.set(Some(format!("已导出 {} 份草稿：{name}", all.len()))),
            Err(e) => self.notice.set(Some(e)),
        }
    }

    pub fn open_editor(&self, id: &str) {
        self.editing.set(Some(id.to_string()));
        self.screen.set(Screen::Editor);
    }
}

fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .filter(|c| !"\\/:*?\"<>|".contains(*c))
        .take(30)
        .collect();
    if cleaned.is_empty() {
        "未命名项目".into()
    } else {
        cleaned
    }
}
