// With no network after the first visit: the service worker keeps the app, a new deploy installs
// in the background and takes over only when the user reloads, and a deploy with a missing file
// never replaces the version that works.
//
// The deploy tests serve their own copy of the built app ($THIDUA_DIST, else dist/) and change it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dist, importSample, newDevice, serveDir, useApp } from './lib.mjs';

const builtDist = path.resolve(process.env.THIDUA_DIST || dist);
const TITLE = /Khối các sở, ngành tổng hợp — 2018/;

const app = useApp('offline');

/** Waits until a service worker is active and controls the page. */
async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
}

const shellCaches = (page) =>
  page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('thidua-shell-')).sort());

/** The JS file the open page was started from (trunk's hashed loader). */
const loader = (page) => page.evaluate(() => document.querySelector('link[rel="modulepreload"]')?.getAttribute('href'));

async function openCampaign(page, url, id) {
  await page.goto(url);
  await page.waitForSelector(`#campaigns li[data-campaign="${id}"]`, { timeout: 30_000 });
  await page.goto(`${url}#/c/${id}`);
  await page.reload();
  await page.waitForSelector('#campaign-title', { timeout: 30_000 });
  assert.match(await page.textContent('#campaign-title'), TITLE);
}

/** A copy of the built app that a test may change, served on its own port. */
async function deployCopy(t) {
  assert.ok(fs.existsSync(path.join(builtDist, 'index.html')), `no built app in ${builtDist}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-offline-'));
  fs.cpSync(builtDist, dir, { recursive: true });
  const served = await serveDir(dir);
  // Every request the copy gets, to prove that "offline" really sent nothing.
  const requests = [];
  served.server.on('request', (req) => requests.push(req.url));
  t.after(() => {
    served.server.closeAllConnections?.();
    served.server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { dir, url: served.url, requests };
}

/** Simulates a new build: the hashed JS, WASM and CSS get new names, and index.html and the
 *  scripts that name others (the glue, the loader of the lazily loaded modules) name the new ones;
 *  the integrity of what index.html preloads follows. Returns the new names by old name. */
function newBuild(dir) {
  const indexFile = path.join(dir, 'index.html');
  const renamed = {};
  for (const name of fs.readdirSync(dir)) {
    const m = name.match(/^(.*)-([0-9a-f]{16})((?:_bg)?\.(?:js|wasm|css))$/);
    if (!m) continue;
    const next = `${m[1]}-${[...m[2]].reverse().join('')}${m[3]}`;
    fs.renameSync(path.join(dir, name), path.join(dir, next));
    renamed[name] = next;
  }
  assert.ok(Object.keys(renamed).some((n) => n.endsWith('.wasm')), 'no hashed wasm found in the copy');
  const rename = (text) => Object.entries(renamed).reduce((t, [from, to]) => t.split(from).join(to), text);
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.js'))) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, rename(fs.readFileSync(file, 'utf8')));
  }
  const html = rename(fs.readFileSync(indexFile, 'utf8')).replace(
    /(<link\b[^>]*\bhref="\/([^"]+)"[^>]*\bintegrity=")sha384-[^"]*(")/g,
    (_, head, name, tail) => `${head}sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(dir, name))).digest('base64')}${tail}`,
  );
  fs.writeFileSync(indexFile, html + '\n<!-- new build -->\n');
  return renamed;
}

test('after one visit the app opens offline with its data', async (t) => {
  const device = await newDevice(t, app.browser);
  const page = await device.newPage();
  await page.goto(app.baseUrl);
  await controlled(page);
  const id = await importSample(page, app.baseUrl);

  await device.setOffline(true);
  await openCampaign(page, app.baseUrl, id);
  assert.match(await page.textContent('#net-status'), /Ngoại tuyến/);
  await page.waitForSelector('#net-badge');
  // The home page opens too, straight from a fresh load.
  await page.goto(app.baseUrl);
  await page.waitForSelector(`#campaigns li[data-campaign="${id}"]`);

  await device.setOffline(false);
  await page.waitForFunction(() => !document.querySelector('#net-status')?.textContent.includes('Ngoại tuyến'));
  assert.equal(await page.$('#net-badge'), null);
  await page.waitForSelector('#storage-usage');
  assert.match(await page.textContent('#storage-usage'), /^Đã dùng [\d,]+ [KMG]B \/ [\d,]+ [KMG]B$/);
  assert.match(await page.textContent('#storage-persisted'), /lưu trữ bền vững: (có|không)/);
});

