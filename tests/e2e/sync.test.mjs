// Syncing through a running `thidua serve`, in real Chromium: the leader puts the campaign on the
// server and reads the units' join codes; a unit joins on a device of its own with its code; both
// edit, the unit while offline, and both converge with no click: the unit's sync starts by itself
// when the browser is back online, the leader's on its own timer. Needs THIDUA_URL (scripts/test
// starts the server): the sync API is the server's.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adoptedSampleAsLeader, newDevice, openTab, storedCampaign, useApp } from './lib.mjs';

const app = useApp('sync');

async function synced(page, timeout = 40_000) {
  await page.waitForSelector('#sync-status[data-state="synced"]', { timeout });
}

async function setSelf(page, id, code, value) {
  await openTab(page, app.baseUrl, id, 'self');
  const f = page.locator(`#self-form tr[data-criterion="${code}"] .answer`);
  await f.fill(value);
  await f.press('Tab');
  await page.waitForFunction(
    ([c, v]) => document.querySelector(`#self-form tr[data-criterion="${c}"] .crit-points`)?.textContent.trim() === v,
    [code, value],
  );
}

const selfValue = async (page, id, unit, crit) => JSON.parse(await storedCampaign(page, id)).inputs?.[unit]?.[crit]?.self_answer?.value ?? null;

test('a unit joins with its code; edits made offline sync when back online, with no click', async (t) => {
  assert.ok(process.env.THIDUA_URL, 'THIDUA_URL must point at a running `thidua serve` (scripts/test starts one)');

  // The leader publishes.
  const leader = await (await newDevice(t, app.browser)).newPage();
  const id = await adoptedSampleAsLeader(leader, app.baseUrl);
  await openTab(leader, app.baseUrl, id, 'exchange');
  assert.equal(await leader.inputValue('#sync-server'), app.baseUrl.replace(/\/$/, ''), 'the server defaults to where the app came from');
  await leader.click('#sync-publish');
  const codeCell = leader.locator('#join-codes tr[data-code-unit="CTK"] td.code');
  await codeCell.waitFor();
  const code = (await codeCell.innerText()).trim();
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const unitCount = JSON.parse(await storedCampaign(leader, id)).units.length;
  assert.equal(await leader.locator('#join-codes tbody tr').count(), unitCount, 'a code for every unit');
  assert.equal(await leader.locator('#join-codes td.code', { hasText: /^[0-9A-Z-]{19}$/ }).count(), unitCount);
  await synced(leader);

  // A unit joins on its own device with nothing but the code.
  const unitContext = await newDevice(t, app.browser, { width: 360, height: 800, expectedConsole: [/status of 401/] });
  const unit = await unitContext.newPage();
  await unit.goto(app.baseUrl);
  await unit.fill('#join-code', code.toLowerCase());
  await unit.click('#join-submit');
  await unit.waitForURL(new RegExp(`#/c/${id}`));
  await unit.waitForFunction(() => document.querySelector('#acting-as')?.value === 'CTK');
  await synced(unit);

  // A wrong code is refused with its reason.
  const stranger = await (await newDevice(t, app.browser, { expectedConsole: [/status of 401/] })).newPage();
  await stranger.goto(app.baseUrl);
  await stranger.fill('#join-code', 'AAAA-BBBB-CCCC-DDDD');
  await stranger.click('#join-submit');
  await stranger.waitForSelector('#join-error');
  assert.match(await stranger.innerText('#join-error'), /mã/i);

  // Online, an edit reaches the server by itself.
  await setSelf(unit, id, 'A.3', '7');
  await synced(unit);

  // Offline, the unit edits; the leader renames the bloc meanwhile.
  await unitContext.setOffline(true);
  await unit.waitForSelector('#sync-status[data-state="offline"]');
  await setSelf(unit, id, 'A.5', '4');
  await unit.waitForFunction(() => /1 thay đổi/.test(document.querySelector('#sync-text')?.textContent ?? ''));
  await openTab(leader, app.baseUrl, id, 'setup');
  await leader.fill('#bloc-name', 'Khối VII (đồng bộ)');
  await leader.click('#bloc-save');
  await leader.waitForFunction(() => document.querySelector('#campaign-title')?.textContent.includes('đồng bộ'));

  // Back online: no click anywhere.
  await unitContext.setOffline(false);
  await unit.waitForFunction(() => document.querySelector('#campaign-title')?.textContent.includes('đồng bộ'), null, { timeout: 40_000 });
  await synced(unit);
  await leader.waitForFunction(
    async ([id]) => JSON.parse(await window.wasmBindings.storedCampaign(id)).inputs?.CTK?.['A.5']?.self_answer?.value != null,
    [id],
    { timeout: 45_000, polling: 500 },
  );
  assert.deepEqual(await selfValue(leader, id, 'CTK', 'A.5'), await selfValue(unit, id, 'CTK', 'A.5'));
  assert.deepEqual(await selfValue(leader, id, 'CTK', 'A.3'), await selfValue(unit, id, 'CTK', 'A.3'));
  await synced(leader);

  // The unit's browser storage is cleared: the home page says so and points at joining again; the
  // code brings the whole campaign back, with the unit's answers.
  await unit.goto(app.baseUrl);
  await unit.waitForFunction(async (id) => {
    const r = await (await caches.open('thidua-storage-guard')).match('/__thidua/storage-guard');
    return !!r && (await r.json()).campaigns.some((c) => c.id === id);
  }, id);
  const before = await selfValue(unit, id, 'CTK', 'A.5');
  // Cleared with no page of the app running, as the browser's settings clear it: a sync still
  // under way in this page (the campaign page's, left a moment ago) would otherwise finish after
  // the clearing and write the device record again, which then says nothing was lost.
  await unit.goto('about:blank');
  const cdp = await unitContext.newCDPSession(unit);
  await cdp.send('Storage.clearDataForOrigin', { origin: new URL(app.baseUrl).origin, storageTypes: 'local_storage' });
  await cdp.detach();
  await unit.goto(app.baseUrl);
  await unit.locator(`#storage-cleared li[data-campaign="${id}"]`).waitFor();
  await unit.click('#storage-cleared-server');
  assert.equal(await unit.evaluate(() => document.activeElement?.id), 'join-code', 'the notice leads to the join form');
  await unit.fill('#join-code', code);
  await unit.click('#join-submit');
  await unit.waitForURL(new RegExp(`#/c/${id}`));
  await synced(unit);
  assert.deepEqual(await selfValue(unit, id, 'CTK', 'A.5'), before);
  await unit.goto(app.baseUrl);
  await unit.waitForSelector(`#campaigns li[data-campaign="${id}"]`);
  await unit.waitForTimeout(300);
  assert.equal(await unit.locator('#storage-cleared').count(), 0, 'nothing is listed as lost once it is back');
  await openTab(unit, app.baseUrl, id, 'self');

  // A reissued code stops the old one: the unit's device says so.
  await openTab(leader, app.baseUrl, id, 'exchange');
  await leader.click('#join-codes button[data-reissue="CTK"]');
  await leader.waitForFunction((old) => {
    const cell = document.querySelector('#join-codes tr[data-code-unit="CTK"] td.code');
    return cell && cell.textContent.trim() !== old;
  }, code);
  await unit.click('#sync-now');
  await unit.waitForSelector('#sync-status[data-state="error"]');
  assert.match(await unit.innerText('#sync-text'), /mã/i);
});
