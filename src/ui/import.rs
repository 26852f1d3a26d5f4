//! 导入检查: import a document of forms, review every form's findings, the
//! unit summary and paragraph, export the results.

use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;

use super::state::App;
use crate::browser::{self, files};
use crate::core::drafts::Draft;
use crate::core::import::{self, ImportNote, Importer};
use crate::core::model::Form;
use crate::core::results;
use crate::core::scoring::fmt_num;
use crate::core::summary::{self, Reviewed};
use crate::core::validate::Severity;

/// A finished import, kept while the user moves between screens.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOutcome {
    pub source: String,
    pub reviewed: Vec<Reviewed>,
    pub notes: Vec<ImportNote>,
    pub year: Option<i32>,
    pub millis: f64,
}

/// Rows read per slice and forms checked per slice: small enough that the
/// page repaints the progress bar between slices.
const ROWS_PER_SLICE: usize = 3000;
const FORMS_PER_SLICE: usize = 40;

async fn run_import(app: App, text: String, source: String) {
    let started = browser::now_ms();
    app.import_progress.set(Some((0, 1, "正在读取表格")));
    browser::next_tick().await;
    let mut importer = Importer::new(&text);
    while !importer.step(ROWS_PER_SLICE) {
        let (done, all) = importer.progress();
        app.import_progress.set(Some((done, all.max(1), "正在读取表格")));
        browser::next_tick().await;
    }
    let result = importer.finish();
    let total = result.forms.len();
    let mut reviewed = Vec::with_capacity(total);
    let mut forms = result.forms.into_iter().peekable();
    while forms.peek().is_some() {
        reviewed.extend(forms.by_ref().take(FORMS_PER_SLICE).map(summary::review));
        app.import_progress
            .set(Some((reviewed.len(), total.max(1), "正在检查")));
        browser::next_tick().await;
    }
    let year = most_common_year(&reviewed);
    app.import.set(Some(ImportOutcome {
        source,
        reviewed,
        notes: result.notes,
        year,
        millis: browser::now_ms() - started,
    }));
    app.import_progress.set(None);
}

