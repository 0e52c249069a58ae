// Export to Git (the abapGit Agent's import): start an export of the demo package and follow it to the end, with stages and files.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, click, launchApp, screenshot, typeInto, waitForContent, waitForText, withScreenshotOnFailure } from '../support/app.js';

describe('Export to Git', () => {
  let app;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected$/, 45_000);
    await click(app.driver, 'nav-import');
  });
  after(async () => {
    await app?.stop();
  });

  it('runs an import job with live progress and reports the commit', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'import-run', async () => {
      // Named for the way the data goes (SAP to git), not the handler's "import".
      await waitForContent(driver, 'import-page', /Export to Git/);
      await typeInto(driver, 'import-url', 'https://github.com/agent-desk/abap-demo.git');
      await typeInto(driver, 'import-message', 'feat: import from the e2e test');
      await click(driver, 'import-start');
      await byTestId(driver, 'job-progress', 30_000);
      // The job keeps running while the user is elsewhere.
      await click(driver, 'nav-systems');
      await click(driver, 'nav-import');
      const state = await waitForContent(driver, 'import-job-state', /^(Completed|Failed)$/, 120_000);
      await screenshot(driver, 'import-finished');
      assert.equal(state, 'Completed');
      const result = await waitForContent(driver, 'import-result', /files committed/);
      assert.match(result, /feat: import from the e2e test/);
      assert.match(await waitForContent(driver, 'job-elapsed', /\d+:\d\d/), /^\d+:\d\d/);
    });
  });
});
