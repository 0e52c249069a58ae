// Repositories: look up the sandbox's demo repository and pull it; the result reads like SAP's log;
// a look-up stops standing for the URL once the URL changes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, click, confirmDialog, launchApp, screenshot, typeInto, waitForContent, waitForDialog, waitForText, withScreenshotOnFailure } from '../support/app.js';

const DEMO_URL = 'https://github.com/agent-desk/abap-demo.git';

describe('Repositories', () => {
  let app;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected$/, 45_000);
    await click(app.driver, 'nav-repositories');
  });
  after(async () => {
    await app?.stop();
  });

  it('looks up a repository: linked, with its package', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'repositories-lookup', async () => {
      await typeInto(driver, 'repo-url', DEMO_URL);
      await click(driver, 'repo-lookup');
      await waitForContent(driver, 'repo-package', /\$ZDEMO/, 30_000);
      await waitForContent(driver, 'repo-status', /Linked in SAP/);
    });
  });

  it('pulls and shows activated objects, counts and the transport', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'repositories-pull', async () => {
      await click(driver, 'pull-start');
      const result = await byTestId(driver, 'pull-result', 90_000);
      assert.ok(await result.isDisplayed());
      const activated = Number(await (await byTestId(driver, 'pull-activated-count')).getText());
      const failed = Number(await (await byTestId(driver, 'pull-failed-count')).getText());
      assert.ok(activated + failed > 0, `objects were processed (activated ${activated}, failed ${failed})`);
      await waitForContent(driver, 'pull-message', /Pull completed/);
      await screenshot(driver, 'repositories-pulled');
    });
  });

  it('shows an unknown repository as not linked', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'repositories-unknown', async () => {
      await typeInto(driver, 'repo-url', 'https://github.com/agent-desk/does-not-exist.git');
      // The look-up of the demo repository does not stand for the new URL.
      await waitForContent(driver, 'repo-status-stale', /URL changed since the look-up of https:\/\/github.com\/agent-desk\/abap-demo.git/);
      assert.equal((await driver.findElements({ css: '[data-testid="repo-status"]' })).length, 0, 'the old status is gone');
      assert.equal((await driver.findElements({ css: '[data-testid="repo-delete"]' })).length, 0, 'no Delete for a URL not looked up');
      // The pull result of the previous test is marked as the demo repository's.
      await waitForContent(driver, 'pull-result-stale', /pull of https:\/\/github.com\/agent-desk\/abap-demo.git, not of the URL above/);
      await screenshot(driver, 'repositories-stale');
      await click(driver, 'repo-lookup');
      await waitForContent(driver, 'repo-status', /Not in this system/, 30_000);
    });
  });

  it('deletes the repository link after a confirmation', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'repositories-delete', async () => {
      await typeInto(driver, 'repo-url', DEMO_URL);
      await click(driver, 'repo-lookup');
      await waitForContent(driver, 'repo-status', /Linked in SAP/, 30_000);
      await click(driver, 'repo-delete');
      await waitForDialog(driver, 'confirm-dialog');
      await confirmDialog(driver, 'confirm-dialog', 'confirm-dialog-confirm');
      await waitForContent(driver, 'repo-notice', /deleted/, 30_000);
      await click(driver, 'repo-lookup');
      await waitForContent(driver, 'repo-status', /Not in this system/, 30_000);
    });
  });
});
