//! The project form editor in the official layout, with live scoring,
//! findings, autosave and two-tab protection.

use std::collections::HashMap;
use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;

use super::rules::RuleLink;
use super::state::{App, SaveError, Screen};
use crate::browser::{self, LeaseEvent};
use crate::core::drafts::{self, Draft};
use crate::core::edit::{self, EditorView};
use crate::core::field::{Field, FundColumn, GoalColumn, Header, IndicatorColumn};
use crate::core::model::{FundKind, Level1, Level2, ProjectForm, ProjectLayout};
use crate::core::scoring::fmt_num;
use crate::core::validate::Severity;

/// Autosave delay after the last edit (the issue asks for under a second).
const AUTOSAVE_DELAY: Duration = Duration::from_millis(700);

#[derive(Clone, Debug, PartialEq)]
enum SaveStatus {
    Saved(String),
    Pending,
    Failed(String),
    Conflict(Box<Draft>),
}

#[derive(Clone, Copy)]
struct Ctx {
    form: RwSignal<ProjectForm>,
    /// Another tab holds the editing lease: show, do not write.
    read_only: RwSignal<bool>,
    view: Memo<EditorView>,
    /// Worst severity of the findings on each field id.
    marks: Memo<HashMap<Field, Severity>>,
    auto: RwSignal<bool>,
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
    let base = StoredValue::new(draft.clone());
    let status = RwSignal::new(SaveStatus::Saved(draft.saved_at.clone()));
    // One tab edits a draft at a time (browser::Lease); others only show it.
    let read_only = RwSignal::new(false);
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
    let view = Memo::new(move |_| {
        if auto.get() {
            // Forms made here show their computed figures as printed: work on a copy.
            let mut f = form.get();
            edit::fill_computed(&mut f);
            edit::view(&f)
        } else {
            form.with(edit::view)
        }
    });
    let marks = Memo::new(move |_| {
        view.with(|v| {
            let mut m: HashMap<Field, Severity> = HashMap::new();
            for f in &v.findings {
                m.entry(f.field)
                    .and_modify(|s| *s = (*s).min(f.severity))
                    .or_insert(f.severity);
            }
            m
        })
    });
    provide_context(Ctx {
        form,
        read_only,
        view,
        marks,
        auto,
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
    let layout = draft.form.layout;
    let print_sheet = RwSignal::new(None);
    view! {
        <section class="editor" class:read-only=move || read_only.get() data-testid="screen-editor" data-layout=format!("{layout:?}")>
            <div class="editor-bar">
                <button type="button" data-testid="editor-back" on:click=back>"← 草稿列表"</button>
                <strong class="editor-title">{move || { let n = form.with(|f| f.name.raw().trim().to_string()); if n.is_empty() { "（未命名项目）".to_string() } else { n } }}</strong>
                <span class="save-status" data-testid="save-status">{move || match status.get() {
                    SaveStatus::Saved(t) => format!("已保存 {}", browser::local_time(&t)),
                    SaveStatus::Pending => "正在保存…".into(),
                    SaveStatus::Failed(_) => "未能保存（内容仍在本页，请下载备份）".into(),
                    SaveStatus::Conflict(_) => "已暂停自动保存".into(),
                }}</span>
                <button type="button" on:click=move |_| { save_now(); app.download_backup(Some(&base.get_value().id)) }>"导出此草稿"</button>
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
            <div class="editor-body">
                <div class="sheet">
                    <Summary/>
                    <h2 class="sheet-title">{move || match layout {
                        ProjectLayout::Central => format!("项目支出绩效自评表（{}年度）", form.with(|f| f.year.map(|y| y.to_string()).unwrap_or_default())),
                        ProjectLayout::Hubei => format!("{}年度项目支出绩效自评表（湖北）", form.with(|f| f.year.map(|y| y.to_string()).unwrap_or_default())),
                    }}</h2>
                    <Header layout=layout/>
                    <Funds layout=layout/>
                    <Goal layout=layout/>
                    <Indicators/>
                    {(layout == ProjectLayout::Hubei).then(|| view! {
                        <table class="form-table">
                            <tr><th>"偏差大或目标未完成原因分析"</th><td><CellInput field=Field::Header(Header::DeviationAnalysis) multiline=true/></td></tr>
                            <tr><th>"改进措施及结果应用方案"</th><td><CellInput field=Field::Header(Header::Improvement) multiline=true/></td></tr>
                        </table>
                    })}
                    <table class="form-table">
                        <tr><th>"满意度调查依据"</th><td><CellInput field=Field::Header(Header::SatisfactionBasis) placeholder="如：发放问卷 200 份，回收 196 份"/></td></tr>
                    </table>
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
    let value = Memo::new(move |_| ctx.form.with(|f| edit::get_field(f, field)));
    let on_input = move |ev: ev::Event| {
        let v = event_target_value(&ev);
        ctx.form.update(|f| {
            edit::set_field(f, field, &v);
        });
    };
    let mark = Memo::new(move |_| match ctx.marks.with(|m| m.get(&field).copied()) {
        Some(Severity::Error) => "cell mark-error",
        Some(Severity::Warning) => "cell mark-warning",
        Some(Severity::Info) => "cell mark-info",
        None => "cell",
    });
    let class = move || format!("{} {class}", mark.get());
    if multiline {
        view! {
            <textarea class=class data-field=field.to_string() data-testid=testid placeholder=placeholder rows="2"
                prop:readOnly=move || ctx.read_only.get() prop:value=move || value.get() on:input=on_input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input type="text" class=class data-field=field.to_string() data-testid=testid placeholder=placeholder
                prop:readOnly=move || ctx.read_only.get() prop:value=move || value.get() on:input=on_input/>
        }
        .into_any()
    }
}

#[component]
fn Summary() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let total_points = move || ctx.view.with(|v| v.weight_sum);
    view! {
        <div class="summary" data-testid="summary">
            <span class="weight-sum" data-field="total.weight" tabindex="-1"
                class:mark-error=move || ctx.view.with(|v| v.findings.iter().any(|f| f.code == crate::core::validate::Code::TotalWeight))>
                "分值合计 " <b data-testid="weight-sum">{move || fmt_num(total_points())}</b> " / 100"
            </span>
            <span data-field="total" tabindex="-1" title=move || ctx.view.with(|v| v.total_explanation.clone())>
                "总分 " <b data-testid="total-score">{move || ctx.view.with(|v| v.total_text.clone())}</b>
            </span>
            <span data-field="grade" tabindex="-1">"等级 " <b data-testid="grade">{move || ctx.view.with(|v| v.grade_text.clone())}</b></span>
            <label class="not-carried-out">
                <input type="checkbox" data-testid="not-carried-out" prop:checked=move || ctx.form.with(|f| f.not_carried_out)
                    on:change=move |ev| ctx.form.update(|f| f.not_carried_out = event_target_checked(&ev))/>
                "项目未开展（不计分数）"
            </label>
            {move || (!ctx.auto.get()).then(|| view! {
                <span class="printed">
                    "表中总分 " <CellInput field=Field::Total class="short"/>
                    " 表中等级 " <CellInput field=Field::Grade class="short"/>
                </span>
            })}
        </div>
    }
}

#[component]
fn Header(layout: ProjectLayout) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let year = move || ctx.form.with(|f| f.year.map(|y| y.to_string()).unwrap_or_default());
    let set_year = move |ev: ev::Event| {
        let v = event_target_value(&ev);
        ctx.form
            .update(|f| f.year = v.trim().parse::<i32>().ok().filter(|y| (2000..2100).contains(y)));
    };
    let year_input = move || {
        view! {
            <input type="number" class="cell short" data-field="year" min="2000" max="2099" prop:value=year on:change=set_year/>
        }
    };
    match layout {
        ProjectLayout::Central => view! {
            <table class="form-table">
                <tr><th>"项目名称"</th><td colspan="3"><CellInput field=Field::Header(Header::Name) testid="field-project-name"/></td><th>"评价年度"</th><td>{year_input()}</td></tr>
                <tr><th>"主管部门"</th><td><CellInput field=Field::Header(Header::Department)/></td><th>"实施单位"</th><td colspan="3"><CellInput field=Field::Header(Header::Implementer)/></td></tr>
                <tr><th>"项目负责人"</th><td><CellInput field=Field::Header(Header::Leader)/></td><th>"联系电话"</th><td colspan="3"><CellInput field=Field::Header(Header::Phone)/></td></tr>
            </table>
        }
        .into_any(),
        ProjectLayout::Hubei => view! {
            <table class="form-table">
                <tr><th>"单位名称"</th><td><CellInput field=Field::Header(Header::Unit)/></td><th>"填报日期"</th><td><CellInput field=Field::Header(Header::FillDate)/></td><th>"评价年度"</th><td>{year_input()}</td></tr>
                <tr><th>"项目名称"</th><td colspan="5"><CellInput field=Field::Header(Header::Name) testid="field-project-name"/></td></tr>
                <tr><th>"主管部门"</th><td colspan="2"><CellInput field=Field::Header(Header::Department)/></td><th>"项目实施单位"</th><td colspan="2"><CellInput field=Field::Header(Header::Implementer)/></td></tr>
            </table>
        }
        .into_any(),
    }
}

#[component]
fn Funds(layout: ProjectLayout) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let points = move || {
        ctx.form.with(|f| {
            crate::core::scheme::Scheme::of_project(f)
                .budget
                .as_ref()
                .map_or("—".into(), |b| fmt_num(b.points))
        })
    };
    let rate = move || {
        view! {
            <output data-testid="exec-rate" data-field="funds.rate" tabindex="-1" title=move || ctx.view.with(|v| v.rate_explanation.clone())>
                {move || ctx.view.with(|v| v.rate_text.clone())}
            </output>
        }
    };
    let score = move || {
        view! {
            <output data-testid="exec-score" data-field="funds.score" tabindex="-1" title=move || ctx.view.with(|v| v.budget_score_explanation.clone())>
                {move || ctx.view.with(|v| v.budget_score_text.clone())}
            </output>
        }
    };
    let printed = move || {
        (!ctx.auto.get()).then(|| {
            view! {
                <tr class="printed">
                    <th colspan="2">"表中填写"</th>
                    <td colspan="2">"执行率 " <CellInput field=Field::FundRate class="short"/></td>
                    <td colspan="2">"得分 " <CellInput field=Field::FundScore class="short"/></td>
                </tr>
            }
        })
    };
    let explanation = move || {
        view! {
            <p class="explain" data-testid="exec-explanation">
                {move || ctx.view.with(|v| v.rate_explanation.clone())}
                {move || ctx.view.with(|v| (!v.budget_score_explanation.is_empty()).then(|| format!("；预算执行得分 {}", v.budget_score_explanation)))}
            </p>
        }
    };
    match layout {
        ProjectLayout::Central => view! {
            <table class="form-table funds">
                <thead><tr><th>"项目资金（万元）"</th><th>"年初预算数"</th><th>"全年预算数"</th><th>"全年执行数"</th><th>"分值"</th><th>"执行率"</th><th>"得分"</th></tr></thead>
                <tbody>
                    {FundKind::ALL.into_iter().map(|kind| {
                        let total = kind == FundKind::Total;
                        let label = match kind { FundKind::Total => "年度资金总额", FundKind::CurrentYear => "其中：当年财政拨款", FundKind::CarriedOver => "　　上年结转资金", FundKind::Other => "　　其他资金" };
                        view! {
                            <tr>
                                <th>{label}</th>
                                <td><CellInput field=Field::Fund(kind, FundColumn::Initial) class="num"/></td>
                                <td><CellInput field=Field::Fund(kind, FundColumn::Annual) class="num" testid=if total { "fund-total-annual" } else { "" }/></td>
                                <td><CellInput field=Field::Fund(kind, FundColumn::Spent) class="num" testid=if total { "fund-total-spent" } else { "" }/></td>
                                {if total { view! { <td class="computed">{points}</td><td class="computed">{rate()}</td><td class="computed">{score()}</td> }.into_any() }
                                 else { view! { <td class="dash">"—"</td><td></td><td class="dash">"—"</td> }.into_any() }}
                            </tr>
                        }
                    }).collect_view()}
                    {printed}
                </tbody>
            </table>
            {explanation}
        }
        .into_any(),
        ProjectLayout::Hubei => view! {
            <table class="form-table funds">
                <thead><tr><th>"预算执行情况（万元）（20分）"</th><th>"预算数（A）"</th><th>"执行数（B）"</th><th>"执行率（B/A）"</th><th>"得分（20分×执行率）"</th></tr></thead>
                <tbody>
                    <tr>
                        <th>"年度财政资金总额"</th>
                        <td><CellInput field=Field::Fund(FundKind::Total, FundColumn::Annual) class="num" testid="fund-total-annual"/></td>
                        <td><CellInput field=Field::Fund(FundKind::Total, FundColumn::Spent) class="num" testid="fund-total-spent"/></td>
                        <td class="computed">{rate()}</td>
                        <td class="computed">{score()}</td>
                    </tr>
                    {printed}
                </tbody>
            </table>
            {explanation}
        }
        .into_any(),
    }
}

