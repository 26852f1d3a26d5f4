// The rescue path (issue 14 §2): when the module cannot start, the page still
// offers every stored draft as a backup file that the app's import accepts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { launchBrowser, fileUrl, openPage, DIST } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** A copy of the page whose wasm is damaged: the module cannot be compiled. */
function brokenPage() {
  const html = readFileSync(DIST, 'utf8');
  const marker = 'const WASM_GZIP_BASE64 = "';
  const at = html.indexOf(marker);
  assert.ok(at > 0, 'the page embeds its wasm');
  const start = at + marker.length;
  const broken = html.slice(0, start) + 'AAAAAAAAAAAAAAAA' + html.slice(start + 16);
  const path = join(mkdtempSync(join(tmpdir(), 'jixiao-broken-')), 'index.html');
  writeFileSync(path, broken);
  return pathToFileURL(path).href;
}

test('with the module broken, rescue-download saves every draft and the backup imports', async () => {
  // A draft typed in the working page (file:// pages share one storage).
  const { page, context } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('new-form-bj').click();
  await page.getByTestId('field-project-name').fill('抢救测试项目');
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent.startsWith('已保存'), null, { timeout: 5000 });

  const broken = await context.newPage();
  await broken.goto(brokenPage());
  const rescue = broken.getByTestId('rescue');
  await rescue.waitFor({ timeout: 10000 });
  assert.match(await rescue.innerText(), /程序出错/);
  assert.match(await rescue.innerText(), /草稿仍保存在本浏览器中/);
  const [download] = await Promise.all([broken.waitForEvent('download'), broken.getByTestId('rescue-download').click()]);
  const path = await download.path();
  const backup = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(backup.format, 'jixiao-backup');
  assert.ok(backup.drafts.some((d) => d.draft?.form?.name === '抢救测试项目'), 'the draft is in the rescue file');
  assert.ok(Object.keys(backup.raw).some((k) => k.startsWith('jixiao.v1.draft.')), 'raw keys kept verbatim');

  // On another machine (empty storage), 导入备份文件 restores it.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId('app-shell').waitFor();
  assert.equal(await page.getByTestId('draft-item').count(), 0);
  await page.getByTestId('backup-import').setInputFiles(path);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="draft-item"]')].some((r) => r.textContent.includes('抢救测试项目')), null, { timeout: 5000 });
  await context.close();
});

test('an old browser is told so, and is offered the rescue download too', async () => {
  // No WebAssembly at all: the probe's message, plus the download.
  const { page, context } = await openPage(browser, fileUrl(), { initScript: () => { delete window.WebAssembly; } });
  await page.getByTestId('browser-unsupported').waitFor();
  assert.match(await page.getByTestId('browser-unsupported').innerText(), /浏览器版本过低/);
  await page.getByTestId('rescue-download').waitFor();
  await context.close();
});

test('a store written by an earlier release opens with every draft', async () => {
  const dir = new URL('../fixtures/stores/', import.meta.url);
  const { readdirSync } = await import('node:fs');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const store = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
    const { page, context, errors } = await openPage(browser, fileUrl());
    // Seed this release's storage with the old store, then start again.
    await page.evaluate((s) => { localStorage.clear(); for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v); }, store);
    await page.reload();
    await page.getByTestId('app-shell').waitFor();
    const names = await page.getByTestId('draft-item').allInnerTexts();
    assert.ok(names.some((n) => n.includes('社区服务经费')), `${file}: ${names.join('|')}`);
    assert.ok(names.some((n) => n.includes('教育支出')), `${file}: ${names.join('|')}`);
    // From 0.2.0 every form type is a draft, and a self-evaluation is linked.
    if (!/release-0\.1\./.test(file)) {
      for (const name of ['社区培训', '武汉市某局', '背街小巷清扫保洁']) assert.ok(names.some((n) => n.includes(name)), `${file}: ${name}`);
      await page.locator('[data-testid="draft-item"]', { hasText: '项目支出绩效自评表' }).filter({ hasText: '社区培训' }).getByTestId('draft-open').click();
      assert.match(await page.getByTestId('linked-declaration').innerText(), /社区培训/);
      await page.getByTestId('findings').locator('.finding[data-code="LINK_TARGET_CHANGED"]').waitFor();
      await page.getByTestId('editor-back').click();
    }
    await page.getByTestId('recycle-bin-toggle').click();
    assert.match(await page.locator('.bin').innerText(), /已删除的草稿/);
    assert.deepEqual(errors, [], file);
    await context.close();
  }
});

test('a draft with extreme numbers survives a reload with every other draft reachable', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  const saved = () => page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent.startsWith('已保存'));
  await page.getByTestId('new-form-bj').click();
  await page.getByTestId('field-project-name').fill('普通草稿');
  await saved();
  await page.getByTestId('editor-back').click();
  await page.getByTestId('new-form-bj').click();
  await page.getByTestId('field-project-name').fill('极端数字草稿');
  await page.getByTestId('fund-total-annual').fill('0.0000000000000000000000000001');
  await page.getByTestId('fund-total-spent').fill('70000000000000000000000000000');
  await page.locator('[data-field="indicators.0.score"]').fill('9'.repeat(40));
  await saved();
  await page.reload();
  await page.getByTestId('app-shell').waitFor();
  const names = await page.getByTestId('draft-item').allInnerTexts();
  assert.ok(names.some((n) => n.includes('普通草稿')) && names.some((n) => n.includes('极端数字草稿')), names.join('|'));
  await page.locator('[data-testid="draft-item"]', { hasText: '极端数字草稿' }).getByTestId('draft-open').click();
  await page.getByTestId('findings').waitFor();
  assert.match(await page.getByTestId('findings').innerText(), /数值超出可计算范围/);
  assert.deepEqual(errors, []);
  await context.close();
});
