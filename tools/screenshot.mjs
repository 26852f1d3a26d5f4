// Developer aid: screenshots of dist/index.html (file://).
//   node tools/screenshot.mjs out.png [testid…]   one page, after clicking the testids in order
//   node tools/screenshot.mjs --all DIR [WIDTHxHEIGHT[@SCALE]]
//     every screen (drafts empty and with drafts, each editor new and filled,
//     import with results) into DIR, at 1366x768 unless told (e.g. 1093x614@1.25
//     for 1366×768 at 125 % zoom). Viewport shots, plus a full-page one of each editor.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { resolve, join } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const url = pathToFileURL(resolve('dist/index.html')).href;

if (args[0] === '--all') {
  const dir = args[1] || 'screens';
  const [, w = 1366, h = 768, s = 1] = /^(\d+)x(\d+)(?:@([\d.]+))?$/.exec(args[2] || '') || [];
  mkdirSync(dir, { recursive: true });
  const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) }, deviceScaleFactor: Number(s) });
  await page.goto(url);
  await page.getByTestId('app-shell').waitFor();
  const shot = async (name, fullPage = false) => {
    await page.waitForTimeout(250); // the findings follow typing after a pause
    // A full-page shot taken scrolled down paints the sticky bars mid-page.
    if (fullPage) await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
    console.log(join(dir, `${name}.png`));
  };
  const field = (id) => page.locator(`[data-field="${id}"]`);
  const open = async (kind) => { await page.getByTestId(`new-form-${kind}`).click(); await page.getByTestId('screen-editor').waitFor(); };
  const back = async () => { await page.getByTestId('editor-back').click(); await page.getByTestId('screen-drafts').waitFor(); };
  const row = (i, name, target, actual, weight, score) => [
    [`indicators.${i}.name`, name], [`indicators.${i}.target`, target], [`indicators.${i}.actual`, actual],
    [`indicators.${i}.weight`, weight], [`indicators.${i}.score`, score],
  ];
  // Filled forms: a few real-looking rows, with one error and one warning.
  const filled = {
    bj: [['name', '社区服务经费'], ['funds.total.annual', '2175.9657'], ['funds.total.spent', '1962.2'],
      ...row(0, '培训场次', '≥4次，每季度至少开展1次集中培训', '4次', '50', '50'),
      ...row(4, '受益人数', '逐步提升', '520人', '30', '30'), ...row(8, '群众满意度', '≥90%', '85%', '10', '100')],
    hb: [['name', '教育支出'], ['funds.total.annual', '1069.34'], ['funds.total.spent', '939.9'],
      ...row(0, '资助学生人数', '≥1200人', '1180人', '20', '19'), ...row(8, '家长满意度', '≥90%', '93%', '10', '10')],
    dept: [['unit', '武汉市某局'], ['funds.total.annual', '1000'], ['funds.total.spent', '993.7'],
      ['goals.0.text', '保障机关正常运转'], ['goals.0.weight', '80'], ['goals.0.output_weight', '40'], ['goals.0.benefit_weight', '40'],
      ['goals.0.indicators.0.name', '会议保障次数'], ['goals.0.indicators.0.target', '≥12次'], ['goals.0.indicators.0.actual', '12次'],
      ['goals.0.indicators.0.weight', '40'], ['goals.0.indicators.0.score', '40']],
    decl: [['unit', '展览路街道'], ['name', '社区培训'], ['budget', '1000000元'], ['goal', '开展社区培训，提高居民技能'],
      ['indicators.0.content', '培训次数'], ['indicators.0.target', '≥4次'], ['indicators.1.content', '培训效果'], ['indicators.1.target', '逐步提升']],
    eval: [['name', '背街小巷清扫保洁'], ['items.0.score', '11.70'], ['items.1.score', '25.84'], ['items.2.score', '56']],
  };
  await shot('01-drafts-empty');
  let n = 2;
  for (const kind of ['bj', 'hb', 'dept', 'decl', 'eval']) {
    await open(kind);
    await shot(`${String(n++).padStart(2, '0')}-editor-${kind}-new`);
    for (const [id, v] of filled[kind]) {
      // Some ids differ by form; skip those a form does not have.
      if (await field(id).count()) await field(id).first().fill(v);
    }
    await shot(`${String(n++).padStart(2, '0')}-editor-${kind}-filled`);
    await shot(`${String(n++).padStart(2, '0')}-editor-${kind}-filled-full`, true);
    await back();
  }
  await shot(`${String(n++).padStart(2, '0')}-drafts-items`);
  await page.getByTestId('nav-import').click();
  await page.getByTestId('screen-import').waitFor();
  await page.getByTestId('import-file').setInputFiles({ name: 'fengtai.txt', mimeType: 'text/plain', buffer: readFileSync('tests/fixtures/bj-fengtai-2020-final-accounts-sample.txt') });
  await page.getByTestId('review-table').waitFor({ timeout: 15000 });
  await shot(`${String(n++).padStart(2, '0')}-import-results`);
  await shot(`${String(n++).padStart(2, '0')}-import-results-full`, true);
  await page.getByTestId('review-row').nth(2).click();
  await page.getByTestId('form-detail').waitFor();
  await shot(`${String(n++).padStart(2, '0')}-import-detail`);
} else {
  const [out = 'screenshot.png', ...clicks] = args;
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(url);
  await page.getByTestId('app-shell').waitFor();
  for (const id of clicks) await page.getByTestId(id).first().click();
  await page.screenshot({ path: out, fullPage: true });
}
await browser.close();
