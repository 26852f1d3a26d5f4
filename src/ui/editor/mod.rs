//! The form editor: one screen for every form type, in the official layout,
//! with live scoring, findings, autosave and two-tab protection. The sheet of
//! each type is its own file (`project.rs`, `department.rs`,
//! `declaration.rs`, `evaluation.rs`); they share [`CellInput`], the
//! findings panel and the row tools here.

mod declaration;
mod department;
mod evaluation;
mod grid;
mod history;
mod presubmit;
mod project;

use std::collections::HashMap;
use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use super::rules::RuleLink;
use super::state::{App, SaveError, Screen};
use crate::browser::{self, LeaseEvent};
use crate::core::drafts::{self, Draft};
use crate::core::edit::{self, EditorView, Table};
use crate::core::field::Field;
use crate::core::model::{Form, Level2, ProjectForm};
use crate::core::validate::Severity;

/// Autosave delay after the last edit (the issue asks for under a second).
const AUTOSAVE_DELAY: Duration = Duration::from_millis(700);

/// The findings are recomputed this long after the last keystroke.
const CHECK_DELAY: Duration = Duration::from_millis(120);

#[derive(Clone, Debug, PartialEq)]
enum SaveStatus {
    Saved(String),
    Pending,
    Failed(String),
    Conflict(Box<Draft>),
}

#[derive(Clone, Copy)]
struct Ctx {
    form: RwSignal<Form>,
    /// Another tab holds the editing lease: show, do not write.
    read_only: RwSignal<bool>,
    view: Memo<EditorView>,
    /// Worst severity of the findings on each field id.
    marks: Memo<HashMap<Field, Severity>>,
    /// The checks' findings, updated when typing pauses ([`CHECK_DELAY`]).
    findings: RwSignal<Vec<crate::core::validate::Finding>>,
    /// Required cells still empty, updated with the findings.
    missing: RwSignal<Vec<crate::core::validate::Missing>>,
    auto: RwSignal<bool>,
    /// The declaration draft a self-evaluation is linked to.
    link: RwSignal<Option<String>>,
    /// The id of the draft being edited.
    draft_id: StoredValue<String>,
    /// A short message with 撤销 ("已删除第 3 行 · 撤销").
    toast: RwSignal<Option<String>>,
}

impl Ctx {
    /// The next edit is an undo step of its own.
    fn checkpoint(&self) {
        history::checkpoint(&self.draft_id.get_value());
    }
}

impl Ctx {
    /// Reads the project form (a default where the form is another type,
    /// which a project sheet never shows).
    fn project<R: Default>(&self, read: impl FnOnce(&ProjectForm) -> R) -> R {
        self.form.with(|f| f.as_project().map(read).unwrap_or_default())
    }

    fn update_project(&self, change: impl FnOnce(&mut ProjectForm)) {
        self.form.update(|f| {
            if let Form::Project(p) = f {
                change(p)
            }
        });
    }
}

