// Editors for every form type (issue 11): department, declaration and
// evaluation forms as drafts; a self-evaluation made from its declaration,
// linked both ways through reloads and backup/restore; imported forms of
// every type saved as drafts. The single-file build via file://.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser, fileUrl, openPage, foreignRequests } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const field = (page, id) => page.locator(`[data-field="${id}"]`);
const text = async (page, testid) => (await page.getByTestId(testid).first().innerText()).trim();
const codes = async (page) => page.getByTestId('findings').locator('.finding').evaluateAll((els) => els.map((e) => e.dataset.code));

async function newForm(page, kind) {
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId(`new-form-${kind}`).click();
  await page.getByTestId('screen-editor').waitFor();
}

async function waitSaved(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent.startsWith('已保存'), null, { timeout: 5000 });
}

async function reopen(page, name) {
  await page.reload();
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('draft-item').filter({ hasText: name }).getByTestId('draft-open').click();
  await page.getByTestId('screen-editor').waitFor();
}

test('a department form: budget row 99.37% → 19.87, goals with rows, total, kept across a reload', async () => {
  const { page, context, requests, errors } = await openPage(browser, fileUrl());
  await newForm(page, 'dept');
  assert.equal(await page.getByTestId('screen-editor').getAttribute('data-layout'), 'Department');
  // A new empty form says what is still to fill, not "未发现问题".
  assert.match(await text(page, 'missing-items'), /未填完 \d+ 项/);
  assert.equal(await page.getByTestId('all-clear').count(), 0);
  await page.getByTestId('dept-unit').fill('武汉市某局');
  await page.getByTestId('dept-budget-annual').fill('1000');
  await page.getByTestId('dept-budget-spent').fill('993.7');
  assert.equal(await text(page, 'dept-exec-rate'), '99.37%');
  assert.equal(await text(page, 'dept-exec-score'), '19.87');
  await field(page, 'goals.0.text').fill('保障机关正常运转');
  await field(page, 'goals.0.weight').fill('80');
  await field(page, 'goals.0.output_weight').fill('40');
  await field(page, 'goals.0.benefit_weight').fill('40');
  await field(page, 'goals.0.indicators.0.name').fill('会议保障次数');
  await field(page, 'goals.0.indicators.0.target').fill('≥12次');
  await field(page, 'goals.0.indicators.0.actual').fill('12次');
  await field(page, 'goals.0.indicators.0.weight').fill('40');
  await field(page, 'goals.0.indicators.0.score').fill('40');
  await field(page, 'goals.0.indicators.5.name').fill('服务对象满意度');
  await field(page, 'goals.0.indicators.5.target').fill('≥90%');
  await field(page, 'goals.0.indicators.5.actual').fill('95%');
  await field(page, 'goals.0.indicators.5.weight').fill('40');
  await field(page, 'goals.0.indicators.5.score').fill('35');
  assert.equal(await text(page, 'total-score'), '94.87');
  assert.equal(await text(page, 'grade'), '优');
  // A second goal and a row added to it.
  await page.getByTestId('add-dept-goal').click();
  assert.equal(await page.getByTestId('dept-goal').count(), 2);
  const before = await page.getByTestId('dept-goal').nth(1).getByTestId('indicator-row').count();
  await page.locator('[data-testid="add-indicator"][data-goal="1"][data-level2="Quantity"]').click();
  assert.equal(await page.getByTestId('dept-goal').nth(1).getByTestId('indicator-row').count(), before + 1);
  await waitSaved(page);
  await page.getByTestId('editor-back').click();
  const row = page.getByTestId('draft-item').filter({ hasText: '武汉市某局' });
  assert.match(await row.innerText(), /部门整体绩效自评表/);
  assert.match(await row.innerText(), /94\.87/);
  await reopen(page, '武汉市某局');
  assert.equal(await field(page, 'goals.0.indicators.5.score').inputValue(), '35');
  assert.equal(await text(page, 'dept-exec-score'), '19.87');
  assert.equal(await page.getByTestId('dept-goal').count(), 2);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, page.url()), []);
  await context.close();
});

