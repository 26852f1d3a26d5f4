// Report downloads and the print sheet, on the single-file build via file://.
// Files are opened with unzip (not our reader) to check what they hold.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { launchBrowser, fileUrl, openPage, foreignRequests } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const field = (page, id) => page.locator(`[data-field="${id}"]`);

/** One part of a zip file (xlsx/docx) as text. */
const part = (path, name) => execFileSync('unzip', ['-p', path, name], { encoding: 'utf8', maxBuffer: 64 << 20 });

async function download(page, testid) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const path = await d.path();
  assert.equal(readFileSync(path).subarray(0, 2).toString('latin1'), 'PK', `${testid}: a zip file`);
  return { name: d.suggestedFilename(), path };
}

async function newForm(page, kind) {
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId(`new-form-${kind}`).click();
  await page.getByTestId('screen-editor').waitFor();
}

async function fillBeijing(page, name) {
  await page.getByTestId('field-project-name').fill(name);
  await page.getByTestId('fund-total-annual').fill('2175.9657');
  await page.getByTestId('fund-total-spent').fill('1962.2');
  for (const [i, n, target, actual, weight, score] of [
    [0, '培训场次', '≥4次', '4次', '50', '50'],
    [4, '受益人数', '≥500人', '520人', '30', '30'],
    [8, '群众满意度', '≥90%', '95%', '10', '10'],
  ]) {
    await field(page, `indicators.${i}.name`).fill(n);
    await field(page, `indicators.${i}.target`).fill(target);
    await field(page, `indicators.${i}.actual`).fill(actual);
    await field(page, `indicators.${i}.weight`).fill(weight);
    await field(page, `indicators.${i}.score`).fill(score);
  }
}

test('a Beijing form downloads as Excel and Word and prints in the official layout', async () => {
  const { page, context, requests, errors } = await openPage(browser, fileUrl());
  await newForm(page, 'bj');
  await fillBeijing(page, '社区/服务经费');

  const xlsx = await download(page, 'download-form-xlsx');
  assert.match(xlsx.name, /^社区_服务经费_自评表_\d{4}年度\.xlsx$/);
  const strings = part(xlsx.path, 'xl/sharedStrings.xml');
  assert.ok(strings.includes('项目支出绩效自评表') && strings.includes('社区/服务经费'));
  const sheet = part(xlsx.path, 'xl/worksheets/sheet1.xml');
  assert.match(sheet, /<f>IF\(N\(E7\)=0,(&quot;|"){2},F7\/E7\)<\/f><v>0\.9017/, 'the rate formula with its cached value');
  assert.match(sheet, /<f>SUM\([^<]+\)<\/f><v>99<\/v>/, 'the total formula with its cached value');
  assert.match(sheet, /<v>2175\.9657<\/v>/, 'money as a number');
  assert.match(sheet, /<mergeCell /);

  const docx = await download(page, 'download-form-docx');
  assert.match(docx.name, /^社区_服务经费_自评报告_\d{4}年度\.docx$/);
  const body = part(docx.path, 'word/document.xml');
  for (const text of ['项目支出绩效自评报告', '偏差原因分析', '培训场次', '90.18%']) assert.ok(body.includes(text), text);
  assert.ok(!body.includes('待核实事项'), 'findings only when ticked');
  await page.getByTestId('docx-with-findings').check();
  const withFindings = await download(page, 'download-form-docx');
  assert.ok(part(withFindings.path, 'word/document.xml').includes('待核实事项'));

  // Print: the sheet replaces the page; the print dialog itself is stubbed.
  await page.evaluate(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });
  await page.getByTestId('print-form').click();
  await page.waitForFunction(() => window.__printed === 1);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.getByTestId('print-sheet').isVisible());
  assert.ok(!(await page.getByTestId('editor-back').isVisible()), 'no UI chrome on paper');
  const printed = await page.getByTestId('print-sheet').innerText();
  for (const text of ['项目支出绩效自评表', '90.18%', '2175.9657', '填报单位（盖章）', '99', '优']) assert.ok(printed.includes(text), text);
  assert.equal(await page.getByTestId('print-sheet').locator('thead').count(), 1, 'indicator headings repeat');
  await page.emulateMedia({ media: 'screen' });

  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, fileUrl()), []);
  await context.close();
});

test('a Hubei form downloads as Excel and Word', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await newForm(page, 'hb');
  await page.getByTestId('field-project-name').fill('其他支出');
  await page.getByTestId('fund-total-annual').fill('4591.73');
  await page.getByTestId('fund-total-spent').fill('4591.73');
  const xlsx = await download(page, 'download-form-xlsx');
  assert.match(xlsx.name, /^其他支出_自评表_\d{4}年度\.xlsx$/);
  const strings = part(xlsx.path, 'xl/sharedStrings.xml');
  assert.ok(strings.includes('预算执行情况（万元）（20分）'), 'the Hubei layout');
  const docx = await download(page, 'download-form-docx');
  assert.ok(part(docx.path, 'word/document.xml').includes('其他支出项目支出绩效自评报告'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a unit review exports a workbook and a 情况说明; selected drafts export one workbook', async () => {
  const { page, context, requests, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'fengtai.txt', mimeType: 'text/plain', buffer: readFileSync('tests/fixtures/bj-fengtai-2020-final-accounts-sample.txt'),
  });
  await page.getByTestId('review-table').waitFor({ timeout: 15000 });
  const paragraph = (await page.getByTestId('summary-paragraph').innerText()).trim();

  const unit = await download(page, 'export-unit-xlsx');
  assert.match(unit.name, /\.xlsx$/);
  const book = part(unit.path, 'xl/workbook.xml');
  for (const sheet of ['汇总', '逐表结果', '问题清单']) assert.ok(book.includes(`name="${sheet}"`), sheet);
  assert.equal((book.match(/<sheet /g) || []).length, 3 + 26, 'one sheet per form');
  assert.ok(part(unit.path, 'xl/sharedStrings.xml').includes(paragraph), 'the paragraph as shown');

  await page.getByTestId('export-with-forms').uncheck();
  const slim = await download(page, 'export-unit-xlsx');
  assert.equal((part(slim.path, 'xl/workbook.xml').match(/<sheet /g) || []).length, 3);

  const word = await download(page, 'export-unit-docx');
  assert.match(word.name, /绩效评价情况说明\.docx$/);
  const text = part(word.path, 'word/document.xml').replace(/<[^>]+>/g, '');
  assert.ok(text.includes(paragraph), 'the paragraph exactly as shown');

  // Two drafts ticked on the drafts screen: one workbook.
  await page.getByTestId('nav-drafts').click();
  for (const name of ['甲项目', '乙项目']) {
    await newForm(page, 'bj');
    await page.getByTestId('field-project-name').fill(name);
    await page.getByTestId('editor-back').click();
  }
  await page.getByTestId('draft-item').nth(1).waitFor();
  const boxes = page.getByTestId('draft-select');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const drafts = await download(page, 'export-drafts-xlsx');
  const names = part(drafts.path, 'xl/workbook.xml');
  assert.ok(names.includes('name="逐表结果"'));
  assert.equal((names.match(/<sheet /g) || []).length, 3);
  const draftStrings = part(drafts.path, 'xl/sharedStrings.xml');
  assert.ok(draftStrings.includes('甲项目') && draftStrings.includes('乙项目'));

  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, fileUrl()), []);
  await context.close();
});
