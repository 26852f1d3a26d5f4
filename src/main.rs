#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic ends the module (panic = "abort"): before it does, log it and
    // show the page's rescue screen, so drafts stay one click away.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        jixiao::browser::show_rescue(&info.to_string());
    }));
    jixiao::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("绩效自评是一个浏览器应用：请用 `make run` 构建并打开页面。");
}
