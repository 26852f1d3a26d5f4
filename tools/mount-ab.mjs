// Mount time of two builds, interleaved so machine load hits both alike:
// node tools/mount-ab.mjs A.html B.html [runs]. Prints medians (ms from
// navigation start to the app shell, via file://).
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [a, b, runs = '9'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
async function mount(file) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(resolve(file)).href);
  await page.getByTestId('app-shell').waitFor();
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  return ms;
}
const times = { [a]: [], [b]: [] };
for (let i = 0; i < Number(runs); i++) for (const f of [a, b]) times[f].push(await mount(f));
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
for (const f of [a, b]) console.log(`${f}: median ${median(times[f]).toFixed(0)} ms (min ${Math.min(...times[f]).toFixed(0)}, max ${Math.max(...times[f]).toFixed(0)})`);
await browser.close();
