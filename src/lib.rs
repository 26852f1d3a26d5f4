//! 绩效自评 — offline budget performance self-evaluation.
//!
//! `core` is pure Rust (no web dependencies) and holds every rule of the
//! domain; `ui` and `browser` exist only in the wasm build.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Shown in the footer and written into every export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
