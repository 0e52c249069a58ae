// Smoke test of the harness and the real app: the window opens on the embedded sandbox,
// the Sandbox system connects (profile_test_connection through IPC), and a command runs
// end to end from the UI (agent_tree: the package tree of $ZDEMO).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { byTestId, click, launchApp, screenshot, typeInto, waitForText, withScreenshotOnFailure } from '../support/app.js';
import { appProcesses, label } from '../bench/processes.mjs';

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

  it("starts WebKit's web process with the app's JavaScriptCore threshold", () => {
    // src-tauri/webkitgtk/javascript.rs: set on the app process, inherited by WebKit's processes.
    const web = appProcesses().children.find((p) => label(p) === 'Web');
    assert.ok(web, 'no WebKit web process under the app');
    const environment = readFileSync(`/proc/${web.pid}/environ`, 'utf8').split('\0');
    assert.ok(environment.includes('JSC_thresholdForOptimizeAfterWarmUp=5000'), 'the web process lacks the threshold');
  });

  it('shows the package tree of $ZDEMO from the sandbox', async () => {
    await withScreenshotOnFailure(app.driver, 'package-tree', async () => {
      await click(app.driver, 'nav-explore');
      await typeInto(app.driver, 'explore-package', '$ZDEMO');
      await click(app.driver, 'explore-show-tree');
      const tree = await byTestId(app.driver, 'package-tree', 30_000);
      await byTestId(app.driver, 'package-$ZDEMO', 30_000);
      assert.ok(await tree.isDisplayed());
      await screenshot(app.driver, 'explore-tree');
    });
  });
});

describe('Agent Desk without an OS keyring', () => {
  let app;

  before(async () => {
    // A session bus but no Secret Service: the app must say so and keep passwords in memory.
    app = await launchApp({ keyring: false });
  });

  after(async () => {
    await app?.stop();
  });

  it('warns that passwords last for this session only, and the sandbox still connects', async () => {
    await withScreenshotOnFailure(app.driver, 'no-keyring', async () => {
      await waitForText(app.driver, 'connection-state', /^Connected/, 45_000);
      await click(app.driver, 'nav-systems');
      const banner = await byTestId(app.driver, 'keyring-unavailable');
      const text = await app.driver.executeScript('return arguments[0].textContent', banner);
      assert.match(text, /not available/);
      assert.match(text, /until Agent Desk closes/);
    });
  });
});
