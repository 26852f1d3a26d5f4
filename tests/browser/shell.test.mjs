// The app shell from the single-file build, via file:// and via http.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, serveDist, fileUrl, openPage, foreignRequests, evalProbePage } from './harness.mjs';

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
  // Pretend the engine cannot validate the module's WebAssembly features
  // (bulk memory, sign-ext, saturating float-to-int: older than Chromium 75).
  const { page, context, requests } = await openPage(browser, fileUrl(), {
    initScript: () => { WebAssembly.validate = () => false; },
  });
  const msg = page.getByTestId('browser-unsupported');
  await msg.waitFor({ timeout: 5000 });
  assert.match(await msg.innerText(), /浏览器版本过低.*Chromium 83 及以上/);
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('app-shell').count(), 0, 'app does not start');
  assert.deepEqual(foreignRequests(requests, fileUrl()), []);
  await context.close();
});

test('without DecompressionStream (before Chromium 80) the message shows too', async () => {
  const { page, context } = await openPage(browser, fileUrl(), { initScript: () => { delete window.DecompressionStream; } });
  await page.getByTestId('browser-unsupported').waitFor({ timeout: 5000 });
  await page.getByTestId('rescue-download').waitFor();
  await context.close();
});

test('CSP: the module compiles under \'unsafe-eval\', Trusted Types refuse string eval and HTML strings', async () => {
  // The page itself mounts with Trusted Types enforced and reports no violation.
  const { page, context, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor({ timeout: 15000 });
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /require-trusted-types-for 'script'/);
  assert.doesNotMatch(csp, /connect-src (?!'none')/);
  assert.deepEqual(errors, []);
  // A script of the page's own kind trying what must stay refused.
  const probe = await context.newPage();
  await probe.goto(evalProbePage());
  await probe.getByTestId('app-shell').waitFor({ timeout: 15000 });
  const got = await probe.evaluate(() => ['data-eval', 'data-function', 'data-html'].map((a) => document.documentElement.getAttribute(a)));
  console.log(`# current Chromium: eval -> ${got[0]}, new Function -> ${got[1]}, innerHTML = string -> ${got[2]}`);
  assert.deepEqual(got.map((r) => (r === '2' || r === 'ok' ? 'allowed' : 'refused')), ['refused', 'refused', 'refused'], got.join());
  await context.close();
});
