// Dumps: list the seeded dumps and open one with its call stack and failing source line.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { byTestId, click, launchApp, screenshot, waitForText, withScreenshotOnFailure } from '../support/app.js';

describe('Dumps', () => {
  let app;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected/, 45_000);
  });
  after(async () => {
    await app?.stop();
  });

  it('lists dumps and shows one in detail with the failing line marked', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'dumps', async () => {
      await click(driver, 'nav-dumps');
      await click(driver, 'dumps-search');
      const row = await byTestId(driver, 'dump-row', 30_000);
      await click(driver, row);
      const detail = await byTestId(driver, 'dump-detail', 30_000);
      await waitForText(driver, 'dump-what-happened', /\S/);
      assert.ok((await detail.findElements(By.css('.sv-marker-error'))).length === 1, 'the failing line is marked');
      await byTestId(driver, 'dump-call-stack');
      await screenshot(driver, 'dumps-detail');
    });
  });
});
