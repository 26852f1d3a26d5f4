//! 导入检查: import a document of forms, review every form's findings, the
//! unit summary and paragraph, export the results.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::rules::RuleLink;
use super::state::App;
use crate::browser::{self, files};
use crate::core::import::office::{self, Opened, Places};
use crate::core::import::{ImportNote, Importer};
use crate::core::model::Form;
use crate::core::report;
use crate::core::results;
use crate::core::review::{
    self, ImportOutcome, ImportProgress, ImportStage, ProblemFilter, ReviewFilter, SortKey, NO_GRADE,
};
use crate::core::scheme::{Scheme, SchemeForm};
use crate::core::scoring::fmt_num;
use crate::core::summary;
use crate::core::validate::{Code, Severity};

/// Rows read per slice and forms checked per slice: small enough that the
/// page repaints the progress bar between slices.
const ROWS_PER_SLICE: usize = 3000;
const FORMS_PER_SLICE: usize = 40;

/// One file (or the pasted text) to import: its text or rows, and where
/// they came from (None for pasted text).
struct Job {
    input: Input,
    places: Option<Places>,
}

enum Input {
    /// Split into rows once the progress bar shows (large text takes a moment).
    Text(String),
    Rows(Importer),
}

/// Reads the jobs' forms and checks them; `started` is when reading the
/// files began (the time shown includes unzipping and reading the XML).
async fn run_import(app: App, jobs: Vec<Job>, source: String, refused: Vec<String>, started: f64) {
    let progress = |stage, done, total| app.import_progress.set(Some(ImportProgress::new(stage, done, total)));
    progress(ImportStage::Reading, 0, 1);
    browser::next_tick().await;
    let jobs: Vec<(Importer, Option<Places>)> = jobs
        .into_iter()
        .map(|job| {
            let importer = match job.input {
                Input::Text(text) => Importer::new(&text),
                Input::Rows(importer) => importer,
            };
            (importer, job.places)
        })
        .collect();
    let all: usize = jobs.iter().map(|(importer, _)| importer.progress().1).sum();
    let several = jobs.len() > 1;
    let mut read_before = 0;
    let mut forms = Vec::new();
    let mut notes: Vec<ImportNote> = refused
        .into_iter()
        .map(|message| ImportNote {
            line: 0,
            message,
            place: None,
        })
        .collect();
    for (mut importer, places) in jobs {
        while !importer.step(ROWS_PER_SLICE) {
            let (done, _) = importer.progress();
            progress(ImportStage::Reading, read_before + done, all);
            browser::next_tick().await;
        }
        read_before += importer.progress().1;
        let mut result = importer.finish();
        if let Some(places) = &places {
            places.locate(&mut result);
            if several {
                for note in &mut result.notes {
                    note.message = format!("“{}”：{}", places.file, note.message);
                }
            }
        }
        forms.extend(result.forms);
        notes.extend(result.notes);
    }
    let total = forms.len();
    let mut reviewed = Vec::with_capacity(total);
    let mut forms = forms.into_iter().peekable();
    while forms.peek().is_some() {
        reviewed.extend(forms.by_ref().take(FORMS_PER_SLICE).map(summary::review));
        progress(ImportStage::Checking, reviewed.len(), total);
        browser::next_tick().await;
    }
    let millis = browser::now_ms() - started;
    app.import
        .set(Some(Arc::new(ImportOutcome::new(source, reviewed, notes, millis))));
    app.import_progress.set(None);
}

