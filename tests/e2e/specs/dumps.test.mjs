// Dumps: list the seeded dumps and open one with its call stack and failing source line; a
// changed filter marks the list as the previous filter's, and a search without the dump shown
// takes its detail away.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { byTestId, click, launchApp, screenshot, scrollIntoView, typeInto, waitForContent, waitForText, withScreenshotOnFailure } from '../support/app.js';

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

  it('marks the list as the previous filter\'s and drops a detail the new list does not hold', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'dumps-stale', async () => {
      await byTestId(driver, 'dump-detail');
      assert.equal((await driver.findElements(By.css('[data-testid="dumps-stale"]'))).length, 0);
      await typeInto(driver, 'dumps-program', 'ZNO_SUCH_PROGRAM');
      await waitForContent(driver, 'dumps-stale', /previous filter/);
      await scrollIntoView(driver, 'dumps-stale');
      await screenshot(driver, 'dumps-stale');
      await click(driver, 'dumps-search');
      await driver.wait(async () => (await driver.findElements(By.css('[data-testid="dumps-stale"]'))).length === 0, 30_000, 'still marked stale');
      await driver.wait(async () => (await driver.findElements(By.css('[data-testid="dump-row"]'))).length === 0, 30_000, 'rows of the old filter');
      assert.equal((await driver.findElements(By.css('[data-testid="dump-detail"]'))).length, 0, 'the old dump is no longer shown');
    });
  });
});
