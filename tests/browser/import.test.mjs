// Import and check a whole unit's forms, on the single-file build via file://.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { launchBrowser, fileUrl, openPage, foreignRequests } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const FIXTURES = 'tests/fixtures';
const fixture = (name) => readFileSync(`${FIXTURES}/${name}`);

async function importScreen(page) {
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('nav-import').click();
  await page.getByTestId('screen-import').waitFor();
}

async function upload(page, name, buffer) {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/plain', buffer });
}

test('uploading the 丰台 document: review table, summary, JSON and CSV downloads', async () => {
  const { page, context, requests, errors } = await openPage(browser, fileUrl());
  await importScreen(page);
  await upload(page, 'fengtai.txt', fixture('bj-fengtai-2020-final-accounts-sample.txt'));
  await page.getByTestId('review-table').waitFor({ timeout: 15000 });
  assert.equal(await page.getByTestId('review-row').count(), 26);
  const meta = await page.getByTestId('import-meta').innerText();
  const ms = Number(/用时 (\d+) 毫秒/.exec(meta)[1]);
  console.log(`# 丰台 document (104 KB, 26 forms) imported and checked in the browser in ${ms} ms`);
  const paragraph = await page.getByTestId('summary-paragraph').innerText();
  assert.match(paragraph, /评价项目26个/);
  assert.match(paragraph, /部门评价项目1个，评价得分为82\.54分/);
  assert.match(paragraph, /有4个项目评价得分在90分（含90分）以上、有21个项目评价得分在80-90分（含80分）/);

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-results-json').click()]);
  const results = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.equal(results.summary.evaluated, 26);
  assert.deepEqual(results.summary.bands, { ge90: 4, b80_90: 21, b60_80: 0, lt60: 0 });
  assert.equal(results.forms.length, 26);
  const second = results.forms[2];
  for (const key of ['name', 'kind', 'source_lines', 'printed_total', 'computed_total', 'grade_printed', 'grade_computed', 'not_scored', 'findings']) {
    assert.ok(key in second, key);
  }
  assert.equal(second.printed_total, 88);
  assert.equal(second.computed_total, 87);
  assert.ok(second.findings.some((f) => f.code === 'TOTAL_SUM' && f.severity === 'error' && f.field && f.message));

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-results-csv').click()]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  assert.equal(csvText.trim().split('\r\n').length, 27);

  // Filter by code and open a form's findings.
  await page.getByTestId('filter-code').selectOption('TOTAL_SUM');
  assert.equal(await page.getByTestId('review-row').count(), 1);
  await page.getByTestId('review-row').first().click();
  const detail = page.getByTestId('form-detail');
  await detail.waitFor();
  assert.match(await detail.innerText(), /总分应为 87/);
  await page.getByTestId('filter-code').selectOption('');
  await page.getByTestId('filter-severity').selectOption('error');
  assert.equal(await page.getByTestId('review-row').count(), 4);

  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, fileUrl()), []);
  await context.close();
});

test('pasted text is checked, and a form can be saved as a draft', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await importScreen(page);
  await page.getByTestId('import-text').fill(fixture('bj-chaoyang-2020-project-selfeval.txt').toString('utf8'));
  await page.getByTestId('import-submit').click();
  await page.getByTestId('review-table').waitFor();
  assert.equal(await page.getByTestId('review-row').count(), 2);
  await page.getByTestId('review-row').first().click();
  const detail = await page.getByTestId('form-detail').innerText();
  assert.match(detail, /EXEC_RATE/);
  assert.match(detail, /TOTAL_SUM/);
  await page.getByTestId('save-as-draft').click();
  await page.getByTestId('screen-editor').waitFor();
  assert.equal(await page.getByTestId('field-project-name').inputValue(), '公共服务经费');
  assert.equal(await page.getByTestId('exec-rate').innerText(), '90.10%');
  await page.getByTestId('findings').locator('[data-code="EXEC_RATE"]').waitFor();
  await context.close();
});

test('GBK files, Hubei TSV and PDF text import; junk and originals are refused clearly', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await importScreen(page);
  const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030', `${FIXTURES}/bj-chaoyang-2020-project-selfeval.txt`]);
  await upload(page, 'chaoyang-gbk.txt', gbk);
  await page.waitForFunction(() => document.querySelector('[data-testid="import-meta"]')?.textContent.includes('GB18030'));
  assert.equal(await page.getByTestId('review-row').count(), 2);

  await upload(page, 'wuhan.txt', fixture('hb-wuhan-2020-dept-and-project-selfeval.txt'));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length === 10);

  await upload(page, 'tongzhou.txt', fixture('bj-tongzhou-2024-project-selfeval-pdftext.txt'));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length === 5);

  await upload(page, 'photo.txt', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)));
  await page.getByTestId('notice').waitFor();
  assert.match(await page.getByTestId('notice').innerText(), /不是文字/);
  await upload(page, 'report.docx', Buffer.from('PK\x03\x04 rest of a zip'));
  await page.waitForFunction(() => document.querySelector('[data-testid="notice"]')?.textContent.includes('.docx'));

  await upload(page, 'other.txt', Buffer.from('这是一份会议纪要，没有任何表格。\n第二行。'));
  await page.getByTestId('import-notes').waitFor();
  assert.match(await page.getByTestId('import-notes').innerText(), /没有找到/);
  await context.close();
});

test('a 20 MB document shows progress and stays responsive', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await importScreen(page);
  const one = fixture('bj-fengtai-2020-final-accounts-sample.txt');
  const big = Buffer.concat(Array.from({ length: Math.ceil((20 * 1024 * 1024) / one.length) }, () => one));
  const started = Date.now();
  await upload(page, 'big.txt', big);
  await page.getByTestId('import-progress').waitFor({ timeout: 30000 });
  // The page answers while the import runs.
  const t0 = Date.now();
  await page.evaluate(() => 1);
  const responsive = Date.now() - t0;
  await page.getByTestId('review-table').waitFor({ timeout: 120000 });
  const rows = await page.getByTestId('review-row').count();
  console.log(`# 20 MB document (${rows} forms) imported in ${Date.now() - started} ms; page answered in ${responsive} ms during the import`);
  assert.equal(rows, 26 * Math.ceil((20 * 1024 * 1024) / one.length));
  assert.deepEqual(errors, []);
  await context.close();
});
