//! Report buttons and the print sheet. The files themselves are made by the
//! core (`core::report`); this module only offers them for download and
//! renders the same printed layout as HTML for the browser's print.

use leptos::prelude::*;

use super::state::App;
use crate::browser::files::{self, DOCX, XLSX};
use crate::core::edit;
use crate::core::model::Form;
use crate::core::report::layout::{Cached, Content, Grid, NumberKind, Role};
use crate::core::report::{self, docx, form_grid, xlsx};

/// The form as it is handed in: forms made here print their computed
/// figures (the editor's "采用计算结果" mode).
pub fn as_reported(form: &Form, auto: bool) -> Form {
    let mut f = form.clone();
    if auto {
        edit::fill_computed(&mut f);
    }
    f
}

/// Downloads bytes made by the core, or says why not on the page.
pub fn offer(app: App, made: Result<Vec<u8>, String>, name: &str, mime: &str) {
    let outcome = made.and_then(|bytes| files::download_bytes(name, mime, &bytes).map(|_| bytes.len()));
    app.notice.set(Some(match outcome {
        Ok(size) => format!("已生成 {name}（{} KB）", size.div_ceil(1024)),
        Err(e) => e,
    }));
}

const BODY_CLASS: &str = "printing-sheet";

fn set_printing(on: bool) {
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = if on {
            body.class_list().add_1(BODY_CLASS)
        } else {
            body.class_list().remove_1(BODY_CLASS)
        };
    }
}

/// Excel, Word and print for the form in the editor. `sheet` holds the
/// print sheet while printing; [`PrintSlot`] shows it.
#[component]
pub fn FormReports(form: RwSignal<Form>, auto: RwSignal<bool>, sheet: RwSignal<Option<Grid>>) -> impl IntoView {
    let app = expect_context::<App>();
    let with_findings = RwSignal::new(false);
    let reported = move || as_reported(&form.get_untracked(), auto.get_untracked());
    let name_of = move |f: &Form, what: &str, ext: &str| report::file_name(f.name(), what, f.year(), ext);
    // The short name of each form type in file names.
    let what = |f: &Form| match f {
        Form::Project(_) => "自评表",
        Form::Department(_) => "部门整体自评表",
        Form::Declaration(_) => "绩效目标申报表",
        Form::Evaluation(_) => "评价得分表",
    };
    // Word reports exist for project self-evaluations (the 自评报告).
    let is_project = form.with_untracked(|f| matches!(f, Form::Project(_)));

    let download_xlsx = move |_| {
        let f = reported();
        let name = name_of(&f, what(&f), "xlsx");
        offer(app, xlsx::form_workbook(&f), &name, XLSX);
    };
    let download_docx = move |_| {
        let f = reported();
        let name = name_of(&f, "自评报告", "docx");
        offer(app, docx::form_report(&f, with_findings.get_untracked()), &name, DOCX);
    };
    // Ctrl+P prints the sheet too: it is built just before printing.
    let prepare = move || {
        sheet.set(form_grid(&reported()));
        set_printing(true);
    };
    let before = window_event_listener_untyped("beforeprint", move |_| prepare());
    let after = window_event_listener_untyped("afterprint", move |_| {
        set_printing(false);
        sheet.set(None);
    });
    on_cleanup(move || {
        before.remove();
        after.remove();
        set_printing(false);
    });
    let print = move |_| {
        prepare();
        // Let the sheet render before the print dialog takes its picture.
        set_timeout(
            move || {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            },
            std::time::Duration::from_millis(30),
        );
    };

    view! {
        <span class="report-buttons">
            <button type="button" data-testid="download-form-xlsx" title="按官方表样生成 Excel 文件（金额、执行率为数值，合计为公式）"
                on:click=download_xlsx>"下载 Excel 表"</button>
            {is_project.then(|| view! {
                <button type="button" data-testid="download-form-docx" title="生成项目支出绩效自评报告（Word），表格与各部分内容取自本表"
                    on:click=download_docx>"下载 Word 报告"</button>
                <label class="inline-check" title="在 Word 报告末尾列出检查发现的问题，供核实">
                    <input type="checkbox" data-testid="docx-with-findings"
                        prop:checked=move || with_findings.get()
                        on:change=move |ev| with_findings.set(event_target_checked(&ev))/>
                    "附待核实事项"
                </label>
            })}
            <button type="button" data-testid="print-form" title="按官方表样打印（A4），可在打印窗口中另存为 PDF"
                on:click=print>"打印表格"</button>
        </span>
    }
}

