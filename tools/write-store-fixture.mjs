// Writes tests/fixtures/stores/<version>.json: the localStorage a user of this
// release has after typing two drafts and binning one. Later builds must open
// it with nothing lost (tests/drafts_outlive_releases.rs, tests/browser/).
// Usage: node tools/write-store-fixture.mjs  (after `make dist`)
import { chromium } from 'playwright-core';
import { writeFileSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const version = /^version = "([^"]+)"/m.exec(readFileSync('Cargo.toml', 'utf8'))[1];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto(pathToFileURL(resolve('dist/index.html')).href);
await page.getByTestId('app-shell').waitFor();
const saved = () => page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent.startsWith('已保存'));
const field = (id) => page.locator(`[data-field="${id}"]`);

await page.getByTestId('new-form-bj').click();
await page.getByTestId('field-project-name').fill('社区服务经费');
await page.getByTestId('fund-total-annual').fill('2175.9657');
await page.getByTestId('fund-total-spent').fill('1962.2');
await field('indicators.0.name').fill('培训场次');
await field('indicators.0.target').fill('≥4次');
await field('indicators.0.actual').fill('4次');
await field('indicators.0.weight').fill('90');
await field('indicators.0.score').fill('85');
await field('indicators.0.reason').fill('一场培训改为线上');
await saved();
await page.getByTestId('editor-back').click();

await page.getByTestId('new-form-hb').click();
await page.getByTestId('field-project-name').fill('教育支出');
await page.getByTestId('fund-total-annual').fill('1069.34');
await page.getByTestId('fund-total-spent').fill('939.9');
await saved();
await page.getByTestId('editor-back').click();

await page.getByTestId('new-form-bj').click();
await page.getByTestId('field-project-name').fill('已删除的草稿');
await saved();
await page.getByTestId('editor-back').click();
page.once('dialog', (d) => d.accept());
await page.locator('[data-testid="draft-item"]', { hasText: '已删除的草稿' }).getByTestId('draft-delete').click();
await page.waitForTimeout(300);

const store = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('jixiao.')).map((k) => [k, localStorage.getItem(k)])));
const out = `tests/fixtures/stores/release-${version}.json`;
writeFileSync(out, JSON.stringify(store, null, 2) + '\n');
console.log(`${out}: ${Object.keys(store).length} keys`);
await browser.close();
