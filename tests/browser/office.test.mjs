// Word (.docx) and Excel (.xlsx) files picked or dropped on the import
// screen read into the same forms and findings as their text (file://).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, fileUrl, openPage, foreignRequests } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const fixture = (name) => readFileSync(`tests/fixtures/${name}`);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function importScreen(page) {
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('nav-import').click();
  await page.getByTestId('screen-import').waitFor();
}

async function resultsJson(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-results-json').click()]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

/** The results without where each form came from. */
const withoutPlaces = (results) => ({
  summary: results.summary,
  forms: results.forms.map(({ source, source_lines, findings, ...form }) => ({
    ...form,
    findings: findings.map(({ location, ...f }) => (f.code === 'IMPORT_INCOMPLETE' ? f : { ...f, location })),
  })),
});

test('a .docx and an .xlsx picked together (with an old .doc) give the same results as their text', async () => {
  const { page, context, requests, errors } = await openPage(browser, fileUrl());
  await importScreen(page);
  assert.equal(await page.getByTestId('import-file').getAttribute('multiple'), '');
  assert.match(await page.getByTestId('import-file').getAttribute('accept'), /\.docx.*\.xlsx|\.xlsx.*\.docx/);

  // The text forms first, for comparison.
  await page.getByTestId('import-text').fill(fixture('bj-chaoyang-2020-project-selfeval.txt').toString('utf8'));
  await page.getByTestId('import-submit').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length === 2);
  const chaoyangText = await resultsJson(page);
  await page.getByTestId('import-text').fill(fixture('hb-wuhan-2020-dept-and-project-selfeval.txt').toString('utf8'));
  await page.getByTestId('import-submit').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length === 10);
  const wuhanText = await resultsJson(page);

  const old = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('WordDocument', 'utf16le')]);
  await page.getByTestId('import-file').setInputFiles([
    { name: '朝阳.docx', mimeType: DOCX, buffer: fixture('office/bj-chaoyang-2020-project-selfeval.docx') },
    { name: '旧表.doc', mimeType: 'application/msword', buffer: old },
    { name: '武汉.xlsx', mimeType: XLSX, buffer: fixture('office/hb-wuhan-2020-dept-and-project-selfeval.xlsx') },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length === 12, null, { timeout: 15000 });
  assert.match(await page.getByTestId('notice').innerText(), /未导入“旧表\.doc”：这是旧版 Word 文件（\.doc）.*另存为” \.docx/);
  assert.match(await page.getByTestId('import-notes').innerText(), /旧表\.doc/);
  const meta = await page.getByTestId('import-meta').innerText();
  assert.match(meta, /朝阳\.docx（Word 文档，\d+ KB）；武汉\.xlsx（Excel 工作簿，\d+ KB）/);
  assert.match(meta, /共 12 张表/);

  const results = await resultsJson(page);
  assert.deepEqual(withoutPlaces({ summary: {}, forms: results.forms.slice(0, 2) }).forms, withoutPlaces(chaoyangText).forms);
  assert.deepEqual(withoutPlaces({ summary: {}, forms: results.forms.slice(2) }).forms, withoutPlaces(wuhanText).forms);
  assert.equal(results.summary.forms, 12);
  assert.equal(results.forms[0].source.file, '朝阳.docx');
  assert.deepEqual(results.forms[0].source.first, { kind: 'table_row', table: 1, row: 1 });
  assert.equal(results.forms[2].source.file, '武汉.xlsx');
  assert.equal(results.forms[2].source.first.kind, 'sheet_row');
  assert.equal(results.forms[2].source.first.sheet, '自评表');
  // The Hubei department form's rate came from a percent-formatted number.
  assert.equal(results.forms[2].printed_total, wuhanText.forms[0].printed_total);

  // The review table and a form's detail name the file and place.
  const names = await page.getByTestId('review-row').locator('td.name').allInnerTexts();
  assert.equal(names[0].trim(), chaoyangText.forms[0].name);
  await page.getByTestId('review-row').nth(2).click();
  assert.match(await page.getByTestId('form-source').innerText(), /来源：武汉\.xlsx：工作表“自评表”第 \d+–\d+ 行/);

  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, fileUrl()), []);
  await context.close();
});

test('a file dropped on the import screen is read; a 208-form .docx imports and checks', async () => {
  const { page, context, requests, errors } = await openPage(browser, fileUrl());
  await importScreen(page);
  const drop = async (name, type, buffer) => {
    await page.getByTestId('screen-import').evaluate((el, [name, type, base64]) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type }));
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, [name, type, buffer.toString('base64')]);
  };
  await drop('西城申报表.xlsx', XLSX, fixture('office/bj-xicheng-2019-target-declarations.xlsx'));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length === 41, null, { timeout: 15000 });
  assert.match(await page.getByTestId('import-meta').innerText(), /西城申报表\.xlsx/);

  const many = fixture('office/bj-fengtai-x8-208-forms.docx');
  await drop('丰台x8.docx', DOCX, many);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length === 208, null, { timeout: 30000 });
  const ms = Number(/用时 (\d+) 毫秒/.exec(await page.getByTestId('import-meta').innerText())[1]);
  console.log(`# 208-form .docx (${Math.round(many.length / 1024)} KB) imported and checked in the page in ${ms} ms`);
  assert.ok(ms < 5000, `${ms} ms`);
  const results = await resultsJson(page);
  assert.equal(results.summary.evaluated, 26 * 8);
  assert.deepEqual(results.summary.bands, { ge90: 32, b80_90: 168, b60_80: 0, lt60: 0 });

  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, fileUrl()), []);
  await context.close();
});