#[component]
pub fn EditorScreen() -> impl IntoView {
    let app = expect_context::<App>();
    let Some(draft) = app.editing.get_untracked().and_then(|id| app.draft(&id)) else {
        return view! {
            <section data-testid="screen-editor">
                <p class="notice">"没有找到要打开的草稿。"</p>
                <button type="button" on:click=move |_| app.screen.set(Screen::Drafts)>"返回草稿列表"</button>
            </section>
        }
        .into_any();
    };
    let id = draft.id.clone();
    let form = RwSignal::new(draft.form.clone());
    let auto = RwSignal::new(draft.auto_compute);
    let link = RwSignal::new(draft.declaration.clone());
    // The linked declaration as saved now (its own editor may change it).
    let declaration = Memo::new(move |_| {
        let id = link.get()?;
        app.drafts.with(|ds| {
            ds.iter()
                .find(|d| d.id == id && d.deleted_at.is_none())
                .and_then(|d| match &d.form {
                    Form::Declaration(decl) => Some(decl.clone()),
                    _ => None,
                })
        })
    });
    let base = StoredValue::new(draft.clone());
    let status = RwSignal::new(SaveStatus::Saved(draft.saved_at.clone()));
    // One tab edits a draft at a time (browser::Lease); others only show it.
    // Read-only until the lease answers, so that nothing typed in a tab that
    // turns out not to hold it is taken and then lost.
    let read_only = RwSignal::new(true);
    let elsewhere = RwSignal::new(None::<LeaseEvent>);
    let lease = StoredValue::new_local(None::<browser::Lease>);
    let lease_name = format!("jixiao-draft-{id}");
    let on_lease = move |event: LeaseEvent| match event {
        LeaseEvent::Granted => {
            read_only.set(false);
            elsewhere.set(None);
        }
        held_or_lost => {
            read_only.set(true);
            elsewhere.set(Some(held_or_lost));
        }
    };
    lease.set_value(Some(browser::Lease::request(&lease_name, false, on_lease)));
    // Forms made here show their computed figures as printed: work on a copy.
    let as_shown = move || {
        let mut f = form.get();
        if auto.get() {
            edit::fill_computed(&mut f);
        }
        f
    };
    // The figures follow every keystroke; the findings (and the marks on
    // cells) follow when typing pauses, so a keystroke on a long form does
    // not rebuild the findings panel each time.
    let view = Memo::new(move |_| edit::scores(&as_shown()));
    let check_now = move || declaration.with(|decl| edit::findings(&as_shown(), decl.as_ref()));
    let missing_now = move || form.with(crate::core::validate::missing_required_form);
    let findings = RwSignal::new(check_now());
    let missing = RwSignal::new(missing_now());
    let check_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |first_run: Option<()>| {
        form.track();
        auto.track();
        declaration.track();
        if first_run.is_none() {
            return;
        }
        if let Some(h) = check_timer.get_value() {
            h.clear();
        }
        let run = move || {
            check_timer.set_value(None);
            findings.set(untrack(check_now));
            missing.set(untrack(missing_now));
        };
        check_timer.set_value(set_timeout_with_handle(run, CHECK_DELAY).ok());
    });
    on_cleanup(move || {
        if let Some(h) = check_timer.get_value() {
            h.clear();
        }
    });
    let marks = Memo::new(move |_| {
        findings.with(|list| {
            let mut m: HashMap<Field, Severity> = HashMap::new();
            for f in list {
                m.entry(f.field)
                    .and_modify(|s| *s = (*s).min(f.severity))
                    .or_insert(f.severity);
            }
            m
        })
    });
    // Undo/redo: every change of the form is recorded against the form
    // before it (history.rs groups typing bursts into one step).
    let before = StoredValue::new(draft.form.clone());
    let restoring = StoredValue::new(false);
    let steps = RwSignal::new(history::depth(&id));
    let history_id = StoredValue::new(id.clone());
    Effect::new(move |first_run: Option<()>| {
        let now = form.get();
        if first_run.is_some() {
            if restoring.get_value() {
                restoring.set_value(false);
            } else {
                history::record(&history_id.get_value(), before.get_value());
            }
            steps.set(history::depth(&history_id.get_value()));
        }
        before.set_value(now);
    });
    let step = move |back: bool| {
        if read_only.get_untracked() {
            return;
        }
        let id = history_id.get_value();
        let current = form.get_untracked();
        let target = if back { history::undo(&id, current) } else { history::redo(&id, current) };
        if let Some(f) = target {
            restoring.set_value(true);
            form.set(f);
            steps.set(history::depth(&id));
        }
    };
    let undo = Callback::new(move |_: ()| step(true));
    let toast = RwSignal::new(None::<String>);
    let toast_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        if toast.get().is_some() {
            if let Some(h) = toast_timer.get_value() {
                h.clear();
            }
            toast_timer.set_value(set_timeout_with_handle(move || toast.set(None), Duration::from_secs(6)).ok());
        }
    });
    let on_keys = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
            return;
        }
        match e.key().to_lowercase().as_str() {
            "z" if !e.shift_key() => {
                e.prevent_default();
                step(true);
            }
            "y" | "z" => {
                e.prevent_default();
                step(false);
            }
            _ => {}
        }
    });
    on_cleanup(move || on_keys.remove());

    provide_context(Ctx {
        form,
        read_only,
        view,
        marks,
        findings,
        missing,
        auto,
        link,
        draft_id: StoredValue::new(id.clone()),
        toast,
    });

    // Saving: debounced after each edit, flushed when leaving the editor or
    // the page. A conflict or storage failure changes nothing in memory.
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let save_now = move || {
        if let Some(h) = timer.get_value() {
            h.clear();
            timer.set_value(None);
        }
        if matches!(status.get_untracked(), SaveStatus::Conflict(_)) || read_only.get_untracked() {
            return;
        }
        let mut d = base.get_value();
        d.form = form.get_untracked();
        d.auto_compute = auto.get_untracked();
        d.declaration = link.get_untracked();
        if d.auto_compute {
            edit::fill_computed(&mut d.form);
        }
        match app.persist(&d) {
            Ok(saved) => {
                status.set(SaveStatus::Saved(saved.saved_at.clone()));
                base.set_value(saved);
            }
            Err(SaveError::Conflict(other)) => status.set(SaveStatus::Conflict(other)),
            Err(SaveError::Storage(msg)) => {
                app.replace_in_memory(&d);
                app.storage_problem.set(Some(msg.clone()));
                status.set(SaveStatus::Failed(msg));
            }
        }
    };
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        form.track();
        auto.track();
        link.track();
        if first.get_value() {
            first.set_value(false);
            return;
        }
        if read_only.get_untracked() {
            return;
        }
        if !matches!(status.get_untracked(), SaveStatus::Conflict(_)) {
            status.set(SaveStatus::Pending);
        }
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(set_timeout_with_handle(save_now, AUTOSAVE_DELAY).ok());
    });
    let pending = move || matches!(status.get_untracked(), SaveStatus::Pending);
    let on_hide = window_event_listener(ev::pagehide, move |_| {
        if pending() {
            save_now()
        }
    });
    // A tab put in the background may never come back (closed from the
    // task bar, the machine shut down): write what is pending now.
    let on_hidden = window_event_listener_untyped("visibilitychange", move |_| {
        if pending() && browser::document_hidden() {
            save_now()
        }
    });
    // A backup is about to be made (browser::flush_pending): the text typed
    // in the last moments must be in it.
    let on_flush = window_event_listener_untyped(browser::FLUSH_EVENT, move |_| {
        if pending() {
            save_now()
        }
    });
    // Another tab wrote this draft: warn before anything is overwritten.
    let key = drafts::draft_key(&id);
    let id_for_take_over = StoredValue::new(id.clone());
    let tab = app.tab_id.get_value();
    let on_storage = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        if e.key().as_deref() != Some(key.as_str()) {
            return;
        }
        if let Some(other) = e.new_value().and_then(|t| drafts::decode_draft(&t).ok()) {
            if other.writer != tab && other.revision > base.get_value().revision {
                status.set(SaveStatus::Conflict(Box::new(other)));
            }
        }
    });
    on_cleanup(move || {
        // Dropping the lease lets another tab edit the draft.
        lease.update_value(|l| *l = None);
        on_hide.remove();
        on_hidden.remove();
        on_flush.remove();
        on_storage.remove();
        if pending() {
            save_now();
        }
    });

    let back = move |_| {
        if pending() {
            save_now();
        }
        app.screen.set(Screen::Drafts);
    };
    // The sheet follows the form's type: a whole form pasted into an empty
    // editor may be of another layout than the one made.
    let kind = Memo::new(move |_| {
        form.with(|f| match f {
            Form::Project(p) => format!("{:?}", p.layout),
            Form::Department(_) => "Department".to_string(),
            Form::Declaration(_) => "Declaration".to_string(),
            Form::Evaluation(_) => "Evaluation".to_string(),
        })
    });
    let sheet = move || {
        kind.track();
        match &*form.read_untracked() {
            Form::Project(p) => view! { <project::ProjectSheet layout=p.layout/> }.into_any(),
            Form::Department(_) => view! { <department::DepartmentSheet/> }.into_any(),
            Form::Declaration(_) => view! { <declaration::DeclarationSheet/> }.into_any(),
            Form::Evaluation(_) => view! { <evaluation::EvaluationSheet/> }.into_any(),
        }
    };
    let notice = RwSignal::new(None::<String>);
    let on_sheet_keydown = move |ev: web_sys::KeyboardEvent| grid::move_between_cells(&ev);
    let on_sheet_paste = move |ev: web_sys::ClipboardEvent| {
        if let Some(outcome) = grid::paste(form, read_only, &history_id.get_value(), &ev) {
            match outcome {
                grid::PasteOutcome::Cells(message) => toast.set(Some(message)),
                grid::PasteOutcome::Form(summary) => {
                    auto.set(false);
                    notice.set(Some(summary));
                }
                grid::PasteOutcome::Refused(message) => notice.set(Some(message)),
            }
        }
    };
    let presubmit = RwSignal::new(false);
    let print_sheet = RwSignal::new(None);
    view! {
        <section class="editor" class:read-only=move || read_only.get() data-testid="screen-editor" data-layout=move || kind.get()>
            <div class="editor-bar">
                <button type="button" data-testid="editor-back" on:click=back>"← 草稿列表"</button>
                <button type="button" data-testid="undo" title="撤销（Ctrl+Z）" prop:disabled=move || steps.get().0 == 0 on:click=move |_| step(true)>"↶ 撤销"</button>
                <button type="button" data-testid="redo" title="恢复（Ctrl+Y）" prop:disabled=move || steps.get().1 == 0 on:click=move |_| step(false)>"↷ 恢复"</button>
                <strong class="editor-title">{move || form.with(|f| { let n = f.name().trim(); if n.is_empty() { f.unnamed().to_string() } else { n.to_string() } })}</strong>
                {draft.sample.then(|| view! {
                    <span class="badge-sample" data-testid="sample-badge" title="示例表：供对照学习，不计入任何汇总和备份；可在草稿列表中“复制”后改成自己的表">"示例"</span>
                })}
                <span class="save-status" data-testid="save-status">{move || match status.get() {
                    SaveStatus::Saved(t) => format!("已保存 {}", browser::local_time(&t)),
                    SaveStatus::Pending => "正在保存…".into(),
                    SaveStatus::Failed(_) => "未能保存（内容仍在本页，请下载备份）".into(),
                    SaveStatus::Conflict(_) => "已暂停自动保存".into(),
                }}</span>
                <button type="button" on:click=move |_| { save_now(); app.download_backup(Some(&base.get_value().id)) }>"导出此草稿"</button>
                <button type="button" data-testid="presubmit-check" title="列出所有错误和未填的必填项"
                    on:click=move |_| presubmit.update(|open| *open = !*open)>"提交前检查"</button>
                <super::reports::FormReports form=form auto=auto sheet=print_sheet/>
                {move || (!auto.get()).then(|| view! {
                    <button type="button" data-testid="use-computed" title="用计算结果替换表中填写的执行率、得分、总分和等级"
                        on:click=move |_| { form.update(edit::fill_computed); auto.set(true); }>"采用计算结果"</button>
                })}
            </div>
            {move || elsewhere.get().map(|event| {
                let take_over = move |_| {
                    let id = id_for_take_over.get_value();
                    lease.update_value(|l| *l = None);
                    let event_id = id.clone();
                    lease.set_value(Some(browser::Lease::request(&format!("jixiao-draft-{id}"), true, move |e| {
                        if e == LeaseEvent::Granted {
                            // Start from what the other tab saved.
                            if let Some(d) = app.reread(&event_id) {
                                base.set_value(d.clone());
                                status.set(SaveStatus::Saved(d.saved_at.clone()));
                                first.set_value(true);
                                link.set(d.declaration.clone());
                                form.set(d.form);
                            }
                        }
                        on_lease(e);
                    })));
                };
                let text = if event == LeaseEvent::Lost {
                    "此草稿已在另一个标签页中接管编辑，本页已停止保存（本页显示的内容仍可查看、导出）。"
                } else {
                    "此草稿正在另一个标签页中编辑。为避免互相覆盖，本页只能查看。"
                };
                view! {
                    <div class="banner banner-warning" role="alert" data-testid="editing-elsewhere">
                        <span>{text}</span>
                        <button type="button" data-testid="take-over" on:click=take_over>"在本页编辑（另一页将停止保存）"</button>
                    </div>
                }
            })}
            {move || match status.get() {
                SaveStatus::Conflict(other) => {
                    let other = StoredValue::new(*other);
                    Some(view! {
                        <div class="banner banner-error" role="alert" data-testid="conflict-warning">
                            <span>{format!("此草稿已在另一个标签页中修改（{}）。为避免互相覆盖，本页已暂停自动保存。", browser::local_time(&other.get_value().saved_at))}</span>
                            <button type="button" data-testid="conflict-load-other" on:click=move |_| {
                                let o = other.get_value();
                                base.set_value(o.clone());
                                status.set(SaveStatus::Saved(o.saved_at.clone()));
                                app.replace_in_memory(&o);
                                link.set(o.declaration.clone());
                                form.set(o.form);
                            }>"载入另一页的版本"</button>
                            <button type="button" data-testid="conflict-keep-mine" on:click=move |_| {
                                let mut b = base.get_value();
                                b.revision = other.get_value().revision;
                                base.set_value(b);
                                status.set(SaveStatus::Pending);
                                save_now();
                            }>"保留本页并覆盖另一页"</button>
                        </div>
                    })
                }
                _ => None,
            }}
            {move || toast.get().map(|message| view! {
                <div class="toast" role="status" data-testid="undo-toast">
                    <span>{message}</span>
                    <button type="button" class="link" on:click=move |_| { toast.set(None); undo.run(()); }>"撤销"</button>
                </div>
            })}
            {move || notice.get().map(|message| view! {
                <div class="banner banner-info" role="status" data-testid="paste-summary">
                    <span>{message}</span>
                    <button type="button" class="link" on:click=move |_| notice.set(None)>"知道了"</button>
                </div>
            })}
            {move || presubmit.get().then(|| view! { <presubmit::Presubmit close=move || presubmit.set(false)/> })}
            <div class="editor-body">
                <div class="sheet" on:keydown=on_sheet_keydown on:paste=on_sheet_paste>
                    {sheet}
                </div>
                <FindingsPanel/>
            </div>
            <super::reports::PrintSlot sheet=print_sheet/>
        </section>
    }
    .into_any()
}

