// The same dist/index.html on real old Chromium kernels (issue 12): the
// browsers of many government / 信创 PCs (360安全浏览器 13 = Chromium 86,
// 奇安信可信浏览器 and UOS/麒麟 browsers ≈ 83). Builds from npm
// chrome-aws-lambda, installed into ~/.cache/jixiao-chromium by
// tools/setup-old-chromium.sh; driven by puppeteer-core 5.5 (playwright
// needs newer kernels). Opened via file://, as users open the page.
// JIXIAO_OLD_CHROMIUM="83 92" picks kernels (default: 79 83 88 92); Chromium 79,
// below the floor, must get the old-browser message and the rescue download.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { fileUrl, DIST, evalProbePage } from './harness.mjs';

const CACHE = process.env.JIXIAO_CHROMIUM_CACHE || join(homedir(), '.cache', 'jixiao-chromium');
const KERNELS = (process.env.JIXIAO_OLD_CHROMIUM || '79 83 88 92').split(/\s+/).filter(Boolean);
const BELOW_FLOOR = new Set(['79']);
const MOUNT_RUNS = Number(process.env.JIXIAO_MOUNT_RUNS || 3);
// A hung old browser fails its test instead of stalling CI (each takes < 10 s).
const TEST_TIMEOUT = 90000;
// A browser silent this long is taken as wedged (each test takes < 10 s).
const HANG_AFTER = 40000;
class BrowserHung extends Error {
  constructor() { super('the old browser stopped answering'); }
}
const FIXTURES = 'tests/fixtures';
const sel = (testid) => `[data-testid="${testid}"]`;

async function launch(major) {
  const dir = join(CACHE, major);
  const executablePath = join(dir, 'chromium');
  if (!existsSync(executablePath)) throw new Error(`${executablePath} missing: run tools/setup-old-chromium.sh ${major}`);
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`make dist\` first`);
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--single-process', '--no-zygote', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    // Only the libraries: the package's fonts.conf (FONTCONFIG_PATH) crashes it here;
    // the system's fontconfig (with fonts-noto-cjk) serves.
    env: { ...process.env, LD_LIBRARY_PATH: join(dir, 'lib') },
  });
}

/**
 * Closes a browser; an old build in --single-process mode now and then hangs
 * in close (seen once with Chromium 88: spinning, never exiting), so after 5 s
 * its process is killed.
 */
async function closeBrowser(browser) {
  if (!browser) return;
  const proc = browser.process();
  await Promise.race([browser.close().catch(() => {}), new Promise((ok) => setTimeout(ok, 5000))]);
  if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
}

/** A new page recording console errors, uncaught exceptions and non-local requests. */
async function openPage(browser) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 768 });
  const errors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(fileUrl());
  await page.waitForSelector(sel('app-shell'), { timeout: 30000 });
  return { page, errors, requests };
}

const text = (page, testid) => page.$eval(sel(testid), (el) => el.innerText.trim());

/** Types into a field as a user does (key by key, so input events fire). */
async function type(page, selector, value) {
  await page.click(selector, { clickCount: 3 });
  await page.type(selector, value);
}

async function waitSaved(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent.startsWith('已保存'), { timeout: 10000 });
}

/** The editor's flow: a new Beijing form with budget and spending. */
async function fillForm(page, name) {
  await page.click(sel('new-form-bj'));
  await page.waitForSelector(sel('screen-editor'));
  await type(page, sel('field-project-name'), name);
  await type(page, sel('fund-total-annual'), '2175.9657');
  await type(page, sel('fund-total-spent'), '1962.2');
  await page.waitForFunction(() => document.querySelector('[data-testid="exec-rate"]')?.innerText.trim() === '90.18%', { timeout: 5000 });
}

