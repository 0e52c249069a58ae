// Systems: create a system, and a wrong password shown as an error a consultant understands.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { launchApp, byTestId, waitForText, typeInto, screenshot, withScreenshotOnFailure } from '../support/app.js';

/** The value of a UI5 input (its inner <input>). */
async function inputValue(driver, id) {
  const host = await byTestId(driver, id);
  return driver.executeScript('return arguments[0].value', host);
}

describe('Systems', () => {
  let app;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected$/, 45_000);
    await (await byTestId(app.driver, 'nav-systems')).click();
  });
  after(async () => {
    await app?.stop();
  });

  it('creates a system and lists it, with field errors shown on the fields first', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'systems-create', async () => {
      await (await byTestId(driver, 'system-new')).click();
      await typeInto(driver, 'system-name', 'DEV 100');
      await (await byTestId(driver, 'system-save')).click();
      // The URL is still "https://" and the user is empty: both fields say so; the name stays.
      const url = await byTestId(driver, 'system-url');
      await driver.wait(async () => (await url.getAttribute('value-state')) === 'Negative', 5_000, 'URL not marked');
      assert.equal(await inputValue(driver, 'system-name'), 'DEV 100');

      await typeInto(driver, 'system-url', 'https://dev.example.invalid:44300');
      await typeInto(driver, 'system-user', 'DEVELOPER');
      await typeInto(driver, 'system-password', 'secret-1');
      await (await byTestId(driver, 'system-save')).click();
      await waitForText(driver, 'systems-notice', /DEV 100.*saved/);
      const items = await driver.findElements(By.css('[data-testid="system-item"]'));
      const texts = await Promise.all(items.map((n) => n.getAttribute('data-system-name')));
      assert.ok(texts.includes('DEV 100'), `list shows DEV 100: ${texts.join(', ')}`);
      // The password is stored, never shown.
      await waitForText(driver, 'system-password-state', /^Stored/);
      assert.equal(await inputValue(driver, 'system-password'), '');
      await screenshot(driver, 'systems-created');
    });
  });

  it('explains a wrong password and offers to check it', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'systems-wrong-password', async () => {
      // A copy of the Sandbox with a wrong password: same server, logon refused.
      const sandbox = await driver.findElement(By.css('[data-testid="system-item"][data-system-name="Sandbox"]'));
      await sandbox.click();
      await (await byTestId(driver, 'system-duplicate')).click();
      await waitForText(driver, 'systems-notice', /Sandbox \(copy\)/);
      await typeInto(driver, 'system-password', 'wrong-password');
      await (await byTestId(driver, 'system-test')).click();
      await waitForText(driver, 'active-system', /Sandbox \(copy\)/);
      await waitForText(driver, 'connection-state', /^Failed$/, 45_000);
      const panel = await byTestId(driver, 'connection-error', 15_000);
      const text = await panel.getText();
      assert.match(text, /Logon failed/);
      assert.match(text, /user, the password and the client/);
      await screenshot(driver, 'systems-logon-failed');
    });
  });
});
