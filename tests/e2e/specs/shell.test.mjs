// The shell: every area is reachable from the side navigation, the theme switches,
// and the active system's connection state is shown (issue 3).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, click, countOf, launchApp, screenshot, waitForContent, waitForText, withScreenshotOnFailure } from '../support/app.js';

const AREAS = ['systems', 'repositories', 'import', 'checks', 'explore', 'preview', 'dumps', 'transports', 'objects', 'work-items', 'transactions', 'cpi-content', 'cpi-runtime', 'messages', 'cpi-partners', 'cpi-security', 'cpi-logs'];

describe('Shell navigation and theme', () => {
  let app;
  before(async () => {
    app = await launchApp();
  });
  after(async () => {
    await app?.stop();
  });

  it('connects to the Sandbox on start and marks it as the demo system', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'shell-start', async () => {
      await waitForText(driver, 'active-system', /Sandbox/);
      const state = await waitForText(driver, 'connection-state', /^(Connected|Failed)$/, 45_000);
      assert.equal(state, 'Connected');
      await byTestId(driver, 'badge-demo');
    });
  });

  it('opens every area from the side navigation', async () => {
    const { driver } = app;
    for (const area of AREAS) {
      await withScreenshotOnFailure(driver, `shell-nav-${area}`, async () => {
        await click(driver, `nav-${area}`);
        const page = await byTestId(driver, `page-${area}`, 15_000);
        assert.ok(await page.isDisplayed(), `page-${area} is shown`);
      });
    }
  });

  it('switches between Horizon light and dark', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'shell-theme', async () => {
      const themeOf = () => driver.executeScript('return document.documentElement.dataset.theme');
      const before = await themeOf();
      await click(driver, 'theme-switch');
      await driver.wait(async () => (await themeOf()) !== before, 5_000, 'theme did not change');
      assert.equal(await themeOf(), before === 'sap_horizon_dark' ? 'sap_horizon' : 'sap_horizon_dark');
      await screenshot(driver, 'shell-dark');
      await click(driver, 'theme-switch');
      await driver.wait(async () => (await themeOf()) === before, 5_000, 'theme did not switch back');
    });
  });

  it('suggests what to try on the sandbox, each one click away, until hidden', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'shell-try', async () => {
      await click(driver, 'nav-systems');
      await waitForContent(driver, 'try-the-sandbox', /Preview the rows of table SFLIGHT/);
      await screenshot(driver, 'systems-try-the-sandbox');
      await click(driver, 'try-preview');
      await driver.wait(async () => Number(await driver.executeScript('return document.querySelector(\'[data-testid="data-grid"]\')?.dataset.rows ?? 0')) > 0, 30_000, 'SFLIGHT rows never shown');
      // Work items live on the Focused Build sandbox: the suggestion switches to it.
      await click(driver, 'nav-systems');
      await click(driver, 'try-work-items');
      await byTestId(driver, 'work-items-page');
      await waitForText(driver, 'active-system', /Focused Build/);
      assert.equal(await countOf(driver, '[data-testid="wi-not-focused-build"]'), 0);
      await click(driver, 'nav-systems');
      await click(driver, 'try-hide');
      await driver.wait(async () => (await countOf(driver, '[data-testid="try-the-sandbox"]')) === 0, 10_000, 'the suggestions stayed');
      await click(driver, 'nav-dumps');
      await click(driver, 'nav-systems');
      await byTestId(driver, 'systems-page');
      assert.equal(await countOf(driver, '[data-testid="try-the-sandbox"]'), 0, 'hidden suggestions came back');
    });
  });
});
