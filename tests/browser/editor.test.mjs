// The project form editor and drafts, on the single-file build via file://.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, fileUrl, openPage, foreignRequests, DIST } from './harness.mjs';
import { keystrokes, describe } from '../../tools/keystroke.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const field = (page, id) => page.locator(`[data-field="${id}"]`);
const text = async (page, testid) => (await page.getByTestId(testid).innerText()).trim();

async function newForm(page, kind = 'bj') {
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId(`new-form-${kind}`).click();
  await page.getByTestId('screen-editor').waitFor();
}

async function waitSaved(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent.startsWith('已保存'), null, { timeout: 5000 });
}

/** A correct small Beijing form: 10 + 50/30/10, total 99 with 9 budget points. */
async function fillBeijing(page) {
  await page.getByTestId('field-project-name').fill('社区服务经费');
  await page.getByTestId('fund-total-annual').fill('2175.9657');
  await page.getByTestId('fund-total-spent').fill('1962.2');
  const rows = [
    [0, '培训场次', '≥4次', '4次', '50', '50'],
    [4, '受益人数', '≥500人', '520人', '30', '30'],
    [8, '群众满意度', '≥90%', '95%', '10', '10'],
  ];
  for (const [i, name, target, actual, weight, score] of rows) {
    await field(page, `indicators.${i}.name`).fill(name);
    await field(page, `indicators.${i}.target`).fill(target);
    await field(page, `indicators.${i}.actual`).fill(actual);
    await field(page, `indicators.${i}.weight`).fill(weight);
    await field(page, `indicators.${i}.score`).fill(score);
  }
  await field(page, 'satisfaction_basis').fill('发放问卷 200 份');
}

test('a Beijing form scores live, explains, and finds mistakes that focus their field', async () => {
  const { page, context, requests, errors } = await openPage(browser, fileUrl());
  await newForm(page);
  await fillBeijing(page);
  assert.equal(await text(page, 'exec-rate'), '90.18%');
  assert.equal(await text(page, 'exec-score'), '9');
  assert.match(await text(page, 'exec-explanation'), /9 = 10 × 90\.18%/);
  assert.equal(await text(page, 'total-score'), '99');
  assert.equal(await text(page, 'grade'), '优');
  assert.equal(await text(page, 'weight-sum'), '100');

  // Over-scoring a row: SCORE_RANGE appears, and clicking it focuses the cell.
  await field(page, 'indicators.8.score').fill('100');
  const finding = page.getByTestId('findings').locator('.finding[data-code="SCORE_RANGE"]');
  await finding.waitFor();
  assert.equal(await text(page, 'total-score'), '189');
  await finding.click();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-field')), 'indicators.8.score');
  assert.match(await field(page, 'indicators.8.score').getAttribute('class'), /mark-error/);

  // A missed target with full marks: the suggestion is offered and accepted.
  await field(page, 'indicators.8.score').fill('10');
  await field(page, 'indicators.8.actual').fill('85%');
  await page.getByTestId('findings').locator('.finding[data-code="SCORE_VS_TARGET"]').waitFor();
  await page.getByTestId('accept-suggestion').first().click();
  assert.equal(await field(page, 'indicators.8.score').inputValue(), '9.44');
  assert.equal(await text(page, 'total-score'), '98.44');

  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, fileUrl()), []);
  await context.close();
});

test('a Hubei form: 20 × rate, goal score and text blocks', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await newForm(page, 'hb');
  await page.getByTestId('field-project-name').fill('其他支出');
  await page.getByTestId('fund-total-annual').fill('1069.34');
  await page.getByTestId('fund-total-spent').fill('939.9');
  assert.equal(await text(page, 'exec-rate'), '87.90%');
  assert.equal(await text(page, 'exec-score'), '17.58');
  await field(page, 'goal.score').fill('18');
  await field(page, 'deviation_analysis').fill('预算执行率偏低');
  assert.equal(await text(page, 'total-score'), '35.58');
  await context.close();
});

