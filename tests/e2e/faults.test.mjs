// Faults of the browser itself, in real Chromium, beyond storage.test.mjs (which covers a storage
// full because setItem throws, a truncated or newer stored document, and two tabs adding units):
// - the storage cleared by the user: the app notices, says which campaigns are gone, and restores
//   them from a backup file; a campaign deleted on purpose raises nothing;
// - the real storage quota reached while saving: the last good document stays, the app says so,
//   and works again once there is room;
// - stored data damaged in other ways (the wrong shape, a damaged device record), one campaign's
//   damage leaving the others usable;
// - two tabs editing in quick alternation: every edit of both is kept;
// - the renderer crashing while edits are being saved: what is read back is always a whole,
//   valid campaign, the one before or after an edit, never half of one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { actAs, importSample, newDevice, openTab, storedCampaign, useApp } from './lib.mjs';

const app = useApp('faults');

const stored = storedCampaign;
const storedBase = (page, id) => page.evaluate((k) => localStorage.getItem(k), `thidua.campaign.${id}`);

/** Waits until the storage guard has recorded what this device holds (the home page does it). */
async function markerHolds(page, ids) {
  await page.waitForFunction(async (ids) => {
    const r = await (await caches.open('thidua-storage-guard')).match('/__thidua/storage-guard');
    if (!r) return false;
    const m = await r.json();
    return ids.every((id) => m.campaigns.some((c) => c.id === id));
  }, ids);
}

async function exportWhole(page, id, name) {
  await openTab(page, app.baseUrl, id, 'exchange');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-whole')]);
  const file = path.join(app.dir, name);
  await download.saveAs(file);
  return file;
}

test('storage cleared by the user: the app says which campaigns are gone and restores one from a backup', async (t) => {
  const page = await (await newDevice(t, app.browser)).newPage();
  const kept = await importSample(page, app.baseUrl, { name: 'Khối có sao lưu', year: '2024' });
  await actAs(page, '@leader');
  const backup = await exportWhole(page, kept, 'sao-luu.json');
  const lost = await importSample(page, app.baseUrl, { name: 'Khối không sao lưu', year: '2024' });
  await page.goto(app.baseUrl);
  await markerHolds(page, [kept, lost]);
  assert.equal(await page.locator('#storage-cleared').count(), 0, 'no notice while nothing is lost');

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const notice = page.locator('#storage-cleared');
  await notice.waitFor();
  assert.match(await notice.innerText(), /đã bị xóa/);
  for (const id of [kept, lost]) await notice.locator(`li[data-campaign="${id}"]`).waitFor();
  assert.match(await notice.innerText(), /Khối có sao lưu — 2024/);

  // "Open a backup file…" is the home page's own file picker.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#storage-cleared-restore')]);
  await chooser.setFiles(backup);
  await page.waitForURL(new RegExp(`#/c/${kept}`));
  await page.waitForSelector('#campaign-title');
  assert.match(await page.textContent('#campaign-title'), /Khối có sao lưu — 2024/);

  // Back home: only the campaign without a backup is still listed as lost, until dismissed.
  await page.goto(app.baseUrl);
  await notice.locator(`li[data-campaign="${lost}"]`).waitFor();
  assert.equal(await notice.locator(`li[data-campaign="${kept}"]`).count(), 0);
  await page.click('#storage-cleared-dismiss');
  await notice.waitFor({ state: 'detached' });
  await markerHolds(page, [kept]);
  await page.reload();
  await page.waitForSelector(`#campaigns li[data-campaign="${kept}"]`);
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#storage-cleared').count(), 0, 'a dismissed notice does not come back');
});

