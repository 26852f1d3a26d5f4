//! Drafts as stored in the browser, and backup files.
//!
//! Storage layout (localStorage is shared by every file:// page in Chromium,
//! so every key carries the app prefix and the key version):
//! - `jixiao.v1.index`: the list of draft ids;
//! - `jixiao.v1.draft.<id>`: one draft as a [`StoredDraft`] envelope;
//! - `jixiao.v1.unreadable.<id>`: a stored draft that could not be read,
//!   kept aside verbatim instead of being dropped.
//!
//! Everything here is pure: the browser adapter only moves strings.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::model::Form;
use super::scoring::fmt_num;
use super::validate::{self, Score, Severity};

pub const KEY_PREFIX: &str = "jixiao";
/// Version in the storage keys: records of every schema live under these
/// keys, so a new schema never hides the drafts written before it.
pub const KEY_VERSION: u32 = 1;
/// Version of a stored record (the `schema` of its envelope); older records
/// are migrated when read, see [`migrate`].
pub const SCHEMA_VERSION: u32 = 2;
pub const BACKUP_FORMAT: &str = "jixiao-backup";

pub fn index_key() -> String {
    format!("{KEY_PREFIX}.v{KEY_VERSION}.index")
}

pub fn draft_key(id: &str) -> String {
    format!("{KEY_PREFIX}.v{KEY_VERSION}.draft.{id}")
}

pub fn unreadable_key(id: &str) -> String {
    format!("{KEY_PREFIX}.v{KEY_VERSION}.unreadable.{id}")
}

/// One draft: a form of any type plus bookkeeping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub form: Form,
    /// ISO 8601 times from the browser clock.
    pub created_at: String,
    pub saved_at: String,
    /// Incremented on every save; with `writer` it detects a second tab.
    pub revision: u64,
    /// The tab (session id) that wrote this revision.
    pub writer: String,
    /// Set while the draft is in the recycle bin.
    #[serde(default)]
    pub deleted_at: Option<String>,
    /// Forms made in this tool get their rate, score, total and grade
    /// filled from the computation; imported forms keep what they print.
    #[serde(default = "yes")]
    pub auto_compute: bool,
    /// A self-evaluation's declaration (申报表) draft: made from it or
    /// linked by hand. The linkage checks compare the two.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declaration: Option<String>,
    /// The 示例 form opened to learn from: shown marked, counted nowhere
    /// (not in backups of all drafts, not selectable for the workbook).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
}

fn yes() -> bool {
    true
}

impl Draft {
    /// A draft not saved yet: revision 0 by this tab (`writer`), created and
    /// saved `now`, not in the recycle bin. `auto_compute` is true for forms
    /// made in this tool and false for imported ones, which keep what they print.
    pub fn new(id: String, form: Form, auto_compute: bool, writer: &str, now: &str) -> Draft {
        Draft {
            id,
            form,
            created_at: now.to_string(),
            saved_at: now.to_string(),
            revision: 0,
            writer: writer.to_string(),
            deleted_at: None,
            auto_compute,
            declaration: None,
            sample: false,
        }
    }

    /// A copy to save beside this one ("复制"): a new record named "…（副本）".
    pub fn duplicate(&self, id: String, writer: &str, now: &str) -> Draft {
        let mut form = self.form.clone();
        form.rename(format!("{}（副本）", form.name().trim()));
        Draft {
            declaration: self.declaration.clone(),
            ..Draft::new(id, form, self.auto_compute, writer, now)
        }
    }
}

/// What is written under a draft key: the schema version travels with the
/// data, so old records can be migrated when read.
#[derive(Serialize, Deserialize)]
struct StoredDraft {
    schema: u32,
    draft: Draft,
}

pub fn encode_draft(draft: &Draft) -> String {
    serde_json::to_string(&StoredDraft {
        schema: SCHEMA_VERSION,
        draft: draft.clone(),
    })
    .expect("drafts serialize")
}

/// Reads a stored draft, migrating older schemas. Errors are Chinese
/// sentences for the user.
pub fn decode_draft(text: &str) -> Result<Draft, String> {
    let json: Json = serde_json::from_str(text).map_err(|e| format!("内容不是有效的 JSON（{e}）"))?;
    let schema = json.get("schema").and_then(Json::as_u64).unwrap_or(0) as u32;
    let current = migrate(json, schema)?;
    serde_json::from_value::<StoredDraft>(current)
        .map(|s| s.draft)
        .map_err(|e| format!("草稿结构无法识别（{e}）"))
}