test('新建 offers every project scheme; the chosen one scores the form and shows in the list', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  const options = await page.getByTestId('new-scheme').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(options.slice(0, 1), ['beijing-project'], 'the default scheme comes first');
  assert.ok(options.includes('central-project') && options.includes('hubei-project'), options.join());
  await page.getByTestId('new-scheme').selectOption('central-project');
  await page.getByTestId('new-form').click();
  await page.getByTestId('screen-editor').waitFor();
  await page.getByTestId('field-project-name').fill('中央方案测试');
  await page.getByTestId('fund-total-annual').fill('2175.9657');
  await page.getByTestId('fund-total-spent').fill('1962.2');
  // Central: 10 × rate to two decimals (Beijing's default would give 9).
  assert.equal(await text(page, 'exec-score'), '9.02');
  await waitSaved(page);
  await page.getByTestId('editor-back').click();
  const scheme = await page.getByTestId('draft-item').first().getByTestId('draft-scheme').innerText();
  assert.match(scheme, /中央部门项目支出绩效自评/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('drafts survive a reload, and Enter moves down a column as in a spreadsheet', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await newForm(page);
  await fillBeijing(page);
  await field(page, 'indicators.0.name').press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-field')), 'indicators.1.name');
  await page.keyboard.type('第二个数量指标');
  await waitSaved(page);
  await page.reload();
  await page.getByTestId('draft-item').first().waitFor();
  assert.match(await page.getByTestId('draft-item').first().innerText(), /社区服务经费/);
  await page.getByTestId('draft-open').first().click();
  await page.getByTestId('screen-editor').waitFor();
  assert.equal(await field(page, 'indicators.1.name').inputValue(), '第二个数量指标');
  assert.equal(await page.getByTestId('fund-total-spent').inputValue(), '1962.2');
  assert.equal(await text(page, 'total-score'), '99');
  await context.close();
});

test('full storage shows a warning, keeps the text and offers a backup', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await newForm(page);
  await page.getByTestId('field-project-name').fill('存储测试');
  await waitSaved(page);
  await page.evaluate(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await field(page, 'goal.expected').fill('空间满时输入的目标');
  const warning = page.getByTestId('storage-warning');
  await warning.waitFor({ timeout: 5000 });
  assert.match(await warning.innerText(), /存储空间已满/);
  assert.equal(await field(page, 'goal.expected').inputValue(), '空间满时输入的目标');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
  const backup = readFileSync(await download.path(), 'utf8');
  assert.match(backup, /空间满时输入的目标/);
  assert.match(backup, /jixiao-backup/);
  // Typed and backed up at once, inside the autosave delay: still in the backup.
  await field(page, 'goal.actual').fill('最后一刻输入的内容');
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
  assert.match(readFileSync(await again.path(), 'utf8'), /最后一刻输入的内容/);
  await context.close();
});

test('a tab sent to the background writes its pending edit at once', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await newForm(page);
  await page.getByTestId('field-project-name').fill('后台保存');
  await waitSaved(page);
  await field(page, 'goal.expected').fill('切到后台前输入');
  // Hidden before the autosave delay has passed.
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  const stored = await page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('jixiao.v1.draft.'))
    .map((k) => localStorage.getItem(k)).join(''));
  assert.match(stored, /切到后台前输入/);
  await context.close();
});

test('a JSON backup restored twice adds nothing; a changed draft comes back as a named copy', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await newForm(page);
  await fillBeijing(page);
  await waitSaved(page);
  await page.getByTestId('editor-back').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-export-all').click()]);
  const backup = { name: 'backup.json', mimeType: 'application/json', buffer: readFileSync(await download.path()) };
  await page.getByTestId('backup-import').setInputFiles(backup);
  await page.getByTestId('notice').waitFor();
  assert.match(await text(page, 'notice'), /导入 0 份草稿，跳过 1 份/);
  assert.equal(await page.getByTestId('draft-item').count(), 1);

  // Renamed since the backup: the backup's version comes back beside it, once.
  await page.getByTestId('draft-rename').click();
  await page.getByTestId('draft-rename-input').fill('社区服务经费（改）');
  await page.getByTestId('draft-rename-input').press('Enter');
  await page.getByTestId('backup-import').setInputFiles(backup);
  await page.waitForFunction(() => document.querySelector('[data-testid="notice"]')?.textContent.includes('另存为'));
  assert.equal(await page.getByTestId('draft-item').count(), 2);
  const names = await page.getByTestId('draft-item').allInnerTexts();
  assert.ok(names.some((n) => n.includes('社区服务经费（备份 ') && n.includes('99')), names.join('|'));
  await page.getByTestId('backup-import').setInputFiles(backup);
  await page.waitForFunction(() => document.querySelector('[data-testid="notice"]')?.textContent.includes('跳过 1 份'));
  assert.equal(await page.getByTestId('draft-item').count(), 2);

  // A damaged file changes nothing and says why.
  await page.getByTestId('backup-import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "jixiao-backup", "drafts": [') });
  await page.waitForFunction(() => document.querySelector('[data-testid="notice"]')?.textContent.includes('未导入'));
  assert.equal(await page.getByTestId('draft-item').count(), 2);
  await context.close();
});

