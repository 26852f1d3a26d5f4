// In-browser benchmark for `make bench`: imports and checks the 丰台 document
// (and a 20 MB one) in the single-file page from file://, as a clerk would.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { keystrokes, describe } from './keystroke.mjs';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage();
await page.goto(pathToFileURL(resolve('dist/index.html')).href);
await page.getByTestId('nav-import').click();
const doc = readFileSync('tests/fixtures/bj-fengtai-2020-final-accounts-sample.txt');

async function importOnce(buffer, name) {
  const before = await page.getByTestId('import-meta').count() ? await page.getByTestId('import-meta').innerText() : '';
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/plain', buffer });
  await page.waitForFunction((prev) => {
    const el = document.querySelector('[data-testid="import-meta"]');
    return el && el.textContent !== prev && !document.querySelector('[data-testid="import-progress"]');
  }, before, { timeout: 300000 });
  return Number(/用时 (\d+) 毫秒/.exec(await page.getByTestId('import-meta').innerText())[1]);
}

const runs = [];
for (let i = 0; i < 7; i++) runs.push(await importOnce(doc, `fengtai-${i}.txt`));
runs.sort((a, b) => a - b);
console.log(`browser: 丰台 document (104 KB, 26 forms) import + check: median ${runs[3]} ms (min ${runs[0]}, max ${runs[6]}) over 7 runs`);
const big = Buffer.concat(Array.from({ length: 200 }, () => doc));
const bigMs = await importOnce(big, 'big.txt');
console.log(`browser: ${(big.length / 1048576).toFixed(1)} MB document (${200 * 26} forms) import + check: ${bigMs} ms`);
// Keystroke to updated figures in the editor of a 60-indicator form (issue 11).
const typed = [];
for (let r = 0; r < 3; r++) typed.push(...await keystrokes(browser, 'dist/index.html'));
console.log(`browser: keystroke, 60-indicator form: ${describe(typed)}`);
await browser.close();
