// Every main screen at a phone's width (360 px) and a desktop's (1280 px): it renders without page
// errors and the page itself never scrolls sideways (wide tables scroll in their own box).
// With THIDUA_SCREENSHOTS=1 it also saves the screenshots kept in docs/screenshots/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { actAs, importSample, newDevice, openTab, screenshots, useApp } from './lib.mjs';

const app = useApp('screens');

const save = process.env.THIDUA_SCREENSHOTS === '1';

// Which role looks at which tab: the leader runs the bloc, a unit fills its scorecard.
const views = [
  ['overview', '@leader'],
  ['setup', '@leader'],
  ['pledge', 'CTK'],
  ['scorecard', '@leader'],
  ['self', 'CTK'],
  ['review', '@leader'],
  ['evaluation', '@leader'],
  ['exchange', 'CTK'],
];

// The charts on those tabs (src/charts/), by the id of their figure.
const charts = { evaluation: ['totals', 'diff'], self: ['sections'] };

/** A chart shows the one drawing that suits the width (labels above the bars on a phone), and its
 *  labels are legible, inside the chart and never on top of each other. */
async function checkChart(page, sel, width) {
  const r = await page.evaluate((sel) => {
    const fig = document.querySelector(sel);
    if (!fig) return { missing: true };
    const shown = [...fig.querySelectorAll('svg.chart-svg')].filter((s) => s.getBoundingClientRect().width > 0);
    if (shown.length !== 1) return { shown: shown.length };
    const svg = shown[0];
    const box = fig.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].map((t) => {
      const b = t.getBoundingClientRect();
      return { s: t.textContent, l: b.left, r: b.right, t: b.top, b: b.bottom, size: parseFloat(getComputedStyle(t).fontSize) * (b.width ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 0) };
    });
    const overlaps = [];
    texts.forEach((a, i) => texts.slice(i + 1).forEach((b) => {
      if (a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5) overlaps.push(`${a.s} / ${b.s}`);
    }));
    return {
      narrow: svg.classList.contains('chart-narrow'),
      role: svg.getAttribute('role'),
      title: svg.querySelector(':scope > title')?.textContent ?? '',
      overlaps,
      outside: texts.filter((x) => x.l < box.left - 1 || x.r > box.right + 1).map((x) => x.s),
      small: texts.filter((x) => x.size < 11).map((x) => `${x.s} (${x.size.toFixed(1)}px)`),
    };
  }, sel);
  assert.ok(!r.missing, `${sel} missing`);
  assert.equal(r.shown ?? 1, 1, `${sel}: one drawing shown`);
  assert.equal(r.narrow, width < 768, `${sel} at ${width}px: the ${width < 768 ? 'narrow' : 'wide'} drawing`);
  assert.equal(r.role, 'img');
  assert.ok(r.title.length > 0, `${sel}: the chart has a title`);
  assert.deepEqual(r.overlaps, [], `${sel} at ${width}px: labels overlap`);
  assert.deepEqual(r.outside, [], `${sel} at ${width}px: labels outside the chart`);
  assert.deepEqual(r.small, [], `${sel} at ${width}px: labels too small`);
}

for (const width of [360, 1280]) {
  test(`every screen fits ${width} px`, async (t) => {
    const device = await newDevice(t, app.browser, { width, height: 860 });
    const page = await device.newPage();
    await page.goto(app.baseUrl);
    await page.waitForSelector('#go-new');
    if (save) await page.screenshot({ path: path.join(screenshots, `home-${width}.png`), fullPage: true });
    const id = await importSample(page, app.baseUrl);
    for (const [tab, who] of views) {
      await openTab(page, app.baseUrl, id, tab);
      await actAs(page, who);
      await page.waitForTimeout(150);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${tab} at ${width}px is wider than the screen by ${overflow}px`);
      if (save) await page.screenshot({ path: path.join(screenshots, `${tab}-${width}.png`), fullPage: true });
      for (const chart of charts[tab] ?? []) {
        await checkChart(page, `#chart-${chart}`, width);
        if (save) await page.locator(`#chart-${chart}`).screenshot({ path: path.join(screenshots, `chart-${chart}-${width}.png`) });
      }
    }
  });
}
