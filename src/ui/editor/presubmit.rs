//! "提交前检查": every open error and every empty required cell of the form
//! in one list, each taking the clerk to its cell, or the all-clear.

use leptos::prelude::*;

use super::Ctx;
use crate::browser;
use crate::core::validate::Severity;

#[component]
pub fn Presubmit(close: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // (what, where, field id), errors first, then the empty required cells.
    let items = move || {
        let mut list: Vec<(String, String, String)> = ctx.findings.with(|fs| {
            fs.iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| (format!("错误：{}", f.rule().title), format!("{}：{}", f.location, f.message), f.field.to_string()))
                .collect()
        });
        list.extend(ctx.missing.with(|ms| {
            ms.iter()
                .map(|m| ("未填写".to_string(), m.label.clone(), m.field.to_string()))
                .collect::<Vec<_>>()
        }));
        list
    };
    let warnings = move || ctx.findings.with(|fs| fs.iter().filter(|f| f.severity == Severity::Warning).count());
    let close_button = close.clone();
    view! {
        <section class="presubmit" data-testid="presubmit" aria-label="提交前检查">
            <header>
                <h2>"提交前检查"</h2>
                <button type="button" class="link" on:click=move |_| close_button()>"关闭"</button>
            </header>
            {move || {
                let list = items();
                if list.is_empty() {
                    view! {
                        <p class="ok" data-testid="presubmit-clear">
                            "✓ 可以提交：没有错误，必填项均已填写。"
                            {move || (warnings() > 0).then(|| format!("另有 {} 条警告，请看右侧检查结果后再决定是否修改。", warnings()))}
                        </p>
                    }
                    .into_any()
                } else {
                    view! {
                        <p>{format!("提交前还有 {} 项需要处理（点击可跳到对应单元格）：", list.len())}</p>
                        <ol>
                            {list.into_iter().map(|(what, place, field)| view! {
                                <li data-testid="presubmit-item">
                                    <button type="button" class="link" on:click=move |_| { browser::focus_field(&field); }>
                                        <b>{what}</b>" "{place}
                                    </button>
                                </li>
                            }).collect_view()}
                        </ol>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}
