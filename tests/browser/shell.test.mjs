// The app shell from the single-file build, via file:// and via http.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveDist, fileUrl, openPage, foreignRequests } from './harness.mjs';

let browser;
let server;
before(async () => {
  browser = await launchBrowser();
  server = await serveDist();
});
after(async () => {
  await browser?.close();
  server?.close();
});

for (const mode of ['file', 'http']) {
  test(`shell mounts, screens switch, no network (${mode})`, async () => {
    const url = mode === 'file' ? fileUrl() : server.url;
    const started = Date.now();
    const { page, context, requests, errors } = await openPage(browser, url);
    const shell = page.getByTestId('app-shell');
    await shell.waitFor({ timeout: 15000 });
    console.log(`# mount time via ${mode}: ${Date.now() - started} ms (navigation start to app-shell)`);

    assert.equal(await page.locator('#loading').count(), 0, 'loading message removed after mount');
    assert.match(await shell.locator('h1').innerText(), /绩效自评/);
    const footer = await page.getByTestId('footer').innerText();
    assert.match(footer, /数据只保存在本机浏览器中，请定期导出备份/);
    assert.match(footer, /版本 \d+\.\d+\.\d+/);

    for (const [nav, screen] of [['nav-import', 'screen-import'], ['nav-about', 'screen-about'], ['nav-drafts', 'screen-drafts']]) {
      await page.getByTestId(nav).click();
      await page.getByTestId(screen).waitFor({ timeout: 5000 });
      assert.equal(await page.getByTestId(nav).getAttribute('aria-current'), 'page');
    }
    assert.equal(await page.getByTestId('nav-import').innerText(), '导入检查');

    assert.deepEqual(errors, [], 'no console errors');
    assert.deepEqual(foreignRequests(requests, url), [], 'no network requests');
    await context.close();
  });
}

test('an unsupported browser gets a clear Chinese message, not a blank page', async () => {
  // Pretend the engine cannot validate modules that use reference types.
  const { page, context, requests } = await openPage(browser, fileUrl(), {
    initScript: () => { WebAssembly.validate = () => false; },
  });
  const msg = page.getByTestId('browser-unsupported');
  await msg.waitFor({ timeout: 5000 });
  assert.match(await msg.innerText(), /浏览器版本过低.*97/);
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('app-shell').count(), 0, 'app does not start');
  assert.deepEqual(foreignRequests(requests, fileUrl()), []);
  await context.close();
});