/// Brings a stored record to the current schema, one version at a time.
fn migrate(mut json: Json, from: u32) -> Result<Json, String> {
    if from > SCHEMA_VERSION {
        return Err(format!(
            "草稿由更新版本（数据格式 v{from}）保存，请使用新版本的绩效自评打开"
        ));
    }
    let mut version = from;
    while version < SCHEMA_VERSION {
        json = match version {
            // v0: a bare Draft without the envelope (early builds and
            // hand-made files).
            0 => serde_json::json!({ "schema": 1, "draft": json }),
            // v1: every draft was a project form, stored without its kind.
            1 => {
                if let Some(form) = json.pointer_mut("/draft/form").and_then(Json::as_object_mut) {
                    form.entry("kind").or_insert_with(|| "project".into());
                }
                if let Some(schema) = json.get_mut("schema") {
                    *schema = 2.into();
                }
                json
            }
            _ => unreachable!("every version below the current one has a step"),
        };
        version += 1;
    }
    Ok(json)
}

pub fn encode_index(ids: &[String]) -> String {
    serde_json::to_string(&serde_json::json!({ "schema": SCHEMA_VERSION, "ids": ids })).expect("index serializes")
}

/// The index's ids; a damaged index yields None (drafts are then found by
/// scanning keys, so nothing is lost).
pub fn decode_index(text: &str) -> Option<Vec<String>> {
    let json: Json = serde_json::from_str(text).ok()?;
    serde_json::from_value(json.get("ids")?.clone()).ok()
}

/// One line of the drafts list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftSummary {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    /// 主管部门 of a project form, the unit of the other forms.
    pub department: String,
    pub scheme: String,
    pub year: Option<i32>,
    pub total: String,
    pub grade: String,
    pub errors: usize,
    pub warnings: usize,
    /// Required cells still empty (`validate::missing_required_form`).
    pub missing: usize,
    pub saved_at: String,
    pub deleted: bool,
    /// The 示例 form ([`Draft::sample`]).
    pub sample: bool,
}

pub fn summarize(draft: &Draft) -> DraftSummary {
    let checked = validate::check(&draft.form);
    let name = draft.form.name().trim();
    let (total, grade) = match &checked.score {
        Score::Project(r) => (
            match (&r.computed_total, r.not_scored) {
                (_, true) => "不计分数".into(),
                (Some(t), _) => fmt_num(t.value),
                (None, _) => "—".into(),
            },
            r.grade.clone().unwrap_or_else(|| "—".into()),
        ),
        Score::Department(r) => (fmt_num(r.computed_total.value), r.grade.clone()),
        Score::Evaluation(r) => (fmt_num(r.computed_total.value), r.grade.clone()),
        Score::None => ("不评分".into(), "—".into()),
    };
    let count = |s: Severity| checked.findings.iter().filter(|f| f.severity == s).count();
    DraftSummary {
        id: draft.id.clone(),
        name: if name.is_empty() {
            draft.form.unnamed().into()
        } else {
            name.to_string()
        },
        kind: draft.form.kind_label(),
        department: match &draft.form {
            Form::Project(f) => f.department.raw(),
            Form::Department(f) => f.unit.raw(),
            Form::Declaration(f) => f.unit.raw(),
            Form::Evaluation(_) => "",
        }
        .trim()
        .to_string(),
        scheme: checked.scheme.name.clone(),
        year: draft.form.year(),
        total,
        grade,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        missing: validate::missing_required_form(&draft.form).len(),
        saved_at: draft.saved_at.clone(),
        deleted: draft.deleted_at.is_some(),
        sample: draft.sample,
    }
}

impl DraftSummary {
    /// The state the list shows: "2 个错误，未填完 5 项", or "可提交".
    pub fn status(&self) -> String {
        if self.sample {
            return "示例（不计入）".into();
        }
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(format!("{} 个错误", self.errors));
        }
        if self.missing > 0 {
            parts.push(format!("未填完 {} 项", self.missing));
        }
        if parts.is_empty() {
            "可提交".into()
        } else {
            parts.join("，")
        }
    }
}

