//! The drafts screen: list, search, new, open, duplicate, rename, delete
//! (to a recycle bin), backup export and import.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::state::App;
use crate::browser::{self, files};
use crate::core::drafts::{self, DraftOrder, DraftSummary};
use crate::core::edit;
use crate::core::model::Form;
use crate::core::scheme::{Scheme, SchemeForm};
use crate::core::{report, summary};

/// What "新建" offers: every built-in project scheme, by form type, default first.
const NEW_FORM_TYPES: [(SchemeForm, &str); 2] = [
    (SchemeForm::ProjectCentral, "北京/中央项目自评表"),
    (SchemeForm::ProjectHubei, "湖北项目自评表"),
];

#[component]
pub fn DraftsScreen() -> impl IntoView {
    let app = expect_context::<App>();
    let year = RwSignal::new((browser::current_year() - 1).to_string());
    let search = RwSignal::new(String::new());
    let order = RwSignal::new(DraftOrder::Saved);
    let renaming = RwSignal::new(None::<String>);
    let show_bin = RwSignal::new(false);
    // Drafts ticked for one workbook (export-drafts-xlsx).
    let selected = RwSignal::new(std::collections::BTreeSet::<String>::new());
    let export_selected = move |_| {
        let ids = selected.get_untracked();
        let forms: Vec<_> = ids
            .iter()
            .filter_map(|id| app.draft(id))
            .filter(|d| d.deleted_at.is_none())
            .map(|d| super::reports::as_reported(&d.form, d.auto_compute))
            .collect();
        if forms.is_empty() {
            app.notice.set(Some("请先在列表中勾选要导出的草稿。".into()));
            return;
        }
        let reviewed = report::review_drafts(forms);
        let summary = summary::summarize(&reviewed);
        let unit = report::UnitReport {
            summary: &summary,
            paragraph: "",
            reviewed: &reviewed,
            year: None,
        };
        let name = format!("绩效自评草稿（{}份）.xlsx", reviewed.len());
        super::reports::offer(app, report::xlsx::drafts_workbook(&unit), &name, files::XLSX);
    };
    let scheme = RwSignal::new(Scheme::default_for(SchemeForm::ProjectCentral).id.clone());

    let create_form = move |make: &dyn Fn(Option<i32>) -> Form| {
        let y = year
            .get_untracked()
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (2000..2100).contains(y));
        if y.is_none() {
            app.notice
                .set(Some("评价年度应为 2000–2099 之间的年份，如 2025。".into()));
            return;
        }
        let draft = app.new_draft(make(y), true);
        app.save_or_warn(&draft);
        app.open_editor(&draft.id);
    };
    let create = move |chosen: &'static Scheme| create_form(&|y| Form::Project(edit::new_project_with(chosen, y)));
    // Evaluation schemes with their weights first (北京 15/30/55).
    let eval_schemes = {
        let mut all = Scheme::for_form(SchemeForm::Evaluation);
        all.sort_by_key(|s| s.evaluation_items.iter().any(|i| i.weight.is_none()));
        all
    };
    let eval_scheme = RwSignal::new(eval_schemes.first().map(|s| s.id.clone()).unwrap_or_default());

    // The 示例 form: opened again where it exists, else made.
    let open_sample = move |_| {
        let existing = app.drafts.with_untracked(|ds| {
            ds.iter().find(|d| d.sample && d.deleted_at.is_none()).map(|d| d.id.clone())
        });
        let id = existing.unwrap_or_else(|| {
            let mut draft = app.new_draft(crate::core::sample::project(Some(browser::current_year() - 1)), true);
            draft.sample = true;
            app.save_or_warn(&draft);
            draft.id
        });
        app.open_editor(&id);
    };
    let sample_button = move || view! {
        <button type="button" data-testid="open-sample" title="一张填写完整的示例表，可对照学习；不计入任何汇总和备份"
            on:click=open_sample>"打开示例表"</button>
    };

    let summaries = Memo::new(move |_| {
        app.drafts
            .with(|ds| ds.iter().map(drafts::summarize).collect::<Vec<DraftSummary>>())
    });
    // No draft of the user's own yet (the 示例 does not count).
    let first_use = move || summaries.with(|l| l.iter().all(|s| s.deleted || s.sample));
    let visible = move |deleted: bool| {
        let q = search.get();
        let mut list: Vec<DraftSummary> = summaries
            .get()
            .into_iter()
            .filter(move |s| s.deleted == deleted && DraftOrder::matches(s, &q))
            .collect();
        order.get().sort(&mut list);
        list
    };

    let import_backup = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().expect("input").unchecked_into();
        spawn_local(async move {
            let Some(read) = files::read_picked_text(&input).await else {
                return;
            };
            input.set_value("");
            let message = match read {
                Err(e) => e,
                Ok((name, text)) => {
                    let existing = app.drafts.get_untracked();
                    match drafts::restore_backup(&text, &existing, || browser::new_id("d"), &app.tab_id.get_value()) {
                        Err(e) => format!("未导入“{name}”：{e}"),
                        Ok(restore) => {
                            let n = restore.added.len();
                            let saved = restore.added.iter().filter(|d| app.save_or_warn(d).is_some()).count();
                            if saved == n {
                                restore.message(&name)
                            } else {
                                format!(
                                    "已从“{name}”读入 {n} 份草稿，其中 {} 份未能保存到浏览器，请先下载备份。",
                                    n - saved
                                )
                            }
                        }
                    }
                }
            };
            app.notice.set(Some(message));
        });
    };

    view! {
        <section data-testid="screen-drafts" class="drafts">
            <div class="drafts-head">
                <h2>"草稿"</h2>
                <div class="new-form">
                    <label>"评价年度 "
                        <input type="number" class="year" min="2000" max="2099" data-testid="new-form-year"
                            prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev))/>
                    </label>
                    <label>"评分方案 "
                        <select data-testid="new-scheme" on:change=move |ev| scheme.set(event_target_value(&ev))>
                            {NEW_FORM_TYPES.map(|(form, label)| view! {
                                <optgroup label=label>
                                    {Scheme::for_form(form).into_iter().map(|s| view! {
                                        <option value=s.id.clone() selected=s.id == scheme.get_untracked()>{s.name.clone()}</option>
                                    }).collect_view()}
                                </optgroup>
                            })}
                        </select>
                    </label>
                    <button type="button" class="primary" data-testid="new-form" on:click=move |_| {
                        // The options are built-in ids, so the fallback never shows.
                        create(Scheme::by_id(&scheme.get_untracked()).unwrap_or_else(|| Scheme::default_for(SchemeForm::ProjectCentral)))
                    }>"新建"</button>
                </div>
                <div class="new-form-quick">
                    "或按默认方案新建："
                    <button type="button" data-testid="new-form-bj" on:click=move |_| create(Scheme::default_for(SchemeForm::ProjectCentral))>"北京/中央项目自评表"</button>
                    <button type="button" data-testid="new-form-hb" on:click=move |_| create(Scheme::default_for(SchemeForm::ProjectHubei))>"湖北项目自评表"</button>
                </div>
                <div class="new-form-quick">
                    "其他表："
                    <button type="button" data-testid="new-form-decl" title="项目支出绩效目标申报表：填报后可一键生成对应的自评表"
                        on:click=move |_| create_form(&|y| Form::Declaration(edit::new_declaration(y)))>"绩效目标申报表"</button>
                    <button type="button" data-testid="new-form-dept" title="部门整体支出绩效自评表（湖北表样）"
                        on:click=move |_| create_form(&|y| Form::Department(edit::new_department(y)))>"部门整体自评表"</button>
                    <button type="button" data-testid="new-form-eval" title="部门评价/第三方评价得分表"
                        on:click=move |_| {
                            let chosen = Scheme::by_id(&eval_scheme.get_untracked()).unwrap_or_else(|| Scheme::default_for(SchemeForm::Evaluation));
                            create_form(&|y| Form::Evaluation(edit::new_evaluation(chosen, y)))
                        }>"评价得分表"</button>
                    <select data-testid="new-eval-scheme" aria-label="评价得分表的评分方案" on:change=move |ev| eval_scheme.set(event_target_value(&ev))>
                        {eval_schemes.iter().map(|s| view! {
                            <option value=s.id.clone() selected=s.id == eval_scheme.get_untracked()>{s.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="drafts-tools">
                <input type="search" placeholder="按项目名称、部门或年度搜索" data-testid="draft-search" aria-label="搜索草稿"
                    prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                <label>"排序 "
                    <select data-testid="draft-sort" on:change=move |ev| order.set(DraftOrder::from_value(&event_target_value(&ev)))>
                        {DraftOrder::ALL.map(|(_, value, label)| view! { <option value=value>{label}</option> })}
                    </select>
                </label>
                {move || (!first_use()).then(sample_button)}
                <button type="button" data-testid="backup-export-all" on:click=move |_| app.download_backup(None)>"导出全部草稿（备份）"</button>
                <button type="button" data-testid="export-drafts-xlsx" title="勾选的草稿：逐表结果和每份表（按表样）"
                    on:click=export_selected>{move || format!("所选草稿导出 Excel（{}）", selected.with(|s| s.len()))}</button>
                <label class="file-button">"导入备份文件…"
                    <input type="file" accept=".json,application/json" data-testid="backup-import" on:change=import_backup/>
                </label>
            </div>
            <table class="list">
                <thead><tr><th class="select"><span class="sr-only">"选择"</span></th><th>"项目名称"</th><th>"表样"</th><th>"年度"</th><th>"总分"</th><th>"等级"</th><th>"状态"</th><th>"错误"</th><th>"警告"</th><th>"最后保存"</th><th>"操作"</th></tr></thead>
                <tbody>
                    <For each=move || visible(false) key=|s| (s.id.clone(), s.name.clone(), s.saved_at.clone(), s.errors, s.warnings, s.missing, s.total.clone()) let:s>
                        <DraftRow s=s renaming=renaming selected=selected/>
                    </For>
                </tbody>
            </table>
            {move || first_use().then(|| view! {
                <div class="first-use" data-testid="drafts-empty">
                    <p><b>"还没有草稿。"</b>"在这里可以："</p>
                    <ul>
                        <li><b>"新建"</b>"：在上方选择评价年度和表样，点击“新建”，按正式表样填写，执行率、得分、总分和等级自动计算，边填边检查。"</li>
                        <li><b>"导入检查"</b>"：把单位已有的 Word、Excel 或文本格式的自评表一次读入，逐表检查并生成汇总。"
                            <button type="button" class="link" data-testid="first-use-import" on:click=move |_| app.screen.set(super::state::Screen::Import)>"去导入检查"</button></li>
                        <li><b>"恢复备份"</b>"：换了电脑或浏览器时，用上方“导入备份文件…”读入以前导出的草稿备份（.json）。"</li>
                    </ul>
                    <p>"第一次使用？先看看一张填好的表："{sample_button()}" 示例表不计入任何汇总和备份。"</p>
                </div>
            })}
            <div class="bin">
                <button type="button" class="link" data-testid="recycle-bin-toggle" on:click=move |_| show_bin.update(|b| *b = !*b)>
                    {move || format!("回收站（{}）", summaries.with(|l| l.iter().filter(|s| s.deleted).count()))}
                </button>
                {move || show_bin.get().then(|| view! {
                    <div data-testid="recycle-bin">
                        <ul>
                            <For each=move || visible(true) key=|s| s.id.clone() let:s>
                                <li data-testid="bin-item">
                                    {s.name.clone()}
                                    <button type="button" data-testid="draft-restore" on:click={
                                        let id = s.id.clone();
                                        move |_| restore(&app, &id)
                                    }>"恢复"</button>
                                </li>
                            </For>
                        </ul>
                        <button type="button" class="danger" data-testid="recycle-empty" on:click=move |_| {
                            let ids: Vec<String> = app.drafts.with_untracked(|ds| ds.iter().filter(|d| d.deleted_at.is_some()).map(|d| d.id.clone()).collect());
                            if !ids.is_empty() && browser::confirm(&format!("永久删除回收站中的 {} 份草稿？此操作不能撤销。", ids.len())) {
                                ids.iter().for_each(|id| app.purge(id));
                            }
                        }>"清空回收站"</button>
                    </div>
                })}
            </div>
        </section>
    }
}

fn restore(app: &App, id: &str) {
    if let Some(mut d) = app.draft(id) {
        d.deleted_at = None;
        app.save_or_warn(&d);
    }
}

#[component]
fn DraftRow(
    s: DraftSummary,
    renaming: RwSignal<Option<String>>,
    selected: RwSignal<std::collections::BTreeSet<String>>,
) -> impl IntoView {
    let app = expect_context::<App>();
    let id = StoredValue::new(s.id.clone());
    let is_renaming = move || renaming.get().as_deref() == Some(id.get_value().as_str());
    let new_name = RwSignal::new(s.name.clone());
    let (status, status_ok) = (s.status(), s.errors == 0 && s.missing == 0);
    let commit_rename = move || {
        if let Some(mut d) = app.draft(&id.get_value()) {
            d.form.rename(new_name.get_untracked().trim().to_string());
            app.save_or_warn(&d);
        }
        renaming.set(None);
    };
    let duplicate = move |_| {
        if let Some(d) = app.draft(&id.get_value()) {
            let copy = d.duplicate(browser::new_id("d"), &app.tab_id.get_value(), &browser::now_iso());
            app.save_or_warn(&copy);
        }
    };
    let delete = move |_| {
        if let Some(mut d) = app.draft(&id.get_value()) {
            d.deleted_at = Some(browser::now_iso());
            app.save_or_warn(&d);
            app.notice.set(Some(format!(
                "“{}”已移到回收站，可在回收站中恢复。",
                d.form.name().trim()
            )));
        }
    };
    view! {
        <tr data-testid="draft-item" data-id=s.id.clone()>
            <td class="select">
                <input type="checkbox" data-testid="draft-select" aria-label=format!("选择“{}”", s.name) prop:disabled=s.sample
                    title=if s.sample { "示例表不参与导出" } else { "" }
                    prop:checked=move || selected.with(|set| set.contains(&id.get_value()))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        selected.update(|set| { if on { set.insert(id.get_value()); } else { set.remove(&id.get_value()); } });
                    }/>
            </td>
            <td class="name">
                {move || if is_renaming() {
                    view! {
                        <input type="text" data-testid="draft-rename-input" prop:value=move || new_name.get()
                            on:input=move |ev| new_name.set(event_target_value(&ev))
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { commit_rename() } else if ev.key() == "Escape" { renaming.set(None) }
                            on:blur=move |_| if is_renaming() { commit_rename() }/>
                    }.into_any()
                } else {
                    view! { <a href="#" on:click=move |ev| { ev.prevent_default(); app.open_editor(&id.get_value()) }>{s.name.clone()}</a> }.into_any()
                }}
            </td>
            <td>{s.sample.then(|| view! { <span class="badge-sample" data-testid="draft-sample">"示例"</span> })}{s.kind}<small class="scheme" data-testid="draft-scheme">{s.scheme.clone()}</small></td>
            <td>{s.year.map(|y| y.to_string()).unwrap_or_default()}</td>
            <td>{s.total.clone()}</td>
            <td>{s.grade.clone()}</td>
            <td data-testid="draft-status" class:status-ok=status_ok>{status}</td>
            <td class:count-error={s.errors > 0}>{s.errors}</td>
            <td class:count-warning={s.warnings > 0}>{s.warnings}</td>
            <td>{browser::local_time(&s.saved_at)}</td>
            <td class="actions">
                <button type="button" data-testid="draft-open" on:click=move |_| app.open_editor(&id.get_value())>"打开"</button>
                <button type="button" data-testid="draft-duplicate" on:click=duplicate>"复制"</button>
                <button type="button" data-testid="draft-rename" on:click=move |_| renaming.set(Some(id.get_value()))>"重命名"</button>
                <button type="button" data-testid="draft-export" on:click=move |_| app.download_backup(Some(&id.get_value()))>"导出"</button>
                <button type="button" class="danger" data-testid="draft-delete" on:click=delete>"删除"</button>
            </td>
        </tr>
    }
}
