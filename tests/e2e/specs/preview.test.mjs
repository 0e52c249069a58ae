// Data preview: open a table, see typed rows, a WHERE error at the input, then a filtered page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { byTestId, click, clickUntilText, launchApp, screenshot, typeInto, waitForText, withScreenshotOnFailure } from '../support/app.js';

describe('Data preview', () => {
  let app;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected/, 45_000);
  });
  after(async () => {
    await app?.stop();
  });

  it('shows the rows of SFLIGHT in a grid', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'preview-open', async () => {
      await click(driver, 'nav-preview');
      await typeInto(driver, 'preview-object', 'SFLIGHT');
      await click(driver, 'preview-open');
      const grid = await byTestId(driver, 'data-grid', 30_000);
      await driver.wait(async () => Number(await grid.getAttribute('data-rows')) > 0, 30_000, 'the grid shows no rows');
      await waitForText(driver, 'preview-range', /^Rows 1–\d+ of \d+/);
      await screenshot(driver, 'preview-sflight');
    });
  });

  it('shows a WHERE error at the input', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'preview-where-error', async () => {
      await typeInto(driver, 'preview-where', 'NO_SUCH_FIELD = 1');
      await click(driver, 'preview-run');
      await waitForText(driver, 'where-error-text', /\S/);
    });
  });

  it('filters the rows with a valid condition and sorts a column', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'preview-where', async () => {
      await typeInto(driver, 'preview-where', "CARRID = 'LH'");
      await clickUntilText(driver, 'preview-run', 'preview-range', /where CARRID = 'LH'/);
      const grid = await byTestId(driver, 'data-grid');
      assert.doesNotMatch(await grid.getText(), /\bAA\b/);
      await click(driver, 'grid-sort-PRICE');
      await driver.wait(async () => (await (await byTestId(driver, 'grid-sort-PRICE')).findElements({ css: 'ui5-icon' })).length === 1, 5_000);
    });
  });
});
