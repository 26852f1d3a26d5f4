// Writes tests/fixtures/stores/<version>.json: the localStorage a user of this
// release has after typing two drafts and binning one (and, from 0.2.0, a
// declaration with its linked self-evaluation, a department form and an
// evaluation table). Later builds must open
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

// 0.2.0: every form type, and a declaration → self-evaluation link.
await page.getByTestId('new-form-decl').click();
await page.getByTestId('field-project-name').fill('社区培训');
await field('budget').fill('1000000元');
await field('indicators.0.content').fill('培训次数');
await field('indicators.0.target').fill('≥4次');
await saved();
await page.getByTestId('selfeval-from-decl').click();
await page.getByTestId('linked-declaration').waitFor();
await page.getByTestId('indicator-target').first().fill('≥2次');
await saved();
await page.getByTestId('editor-back').click();
await page.getByTestId('new-form-dept').click();
await page.getByTestId('dept-unit').fill('武汉市某局');
await page.getByTestId('dept-budget-annual').fill('1000');
await page.getByTestId('dept-budget-spent').fill('993.7');
await saved();
await page.getByTestId('editor-back').click();
await page.getByTestId('new-form-eval').click();
await page.getByTestId('field-project-name').fill('背街小巷清扫保洁');
await field('items.0.score').fill('11.70');
await saved();
await page.getByTestId('editor-back').click();

const store = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('jixiao.')).map((k) => [k, localStorage.getItem(k)])));
const out = `tests/fixtures/stores/release-${version}.json`;
writeFileSync(out, JSON.stringify(store, null, 2) + '\n');
console.log(`${out}: ${Object.keys(store).length} keys`);
await browser.close();