test('an evaluation table takes the scheme weights 15/30/55 and totals 82.54 → 良', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await newForm(page, 'eval');
  assert.equal(await page.getByTestId('eval-item').count(), 3);
  assert.deepEqual(
    await page.getByTestId('eval-item').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('input')[1].value)),
    ['15', '30', '55'],
  );
  await field(page, 'name').fill('背街小巷清扫保洁');
  for (const [i, s] of [[0, '11.70'], [1, '25.84'], [2, '45.00']]) await field(page, `items.${i}.score`).fill(s);
  assert.equal(await text(page, 'eval-total'), '82.54');
  assert.equal(await text(page, 'grade'), '良');
  // Over its weight: the item is marked.
  await field(page, 'items.0.score').fill('16');
  await page.waitForFunction(() => document.querySelector('[data-field="items.0.score"]')?.classList.contains('mark-error'));
  await field(page, 'items.0.score').fill('11.70');
  await waitSaved(page);
  await reopen(page, '背街小巷清扫保洁');
  assert.equal(await text(page, 'eval-total'), '82.54');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a declaration: live DECL findings, then a linked self-evaluation that flags changed targets; the link survives reload and backup/restore', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await newForm(page, 'decl');
  assert.equal(await page.getByTestId('screen-editor').getAttribute('data-layout'), 'Declaration');
  await field(page, 'unit').fill('展览路街道');
  await page.getByTestId('field-project-name').fill('社区培训');
  await field(page, 'budget').fill('1000000元');
  await field(page, 'goal').fill('开展社区培训，提高居民技能');
  const rows = page.getByTestId('indicator-row');
  const n = await rows.count();
  await field(page, 'indicators.0.content').fill('培训次数');
  await rows.nth(0).getByTestId('indicator-target').fill('逐步提升');
  await page.getByTestId('findings').locator('.finding[data-code="DECL_NOT_QUANTIFIED"]').waitFor();
  await rows.nth(0).getByTestId('indicator-target').fill('≥4次');
  await page.waitForFunction(() => !document.querySelector('.finding[data-code="DECL_NOT_QUANTIFIED"]'));
  await page.locator('[data-testid="add-indicator"][data-level2="Quantity"]').click();
  assert.equal(await rows.count(), n + 1);
  await field(page, 'indicators.1.content').fill('受训人数');
  await rows.nth(1).getByTestId('indicator-target').fill('≥200人');
  const satisfaction = n; // the last row: 服务对象满意度
  await field(page, `indicators.${satisfaction}.content`).fill('参训居民满意度');
  await rows.nth(satisfaction).getByTestId('indicator-target').fill('≥90%');
  await waitSaved(page);

  // The self-evaluation: name, year, amount and every indicator carried over.
  await page.getByTestId('selfeval-from-decl').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="screen-editor"]')?.dataset.layout === 'Central');
  assert.equal(await page.getByTestId('field-project-name').inputValue(), '社区培训');
  assert.equal(await page.getByTestId('fund-total-annual').inputValue(), '100');
  const targets = await page.getByTestId('indicator-target').evaluateAll((els) => els.map((e) => e.value).filter(Boolean));
  assert.deepEqual(targets, ['≥4次', '≥200人', '≥90%']);
  assert.match(await text(page, 'linked-declaration'), /社区培训/);
  // A target lowered from the declared one is flagged against the declaration.
  await page.getByTestId('indicator-target').first().fill('≥2次');
  await page.getByTestId('findings').locator('.finding[data-code="LINK_TARGET_CHANGED"]').waitFor();
  await waitSaved(page);

  // The link is shown on the declaration too, and both survive a reload.
  await page.getByTestId('open-linked-declaration').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="screen-editor"]')?.dataset.layout === 'Declaration');
  assert.match(await text(page, 'linked-selfevals'), /社区培训/);
  await page.getByTestId('editor-back').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-export-all').click()]);
  const backup = { name: 'backup.json', mimeType: 'application/json', buffer: readFileSync(await download.path()) };

  // Restored into an empty browser: the pair is still linked.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId('app-shell').waitFor();
  assert.equal(await page.getByTestId('draft-item').count(), 0);
  await page.getByTestId('backup-import').setInputFiles(backup);
  await page.getByTestId('notice').waitFor();
  assert.equal(await page.getByTestId('draft-item').count(), 2);
  const kinds = await page.getByTestId('draft-item').allInnerTexts();
  assert.ok(kinds.some((k) => k.includes('项目支出绩效目标申报表')), kinds.join('|'));
  await reopen(page, '项目支出绩效自评表');
  assert.match(await text(page, 'linked-declaration'), /社区培训/);
  assert.ok((await codes(page)).includes('LINK_TARGET_CHANGED'));
  // Unlinked by hand: the linkage findings go.
  await page.getByTestId('link-declaration').selectOption('');
  await page.waitForFunction(() => !document.querySelector('.finding[data-code^="LINK_"]'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('imported forms of every type are saved as drafts with their printed values', async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'wuhan.txt', mimeType: 'text/plain', buffer: readFileSync('tests/fixtures/hb-wuhan-2020-dept-and-project-selfeval.txt'),
  });
  await page.getByTestId('review-table').waitFor({ timeout: 15000 });
  await page.getByTestId('review-row').filter({ hasText: '部门整体' }).first().click();
  await page.getByTestId('save-as-draft').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="screen-editor"]')?.dataset.layout === 'Department');
  // Printed values kept: the editor shows the form's own total cell.
  assert.equal(await page.getByTestId('use-computed').count(), 1);
  assert.equal(await text(page, 'dept-exec-rate'), '99.37%');
  assert.equal(await text(page, 'dept-exec-score'), '19.87');
  assert.equal(await text(page, 'total-score'), '94.87');

  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'xicheng.txt', mimeType: 'text/plain', buffer: readFileSync('tests/fixtures/bj-xicheng-2019-target-declarations.txt'),
  });
  await page.getByTestId('review-table').waitFor({ timeout: 15000 });
  await page.getByTestId('review-row').first().click();
  await page.getByTestId('save-as-draft').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="screen-editor"]')?.dataset.layout === 'Declaration');
  assert.ok(await page.getByTestId('indicator-row').count() > 3);
  await page.getByTestId('editor-back').click();
  assert.equal(await page.getByTestId('draft-item').count(), 2);
  assert.deepEqual(errors, []);
  await context.close();
});
