// Excel in the browser, done by the Excel worker (a second wasm fetched on first use): the summary
// from the evaluation tab, which LibreOffice (headless) must read with the same totals, ranks and
// awards as the screen shows; the sample bloc imported from .xlsx files, offline; a broken .xlsx.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { actAs, campaignIdOf, importSample, newDevice, openTab, records, sampleFiles, samples, sheetsViaLibreOffice, soffice, useApp, viNumber } from './lib.mjs';

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

/** The sample's CSV files saved as .xlsx by LibreOffice; null when it is missing and allowed to be. */
async function samplesAsXlsx(workDir) {
  const out = path.join(workDir, 'as-xlsx');
  const inputs = ['template', 'units', 'scores'].map((k) => path.join(samples, `${k}.csv`));
  // 44 `,`, 34 `"`, 76 UTF-8, from line 1: numbers become number cells, as in a typed sheet.
  const r = await soffice(workDir, ['--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', out, ...inputs]);
  if (r === null) return null;
  return Object.fromEntries(['template', 'units', 'scores'].map((k) => [k, path.join(out, `${k}.xlsx`)]));
}

test('.xlsx files are read by the Excel worker, which works offline once the app is installed', { timeout: 300_000 }, async (t) => {
  const files = await samplesAsXlsx(app.dir);
  if (files === null) {
    t.skip('LibreOffice missing and THIDUA_SKIP_LIBREOFFICE=1');
    return;
  }
  const context = await newDevice(t, app.browser);
  const page = await context.newPage();
  const workerFiles = [];
  // What the page itself fetches (the service worker's install, in the background, fetches them).
  context.on('request', (r) => {
    if (/thidua-xlsx-[0-9a-f]{16}/.test(r.url()) && !r.serviceWorker()) workerFiles.push(r.url());
  });
  await page.goto(app.baseUrl + '#/import');
  await page.waitForSelector('#file-template', { timeout: 30_000 });
  assert.deepEqual(workerFiles, [], 'the first load does not fetch the Excel worker');
  // Installed: the service worker controls the page and has kept the Excel worker's files.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
  const kept = await page.evaluate(async () => {
    const names = [...document.querySelectorAll('link[rel^="x-thidua-xlsx-"]')].map((l) => new URL(l.href).href);
    const found = [];
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const n of names) if (await cache.match(n)) found.push(n);
    }
    return { names, found };
  });
  assert.equal(kept.names.length, 2, 'index.html names the worker glue and its wasm');
  assert.deepEqual(kept.found.sort(), kept.names.sort(), 'the service worker keeps both');

  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('#file-template', { timeout: 30_000 });
  await page.setInputFiles('#file-template', files.template);
  await page.setInputFiles('#file-units', files.units);
  await page.setInputFiles('#file-scores', files.scores);
  await page.waitForSelector('#ranking tr[data-unit]', { timeout: 60_000 });
  assert.equal(await page.locator('[role="alert"]').count(), 0, 'no problem reported');
  const shown = await page.$$eval('#ranking tr[data-unit]', (trs) =>
    trs.map((tr) => ({ unit: tr.dataset.unit, total: tr.querySelector('.total')?.textContent.trim() ?? '' })),
  );
  const expected = records(path.join(samples, 'results.csv'));
  assert.equal(shown.length, expected.length, 'every unit ranked');
  for (const s of shown) {
    const want = expected.find((r) => r.unit === s.unit);
    assert.ok(want, `${s.unit} is a sample unit`);
    assert.equal(viNumber(s.total), Number(want.total), `total of ${s.unit} read from .xlsx`);
  }

  // Saved, and the Excel summary made offline by the same worker.
  await page.fill('#keep-name', 'Khối Excel');
  await page.fill('#keep-year', '2018');
  await page.click('#keep-save');
  await page.waitForURL(/#\/c\/[0-9a-f]+/);
  await actAs(page, '@leader');
  await openTab(page, app.baseUrl, campaignIdOf(page), 'evaluation');
  const button = page.locator('#export-xlsx');
  await button.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
  const file = path.join(app.dir, 'offline-tong-hop.xlsx');
  await download.saveAs(file);
  assert.equal(fs.readFileSync(file).subarray(0, 2).toString('latin1'), 'PK', 'a workbook, offline');
  assert.equal(await page.locator('#banner.error').count(), 0, 'no error shown');
});

test('an .xlsx that is not a workbook is refused by name, and nothing is imported', { timeout: 120_000 }, async (t) => {
  const context = await newDevice(t, app.browser);
  const page = await context.newPage();
  await page.goto(app.baseUrl + '#/import');
  await page.waitForSelector('#file-template', { timeout: 30_000 });
  const broken = path.join(app.dir, 'hong.xlsx');
  // A zip header and nothing after it: the worker's reader must refuse it, not hang or crash.
  fs.writeFileSync(broken, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 7)]));
  await page.setInputFiles('#file-template', broken);
  // Marked at once, before the other files are there.
  await page.waitForSelector('.file-name.failed:text("hong.xlsx")', { timeout: 60_000 });
  await page.setInputFiles('#file-units', sampleFiles.units);
  await page.setInputFiles('#file-scores', sampleFiles.scores);
  const alert = page.locator('[role="alert"]');
  await alert.waitFor({ state: 'visible', timeout: 60_000 });
  const text = await alert.innerText();
  assert.match(text, /hong\.xlsx/, text);
  assert.match(text, /Excel/, text);
  assert.equal(await page.locator('#ranking').count(), 0, 'nothing half-imported');
});