/// How the drafts list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftOrder {
    /// Last saved first (the default).
    Saved,
    Name,
    Department,
    /// Latest year first.
    Year,
}

impl DraftOrder {
    pub const ALL: [(DraftOrder, &'static str, &'static str); 4] = [
        (DraftOrder::Saved, "saved", "修改时间"),
        (DraftOrder::Name, "name", "项目名称"),
        (DraftOrder::Department, "department", "部门"),
        (DraftOrder::Year, "year", "年度"),
    ];

    pub fn from_value(v: &str) -> DraftOrder {
        DraftOrder::ALL.iter().find(|e| e.1 == v).map_or(DraftOrder::Saved, |e| e.0)
    }

    pub fn sort(self, list: &mut [DraftSummary]) {
        match self {
            DraftOrder::Saved => list.sort_by(|a, b| b.saved_at.cmp(&a.saved_at)),
            DraftOrder::Name => list.sort_by(|a, b| a.name.cmp(&b.name)),
            DraftOrder::Department => list.sort_by(|a, b| a.department.cmp(&b.department).then(a.name.cmp(&b.name))),
            DraftOrder::Year => list.sort_by(|a, b| b.year.cmp(&a.year).then(a.name.cmp(&b.name))),
        }
    }

    /// Whether a search text finds this draft (name, department, year, type).
    pub fn matches(s: &DraftSummary, query: &str) -> bool {
        let q = query.trim().to_lowercase();
        q.is_empty()
            || s.name.to_lowercase().contains(&q)
            || s.department.to_lowercase().contains(&q)
            || s.kind.contains(q.as_str())
            || s.year.is_some_and(|y| y.to_string().contains(&q))
    }
}

/// A backup file: one or many drafts.
#[derive(Serialize, Deserialize)]
struct Backup {
    format: String,
    schema: u32,
    app_version: String,
    exported_at: String,
    drafts: Vec<Json>,
}

pub fn export_backup(drafts: &[Draft], now: &str) -> String {
    let backup = Backup {
        format: BACKUP_FORMAT.into(),
        schema: SCHEMA_VERSION,
        app_version: crate::APP_VERSION.into(),
        exported_at: now.into(),
        drafts: drafts
            .iter()
            .map(|d| {
                serde_json::to_value(StoredDraft {
                    schema: SCHEMA_VERSION,
                    draft: d.clone(),
                })
                .expect("serializes")
            })
            .collect(),
    };
    serde_json::to_string_pretty(&backup).expect("backup serializes")
}

/// What restoring a backup does against the drafts already stored.
#[derive(Debug, Default, PartialEq)]
pub struct Restore {
    /// Drafts to save: new ones keep their id, changed ones come as copies.
    pub added: Vec<Draft>,
    /// Already here with the same content: nothing to do.
    pub skipped: usize,
    /// Of `added`, copies of a draft that is here with other content, named
    /// "…（备份 日期）".
    pub renamed: usize,
}

impl Restore {
    /// The Chinese sentence the drafts screen shows.
    pub fn message(&self, file: &str) -> String {
        let mut parts = vec![format!("已从“{file}”导入 {} 份草稿", self.added.len())];
        if self.skipped > 0 {
            parts.push(format!("跳过 {} 份（与现有草稿相同）", self.skipped));
        }
        if self.renamed > 0 {
            parts.push(format!(
                "其中 {} 份与现有草稿同一来源但内容不同，另存为“（备份 日期）”",
                self.renamed
            ));
        }
        format!("{}；原有草稿均未被覆盖。", parts.join("，"))
    }
}