test('a campaign deleted on purpose, or a damaged device record, raises no storage notice', async (t) => {
  const page = await (await newDevice(t, app.browser)).newPage();
  const a = await importSample(page, app.baseUrl, { name: 'Khối A', year: '2024' });
  const b = await importSample(page, app.baseUrl, { name: 'Khối B', year: '2024' });
  await page.goto(app.baseUrl);
  await markerHolds(page, [a, b]);
  const card = page.locator(`#campaigns li[data-campaign="${a}"]`);
  await card.locator('.delete').click();
  await card.locator('.confirm-delete').click();
  await card.waitFor({ state: 'detached' });
  await page.reload();
  await page.waitForSelector(`#campaigns li[data-campaign="${b}"]`);
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#storage-cleared').count(), 0);

  // A damaged device record is replaced (a new device id), the campaigns are all there: nothing lost.
  await page.evaluate(() => localStorage.setItem('thidua.device', '{"clock": {"replica": '));
  await page.reload();
  await page.waitForSelector(`#campaigns li[data-campaign="${b}"]`);
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#storage-cleared').count(), 0);
});

test('the real storage quota reached while saving keeps the last good document, and the app recovers', async (t) => {
  const page = await (await newDevice(t, app.browser)).newPage();
  const id = await importSample(page, app.baseUrl);
  await openTab(page, app.baseUrl, id, 'setup');
  await actAs(page, '@leader');
  const before = await stored(page, id);
  // Fill localStorage to its real limit with other data (no setItem is faked here).
  const filled = await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          localStorage.setItem(`filler.${n}`, 'x'.repeat(size));
          n++;
        } catch (e) {
          if (e.name !== 'QuotaExceededError') throw e;
          break;
        }
      }
    }
    return n;
  });
  assert.ok(filled > 0);
  await page.fill('#bloc-name', 'Khối thi đua các sở, ngành tổng hợp tỉnh (tên dài hơn, không còn chỗ để lưu)');
  await page.click('#bloc-save');
  const banner = page.locator('#banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /Bộ nhớ trình duyệt đã đầy/);
  assert.equal(await stored(page, id), before, 'the stored document is the last good one');
  await page.reload();
  await page.waitForSelector('#campaign-title');
  assert.match(await page.textContent('#campaign-title'), /Khối các sở, ngành tổng hợp — 2018/);

  // Room again: the same edit is saved.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler.')).forEach((k) => localStorage.removeItem(k)));
  await openTab(page, app.baseUrl, id, 'setup');
  await page.fill('#bloc-name', 'Khối thi đua các sở, ngành tổng hợp tỉnh');
  await page.click('#bloc-save');
  await page.waitForSelector('#bloc-saved');
  assert.match(await stored(page, id), /Khối thi đua các sở, ngành tổng hợp tỉnh/);
});

test('stored data of the wrong shape is reported and kept aside; the other campaigns still work', async (t) => {
  const page = await (await newDevice(t, app.browser)).newPage();
  const good = await importSample(page, app.baseUrl, { name: 'Khối lành', year: '2024' });
  const bad = await importSample(page, app.baseUrl, { name: 'Khối hỏng', year: '2024' });
  const shapes = [
    JSON.stringify({ schema: 1, id: bad, bloc: 42 }),
    '[]',
    '"thidua"',
    '{"schema": 1, "id": "' + bad + '", "units": {"__proto__": {"polluted": true}}}',
    '\u0000\u0001binary',
  ];
  for (const damaged of shapes) {
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [`thidua.campaign.${bad}`, damaged]);
    await page.goto(app.baseUrl);
    await page.reload();
    const card = page.locator(`#campaigns li.unreadable[data-campaign="${bad}"]`);
    await card.waitFor();
    assert.match(await card.innerText(), /bị hỏng/);
    assert.equal(await storedBase(page, bad), damaged, 'the damaged original is never overwritten');
    assert.equal(await page.evaluate(() => ({}).polluted ?? null), null);
    // The other campaign opens and saves.
    await openTab(page, app.baseUrl, good, 'setup');
    await actAs(page, '@leader');
    await page.fill('#bloc-name', `Khối lành ${shapes.indexOf(damaged)}`);
    await page.click('#bloc-save');
    await page.waitForSelector('#bloc-saved');
  }
  const aside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('thidua.aside.')).length);
  assert.equal(aside, shapes.length, 'each damaged content kept aside once');
});

