// Shared browser-test harness: the system Chromium driven by playwright-core,
// the single dist/index.html opened via file:// or a loopback http server,
// and a record of every request and console error the page makes.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';

// JIXIAO_DIST tests another build (e.g. one made beside a shared checkout).
export const DIST = resolve(process.env.JIXIAO_DIST || 'dist/index.html');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launchBrowser() {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`make dist\` first`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Serves dist/index.html on 127.0.0.1 (random port); resolves to {url, close}. */
export function serveDist() {
  const body = readFileSync(DIST);
  const server = createServer((req, res) => {
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => {
    ok({ url: `http://127.0.0.1:${server.address().port}/index.html`, close: () => server.close() });
  }));
}

export const fileUrl = () => pathToFileURL(DIST).href;

/**
 * Opens a new page (fresh context) and records requests and console errors.
 * Returns {page, context, requests, errors}.
 */
export async function openPage(browser, url, { initScript } = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, context, requests, errors };
}

/** Requests other than the page itself and file:, data:, blob: URLs. */
export function foreignRequests(requests, pageUrl) {
  return requests.filter((u) => u !== pageUrl && !/^(file|data|blob):/.test(u));
}

/**
 * A copy of the page with one more inline script (allowed by the page's CSP
 * like our own) that tries what the CSP and Trusted Types should refuse and
 * writes the outcome on <html data-eval data-function data-html>: "2"/"ok"
 * means allowed, an error name means refused. Test drivers' own evaluate
 * bypasses the page's CSP, so this is how the policy itself is measured.
 * The refusals are reported on the console as violations, as they should.
 */
export function evalProbePage() {
  const html = readFileSync(DIST, 'utf8');
  const probe = `<script>(function () {
  var root = document.documentElement;
  function attempt(name, f) { try { root.setAttribute(name, String(f())); } catch (e) { root.setAttribute(name, e.name); } }
  attempt('data-eval', function () { return eval('1 + 1'); });
  attempt('data-function', function () { return new Function('return 2')(); });
  attempt('data-html', function () { document.createElement('div').innerHTML = '<img src="data:," onerror="1">'; return 'ok'; });
})();</script>`;
  const at = html.indexOf('<div id="app">');
  if (at < 0) throw new Error('no <div id="app"> in the page');
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-evalprobe-'));
  const path = join(dir, 'index.html');
  writeFileSync(path, html.slice(0, at) + probe + html.slice(at));
  return pathToFileURL(path).href;
}
