// The scorecard editor: sections and criteria move up and down (and the moved button keeps focus),
// the order is stored, and adoption locks the editor.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actAs, importSample, newDevice, openTab, useApp } from './lib.mjs';

const app = useApp('scorecard');

const order = (page, selector, attr) =>
  page.$$eval(selector, (els, a) => els.map((e) => e.getAttribute(a)), attr);

test('criteria and sections are reordered, stored, and locked by adoption', async (t) => {
  const page = await (await newDevice(t, app.browser)).newPage();
  const id = await importSample(page, app.baseUrl, { scores: false });
  await actAs(page, '@leader');
  await openTab(page, app.baseUrl, id, 'scorecard');
  const crits = 'section[data-section="A"] [data-criterion]';
  const before = await order(page, crits, 'data-criterion');
  assert.deepEqual(before.slice(0, 2), ['A.1', 'A.2']);

  await page.click('section[data-section="A"] [data-criterion="A.1"] .crit-down');
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-criterion') === 'A.2', crits);
  assert.deepEqual((await order(page, crits, 'data-criterion')).slice(0, 2), ['A.2', 'A.1']);
  await page.waitForFunction(() => document.activeElement?.classList.contains('crit-down'));

  const sections = '#scorecard section[data-section]';
  await page.click('section[data-section="A"] .section-down');
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-section') === 'B', sections);

  await page.reload();
  await page.waitForSelector(crits);
  assert.deepEqual((await order(page, sections, 'data-section')).slice(0, 2), ['B', 'A']);
  assert.deepEqual((await order(page, crits, 'data-criterion')).slice(0, 2), ['A.2', 'A.1']);

  await page.click('#adopt');
  await page.waitForSelector('#unlock');
  assert.equal(await page.locator('.crit-down').count(), 0, 'no reordering once adopted');
});
