// The Excel summary from the evaluation tab: the leader imports the sample bloc, downloads the
// workbook, and LibreOffice (headless) must read in it the same totals, ranks and awards as the
// screen shows.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { actAs, importSample, newDevice, openTab, records, samples, sheetsViaLibreOffice, useApp, viNumber } from './lib.mjs';

const app = useApp('xlsx');

test('the Excel summary holds the totals the screen shows', { timeout: 300_000 }, async (t) => {
  const context = await newDevice(t, app.browser);
  const page = await context.newPage();
  const id = await importSample(page, app.baseUrl);
  await actAs(page, '@leader');
  await openTab(page, app.baseUrl, id, 'evaluation');
  await page.waitForSelector('#ranking tr[data-unit]');

  // What the screen shows: unit → total (Vietnamese format), rank, award.
  const shown = await page.$$eval('#ranking tr[data-unit], #disqualified tr[data-unit]', (trs) =>
    trs.map((tr) => ({
      unit: tr.dataset.unit,
      rank: tr.dataset.rank ?? '',
      total: tr.querySelector('td.total')?.textContent.trim() ?? '',
      award: tr.querySelector('td.award')?.textContent.trim() ?? '',
    })),
  );
  const expected = records(path.join(samples, 'results.csv'));
  assert.equal(shown.length, expected.length, 'every unit on screen');

  const button = page.locator('#export-xlsx');
  assert.equal(await button.innerText(), 'Tải bảng tổng hợp Excel');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const file = path.join(app.dir, 'tong-hop.xlsx');
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip file');
  // Eight sheets of a few hundred cells: tens of kilobytes, not a stub and not a runaway.
  assert.ok(bytes.length > 10_000 && bytes.length < 2_000_000, `size ${bytes.length}`);
  assert.equal(await page.locator('#banner.error').count(), 0, 'no error shown');

  const sheets = await sheetsViaLibreOffice(file, app.dir);
  if (sheets === null) {
    t.skip('LibreOffice missing and THIDUA_SKIP_LIBREOFFICE=1');
    return;
  }
  assert.deepEqual(
    Object.keys(sheets).sort(),
    ['Tổng hợp', ...expected.map((r) => r.unit)].sort(),
    'the summary and one sheet per unit',
  );
  const summary = sheets['Tổng hợp'];
  const head = summary.findIndex((r) => r[0] === 'Hạng');
  assert.ok(head >= 0, 'header row');
  const totalCol = summary[head].indexOf('Tổng điểm');
  const awardCol = summary[head].indexOf('Đề nghị khen thưởng');
  assert.ok(totalCol > 2 && awardCol === totalCol + 1, 'total and award columns');
  const rows = summary.slice(head + 3, head + 3 + shown.length);
  for (const s of shown) {
    const row = rows.find((r) => r[1] === s.unit);
    assert.ok(row, `${s.unit} in the summary`);
    // The cell holds the number itself (103.5); the screen shows it the Vietnamese way (103,5).
    assert.equal(Number(row[totalCol]), viNumber(s.total), `total of ${s.unit}`);
    assert.equal(row[0], s.rank, `rank of ${s.unit}`);
    assert.equal(row[awardCol], s.award, `award of ${s.unit}`);
    const want = expected.find((r) => r.unit === s.unit);
    assert.equal(Number(row[totalCol]), Number(want.total), `${s.unit} as in results.csv`);
  }
  // Rows in rank order, as on screen.
  assert.deepEqual(rows.map((r) => r[1]), shown.map((s) => s.unit));

  // Each unit's sheet ends with its total.
  for (const s of shown) {
    const total = sheets[s.unit].find((r) => r[0] === 'TỔNG ĐIỂM');
    assert.ok(total, `${s.unit} sheet has a total row`);
    assert.equal(Number(total.slice(1).find((c) => c !== '')), viNumber(s.total), `${s.unit} sheet total`);
  }
});
