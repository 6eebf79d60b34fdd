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
    }
  });
}
