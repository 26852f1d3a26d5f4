//! The Leptos UI: renders the core's state and sends edits to it.

mod drafts;
mod editor;
mod import;
mod reports;
mod rules;
mod state;

use leptos::prelude::*;

use crate::browser;
use state::{App, Screen};

pub fn mount() {
    leptos::mount::mount_to(browser::app_root(), AppShell).forget();
    browser::remove_loading_message();
}

/// Top navigation entries (the editor lives under 草稿).
const NAV: [(Screen, &str, &str); 3] = [
    (Screen::Drafts, "草稿", "nav-drafts"),
    (Screen::Import, "导入检查", "nav-import"),
    (Screen::About, "关于", "nav-about"),
];

/// Text sizes A−/A+ step through, in percent; remembered in this browser.
const TEXT_SIZES: [u32; 6] = [90, 100, 110, 125, 140, 160];
const TEXT_SIZE_KEY: &str = "jixiao.v1.ui.text-size";

/// A− / A+: the whole page larger or smaller (CSS zoom, which Chromium 83
/// has), remembered across reloads.
#[component]
fn TextSize() -> impl IntoView {
    let stored = crate::browser::storage::open()
        .ok()
        .and_then(|s| s.get(TEXT_SIZE_KEY))
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|v| TEXT_SIZES.contains(v))
        .unwrap_or(100);
    let size = RwSignal::new(stored);
    Effect::new(move |_| {
        let percent = size.get();
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = body.style().set_property("zoom", &format!("{percent}%"));
        }
        if let Ok(store) = crate::browser::storage::open() {
            let _ = store.set(TEXT_SIZE_KEY, &percent.to_string());
        }
    });
    let step = move |up: bool| {
        let at = TEXT_SIZES.iter().position(|v| *v == size.get_untracked()).unwrap_or(1);
        let next = if up { (at + 1).min(TEXT_SIZES.len() - 1) } else { at.saturating_sub(1) };
        size.set(TEXT_SIZES[next]);
    };
    view! {
        <span class="text-size" role="group" aria-label="文字大小">
            <button type="button" data-testid="text-smaller" title="文字缩小" aria-label="A− 文字缩小" on:click=move |_| step(false)>"A−"</button>
            <span data-testid="text-size">{move || format!("{}%", size.get())}</span>
            <button type="button" data-testid="text-larger" title="文字放大" aria-label="A+ 文字放大" on:click=move |_| step(true)>"A+"</button>
        </span>
    }
}

#[component]
fn AppShell() -> impl IntoView {
    // Screens are switched by a signal, not a router: leptos_router has no
    // hash mode and the page is often opened from file://.
    let app = App::load();
    provide_context(app);
    let current = move || match app.screen.get() {
        Screen::Editor => Screen::Drafts,
        s => s,
    };
    view! {
        <div class="app-shell" data-testid="app-shell">
            <header class="topbar">
                <h1>"绩效自评"</h1>
                <nav class="nav">
                    {NAV
                        .into_iter()
                        .map(|(s, label, id)| {
                            view! {
                                <button
                                    type="button"
                                    data-testid=id
                                    class:active=move || current() == s
                                    aria-current=move || (current() == s).then_some("page")
                                    on:click=move |_| app.screen.set(s)
                                >
                                    {label}
                                </button>
                            }
                        })
                        .collect_view()}
                </nav>
                <TextSize/>
            </header>
            <StorageBanner/>
            <main class="content" data-testid="screen" data-screen=move || format!("{:?}", app.screen.get())>
                {move || app.notice.get().map(|n| view! {
                    <p class="notice-line" data-testid="notice">
                        {n}
                        <button type="button" class="link" on:click=move |_| app.notice.set(None)>"知道了"</button>
                    </p>
                })}
                {move || match app.screen.get() {
                    Screen::Drafts => view! { <drafts::DraftsScreen/> }.into_any(),
                    Screen::Editor => view! { <editor::EditorScreen/> }.into_any(),
                    Screen::Import => view! { <import::ImportScreen/> }.into_any(),
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

/// Storage unavailable or full, and records that could not be read.
#[component]
fn StorageBanner() -> impl IntoView {
    let app = expect_context::<App>();
    view! {
        {move || app.storage_problem.get().map(|msg| view! {
            <div class="banner banner-error" role="alert" data-testid="storage-warning">
                <span>{msg}</span>
                <button type="button" data-testid="backup-download" on:click=move |_| app.download_backup(None)>"下载全部草稿备份"</button>
            </div>
        })}
        {move || {
            let list = app.unreadable.get();
            (!list.is_empty()).then(|| view! {
                <div class="banner banner-warning" role="status" data-testid="unreadable-drafts">
                    <ul>{list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                    <button type="button" data-testid="unreadable-download" on:click=move |_| browser::rescue_download()>
                        "下载全部草稿的原始内容"
                    </button>
                </div>
            })
        }}
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
                <li>"浏览器要求：Chrome / Edge 83 或更高版本，或 Chromium 83 及以上内核的国产浏览器（极速模式）。"</li>
                <li>"键盘操作：Tab 键按表格顺序移动；在某组最后一行按回车可新增一行指标。"</li>
            </ul>
            <p>"版本 " {crate::APP_VERSION}</p>
            <rules::RulesList/>
        </section>
    }
}
