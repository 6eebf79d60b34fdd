// Browser storage in real Chromium: data survives reloads; an edit is written to a small journal
// beside the base, which is rewritten whole after a pause; what earlier versions stored still
// reads; damaged data is kept aside and reported; a full storage keeps the last good state; two
// tabs do not overwrite each other; next year's campaign by handover; archive and delete.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actAs, campaignIdOf, importSample, newDevice, openTab, storedCampaign, storedTexts, useApp } from './lib.mjs';

const app = useApp('storage');

const stored = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);

test('an imported campaign survives a reload and a new tab', async (t) => {
  const device = await newDevice(t, app.browser);
  const page = await device.newPage();
  const id = await importSample(page, app.baseUrl);
  await page.reload();
  await page.waitForSelector('#campaign-title');
  assert.match(await page.textContent('#campaign-title'), /Khối các sở, ngành tổng hợp — 2018/);
  const again = await device.newPage();
  await again.goto(app.baseUrl);
  await again.waitForSelector(`#campaigns li[data-campaign="${id}"]`);
});

const title = (page) => page.textContent('#campaign-title');

async function renameBloc(page, name) {
  await page.fill('#bloc-name', name);
  await page.click('#bloc-save');
  await page.waitForSelector('#bloc-saved');
}

test('an edit is written to a small journal beside the base, read back on reload, and folded into a new base after a pause', async (t) => {
  const device = await newDevice(t, app.browser);
  const page = await device.newPage();
  const id = await importSample(page, app.baseUrl);
  const [base0, journal0] = await storedTexts(page, id);
  const b0 = JSON.parse(base0);
  assert.equal(b0.schema, 3);
  assert.match(b0.generation, /^[0-9a-f]{16}$/);
  assert.equal(b0.campaign.id, id);
  assert.equal(journal0, null, 'an import writes a base and no journal');

  await openTab(page, app.baseUrl, id, 'setup');
  await actAs(page, '@leader');
  await renameBloc(page, 'Khối sau một lần sửa');
  const [base1, journal1] = await storedTexts(page, id);
  assert.equal(base1, base0, 'an edit does not rewrite the base');
  const j = JSON.parse(journal1);
  assert.equal(j.schema, 2);
  assert.equal(j.base, b0.generation);
  assert.deepEqual(j.edits.map((e) => Object.keys(e.edit)), [['set_bloc']]);
  assert.equal(j.edits[0].actor.as, 'leader');
  assert.ok(journal1.length < 2000, `the journal of one edit is small (${journal1.length} characters)`);
  await page.reload();
  await page.waitForSelector('#campaign-title');
  assert.match(await title(page), /Khối sau một lần sửa/);

  // A journal left behind by a base write that was cut short names another generation: its edits
  // are already in the base, and are not applied again.
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [`thidua.journal.${id}`, JSON.stringify({ ...j, base: 'another' })]);
  await page.reload();
  await page.waitForSelector('#campaign-title');
  assert.match(await title(page), /Khối các sở, ngành tổng hợp — 2018/);

  // A long journal (here 400 renames, as the app writes them) is read back, and the next edit is
  // followed, once typing pauses, by a new base holding everything and no journal.
  const one = j.edits[0];
  const long = 'x'.repeat(200);
  const edits = Array.from({ length: 400 }, (_, i) => ({
    ...one,
    edit: { set_bloc: { bloc: { ...one.edit.set_bloc.bloc, name: `Khối lần ${i} ${long}` } } },
    stamp: { ...one.stamp, clock: one.stamp.clock + 1 + i },
  }));
  const big = JSON.stringify({ ...j, edits });
  assert.ok(big.length > 64 * 1024);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [`thidua.journal.${id}`, big]);
  await page.reload();
  await page.waitForSelector('#campaign-title');
  assert.match(await title(page), /Khối lần 399 x/);
  await openTab(page, app.baseUrl, id, 'setup');
  await renameBloc(page, 'Khối sau bốn trăm lần sửa');
  assert.equal(JSON.parse((await storedTexts(page, id))[1]).edits.length, 401, 'written to the journal first');
  await page.waitForFunction((id) => localStorage.getItem(`thidua.journal.${id}`) === null, id, { timeout: 10_000 });
  const b2 = JSON.parse((await storedTexts(page, id))[0]);
  assert.equal(b2.schema, 3);
  assert.notEqual(b2.generation, b0.generation);
  assert.equal(b2.campaign.bloc.value.name, 'Khối sau bốn trăm lần sửa');
  await page.reload();
  await page.waitForSelector('#campaign-title');
  assert.match(await title(page), /Khối sau bốn trăm lần sửa/);
});