/// One text cell bound to a field id; marked when a finding points at it.
#[component]
fn CellInput(
    field: Field,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // Memos: every cell re-reads the form on each edit, but only a cell whose
    // text or mark changed touches the DOM.
    let value = Memo::new(move |_| ctx.form.with(|f| edit::get(f, field)));
    let on_input = move |ev: ev::Event| {
        let v = event_target_value(&ev);
        ctx.form.update(|f| {
            edit::set(f, field, &v);
        });
    };
    // Screen readers name the cell by its row and column.
    let label = field.label();
    let mark = Memo::new(move |_| ctx.marks.with(|m| m.get(&field).copied()));
    let class = move || {
        let marked = match mark.get() {
            Some(Severity::Error) => "cell mark-error",
            Some(Severity::Warning) => "cell mark-warning",
            Some(Severity::Info) => "cell mark-info",
            None => "cell",
        };
        format!("{marked} {class}")
    };
    // Not by colour alone: screen readers hear an error cell as invalid, and
    // the tooltip names the severity.
    let invalid = move || (mark.get() == Some(Severity::Error)).then_some("true");
    let title = move || mark.get().map(|s| format!("{}：见右侧检查结果", s.label()));
    if multiline {
        view! {
            <textarea class=class data-field=field.to_string() data-testid=testid placeholder=placeholder aria-label=label
                aria-invalid=invalid title=title
                rows=move || value.with(|v| text_rows(v))
                prop:readOnly=move || ctx.read_only.get() prop:value=move || value.get() on:input=on_input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input type="text" class=class data-field=field.to_string() data-testid=testid placeholder=placeholder aria-label=label
                aria-invalid=invalid title=title
                prop:readOnly=move || ctx.read_only.get() prop:value=move || value.get() on:input=on_input/>
        }
        .into_any()
    }
}

