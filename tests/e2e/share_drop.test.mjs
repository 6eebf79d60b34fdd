// The rest of offline-first in real Chromium: handing an export to the phone's apps (Web Share),
// dropping a received file on the page instead of picking it, and a score's history on the review
// screen ("who changed it, when, from what").
//
// Headless Chromium on Linux has no Web Share API. The only way to test the share button here is to
// install, before the app loads (context.addInitScript), a navigator.canShare / navigator.share that
// record what they are given; the button must stay hidden where the browser cannot share files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { actAs, adoptedSampleAsLeader, importSample, newDevice, openTab, storedCampaign, storedTexts, useApp } from './lib.mjs';

const app = useApp('share-drop');
const shots = process.env.THIDUA_SHOTS; // a directory for screenshots, when set

async function shot(page, name) {
  if (shots) await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** A fake Web Share that records every share (file name, type, text) in window.__shared.
 *  window.__shareMode: 'ok' (default), 'abort' (the person closes the sheet), 'fail'. */
function fakeWebShare() {
  window.__shared = [];
  Object.defineProperty(navigator, 'canShare', {
    configurable: true,
    value: (data) => !!data && Array.isArray(data.files) && data.files.every((f) => f instanceof File),
  });
  Object.defineProperty(navigator, 'share', {
    configurable: true,
    value: async (data) => {
      const files = await Promise.all(data.files.map(async (f) => ({ name: f.name, type: f.type, text: await f.text() })));
      const mode = window.__shareMode ?? 'ok';
      if (mode === 'abort') throw new DOMException('Share canceled', 'AbortError');
      if (mode === 'fail') throw new DOMException('Permission denied', 'NotAllowedError');
      window.__shared.push({ title: data.title, text: data.text, files });
    },
  });
}

let n = 0;
async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = path.join(app.dir, `${++n}-${d.suggestedFilename()}`);
  await d.saveAs(file);
  return { file, name: d.suggestedFilename() };
}

/** A DataTransfer built in the page, holding one file (or only text when `file` is null). */
function transfer(page, file) {
  return page.evaluateHandle((f) => {
    const dt = new DataTransfer();
    if (f) dt.items.add(new File([f.text], f.name, { type: f.type }));
    else dt.setData('text/plain', 'một đoạn chữ, không phải tệp');
    return dt;
  }, file);
}

/** Drags `file` over `selector` and drops it, as a person would. */
async function dropOn(page, selector, file) {
  const dataTransfer = await transfer(page, file);
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
  await dataTransfer.dispose();
}

const jsonFile = (file) => ({ name: path.basename(file), type: 'application/json', text: fs.readFileSync(file, 'utf8') });

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

