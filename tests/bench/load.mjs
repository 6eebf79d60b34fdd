// Loading the app: what the first visit transfers, how long it takes to an interactive home screen
// on a throttled line, and how long a reload takes with no network (the service worker's copy).
// The home screen comes in two steps (src/lazy.rs): its head and actions with the main module, then
// its list of campaigns with the home screen's own module; both are measured.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { HOME_LISTED, HOME_READY, SLOW_3G, markWhenPresent, median, round } from './lib.mjs';

/** The kind of an asset, for the transfer table. */
function kindOf(url, cdpType) {
  const p = new URL(url).pathname;
  if (isLazyModule(p.split('/').pop())) return 'wasm-lazy';
  if (p.endsWith('.wasm')) return 'wasm';
  if (p.endsWith('.js') || p.endsWith('.mjs')) return 'js';
  if (p.endsWith('.css')) return 'css';
  if (p.endsWith('.woff2') || p.endsWith('.woff') || p.endsWith('.ttf')) return 'font';
  if (cdpType === 'Document') return 'html';
  if (/\.(svg|png|ico|webp|jpg)$/.test(p)) return 'image';
  return 'other';
}

/** A module split off the main one (scripts/wasm-split-names.mjs names them). */
const isLazyModule = (name) => /^thidua-(split-[a-z]+|chunk\d+)-[0-9a-f]+\.wasm$/.test(name);

/**
 * The first visit on an empty cache, unthrottled: bytes on the wire per kind (CDP
 * `Network.loadingFinished.encodedDataLength`: headers and the compressed body), and the
 * content-encoding the server chose for each file.
 */
export async function firstLoadTransfer(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const requests = new Map();
  cdp.on('Network.responseReceived', (e) => {
    const enc = e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || 'identity';
    requests.set(e.requestId, { url: e.response.url, type: e.type, encoding: enc, status: e.response.status });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  await page.addInitScript(markWhenPresent(HOME_LISTED));
  await page.goto(url);
  await page.evaluate(() => window.__thiduaReady);
  await page.waitForLoadState('networkidle');
  await context.close();
  const byKind = {};
  const files = [];
  let total = 0;
  for (const r of requests.values()) {
    if (r.bytes === undefined) continue;
    const kind = kindOf(r.url, r.type);
    byKind[kind] = (byKind[kind] || 0) + r.bytes;
    total += r.bytes;
    files.push({ path: new URL(r.url).pathname, kind, encoding: r.encoding, bytes: r.bytes });
  }
  // `essential`: what the home screen's head and actions need; `listed`: and its list.
  const essential = ['html', 'js', 'wasm', 'css', 'font'].reduce((a, k) => a + (byKind[k] || 0), 0);
  const listed = essential + (byKind['wasm-lazy'] || 0);
  return { total, essential, listed, byKind, files };
}

/**
 * The sizes of the first load's files in `dist`, raw, gzip -9 and brotli 11, whatever the server
 * sends: the budget the issue sets is in gzip. The first load is what index.html loads (its
 * stylesheets, trunk's glue and main module) and the loader of the split modules the glue imports;
 * apart from it: the modules the home screen's list needs (`home`, fetched as soon as the app runs),
 * all the split modules (`lazy`), and the Excel worker (`excel`), each named in index.html by inert
 * `<link rel="x-thidua-…">`s and fetched on first use.
 */
export function distSizes(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const inert = (rel) => [...html.matchAll(new RegExp(`<link rel="x-thidua-${rel}" href="/?([^"]+)"`, 'g'))].map((m) => m[1]);
  const excel = inert('xlsx-\\w+');
  const split = inert('split');
  const loader = split.find((n) => n.endsWith('.js'));
  const modules = split.filter((n) => n.endsWith('.wasm'));
  const first = new Set(['index.html']);
  const active = html.replace(/<link rel="x-thidua-[^>]*>/g, '');
  for (const m of active.matchAll(/(?:href|src)=["']\/?([^"'#?]+\.(?:js|wasm|css|woff2?))["']/g)) first.add(m[1]);
  for (const m of active.matchAll(/['"]\/?([\w.-]+\.(?:wasm|js))['"]/g)) first.add(m[1]);
  if (loader) first.add(loader);
  const measure = (names) => {
    const rows = [];
    for (const name of names) {
      const file = path.join(dist, name);
      if (!fs.existsSync(file)) continue;
      const bytes = fs.readFileSync(file);
      rows.push({
        name,
        raw: bytes.length,
        gzip: zlib.gzipSync(bytes, { level: 9 }).length,
        brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      });
    }
    const sum = (k) => rows.reduce((a, r) => a + r[k], 0);
    return { files: rows, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
  };
  const sizes = measure([...first]);
  sizes.home = measure(loader ? modulesOf(fs.readFileSync(path.join(dist, loader), 'utf8'), 'home') : []);
  sizes.lazy = measure(modules);
  // The screens' own stylesheets (scripts/css-later.mjs), fetched with the first screen that needs them.
  sizes.screen_css = measure(inert('css'));
  sizes.excel = measure([...excel, 'xlsx-worker.js']);
  return sizes;
}

/** The files the loader fetches for split point `name`: its module and the shared ones it needs. */
function modulesOf(loader, name) {
  const files = {};
  for (const m of loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) files[m[1]] = m[2];
  const own = new RegExp(`export const __wasm_split_load_${name} = wrapAsyncCb\\(makeLoad\\(\\(\\) => \\{\\s*const src = fetch\\(new URL\\("\\.\\/([^"]+)"[\\s\\S]*?\\n, \\[([^\\]]*)\\]\\)\\)`);
  const m = own.exec(loader);
  if (!m) throw new Error(`the loader has no split point ${name}`);
  return [m[1], ...m[2].split(',').map((s) => s.trim()).filter(Boolean).map((c) => files[c])];
}

/** First visit on an empty cache under "Slow 3G", to the home screen's actions (`median`) and to
 *  its list (`listed`): ms since navigation start. */
export async function slow3g(browser, url, runs = 3) {
  const times = [];
  const listed = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    await page.addInitScript(markWhenPresent(HOME_READY));
    await page.addInitScript(markWhenPresent(HOME_LISTED, '__thiduaListed'));
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    times.push(await page.evaluate(() => window.__thiduaReady));
    listed.push(await page.evaluate(() => window.__thiduaListed));
    await context.close();
  }
  return {
    runs: times.map((t) => round(t, 0)),
    median: round(median(times), 0),
    listed: { runs: listed.map((t) => round(t, 0)), median: round(median(listed), 0) },
  };
}

/** Waits until a service worker controls the page and has kept the app's files. */
async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    }
  });
}

/** After one visit, with the network gone: reloads to the home screen, ms since navigation start. */
export async function offlineReload(browser, url, runs = 5) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(markWhenPresent(HOME_READY));
  await page.goto(url);
  await page.evaluate(() => window.__thiduaReady);
  await controlled(page);
  // A first reload under the worker, so that the measured ones are all alike.
  await page.reload();
  await page.evaluate(() => window.__thiduaReady);
  await context.setOffline(true);
  const times = [];
  for (let i = 0; i < runs; i++) {
    await page.reload({ waitUntil: 'commit' });
    times.push(await page.evaluate(() => window.__thiduaReady));
    const online = await page.evaluate(() => navigator.onLine);
    if (online) throw new Error('the page thinks it is online');
  }
  await context.close();
  return { runs: times.map((t) => round(t, 0)), median: round(median(times), 0) };
}
