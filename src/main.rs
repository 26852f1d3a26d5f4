#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    jixiao::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("绩效自评是一个浏览器应用：请用 `make run` 构建并打开页面。");
}