test('without Web Locks (older browsers), the same draft in two tabs: the second tab is warned before overwriting', async () => {
  const { page: a, context } = await openPage(browser, fileUrl(), { initScript: () => { delete Navigator.prototype.locks; } });
  await newForm(a);
  await a.getByTestId('field-project-name').fill('两个标签页');
  await waitSaved(a);
  const b = await context.newPage();
  await b.goto(fileUrl());
  await b.getByTestId('draft-open').first().click();
  await b.getByTestId('screen-editor').waitFor();
  await field(a, 'goal.expected').fill('标签页 A 的修改');
  await waitSaved(a);
  const warning = b.getByTestId('conflict-warning');
  await warning.waitFor({ timeout: 5000 });
  await field(b, 'goal.actual').fill('标签页 B 的修改');
  await b.waitForTimeout(1200);
  // Nothing of B was written over A's version.
  const stored = await a.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('jixiao.v1.draft.')).map((k) => localStorage.getItem(k)).join(''));
  assert.match(stored, /标签页 A 的修改/);
  assert.doesNotMatch(stored, /标签页 B 的修改/);
  await b.getByTestId('conflict-keep-mine').click();
  await waitSaved(b);
  const after = await a.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('jixiao.v1.draft.')).map((k) => localStorage.getItem(k)).join(''));
  assert.match(after, /标签页 B 的修改/);
  await context.close();
});

test('one tab edits a draft at a time: the other only shows it, and can take over', async () => {
  const { page: a, context } = await openPage(browser, fileUrl());
  await newForm(a);
  await a.getByTestId('field-project-name').fill('一次一个标签页');
  await waitSaved(a);
  const b = await context.newPage();
  await b.goto(fileUrl());
  await b.getByTestId('draft-open').first().click();
  await b.getByTestId('editing-elsewhere').waitFor();
  assert.equal(await field(b, 'goal.expected').getAttribute('readonly') !== null || await field(b, 'goal.expected').evaluate((e) => e.readOnly), true);
  // B takes over: it shows what A saved, A stops saving and says so.
  await field(a, 'goal.expected').fill('A 接管前的修改');
  await waitSaved(a);
  await b.getByTestId('take-over').click();
  await b.getByTestId('editing-elsewhere').waitFor({ state: 'detached' });
  assert.equal(await field(b, 'goal.expected').inputValue(), 'A 接管前的修改');
  await a.getByTestId('editing-elsewhere').waitFor();
  assert.match(await a.getByTestId('editing-elsewhere').innerText(), /接管/);
  await field(b, 'goal.actual').fill('B 接管后的修改');
  await waitSaved(b);
  const stored = await b.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('jixiao.v1.draft.')).map((k) => localStorage.getItem(k)).join(''));
  assert.match(stored, /A 接管前的修改/);
  assert.match(stored, /B 接管后的修改/);
  await context.close();
});

