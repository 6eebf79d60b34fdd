// Hostile data files in real Chromium (tests/malicious/: README.md says what each is, cases.json its
// expected outcome). Every refused file is imported on the files tab of the campaign it claims: the
// message names the problem and the browser's stored data (all of localStorage) is byte-identical
// before and after. Files that are accepted carry HTML and script in every text: they render as
// text, no element is made of them and no script runs. The big files (over the size limit, a text
// of two million characters, a million entries, nesting 100,000 deep) are made here, not committed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { actAs, newDevice, openTab, repoRoot, storedCampaign, useApp } from './lib.mjs';

const app = useApp('malicious');
const dir = path.join(repoRoot, 'tests/malicious');
const cases = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
const base = JSON.parse(fs.readFileSync(path.join(dir, 'base.json'), 'utf8'));
const ID = base.campaign_id;

/** All of localStorage, in key order: what "stored data unchanged" compares. */
const snapshot = (page) =>
  page.evaluate(() => JSON.stringify(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));

/** The checksum a forger recomputes: SHA-256 of the content's canonical JSON (sorted keys). */
function canonical(v) {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}
function reseal(bundle) {
  bundle.checksum = crypto.createHash('sha256').update(canonical(bundle.content)).digest('hex');
  return JSON.stringify(bundle);
}

/** The big files, written to the scratch directory: [file, expected message]. */
function bigFiles() {
  const write = (name, text) => {
    const f = path.join(app.dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  const copy = () => structuredClone(base);
  const longText = copy();
  longText.content.bloc.value.name = 'Khối '.repeat(400_000);
  const million = JSON.parse(fs.readFileSync(path.join(dir, 'ok-unit-ctk.json'), 'utf8'));
  for (let i = 0; i < 1_000_000; i++) million.content.inputs.CTK[`x${i}`] = {};
  const text = JSON.stringify(base);
  const at = text.indexOf('"content":') + '"content":'.length;
  return [
    [write('too-large.json', text.slice(0, -1) + ',"pad":"' + 'x'.repeat(33 * 1024 * 1024) + '"}'), /quá lớn/],
    [write('long-text.json', reseal(longText)), /văn bản quá dài/],
    [write('million-entries.json', reseal(million)), /danh sách quá dài/],
    [write('deep-nesting.json', text.slice(0, at) + '['.repeat(100_000) + ']'.repeat(100_000) + '}'), /recursion limit/],
  ];
}

/** A device holding the campaign of tests/malicious, opened from base.json, acting as leader. */
async function leaderWithBase(t) {
  const page = await (await newDevice(t, app.browser)).newPage();
  await page.goto(app.baseUrl);
  await page.setInputFiles('#open-bundle', path.join(dir, 'base.json'));
  await page.waitForURL(new RegExp(`#/c/${ID}`));
  await actAs(page, '@leader');
  return page;
}

/** Picks a file on the files tab; returns the error shown, or null when a preview is shown. */
async function tryImport(page, file) {
  await openTab(page, app.baseUrl, ID, 'exchange');
  await page.setInputFiles('#import-bundle', file);
  await page.waitForSelector('#import-preview, #import-error', { timeout: 60_000 });
  if (await page.locator('#import-error').count()) return page.locator('#import-error').innerText();
  return null;
}

test('every refused file is refused with its reason, and stored data stays byte-identical', async (t) => {
  const page = await leaderWithBase(t);
  const refused = cases.filter((c) => c.outcome === 'refused').map((c) => [path.join(dir, c.file), new RegExp(escape(c.app))]);
  for (const [file, expected] of [...refused, ...bigFiles()]) {
    const before = await snapshot(page);
    const error = await tryImport(page, file);
    assert.ok(error !== null, `${path.basename(file)}: a preview was offered instead of a refusal`);
    assert.match(error, expected, `${path.basename(file)}: the message names the problem`);
    assert.equal(await snapshot(page), before, `${path.basename(file)}: stored data changed`);
  }
});

test('accepted files only change what their preview says once applied; cancelling changes nothing', async (t) => {
  const page = await leaderWithBase(t);
  for (const c of cases.filter((c) => c.outcome !== 'refused' && c.file !== 'base.json')) {
    const before = await snapshot(page);
    const error = await tryImport(page, path.join(dir, c.file));
    assert.equal(error, null, `${c.file}: refused: ${error}`);
    if (c.file === 'forged-leader.json') {
      // What a file cannot prove: it says it is the leader's, and nothing tells otherwise.
      assert.match(await page.locator('#import-preview').innerText(), /Từ: Trưởng khối/);
    }
    await page.click('#import-cancel');
    await page.waitForSelector('#import-preview', { state: 'detached' });
    assert.equal(await snapshot(page), before, `${c.file}: cancelling changed stored data`);
  }
});

/** Every screen of the campaign, and the home page: HTML in the data stays text. */
async function assertInert(page, dialogs) {
  const screens = ['overview', 'setup', 'pledge', 'scorecard', 'self', 'review', 'evaluation', 'exchange'];
  for (const tab of screens) {
    await openTab(page, app.baseUrl, ID, tab);
    await page.waitForTimeout(100);
    const found = await page.evaluate(() => ({
      imgs: document.querySelectorAll('img[src="x"], img[src$="/x"]').length,
      scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__pwned')).length,
      bold: [...document.querySelectorAll('b')].filter((b) => b.textContent === 'đậm').length,
      pwned: window.__pwned ?? null,
    }));
    assert.deepEqual(found, { imgs: 0, scripts: 0, bold: 0, pwned: null }, `elements made of the data on «${tab}»`);
  }
  await page.goto(app.baseUrl);
  await page.waitForSelector(`#campaigns li[data-campaign="${ID}"]`);
  const title = await page.locator(`#campaigns li[data-campaign="${ID}"] .campaign-title`).innerText();
  assert.match(title, /<img src=x onerror=.*<script>/, 'the payload is shown as text');
  assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length), 0);
  assert.deepEqual(dialogs, [], 'no alert fired');
}

