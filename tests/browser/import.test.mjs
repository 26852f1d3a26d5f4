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

  // Filter by code (options named by the rule's Chinese title) and open a form's findings.
  const codeOptions = await page.getByTestId('filter-code').locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
  assert.ok(codeOptions.length > 2, JSON.stringify(codeOptions));
  for (const [value, label] of codeOptions.slice(1)) {
    assert.match(value, /^[A-Z_]+$/);
    assert.match(label, /[\u4e00-\u9fff]/, `${value} shows a Chinese title`);
    assert.doesNotMatch(label, /[A-Z]{2}/, `${value}: no code in the label`);
  }
  // The printed total 88 against 87, and (a hint) a total to follow the scores another error corrects.
  assert.match(codeOptions.find(([v]) => v === 'TOTAL_SUM')[1], /^总分与各项得分合计不符（2 张表）$/);
  await page.getByTestId('filter-code').selectOption('TOTAL_SUM');
  assert.equal(await page.getByTestId('review-row').count(), 2);
  await page.getByTestId('review-row').first().click();
  const detail = page.getByTestId('form-detail');
  await detail.waitFor();
  assert.match(await detail.innerText(), /总分应为各项得分之和 87/);
  await page.getByTestId('filter-code').selectOption('');
  await page.getByTestId('filter-severity').selectOption('error');
  // As many rows as the summary's 有错误的表 (summary.rs's test fixes that number).
  const withErrors = Number(/\d+/.exec(await page.getByTestId('summary-with-errors').innerText())[0]);
  assert.ok(withErrors > 0);
  assert.equal(await page.getByTestId('review-row').count(), withErrors);
  assert.equal(await page.getByTestId('review-shown').innerText(), `显示 ${withErrors} / 26 张表`);

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
  await page.getByTestId('findings').locator('.finding[data-code="EXEC_RATE"]').waitFor();
  await context.close();
});

test('a finding shows its rule title, and 规则说明 opens 关于 at that rule', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await importScreen(page);
  await page.getByTestId('import-text').fill(fixture('bj-chaoyang-2020-project-selfeval.txt').toString('utf8'));
  await page.getByTestId('import-submit').click();
  await page.getByTestId('review-row').first().click();
  const finding = page.getByTestId('form-detail').locator('[data-testid="detail-finding"][data-code="TOTAL_SUM"]');
  await finding.waitFor();
  assert.match(await finding.locator('.title').innerText(), /总分与各项得分合计不符/);
  assert.equal(await finding.locator('code').innerText(), 'TOTAL_SUM');
  await finding.getByTestId('rule-link').click();
  await page.getByTestId('screen-about').waitFor();
  assert.equal(await page.getByTestId('nav-about').getAttribute('aria-current'), 'page');
  await page.waitForFunction(() => document.activeElement?.dataset.code === 'TOTAL_SUM');
  const rule = page.getByTestId('rules').locator('[data-testid="rule"][data-code="TOTAL_SUM"]');
  assert.match(await rule.innerText(), /总分与各项得分合计不符/);
  assert.ok(await rule.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }), 'rule scrolled into view');
  // The import is still there when the user goes back.
  await page.getByTestId('nav-import').click();
  assert.equal(await page.getByTestId('review-row').count(), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a form cut short is counted apart and marked in the table', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await importScreen(page);
  // The first 丰台 form up to five lines before its 总分 row, then the 朝阳 forms.
  const lines = fixture('import/name-twice.txt').toString('utf8').split('\n');
  const cut = lines.slice(0, lines.indexOf('\t总分') - 5).join('\n');
  await page.getByTestId('import-text').fill(`${cut}\n${fixture('bj-chaoyang-2020-project-selfeval.txt').toString('utf8')}`);
  await page.getByTestId('import-submit').click();
  await page.getByTestId('review-table').waitFor();
  assert.equal(await page.getByTestId('review-row').count(), 3);
  assert.match(await page.getByTestId('summary-incomplete').innerText(), /^1\s*张表未能完整读取$/);
  assert.equal(await page.getByTestId('row-incomplete').count(), 1);
  await page.getByTestId('filter-severity').selectOption('incomplete');
  assert.equal(await page.getByTestId('review-row').count(), 1);
  assert.match(await page.getByTestId('review-row').innerText(), /未能完整读取/);
  await page.getByTestId('review-row').click();
  await page.getByTestId('form-detail').locator('[data-testid="detail-finding"][data-code="IMPORT_INCOMPLETE"]').waitFor();
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
