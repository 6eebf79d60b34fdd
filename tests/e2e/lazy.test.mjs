// The parts of the app fetched when first used (src/lazy.rs, scripts/wasm-link): the first load
// carries the main module only; each screen's module comes when it is opened; one that cannot be
// fetched is explained and fetched again on «Thử lại», with nothing stored lost.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importSample, newDevice, storedCampaign, useApp } from './lib.mjs';

const app = useApp('lazy');

const wasmName = (url) => new URL(url).pathname.slice(1);
const isModule = (part) => (name) => name.startsWith(`thidua-split-${part}-`) && name.endsWith('.wasm');

test('the first load fetches the main module only; each screen fetches its module when opened', async (t) => {
  // No service worker: its install fetches every file in the background, and this test is about
  // what the page itself asks for.
  const device = await newDevice(t, app.browser, { serviceWorkers: 'block' });
  const page = await device.newPage();
  const fetched = [];
  const styles = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.endsWith('.wasm')) fetched.push(wasmName(r.url()));
    if (new URL(r.url()).pathname.endsWith('.css')) styles.push(wasmName(r.url()).replace(/-[0-9a-f]{16}\.css$/, ''));
  });

  await page.goto(app.baseUrl);
  await page.waitForSelector('#no-campaigns');
  assert.equal(fetched.filter((n) => /^thidua-web-[0-9a-f]+_bg\.wasm$/.test(n)).length, 1, `main module: ${fetched}`);
  assert.equal(fetched.filter(isModule('home')).length, 1, `the home screen's list: ${fetched}`);
  assert.deepEqual(fetched.filter((n) => isModule('campaign')(n) || isModule('pages')(n) || n.startsWith('thidua-xlsx')), [], 'nothing else yet');
  // The screens' own stylesheets are not in the first load either (scripts/css-later.mjs).
  assert.deepEqual(styles.sort(), ['exchange', 'main', 'shell', 'sync'], `first-load stylesheets: ${styles}`);

  const id = await importSample(page, app.baseUrl);
  await page.waitForSelector('#campaign-title');
  assert.equal(fetched.filter(isModule('pages')).length, 1, 'the import page came with its module');
  assert.equal(fetched.filter(isModule('campaign')).length, 1, 'the campaign page came with its module');
  assert.deepEqual(styles.filter((n) => ['setup', 'scoring', 'evaluation', 'files', 'charts', 'print'].includes(n)).sort(), ['charts', 'evaluation', 'files', 'print', 'scoring', 'setup'], 'and the screens\' stylesheets, once');

  // Going back and forth fetches nothing again.
  const before = fetched.length;
  await page.goto(`${app.baseUrl}#/`);
  await page.waitForSelector(`#campaigns li[data-campaign="${id}"]`);
  await page.goto(`${app.baseUrl}#/c/${id}/evaluation`);
  await page.waitForSelector('#tab-evaluation.active');
  assert.deepEqual(fetched.slice(before), []);
  // Shown styled: the tab's own rules (style/evaluation.css, scoped to .evaluation-screen) apply.
  await page.selectOption('#role-picker select', '@leader');
  await page.waitForSelector('.evaluation-screen');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.evaluation-screen')).getPropertyValue('--ok').trim()), '#2e7d32');
});

test("the home screen's actions work before its list has arrived", async (t) => {
  const device = await newDevice(t, app.browser, { serviceWorkers: 'block' });
  const page = await device.newPage();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\/thidua-split-home-[0-9a-f]+\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(app.baseUrl);
  await page.waitForSelector('#go-new');
  assert.equal(await page.$('#no-campaigns'), null, 'the list waits for its module');
  await page.click('#go-new');
  await page.waitForSelector('#new-create', { timeout: 30_000 });
  release();
  await page.goto(`${app.baseUrl}#/`);
  await page.waitForSelector('#no-campaigns');
});

test('a module that cannot be fetched is explained, and «Thử lại» fetches it', async (t) => {
  const device = await newDevice(t, app.browser, {
    serviceWorkers: 'block',
    // The loader logs the failed fetch; the page explains it.
    expectedConsole: [/Failed to fetch|ERR_FAILED|net::/],
  });
  const page = await device.newPage();
  const id = await importSample(page, app.baseUrl);
  const stored = await storedCampaign(page, id);

  // A new page of the same device, offline for the campaign's module only.
  const other = await device.newPage();
  const blocked = /\/thidua-split-campaign-[0-9a-f]+\.wasm$/;
  await other.route(blocked, (route) => route.abort('internetdisconnected'));
  await other.goto(`${app.baseUrl}#/c/${id}/overview`);
  await other.waitForSelector('.not-loaded');
  assert.match(await other.textContent('.not-loaded'), /Không tải được phần này của ứng dụng/);
  assert.equal(await other.$('#campaign-title'), null);

  await other.unroute(blocked);
  await other.click('#not-loaded-retry');
  await other.waitForSelector('#campaign-title');
  assert.equal(await other.$('.not-loaded'), null);
  assert.equal(await storedCampaign(other, id), stored, 'nothing stored changed');
});

test("the home screen's received-file part, when it cannot be fetched, says so once and comes on «Thử lại»", async (t) => {
  const device = await newDevice(t, app.browser, {
    serviceWorkers: 'block',
    expectedConsole: [/Failed to fetch|ERR_FAILED|net::/],
  });
  const page = await device.newPage();
  const blocked = /\/thidua-split-receive-[0-9a-f]+\.wasm$/;
  await page.route(blocked, (route) => route.abort('internetdisconnected'));
  await page.goto(app.baseUrl);
  await page.waitForSelector('#no-campaigns');
  // The notices and the join form share the module: one explanation, not two, and no silence.
  await page.waitForSelector('.not-loaded');
  assert.equal((await page.$$('.not-loaded')).length, 1);
  assert.match(await page.textContent('.not-loaded'), /Không tải được phần «Tham gia bằng mã, khôi phục dữ liệu»/);
  assert.equal(await page.$('#join-form'), null);
  assert.ok(await page.$('#go-new'), "the home screen's own actions are still there");

  await page.unroute(blocked);
  await page.click('#not-loaded-retry');
  await page.waitForSelector('#join-form');
  assert.equal(await page.$('.not-loaded'), null);
});
