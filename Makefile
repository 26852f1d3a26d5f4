# 绩效自评 — the two commands users need: `make run` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080

.PHONY: setup setup-browser setup-office dist run test test-native test-office test-browser test-old bench clean

setup:
	@tools/setup.sh

setup-browser:
	@tools/setup-browser.sh

setup-office:
	@tools/setup-office.sh

# The wasm is built for Chromium 83+ (issue 12): std rebuilt from source
# (rust-src) without reference-types and multi-value, which rustc >= 1.82
# enables by default and which Chromium < 96 / < 85 cannot load. Then
# wasm-bindgen emits no externref. The nightly switches (RUSTC_BOOTSTRAP,
# build-std) and the target flags apply to this wasm build only: native
# `cargo test`/clippy and their caches are unaffected.
WASM_COMPAT_FEATURES := -reference-types,-multivalue,+bulk-memory,+sign-ext,+nontrapping-fptoint,+mutable-globals
WASM_COMPAT_ENV := RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-cpu=mvp -C target-feature=$(WASM_COMPAT_FEATURES)"

# Release build packed into ONE self-contained file: dist/index.html.
dist: setup
	$(WASM_COMPAT_ENV) trunk build --release
	rm -rf dist && node tools/pack.mjs target/trunk-dist dist/index.html

run: dist
	@echo
	@echo "直接打开文件 (file://): file://$(CURDIR)/dist/index.html"
	@echo "或通过本机网页访问 (http):  http://127.0.0.1:$(PORT)/index.html"
	@echo "按 Ctrl+C 停止。"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

test-native:
	cargo test
	@cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
	cargo clippy --all-targets -- -D warnings

# The generated .xlsx/.docx opened by LibreOffice (a reader we did not write).
test-office: setup-office
	tools/office-check.sh

# Every browser test: current Chromium (playwright-core), the old kernels
# Chromium 83/88/92 (old-chromium.test.mjs, puppeteer-core 5.5) and Firefox
# ESR (firefox.test.mjs), all on the same dist/index.html.
test-browser: dist setup-browser
	node --test --test-concurrency=1 tests/browser/

# Only the compatibility tests (old Chromium kernels and Firefox ESR).
test-old: dist setup-browser
	node --test --test-concurrency=1 tests/browser/old-chromium.test.mjs tests/browser/firefox.test.mjs

# Every test: native core tests, reports in LibreOffice, the release page
# build, browser tests.
test: test-native test-office test-browser

# Native engine benchmarks (criterion), then the same work in the browser.
bench: dist setup-browser
	cargo bench --bench engine
	node tools/bench-browser.mjs

clean:
	rm -rf dist target/trunk-dist
