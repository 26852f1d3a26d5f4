// A fuzz drill (issue 14 §6): damaged documents through the import screen and
// random keystrokes into every cell of every editor (five form layouts). Zero page errors, the app answers
// after each, and the draft typed before it is intact. Seeded, so a failure
// can be replayed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { launchBrowser, fileUrl, openPage } from './harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// A small deterministic generator (mulberry32).
function random(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = Number(process.env.FUZZ_SEED || 20261202);
const EXTREMES = ['70000000000000000000000000000', '0.0000000000000000000000000001', '-79228162514264337593543950335',
  '9999999999999999999999999999999999999999', '1e27', '-1', '0', '99999999999999999999999999999%'];
const FIXTURES = readdirSync('tests/fixtures').filter((f) => f.endsWith('.txt')).map((f) => readFileSync(`tests/fixtures/${f}`, 'utf8'));

/** One damaged document: numbers replaced, cut short, junk, long lines. */
function damaged(rand, n) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  let text = pick(FIXTURES);
  switch (n % 5) {
    case 0: // numbers replaced by extreme values
      text = text.replace(/[0-9][0-9.]*/g, (m) => (rand() < 0.05 ? pick(EXTREMES) : m));
      break;
    case 1: // cut short anywhere
      text = text.slice(0, Math.floor(rand() * text.length));
      break;
    case 2: { // binary junk spliced in
      const at = Math.floor(rand() * text.length);
      const junk = String.fromCharCode(...Array.from({ length: 64 }, () => Math.floor(rand() * 0xffff)));
      text = text.slice(0, at) + junk + text.slice(at);
      break;
    }
    case 3: // a very long line
      text = text.replace('\n', '\n' + '\t数'.repeat(20000) + '\n');
      break;
    default: // lines shuffled around
      text = text.split('\n').sort(() => rand() - 0.5).join('\n');
  }
  return Buffer.from(text, 'utf8');
}

test('200 damaged documents and random keystrokes never stop the app', { timeout: 600000 }, async () => {
  const rand = random(SEED);
  const { page, context, errors } = await openPage(browser, fileUrl());
  await page.getByTestId('app-shell').waitFor();
  await page.getByTestId('new-form-bj').click();
  await page.getByTestId('field-project-name').fill('模糊测试前的草稿');
  await page.getByTestId('fund-total-annual').fill('100');
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent.startsWith('已保存'));
  await page.getByTestId('editor-back').click();

  await page.getByTestId('nav-import').click();
  const big = Buffer.from(FIXTURES[1].repeat(Math.ceil(10e6 / FIXTURES[1].length)), 'utf8');
  for (let n = 0; n < 200; n++) {
    const name = `fuzz-${n}.txt`;
    const buffer = n === 199 ? big : damaged(rand, n);
    await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/plain', buffer });
    // The app answers: results for this file, or a message naming it.
    await page.waitForFunction((file) => document.body.innerText.includes(file), name, { timeout: 60000 });
    assert.deepEqual(errors, [], `document ${n} (seed ${SEED})`);
  }

  // Random keystrokes into every cell of a new form of each layout.
  const keys = ['9', '0', '.', '-', '%', '万', '元', '≥', '—', '/', 'Enter', 'Backspace', 'Tab', 'ArrowDown', 'ArrowUp', 'ArrowLeft'];
  for (const kind of ['bj', 'hb', 'dept', 'decl', 'eval']) {
    await page.getByTestId('nav-drafts').click();
    await page.getByTestId(`new-form-${kind}`).click();
    await page.getByTestId('screen-editor').waitFor();
    const cells = page.locator('[data-testid="screen-editor"] input[type="text"], [data-testid="screen-editor"] textarea');
    const count = await cells.count();
    for (let i = 0; i < count; i++) {
      const cell = cells.nth(i);
      if (!(await cell.isVisible())) continue;
      await cell.focus();
      for (let k = 0; k < 12; k++) {
        const key = keys[Math.floor(rand() * keys.length)];
        await (key.length > 1 ? page.keyboard.press(key) : page.keyboard.type(key));
      }
      if (rand() < 0.3) await cell.fill(EXTREMES[Math.floor(rand() * EXTREMES.length)]);
    }
    await page.getByTestId('summary').first().waitFor();
    assert.deepEqual(errors, [], `keystrokes in the ${kind} editor (seed ${SEED})`);
    await page.getByTestId('editor-back').click();
  }

  // The draft typed before the drill is intact.
  const names = await page.getByTestId('draft-item').allInnerTexts();
  assert.ok(names.some((n) => n.includes('模糊测试前的草稿')), names.join('|'));
  console.log(`# fuzz drill (seed ${SEED}): 200 damaged documents and keystrokes in every cell of both editors, no page error`);
  await context.close();
});
