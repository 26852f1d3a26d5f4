//! 关于 → 检查规则: every check of the registry with its title, severity
//! and What / Why / Fix, generated from `core::validate::Code::ALL`; and the
//! link each finding carries to its rule.

use leptos::prelude::*;

use super::state::{App, Screen};
use crate::browser;
use crate::core::validate::Code;

/// The element id of a rule's entry ("rule-EXEC_SCORE").
fn anchor(code: Code) -> String {
    format!("rule-{}", code.as_str())
}

#[component]
pub fn RulesList() -> impl IntoView {
    view! {
        <section class="rules" data-testid="rules">
            <h3>"检查规则"</h3>
            <p>"下列规则由本工具逐条检查；“适用于 PDF 文本”表示从 PDF 提取的表格（只有数字可靠）也做这项检查。"</p>
            <dl>
                {Code::ALL.iter().map(|code| {
                    let rule = code.rule();
                    view! {
                        <div class="rule" id=anchor(*code) tabindex="-1" data-testid="rule" data-code=rule.id>
                            <dt>
                                <b>{rule.title}</b>
                                <code class="code">{rule.id}</code>
                                <span class=format!("sev sev-{:?}", rule.severity).to_lowercase()>{rule.severity.label()}</span>
                                {rule.numbers_only.then(|| view! { <span class="tag">"适用于 PDF 文本"</span> })}
                            </dt>
                            <dd>
                                <p><b>"检查什么："</b>{rule.what}</p>
                                <p><b>"为什么："</b>{rule.why}</p>
                                <p><b>"怎么改："</b>{rule.fix}</p>
                            </dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
        </section>
    }
}

/// "规则说明": opens 关于 at the finding's rule.
#[component]
pub fn RuleLink(code: Code) -> impl IntoView {
    let app = expect_context::<App>();
    let go = move |_| {
        app.screen.set(Screen::About);
        let id = anchor(code);
        request_animation_frame(move || {
            browser::focus_element_by_id(&id);
        });
    };
    view! {
        <button type="button" class="link rule-link" data-testid="rule-link" data-code=code.as_str()
            title=format!("查看规则说明：{}", code.title()) on:click=go>
            "规则说明"
        </button>
    }
}
