// The whole year of the sample bloc in real Chromium, with no server: the leader sets up the
// campaign and sends it as a file; each of the seven units, on its own device (browser context),
// signs the pledge, scores itself and sends its part back; the leader merges the files, reviews,
// accepts and evaluates. The ranking and proposals must equal shared/samples/results.csv, and
// survive a reload.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  actAs, campaignIdOf, importSample, newDevice, openTab, records, samples, viNumber, useApp, adoptedSampleAsLeader } from './lib.mjs';

const app = useApp('cycle');

/** Clicks a button that downloads a file and returns the saved file's path. */
async function downloadFrom(page, selector, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = path.join(app.dir, name);
  await download.saveAs(file);
  return file;
}

/** Imports a bundle file on the exchange tab and applies it after its preview. */
async function importBundle(page, id, file) {
  await openTab(page, app.baseUrl, id, 'exchange');
  await page.setInputFiles('#import-bundle', file);
  await page.waitForSelector('#import-preview, #import-error');
  assert.equal(await page.locator('#import-error').count(), 0, await page.locator('#import-error').innerText().catch(() => ''));
  await page.click('#import-apply');
  await page.waitForSelector('#import-preview', { state: 'detached' });
}

/** Sets an answer input (text input or select) to what scores.csv says. */
async function answer(row, value) {
  const field = row.locator('.answer');
  const tag = await field.evaluate((el) => el.tagName);
  if (tag === 'SELECT') {
    const wanted = { 1: ['1', 'có', 'yes', 'true', 'đạt'], 0: ['0', 'không', 'no', 'false', 'không đạt'] }[value] ?? [value];
    const option = await field.evaluate((el, wanted) => {
      const norm = (s) => s.trim().toLowerCase();
      const o = [...el.options].find((o) => wanted.some((w) => norm(o.value) === norm(w) || norm(o.textContent) === norm(w)));
      return o ? o.value : null;
    }, wanted);
    assert.ok(option !== null, `no option for ${value}`);
    await field.selectOption(option);
  } else {
    await field.fill(value.replace('.', ','));
    await field.press('Tab');
  }
}

test('the sample bloc runs its whole year through files and reproduces results.csv', { timeout: 600_000 }, async (t) => {
  const scores = records(path.join(samples, 'scores.csv'));
  const units = records(path.join(samples, 'units.csv'));
  const expected = records(path.join(samples, 'results.csv'));

  // The leader: the bloc's members and scorecard from its spreadsheets, adopted, sent to everyone.
  const leaderDevice = await newDevice(t, app.browser);
  const leader = await leaderDevice.newPage();
  const id = await adoptedSampleAsLeader(leader, app.baseUrl);
  await openTab(leader, app.baseUrl, id, 'exchange');
  const campaignFile = await downloadFrom(leader, '#export-whole', 'leader.json');

  // Each unit on its own device.
  const parts = [];
  for (const u of units) {
    const device = await newDevice(t, app.browser, { width: u.code === 'CTK' ? 360 : 1280 });
    const page = await device.newPage();
    await page.goto(app.baseUrl);
    await page.setInputFiles('#open-bundle', campaignFile);
    await page.waitForURL(new RegExp(`#/c/${id}`));
    await actAs(page, u.code);

    await openTab(page, app.baseUrl, id, 'pledge');
    await page.fill('#sign-signatory', `Thủ trưởng ${u.code}`);
    await page.fill('#sign-position', 'Giám đốc');
    await page.click('#sign-submit');
    await page.waitForSelector(`#signatures tr[data-unit="${u.code}"] .signed:has-text("/")`);

    await openTab(page, app.baseUrl, id, 'self');
    for (const s of scores.filter((s) => s.unit === u.code)) {
      const row = page.locator(`#self-form tr[data-criterion="${s.code}"]`);
      await answer(row, s.self);
      if (s.note && !s.review) {
        await row.locator('.note').fill(s.note);
        await row.locator('.note').press('Tab');
      }
    }
    await page.waitForFunction(() => document.querySelector('#missing-count')?.textContent.trim().startsWith('0'));
    await page.click('#submit');
    await page.click('#submit-confirm');
    await page.waitForSelector('#submission-state');

    await openTab(page, app.baseUrl, id, 'exchange');
    parts.push(await downloadFrom(page, '#export-mine', `${u.code}.json`));
  }

  // The leader merges every unit's file, reviews where the sample has reviewed scores, accepts all.
  for (const file of parts) await importBundle(leader, id, file);
  await openTab(leader, app.baseUrl, id, 'review');
  for (const u of units) {
    await leader.click(`#review-units tr[data-unit="${u.code}"] .review-open`);
    await leader.waitForSelector(`#review-detail[data-unit="${u.code}"]`);
    for (const s of scores.filter((s) => s.unit === u.code && s.review)) {
      const row = leader.locator(`#review-detail tr[data-criterion="${s.code}"]`);
      const input = row.locator('.review-answer');
      await input.fill(s.review.replace('.', ','));
      await row.locator('.review-reason').fill(s.note || 'Khối thẩm định lại theo minh chứng');
      await row.locator('.review-save').click();
      await leader.waitForSelector(`#review-detail tr.differs[data-criterion="${s.code}"]`);
    }
    await leader.click('#accept');
    await leader.waitForSelector(`#review-units tr[data-unit="${u.code}"] .state:has-text("${'Đã chấp nhận'}")`).catch(async () => {
      // Whatever the wording, the state must have left "submitted".
      await leader.waitForFunction((c) => !/chờ/i.test(document.querySelector(`#review-units tr[data-unit="${c}"] .state`)?.textContent ?? 'chờ'), u.code);
    });
  }

  const checkRanking = async () => {
    await openTab(leader, app.baseUrl, id, 'evaluation');
    await leader.waitForSelector('#ranking tr[data-unit]');
    const shown = await leader.$$eval('#ranking tr[data-unit], #disqualified tr[data-unit]', (trs) =>
      trs.map((tr) => ({
        unit: tr.dataset.unit,
        rank: tr.querySelector('.rank')?.textContent.trim() ?? '',
        total: tr.querySelector('.total')?.textContent.trim() ?? '',
        award: tr.querySelector('.award')?.textContent.trim() ?? '',
      })),
    );
    for (const e of expected) {
      const row = shown.find((r) => r.unit === e.unit);
      assert.ok(row, `row for ${e.unit}`);
      assert.equal(viNumber(row.total), Number(e.total), `${e.unit} total`);
      assert.equal(parseInt(row.rank, 10) || '', e.rank === '' ? '' : Number(e.rank), `${e.unit} rank`);
      assert.equal(row.award.replace(/^[★—\s]+/, '').replace(/^—$/, ''), e.award, `${e.unit} award`);
    }
  };
  await checkRanking();
  await leader.click('#lock');
  await leader.click('#lock-confirm');
  await leader.waitForSelector('#results-locked');
  await leader.reload();
  await checkRanking();
  await leader.waitForSelector('#results-locked');
});
