// Smoke test of the harness and the real app: the window opens on the embedded sandbox,
// the Sandbox system connects (profile_test_connection through IPC), and a command runs
// end to end from the UI (agent_tree: the package tree of $ZDEMO).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, byTestId, waitForText, typeInto, screenshot, withScreenshotOnFailure } from '../support/app.js';

describe('Agent Desk smoke', () => {
  let app;

  before(async () => {
    app = await launchApp();
  });

  after(async () => {
    await app?.stop();
  });

  it('opens a window titled Agent Desk', async () => {
    await withScreenshotOnFailure(app.driver, 'window-title', async () => {
      const title = await app.driver.getTitle();
      assert.match(title, /Agent Desk/);
    });
  });

  it('shows the Sandbox system as connected', async () => {
    await withScreenshotOnFailure(app.driver, 'sandbox-connected', async () => {
      await waitForText(app.driver, 'active-system', /Sandbox/);
      await waitForText(app.driver, 'connection-state', /^Connected/, 45_000);
      await screenshot(app.driver, 'shell-connected');
    });
  });

  it('shows the package tree of $ZDEMO from the sandbox', async () => {
    await withScreenshotOnFailure(app.driver, 'package-tree', async () => {
      await (await byTestId(app.driver, 'nav-explore')).click();
      await typeInto(app.driver, 'explore-package', '$ZDEMO');
      await (await byTestId(app.driver, 'explore-show-tree')).click();
      const tree = await byTestId(app.driver, 'package-tree', 30_000);
      await byTestId(app.driver, 'package-$ZDEMO', 30_000);
      assert.ok(await tree.isDisplayed());
      await screenshot(app.driver, 'explore-tree');
    });
  });
});