/// Restores a backup next to the `existing` drafts, so that restoring the
/// same file twice adds nothing: a draft already here with the same content
/// is skipped; one here with other content comes as a copy named
/// "…（备份 日期）" under a new id from `new_id`; one not here keeps its id.
pub fn restore_backup(
    text: &str,
    existing: &[Draft],
    mut new_id: impl FnMut() -> String,
    writer: &str,
) -> Result<Restore, String> {
    let mut restore = Restore::default();
    let mut taken: Vec<String> = existing.iter().map(|d| d.id.clone()).collect();
    for (original_id, draft) in read_backup(text, writer)? {
        match existing.iter().find(|d| d.id == original_id) {
            Some(here) if here.form == draft.form && here.deleted_at == draft.deleted_at => restore.skipped += 1,
            Some(_) => {
                let mut copy = draft;
                let day: String = copy.saved_at.chars().take(10).collect();
                copy.form.rename(format!("{}（备份 {day}）", copy.form.name().trim()));
                // A copy made by an earlier restore of this file: nothing new.
                if existing
                    .iter()
                    .any(|d| d.form == copy.form && d.deleted_at == copy.deleted_at)
                {
                    restore.skipped += 1;
                } else {
                    restore.renamed += 1;
                    restore.added.push(Draft { id: new_id(), ..copy });
                }
            }
            // Two records of one id in a file: the second is a copy.
            None if taken.contains(&original_id) => restore.added.push(Draft { id: new_id(), ..draft }),
            None => {
                taken.push(original_id.clone());
                restore.added.push(Draft {
                    id: original_id,
                    ..draft
                });
            }
        }
    }
    Ok(restore)
}

