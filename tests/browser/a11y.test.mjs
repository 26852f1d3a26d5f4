// Issue 15, "a clerk fills a form without help": accessibility and layout on
// every screen of the single-file build via file://. axe-core finds no
// serious or critical violation; every control shows where the focus is;
// a marked cell says its severity without colour; the page fits 1366×768 at
// 125 % zoom (a 1093×614 CSS-pixel viewport); the indicator headings stay in
// view on long lists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchBrowser, fileUrl, openPage } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const field = (page, id) => page.locator(`[data-field="${id}"]`);
const EDITORS = [
  ['bj', 'Central'],
  ['hb', 'Hubei'],
  ['dept', 'Department'],
  ['decl', 'Declaration'],
  ['eval', 'Evaluation'],
];

async function newForm(page, kind) {
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId(`new-form-${kind}`).click();
  await page.getByTestId('screen-editor').waitFor();
}

async function back(page) {
  await page.getByTestId('editor-back').click();
  await page.getByTestId('screen-drafts').waitFor();
}

async function importFixture(page) {
  await page.getByTestId('nav-import').click();
  await page.getByTestId('screen-import').waitFor();
  await page.getByTestId('import-file').setInputFiles({
    name: 'fengtai.txt', mimeType: 'text/plain', buffer: readFileSync('tests/fixtures/bj-fengtai-2020-final-accounts-sample.txt'),
  });
  await page.getByTestId('review-table').waitFor({ timeout: 15000 });
}

/** A small Beijing form with an error (score over its weight) and a warning (a target not measurable). */
async function fillWithFindings(page) {
  await page.getByTestId('field-project-name').fill('社区服务经费');
  await page.getByTestId('fund-total-annual').fill('2175.9657');
  await page.getByTestId('fund-total-spent').fill('1962.2');
  for (const [i, name, target, actual, weight, score] of [
    [0, '培训场次', '逐步提升', '4次', '50', '50'],
    [4, '受益人数', '≥500人', '520人', '30', '30'],
    [8, '群众满意度', '≥90%', '95%', '10', '100'],
  ]) {
    await field(page, `indicators.${i}.name`).fill(name);
    await field(page, `indicators.${i}.target`).fill(target);
    await field(page, `indicators.${i}.actual`).fill(actual);
    await field(page, `indicators.${i}.weight`).fill(weight);
    await field(page, `indicators.${i}.score`).fill(score);
  }
  await page.getByTestId('findings').locator('.finding[data-code="SCORE_RANGE"]').waitFor();
  await page.getByTestId('findings').locator('.finding[data-code="NOT_MEASURABLE"]').waitFor();
}

/** axe-core on the whole page: its violations as {id, impact, nodes, targets}. */
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
}

const IMPACTS = ['critical', 'serious', 'moderate', 'minor'];