test('the share button appears only where files can be shared, and shares the export itself', async (t) => {
  // A browser without Web Share: no button.
  const plain = await (await newDevice(t, app.browser)).newPage();
  const plainId = await adoptedSampleAsLeader(plain, app.baseUrl);
  await openTab(plain, app.baseUrl, plainId, 'exchange');
  await plain.waitForSelector('#export-whole');
  assert.equal(await plain.locator('#share-whole, #share-mine').count(), 0, 'no share button without navigator.canShare');

  // With it.
  const context = await newDevice(t, app.browser);
  await context.addInitScript(fakeWebShare);
  const page = await context.newPage();
  const id = await adoptedSampleAsLeader(page, app.baseUrl);
  await openTab(page, app.baseUrl, id, 'exchange');
  await page.waitForSelector('#share-whole');
  assert.equal(await page.locator('#share-mine').count(), 0, 'the leader has no part of its own to share');
  await page.waitForSelector('#unsent');
  await shot(page, 'share-exchange-1280');

  await page.click('#share-whole');
  await page.waitForFunction(() => window.__shared.length === 1);
  const [shared] = await page.evaluate(() => window.__shared);
  assert.equal(shared.files.length, 1, 'exactly one file');
  const bundle = JSON.parse(shared.files[0].text);
  assert.equal(bundle.format, 'thidua-bundle');
  assert.equal(bundle.campaign_id, id);
  assert.equal(bundle.content.id, id);
  assert.equal(bundle.scope.kind, 'whole');
  assert.equal(shared.files[0].type, 'application/json');
  assert.match(shared.title, /Thi đua/);
  await page.waitForSelector('.banner.info');
  // Its name is the one the download gives the same export.
  const { name } = await download(page, '#export-whole');
  assert.equal(shared.files[0].name, name);

  // Sharing counts as sending: after a share, nothing is left unsent.
  await openTab(page, app.baseUrl, id, 'setup');
  await page.fill('#bloc-name', 'Khối các sở, ngành tổng hợp (sửa)');
  await page.click('#bloc-save');
  await page.waitForSelector('#unsent');
  await openTab(page, app.baseUrl, id, 'exchange');
  await page.evaluate(() => { window.__shared = []; });
  await page.click('#share-whole');
  await page.waitForFunction(() => window.__shared.length === 1);
  await page.reload();
  await page.waitForSelector('#export-whole');
  assert.equal(await page.locator('#unsent').count(), 0, 'a share is an export for the reminder');

  // Closing the share sheet is no error; a real failure is shown.
  await page.evaluate(() => { window.__shareMode = 'abort'; window.__shared = []; });
  await page.click('#share-whole');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('.banner.error').count(), 0, 'a cancelled share is not an error');
  await page.evaluate(() => { window.__shareMode = 'fail'; });
  await page.click('#share-whole');
  await page.waitForSelector('.banner.error');
  assert.match(await page.locator('.banner.error').innerText(), /Không chia sẻ được tệp/);

  // A unit shares its own part.
  await page.evaluate(() => { window.__shareMode = 'ok'; window.__shared = []; });
  await actAs(page, 'CTK');
  await page.waitForSelector('#share-mine');
  await page.click('#share-mine');
  await page.waitForFunction(() => window.__shared.length === 1);
  const mine = JSON.parse((await page.evaluate(() => window.__shared))[0].files[0].text);
  assert.deepEqual(mine.scope, { kind: 'unit', unit: 'CTK' });
  assert.equal(mine.content.id, id);

  const narrow = await context.newPage();
  await narrow.setViewportSize({ width: 360, height: 800 });
  await narrow.goto(`${app.baseUrl}#/c/${id}/exchange`);
  await narrow.waitForSelector('#share-mine');
  await shot(narrow, 'share-exchange-360');
});