test('a campaign stored by an earlier version (one bare document) still opens, and is rewritten as a base at its first edit', async (t) => {
  const device = await newDevice(t, app.browser);
  const page = await device.newPage();
  const id = await importSample(page, app.baseUrl);
  const bare = await storedCampaign(page, id);
  assert.equal(JSON.parse(bare).schema, 1);
  await page.evaluate(([id, v]) => {
    localStorage.setItem(`thidua.campaign.${id}`, v);
    localStorage.removeItem(`thidua.journal.${id}`);
  }, [id, bare]);
  await page.reload();
  await page.waitForSelector('#campaign-title');
  assert.match(await title(page), /Khối các sở, ngành tổng hợp — 2018/);
  await openTab(page, app.baseUrl, id, 'setup');
  await actAs(page, '@leader');
  await renameBloc(page, 'Khối đã chuyển sang cách lưu mới');
  const [base, journal] = await storedTexts(page, id);
  assert.equal(JSON.parse(base).schema, 3);
  assert.equal(JSON.parse(base).campaign.bloc.value.name, 'Khối đã chuyển sang cách lưu mới');
  assert.equal(journal, null, 'a journal never follows a bare document: the first edit writes a base');
  await renameBloc(page, 'Khối sửa lần hai');
  assert.equal((await storedTexts(page, id))[0], base, 'the next edit goes to the journal');
  assert.match(await storedCampaign(page, id), /Khối sửa lần hai/);
});

test('a base written by the version before (schema 2, histories whole) still opens as it was, and the next base is schema 3', async (t) => {
  const device = await newDevice(t, app.browser);
  const page = await device.newPage();
  const id = await importSample(page, app.baseUrl);
  const whole = await storedCampaign(page, id);
  const generation = '0123456789abcdef';
  await page.evaluate(([id, v]) => {
    localStorage.setItem(`thidua.campaign.${id}`, v);
    localStorage.removeItem(`thidua.journal.${id}`);
  }, [id, JSON.stringify({ schema: 2, generation, campaign: JSON.parse(whole) })]);
  await page.reload();
  await page.waitForSelector('#campaign-title');
  assert.match(await title(page), /Khối các sở, ngành tổng hợp — 2018/);
  assert.equal(await storedCampaign(page, id), whole);
  // An edit follows that base in the journal, which names its generation.
  await openTab(page, app.baseUrl, id, 'setup');
  await actAs(page, '@leader');
  await renameBloc(page, 'Khối sau lược đồ 2');
  const [base, journal] = await storedTexts(page, id);
  assert.equal(JSON.parse(base).schema, 2, 'an edit does not rewrite the base');
  assert.equal(JSON.parse(journal).base, generation);
  await page.reload();
  await page.waitForSelector('#campaign-title');
  assert.match(await title(page), /Khối sau lược đồ 2/);
});

test('damaged stored data is reported, kept aside and never overwritten', async (t) => {
  const device = await newDevice(t, app.browser);
  const page = await device.newPage();
  const id = await importSample(page, app.baseUrl);
  const damaged = '{"schema":1,"id":"' + id + '", "bloc": {"value": {"name": "truncated';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [`thidua.campaign.${id}`, damaged]);
  await page.goto(app.baseUrl + '#/');
  const card = page.locator(`#campaigns li.unreadable[data-campaign="${id}"]`);
  await card.waitFor();
  assert.match(await card.locator('[role="alert"]').innerText(), /bị hỏng/);
  // Opening it says so too, and nothing writes over the damaged original.
  await page.goto(`${app.baseUrl}#/c/${id}/overview`);
  await page.waitForSelector('#load-error');
  assert.equal(await stored(page, `thidua.campaign.${id}`), damaged);
  const aside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('thidua.aside.')));
  assert.equal(aside.length, 1);
  assert.equal(await stored(page, aside[0]), damaged);
  // A document from a newer version is refused with its reason, and kept as well.
  const newer = JSON.stringify({ schema: 99, id: 'future' });
  await page.evaluate((v) => localStorage.setItem('thidua.campaign.future', v), newer);
  await page.goto(app.baseUrl + '#/');
  await page.reload();
  const future = page.locator('#campaigns li.unreadable[data-campaign="future"]');
  await future.waitFor();
  assert.match(await future.innerText(), /phiên bản mới hơn/);
  assert.equal(await stored(page, 'thidua.campaign.future'), newer);
});

