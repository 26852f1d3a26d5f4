# 绩效自评 — the two commands users need: `make run` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080

.PHONY: setup setup-browser setup-office dist run test test-native test-office test-browser bench clean

setup:
	@tools/setup.sh

setup-browser:
	@tools/setup-browser.sh

setup-office:
	@tools/setup-office.sh

# Release build packed into ONE self-contained file: dist/index.html.
dist: setup
	trunk build --release
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

test-browser: dist setup-browser
	node --test --test-concurrency=1 tests/browser/

# Every test: native core tests, reports in LibreOffice, the release page
# build, browser tests.
test: test-native test-office test-browser

# Native engine benchmarks (criterion), then the same work in the browser.
bench: dist setup-browser
	cargo bench --bench engine
	node tools/bench-browser.mjs

clean:
	rm -rf dist target/trunk-dist
