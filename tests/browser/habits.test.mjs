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

const active = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-field'));

/** Fires a real `paste` event at a cell, as Ctrl+V does, with these clipboard flavours. */
async function paste(page, fieldId, flavours) {
  return page.locator(`[data-field="${fieldId}"]`).evaluate((el, flavours) => {
    el.focus();
    const data = new DataTransfer();
    for (const [type, value] of Object.entries(flavours)) data.setData(type, value);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    el.dispatchEvent(event);
    return event.defaultPrevented;
  }, flavours);
}

test('Enter moves down, Tab right, arrow keys at a text\'s edge to the next cell', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('new-form-bj').click();
  await page.getByTestId('screen-editor').waitFor();
  await field(page, 'indicators.0.target').click();
  await page.keyboard.type('≥4次');
  await page.keyboard.press('Tab');
  assert.equal(await active(page), 'indicators.0.actual');
  await page.keyboard.type('5次');
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'indicators.1.actual', 'Enter goes down the same column');
  assert.equal(await field(page, 'indicators.0.actual').inputValue(), '5次', 'Enter typed no line break');
  await page.keyboard.press('ArrowUp');
  assert.equal(await active(page), 'indicators.0.actual', 'an empty cell is at its edge');
  // Arriving selects the text; → at the end of the text moves right.
  await page.keyboard.press('ArrowRight');
  assert.equal(await active(page), 'indicators.0.weight');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await active(page), 'indicators.0.actual');
  // Inside the text the arrows move the caret, as in any text box.
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await active(page), 'indicators.0.actual');
  await page.keyboard.press('ArrowRight');
  assert.equal(await active(page), 'indicators.0.actual');
  await page.keyboard.press('ArrowRight');
  assert.equal(await active(page), 'indicators.0.weight');
  // Shift+Tab back; Shift+Enter keeps a line break in a text cell.
  await page.keyboard.press('Shift+Tab');
  assert.equal(await active(page), 'indicators.0.actual');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('（已完成）');
  assert.equal(await field(page, 'indicators.0.actual').inputValue(), '5次\n（已完成）');
  // Money cells: Enter goes down the 全年预算数 column.
  await page.getByTestId('fund-total-annual').click();
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'funds.current_year.annual');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a block pasted from a spreadsheet fills the grid, adds rows, and is one undo step', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('new-form-bj').click();
  await page.getByTestId('screen-editor').waitFor();
  const n = await rows(page);
  // Three new 数量指标 rows from Excel (CRLF, a quoted cell with a line break).
  const block = '培训次数\t≥4次\t5次\t10\t10\r\n培训人数\t≥200人\t210人\t10\t10\r\n覆盖街道\t10个\t"10个\n全部覆盖"\t5\t5\r\n';
  assert.equal(await paste(page, 'indicators.0.name', { 'text/plain': block, 'text/html': '<table><tr><td>培训次数</td></tr></table>' }), true);
  assert.equal(await rows(page), n + 2);
  assert.equal(await field(page, 'indicators.2.name').inputValue(), '覆盖街道');
  assert.equal(await field(page, 'indicators.2.actual').inputValue(), '10个\n全部覆盖');
  assert.equal(await field(page, 'indicators.1.weight').inputValue(), '10');
  assert.match(await page.getByTestId('undo-toast').innerText(), /已粘贴 15 个单元格，新增 2 行/);
  // Numbers are parsed as usual: the weights add up.
  assert.equal((await page.getByTestId('weight-sum').innerText()).trim(), '35', '10 (budget) + 25');
  // One Ctrl+Z takes the whole block back.
  await page.keyboard.press('Control+z');
  assert.equal(await rows(page), n);
  assert.equal(await field(page, 'indicators.0.name').inputValue(), '');
  // A column of money from Excel (an HTML table on the clipboard, no tabs).
  await paste(page, 'funds.total.annual', { 'text/plain': '120\r\n100\r\n20\r\n', 'text/html': '<table><tr><td>120</td></tr></table>' });
  assert.equal(await page.getByTestId('fund-total-annual').inputValue(), '120');
  assert.equal(await field(page, 'funds.carried_over.annual').inputValue(), '20');
  // A paragraph with line breaks (no table) goes into the one text cell.
  assert.equal(await paste(page, 'indicators.0.reason', { 'text/plain': '第一段\n第二段' }), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a whole form pasted into an empty editor is read by the import reader, with a summary', async () => {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(new URL('../fixtures/bj-chaoyang-2020-project-selfeval.txt', import.meta.url), 'utf8');
  const { page, context, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('new-form-bj').click();
  await page.getByTestId('screen-editor').waitFor();
  assert.equal(await paste(page, 'name', { 'text/plain': text }), true);
  const summary = await page.getByTestId('paste-summary').innerText();
  assert.match(summary, /已从粘贴的内容读入项目支出绩效自评表“公共服务经费”：\d+ 行指标，2020 年度/);
  assert.equal(await page.getByTestId('field-project-name').inputValue(), '公共服务经费');
  assert.equal(await page.getByTestId('fund-total-spent').inputValue(), '1960.5869');
  // The printed figures are kept to be checked: 采用计算结果 is offered.
  await page.getByTestId('use-computed').waitFor();
  // Into a form already filled in: refused, nothing overwritten.
  await page.getByTestId('field-project-name').fill('另一个项目');
  assert.equal(await paste(page, 'indicators.0.actual', { 'text/plain': text }), true);
  assert.match(await page.getByTestId('paste-summary').innerText(), /本表已经填写了内容，所以没有粘贴/);
  assert.equal(await page.getByTestId('field-project-name').inputValue(), '另一个项目');
  assert.deepEqual(errors, []);
  await context.close();
});

