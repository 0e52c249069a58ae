// Transports: create a request (empty, and said so by the check), see a request's type, status,
// tasks and objects, find released requests, filter by type; screenshots in both themes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, click, clickUntilText, countOf, launchApp, screenshot, scrollIntoView, setTheme, typeInto, waitForContent, waitForText, withScreenshotOnFailure } from '../support/app.js';

/** The number of the row whose text matches `pattern`, read in the page (rows render again). */
async function rowNumber(driver, pattern) {
  let number = null;
  await driver.wait(
    async () => {
      const rows = await driver.executeScript(`return [...document.querySelectorAll('[data-testid="transports-table"] ui5-table-row')].map((r) => [r.dataset.number, r.textContent])`);
      number = rows.find(([, text]) => pattern.test(text))?.[0] ?? null;
      return number !== null;
    },
    30_000,
    `no request row matches ${pattern}`,
  );
  return number;
}

describe('Transports', () => {
  let app;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected/, 45_000);
  });
  after(async () => {
    await app?.stop();
  });

  it('creates a request, shows its type, status and task, and says plainly that it is empty', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'transports', async () => {
      await click(driver, 'nav-transports');
      await typeInto(driver, 'transport-description', 'E2E: pricing change');
      await click(driver, 'transport-create');
      const text = await waitForText(driver, 'transport-outcome', /Created [A-Z0-9]{3}K\d+ \(workbench request\)\.$/);
      const number = /([A-Z0-9]{3}K\d+)/.exec(text)[1];
      await byTestId(driver, `transport-${number}`, 30_000);
      // The created request is chosen: its details are read from the system's request tables.
      await waitForContent(driver, 'transport-detail', new RegExp(`${number} E2E: pricing change.*Workbench request.*Modifiable.*DEVELOPER`, 's'));
      await waitForContent(driver, 'transport-detail', /Tasks \(1\).*Development\/correction/s);
      await waitForContent(driver, 'transport-empty', new RegExp(`${number} is empty`));
      const checked = await clickUntilText(driver, 'transport-check', 'transport-outcome', /is empty|passed the check|cannot be released/);
      assert.match(checked, new RegExp(`${number} is empty: neither the request nor its tasks hold any object`));
      await screenshot(driver, 'transports-empty-light');
    });
  });

  it("shows another developer's request with its tasks and objects", async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'transports-details', async () => {
      await click(driver, 'transport-scope-task');
      const number = await rowNumber(driver, /ZFLIGHT: statistics report/);
      await click(driver, `transport-${number}`);
      await waitForContent(driver, 'transport-detail', new RegExp(`${number} ZFLIGHT: statistics report.*Workbench request.*Modifiable.*AKUMAR`, 's'));
      await waitForContent(driver, 'transport-tasks', /AKUMAR.*DEVELOPER/s);
      await waitForContent(driver, 'transport-objects', /Class \(CLAS\)\s*ZCL_FLIGHT_STATISTICS.*Program \(PROG\)\s*ZFLIGHT_REPORT/s);
      await waitForContent(driver, 'transport-objects', /task of AKUMAR/);
      await scrollIntoView(driver, 'transport-detail');
      await screenshot(driver, 'transports-details-light');
      await setTheme(driver, 'sap_horizon_dark');
      await screenshot(driver, 'transports-details-dark');
      await setTheme(driver, 'sap_horizon');
    });
  });

  it('finds released requests when asked, and filters by type', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'transports-released', async () => {
      await click(driver, 'transport-scope-all');
      await waitForContent(driver, 'transports-count', /open requests?/);
      assert.equal(await countOf(driver, '[data-testid="transports-table"] ui5-table-row[data-status="released"]'), 0);
      await click(driver, 'transport-include-released');
      await waitForContent(driver, 'transports-count', /released requests? \(from the system's request table\)/);
      const hotfix = await rowNumber(driver, /Hotfix: occupancy division by zero/);
      const row = await byTestId(driver, `transport-${hotfix}`);
      assert.equal(await row.getAttribute('data-status'), 'released');
      await click(driver, row);
      await waitForContent(driver, 'transport-detail', /Released.*Released on/s);
      const release = await byTestId(driver, 'transport-release');
      await driver.wait(async () => (await release.getAttribute('disabled')) !== null, 10_000, 'a released request can be released again');
      await screenshot(driver, 'transports-released-light');

      await click(driver, 'transport-type-customizing');
      await driver.wait(
        async () => {
          const kinds = await driver.executeScript(`return [...document.querySelectorAll('[data-testid="transports-table"] ui5-table-row')].map((r) => r.textContent)`);
          return kinds.length > 0 && kinds.every((text) => /Customizing/.test(text));
        },
        10_000,
        'the type filter left other requests than customizing ones',
      );
      await click(driver, 'transport-type-all');
      await click(driver, 'transport-include-released');
      await driver.wait(async () => (await countOf(driver, '[data-testid="transports-table"] ui5-table-row[data-status="released"]')) === 0, 10_000, 'released requests stayed listed');
      // A laptop screen: the list keeps its columns (scrolls sideways) and the toolbar wraps.
      const rect = await driver.manage().window().getRect();
      await driver.manage().window().setRect({ width: 1024, height: 640 });
      await screenshot(driver, 'transports-1024-light');
      await driver.manage().window().setRect(rect);
    });
  });
});