fn size_label(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / 1048576.0)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Reads picked or dropped files into import jobs: Word and Excel files
/// into rows, text decoded (UTF-8/UTF-16/GBK). Files that cannot be read
/// get a message naming them; the others still import.
async fn import_files(app: App, list: web_sys::FileList) {
    let started = browser::now_ms();
    let read = files::read_files(&list).await;
    if read.is_empty() {
        return;
    }
    // Unzipping and reading a large file's XML takes a moment: show it.
    app.import_progress
        .set(Some(ImportProgress::new(ImportStage::Reading, 0, 1)));
    browser::next_tick().await;
    let mut jobs = Vec::new();
    let mut labels = Vec::new();
    let mut refused = Vec::new();
    for (name, bytes) in read {
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(e) => {
                refused.push(format!("未导入“{name}”：{e}"));
                continue;
            }
        };
        let size = size_label(bytes.len());
        match office::open(&name, &bytes) {
            Err(why) => refused.push(format!("未导入“{name}”：{why}")),
            Ok(Opened::Office(doc)) => {
                labels.push(format!("{name}（{}，{size}）", doc.kind));
                let (importer, places) = doc.into_importer();
                jobs.push(Job {
                    input: Input::Rows(importer),
                    places: Some(places),
                });
            }
            Ok(Opened::Text) => match files::decode_text(&bytes) {
                Ok((text, encoding)) => {
                    labels.push(format!("{name}（{encoding}，{size}）"));
                    jobs.push(Job {
                        input: Input::Text(text),
                        places: Some(Places::text(&name)),
                    });
                }
                Err(e) => refused.push(format!("未导入“{name}”：{e}")),
            },
        }
    }
    if !refused.is_empty() {
        app.notice.set(Some(refused.join("\n")));
    }
    if jobs.is_empty() {
        app.import_progress.set(None);
    } else {
        run_import(app, jobs, labels.join("；"), refused, started).await;
    }
}

#[component]
pub fn ImportScreen() -> impl IntoView {
    let app = expect_context::<App>();
    let pasted = RwSignal::new(String::new());
    let dragging = RwSignal::new(false);
    let busy = move || app.import_progress.get().is_some();

    let start = move |text: String, source: String| {
        if busy() {
            return;
        }
        let job = Job {
            input: Input::Text(text),
            places: None,
        };
        spawn_local(run_import(app, vec![job], source, Vec::new(), browser::now_ms()));
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().expect("input").unchecked_into();
        let Some(list) = input.files() else { return };
        spawn_local(async move {
            import_files(app, list).await;
            input.set_value("");
        });
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if busy() {
            return;
        }
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            spawn_local(import_files(app, list));
        }
    };

    view! {
        <section data-testid="screen-import" class="import" class:dragover=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <h2>"导入检查"</h2>
            <p class="hint">"导入单位已填写的自评表：Word（.docx）、Excel（.xlsx）文件，从 Word 复制出的文字、PDF 提取的文字（UTF-8 或 GBK 编码的 .txt），可一次选择多个文件，也可把文件拖到本页。一次检查全部表格并生成汇总。旧版 .doc/.xls/.wps/.et 文件请先用 Word/WPS/Excel “另存为” .docx/.xlsx。"</p>
            <div class="import-inputs">
                <label class="file-button primary">"选择文件（.docx/.xlsx/.txt）…"
                    <input type="file" multiple accept=".docx,.xlsx,.xlsm,.txt,.xls,.doc,.wps,.et,.pdf,text/plain" data-testid="import-file" on:change=on_file prop:disabled=busy/>
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
            {move || app.import_progress.get().map(|p| view! {
                <div class="progress" data-testid="import-progress">
                    <progress max=p.total value=p.done></progress>
                    <span>{p.label()}</span>
                </div>
            })}
            {move || app.import.get().map(|outcome| view! { <Results outcome=outcome/> })}
        </section>
    }
}

/// A note as listed: where, then what (a refused file has no place).
fn note_text(n: &ImportNote) -> String {
    if n.line == 0 && n.place.is_none() {
        n.message.clone()
    } else {
        format!("{}：{}", n.location(), n.message)
    }
}

/// The first line of a form's name (names read from Word may wrap).
fn short_name(form: &Form) -> String {
    form.name().lines().next().unwrap_or("").to_string()
}