test('a received file dropped on the page does what picking it does', async (t) => {
  const leader = await (await newDevice(t, app.browser)).newPage();
  const id = await adoptedSampleAsLeader(leader, app.baseUrl);
  await openTab(leader, app.baseUrl, id, 'exchange');
  const whole = (await download(leader, '#export-whole')).file;

  // Home: dropping the leader's file opens the campaign, as «Mở tệp dữ liệu…» does.
  const unitDevice = await newDevice(t, app.browser, { width: 360 });
  const unit = await unitDevice.newPage();
  await unit.goto(app.baseUrl);
  await unit.waitForSelector('#open-drop');
  const notJson = { name: 'ghi-chu.txt', type: 'text/plain', text: 'Đây là ghi chú, không phải tệp dữ liệu.' };
  await dropOn(unit, '#open-drop', notJson);
  await unit.waitForSelector('.error[role="alert"]');
  const droppedRefusal = await unit.locator('.error[role="alert"]').innerText();
  assert.match(droppedRefusal, /không phải tệp dữ liệu Thi đua/);
  await shot(unit, 'drop-home-360');
  await dropOn(unit, '#open-drop', jsonFile(whole));
  await unit.waitForURL(new RegExp(`#/c/${id}`));
  await actAs(unit, 'CTK');
  await setSelf(unit, id, 'A.3', '7');
  await openTab(unit, app.baseUrl, id, 'exchange');
  const part = (await download(unit, '#export-mine')).file;

  // Exchange tab: highlighted while a file is over the zone, not after it leaves.
  await openTab(leader, app.baseUrl, id, 'exchange');
  const zone = leader.locator('#bundle-drop');
  const dt = await transfer(leader, jsonFile(part));
  await leader.dispatchEvent('#bundle-drop', 'dragenter', { dataTransfer: dt });
  await leader.waitForSelector('#bundle-drop.dragging');
  await shot(leader, 'drop-exchange-dragging-1280');
  await leader.dispatchEvent('#bundle-drop', 'dragleave', { dataTransfer: dt });
  await leader.waitForSelector('#bundle-drop:not(.dragging)');

  // A drop with no file changes nothing.
  await dropOn(leader, '#bundle-drop', null);
  await leader.waitForTimeout(200);
  assert.equal(await leader.locator('#import-preview, #import-error').count(), 0, 'a drop without a file is ignored');
  assert.equal(await zone.evaluate((el) => el.classList.contains('dragging')), false);

  // A non-JSON file gets the same refusal as when picked.
  const txt = path.join(app.dir, notJson.name);
  fs.writeFileSync(txt, notJson.text);
  await leader.setInputFiles('#import-bundle', txt);
  await leader.waitForSelector('#import-error');
  const picked = await leader.locator('#import-error').innerText();
  await openTab(leader, app.baseUrl, id, 'overview');
  await openTab(leader, app.baseUrl, id, 'exchange');
  await dropOn(leader, '#bundle-drop', notJson);
  await leader.waitForSelector('#import-error');
  assert.equal(await leader.locator('#import-error').innerText(), picked);
  assert.equal(picked, droppedRefusal, 'home and the exchange tab refuse it the same way');

  // The unit's part, dropped: the same preview as picking it, then applied.
  await dropOn(leader, '#bundle-drop', jsonFile(part));
  await leader.waitForSelector('#import-preview');
  assert.match(await leader.locator('#import-summary').innerText(), /1 điểm tự chấm/);
  await leader.click('#import-apply');
  await leader.waitForSelector('#import-preview', { state: 'detached' });
  const c = JSON.parse(await storedCampaign(leader, id));
  assert.deepEqual(c.inputs.CTK['A.3'].self_answer.value, { t: 'number', v: 700 });

  // The page never navigates to a dropped file: the zone and the page around it cancel the
  // browser's default (opening the file).
  const cancelled = await leader.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['{}'], 'x.json', { type: 'application/json' }));
    const fire = (el, type) => !el.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    const zone = document.querySelector('#bundle-drop');
    const beside = document.querySelector('h3');
    return [fire(zone, 'dragover'), fire(zone, 'drop'), fire(beside, 'dragover'), fire(beside, 'drop')];
  });
  assert.deepEqual(cancelled, [true, true, true, true]);
  assert.match(leader.url(), new RegExp(`#/c/${id}/exchange$`));
});