/// Lines a text cell shows: its own lines, long ones wrapped at about 14
/// characters (the narrow 指标值/完成值 columns), from 2 up to 8; the cell
/// scrolls beyond. Counted from the text, so no keystroke measures the page.
fn text_rows(text: &str) -> usize {
    let lines: usize = text
        .split('\n')
        .map(|l| l.chars().count().div_ceil(14).max(1))
        .sum();
    lines.clamp(2, 8)
}

/// 分值合计, 总分 and 等级 of a department or evaluation form, and the
/// printed total and grade of an imported one.
#[component]
fn TotalBar(total_testid: &'static str, #[prop(optional)] printed_grade: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let points = move || ctx.form.with(|f| crate::core::scoring::fmt_num(crate::core::scheme::Scheme::of(f).total_points));
    view! {
        <div class="summary" data-testid="summary">
            <span class="weight-sum" data-field="total.weight" tabindex="-1">
                "分值合计 " <b data-testid="weight-sum">{move || ctx.view.with(|v| crate::core::scoring::fmt_num(v.weight_sum))}</b> " / " {points}
            </span>
            <span data-field="total" tabindex="-1" title=move || ctx.view.with(|v| v.total_explanation.clone())>
                "总分 " <b data-testid=total_testid>{move || ctx.view.with(|v| v.total_text.clone())}</b>
            </span>
            <span data-field="grade" tabindex="-1">"等级 " <b data-testid="grade">{move || ctx.view.with(|v| v.grade_text.clone())}</b></span>
            {move || (!ctx.auto.get()).then(|| view! {
                <span class="printed">
                    "表中总分 " <CellInput field=Field::Total class="short"/>
                    {printed_grade.then(|| view! { " 表中等级 " <CellInput field=Field::Grade class="short"/> })}
                </span>
            })}
        </div>
    }
}