test('two tabs typing into the same draft at the same moment never lose an edit in silence (20 rounds)', { timeout: 300000 }, async () => {
  const { page: a, context } = await openPage(browser, fileUrl());
  const b = await context.newPage();
  for (let round = 0; round < 20; round++) {
    await a.goto(fileUrl());
    await newForm(a);
    await a.getByTestId('field-project-name').fill(`并发 ${round}`);
    await waitSaved(a);
    const id = await a.evaluate(() => JSON.parse(localStorage.getItem('jixiao.v1.index')).ids[0]);
    await b.goto(fileUrl());
    await b.locator(`[data-testid="draft-item"][data-id="${id}"]`).getByTestId('draft-open').click();
    await b.getByTestId('screen-editor').waitFor();
    // Both type at once, within the same 100 ms.
    await Promise.all([
      field(a, 'goal.expected').fill(`A${round}`),
      field(b, 'goal.actual').focus().then(() => b.keyboard.type(`B${round}`)),
    ]);
    await a.waitForTimeout(1000);
    const stored = await a.evaluate((k) => localStorage.getItem(k), `jixiao.v1.draft.${id}`);
    assert.match(stored, new RegExp(`A${round}`), `round ${round}: the editing tab's edit is saved`);
    // The other tab took no edit it could lose: it shows the draft read-only and says why.
    assert.equal(await field(b, 'goal.actual').inputValue(), '', `round ${round}`);
    assert.equal(await b.getByTestId('editing-elsewhere').count(), 1, `round ${round}`);
  }
  console.log('# two tabs, 20 rounds of simultaneous typing: the editing tab saved every time, the other showed editing-elsewhere and took no edit');
  await context.close();
});

test('an unreadable stored draft is kept aside and reported', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  await page.evaluate(() => localStorage.setItem('jixiao.v1.draft.broken1', '{"schema":1,"draft":{oops'));
  await page.reload();
  const banner = page.getByTestId('unreadable-drafts');
  await banner.waitFor();
  assert.match(await banner.innerText(), /broken1.*无法读取/);
  const kept = await page.evaluate(() => localStorage.getItem('jixiao.v1.unreadable.broken1'));
  assert.equal(kept, '{"schema":1,"draft":{oops');
  // Its raw text can be downloaded with every other key of the app.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('unreadable-download').click()]);
  const raw = JSON.parse(readFileSync(await download.path(), 'utf8')).raw;
  assert.equal(raw['jixiao.v1.unreadable.broken1'], '{"schema":1,"draft":{oops');
  await context.close();
});

test('a draft listed twice in storage is listed once and the index repaired', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await newForm(page);
  await page.getByTestId('field-project-name').fill('重复编号');
  await waitSaved(page);
  await page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('jixiao.v1.index'));
    index.ids = [index.ids[0], index.ids[0]];
    localStorage.setItem('jixiao.v1.index', JSON.stringify(index));
  });
  await page.reload();
  await page.getByTestId('unreadable-drafts').waitFor();
  assert.match(await page.getByTestId('unreadable-drafts').innerText(), /重复/);
  assert.equal(await page.getByTestId('draft-item').count(), 1);
  const ids = await page.evaluate(() => JSON.parse(localStorage.getItem('jixiao.v1.index')).ids);
  assert.equal(ids.length, 1);
  await context.close();
});

test('delete goes to the recycle bin and can be restored; search filters', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await newForm(page);
  await page.getByTestId('field-project-name').fill('回收站测试');
  await waitSaved(page);
  await page.getByTestId('editor-back').click();
  await page.getByTestId('draft-duplicate').click();
  assert.equal(await page.getByTestId('draft-item').count(), 2);
  await page.getByTestId('draft-search').fill('副本');
  assert.equal(await page.getByTestId('draft-item').count(), 1);
  await page.getByTestId('draft-search').fill('');
  await page.getByTestId('draft-delete').first().click();
  assert.equal(await page.getByTestId('draft-item').count(), 1);
  await page.getByTestId('recycle-bin-toggle').click();
  await page.getByTestId('draft-restore').click();
  assert.equal(await page.getByTestId('draft-item').count(), 2);
  await context.close();
});

test('keystroke timing on a 60-indicator form', async () => {
  // The same measurement as `make bench` (tools/keystroke.mjs).
  const timings = await keystrokes(browser, DIST);
  console.log(`# keystroke with 60 indicators: ${describe(timings)}`);
  assert.equal(timings.length, 30);
});