test('a new deploy installs in the background and takes over when the user reloads', async (t) => {
  const site = await deployCopy(t);
  const device = await newDevice(t, app.browser);
  const page = await device.newPage();
  await page.goto(site.url);
  await controlled(page);
  const id = await importSample(page, site.url);
  const oldCaches = await shellCaches(page);
  assert.equal(oldCaches.length, 1);
  const oldLoader = await loader(page);

  const renamed = newBuild(site.dir);
  await page.goto(site.url);
  await page.waitForSelector('#update-ready', { timeout: 60_000 });
  assert.match(await page.textContent('#update-ready'), /Có phiên bản mới/);
  // Both versions are kept while the new one waits.
  assert.equal((await shellCaches(page)).length, 2);

  await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.click('#update-reload')]);
  await page.waitForSelector('#campaigns', { timeout: 30_000 });
  await controlled(page);
  assert.equal(await page.$('#update-ready'), null);
  assert.equal(await loader(page), '/' + renamed[oldLoader.slice(1)]);
  const newCaches = await shellCaches(page);
  assert.equal(newCaches.length, 1, 'the old version is deleted once the new one is active');
  assert.notDeepEqual(newCaches, oldCaches);

  await device.setOffline(true);
  const sent = site.requests.length;
  await openCampaign(page, site.url, id);
  assert.equal(await loader(page), '/' + renamed[oldLoader.slice(1)]);
  assert.match(await page.textContent('#net-status'), /Ngoại tuyến/);
  assert.deepEqual(site.requests.slice(sent), [], 'requests reached the server while offline');
});

test('a deploy with a missing file never replaces the version that works', async (t) => {
  const site = await deployCopy(t);
  // Errors are expected only while the broken deploy is on screen.
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const errors = [];
  let broken = false;
  context.on('page', (p) => {
    const note = (e) => (broken ? null : errors.push(e));
    p.on('pageerror', (e) => note(String(e)));
    p.on('console', (m) => m.type() === 'error' && note(m.text()));
  });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(site.url);
  await controlled(page);
  const id = await importSample(page, site.url);
  const oldCaches = await shellCaches(page);
  const oldLoader = await loader(page);

  // Half a deploy: index.html names new files, the new WASM never arrived.
  const renamed = newBuild(site.dir);
  const wasm = Object.values(renamed).find((n) => n.endsWith('.wasm'));
  fs.rmSync(path.join(site.dir, wasm));
  broken = true;
  await page.goto(site.url);
  // The app registers its worker for each new index.html; this one cannot start, so do it here.
  const outcome = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.register('/sw.js?v=broken-deploy');
    const w = reg.installing || reg.waiting;
    if (!w) return 'no new worker';
    if (w.state !== 'redundant' && w.state !== 'installed') {
      await new Promise((r) => w.addEventListener('statechange', () => ['redundant', 'installed'].includes(w.state) && r()));
    }
    return w.state;
  });
  assert.equal(outcome, 'redundant', 'the incomplete version must not install');
  assert.deepEqual(await shellCaches(page), oldCaches, 'the working version is kept, nothing half-made left');

  await context.setOffline(true);
  await page.goto('about:blank');
  broken = false;
  await openCampaign(page, site.url, id);
  assert.equal(await loader(page), oldLoader, 'offline, the old version opens');
  assert.match(await page.textContent('#net-status'), /Ngoại tuyến/);
  assert.equal(await page.$('#update-ready'), null);
  assert.deepEqual(errors, [], 'errors in the page');
});