#[component]
fn Goal(layout: ProjectLayout) -> impl IntoView {
    let title = if layout == ProjectLayout::Hubei {
        "项目绩效总目标（20分）"
    } else {
        "年度总体目标"
    };
    view! {
        <table class="form-table goal">
            <thead><tr><th>{title}</th><th>"预期目标 / 年初设定目标"</th><th>"实际完成情况"</th>{(layout == ProjectLayout::Hubei).then(|| view! { <th>"得分"</th> })}</tr></thead>
            <tbody><tr>
                <th></th>
                <td><CellInput field=Field::Goal(GoalColumn::Expected) multiline=true/></td>
                <td><CellInput field=Field::Goal(GoalColumn::Actual) multiline=true/></td>
                {(layout == ProjectLayout::Hubei).then(|| view! { <td><CellInput field=Field::Goal(GoalColumn::Score) class="num short"/></td> })}
            </tr></tbody>
        </table>
    }
}

fn focus_later(field: Field) {
    request_animation_frame(move || {
        browser::focus_field(&field.to_string());
    });
}

#[component]
fn Indicators() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let count = move || ctx.form.with(|f| f.indicators.len());
    let add = move |level2: Level2| {
        let mut at = 0;
        ctx.form.update(|f| at = edit::add_indicator(f, level2));
        focus_later(Field::indicator(at, IndicatorColumn::Name));
    };
    view! {
        <table class="form-table indicators" data-field="indicators">
            <thead><tr>
                <th>"一级指标"</th><th>"二级指标"</th><th>"三级指标"</th><th>"年度指标值"</th><th>"实际完成值"</th>
                <th>"分值"</th><th>"得分"</th><th class="suggest">"建议得分"</th><th>"偏差原因分析及改进措施"</th><th class="row-tools">"不涉及 / 调整"</th>
            </tr></thead>
            <tbody>
                <For each=move || 0..count() key=|i| *i let:index>
                    <IndicatorRow index=index/>
                </For>
            </tbody>
        </table>
        <div class="add-rows">
            "添加指标："
            {Level2::ALL.into_iter().map(|l| view! {
                <button type="button" data-testid="add-indicator" data-level2=format!("{l:?}") on:click=move |_| add(l)>{l.label()}</button>
            }).collect_view()}
        </div>
    }
}