/// The year of any form (评价年度 / 预算年度), 2000–2099.
#[component]
fn YearInput(#[prop(optional)] label: &'static str) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let year = move || ctx.form.with(|f| f.year().map(|y| y.to_string()).unwrap_or_default());
    let set_year = move |ev: ev::Event| {
        let v = event_target_value(&ev);
        let y = v.trim().parse::<i32>().ok().filter(|y| (2000..2100).contains(y));
        ctx.form.update(|f| edit::set_year(f, y));
    };
    view! {
        <input type="number" class="cell short" data-field="year" min="2000" max="2099" aria-label=if label.is_empty() { "评价年度" } else { label }
            prop:readOnly=move || ctx.read_only.get() prop:value=year on:change=set_year/>
    }
}

fn focus_later(field: Field) {
    request_animation_frame(move || {
        browser::focus_field(&field.to_string());
    });
}

/// Adds a row of `level2` to a table and puts the caret in its first cell.
fn add_row(ctx: Ctx, table: Table, level2: Level2, first: impl Fn(usize) -> Field) {
    let mut at = None;
    ctx.checkpoint();
    ctx.form.update(|f| at = edit::add_indicator_in(f, table, level2));
    ctx.checkpoint();
    if let Some(at) = at {
        focus_later(first(at));
    }
}