test('the review screen shows each score\'s history: who changed it, when, from what', async (t) => {
  const leader = await (await newDevice(t, app.browser)).newPage();
  // Imported with its scores (so adopted, every criterion answered): the unit can submit at once.
  const id = await importSample(leader, app.baseUrl);
  await actAs(leader, '@leader');
  await openTab(leader, app.baseUrl, id, 'exchange');
  const whole = (await download(leader, '#export-whole')).file;

  const unit = await (await newDevice(t, app.browser)).newPage();
  await unit.goto(app.baseUrl);
  await unit.setInputFiles('#open-bundle', whole);
  await unit.waitForURL(new RegExp(`#/c/${id}`));
  await actAs(unit, 'CTK');
  await setSelf(unit, id, 'A.3', '8');
  await setSelf(unit, id, 'A.3', '7,5');
  await unit.click('#submit');
  await unit.click('#submit-confirm');
  await unit.waitForSelector('#submission-state');
  await openTab(unit, app.baseUrl, id, 'exchange');
  const part = (await download(unit, '#export-mine')).file;

  await openTab(leader, app.baseUrl, id, 'exchange');
  await leader.setInputFiles('#import-bundle', part);
  await leader.waitForSelector('#import-preview');
  await leader.click('#import-apply');
  await leader.waitForSelector('#import-preview', { state: 'detached' });
  await openTab(leader, app.baseUrl, id, 'review');
  await leader.click('#review-units tr[data-unit="CTK"] .review-open');
  const row = leader.locator('#review-detail tr[data-criterion="A.3"]');
  await row.waitFor();
  // A criterion nobody changed here has no history to show.
  assert.equal(await leader.locator('#review-detail tr[data-criterion="A.1"] .score-history').count(), 0);
  await row.locator('.review-answer').fill('6');
  await row.locator('.review-reason').fill('Thiếu minh chứng');
  await row.locator('.review-save').click();
  await leader.waitForSelector('#review-detail tr.differs[data-criterion="A.3"]');

  const history = row.locator('details.score-history');
  assert.equal((await history.locator('summary').innerText()).trim(), 'Lịch sử (3)');
  await history.locator('summary').click();
  const items = history.locator('li[data-history]');
  assert.deepEqual(await items.evaluateAll((li) => li.map((x) => [x.dataset.history, x.dataset.by])), [
    ['self_answer', 'CTK'],
    ['self_answer', 'CTK'],
    ['review', 'leader'],
  ]);
  const texts = await items.allInnerTexts();
  const when = String.raw`\d\d/\d\d/\d{4} \d\d:\d\d`;
  assert.match(texts[0], new RegExp(`^Đơn vị tự chấm 8 \\(CTK, ${when}\\)$`));
  assert.match(texts[1], new RegExp(`Đơn vị tự chấm 7,5 \\(CTK, ${when}\\)$`));
  assert.match(texts[2], new RegExp(`Trưởng khối sửa thành 6 \\(lý do: Thiếu minh chứng; ${when}\\)$`));
  await history.scrollIntoViewIfNeeded();
  if (shots) await row.screenshot({ path: path.join(shots, 'history-row-1280.png') });

  // The base the import wrote leaves out the revision the score implies (its value and stamp are
  // the field's, beside it: crates/core/src/stored/implied.rs); the review is in the journal.
  // Read back after a reload, the history is whole.
  const [baseText, journalText] = await storedTexts(leader, id);
  const base = JSON.parse(baseText);
  assert.equal(base.schema, 3);
  const storedEntry = base.campaign.inputs.CTK['A.3'];
  assert.deepEqual(storedEntry.history.map((r) => r.value.v), [800], 'only the revision the current score does not imply is stored');
  assert.equal(storedEntry.self_answer.value.v, 750);
  assert.ok(journalText, 'the review went to the journal');
  await leader.reload();
  await leader.click('#review-units tr[data-unit="CTK"] .review-open');
  const reread = leader.locator('#review-detail tr[data-criterion="A.3"] details.score-history');
  assert.equal((await reread.locator('summary').innerText()).trim(), 'Lịch sử (3)');
  await reread.locator('summary').click();
  assert.deepEqual(await reread.locator('li[data-history]').allInnerTexts(), texts);

  // The unit reads the same history, read-only, once the leader's file reaches it.
  await openTab(leader, app.baseUrl, id, 'exchange');
  const back = (await download(leader, '#export-whole')).file;
  await openTab(unit, app.baseUrl, id, 'exchange');
  await unit.setInputFiles('#import-bundle', back);
  await unit.waitForSelector('#import-preview');
  await unit.click('#import-apply');
  await unit.waitForSelector('#import-preview', { state: 'detached' });
  await unit.setViewportSize({ width: 360, height: 800 });
  await openTab(unit, app.baseUrl, id, 'review');
  const unitRow = unit.locator('#review-detail tr[data-criterion="A.3"]');
  await unitRow.locator('details.score-history summary').click();
  assert.equal(await unitRow.locator('li[data-history]').count(), 3);
  if (shots) await unitRow.screenshot({ path: path.join(shots, 'history-row-360.png') });
});
