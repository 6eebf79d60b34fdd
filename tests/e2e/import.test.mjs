// Browser test of the import page: pick the sample spreadsheets, read the ranking.
//
//   trunk build --release && node --test tests/e2e/
//
// Serves dist/ itself unless THIDUA_URL points at a running server (e.g. `thidua serve`).
// Chromium: $THIDUA_CHROMIUM (set by scripts/test), else /usr/bin/chromium.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const samples = path.resolve(repoRoot, '../shared/samples');
const dist = path.join(repoRoot, 'dist');
const screenshots = path.join(repoRoot, 'docs/screenshots');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/** A tiny static server for dist/, falling back to index.html for app routes. */
function serveDist() {
  const root = path.resolve(dist);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let file = path.resolve(root, '.' + decodeURIComponent(url.pathname));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      const isAsset = path.extname(url.pathname) !== '';
      if (isAsset) {
        res.writeHead(404).end();
        return;
      }
      file = path.join(root, 'index.html');
    }
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, url: `http://127.0.0.1:${port}/` });
    });
  });
}

/** RFC 4180 CSV: quotes, doubled quotes, commas and newlines inside quotes. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function toCsv(rows) {
  const cell = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** Rows of a CSV as objects keyed by the header. */
function records(file) {
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
  return rows
    .filter((r) => r.some((v) => v.trim() !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

/** "103,5" → 103.5. Vietnamese format only: '.' groups thousands, ',' is the decimal mark. */
function viNumber(text) {
  assert.match(text, /^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$/, `not a Vietnamese number: ${text}`);
  return Number(text.replace(/\./g, '').replace(',', '.'));
}

let browser;
let server;
let baseUrl;

before(async () => {
  if (process.env.THIDUA_URL) {
    baseUrl = process.env.THIDUA_URL;
  } else {
    assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/ missing: run `trunk build --release` first');
    ({ server, url: baseUrl } = await serveDist());
  }
  browser = await chromium.launch({
    executablePath: process.env.THIDUA_CHROMIUM || process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A page with the app loaded; fails the test on any uncaught error in the page. */
async function openApp(t, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  t.after(async () => {
    await context.close();
    assert.deepEqual(errors, [], 'errors in the page');
  });
  await page.goto(baseUrl);
  await page.waitForSelector('#file-template', { timeout: 30_000 });
  return page;
}

async function pickFiles(page, { template, units, scores }) {
  await page.setInputFiles('#file-template', template);
  await page.setInputFiles('#file-units', units);
  await page.setInputFiles('#file-scores', scores);
}

const sampleFiles = {
  template: path.join(samples, 'template.csv'),
  units: path.join(samples, 'units.csv'),
  scores: path.join(samples, 'scores.csv'),
};

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

  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, 'ranking-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 780 });
  await page.screenshot({ path: path.join(screenshots, 'ranking-360.png'), fullPage: true });

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