fn most_common_year(reviewed: &[Reviewed]) -> Option<i32> {
    let mut years: Vec<i32> = reviewed
        .iter()
        .filter_map(|r| match &r.imported.form {
            Form::Project(p) => p.year,
            Form::Department(d) => d.year,
            Form::Evaluation(e) => e.year,
            Form::Declaration(d) => d.year,
        })
        .collect();
    years.sort_unstable();
    years.chunk_by(|a, b| a == b).max_by_key(|c| c.len()).map(|c| c[0])
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum SortKey {
    Order,
    Name,
    Rate,
    Printed,
    Computed,
    Errors,
    Warnings,
}

#[component]
pub fn ImportScreen() -> impl IntoView {
    let app = expect_context::<App>();
    let pasted = RwSignal::new(String::new());
    let busy = move || app.import_progress.get().is_some();

    let start = move |text: String, source: String| {
        if busy() {
            return;
        }
        spawn_local(run_import(app, text, source));
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().expect("input").unchecked_into();
        spawn_local(async move {
            let Some(read) = files::read_picked_bytes(&input).await else {
                return;
            };
            input.set_value("");
            match read {
                Err(e) => app.notice.set(Some(e)),
                Ok((name, bytes)) => {
                    if let Some(why) = import::sniff_binary(&bytes) {
                        app.notice.set(Some(format!("未导入“{name}”：{why}")));
                        return;
                    }
                    match files::decode_text(&bytes) {
                        Ok((text, encoding)) => {
                            let size = if bytes.len() >= 1024 * 1024 {
                                format!("{:.1} MB", bytes.len() as f64 / 1048576.0)
                            } else {
                                format!("{} KB", bytes.len().div_ceil(1024))
                            };
                            run_import(app, text, format!("{name}（{encoding}，{size}）")).await;
                        }
                        Err(e) => app.notice.set(Some(format!("未导入“{name}”：{e}"))),
                    }
                }
            }
        });
    };

    view! {
        <section data-testid="screen-import" class="import">
            <h2>"导入检查"</h2>
            <p class="hint">"导入单位已填写的自评表（从 Word 复制出的文字、PDF 提取的文字或 Excel/WPS 表格），一次检查全部表格并生成汇总。支持 UTF-8 和 GBK 编码的 .txt 文件。"</p>
            <div class="import-inputs">
                <label class="file-button primary">"选择 .txt 文件…"
                    <input type="file" accept=".txt,text/plain" data-testid="import-file" on:change=on_file prop:disabled=busy/>
                </label>
                <span>"或把表格内容粘贴到下面："</span>
            </div>
            <textarea class="paste" data-testid="import-text" rows="6" placeholder="在此粘贴从 Word、WPS 或 Excel 中复制的自评表内容"
                prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
            <div>
                <button type="button" class="primary" data-testid="import-submit" prop:disabled=busy on:click=move |_| {
                    let text = pasted.get_untracked();
                    if text.trim().is_empty() {
                        app.notice.set(Some("请先选择文件，或在文本框中粘贴表格内容。".into()));
                    } else {
                        start(text, "粘贴的内容".into());
                    }
                }>"导入并检查"</button>
            </div>
            {move || app.import_progress.get().map(|(done, all, what)| view! {
                <div class="progress" data-testid="import-progress">
                    <progress max=all value=done></progress>
                    <span>{format!("{what}：{done} / {all}")}</span>
                </div>
            })}
            {move || app.import.get().map(|outcome| view! { <Results outcome=outcome/> })}
        </section>
    }
}

#[component]
fn Results(outcome: ImportOutcome) -> impl IntoView {
    let app = expect_context::<App>();
    let outcome = StoredValue::new(outcome);
    let summary = outcome.with_value(|o| summary::summarize(&o.reviewed));
    let paragraph = summary::paragraph(&summary, outcome.with_value(|o| o.year));
    let sort = RwSignal::new((SortKey::Order, true));
    let severity = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let grade = RwSignal::new(String::new());
    let selected = RwSignal::new(None::<usize>);
    let codes: Vec<&'static str> = outcome.with_value(|o| {
        let mut c: Vec<&'static str> = o
            .reviewed
            .iter()
            .flat_map(|r| r.findings.iter().map(|f| f.code.as_str()))
            .collect();
        c.sort_unstable();
        c.dedup();
        c
    });
    let rows = move || {
        let (key, asc) = sort.get();
        let (sev, code, grade) = (severity.get(), code.get(), grade.get());
        let mut list: Vec<(usize, Reviewed)> = outcome.with_value(|o| o.reviewed.iter().cloned().enumerate().collect());
        list.retain(|(_, r)| {
            let sev_ok = match sev.as_str() {
                "error" => r.count(Severity::Error) > 0,
                "warning" => r.count(Severity::Warning) > 0,
                "clean" => r.count(Severity::Error) == 0 && r.count(Severity::Warning) == 0,
                _ => true,
            };
            let code_ok = code.is_empty() || r.findings.iter().any(|f| f.code.as_str() == code);
            let grade_ok = grade.is_empty() || r.grade_computed.as_deref().unwrap_or("—") == grade;
            sev_ok && code_ok && grade_ok
        });
        let num = |d: Option<Decimal>| d.unwrap_or(Decimal::MIN);
        list.sort_by(|(ia, a), (ib, b)| {
            let ord = match key {
                SortKey::Order => ia.cmp(ib),
                SortKey::Name => a.imported.form.name().cmp(b.imported.form.name()),
                SortKey::Rate => num(summary::rate_value(&a.rate)).cmp(&num(summary::rate_value(&b.rate))),
                SortKey::Printed => num(a.printed_total).cmp(&num(b.printed_total)),
                SortKey::Computed => num(a.computed_total).cmp(&num(b.computed_total)),
                SortKey::Errors => a.count(Severity::Error).cmp(&b.count(Severity::Error)),
                SortKey::Warnings => a.count(Severity::Warning).cmp(&b.count(Severity::Warning)),
            };
            if asc {
                ord
            } else {
                ord.reverse()
            }
        });
        list
    };
    let header = move |label: &'static str, key: SortKey| {
        view! {
            <th class="sortable" on:click=move |_| sort.update(|(k, asc)| if *k == key { *asc = !*asc } else { *k = key; *asc = true })>
                {label}{move || { let (k, asc) = sort.get(); (k == key).then_some(if asc { " ▲" } else { " ▼" }) }}
            </th>
        }
    };
    let export_json = {
        let summary = summary.clone();
        let paragraph = paragraph.clone();
        move |_| {
            let json = outcome.with_value(|o| results::to_json(&summary, &paragraph, &o.reviewed));
            if let Err(e) = files::download("绩效自评-检查结果.json", "application/json", &json) {
                app.notice.set(Some(e));
            }
        }
    };
    let export_csv = move |_| {
        let csv = outcome.with_value(|o| results::to_csv(&o.reviewed));
        if let Err(e) = files::download("绩效自评-检查结果.csv", "text/csv", &csv) {
            app.notice.set(Some(e));
        }
    };
    let max_band = [
        summary.bands.ge90,
        summary.bands.b80_90,
        summary.bands.b60_80,
        summary.bands.lt60,
    ]
    .into_iter()
    .max()
    .unwrap_or(0)
    .max(1);
    let bar = move |label: &'static str, n: usize| {
        view! {
            <div class="band"><span class="band-label">{label}</span><span class="band-bar" style=format!("width: {}%", n * 100 / max_band)></span><span class="band-n">{n}</span></div>
        }
    };
    let copy = {
        let paragraph = paragraph.clone();
        move |_| {
            let text = paragraph.clone();
            spawn_local(async move {
                let ok = files::copy_text(&text).await;
                app.notice.set(Some(if ok {
                    "汇总段落已复制。".into()
                } else {
                    "浏览器不允许自动复制，请选中段落文字后按 Ctrl+C。".into()
                }));
            });
        }
    };
    let (source, millis, notes) = outcome.with_value(|o| (o.source.clone(), o.millis, o.notes.clone()));
    view! {
        <div class="results">
            <p class="meta" data-testid="import-meta">{format!("来源：{source}；共 {} 张表，用时 {:.0} 毫秒。", summary.forms, millis)}</p>
            {(!notes.is_empty()).then(|| view! {
                <ul class="doc-notes" data-testid="import-notes">{notes.into_iter().map(|n| view! { <li>{format!("第 {} 行：{}", n.line, n.message)}</li> }).collect_view()}</ul>
            })}
            <div class="summary-grid" data-testid="unit-summary">
                <div class="figures">
                    <div><b>{summary.evaluated}</b>"评价项目"</div>
                    <div><b>{fmt_num(summary.amount_wan)}</b>"涉及金额（万元）"</div>
                    <div><b>{summary.scored}</b>"计分"</div>
                    <div><b>{summary.not_scored}</b>"未开展，不计分数"</div>
                    <div><b>{summary.with_errors}</b>"有错误的表"</div>
                    {(summary.declarations > 0).then(|| view! { <div><b>{summary.declarations}</b>"目标申报表"</div> })}
                </div>
                <div class="bands" data-testid="band-chart">
                    <h4>"自评得分分布（按表中总分）"</h4>
                    {bar("90分及以上", summary.bands.ge90)}
                    {bar("80–90分", summary.bands.b80_90)}
                    {bar("60–80分", summary.bands.b60_80)}
                    {bar("60分以下", summary.bands.lt60)}
                    <p class="grades">{summary.by_grade.iter().filter(|(_, n)| *n > 0).map(|(g, n)| format!("{g} {n} 个")).collect::<Vec<_>>().join("，")}</p>
                </div>
            </div>
            <div class="paragraph">
                <h4>"绩效评价情况说明（可复制到部门决算）"</h4>
                <p data-testid="summary-paragraph">{paragraph.clone()}</p>
                <button type="button" on:click=copy>"复制段落"</button>
                <button type="button" data-testid="export-results-json" on:click=export_json>"下载检查结果（JSON）"</button>
                <button type="button" data-testid="export-results-csv" on:click=export_csv>"下载检查结果（CSV，可用 Excel 打开）"</button>
            </div>
            <div class="filters">
                <label>"问题 "
                    <select data-testid="filter-severity" on:change=move |ev| severity.set(event_target_value(&ev))>
                        <option value="">"全部"</option>
                        <option value="error">"有错误"</option>
                        <option value="warning">"有警告"</option>
                        <option value="clean">"无错误和警告"</option>
                    </select>
                </label>
                <label>"代码 "
                    <select data-testid="filter-code" on:change=move |ev| code.set(event_target_value(&ev))>
                        <option value="">"全部"</option>
                        {codes.into_iter().map(|c| view! { <option value=c>{c}</option> }).collect_view()}
                    </select>
                </label>
                <label>"计算等级 "
                    <select data-testid="filter-grade" on:change=move |ev| grade.set(event_target_value(&ev))>
                        <option value="">"全部"</option>
                        {["优", "良", "中", "差", "—"].into_iter().map(|g| view! { <option value=g>{g}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <table class="list review" data-testid="review-table">
                <thead><tr>
                    {header("序号", SortKey::Order)}{header("名称", SortKey::Name)}<th>"表样"</th>{header("执行率", SortKey::Rate)}
                    {header("表中总分", SortKey::Printed)}{header("计算总分", SortKey::Computed)}<th>"表中等级"</th><th>"计算等级"</th>
                    {header("错误", SortKey::Errors)}{header("警告", SortKey::Warnings)}
                </tr></thead>
                <tbody>
                    <For each=rows key=|(i, _)| *i let:item>
                        <ReviewRow index=item.0 r=item.1 selected=selected/>
                    </For>
                </tbody>
            </table>
            {move || selected.get().and_then(|i| outcome.with_value(|o| o.reviewed.get(i).cloned())).map(|r| view! { <FormDetail r=r selected=selected/> })}
        </div>
    }
}

#[component]
fn ReviewRow(index: usize, r: Reviewed, selected: RwSignal<Option<usize>>) -> impl IntoView {
    let total_differs = r.printed_total.is_some() && r.computed_total.is_some() && r.printed_total != r.computed_total;
    let (errors, warnings) = (r.count(Severity::Error), r.count(Severity::Warning));
    view! {
        <tr data-testid="review-row" class:selected=move || selected.get() == Some(index) on:click=move |_| {
            selected.set(Some(index));
            request_animation_frame(|| browser::scroll_to_testid("form-detail"));
        }>
            <td>{index + 1}</td>
            <td class="name"><a href="#" on:click=move |ev| ev.prevent_default()>{r.imported.form.name().lines().next().unwrap_or("").to_string()}</a></td>
            <td>{r.imported.form.kind_label()}</td>
            <td>{r.rate.clone().unwrap_or_else(|| "—".into())}</td>
            <td class:count-error=total_differs>{r.printed_total.map(fmt_num).unwrap_or_else(|| if r.not_scored { "不计分数".into() } else { "—".into() })}</td>
            <td>{r.computed_total.map(fmt_num).unwrap_or_else(|| "—".into())}</td>
            <td>{if r.grade_printed.is_empty() { "—".to_string() } else { r.grade_printed.clone() }}</td>
            <td>{r.grade_computed.clone().unwrap_or_else(|| "—".into())}</td>
            <td class:count-error={errors > 0}>{errors}</td>
            <td class:count-warning={warnings > 0}>{warnings}</td>
        </tr>
    }
}

#[component]
fn FormDetail(r: Reviewed, selected: RwSignal<Option<usize>>) -> impl IntoView {
    let app = expect_context::<App>();
    let project = match &r.imported.form {
        Form::Project(p) => Some(p.clone()),
        _ => None,
    };
    let save = move |_| {
        if let Some(form) = project.clone() {
            let now = browser::now_iso();
            let draft = Draft {
                id: browser::new_id("d"),
                form,
                created_at: now.clone(),
                saved_at: now,
                revision: 0,
                writer: app.tab_id.get_value(),
                deleted_at: None,
                auto_compute: false,
            };
            if app.save_or_warn(&draft).is_some() {
                app.notice
                    .set(Some("已另存为草稿，可在编辑器中修改后重新检查。".into()));
                app.open_editor(&draft.id);
            }
        }
    };
    let can_save = matches!(r.imported.form, Form::Project(_));
    view! {
        <div class="detail" data-testid="form-detail">
            <div class="detail-head">
                <h3>{r.imported.form.name().lines().next().unwrap_or("").to_string()}</h3>
                <span>{format!("{}，来源第 {}–{} 行", r.imported.form.kind_label(), r.imported.source_lines.0, r.imported.source_lines.1)}</span>
                {can_save.then(|| view! { <button type="button" class="primary" data-testid="save-as-draft" on:click=save.clone()>"另存为草稿"</button> })}
                <button type="button" on:click=move |_| selected.set(None)>"关闭"</button>
            </div>
            {(!r.imported.notes.is_empty()).then(|| view! {
                <ul class="doc-notes">{r.imported.notes.iter().map(|n| view! { <li>{format!("第 {} 行：{}", n.line, n.message)}</li> }).collect_view()}</ul>
            })}
            {if r.findings.is_empty() { view! { <p class="ok">"未发现问题。"</p> }.into_any() } else { view! {
                <ul class="detail-findings">
                    {r.findings.iter().map(|f| view! {
                        <li class=format!("finding sev-{:?}", f.severity).to_lowercase() data-code=f.code.as_str()>
                            <span class="where">{format!("{} · {} · {}", f.severity.label(), f.code.as_str(), f.location)}</span>
                            <span class="what">{f.message.clone()}</span>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any() }}
        </div>
    }
}
