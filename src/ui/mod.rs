//! The Leptos UI: renders the core's state and sends edits to it.

use leptos::prelude::*;

use crate::browser;

/// Screens are switched by a signal, not a router: leptos_router has no hash
/// mode and the page is often opened from file://.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Screen {
    Drafts,
    Import,
    About,
}

impl Screen {
    const ALL: [Screen; 3] = [Screen::Drafts, Screen::Import, Screen::About];

    fn label(self) -> &'static str {
        match self {
            Screen::Drafts => "草稿",
            Screen::Import => "导入检查",
            Screen::About => "关于",
        }
    }

    fn test_id(self) -> &'static str {
        match self {
            Screen::Drafts => "nav-drafts",
            Screen::Import => "nav-import",
            Screen::About => "nav-about",
        }
    }
}

pub fn mount() {
    leptos::mount::mount_to(browser::app_root(), App).forget();
    browser::remove_loading_message();
}

#[component]
fn App() -> impl IntoView {
    let (screen, set_screen) = signal(Screen::Drafts);
    view! {
        <div class="app-shell" data-testid="app-shell">
            <header class="topbar">
                <h1>"绩效自评"</h1>
                <nav class="nav">
                    {Screen::ALL
                        .into_iter()
                        .map(|s| {
                            view! {
                                <button
                                    type="button"
                                    data-testid=s.test_id()
                                    class:active=move || screen.get() == s
                                    aria-current=move || (screen.get() == s).then_some("page")
                                    on:click=move |_| set_screen.set(s)
                                >
                                    {s.label()}
                                </button>
                            }
                        })
                        .collect_view()}
                </nav>
            </header>
            <main class="content" data-testid="screen" data-screen=move || format!("{:?}", screen.get())>
                {move || match screen.get() {
                    Screen::Drafts => view! { <DraftsScreen/> }.into_any(),
                    Screen::Import => view! { <ImportScreen/> }.into_any(),
                    Screen::About => view! { <AboutScreen/> }.into_any(),
                }}
            </main>
            <footer class="footer" data-testid="footer">
                <span>"版本 " {crate::APP_VERSION}</span>
                <span>"数据只保存在本机浏览器中，请定期导出备份"</span>
            </footer>
        </div>
    }
}

#[component]
fn DraftsScreen() -> impl IntoView {
    view! {
        <section data-testid="screen-drafts">
            <h2>"草稿"</h2>
            <p class="notice">"表单编辑器尚未完成：本版本还不能新建或保存自评表草稿。"</p>
        </section>
    }
}

#[component]
fn ImportScreen() -> impl IntoView {
    view! {
        <section data-testid="screen-import">
            <h2>"导入检查"</h2>
            <p class="notice">"批量导入与检查尚未完成：本版本还不能导入已填写的自评表。"</p>
        </section>
    }
}

#[component]
fn AboutScreen() -> impl IntoView {
    view! {
        <section data-testid="screen-about">
            <h2>"关于"</h2>
            <p>
                "本工具用于填写、评分和检查项目支出绩效自评表，按官方表样计算执行率、得分、总分和等级，"
                "并逐项说明每个数字的来历。"
            </p>
            <ul>
                <li>"完全离线运行：不连接任何服务器，不发送任何数据。"</li>
                <li>"数据只保存在本机浏览器中（localStorage），更换电脑或清理浏览器会丢失，请定期导出备份。"</li>
                <li>"浏览器要求：Chrome / Edge 97 或更高版本，或同等内核的国产浏览器（极速模式）。"</li>
            </ul>
            <p>"版本 " {crate::APP_VERSION}</p>
        </section>
    }
}