#[component]
fn IndicatorRow(index: usize) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let row = move || {
        ctx.form.with(|f| {
            f.indicators
                .get(index)
                .map(|i| (i.level2, i.level2_label.clone(), i.not_applicable))
        })
    };
    let level2 = move || row().map(|r| r.0);
    let prev_level2 = move || {
        index
            .checked_sub(1)
            .and_then(|p| ctx.form.with(|f| f.indicators.get(p).map(|i| i.level2)))
    };
    let first_of_level1 = move || level2().map(|l| l.level1()) != prev_level2().map(|l| l.level1());
    let first_of_level2 = move || level2() != prev_level2();
    let last_of_level2 = move || level2() != ctx.form.with(|f| f.indicators.get(index + 1).map(|i| i.level2));
    let result = move || {
        ctx.view
            .with(|v| v.result.indicators.iter().find(|r| r.index == index).cloned())
    };
    let suggestion = move || {
        result().and_then(|r| {
            let s = r.suggested()?;
            Some((s, r.claimed, r.explanation.clone()))
        })
    };
    let on_keydown = move |ev: ev::KeyboardEvent| {
        if ev.key() == "Enter" && last_of_level2() {
            if let Some(l) = level2() {
                ev.prevent_default();
                let mut at = 0;
                ctx.form.update(|f| at = edit::add_indicator(f, l));
                focus_later(Field::indicator(at, IndicatorColumn::Name));
            }
        }
    };
    let f = move |col: IndicatorColumn| Field::indicator(index, col);
    view! {
        <tr class="indicator" class:na=move || row().is_some_and(|r| r.2) data-testid="indicator-row" on:keydown=on_keydown>
            <th class="level1">{move || first_of_level1().then(|| level2().map(|l| match l.level1() { Level1::Output => "产出指标", Level1::Benefit => "效益指标", Level1::Satisfaction => "满意度指标" }))}</th>
            <th class="level2">{move || first_of_level2().then(|| row().map(|(l, label, _)| if label.trim().is_empty() { l.label().to_string() } else { label }))}</th>
            <td><CellInput field=f(IndicatorColumn::Name) multiline=true/></td>
            <td><CellInput field=f(IndicatorColumn::Target)/></td>
            <td><CellInput field=f(IndicatorColumn::Actual)/></td>
            <td><CellInput field=f(IndicatorColumn::Weight) class="num"/></td>
            <td><CellInput field=f(IndicatorColumn::Score) class="num"/></td>
            <td class="suggest" title=move || result().map(|r| r.explanation).unwrap_or_default()>
                {move || suggestion().map(|(s, claimed, _)| {
                    if claimed == Some(s) {
                        view! { <span class="ok">"✓ " {fmt_num(s)}</span> }.into_any()
                    } else {
                        view! {
                            <button type="button" data-testid="accept-suggestion" title="采用建议得分"
                                on:click=move |_| ctx.form.update(|f| { edit::set_field(f, Field::indicator(index, IndicatorColumn::Score), &fmt_num(s)); })>
                                "采用 " {fmt_num(s)}
                            </button>
                        }.into_any()
                    }
                })}
            </td>
            <td><CellInput field=f(IndicatorColumn::Reason) multiline=true/></td>
            <td class="row-tools">
                <label title="不涉及：不计分值、不计得分">
                    <input type="checkbox" data-testid="row-na" prop:checked=move || row().is_some_and(|r| r.2)
                        on:change=move |ev| ctx.form.update(|f| if let Some(i) = f.indicators.get_mut(index) { i.not_applicable = event_target_checked(&ev) })/>
                    "不涉及"
                </label>
                <button type="button" title="上移" on:click=move |_| ctx.form.update(|f| { edit::move_indicator(f, index, true); })>"↑"</button>
                <button type="button" title="下移" on:click=move |_| ctx.form.update(|f| { edit::move_indicator(f, index, false); })>"↓"</button>
                <button type="button" title="删除此行" data-testid="remove-indicator" on:click=move |_| ctx.form.update(|f| { edit::remove_indicator(f, index); })>"✕"</button>
            </td>
        </tr>
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
            {move || ctx.view.with(|v| v.findings.is_empty()).then(|| view! { <p class="ok">"未发现问题。"</p> })}
            {groups.into_iter().map(|(sev, label)| {
                let items = move || ctx.view.with(|v| v.findings.iter().filter(|f| f.severity == sev).cloned().collect::<Vec<_>>());
                view! {
                    {move || {
                        let list = items();
                        (!list.is_empty()).then(|| view! {
                            <h4 class=format!("sev-{}", sev.label())>{format!("{label}（{}）", list.len())}</h4>
                            <ul>
                                {list.into_iter().map(|f| {
                                    let field = f.field.to_string();
                                    let rule = f.rule();
                                    view! {
                                        <li>
                                            <button type="button" class=format!("finding sev-{:?}", f.severity).to_lowercase()
                                                data-code=rule.id data-field-target=field.clone()
                                                on:click=move |_| { browser::focus_field(&field); }>
                                                <span class="title">{rule.title}</span>
                                                <span class="where">{f.location.clone()}</span>
                                                <span class="what">{f.message.clone()}</span>
                                            </button>
                                            <RuleLink code=f.code/>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })
                    }}
                }
            }).collect_view()}
        </aside>
    }
}