test('axe-core: no serious or critical violation on any screen', { timeout: 180000 }, async () => {
  const { page, context, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  const report = [];
  const check = async (screen) => {
    const violations = await axe(page);
    const counts = Object.fromEntries(IMPACTS.map((i) => [i, violations.filter((v) => v.impact === i).reduce((n, v) => n + v.nodes, 0)]));
    report.push({ screen, counts, violations });
    console.log(`# axe ${screen}: ${IMPACTS.map((i) => `${i} ${counts[i]}`).join(', ')}${violations.length ? ` (${violations.map((v) => `${v.id}:${v.impact}×${v.nodes}`).join(' ')})` : ''}`);
  };

  await check('drafts (empty)');
  await page.getByTestId('open-sample').click();
  await page.getByTestId('sample-badge').waitFor();
  await check('editor 示例');
  await back(page);
  for (const [kind, layout] of EDITORS) {
    await newForm(page, kind);
    assert.equal(await page.getByTestId('screen-editor').getAttribute('data-layout'), layout);
    await check(`editor ${layout} (new)`);
    await back(page);
  }
  await check('drafts (5 drafts)');
  await newForm(page, 'bj');
  await fillWithFindings(page);
  await check('editor Central (filled, with findings)');
  await page.getByTestId('presubmit-check').click();
  await page.getByTestId('presubmit').waitFor();
  await check('editor Central (提交前检查 open)');
  await back(page);
  await page.getByTestId('nav-import').click();
  await page.getByTestId('screen-import').waitFor();
  await check('import (before)');
  await importFixture(page);
  await check('import (丰台, 26 forms)');
  await page.getByTestId('review-row').nth(2).click();
  await page.getByTestId('form-detail').waitFor();
  await check('import (a form\'s findings open)');

  const bad = report.flatMap((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${r.screen}: ${v.id} (${v.impact}) ${v.targets.join(' | ')}`));
  assert.deepEqual(bad, []);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Focuses each selector after a key press (keyboard modality, as a clerk tabbing) and reads its focus ring. */
async function focusRings(page, selectors) {
  await page.keyboard.press('Shift');
  const out = {};
  for (const selector of selectors) {
    const el = page.locator(selector).first();
    await el.focus();
    out[selector] = await el.evaluate((e) => {
      // A file input is invisible inside its label: the label shows the ring.
      const shown = e.type === 'file' ? e.closest('label') : e;
      const s = getComputedStyle(shown);
      return { focused: document.activeElement === e, style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
  }
  return out;
}

const ringOk = (r) => r.focused && r.style !== 'none' && r.width >= 2;

test('every kind of control shows a focus ring of at least 2 px', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await newForm(page, 'bj');
  const editor = await focusRings(page, [
    '[data-testid="indicator-target"]', '[data-testid="fund-total-annual"]', '[data-field="year"]',
    '[data-testid="add-indicator"]', '[data-testid="editor-back"]', '[data-testid="row-na"]',
    '[data-testid="remove-indicator"]', '[data-testid="nav-drafts"]',
  ]);
  await back(page);
  const drafts = await focusRings(page, [
    '[data-testid="new-scheme"]', '[data-testid="new-form-year"]', '[data-testid="draft-search"]',
    '[data-testid="new-form"]', '[data-testid="backup-import"]', '[data-testid="draft-select"]', '[data-testid="draft-item"] a',
  ]);
  for (const [selector, ring] of Object.entries({ ...editor, ...drafts })) assert.ok(ringOk(ring), `${selector}: ${JSON.stringify(ring)}`);
  await context.close();
});

test('no style removes the focus outline', () => {
  const css = readFileSync('style/main.css', 'utf8');
  assert.doesNotMatch(css, /outline\s*:\s*(none|0)\b/);
  assert.doesNotMatch(css, /outline-(style|width)\s*:\s*(none|0)\b/);
});

test('a marked cell says its severity without colour: border style, aria-invalid, title; findings carry the word', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  await newForm(page, 'bj');
  await fillWithFindings(page);
  const cue = (id) => field(page, id).evaluate((e) => {
    const s = getComputedStyle(e);
    return { cls: e.className, invalid: e.getAttribute('aria-invalid'), title: e.getAttribute('title'), style: s.borderLeftStyle, width: parseFloat(s.borderLeftWidth) };
  });
  const error = await cue('indicators.8.score');
  const warning = await cue('indicators.0.target');
  const plain = await cue('indicators.4.score');
  assert.match(error.cls, /mark-error/);
  assert.match(warning.cls, /mark-warning/);
  assert.equal(error.invalid, 'true');
  assert.notEqual(warning.invalid, 'true');
  assert.equal(plain.invalid, null);
  assert.match(error.title, /错误/);
  assert.match(warning.title, /警告/);
  assert.equal(plain.title, null);
  // Told apart in grey scale: a thick solid edge, a dashed one, none.
  assert.equal(error.style, 'solid');
  assert.ok(error.width >= 3, JSON.stringify(error));
  assert.equal(warning.style, 'dashed');
  assert.ok(warning.width >= 2, JSON.stringify(warning));
  assert.ok(plain.width < 2, JSON.stringify(plain));

  // Headings 错误（n）/ 警告（n） over as many items, each item with its word.
  const panel = page.getByTestId('findings');
  for (const [sev, word] of [['error', '错误'], ['warning', '警告']]) {
    const items = panel.locator(`.finding.sev-${sev}`);
    const n = await items.count();
    assert.ok(n > 0, sev);
    assert.ok(await panel.locator('h4', { hasText: `${word}（${n}）` }).isVisible(), `${word}（${n}）`);
    for (const text of await items.allInnerTexts()) assert.ok(text.trim().startsWith(word), text);
  }

  // Fixed: the cell is no longer invalid and says nothing.
  await field(page, 'indicators.8.score').fill('10');
  await page.waitForFunction(() => !document.querySelector('[data-field="indicators.8.score"]').classList.contains('mark-error'));
  const fixed = await cue('indicators.8.score');
  assert.equal(fixed.invalid, null);
  assert.equal(fixed.title, null);
  await context.close();
});

/** No horizontal page scroll, and the 指标值/实际完成值 cells' smallest width. */
async function fit(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const cells = [...document.querySelectorAll('[data-testid="indicator-target"], [data-testid="indicator-actual"]')];
    // A table wider than its sheet would run under the findings panel
    // without making the page scroll.
    const spill = [...document.querySelectorAll('.sheet table, .sheet .summary')]
      .map((t) => t.getBoundingClientRect().right - t.closest('.sheet').getBoundingClientRect().right)
      .filter((d) => d > 1);
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
      cellMin: cells.length ? Math.min(...cells.map((c) => c.getBoundingClientRect().width)) : null,
      spill,
    };
  });
}

for (const [label, viewport, scale, minCell] of [
  ['1366×768 at 125 % zoom (1093×614 CSS px)', { width: 1093, height: 614 }, 1.25, 120],
  ['1366×768 at 100 %', { width: 1366, height: 768 }, 1, 160],
]) {
  test(`${label}: no horizontal scroll on any screen; 指标值/实际完成值 at least ${minCell} px`, { timeout: 120000 }, async () => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: scale });
    const page = await context.newPage();
    await page.goto(fileUrl());
    await page.getByTestId('app-shell').waitFor();
    const widths = {};
    const noScroll = (screen, f) => {
      assert.ok(f.scrollWidth <= f.clientWidth, `${screen}: page scrolls sideways (${f.scrollWidth} > ${f.clientWidth})`);
      assert.deepEqual(f.spill, [], `${screen}: a table runs past its sheet by ${f.spill} px`);
    };
    noScroll('drafts (empty)', await fit(page));
    for (const [kind, layout] of EDITORS) {
      await newForm(page, kind);
      const f = await fit(page);
      noScroll(layout, f);
      if (f.cellMin !== null) {
        widths[layout] = Math.round(f.cellMin);
        assert.ok(f.cellMin >= minCell, `${layout}: 指标值/实际完成值 ${f.cellMin} px < ${minCell}`);
      }
      await back(page);
    }
    noScroll('drafts (5 drafts)', await fit(page));
    await importFixture(page);
    noScroll('import (丰台)', await fit(page));
    await page.getByTestId('review-row').nth(2).click();
    await page.getByTestId('form-detail').waitFor();
    noScroll('import (detail)', await fit(page));
    console.log(`# ${label}: narrowest 指标值/实际完成值 cell ${JSON.stringify(widths)}`);
    assert.deepEqual(Object.keys(widths), ['Central', 'Hubei', 'Department', 'Declaration']);
    await context.close();
  });
}

/** Scrolls row `at` into view; the heading row must be on screen, under the summary bar. */
async function headingInView(page, table, at) {
  await table.getByTestId('indicator-row').nth(at).scrollIntoViewIfNeeded();
  return table.evaluate((t, at) => {
    const head = t.querySelector('thead tr:last-child th').getBoundingClientRect();
    const row = t.querySelectorAll('[data-testid="indicator-row"]')[at].getBoundingClientRect();
    const bar = document.querySelector('[data-testid="summary"]').getBoundingClientRect();
    return { tableTop: t.getBoundingClientRect().top, headTop: head.top, headBottom: head.bottom, barBottom: bar.bottom, rowTop: row.top, rowBottom: row.bottom, height: innerHeight };
  }, at);
}

test('the indicator headings stay in view under the summary bar on a 40-row list', async () => {
  const { page, context } = await openPage(browser, fileUrl());
  const check = (what, r) => {
    assert.ok(r.tableTop < 0, `${what}: the table's top is scrolled away (${JSON.stringify(r)})`);
    assert.ok(r.headTop >= r.barBottom - 1, `${what}: heading under the summary bar (${JSON.stringify(r)})`);
    assert.ok(r.headBottom <= r.rowTop + 1 && r.rowBottom <= r.height, `${what}: row in view below the heading (${JSON.stringify(r)})`);
  };
  for (const kind of ['bj', 'decl', 'dept']) {
    await newForm(page, kind);
    const table = page.locator('table.indicators').first();
    const add = page.locator(kind === 'dept' ? '[data-testid="add-indicator"][data-goal="0"]' : '[data-testid="add-indicator"]');
    const buttons = await add.count();
    while ((await table.getByTestId('indicator-row').count()) < 40) await add.nth((await table.getByTestId('indicator-row').count()) % buttons).click();
    check(kind, await headingInView(page, table, 29));
    await back(page);
  }
  await context.close();
});
