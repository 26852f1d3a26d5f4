// Developer aid: screenshot dist/index.html (file://) after clicking the
// given data-testids in order. Usage: node tools/screenshot.mjs out.png [testid…]
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [out = 'screenshot.png', ...clicks] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
await page.goto(pathToFileURL(resolve('dist/index.html')).href);
await page.getByTestId('app-shell').waitFor();
for (const id of clicks) await page.getByTestId(id).first().click();
await page.screenshot({ path: out, fullPage: true });
await browser.close();