#[component]
fn Results(outcome: Arc<ImportOutcome>) -> impl IntoView {
    let app = expect_context::<App>();
    let summary = summary::summarize(&outcome.reviewed);
    let paragraph = summary::paragraph(&summary, outcome.year);
    let codes = review::codes_found(&outcome.reviewed);
    let (source, millis, notes) = (outcome.source.clone(), outcome.millis, outcome.notes.clone());
    let outcome = StoredValue::new(outcome);
    // (column, descending); rows are indices into the outcome, never copies.
    let sort = RwSignal::new((SortKey::Order, false));
    let filter = RwSignal::new(ReviewFilter::default());
    let selected = RwSignal::new(None::<usize>);
    let rows = Memo::new(move |_| {
        let (key, descending) = sort.get();
        filter.with(|f| outcome.with_value(|o| review::visible_rows(&o.reviewed, f, key, descending)))
    });
    let header = move |label: &'static str, key: SortKey| {
        view! {
            <th class="sortable" on:click=move |_| sort.update(|(k, desc)| if *k == key { *desc = !*desc } else { *k = key; *desc = false })>
                {label}{move || { let (k, desc) = sort.get(); (k == key).then_some(if desc { " ▼" } else { " ▲" }) }}
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
    // The unit's workbook and 情况说明: the same summary and paragraph as shown.
    let with_forms = RwSignal::new(true);
    let unit_file = {
        let summary = summary.clone();
        let paragraph = paragraph.clone();
        move |word: bool| {
            let year = outcome.with_value(|o| o.year);
            let made = outcome.with_value(|o| {
                let unit = report::UnitReport {
                    summary: &summary,
                    paragraph: &paragraph,
                    reviewed: &o.reviewed,
                    year,
                };
                if word {
                    report::docx::unit_report(&unit)
                } else {
                    report::xlsx::unit_workbook(&unit, with_forms.get_untracked())
                }
            });
            let year_text = year.map(|y| format!("{y}年度")).unwrap_or_default();
            let (name, mime) = if word {
                (format!("{year_text}绩效评价情况说明.docx"), files::DOCX)
            } else {
                (format!("{year_text}绩效自评检查结果.xlsx"), files::XLSX)
            };
            super::reports::offer(app, made, &name, mime);
        }
    };
    let export_xlsx = {
        let unit_file = unit_file.clone();
        move |_| unit_file(false)
    };
    let export_docx = move |_| unit_file(true);
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
    // Computed grades of the default scheme (all built-in project schemes use
    // 优/良/中/差), then forms without one.
    let grades: Vec<&'static str> = Scheme::default_for(SchemeForm::ProjectCentral)
        .grades
        .iter()
        .map(|g| g.label.as_str())
        .chain([NO_GRADE])
        .collect();
    view! {
        <div class="results">
            <p class="meta" data-testid="import-meta">{format!("来源：{source}；共 {} 张表，用时 {:.0} 毫秒。", summary.forms, millis)}</p>
            {(!notes.is_empty()).then(|| view! {
                <ul class="doc-notes" data-testid="import-notes">{notes.into_iter().map(|n| view! { <li>{note_text(&n)}</li> }).collect_view()}</ul>
            })}
            <div class="summary-grid" data-testid="unit-summary">
                <div class="figures">
                    <div><b>{summary.evaluated}</b>"评价项目"</div>
                    <div><b>{fmt_num(summary.amount_wan)}</b>"涉及金额（万元）"</div>
                    <div><b>{summary.scored}</b>"计分"</div>
                    <div><b>{summary.not_scored}</b>"未开展，不计分数"</div>
                    <div data-testid="summary-with-errors"><b>{summary.with_errors}</b>"有错误的表"</div>
                    {(summary.incomplete > 0).then(|| view! {
                        <div class="figure-warning" data-testid="summary-incomplete" title="这些表未计入得分分布和等级统计，请核对原文件后重新导入">
                            <b>{summary.incomplete}</b>"张表未能完整读取"
                        </div>
                    })}
                    {(summary.declarations > 0).then(|| view! { <div><b>{summary.declarations}</b>"目标申报表"</div> })}
                </div>
                <div class="bands" data-testid="band-chart">
                    <h3>"自评得分分布（按表中总分）"</h3>
                    {bar("90分及以上", summary.bands.ge90)}
                    {bar("80–90分", summary.bands.b80_90)}
                    {bar("60–80分", summary.bands.b60_80)}
                    {bar("60分以下", summary.bands.lt60)}
                    <p class="grades">{summary.by_grade.iter().filter(|(_, n)| *n > 0).map(|(g, n)| format!("{g} {n} 个")).collect::<Vec<_>>().join("，")}</p>
                </div>
            </div>
            <div class="paragraph">
                <h3>"绩效评价情况说明（可复制到部门决算）"</h3>
                <p data-testid="summary-paragraph">{paragraph.clone()}</p>
                <button type="button" on:click=copy>"复制段落"</button>
                <button type="button" data-testid="export-results-json" on:click=export_json>"下载检查结果（JSON）"</button>
                <button type="button" data-testid="export-results-csv" on:click=export_csv>"下载检查结果（CSV，可用 Excel 打开）"</button>
                <button type="button" data-testid="export-unit-xlsx" title="汇总、逐表结果、问题清单（可选每张表一个工作表）"
                    on:click=export_xlsx>"下载检查结果（Excel 工作簿）"</button>
                <label class="inline-check">
                    <input type="checkbox" data-testid="export-with-forms" prop:checked=move || with_forms.get()
                        on:change=move |ev| with_forms.set(event_target_checked(&ev))/>
                    "含各表（按表样）"
                </label>
                <button type="button" data-testid="export-unit-docx" title="部门决算用：绩效评价情况说明、得分分布和有错误的表"
                    on:click=export_docx>"下载绩效评价情况说明（Word）"</button>
            </div>
            <div class="filters">
                <label>"问题 "
                    <select data-testid="filter-severity" on:change=move |ev| filter.update(|f| f.severity = ProblemFilter::from_value(&event_target_value(&ev)))>
                        {ProblemFilter::ALL.map(|p| view! { <option value=p.value()>{p.label()}</option> })}
                    </select>
                </label>
                <label>"问题类型 "
                    <select data-testid="filter-code" on:change=move |ev| filter.update(|f| f.code = event_target_value(&ev).parse::<Code>().ok())>
                        <option value="">"全部"</option>
                        {codes.into_iter().map(|(code, forms)| view! {
                            <option value=code.as_str()>{format!("{}（{forms} 张表）", code.title())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>"计算等级 "
                    <select data-testid="filter-grade" on:change=move |ev| {
                        let g = event_target_value(&ev);
                        filter.update(|f| f.grade = (!g.is_empty()).then_some(g));
                    }>
                        <option value="">"全部"</option>
                        {grades.into_iter().map(|g| view! { <option value=g>{g}</option> }).collect_view()}
                    </select>
                </label>
                <span class="shown" data-testid="review-shown">{move || format!("显示 {} / {} 张表", rows.with(Vec::len), summary.forms)}</span>
            </div>
            <table class="list review" data-testid="review-table">
                <thead><tr>
                    {header("序号", SortKey::Order)}{header("名称", SortKey::Name)}<th>"表样"</th>{header("执行率", SortKey::Rate)}
                    {header("表中总分", SortKey::Printed)}{header("计算总分", SortKey::Computed)}<th>"表中等级"</th><th>"计算等级"</th>
                    {header("错误", SortKey::Errors)}{header("警告", SortKey::Warnings)}
                </tr></thead>
                <tbody>
                    <For each=move || rows.get() key=|i| *i let:index>
                        <ReviewRow index=index outcome=outcome selected=selected/>
                    </For>
                </tbody>
            </table>
            {move || selected.get().map(|index| view! { <FormDetail index=index outcome=outcome selected=selected/> })}
        </div>
    }
}

#[component]
fn ReviewRow(
    index: usize,
    outcome: StoredValue<Arc<ImportOutcome>>,
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let dash = || "—".to_string();
    outcome.with_value(|o| {
        let r = &o.reviewed[index];
        let (computed_total, computed_grade) = review::computed(r);
        let total_differs = r.printed_total.is_some() && computed_total.is_some() && r.printed_total != computed_total;
        view! {
            <tr data-testid="review-row" class:selected=move || selected.get() == Some(index) class:incomplete=r.incomplete() on:click=move |_| {
                selected.set(Some(index));
                request_animation_frame(|| browser::scroll_to_testid("form-detail"));
            }>
                <td>{index + 1}</td>
                <td class="name" title=r.imported.source.as_ref().map(ToString::to_string)>
                    <a href="#" on:click=move |ev| ev.prevent_default()>{short_name(&r.imported.form)}</a>
                    {r.imported.incomplete.as_ref().map(|stop| view! {
                        <span class="tag tag-incomplete" data-testid="row-incomplete" title=stop.message.clone()>"未能完整读取"</span>
                    })}
                </td>
                <td>{r.imported.form.kind_label()}</td>
                <td>{r.rate.clone().unwrap_or_else(dash)}</td>
                <td class:count-error=total_differs>{r.printed_total.map(fmt_num).unwrap_or_else(|| if r.not_scored { "不计分数".into() } else { dash() })}</td>
                <td>{computed_total.map(fmt_num).unwrap_or_else(dash)}</td>
                <td>{if r.grade_printed.is_empty() { dash() } else { r.grade_printed.clone() }}</td>
                <td>{computed_grade.unwrap_or(NO_GRADE).to_string()}</td>
                <td class:count-error={r.count(Severity::Error) > 0}>{r.count(Severity::Error)}</td>
                <td class:count-warning={r.count(Severity::Warning) > 0}>{r.count(Severity::Warning)}</td>
            </tr>
        }
    })
}

#[component]
fn FormDetail(
    index: usize,
    outcome: StoredValue<Arc<ImportOutcome>>,
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let app = expect_context::<App>();
    outcome.with_value(|o| {
        let r = &o.reviewed[index];
        // Every form type: the printed values are kept (auto_compute off).
        let form = r.imported.form.clone();
        let save = move |_| {
            let draft = app.new_draft(form.clone(), false);
            if app.save_or_warn(&draft).is_some() {
                app.notice
                    .set(Some("已另存为草稿，可在编辑器中修改后重新检查。".into()));
                app.open_editor(&draft.id);
            }
        };
        view! {
            <div class="detail" data-testid="form-detail">
                <div class="detail-head">
                    <h3>{short_name(&r.imported.form)}</h3>
                    <span data-testid="form-source">{match &r.imported.source {
                        Some(source) => format!("{}，来源：{source}", r.imported.form.kind_label()),
                        None => format!("{}，来源第 {}–{} 行", r.imported.form.kind_label(), r.imported.source_lines.0, r.imported.source_lines.1),
                    }}</span>
                    <button type="button" class="primary" data-testid="save-as-draft" on:click=save>"另存为草稿"</button>
                    <button type="button" on:click=move |_| selected.set(None)>"关闭"</button>
                </div>
                {(!r.imported.notes.is_empty()).then(|| view! {
                    <ul class="doc-notes">{r.imported.notes.iter().map(|n| view! { <li>{note_text(n)}</li> }).collect_view()}</ul>
                })}
                {if r.findings.is_empty() { view! { <p class="ok">"未发现问题。"</p> }.into_any() } else { view! {
                    <ul class="detail-findings">
                        {r.findings.iter().map(|f| view! {
                            <li class=format!("finding sev-{:?}", f.severity).to_lowercase() data-testid="detail-finding" data-code=f.code.as_str()>
                                <span class="finding-head">
                                    <b class="title">{f.code.title()}</b>
                                    <code class="code">{f.code.as_str()}</code>
                                    <RuleLink code=f.code/>
                                </span>
                                <span class="where">{format!("{} · {}", f.severity.label(), f.location)}</span>
                                <span class="what">{f.message.clone()}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any() }}
            </div>
        }
    })
}
