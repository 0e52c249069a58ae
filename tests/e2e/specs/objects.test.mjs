// Objects: write a customizing entry after confirming, then delete an object after confirming.
import { after, before, describe, it } from 'node:test';
import { byTestId, click, launchApp, typeInto, waitForText, withScreenshotOnFailure } from '../support/app.js';

/** Confirms the dialog that is open (the page has one per form). */
async function confirmOpenDialog(driver) {
  const button = await driver.wait(
    () => driver.executeScript('return document.querySelector(\'[data-testid="confirm-dialog"][open] [data-testid="confirm-dialog-confirm"]\')'),
    10_000,
    'no open confirmation dialog',
  );
  await click(driver, button);
}

describe('Objects', () => {
  let app;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected/, 45_000);
  });
  after(async () => {
    await app?.stop();
  });

  it('writes a customizing entry without a transport after confirmation', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'objects-customize', async () => {
      await click(driver, 'nav-objects');
      await typeInto(driver, 'customize-table', 'ZFL_FEES');
      await typeInto(driver, 'customize-field-0', 'FEE_CODE');
      await typeInto(driver, 'customize-value-0', 'E2E');
      await click(driver, 'customize-add-row');
      await typeInto(driver, 'customize-field-1', 'FEE_TEXT');
      await typeInto(driver, 'customize-value-1', 'End-to-end fee');
      await click(driver, 'customize-no-transport');
      await click(driver, 'customize-submit');
      await confirmOpenDialog(driver);
      await waitForText(driver, 'customize-done', /ZFL_FEES/);
    });
  });

  it('deletes an object after confirmation', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'objects-drop', async () => {
      // The type select starts at CLAS.
      await typeInto(driver, 'drop-name', 'ZCL_DEMO_STRING_UTILS');
      await click(driver, 'drop-submit');
      await confirmOpenDialog(driver);
      await waitForText(driver, 'drop-done', /ZCL_DEMO_STRING_UTILS/);
    });
  });
});
