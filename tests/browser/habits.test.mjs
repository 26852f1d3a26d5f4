// Spreadsheet habits in the editor (issue 15, first part): undo/redo through
// the keyboard and buttons, a deleted row brought back from its message,
// 删除空行, and what a new form still lacks. The single-file build via file://.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, fileUrl, openPage } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const field = (page, id) => page.locator(`[data-field="${id}"]`);
const rows = (page) => page.getByTestId('indicator-row').count();

test('Ctrl+Z / Ctrl+Y undo and redo typing and row edits; a deleted row comes back from its message', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('new-form-bj').click();
  await page.getByTestId('screen-editor').waitFor();
  assert.equal(await page.getByTestId('undo').isDisabled(), true);
  await page.getByTestId('field-project-name').fill('撤销测试');
  await page.waitForTimeout(900); // a new burst of typing: a step of its own
  await field(page, 'indicators.0.target').click();
  await page.keyboard.type('≥4次');
  assert.equal(await field(page, 'indicators.0.target').inputValue(), '≥4次');
  await page.keyboard.press('Control+z');
  assert.equal(await field(page, 'indicators.0.target').inputValue(), '');
  assert.equal(await page.getByTestId('field-project-name').inputValue(), '撤销测试');
  await page.keyboard.press('Control+y');
  assert.equal(await field(page, 'indicators.0.target').inputValue(), '≥4次');

  // Deleting a row: the message offers 撤销, which brings the row back with its text.
  const n = await rows(page);
  await page.getByTestId('remove-indicator').first().click();
  assert.equal(await rows(page), n - 1);
  assert.match(await page.getByTestId('undo-toast').innerText(), /已删除第 1 行/);
  await page.getByTestId('undo-toast').getByRole('button', { name: '撤销' }).click();
  assert.equal(await rows(page), n);
  assert.equal(await field(page, 'indicators.0.target').inputValue(), '≥4次');

  // 删除空行: every blank template row at once, one undo step.
  await page.getByTestId('remove-empty-rows').click();
  assert.equal(await rows(page), 1);
  await page.getByTestId('undo').click();
  assert.equal(await rows(page), n);
  await page.getByTestId('redo').click();
  assert.equal(await rows(page), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a new form lists what is missing; a filled one ends with all clear', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('new-form-eval').click();
  await page.getByTestId('screen-editor').waitFor();
  assert.match(await page.getByTestId('missing-items').innerText(), /未填完 \d+ 项/);
  await field(page, 'name').fill('背街小巷清扫保洁');
  await field(page, 'budget').fill('288.4497');
  for (const [i, s] of [[0, '11.70'], [1, '25.84'], [2, '45.00']]) await field(page, `items.${i}.score`).fill(s);
  await page.getByTestId('all-clear').waitFor();
  assert.equal(await page.getByTestId('missing-items').count(), 0);
  await context.close();
});

test('the drafts list shows each draft\'s state, sorts and searches; the text size is remembered', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  const saved = () => page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent.startsWith('已保存'));
  await page.getByTestId('new-form-bj').click();
  await page.getByTestId('field-project-name').fill('乙项目');
  await page.getByTestId('fund-total-annual').fill('100');
  await page.getByTestId('fund-total-spent').fill('120');
  await saved();
  await page.getByTestId('editor-back').click();
  await page.getByTestId('new-form-eval').click();
  await field(page, 'name').fill('甲评价');
  await field(page, 'budget').fill('288.4497');
  for (const [i, s] of [[0, '11.70'], [1, '25.84'], [2, '45.00']]) await field(page, `items.${i}.score`).fill(s);
  await saved();
  await page.getByTestId('editor-back').click();
  const status = (name) => page.getByTestId('draft-item').filter({ hasText: name }).getByTestId('draft-status').innerText();
  assert.match(await status('乙项目'), /\d+ 个错误，未填完 \d+ 项/);
  assert.equal(await status('甲评价'), '可提交');
  // Newest first by default; by name on request.
  const first = async () => (await page.getByTestId('draft-item').first().innerText());
  assert.match(await first(), /甲评价/);
  await page.getByTestId('draft-sort').selectOption('name');
  assert.match(await first(), /乙项目/, 'code-point order puts 乙 (U+4E59) before 甲 (U+7532)');
  await page.getByTestId('draft-search').fill('2025');
  assert.equal(await page.getByTestId('draft-item').count(), 2);
  await page.getByTestId('draft-search').fill('评价得分');
  assert.equal(await page.getByTestId('draft-item').count(), 1);

  // A+ twice: 125 %, and still after a reload.
  await page.getByTestId('text-larger').click();
  await page.getByTestId('text-larger').click();
  assert.equal(await page.getByTestId('text-size').innerText(), '125%');
  await page.reload();
  await page.getByTestId('app-shell').waitFor();
  assert.equal(await page.getByTestId('text-size').innerText(), '125%');
  assert.equal(await page.evaluate(() => document.body.style.zoom), '125%');
  await page.getByTestId('text-smaller').click();
  assert.equal(await page.getByTestId('text-size').innerText(), '110%');
  assert.deepEqual(errors, []);
  await context.close();
});