/// "删除空行": every row still blank as in the template goes at once (one
/// undo step).
#[component]
fn RemoveBlankRows() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let remove = move |_| {
        ctx.checkpoint();
        let mut n = 0;
        ctx.form.update(|f| n = edit::remove_blank_rows(f));
        ctx.checkpoint();
        ctx.toast.set(Some(if n == 0 { "没有空行可删除".to_string() } else { format!("已删除 {n} 个空行") }));
    };
    view! {
        <button type="button" data-testid="remove-empty-rows" title="删除所有未填写的指标行（可撤销）" on:click=remove>"删除空行"</button>
    }
}

/// ↑ ↓ ✕ of one indicator row of any table.
#[component]
fn RowTools(table: Table, index: usize) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <button type="button" title="上移" aria-label=format!("第 {} 行上移", index + 1) on:click=move |_| { ctx.checkpoint(); ctx.form.update(|f| { edit::move_indicator_in(f, table, index, true); }) }>"↑"</button>
        <button type="button" title="下移" aria-label=format!("第 {} 行下移", index + 1) on:click=move |_| { ctx.checkpoint(); ctx.form.update(|f| { edit::move_indicator_in(f, table, index, false); }) }>"↓"</button>
        <button type="button" title="删除此行（可撤销）" aria-label=format!("删除第 {} 行", index + 1) data-testid="remove-indicator" on:click=move |_| {
            ctx.checkpoint();
            ctx.form.update(|f| { edit::remove_indicator_in(f, table, index); });
            ctx.checkpoint();
            ctx.toast.set(Some(format!("已删除第 {} 行", index + 1)));
        }>"✕"</button>
    }
}