test('two tabs editing in quick alternation keep every edit of both', async (t) => {
  const device = await newDevice(t, app.browser);
  const a = await device.newPage();
  const id = await importSample(a, app.baseUrl, { scores: false });
  await actAs(a, '@leader');
  await openTab(a, app.baseUrl, id, 'scorecard');
  await a.click('#adopt');
  await a.waitForSelector('#unlock');
  const b = await device.newPage();
  await openTab(b, app.baseUrl, id, 'self');
  await actAs(b, 'CTK');
  await openTab(a, app.baseUrl, id, 'self');
  await actAs(a, 'CTK');
  // The same unit on two tabs: tab A scores A.3, B.2, B.3, B.4, tab B scores A.5, C.3, D.2, D.3, one
  // after the other, each tab still showing the form it had.
  const plan = [
    [a, 'A.3', '8'], [b, 'A.5', '4'], [a, 'B.2', '3'], [b, 'C.3', '2'],
    [a, 'B.3', '3,5'], [b, 'D.2', '3'], [a, 'B.4', '4'], [b, 'D.3', '2,5'],
  ];
  for (const [page, code, value] of plan) {
    const f = page.locator(`#self-form tr[data-criterion="${code}"] .answer`);
    await f.fill(value);
    await f.press('Tab');
  }
  await a.waitForTimeout(300);
  const doc = JSON.parse(await stored(a, id));
  for (const [, code, value] of plan) {
    const v = doc.inputs.CTK?.[code]?.self_answer?.value;
    assert.deepEqual(v, { t: 'number', v: Math.round(Number(value.replace(',', '.')) * 100) }, `${code} kept`);
  }
  for (const page of [a, b]) {
    await page.reload();
    for (const [, code, value] of plan) {
      await page.waitForFunction(
        ([c, v]) => document.querySelector(`#self-form tr[data-criterion="${c}"] .answer`)?.value === v,
        [code, value],
      );
    }
  }
});

test('a renderer crash while edits are being saved never leaves half a campaign', async (t) => {
  const device = await newDevice(t, app.browser);
  let page = await device.newPage();
  const id = await importSample(page, app.baseUrl);
  await actAs(page, '@leader');
  const names = new Set();
  for (const [round, delay] of [[1, 40], [2, 120], [3, 250], [4, 400], [5, 700]]) {
    await openTab(page, app.baseUrl, id, 'setup');
    await page.waitForSelector('#bloc-save');
    // Saves as fast as the page can: each click is a whole read, apply, write of the document.
    await page.evaluate((round) => {
      let k = 0;
      const step = () => {
        const input = document.querySelector('#bloc-name');
        const save = document.querySelector('#bloc-save');
        if (!input || !save) return;
        input.value = `Khối lần ${round} số ${k++}`;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        save.click();
        setTimeout(step, 0);
      };
      step();
    }, round);
    await page.waitForTimeout(delay);
    const cdp = await device.newCDPSession(page);
    const crashed = page.waitForEvent('crash');
    cdp.send('Page.crash').catch(() => {});
    await crashed;
    await page.close().catch(() => {});

    // Reopened: the stored text is a whole campaign the app reads, named by one of the saves.
    page = await device.newPage();
    await page.goto(app.baseUrl);
    const text = await stored(page, id);
    const doc = JSON.parse(text);
    assert.equal(doc.id, id);
    assert.match(doc.bloc.value.name, /^(Khối lần \d+ số \d+|Khối các sở, ngành tổng hợp)$/);
    await page.waitForSelector(`#campaigns li[data-campaign="${id}"]:not(.unreadable)`);
    await openTab(page, app.baseUrl, id, 'overview');
    await page.waitForSelector('#campaign-title');
    assert.equal(await page.locator('#load-error').count(), 0);
    assert.match(await page.textContent('#campaign-title'), new RegExp(doc.bloc.value.name));
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('thidua.aside.')).length), 0, 'nothing unreadable was ever stored');
    names.add(doc.bloc.value.name);
  }
  assert.ok(names.size > 2, 'the crashes happened while saves were being made');
});
