// Files instead of a network, in real Chromium: the leader and a unit (on two devices of its own)
// exchange bundle files, edit at the same time, exchange again and end with the same campaign;
// the unit's two devices changed the same score, and the losing value is shown, not lost.
// Bad files are refused with their reason and change nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actAs, importSample, newDevice, openTab, useApp, adoptedSampleAsLeader, storedCampaign } from './lib.mjs';

const app = useApp('exchange');

let n = 0;
async function exportFile(page, id, selector) {
  await openTab(page, app.baseUrl, id, 'exchange');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = path.join(app.dir, `${++n}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return file;
}

/** Imports a bundle after its preview; returns the preview's summary text. */
async function importFile(page, id, file) {
  await openTab(page, app.baseUrl, id, 'exchange');
  await page.setInputFiles('#import-bundle', file);
  await page.waitForSelector('#import-preview, #import-error');
  const error = await page.locator('#import-error').count();
  assert.equal(error, 0, error ? await page.locator('#import-error').innerText() : '');
  const summary = await page.locator('#import-summary').innerText();
  await page.click('#import-apply');
  await page.waitForSelector('#import-preview', { state: 'detached' });
  return summary;
}

async function openReceived(page, file, id) {
  await page.goto(app.baseUrl);
  await page.setInputFiles('#open-bundle', file);
  await page.waitForURL(new RegExp(`#/c/${id}`));
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

const stored = storedCampaign;

test('a unit and the leader exchange files, edit concurrently and converge, with the conflict shown', async (t) => {
  const leader = await (await newDevice(t, app.browser)).newPage();
  const id = await adoptedSampleAsLeader(leader, app.baseUrl);
  const first = await exportFile(leader, id, '#export-whole');

  // The unit's office computer and its phone both receive the campaign.
  const office = await (await newDevice(t, app.browser)).newPage();
  const phone = await (await newDevice(t, app.browser, { width: 360 })).newPage();
  for (const p of [office, phone]) {
    await openReceived(p, first, id);
    await actAs(p, 'CTK');
  }

  // At the same time: the office scores A.3 = 8, the phone A.3 = 9 and A.5 = 4, the leader renames
  // the bloc.
  await setSelf(office, id, 'A.3', '8');
  await setSelf(phone, id, 'A.3', '9');
  await setSelf(phone, id, 'A.5', '4');
  await openTab(leader, app.baseUrl, id, 'setup');
  await leader.fill('#bloc-name', 'Khối thi đua các sở, ngành tổng hợp');
  await leader.click('#bloc-save');
  await leader.waitForSelector('#bloc-saved');
  await leader.waitForSelector('#unsent');

  // Exchange: both unit devices send their part to the leader; the leader sends everything back.
  const fromOffice = await exportFile(office, id, '#export-mine');
  const fromPhone = await exportFile(phone, id, '#export-mine');
  assert.match(path.basename(fromOffice), /^\d+-Khoi-cac-so-nganh-tong-hop_2018_CTK_\d\d-\d\d-\d{4}\.json$/);
  const summary = await importFile(leader, id, fromOffice);
  assert.match(summary, /1 điểm/, summary);
  await importFile(leader, id, fromPhone);
  const back = await exportFile(leader, id, '#export-whole');
  await importFile(office, id, back);
  await importFile(phone, id, back);

  // Everyone holds the same campaign.
  const states = await Promise.all([leader, office, phone].map((p) => stored(p, id)));
  assert.equal(states[1], states[0], 'office equals leader');
  assert.equal(states[2], states[0], 'phone equals leader');
  const c = JSON.parse(states[0]);
  assert.equal(c.bloc.value.name, 'Khối thi đua các sở, ngành tổng hợp');

  // A.3 was changed on both unit devices without either seeing the other: one value counts, the
  // other is listed as a conflict that the unit can restore.
  await openTab(office, app.baseUrl, id, 'exchange');
  const conflict = office.locator('#conflicts tr.conflict[data-path="inputs/CTK/A.3/self_answer"]');
  await conflict.waitFor();
  const kept = (await conflict.locator('.kept').innerText()).split('\n')[0].trim();
  const current = (await conflict.locator('.current').innerText()).split('\n')[0].trim();
  assert.deepEqual([kept, current].sort(), ['8', '9']);
  await conflict.locator('.conflict-restore').click();
  await office.waitForSelector('#no-conflicts');
  await openTab(office, app.baseUrl, id, 'self');
  assert.equal(
    (await office.locator('#self-form tr[data-criterion="A.3"] .crit-points').innerText()).trim(),
    kept,
    'the restored value counts now',
  );
});

test('bad files are refused with their reason and change nothing', async (t) => {
  const leader = await (await newDevice(t, app.browser)).newPage();
  const id = await adoptedSampleAsLeader(leader, app.baseUrl);
  const whole = await exportFile(leader, id, '#export-whole');

  const unit = await (await newDevice(t, app.browser)).newPage();
  await openReceived(unit, whole, id);
  await actAs(unit, 'CTK');
  await setSelf(unit, id, 'A.3', '7');
  const part = fs.readFileSync(await exportFile(unit, id, '#export-mine'), 'utf8');

  const other = await (await newDevice(t, app.browser)).newPage();
  const otherId = await importSample(other, app.baseUrl, { scores: false, name: 'Khối khác' });
  await actAs(other, '@leader');
  const foreign = await exportFile(other, otherId, '#export-whole');

  const write = (name, text) => {
    const f = path.join(app.dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  const b = JSON.parse(part);
  const tampered = structuredClone(b);
  tampered.content.inputs.CTK['A.3'].self_answer.value.v = 1000; // checksum no longer matches
  const newer = structuredClone(b);
  newer.schema = 99;
  const cases = [
    ['tampered.json', JSON.stringify(tampered), /sửa|hỏng/],
    ['newer.json', JSON.stringify(newer), /mới hơn/],
    ['foreign.json', fs.readFileSync(foreign, 'utf8'), /khác/],
    ['garbage.json', '{"format": "thidua-bundle", "sch', /JSON|đọc|hỏng/],
    ['binary.json', Buffer.from([0, 159, 146, 150, 255]).toString('latin1'), /JSON|đọc|hỏng/],
  ];
  const before = await stored(leader, id);
  for (const [name, text, reason] of cases) {
    await openTab(leader, app.baseUrl, id, 'exchange');
    await leader.setInputFiles('#import-bundle', write(name, text));
    const error = leader.locator('#import-error');
    await error.waitFor();
    assert.match(await error.innerText(), reason, name);
    assert.equal(await leader.locator('#import-apply').count(), 0, `${name}: nothing to apply`);
  }
  assert.equal(await stored(leader, id), before, 'stored campaign unchanged');
});

test('the leader imports many units\' files at once: each is previewed, a refused one is named and the others apply', async (t) => {
  const leader = await (await newDevice(t, app.browser)).newPage();
  const id = await adoptedSampleAsLeader(leader, app.baseUrl);
  const whole = await exportFile(leader, id, '#export-whole');

  // One computer scores for two units in turn (each unit's own part exported), as a district
  // office might for the units it hosts.
  const unit = await (await newDevice(t, app.browser)).newPage();
  await openReceived(unit, whole, id);
  const parts = [];
  for (const [code, v] of [['CTK', '7'], ['LMHTX', '6']]) {
    await actAs(unit, code);
    await setSelf(unit, id, 'A.3', v);
    parts.push(await exportFile(unit, id, '#export-mine'));
  }
  const tampered = JSON.parse(fs.readFileSync(parts[0], 'utf8'));
  tampered.content.inputs.CTK['A.3'].self_answer.value.v = 1000;
  const bad = path.join(app.dir, 'hong.json');
  fs.writeFileSync(bad, JSON.stringify(tampered));

  const before = await stored(leader, id);
  await openTab(leader, app.baseUrl, id, 'exchange');
  await leader.setInputFiles('#import-bundle', [parts[0], bad, parts[1]]);
  const list = leader.locator('#import-files');
  await list.waitFor();
  assert.equal(await list.locator('li').count(), 3);
  assert.equal(await list.locator('li.refused').count(), 1);
  assert.match(await list.locator('li.refused').innerText(), /hong\.json[\s\S]*Không nhập/);
  assert.match(await leader.innerText('#import-summary'), /3 tệp: 2 tệp/);
  assert.equal(await stored(leader, id), before, 'nothing changes before «Nhập»');

  // Cancelled: nothing. Then again, and applied: both good files, one write.
  await leader.click('#import-cancel');
  assert.equal(await stored(leader, id), before);
  await leader.setInputFiles('#import-bundle', [parts[0], bad, parts[1]]);
  await leader.click('#import-apply');
  await leader.waitForSelector('#import-preview', { state: 'detached' });
  const c = JSON.parse(await stored(leader, id));
  assert.equal(c.inputs.CTK['A.3'].self_answer.value.v, 700);
  assert.equal(c.inputs.LMHTX['A.3'].self_answer.value.v, 600);

  // Every file refused: the reasons, per file, and nothing to apply.
  const now = await stored(leader, id);
  await leader.setInputFiles('#import-bundle', [bad, bad]);
  await leader.locator('#import-error').waitFor();
  assert.match(await leader.innerText('#import-error'), /«hong\.json»/);
  assert.equal(await leader.locator('#import-apply').count(), 0);
  assert.equal(await stored(leader, id), now);
});

test('the files tab rehearses an import on a scratch copy and leaves nothing behind', async (t) => {
  // src/exchange/rehearsal.rs: a moment after the tab opens, one unit's file is written, read,
  // previewed and merged on a copy, so that the leader's real import finds the code compiled.
  const page = await (await newDevice(t, app.browser)).newPage();
  const id = await importSample(page, app.baseUrl);
  await actAs(page, '@leader');
  const snapshot = () => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));
  const before = await snapshot();
  const banner = () => page.evaluate(() => document.getElementById('banner')?.textContent ?? null);
  await openTab(page, app.baseUrl, id, 'exchange');
  const shown = await banner();
  await page.waitForFunction(() => performance.getEntriesByName('thidua-import-rehearsal').length === 1, null, { timeout: 30_000 });
  await page.waitForTimeout(300);
  assert.deepEqual(await snapshot(), before, 'nothing stored by the rehearsal');
  assert.equal(await page.locator('#import-preview, #import-error, #import-busy').count(), 0, 'no preview shown');
  assert.equal(await banner(), shown, 'no notice');
  // Once per page: the tab opened again does not rehearse again.
  await openTab(page, app.baseUrl, id, 'overview');
  await openTab(page, app.baseUrl, id, 'exchange');
  await page.waitForTimeout(600);
  assert.equal(await page.evaluate(() => performance.getEntriesByName('thidua-import-rehearsal').length), 1);
});
