// Transports: create a workbench request, find it in the list, check it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, click, clickUntilText, launchApp, typeInto, waitForText, withScreenshotOnFailure } from '../support/app.js';

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
      await click(driver, 'nav-transports');
      await typeInto(driver, 'transport-description', 'E2E: pricing change');
      await click(driver, 'transport-create');
      const text = await waitForText(driver, 'transport-outcome', /Created [A-Z0-9]{3}K\d+/);
      const number = /([A-Z0-9]{3}K\d+)/.exec(text)[1];
      const row = await byTestId(driver, `transport-${number}`, 30_000);
      await click(driver, row);
      const checked = await clickUntilText(driver, 'transport-check', 'transport-outcome', /passed the check|cannot be released/);
      assert.match(checked, new RegExp(number));
    });
  });
});