/// The drafts of a backup file with the ids they were saved under, as new
/// records of this tab; any damage rejects the whole file so that nothing
/// changes. Errors are Chinese sentences for the user.
fn read_backup(text: &str, writer: &str) -> Result<Vec<(String, Draft)>, String> {
    let json: Json = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        format!(
            "文件不是有效的备份：JSON 格式错误（第 {} 行第 {} 列）。请选择由“导出备份”生成的 .json 文件。",
            e.line(),
            e.column()
        )
    })?;
    if json.get("format").and_then(Json::as_str) != Some(BACKUP_FORMAT) {
        return Err("这不是绩效自评的备份文件（缺少 format: jixiao-backup）。请选择由“导出备份”生成的文件。".into());
    }
    let backup: Backup = serde_json::from_value(json).map_err(|e| format!("备份文件已损坏：{e}"))?;
    if backup.schema > SCHEMA_VERSION {
        return Err(format!(
            "备份由更新版本（数据格式 v{}）生成，请使用新版本的绩效自评导入。",
            backup.schema
        ));
    }
    if backup.drafts.is_empty() {
        return Err("备份文件中没有草稿。".into());
    }
    let mut out = Vec::with_capacity(backup.drafts.len());
    for (n, record) in backup.drafts.into_iter().enumerate() {
        let schema = record.get("schema").and_then(Json::as_u64).unwrap_or(0) as u32;
        let migrated = migrate(record, schema).map_err(|e| format!("第 {} 份草稿：{e}", n + 1))?;
        let stored: StoredDraft =
            serde_json::from_value(migrated).map_err(|e| format!("第 {} 份草稿已损坏：{e}", n + 1))?;
        let old = stored.draft;
        // A new record, but it keeps its times and recycle-bin state.
        out.push((
            old.id.clone(),
            Draft {
                saved_at: old.saved_at,
                deleted_at: old.deleted_at,
                declaration: old.declaration,
                ..Draft::new(old.id, old.form, old.auto_compute, writer, &old.created_at)
            },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod restore_tests {
    use super::*;
    use crate::core::edit::new_project;
    use crate::core::model::ProjectLayout;

    fn draft(id: &str, name: &str) -> Draft {
        let mut form = new_project(ProjectLayout::Central, Some(2024));
        form.name = name.into();
        Draft::new(id.into(), Form::Project(form), true, "tab-a", "2026-11-22T08:00:00.000Z")
    }

    #[test]
    fn restoring_the_same_backup_twice_adds_nothing() {
        let backup = export_backup(&[draft("d1", "社区服务经费")], "2026-11-22T09:00:00Z");
        let mut n = 0;
        let mut id = || {
            n += 1;
            format!("new{n}")
        };
        let first = restore_backup(&backup, &[], &mut id, "tab-b").unwrap();
        assert_eq!((first.added.len(), first.skipped, first.renamed), (1, 0, 0));
        assert_eq!(first.added[0].id, "d1", "a draft not here keeps its id");
        let second = restore_backup(&backup, &first.added, &mut id, "tab-b").unwrap();
        assert_eq!((second.added.len(), second.skipped, second.renamed), (0, 1, 0));
        assert!(second.message("b.json").contains("跳过 1 份"));
    }

    #[test]
    fn a_draft_changed_since_the_backup_comes_back_as_a_named_copy() {
        let backup = export_backup(&[draft("d1", "社区服务经费")], "2026-11-22T09:00:00Z");
        let here = vec![draft("d1", "社区服务经费（已修改）")];
        let r = restore_backup(&backup, &here, || "new1".into(), "tab-b").unwrap();
        assert_eq!((r.added.len(), r.skipped, r.renamed), (1, 0, 1));
        assert_eq!(r.added[0].id, "new1");
        assert_eq!(r.added[0].form.name(), "社区服务经费（备份 2026-11-22）");
        assert!(r.message("b.json").contains("另存为"));
        // Restoring the file again finds that copy: nothing added.
        let mut all = here.clone();
        all.extend(r.added);
        let again = restore_backup(&backup, &all, || "new2".into(), "tab-b").unwrap();
        assert_eq!((again.added.len(), again.skipped), (0, 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::edit::new_project;
    use crate::core::model::ProjectLayout;

    fn draft(id: &str) -> Draft {
        let mut form = new_project(ProjectLayout::Central, Some(2024));
        form.name = "社区服务经费".into();
        Draft {
            revision: 3,
            ..Draft::new(id.into(), Form::Project(form), true, "tab-a", "2026-11-22T08:00:00.000Z")
        }
    }

    #[test]
    fn new_drafts_are_unsaved_records_of_this_tab() {
        let form = new_project(ProjectLayout::Hubei, Some(2025));
        let form = Form::Project(form);
        let d = Draft::new("d9".into(), form.clone(), false, "tab-b", "2026-11-23T10:00:00Z");
        assert_eq!((d.id.as_str(), d.revision, d.writer.as_str()), ("d9", 0, "tab-b"));
        assert_eq!(
            (d.created_at.as_str(), d.saved_at.as_str()),
            ("2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z")
        );
        assert_eq!((d.deleted_at, d.auto_compute, d.form), (None, false, form));
    }

    #[test]
    fn a_duplicate_is_a_new_record_with_the_same_form() {
        let mut original = draft("d1");
        original.deleted_at = Some("then".into());
        original.auto_compute = false;
        let copy = original.duplicate("d2".into(), "tab-b", "2026-11-23T10:00:00Z");
        assert_eq!(copy.form.name(), "社区服务经费（副本）");
        assert_eq!(copy.form.as_project().unwrap().indicators, original.form.as_project().unwrap().indicators);
        assert_eq!(
            (copy.id.as_str(), copy.revision, copy.writer.as_str()),
            ("d2", 0, "tab-b")
        );
        assert_eq!((copy.deleted_at, copy.auto_compute), (None, false));
        assert_eq!(copy.created_at, "2026-11-23T10:00:00Z");
    }

    #[test]
    fn keys_carry_prefix_and_version() {
        assert_eq!(index_key(), "jixiao.v1.index");
        assert_eq!(draft_key("d1"), "jixiao.v1.draft.d1");
        assert_eq!(unreadable_key("d1"), "jixiao.v1.unreadable.d1");
    }

    #[test]
    fn drafts_round_trip_and_old_records_migrate() {
        let d = draft("d1");
        assert_eq!(decode_draft(&encode_draft(&d)).unwrap(), d);
        // v0: a bare draft without the envelope.
        let bare = serde_json::to_string(&d).unwrap();
        assert_eq!(decode_draft(&bare).unwrap(), d);
        // v1: every form a project form, stored without its kind.
        let v1 = encode_draft(&d)
            .replace("\"schema\":2", "\"schema\":1")
            .replace("\"kind\":\"project\",", "");
        assert!(!v1.contains("\"kind\""), "{v1}");
        assert_eq!(decode_draft(&v1).unwrap(), d);
        let future = encode_draft(&d).replace("\"schema\":2", "\"schema\":9");
        assert!(decode_draft(&future).unwrap_err().contains("更新版本"));
        assert!(decode_draft("{broken").unwrap_err().contains("JSON"));
        assert!(decode_draft("{\"schema\":1,\"draft\":{}}")
            .unwrap_err()
            .contains("无法识别"));
    }

    #[test]
    fn index_round_trip_and_damage() {
        let ids = vec!["a".to_string(), "b".to_string()];
        assert_eq!(decode_index(&encode_index(&ids)), Some(ids));
        assert_eq!(decode_index("not json"), None);
    }

    #[test]
    fn the_list_orders_and_finds_by_name_department_and_year() {
        let mut a = summarize(&draft("d1"));
        a.saved_at = "2026-11-01".into();
        a.department = "乙局".into();
        a.year = Some(2023);
        let mut b = summarize(&draft("d2"));
        b.name = "教育支出".into();
        b.saved_at = "2026-11-02".into();
        b.department = "一局".into();
        let mut list = vec![a.clone(), b.clone()];
        DraftOrder::Saved.sort(&mut list);
        assert_eq!(list[0].id, "d2");
        DraftOrder::Department.sort(&mut list);
        assert_eq!(list[0].id, "d2");
        DraftOrder::Year.sort(&mut list);
        assert_eq!(list[0].id, "d2", "2024 before 2023");
        DraftOrder::Name.sort(&mut list);
        assert_eq!(list[0].name, "教育支出");
        assert!(DraftOrder::matches(&a, "乙局") && DraftOrder::matches(&a, "2023") && !DraftOrder::matches(&b, "乙局"));
        assert_eq!(DraftOrder::from_value("year"), DraftOrder::Year);
        assert!(a.status().contains("未填完"));
        let done = DraftSummary { errors: 0, missing: 0, ..a };
        assert_eq!(done.status(), "可提交");
    }

    #[test]
    fn summaries_count_findings() {
        let s = summarize(&draft("d1"));
        assert_eq!(s.name, "社区服务经费");
        assert_eq!(s.total, "—");
        assert!(!s.deleted);
        let mut unnamed = draft("d2");
        unnamed.form.rename(String::new());
        unnamed.deleted_at = Some("now".into());
        let s = summarize(&unnamed);
        assert_eq!(s.name, "（未命名项目）");
        assert!(s.deleted);
    }

    #[test]
    fn backups_round_trip_beside_other_drafts() {
        let text = export_backup(&[draft("d1"), draft("d2")], "2026-11-22T09:00:00Z");
        let mut n = 0;
        // Another draft already holds id d2 with other content: a copy.
        let mut other = draft("d2");
        other.form.rename("另一个项目".into());
        let back = restore_backup(
            &text,
            &[other],
            || {
                n += 1;
                format!("new{n}")
            },
            "tab-b",
        )
        .unwrap()
        .added;
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].id, "d1");
        assert_eq!(back[1].id, "new1");
        assert_eq!(back[0].form, draft("d1").form);
        assert_eq!((back[0].revision, back[0].writer.as_str()), (0, "tab-b"));
        // Restored drafts keep their times and recycle-bin state.
        let mut binned = draft("d3");
        binned.deleted_at = Some("2026-11-22T08:30:00Z".into());
        binned.saved_at = "2026-11-22T08:20:00Z".into();
        let back = restore_backup(&export_backup(&[binned.clone()], "now"), &[], || "new3".into(), "tab-b")
            .unwrap()
            .added;
        assert_eq!(
            back[0],
            Draft {
                id: "d3".into(),
                revision: 0,
                writer: "tab-b".into(),
                ..binned
            }
        );
    }

    #[test]
    fn damaged_or_foreign_backups_are_rejected_whole() {
        let ids = || "x".to_string();
        assert!(restore_backup("{\"a\":", &[], ids, "t")
            .unwrap_err()
            .contains("JSON 格式错误"));
        assert!(restore_backup("{\"drafts\":[]}", &[], ids, "t")
            .unwrap_err()
            .contains("不是绩效自评的备份"));
        let good = export_backup(&[draft("d1"), draft("d2")], "now");
        let damaged = good.replacen("\"layout\": \"central\"", "\"layout\": \"martian\"", 1);
        assert!(restore_backup(&damaged, &[], ids, "t")
            .unwrap_err()
            .contains("第 1 份草稿已损坏"));
        let empty = export_backup(&[], "now");
        assert!(restore_backup(&empty, &[], ids, "t").unwrap_err().contains("没有草稿"));
    }
}
