// Mount time of builds on the old Chromium kernels (tools/setup-old-chromium.sh):
// node tools/mount-old.mjs [runs] [page.html ...]   (default: 9 runs, dist/index.html)
// JIXIAO_OLD_CHROMIUM="83 88 92" picks kernels. Each run starts a fresh browser
// and opens the page twice: "cold" is the first page (as a user opening the
// file), "warm" the second in the same browser. Prints medians in ms from
// navigation start to the app shell via file://, or what the page showed
// instead (the old-browser message, the rescue box).
import puppeteer from 'puppeteer-core';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [runs = '9', ...pages] = process.argv.slice(2);
if (pages.length === 0) pages.push('dist/index.html');
const CACHE = process.env.JIXIAO_CHROMIUM_CACHE || join(homedir(), '.cache', 'jixiao-chromium');
const KERNELS = (process.env.JIXIAO_OLD_CHROMIUM || '83 88 92').split(/\s+/).filter(Boolean);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function mount(major, file) {
  const dir = join(CACHE, major);
  const browser = await puppeteer.launch({
    executablePath: join(dir, 'chromium'),
    args: ['--no-sandbox', '--single-process', '--no-zygote', '--disable-gpu', '--no-first-run'],
    env: { ...process.env, LD_LIBRARY_PATH: join(dir, 'lib') },
  });
  try {
    const times = [];
    for (let i = 0; i < 2; i++) {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(resolve(file)).href);
      const shown = await page.waitForSelector(
        '[data-testid="app-shell"], [data-testid="browser-unsupported"], [data-testid="rescue"]', { timeout: 30000 });
      const what = await shown.evaluate((el) => el.getAttribute('data-testid'));
      if (what !== 'app-shell') return what;
      times.push(await page.evaluate(() => performance.now()));
      await page.close();
    }
    return times;
  } finally {
    // An old build in --single-process mode now and then hangs in close.
    const proc = browser.process();
    await Promise.race([browser.close().catch(() => {}), new Promise((ok) => setTimeout(ok, 5000))]);
    if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  }
}

for (const major of KERNELS) {
  for (const file of pages) {
    const cold = [];
    const warm = [];
    let failed;
    for (let i = 0; i < Number(runs) && !failed; i++) {
      const r = await mount(major, file);
      if (typeof r === 'string') failed = r; else { cold.push(r[0]); warm.push(r[1]); }
    }
    const show = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
    console.log(failed
      ? `Chromium ${major} ${file}: does not mount (${failed})`
      : `Chromium ${major} ${file}: cold ${show(cold)}, warm ${show(warm)}, ${cold.length} runs`);
  }
}