/** Waits for a file with this suffix in dir; returns its path. */
async function downloaded(dir, suffix) {
  const deadline = Date.now() + 20000;
  for (;;) {
    const file = readdirSync(dir).find((f) => f.endsWith(suffix));
    if (file) {
      await new Promise((ok) => setTimeout(ok, 300)); // let the write finish
      return join(dir, file);
    }
    if (Date.now() > deadline) throw new Error(`no *${suffix} in ${dir}: ${readdirSync(dir).join(', ')}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const major of KERNELS.filter((k) => !BELOW_FLOOR.has(k))) {
  describe(`Chromium ${major}`, () => {
    let browser;
    const stamp = `${major}-${Date.now().toString(36)}`;
    before(async () => { browser = await launch(major); }, { timeout: 60000 });
    after(async () => { await closeBrowser(browser); });
    // These builds in --single-process mode now and then wedge (seen in CI
    // with Chromium 92: spinning from the first page on, every test timing
    // out). A test whose browser stops answering gets a new browser and one
    // more try; a test that fails on its merits fails.
    async function relaunchingOnHang(body) {
      for (let attempt = 1; ; attempt++) {
        let timer;
        const hung = new Promise((_, fail) => { timer = setTimeout(() => fail(new BrowserHung()), HANG_AFTER); });
        try {
          return await Promise.race([body(), hung]);
        } catch (e) {
          if (!(e instanceof BrowserHung) || attempt > 1) throw e;
          console.log(`# Chromium ${major} stopped answering for ${HANG_AFTER / 1000} s: relaunched, second try`);
          await closeBrowser(browser);
          browser = await launch(major);
        } finally {
          clearTimeout(timer);
        }
      }
    }

    test('mounts from file:// with no console error and no network', { timeout: TEST_TIMEOUT }, () => relaunchingOnHang(async () => {
      const version = await browser.version();
      assert.match(version, new RegExp(`/${major}\\.`), `expected Chromium ${major}, got ${version}`);
      const times = [];
      for (let i = 0; i < MOUNT_RUNS; i++) {
        const { page, errors, requests } = await openPage(browser);
        times.push(await page.evaluate(() => performance.now()));
        assert.equal(await page.$(sel('browser-unsupported')), null);
        assert.equal(await page.$('#loading'), null, 'loading message removed after mount');
        assert.match(await text(page, 'footer'), /版本 \d+\.\d+\.\d+/);
        await page.click(sel('nav-about'));
        await page.waitForSelector(sel('screen-about'));
        await page.click(sel('nav-drafts'));
        await page.waitForSelector(sel('screen-drafts'));
        assert.deepEqual(errors, [], 'no console errors');
        assert.deepEqual(requests.filter((u) => !/^(file|data|blob):/.test(u)), [], 'no network requests');
        await page.close();
      }
      console.log(`# ${version}: mount via file:// median ${median(times).toFixed(0)} ms of ${times.length} (${times.map((t) => t.toFixed(0)).join(', ')})`);
    }));

    test('the CSP lets the module compile but Trusted Types refuse string eval and HTML strings', { timeout: TEST_TIMEOUT }, () => relaunchingOnHang(async () => {
      const page = await browser.newPage();
      await page.goto(evalProbePage());
      await page.waitForSelector(sel('app-shell'), { timeout: 30000 });
      const got = await page.evaluate(() => ['data-eval', 'data-function', 'data-html'].map((a) => document.documentElement.getAttribute(a)));
      console.log(`# Chromium ${major}: eval -> ${got[0]}, new Function -> ${got[1]}, innerHTML = string -> ${got[2]}`);
      assert.deepEqual(got.map((r) => r === '2' || r === 'ok' ? 'allowed' : 'refused'), ['refused', 'refused', 'refused'], got.join());
      await page.close();
    }));

    test('the editor computes, and the draft survives a reload', { timeout: TEST_TIMEOUT }, () => relaunchingOnHang(async () => {
      const { page, errors } = await openPage(browser);
      const name = `旧内核测试 ${stamp}`;
      await fillForm(page, name);
      assert.equal(await text(page, 'exec-rate'), '90.18%');
      assert.equal(await text(page, 'exec-score'), '9');
      await waitSaved(page);
      await page.reload();
      await page.waitForSelector(sel('app-shell'), { timeout: 30000 });
      const items = await page.$$eval(sel('draft-item'), (els) => els.map((e) => e.innerText));
      const at = items.findIndex((t) => t.includes(name));
      assert.ok(at >= 0, items.join(' | '));
      const open = await page.$$(sel('draft-open'));
      await open[at].click();
      await page.waitForSelector(sel('screen-editor'));
      assert.equal(await page.$eval(sel('field-project-name'), (el) => el.value), name);
      assert.equal(await text(page, 'exec-rate'), '90.18%');
      assert.deepEqual(errors, [], 'no console errors');
      await page.close();
    }));

    test('imports the 丰台 text and the 朝阳 .docx', { timeout: TEST_TIMEOUT }, () => relaunchingOnHang(async () => {
      const { page, errors } = await openPage(browser);
      await page.click(sel('nav-import'));
      await page.waitForSelector(sel('screen-import'));
      const input = await page.$(sel('import-file'));
      await input.uploadFile(join(FIXTURES, 'bj-fengtai-2020-final-accounts-sample.txt'));
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length === 26, { timeout: 30000 });
      assert.match(await text(page, 'summary-paragraph'), /评价项目26个/);
      // A Word file: unzipped and read by the module itself.
      await input.uploadFile(join(FIXTURES, 'office', 'bj-chaoyang-2020-project-selfeval.docx'));
      await page.waitForFunction(() => /bj-chaoyang-2020-project-selfeval\.docx/.test(document.querySelector('[data-testid="import-meta"]')?.innerText || ''), { timeout: 30000 });
      assert.ok(await page.$$eval(sel('review-row'), (rs) => rs.length) >= 1);
      assert.deepEqual(errors, [], 'no console errors');
      await page.close();
    }));

    test('downloads the form as a valid Excel workbook', { timeout: TEST_TIMEOUT }, () => relaunchingOnHang(async () => {
      const { page, errors } = await openPage(browser);
      const dir = mkdtempSync(join(tmpdir(), `jixiao-old-${major}-`));
      try {
        // puppeteer 5.5 has no download API: the DevTools protocol's.
        await page._client.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
        const name = `下载测试 ${stamp}`;
        await fillForm(page, name);
        await page.click(sel('download-form-xlsx'));
        const path = await downloaded(dir, '.xlsx');
        assert.match(path, /_自评表_\d{4}年度\.xlsx$/);
        // Read with unzip (not our writer).
        assert.equal(readFileSync(path).subarray(0, 2).toString('latin1'), 'PK');
        execFileSync('unzip', ['-tq', path]);
        const strings = execFileSync('unzip', ['-p', path, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
        assert.ok(strings.includes('项目支出绩效自评表') && strings.includes(name), 'the form and its name are in the workbook');
        const sheet = execFileSync('unzip', ['-p', path, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
        assert.match(sheet, /<v>2175\.9657<\/v>/);
        assert.deepEqual(errors, [], 'no console errors');
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await page.close();
      }
    }));
  });
}

for (const major of KERNELS.filter((k) => BELOW_FLOOR.has(k))) describe(`Chromium ${major} (below the floor)`, () => {
  let browser;
  before(async () => { browser = await launch(major); }, { timeout: 60000 });
  after(async () => { await closeBrowser(browser); });

  test('gets the Chinese old-browser message naming Chromium 83, and the rescue download', { timeout: TEST_TIMEOUT }, async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const dir = mkdtempSync(join(tmpdir(), `jixiao-old-${major}-`));
    try {
      await page._client.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
      await page.goto(fileUrl());
      // A draft left by a newer browser on this PC (file:// pages share storage).
      await page.evaluate(() => localStorage.setItem('jixiao.v1.draft.old79', JSON.stringify({ schema: 1, id: 'old79', draft: { form: { name: '旧浏览器草稿' } } })));
      await page.reload();
      await page.waitForSelector(sel('browser-unsupported'), { timeout: 10000 });
      assert.match(await text(page, 'browser-unsupported'), /浏览器版本过低.*Chromium 83 及以上/);
      await new Promise((ok) => setTimeout(ok, 500));
      assert.equal(await page.$(sel('app-shell')), null, 'the app does not start');
      await page.click(sel('rescue-download'));
      const backup = JSON.parse(readFileSync(await downloaded(dir, '.json'), 'utf8'));
      assert.equal(backup.format, 'jixiao-backup');
      assert.ok(backup.drafts.some((d) => d.draft?.form?.name === '旧浏览器草稿'), 'the draft is in the rescue file');
      // The module script (wasm-bindgen's glue uses ?., Chromium 80+) does not
      // even parse here; that is expected and harmless: it never runs.
      assert.deepEqual(errors.filter((e) => !/SyntaxError/.test(e)), [], 'no other uncaught errors');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await page.close();
    }
  });
});
