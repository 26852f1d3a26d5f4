// Keystroke to updated scores and findings in the editor of a 60-indicator
// form (issue 11: ≤ 16 ms). `node tools/keystroke.mjs [A.html [B.html]] [rounds]`
// measures one build, or two interleaved so machine load hits both alike;
// `make bench` runs it on dist/index.html. Each keystroke is an input event
// and the time until the page has handled it and rendered (a task later).
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

export async function keystrokes(browser, file, count = 30) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(pathToFileURL(resolve(file)).href);
  // KEYSTROKE_CSS: extra CSS to try (layout experiments).
  if (process.env.KEYSTROKE_CSS) await page.addStyleTag({ content: process.env.KEYSTROKE_CSS });
  await page.getByTestId('new-form-bj').click();
  await page.getByTestId('screen-editor').waitFor();
  await page.getByTestId('fund-total-annual').fill('2175.9657');
  await page.getByTestId('fund-total-spent').fill('1962.2');
  // 9 template rows + 51 added = 60 indicators, each filled.
  for (let i = 0; i < 51; i++) await page.getByTestId('add-indicator').nth(i % 9).click();
  await page.evaluate(() => {
    for (let i = 0; i < 60; i++) {
      for (const [col, v] of [['name', `指标${i}`], ['target', '≥10次'], ['actual', '10次'], ['weight', '1'], ['score', '1']]) {
        const el = document.querySelector(`[data-field="indicators.${i}.${col}"]`);
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
  });
  if (await page.getByTestId('indicator-row').count() !== 60) throw new Error('the form should have 60 indicator rows');
  const timings = await page.evaluate(async (n) => {
    const el = document.querySelector('[data-field="indicators.30.actual"]');
    const out = [];
    for (let k = 0; k < n; k++) {
      const t0 = performance.now();
      el.value = `${k % 10}次`;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 0));
      out.push(performance.now() - t0);
    }
    return out;
  }, count);
  await context.close();
  return timings;
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
export const describe = (xs) => `median ${median(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms over ${xs.length} keystrokes`;

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const rounds = /^\d+$/.test(args.at(-1) ?? '') ? Number(args.pop()) : 3;
  const files = args.length ? args : ['dist/index.html'];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const all = Object.fromEntries(files.map((f) => [f, []]));
  for (let r = 0; r < rounds; r++) for (const f of files) all[f].push(...await keystrokes(browser, f));
  for (const f of files) console.log(`keystroke, 60-indicator form, ${f}: ${describe(all[f])}`);
  await browser.close();
}
