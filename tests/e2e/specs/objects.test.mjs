// Objects: write a customizing entry after confirming, then delete an object after confirming.
import { after, before, describe, it } from 'node:test';
import { launchApp, byTestId, waitForText, typeInto, withScreenshotOnFailure } from '../support/app.js';

/** Confirms the dialog that is open (the page has one per form). */
async function confirmOpenDialog(driver) {
  const button = await driver.wait(
    () => driver.executeScript('return document.querySelector(\'[data-testid="confirm-dialog"][open] [data-testid="confirm-dialog-confirm"]\')'),
    10_000,
    'no open confirmation dialog',
  );
  await button.click();
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
      await (await byTestId(driver, 'nav-objects')).click();
      await typeInto(driver, 'customize-table', 'ZFL_FEES');
      await typeInto(driver, 'customize-field-0', 'FEE_CODE');
      await typeInto(driver, 'customize-value-0', 'E2E');
      await (await byTestId(driver, 'customize-add-row')).click();
      await typeInto(driver, 'customize-field-1', 'FEE_TEXT');
      await typeInto(driver, 'customize-value-1', 'End-to-end fee');
      await (await byTestId(driver, 'customize-no-transport')).click();
      await (await byTestId(driver, 'customize-submit')).click();
      await confirmOpenDialog(driver);
      await waitForText(driver, 'customize-done', /ZFL_FEES/);
    });
  });

  it('deletes an object after confirmation', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'objects-drop', async () => {
      // The type select starts at CLAS.
      await typeInto(driver, 'drop-name', 'ZCL_DEMO_STRING_UTILS');
      await (await byTestId(driver, 'drop-submit')).click();
      await confirmOpenDialog(driver);
      await waitForText(driver, 'drop-done', /ZCL_DEMO_STRING_UTILS/);
    });
  });
});
