//! Drafts outlive releases (issue 14 §2): a store written by a released page
//! (tests/fixtures/stores/, made by tools/write-store-fixture.mjs) opens in
//! this build with every draft, its content and its recycle-bin state.
//! Add the store of each release; never delete an old one.

use jixiao::core::drafts::{self, decode_draft, decode_index};
use jixiao::core::model::ProjectLayout;
use std::collections::BTreeMap;

fn stores() -> Vec<(String, BTreeMap<String, String>)> {
    let dir = format!("{}/tests/fixtures/stores", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<(String, BTreeMap<String, String>)> = std::fs::read_dir(&dir)
        .expect("stores folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("store");
            (
                p.display().to_string(),
                serde_json::from_str(&text).expect("a store is a key → value map"),
            )
        })
        .collect();
    out.sort();
    assert!(!out.is_empty());
    out
}

#[test]
fn every_released_store_opens_with_nothing_lost() {
    for (name, store) in stores() {
        let (index_key, index) = store
            .iter()
            .find(|(k, _)| k.ends_with(".index"))
            .unwrap_or_else(|| panic!("{name}: an index"));
        let ids = decode_index(index).unwrap_or_else(|| panic!("{name}: {index_key} reads"));
        let prefix = index_key.trim_end_matches("index");
        let mut names = Vec::new();
        let mut links = Vec::new();
        let mut kinds = std::collections::BTreeMap::new();
        for id in &ids {
            let raw = store
                .get(&format!("{prefix}draft.{id}"))
                .unwrap_or_else(|| panic!("{name}: draft {id} stored"));
            let draft = decode_draft(raw).unwrap_or_else(|e| panic!("{name}: draft {id}: {e}"));
            assert_eq!(&draft.id, id);
            let project = draft.form.as_project();
            if let Some(form) = project.filter(|f| f.name.raw() == "社区服务经费") {
                let row = &form.indicators[0];
                assert_eq!(
                    (row.score.raw(), row.reason.raw()),
                    ("85", "一场培训改为线上"),
                    "{name}"
                );
                assert_eq!(form.funds.total.annual.raw(), "2175.9657", "{name}");
            }
            if let Some(declaration) = &draft.declaration {
                links.push(declaration.clone());
            }
            kinds.insert(id.clone(), draft.form.kind_label());
            let summary = drafts::summarize(&draft);
            names.push((summary.name, summary.deleted, project.map(|f| f.layout)));
        }
        // Every release's store holds these three project drafts; later
        // releases add drafts of the other form types.
        for expected in [
            ("已删除的草稿".to_string(), true, Some(ProjectLayout::Central)),
            ("教育支出".to_string(), false, Some(ProjectLayout::Hubei)),
            ("社区服务经费".to_string(), false, Some(ProjectLayout::Central)),
        ] {
            assert!(names.contains(&expected), "{name}: {expected:?} in {names:?}");
        }
        // A self-evaluation's link names a declaration of the same store.
        for link in &links {
            assert_eq!(kinds.get(link).copied(), Some("项目支出绩效目标申报表"), "{name}: link {link}");
        }
    }
}
