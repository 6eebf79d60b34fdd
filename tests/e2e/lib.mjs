// Shared pieces of the browser tests: where things are, a static server for dist/, Chromium,
// CSV reading, Vietnamese numbers.

import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import os from 'node:os';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const samples = path.resolve(repoRoot, '../shared/samples');
export const dist = path.join(repoRoot, 'dist');
export const screenshots = path.join(repoRoot, 'docs/screenshots');

export const sampleFiles = {
  template: path.join(samples, 'template.csv'),
  units: path.join(samples, 'units.csv'),
  scores: path.join(samples, 'scores.csv'),
};

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
export function serveDist() {
  return serveDir(dist);
}

/** The same static server for any built app directory (e.g. a copy of dist/ a test changes). */
export function serveDir(dir) {
  const root = path.resolve(dir);
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
export function parseCsv(text) {
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

export function toCsv(rows) {
  const cell = (v) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** Rows of a CSV as objects keyed by the header. */
export function records(file) {
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
  return rows
    .filter((r) => r.some((v) => v.trim() !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

/** "103,5" → 103.5. Vietnamese format only: '.' groups thousands, ',' is the decimal mark. */
export function viNumber(text) {
  assert.match(text, /^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$/, `not a Vietnamese number: ${text}`);
  return Number(text.replace(/\./g, '').replace(',', '.'));
}


/** Chromium as this machine has it (Debian's), headless, with no background networking. */
export function launchChromium() {
  return chromium.launch({
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
}

/** The app's URL: $THIDUA_URL (a running `thidua serve`), else dist/ served here. */
export async function appUrl() {
  if (process.env.THIDUA_URL) return { url: process.env.THIDUA_URL.replace(/\/$/, '') + '/', server: null };
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/ missing: run `trunk build --release` first');
  return serveDist();
}

/** A new browser context (its own storage: one device) whose page errors fail the test. */
export async function newDevice(t, browser, { width = 1280, height = 900, expectedConsole = [], serviceWorkers = 'allow' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'vi-VN', acceptDownloads: true, serviceWorkers });
  const errors = [];
  context.on('page', (page) => {
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      // `expectedConsole`: messages the test provokes on purpose (e.g. the browser's own log of a
      // 401 answer to a wrong code); anything else is an error.
      if (m.type() === 'error' && !expectedConsole.some((re) => re.test(m.text()))) errors.push(m.text());
    });
  });
  t.after(async () => {
    await context.close();
    assert.deepEqual(errors, [], 'errors in the page');
  });
  return context;
}

/** Imports the sample bloc's spreadsheets on this page's device and keeps it as a campaign;
 *  returns the campaign id (from the URL it lands on). */
export async function importSample(page, baseUrl, { name = 'Khối các sở, ngành tổng hợp', year = '2018', scores = true } = {}) {
  await page.goto(baseUrl + '#/import');
  await page.waitForSelector('#file-template', { timeout: 30_000 });
  await page.setInputFiles('#file-template', sampleFiles.template);
  await page.setInputFiles('#file-units', sampleFiles.units);
  if (scores) {
    await page.setInputFiles('#file-scores', sampleFiles.scores);
  } else {
    await page.click('.import-form button[type="submit"]');
  }
  await page.waitForSelector('#keep-name');
  await page.fill('#keep-name', name);
  await page.fill('#keep-year', year);
  await page.click('#keep-save');
  await page.waitForURL(/#\/c\/[0-9a-f]+/);
  return campaignIdOf(page);
}

/**
 * The campaign `id` as this browser stores it, as one campaign document (JSON text), or null: read
 * by the app itself (`storedCampaign`, src/storage.rs), which applies the journal of edits to the
 * stored base. Raw keys are read directly only where the raw text is the point.
 */
export async function storedCampaign(page, id) {
  await page.waitForFunction(() => typeof window.wasmBindings?.storedCampaign === 'function');
  return page.evaluate(async (id) => (await window.wasmBindings.storedCampaign(id)) ?? null, id);
}

/** The raw stored texts of campaign `id`: its base and its journal (null when absent). */
export function storedTexts(page, id) {
  return page.evaluate((id) => [localStorage.getItem(`thidua.campaign.${id}`), localStorage.getItem(`thidua.journal.${id}`)], id);
}

export function campaignIdOf(page) {
  const m = page.url().match(/#\/c\/([0-9a-f]+)/);
  assert.ok(m, `not on a campaign page: ${page.url()}`);
  return m[1];
}

/** Chooses whom this device acts for on the open campaign page ('@leader' or a unit code). */
export async function actAs(page, who) {
  await page.selectOption('#acting-as', who);
  await page.waitForFunction((w) => document.querySelector('#acting-as')?.value === w, who);
}

export async function openTab(page, baseUrl, id, tab) {
  await page.goto(`${baseUrl}#/c/${id}/${tab}`);
  await page.waitForSelector(`#tab-${tab}.active`);
}

/** The set-up every browser test file shares: the app's URL (and the server when this file serves
 *  dist/ itself), one Chromium, and a scratch directory; all closed after the file's tests. */
export function useApp(name = 'e2e') {
  const app = { browser: null, baseUrl: null, dir: null, server: null };
  before(async () => {
    ({ server: app.server, url: app.baseUrl } = await appUrl());
    app.browser = await launchChromium();
    app.dir = fs.mkdtempSync(path.join(os.tmpdir(), `thidua-${name}-`));
  });
  after(async () => {
    await app.browser?.close();
    app.server?.close();
    if (app.dir) fs.rmSync(app.dir, { recursive: true, force: true });
  });
  return app;
}

/** The leader's start of a year: the sample's members and scorecard (no scores) imported on this
 *  page's device, acting as leader, scorecard adopted. Returns the campaign id. */
export async function adoptedSampleAsLeader(page, baseUrl) {
  const id = await importSample(page, baseUrl, { scores: false });
  await actAs(page, '@leader');
  await openTab(page, baseUrl, id, 'scorecard');
  await page.click('#adopt');
  await page.waitForSelector('#unlock');
  return id;
}

/** Runs LibreOffice headless with `args`, with a private profile in `workDir` (parallel runs do
 *  not clash). Without soffice the test fails, unless THIDUA_SKIP_LIBREOFFICE=1: then null. */
export async function soffice(workDir, args) {
  const { spawnSync } = await import('node:child_process');
  const profile = path.join(workDir, 'lo-profile');
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', ...args], { encoding: 'utf8', timeout: 180_000 });
  if (r.error?.code === 'ENOENT') {
    if (process.env.THIDUA_SKIP_LIBREOFFICE === '1') return null;
    assert.fail('LibreOffice (soffice) is needed for the Excel tests: `scripts/bootstrap --test` installs it (or set THIDUA_SKIP_LIBREOFFICE=1 to skip)');
  }
  assert.equal(r.status, 0, `soffice failed: ${r.error ?? r.stderr}`);
  return r;
}

/** Every sheet of a spreadsheet file as CSV rows ({ sheetName: rows }), converted by LibreOffice.
 *  Values are written as stored, not as formatted. Null when LibreOffice is missing and allowed to
 *  be (see `soffice`). */
export async function sheetsViaLibreOffice(file, workDir) {
  const stem = path.basename(file, path.extname(file));
  const out = path.join(workDir, `lo-csv-${stem}`);
  const r = await soffice(workDir, [
    '--convert-to',
    // 44 `,`, 34 `"`, 76 UTF-8, from line 1, not "as shown"; -1: each sheet to its own file.
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
    '--outdir',
    out,
    file,
  ]);
  if (r === null) return null;
  const sheets = {};
  for (const f of fs.readdirSync(out).filter((f) => f.endsWith('.csv'))) {
    const name = f.startsWith(`${stem}-`) ? f.slice(stem.length + 1, -4) : f.slice(0, -4);
    sheets[name] = parseCsv(fs.readFileSync(path.join(out, f), 'utf8'));
  }
  return sheets;
}