test('提交前检查 lists every error and empty required cell, each leading to its cell, then all clear', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('new-form-eval').click();
  await page.getByTestId('screen-editor').waitFor();
  await field(page, 'items.0.score').fill('99');
  await page.getByTestId('presubmit-check').click();
  const items = page.getByTestId('presubmit-item');
  await items.first().waitFor();
  const all = await items.allInnerTexts();
  assert.ok(all.some((t) => t.startsWith('错误：')), all.join('\n'));
  assert.ok(all.some((t) => t.startsWith('未填写')), all.join('\n'));
  await items.filter({ hasText: '项目名称' }).first().getByRole('button').click();
  assert.equal(await active(page), 'name');
  await field(page, 'name').fill('背街小巷清扫保洁');
  await field(page, 'budget').fill('288.4497');
  for (const [i, s] of [[0, '11.70'], [1, '25.84'], [2, '45.00']]) await field(page, `items.${i}.score`).fill(s);
  await page.getByTestId('presubmit-clear').waitFor();
  assert.equal(await items.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('first use: the empty drafts screen says what can be done and opens a 示例 form counted nowhere', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  const empty = await page.getByTestId('drafts-empty').innerText();
  for (const word of ['新建', '导入检查', '恢复备份']) assert.ok(empty.includes(word), word);
  await page.getByTestId('open-sample').click();
  await page.getByTestId('screen-editor').waitFor();
  await page.getByTestId('sample-badge').waitFor();
  assert.equal((await page.getByTestId('total-score').innerText()).trim(), '96.5');
  await page.getByTestId('all-clear').waitFor();
  await page.getByTestId('editor-back').click();
  // Listed, marked, not selectable for export, and the screen still offers first steps.
  const item = page.getByTestId('draft-item');
  assert.equal(await item.count(), 1);
  await item.getByTestId('draft-sample').waitFor();
  assert.equal(await item.getByTestId('draft-status').innerText(), '示例（不计入）');
  assert.equal(await item.getByTestId('draft-select').isDisabled(), true);
  await page.getByTestId('drafts-empty').waitFor();
  // Opening it again opens the same draft, not a second one.
  await page.getByTestId('open-sample').click();
  await page.getByTestId('editor-back').click();
  assert.equal(await item.count(), 1);
  // A backup of all drafts leaves the sample out.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-export-all').click()]);
  const { readFile } = await import('node:fs/promises');
  const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(JSON.stringify(backup).includes('示例'), false);
  // With a draft of one's own the first-use text goes; the sample stays one click away.
  await page.getByTestId('new-form-bj').click();
  await page.getByTestId('editor-back').click();
  assert.equal(await page.getByTestId('drafts-empty').count(), 0);
  assert.equal(await page.getByTestId('open-sample').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});
