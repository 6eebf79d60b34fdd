// Browser test of the import page: pick the sample spreadsheets, read the ranking.
//
//   trunk build --release && node --test tests/e2e/
//
// Serves dist/ itself unless THIDUA_URL points at a running server (e.g. `thidua serve`).
// Chromium: $THIDUA_CHROMIUM (set by scripts/test), else /usr/bin/chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  newDevice, parseCsv, records, sampleFiles, samples, screenshots, toCsv, viNumber, useApp } from './lib.mjs';

const app = useApp('import');

/** A page with the app loaded; fails the test on any uncaught error in the page. */
async function openApp(t, width = 1280) {
  const context = await newDevice(t, app.browser, { width });
  const page = await context.newPage();
  await page.goto(app.baseUrl + '#/import');
  await page.waitForSelector('#file-template', { timeout: 30_000 });
  return page;
}

async function pickFiles(page, { template, units, scores }) {
  await page.setInputFiles('#file-template', template);
  await page.setInputFiles('#file-units', units);
  await page.setInputFiles('#file-scores', scores);
}

test('importing the sample bloc shows the ranking of results.csv', async (t) => {
  const page = await openApp(t);
  await pickFiles(page, sampleFiles);
  await page.waitForSelector('#ranking', { timeout: 30_000 });
  assert.equal(await page.locator('[role="alert"]').count(), 0, 'no alert expected');

  const shown = await page.$$eval('#ranking tr[data-unit]', (trs) =>
    trs.map((tr) => {
      const text = (sel) => tr.querySelector(sel)?.textContent.trim() ?? null;
      return {
        dataUnit: tr.dataset.unit,
        rank: text('.rank'),
        unit: text('.unit'),
        name: text('.name .unit-name'),
        nameCell: text('.name'),
        total: text('.total'),
        award: text('.award'),
      };
    }),
  );
  const expected = records(path.join(samples, 'results.csv'));
  assert.equal(shown.length, expected.length, 'one row per unit');

  // Best first and disqualified last, as in results.csv; units inside a tie in any order.
  const rankOf = (text) => (text === '' ? null : parseInt(text, 10));
  assert.deepEqual(
    shown.map((r) => rankOf(r.rank)),
    expected.map((e) => rankOf(e.rank)),
    'ranks row by row',
  );
  const placed = (rows) => rows.map((r) => `${rankOf(r.rank)} ${r.unit}`).sort();
  assert.deepEqual(placed(shown), placed(expected), 'units at their ranks');

  const tieCount = new Map();
  for (const e of expected) tieCount.set(e.rank, (tieCount.get(e.rank) ?? 0) + 1);

  for (const e of expected) {
    const row = shown.find((r) => r.unit === e.unit);
    assert.ok(row, `row for ${e.unit}`);
    assert.equal(row.dataUnit, e.unit);
    assert.equal(row.name, e.name, `${e.unit} name`);
    assert.equal(viNumber(row.total), Number(e.total), `${e.unit} total`);
    assert.equal(row.award, e.award, `${e.unit} award`);
    if (e.rank === '') {
      assert.equal(e.eligible, 'false');
      assert.equal(row.rank, '', `${e.unit} has no rank`);
      assert.match(row.nameCell, /Không xét thi đua/, `${e.unit} marked disqualified`);
    } else {
      assert.equal(parseInt(row.rank, 10), Number(e.rank), `${e.unit} rank`);
      const tied = tieCount.get(e.rank) > 1;
      assert.equal(/đồng hạng/.test(row.rank), tied, `${e.unit} tie marker`);
    }
  }

  // The sample's three units tied at rank 3.
  assert.deepEqual(
    shown.filter((r) => parseInt(r.rank, 10) === 3).map((r) => r.unit).sort(),
    ['CTK', 'SNGV', 'VPDBQH'],
  );
  // KBNN is out because its head was disciplined (veto G.1), named by the criterion's title.
  const reason = await page.locator('#ranking tr[data-detail-for="KBNN"]').innerText();
  assert.match(reason, /Người đứng đầu đơn vị bị kỷ luật/);

  const save = process.env.THIDUA_SCREENSHOTS === '1';
  if (save) await page.screenshot({ path: path.join(screenshots, 'ranking-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
  if (save) await page.screenshot({ path: path.join(screenshots, 'ranking-360.png'), fullPage: true });

  // At 360 px the page itself does not scroll sideways; the table scrolls in its own box.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page wider than the screen by ${overflow}px`);
});

test('a bad max in the scorecard is refused with its row and column', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-e2e-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const rows = parseCsv(fs.readFileSync(sampleFiles.template, 'utf8'));
  const maxCol = rows[0].findIndex((h) => h.trim().toLowerCase() === 'max');
  assert.ok(maxCol >= 0, 'template has a max column');
  rows[2][maxCol] = 'abc'; // spreadsheet row 3 (the header is row 1)
  const broken = path.join(dir, 'template.csv');
  fs.writeFileSync(broken, toCsv(rows));

  const page = await openApp(t);
  await pickFiles(page, { ...sampleFiles, template: broken });
  const alert = page.locator('[role="alert"]');
  await alert.waitFor({ state: 'visible', timeout: 30_000 });
  const text = await alert.innerText();
  assert.match(text, /dòng 3/, text);
  assert.match(text, /\bmax\b/, text);
  assert.match(text, /template\.csv/, text);
  assert.equal(await page.locator('#ranking').count(), 0, 'nothing half-imported');
});