#[component]
fn FindingsPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let groups = [
        (Severity::Error, "错误"),
        (Severity::Warning, "警告"),
        (Severity::Info, "提示"),
    ];
    view! {
        <aside class="findings" data-testid="findings">
            <h3>"检查结果"</h3>
            {move || (ctx.findings.with(|v| v.is_empty()) && ctx.missing.with(|m| m.is_empty())).then(|| view! { <p class="ok" data-testid="all-clear">"未发现问题，必填项均已填写。"</p> })}
            {move || {
                let list = ctx.missing.get();
                (!list.is_empty()).then(|| view! {
                    <details class="missing" data-testid="missing-items">
                        <summary>{format!("未填完 {} 项", list.len())}</summary>
                        <ul>
                            {list.into_iter().map(|m| {
                                let field = m.field.to_string();
                                view! { <li><button type="button" class="link" on:click=move |_| { browser::focus_field(&field); }>{m.label}</button></li> }
                            }).collect_view()}
                        </ul>
                    </details>
                })
            }}
            {groups.into_iter().map(|(sev, label)| {
                let items = move || ctx.findings.with(|v| v.iter().filter(|f| f.severity == sev).cloned().collect::<Vec<_>>());
                let count = Memo::new(move |_| ctx.findings.with(|v| v.iter().filter(|f| f.severity == sev).count()));
                // Keyed: an edit that leaves a finding as it was leaves its
                // item in the page untouched.
                view! {
                    <h4 class=format!("sev-{}", sev.label()) class:hidden=move || count.get() == 0>{move || format!("{label}（{}）", count.get())}</h4>
                    <ul class:hidden=move || count.get() == 0>
                        <For each=items key=|f| (f.code, f.field, f.location.clone(), f.message.clone()) let:f>
                            {
                                let field = f.field.to_string();
                                let rule = f.rule();
                                view! {
                                    <li>
                                        <button type="button" class=format!("finding sev-{:?}", f.severity).to_lowercase()
                                            data-code=rule.id data-field-target=field.clone()
                                            on:click=move |_| { browser::focus_field(&field); }>
                                            // The severity as a word, not only as the edge colour.
                                            <span class="sev-word">{f.severity.label()}</span>
                                            <span class="title">{rule.title}</span>
                                            <span class="where">{f.location.clone()}</span>
                                            <span class="what">{f.message.clone()}</span>
                                        </button>
                                        {f.suggested.clone().map(|sug| {
                                            let value = sug.value.text();
                                            let shown = value.clone();
                                            view! {
                                                <button type="button" class="link apply-suggested" data-testid="apply-suggested"
                                                    title="把建议的数值写入该单元格"
                                                    on:click=move |_| { ctx.checkpoint(); ctx.form.update(|form| { edit::set(form, sug.field, &value); }); ctx.checkpoint(); }>
                                                    {format!("改为 {shown}")}
                                                </button>
                                            }
                                        })}
                                        <RuleLink code=f.code/>
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                }
            }).collect_view()}
        </aside>
    }
}
