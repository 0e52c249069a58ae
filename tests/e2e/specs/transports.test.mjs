// Transports: create a workbench request, find it in the list, check it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, byTestId, waitForText, typeInto, withScreenshotOnFailure, clickUntilText } from '../support/app.js';

describe('Transports', () => {
  let app;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected/, 45_000);
  });
  after(async () => {
    await app?.stop();
  });

  it('creates a request, lists it and checks it', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'transports', async () => {
      await (await byTestId(driver, 'nav-transports')).click();
      await typeInto(driver, 'transport-description', 'E2E: pricing change');
      await (await byTestId(driver, 'transport-create')).click();
      const text = await waitForText(driver, 'transport-outcome', /Created [A-Z0-9]{3}K\d+/);
      const number = /([A-Z0-9]{3}K\d+)/.exec(text)[1];
      const row = await byTestId(driver, `transport-${number}`, 30_000);
      await row.click();
      const checked = await clickUntilText(driver, 'transport-check', 'transport-outcome', /passed the check|cannot be released/);
      assert.match(checked, new RegExp(number));
    });
  });
});