/// Where the print sheet goes: a direct child of the editor, so printing
/// can hide everything else.
#[component]
pub fn PrintSlot(sheet: RwSignal<Option<Grid>>) -> impl IntoView {
    move || sheet.get().map(|g| view! { <PrintSheet grid=g/> })
}

/// A number as the printed form shows it.
fn shown(content: &Content) -> String {
    match content {
        Content::Number(d, NumberKind::Money) => {
            // 万元 with at least two decimals, as the Excel format shows it.
            let s = crate::core::scoring::fmt_num(*d);
            match s.split_once('.') {
                None => format!("{s}.00"),
                Some((_, frac)) if frac.len() == 1 => format!("{s}0"),
                _ => s,
            }
        }
        other => other.display(),
    }
}

fn is_number(content: &Content) -> bool {
    matches!(
        content,
        Content::Number(..)
            | Content::Formula {
                kind: NumberKind::Money | NumberKind::Score | NumberKind::Percent,
                ..
            }
    )
}

/// Rows `from..to` of the grid as table rows.
fn rows_view(grid: &Grid, from: usize, to: usize) -> impl IntoView {
    (from..to)
        .map(|r| {
            let cells = grid
                .row_blocks(r)
                .into_iter()
                .map(|b| {
                    let text = shown(&b.content);
                    let class = match (b.role, is_number(&b.content)) {
                        (Role::Label, _) => "label",
                        (_, true)
                            if !matches!(
                                b.content,
                                Content::Formula {
                                    cached: Some(Cached::Text(_)),
                                    ..
                                }
                            ) =>
                        {
                            "num"
                        }
                        _ => "value",
                    };
                    // Rows merged across the page break are cut at the split.
                    let rows = b.rows.min(to.saturating_sub(r)).max(1);
                    view! {
                        <td class=class colspan=b.cols rowspan=rows>
                            {text.lines().map(|l| view! { <div>{l.to_string()}</div> }).collect_view()}
                        </td>
                    }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view()
}

/// The form in its printed layout: shown only when printing. The indicator
/// table's column headings repeat on every page (thead).
#[component]
fn PrintSheet(grid: Grid) -> impl IntoView {
    let total: u32 = grid.widths.iter().map(|w| u32::from(*w)).sum::<u32>().max(1);
    let colgroup = {
        let widths: Vec<String> = grid
            .widths
            .iter()
            .map(|w| format!("width:{:.2}%", f64::from(*w) * 100.0 / f64::from(total)))
            .collect();
        move || widths.iter().map(|w| view! { <col style=w.clone()/> }).collect_view()
    };
    let split = grid.header_row.unwrap_or(grid.rows);
    let page = if grid.landscape {
        "@page { size: A4 landscape; margin: 10mm; }"
    } else {
        "@page { size: A4 portrait; margin: 12mm 10mm; }"
    };
    let head = (split < grid.rows).then(|| split);
    let footer = grid
        .footer
        .iter()
        .map(|(label, value)| view! { <span class="print-footer-item">{format!("{label}：{value}")}</span> })
        .collect_view();
    view! {
        <section class="print-sheet" data-testid="print-sheet" aria-hidden="true">
            <style>{page}</style>
            <h1 class="print-title">{grid.title.clone()}</h1>
            <p class="print-subtitle">{grid.subtitle.clone()}</p>
            <table class="print-table">
                <colgroup>{colgroup()}</colgroup>
                <tbody>{rows_view(&grid, 0, split)}</tbody>
            </table>
            {head.map(|h| view! {
                <table class="print-table print-table-continued">
                    <colgroup>{colgroup()}</colgroup>
                    <thead>{rows_view(&grid, h, h + 1)}</thead>
                    <tbody>{rows_view(&grid, h + 1, grid.rows)}</tbody>
                </table>
            })}
            <div class="print-footer">{footer}</div>
        </section>
    }
}
