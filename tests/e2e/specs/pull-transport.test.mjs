// Pulling into a transportable package: the app asks for a transport request (F4-like value
// help with the user's open requests), says which one was used, and shows the conflicts of a
// pull from another branch per object, with an overwrite that asks first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Key } from 'selenium-webdriver';
import { byTestId, click, confirmDialog, launchApp, screenshot, typeInto, waitForContent, waitForDialog, waitForText, withScreenshotOnFailure } from '../support/app.js';

const ZFLIGHT_URL = 'https://github.com/agent-desk/zflight.git';
const LOYALTY = 'src/core/zcl_flight_loyalty.clas.abap';

/** The first request row of the value help (the user's open workbench requests). */
async function firstRequest(driver) {
  const row = await driver.wait(async () => {
    const rows = await driver.findElements({ css: '[data-testid^="transport-value-help-"][data-number]' });
    return rows[0] ?? false;
  }, 20_000, 'the value help listed no request');
  return row.getAttribute('data-number');
}

async function setTheme(driver, wanted) {
  const themeOf = () => driver.executeScript('return document.documentElement.dataset.theme');
  if ((await themeOf()) === wanted) return;
  await click(driver, 'theme-switch');
  await driver.wait(async () => (await themeOf()) === wanted, 5_000, `theme did not become ${wanted}`);
}

/** Replaces the text of the files TextArea (its <textarea> lives in the shadow root). */
async function setFiles(driver, text) {
  const host = await byTestId(driver, 'pull-files');
  const inner = await driver.executeScript('return arguments[0].shadowRoot.querySelector("textarea")', host);
  await inner.sendKeys(Key.chord(Key.CONTROL, 'a'), Key.BACK_SPACE);
  if (text) await inner.sendKeys(text);
  await driver.wait(async () => (await driver.executeScript('return arguments[0].value', host)) === text, 5_000, 'files not set');
}

describe('Pull into a transportable package', () => {
  let app;
  let chosen;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected$/, 45_000);
    await click(app.driver, 'nav-repositories');
    await setTheme(app.driver, 'sap_horizon');
  });
  after(async () => {
    await app?.stop();
  });

  it('asks for a request with the value help before pulling, then names the request used', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'pull-transport-ask', async () => {
      await typeInto(driver, 'repo-url', ZFLIGHT_URL);
      await click(driver, 'repo-lookup');
      await waitForContent(driver, 'repo-status', /Required \(transportable package\)/, 30_000);
      await setFiles(driver, LOYALTY);
      await click(driver, 'pull-start');

      await waitForDialog(driver, 'transport-value-help');
      await waitForContent(driver, 'transport-value-help-reason', /ZFLIGHT records changes in transport requests/);
      chosen = await firstRequest(driver);
      // The newest of the user's requests: the demo's new, still empty one.
      await typeInto(driver, 'transport-value-help-search', 'charter');
      await driver.wait(
        async () => (await driver.findElements({ css: '[data-testid^="transport-value-help-"][data-number]' })).length === 1,
        10_000,
        'the search did not narrow the list',
      );
      await screenshot(driver, 'transport-picker-light');
      const row = await byTestId(driver, `transport-value-help-${chosen}`);
      await click(driver, row);
      // Choosing a request says what it holds: this one, plainly, nothing yet.
      await waitForContent(driver, 'transport-value-help-contents', new RegExp(`^${chosen} is empty: neither the request nor its 2 tasks hold any object\\.$`));
      await confirmDialog(driver, 'transport-value-help', 'transport-value-help-confirm');

      await waitForContent(driver, 'pull-message', /Pull completed successfully/, 90_000);
      assert.equal(await waitForContent(driver, 'pull-transport-used', /^[A-Z0-9]{3}K\d{6}$/), chosen);
    });
  });

  it('opens the same value help from the field (F4 icon), in the dark theme', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'pull-transport-f4', async () => {
      await setTheme(driver, 'sap_horizon_dark');
      await click(driver, 'pull-transport-help');
      await waitForDialog(driver, 'transport-value-help');
      await byTestId(driver, `transport-value-help-${chosen}`);
      await screenshot(driver, 'transport-picker-dark');
      await confirmDialog(driver, 'transport-value-help', 'transport-value-help-cancel');
    });
  });

  it('shows the conflicts of a pull from another branch and overwrites only after a confirmation', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'pull-conflicts', async () => {
      await typeInto(driver, 'pull-branch', 'develop');
      await setFiles(driver, '');
      await click(driver, 'pull-start');
      await waitForContent(driver, 'pull-message', /Pull aborted — 3 conflict\(s\) detected/, 90_000);
      await waitForContent(driver, 'pull-conflict-ZCL_FLIGHT_PRICING', /Changed in SAP and in git/);
      await waitForContent(driver, 'pull-conflict-ZCL_FLIGHT_STATISTICS', /Other branch than the last pull.*from develop.*was from main/);
      await waitForContent(driver, 'pull-conflict-ZFLIGHT_API', /Changed in SAP.*every pull/);
      await waitForContent(driver, 'pull-conflicts-advice', /Take the git version/);
      await screenshot(driver, 'pull-conflicts-dark');
      await setTheme(driver, 'sap_horizon');
      await screenshot(driver, 'pull-conflicts-light');

      await click(driver, 'pull-overwrite');
      await waitForDialog(driver, 'confirm-dialog');
      await waitForContent(driver, 'confirm-dialog', /CLAS ZCL_FLIGHT_PRICING.*version from develop/);
      await confirmDialog(driver, 'confirm-dialog', 'confirm-dialog-confirm');
      await waitForContent(driver, 'pull-message', /Pull completed successfully/, 90_000);
      assert.equal(await waitForContent(driver, 'pull-transport-used', /^[A-Z0-9]{3}K\d{6}$/), chosen);
    });
  });
});