test('HTML and script in every text field render as text, imported or opened', async (t) => {
  // Imported into a campaign this device holds, after the preview (whose sender label is HTML too).
  const page = await leaderWithBase(t);
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  const error = await tryImport(page, path.join(dir, 'html-everywhere.json'));
  assert.equal(error, null, `refused: ${error}`);
  assert.match(await page.locator('#import-preview').innerText(), /Từ: Trưởng khối <img src=x/);
  await page.click('#import-apply');
  await page.waitForSelector('#import-preview', { state: 'detached' });
  const stored = await storedCampaign(page, ID);
  assert.match(stored, /<script>window.__pwned=2/, 'the texts are kept as they were written');
  await assertInert(page, dialogs);

  // Opened as a new campaign on another device.
  const other = await (await newDevice(t, app.browser, { width: 360 })).newPage();
  const otherDialogs = [];
  other.on('dialog', (d) => {
    otherDialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await other.goto(app.baseUrl);
  await other.setInputFiles('#open-bundle', path.join(dir, 'html-everywhere.json'));
  await other.waitForURL(new RegExp(`#/c/${ID}`));
  await actAs(other, 'CTK');
  await assertInert(other, otherDialogs);
});

test('a file from the future is not opened as a new campaign either', async (t) => {
  // Without a copy to preview against, the stamps are still checked: a device that opened it would
  // observe the year 2100, and its values would win every later merge.
  const page = await (await newDevice(t, app.browser)).newPage();
  await page.goto(app.baseUrl);
  // The home page records this device once (storage_guard); compare after that.
  await page.waitForFunction(() => localStorage.getItem('thidua.device') !== null);
  for (const file of ['future-stamp.json', 'future-unit-order.json', 'negative-score.json']) {
    const before = await snapshot(page);
    await page.setInputFiles('#open-bundle', path.join(dir, file));
    const alert = page.locator('.panel [role="alert"]').first();
    await alert.waitFor();
    assert.match(await alert.innerText(), file === 'negative-score.json' ? /số điểm âm/ : /ngày sau hiện tại/, file);
    assert.equal(await snapshot(page), before, `${file}: stored data changed`);
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), `thidua.campaign.${ID}`), null);
    await page.reload();
  }
});

function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
