// Shell notifications: a background job (an export to git) that ends while the user is in
// another area says so in the shell bar, with a link to its result; one that ends in view does not.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, click, countOf, launchApp, screenshot, setTheme, typeInto, waitForContent, waitForText, withScreenshotOnFailure } from '../support/app.js';

async function startExport(driver, message) {
  await typeInto(driver, 'import-url', 'https://github.com/agent-desk/abap-demo.git');
  await typeInto(driver, 'import-message', message);
  await click(driver, 'import-start');
  await byTestId(driver, 'job-progress', 30_000);
}

/** The id of the export job the import page shows as selected. */
const selectedExport = (driver) =>
  driver.executeScript('return document.querySelector(\'[data-testid="import-jobs"] [selected]\')?.dataset.job ?? null');

describe('Notifications of finished jobs', () => {
  let app;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected$/, 45_000);
    await click(app.driver, 'nav-import');
    await waitForContent(app.driver, 'import-page', /Export to Git/);
  });
  after(async () => {
    await app?.stop();
  });

  it('stays quiet about a job that ends while the user watches it', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'notifications-quiet', async () => {
      await startExport(driver, 'feat: watched export');
      await waitForContent(driver, 'import-job-state', /^Completed$/, 120_000);
      assert.equal(await countOf(driver, '[data-testid="job-notices"]'), 0, 'a notification for a job the user watched end');
    });
  });

  it('tells about a job that ends elsewhere and links to its result', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'notifications-finished', async () => {
      await startExport(driver, 'feat: export finished elsewhere');
      const started = await selectedExport(driver);
      assert.ok(started, 'the new export is not selected');
      await click(driver, 'nav-systems');
      await byTestId(driver, 'systems-page');

      // The shell's bell counts it; its list says what ended, how, and where to see it.
      await click(driver, 'job-notices', 120_000);
      const notice = await byTestId(driver, 'job-notice', 10_000);
      await driver.wait(async () => (await notice.getAttribute('title-text'))?.startsWith('Completed: '), 10_000, 'the notice does not say the job completed');
      assert.equal(await notice.getAttribute('data-job'), started);
      assert.equal(await notice.getAttribute('state'), 'Positive');
      await waitForContent(driver, 'job-notice', /Show the export/);
      await screenshot(driver, 'notifications-finished-job');
      // The same in the dark theme (the theme switch closes the list; open it again).
      await setTheme(driver, 'sap_horizon_dark');
      await click(driver, 'job-notices');
      await byTestId(driver, 'job-notice', 10_000);
      await screenshot(driver, 'notifications-finished-job-dark');

      // Following it opens the export's result and clears the notification.
      await click(driver, 'job-notice');
      await waitForContent(driver, 'import-job-state', /^Completed$/, 10_000);
      await driver.wait(async () => (await selectedExport(driver)) === started, 10_000, 'the link did not select the export');
      await driver.wait(async () => (await countOf(driver, '[data-testid="job-notices"]')) === 0, 10_000, 'the notification stayed after it was followed');
      await setTheme(driver, 'sap_horizon');
    });
  });
});
