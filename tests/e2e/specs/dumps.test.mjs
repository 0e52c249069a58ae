// Dumps: list the seeded dumps and open one with its call stack and failing source line; a
// changed filter marks the list as the previous filter's, and a search without the dump shown
// takes its detail away; dates are typed (or picked in a calendar loaded on demand).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { By, Key } from 'selenium-webdriver';
import { byTestId, click, countOf, launchApp, screenshot, scrollIntoView, typeInto, waitForContent, waitForText, withScreenshotOnFailure } from '../support/app.js';

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

  it('shows a dump full screen at 1024×640 and gives the list back', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'dumps-full-screen', async () => {
      await driver.manage().window().setRect({ width: 1024, height: 640 });
      try {
        const box = (id) => driver.executeScript(`const r = document.querySelector('[data-testid="${id}"]')?.getBoundingClientRect(); return r ? { top: r.top + window.scrollY, width: r.width } : { top: 0, width: 0 };`);
        const before = await box('dump-detail');
        await click(driver, 'dump-full-screen');
        await driver.wait(async () => (await box('dumps-table')).width === 0, 10_000, 'the list stayed in view');
        // Narrow windows stack the list above the dump: full screen moves the dump up into its place.
        await driver.wait(async () => {
          const now = await box('dump-detail');
          return now.width > before.width || now.top < before.top;
        }, 10_000, 'the dump did not take the list’s place');
        await screenshot(driver, 'dumps-full-screen-1024');
        await click(driver, 'dump-full-screen');
        await driver.wait(async () => (await box('dumps-table')).width > 0, 10_000, 'the list did not come back');
      } finally {
        await driver.manage().window().setRect({ width: 1440, height: 900 });
      }
    });
  });

  it('marks the list as the previous filter\'s and drops a detail the new list does not hold', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'dumps-stale', async () => {
      await byTestId(driver, 'dump-detail');
      assert.equal((await countOf(driver, '[data-testid="dumps-stale"]')), 0);
      await typeInto(driver, 'dumps-program', 'ZNO_SUCH_PROGRAM');
      await waitForContent(driver, 'dumps-stale', /previous filter/);
      await scrollIntoView(driver, 'dumps-stale');
      await screenshot(driver, 'dumps-stale');
      await click(driver, 'dumps-search');
      await driver.wait(async () => (await countOf(driver, '[data-testid="dumps-stale"]')) === 0, 30_000, 'still marked stale');
      await driver.wait(async () => (await countOf(driver, '[data-testid="dump-row"]')) === 0, 30_000, 'rows of the old filter');
      assert.equal((await countOf(driver, '[data-testid="dump-detail"]')), 0, 'the old dump is no longer shown');
    });
  });

  it('takes typed dates, refuses what is no date, and offers a calendar', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'dumps-dates', async () => {
      await typeInto(driver, 'dumps-program', '');
      await typeInto(driver, 'dumps-date-from', '31.02.2026');
      const from = await byTestId(driver, 'dumps-date-from');
      await driver.wait(async () => (await from.getAttribute('value-state')) === 'Negative', 10_000, 'an impossible date is not marked');
      await click(driver, 'dumps-search');
      await waitForContent(driver, 'dumps-page', /Correct the marked date and time fields first/);
      // A day far in the future: no dump is that new.
      await typeInto(driver, 'dumps-date-from', '31.12.2099');
      await driver.wait(async () => (await from.getAttribute('value-state')) !== 'Negative', 10_000, 'a valid date stays marked');
      // F8 searches, as in SAP GUI.
      const fromInput = await driver.executeScript('return arguments[0].shadowRoot.querySelector("input")', from);
      await fromInput.sendKeys(Key.F8);
      await waitForContent(driver, 'dumps-page', /(^|\D)0 dumps/);
      // The calendar is loaded when opened; a day picked in it fills the field.
      await click(driver, 'dumps-date-to-calendar');
      const calendar = await byTestId(driver, 'calendar', 30_000);
      await driver.wait(
        () => driver.executeScript("const c = arguments[0]; const days = c.shadowRoot?.querySelector('ui5-daypicker')?.shadowRoot; const day = days?.querySelector('[data-sap-timestamp]:not(.ui5-dp-item--othermonth)'); if (!day) return false; day.click(); return true;", calendar),
        10_000,
        'the calendar shows no day to pick',
      );
      const to = await byTestId(driver, 'dumps-date-to');
      // Shown in the app's one date format (the user's locale, e.g. 12/31/2026 or 31.12.2026) and valid.
      await driver.wait(async () => /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test((await to.getAttribute('value')) ?? '') && (await to.getAttribute('value-state')) !== 'Negative', 10_000, 'the picked day did not reach the field');
    });
  });
});