test('a full storage is reported and the last good state is kept', async (t) => {
  const device = await newDevice(t, app.browser);
  const page = await device.newPage();
  const id = await importSample(page, app.baseUrl);
  await openTab(page, app.baseUrl, id, 'setup');
  await actAs(page, '@leader');
  const before = await storedTexts(page, id);
  await page.evaluate(() => {
    const real = Storage.prototype.setItem;
    window.__realSetItem = real;
    Storage.prototype.setItem = function (k, v) {
      // The journal's write and then the base's (tried when the journal does not fit) both fail.
      if (k.startsWith('thidua.campaign.') || k.startsWith('thidua.journal.')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real.call(this, k, v);
    };
  });
  await page.fill('#bloc-name', 'Tên mới không lưu được');
  await page.click('#bloc-save');
  const banner = page.locator('#banner');
  await banner.waitFor();
  assert.match(await banner.innerText(), /Bộ nhớ trình duyệt đã đầy/);
  assert.deepEqual(await storedTexts(page, id), before, 'stored base and journal unchanged');
  await page.evaluate(() => {
    Storage.prototype.setItem = window.__realSetItem;
  });
  await page.reload();
  await page.waitForSelector('#campaign-title');
  assert.match(await page.textContent('#campaign-title'), /Khối các sở, ngành tổng hợp/);
});

test('two tabs editing the same campaign keep both edits', async (t) => {
  const device = await newDevice(t, app.browser);
  const a = await device.newPage();
  const id = await importSample(a, app.baseUrl);
  await openTab(a, app.baseUrl, id, 'setup');
  await actAs(a, '@leader');
  const b = await device.newPage();
  await openTab(b, app.baseUrl, id, 'setup');
  await b.waitForSelector('#members');

  const addUnit = async (page, code, name) => {
    await page.fill('#unit-code', code);
    await page.fill('#unit-name', name);
    await page.selectOption('#unit-role', 'thanh_vien');
    await page.click('#unit-add');
    await page.waitForSelector(`#members tr[data-unit="${code}"]`);
  };
  await addUnit(a, 'STC', 'Sở Tài chính');
  // Tab B learns of it without reloading, and its own edit does not drop it.
  await b.waitForSelector('#members tr[data-unit="STC"]');
  await addUnit(b, 'STP', 'Sở Tư pháp');
  await a.waitForSelector('#members tr[data-unit="STP"]');
  for (const page of [a, b]) {
    await page.reload();
    await page.waitForSelector('#members tr[data-unit="STP"]');
    assert.equal(await page.locator('#members tr[data-unit="STC"]').count(), 1);
  }
});

test('a unit cannot edit the bloc or another unit, and sees only its own scorecard', async (t) => {
  const device = await newDevice(t, app.browser);
  const page = await device.newPage();
  const id = await importSample(page, app.baseUrl, { scores: false });
  await openTab(page, app.baseUrl, id, 'setup');
  await actAs(page, 'CTK');
  assert.equal(await page.locator('#bloc-save').count(), 0, 'no bloc editing for a unit');
  assert.equal(await page.locator('#unit-add').count(), 0, 'no member editing for a unit');
  await openTab(page, app.baseUrl, id, 'self');
  assert.equal(await page.locator('#score-unit').count(), 0, 'a unit cannot pick another unit');
  await openTab(page, app.baseUrl, id, 'review');
  assert.equal(await page.locator('.review-save').count(), 0, 'no review for a unit');
  await openTab(page, app.baseUrl, id, 'evaluation');
  assert.equal(await page.locator('#tiers-save').count(), 0, 'no award editing for a unit');
  assert.equal(await page.locator('#lock').count(), 0, 'no results lock for a unit');
});

test('next year is handed over to a new leader, and campaigns can be archived and deleted', async (t) => {
  const device = await newDevice(t, app.browser);
  const page = await device.newPage();
  const id = await importSample(page, app.baseUrl);
  await page.goto(app.baseUrl + '#/');
  const card = page.locator(`#campaigns li[data-campaign="${id}"]`);
  await card.locator('.next-year').click();
  await card.locator('.new-leader').selectOption('LMHTX');
  await card.locator('.confirm-handover').click();
  await page.waitForURL((u) => !u.toString().includes(id) && /#\/c\//.test(u.toString()));
  const next = campaignIdOf(page);
  await page.waitForSelector('#campaign-title');
  assert.match(await page.textContent('#campaign-title'), /— 2019/);
  await openTab(page, app.baseUrl, next, 'setup');
  await page.waitForSelector('#members tr[data-unit="LMHTX"]');
  // The role shows as a picker to the leader (its chosen value) or as text to a unit.
  const roleOf = (code) =>
    page.$eval(`#members tr[data-unit="${code}"]`, (tr) => {
      const select = [...tr.querySelectorAll('select')].find((s) => [...s.options].some((o) => o.value === 'truong_khoi'));
      return select ? select.value : tr.textContent;
    });
  assert.equal(await roleOf('LMHTX'), 'truong_khoi');
  assert.equal(await roleOf('VPUB'), 'thanh_vien');
  await openTab(page, app.baseUrl, next, 'pledge');
  await page.waitForSelector('#sign-progress');
  assert.match(await page.textContent('#sign-progress'), /0\/7/);

  // Archive the old year, find it among the archived, then delete it after confirming.
  await page.goto(app.baseUrl + '#/');
  await page.locator(`#campaigns li[data-campaign="${id}"] .archive`).click();
  await page.waitForSelector(`#campaigns li[data-campaign="${id}"]`, { state: 'detached' });
  await page.check('#show-archived');
  const archived = page.locator(`#campaigns li[data-campaign="${id}"]`);
  await archived.locator('.delete').click();
  await archived.locator('.confirm-delete').click();
  await page.waitForSelector(`#campaigns li[data-campaign="${id}"]`, { state: 'detached' });
  assert.equal(await stored(page, `thidua.campaign.${id}`), null);
  assert.notEqual(await stored(page, `thidua.campaign.${next}`), null);
});
