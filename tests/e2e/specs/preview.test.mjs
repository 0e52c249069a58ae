// Data preview: open a table, see typed rows, a WHERE error at the input, then a filtered page;
// sorting says it covers the page until all rows are read, and the CSV export writes every row;
// after switching to another system the tab shows none of the previous system's rows.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byTestId, chooseOption, click, clickUntilText, countOf, launchApp, screenshot, setTheme, typeInto, waitForContent, waitForDialog, waitForText, withScreenshotOnFailure } from '../support/app.js';

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

  it('reads only the columns chosen in the searchable column list', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'preview-columns', async () => {
      // Column headers in the DOM (the grid renders those in view, so not every column).
      const headers = () => countOf(driver, '[data-testid="data-grid"] [data-testid^="grid-sort-"]');
      await waitForContent(driver, 'preview-columns', /^All columns$/);
      await click(driver, 'preview-columns');
      await waitForDialog(driver, 'preview-columns-popover');
      await typeInto(driver, 'preview-columns-search', 'conn');
      await driver.wait(async () => (await countOf(driver, '[data-testid^="preview-column-"]')) === 1, 5_000, 'the search did not narrow the list to CONNID');
      await click(driver, 'preview-column-CONNID');
      await typeInto(driver, 'preview-columns-search', 'CARRID');
      await click(driver, 'preview-column-CARRID');
      await screenshot(driver, 'preview-columns');
      await click(driver, 'preview-columns-done');
      await waitForDialog(driver, 'preview-columns-popover', false);
      await waitForContent(driver, 'preview-columns', /^2 of 14 columns$/);
      await click(driver, 'preview-run');
      await driver.wait(async () => (await headers()) === 2, 15_000, 'the grid does not show just the two chosen columns');
      assert.equal(await countOf(driver, '[data-testid="grid-sort-CARRID"], [data-testid="grid-sort-CONNID"]'), 2);

      await click(driver, 'preview-columns');
      await waitForDialog(driver, 'preview-columns-popover');
      await click(driver, 'preview-columns-all');
      await click(driver, 'preview-columns-done');
      await waitForContent(driver, 'preview-columns', /^All columns$/);
      await click(driver, 'preview-run');
      await driver.wait(async () => (await headers()) > 2, 15_000, 'all columns did not come back');
      await byTestId(driver, 'grid-sort-PRICE');
    });
  });

  it('saves the condition as a variant, opens it again in a fresh tab and deletes it', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'preview-variant', async () => {
      await click(driver, 'preview-save-variant');
      await byTestId(driver, 'preview-variant-dialog');
      await typeInto(driver, 'preview-variant-name', 'LH flights');
      await click(driver, 'preview-variant-save');
      await waitForContent(driver, 'preview-variant-notice', /Variant “LH flights” saved/);
      // Another condition in the tab; the variant brings the saved one back.
      await typeInto(driver, 'preview-where', "CARRID = 'AA'");
      await clickUntilText(driver, 'preview-run', 'preview-range', /where CARRID = 'AA'/);
      await chooseOption(driver, 'preview-variant', 'preview-variant-LH flights');
      await waitForText(driver, 'preview-range', /where CARRID = 'LH'/);
      const where = await driver.executeScript('return document.querySelector(\'[data-testid="preview-where"]\').value');
      assert.equal(where, "CARRID = 'LH'");
      assert.equal(await countOf(driver, '[data-testid="preview-tabhead-SFLIGHT"]'), 1, 'one SFLIGHT tab, not two');
      await screenshot(driver, 'preview-variant');
      await click(driver, 'preview-variant-delete');
      await click(driver, 'confirm-dialog-confirm');
      await waitForContent(driver, 'preview-variant-notice', /Variant “LH flights” deleted/);
      await driver.wait(async () => (await countOf(driver, '[data-testid="preview-variant"]')) === 0, 10_000, 'the variant list stayed');
    });
  });

  it('sorts and exports the whole result, not the page', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'preview-all-rows', async () => {
      // A blank condition reads every row (sendKeys refuses an empty string).
      await typeInto(driver, 'preview-where', ' ');
      await clickUntilText(driver, 'preview-run', 'preview-range', /^Rows 1–100 of \d+$/);
      const total = Number((await (await byTestId(driver, 'preview-range')).getText()).match(/of ([\d,.]+)/)[1].replace(/[,.]/g, ''));
      assert.ok(total > 100, `SFLIGHT has more than one page (${total})`);
      await click(driver, 'grid-sort-PRICE');
      await waitForContent(driver, 'preview-sort-scope', /rows 1–100 only, not all/);
      await screenshot(driver, 'preview-sort-page-only');
      await setTheme(driver, 'sap_horizon_dark');
      await screenshot(driver, 'preview-sort-page-only-dark');
      await setTheme(driver, 'sap_horizon');

      await click(driver, 'preview-load-all');
      await waitForText(driver, 'preview-range', new RegExp(`^All ${total.toLocaleString('en-US')} rows$`), 60_000);
      assert.equal((await driver.findElements({ css: '[data-testid="preview-sort-scope"]' })).length, 0);
      await screenshot(driver, 'preview-all-rows');

      // Headers offer the field's description; the key columns stay in view when scrolling sideways.
      const carrid = await byTestId(driver, 'grid-sort-CARRID');
      await driver.wait(async () => /^CARRID – \S/.test(await carrid.getAttribute('title')), 15_000, 'no description on the CARRID header');
      const grid = await byTestId(driver, 'data-grid');
      await driver.executeScript('arguments[0].scrollLeft = arguments[0].scrollWidth', grid);
      await driver.wait(
        () =>
          driver.executeScript(
            `const grid = arguments[0].getBoundingClientRect();
             const cell = arguments[0].querySelector('[role=row][aria-rowindex="2"] [aria-colindex="3"]');
             if (!cell || arguments[0].scrollLeft < 100) return false;
             const box = cell.getBoundingClientRect();
             return box.left >= grid.left && box.right <= grid.right;`,
            grid,
          ),
        10_000,
        'the key column CARRID scrolled out of view',
      );
      await screenshot(driver, 'preview-key-columns');
      await setTheme(driver, 'sap_horizon_dark');
      await screenshot(driver, 'preview-key-columns-dark');
      await setTheme(driver, 'sap_horizon');

      const saved = join(app.home, 'sflight.csv');
      app.answerDialogs({ save: saved });
      await click(driver, 'preview-csv');
      await driver.wait(() => existsSync(saved), 30_000, 'the CSV was not written');
      const lines = readFileSync(saved, 'utf8').trimEnd().split('\r\n');
      assert.equal(lines.length, total + 1, 'a header and every row');
      const separator = lines[0].includes(';') ? ';' : ',';
      const header = lines[0].split(separator);
      const date = header.indexOf('FLDATE');
      assert.ok(date >= 0, lines[0]);
      assert.doesNotMatch(lines[1].split(separator)[date], /^\d{8}$/, 'dates formatted, not raw');
    });
  });

  it('shows no rows of the previous system after switching systems', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'preview-switch-system', async () => {
      // A second system that cannot be reached: whatever the tab shows then is not SFLIGHT's rows.
      await click(driver, 'nav-systems');
      await click(driver, 'system-new');
      await typeInto(driver, 'system-name', 'DEV 100');
      await typeInto(driver, 'system-url', 'https://dev.example.invalid:44300');
      await typeInto(driver, 'system-user', 'DEVELOPER');
      await typeInto(driver, 'system-password', 'secret-1');
      await click(driver, 'system-save');
      await waitForContent(driver, 'systems-notice', /DEV 100.*saved/);

      await click(driver, 'nav-preview');
      const grid = await byTestId(driver, 'data-grid', 30_000);
      assert.ok(Number(await grid.getAttribute('data-rows')) > 0, 'SFLIGHT rows of the sandbox');
      const switchTo = async (name) => {
        await driver.findElement({ id: 'ad-system-switcher' }).click();
        const item = await driver.wait(async () => {
          for (const candidate of await driver.findElements({ css: 'ui5-menu-item' })) {
            if ((await candidate.getAttribute('text')) === name && (await candidate.isDisplayed())) return candidate;
          }
          return null;
        }, 10_000, `no menu item ${name}`);
        await item.click();
        await waitForText(driver, 'active-system', new RegExp(`^${name}$`));
      };
      await switchTo('DEV 100');
      await driver.wait(
        async () => (await driver.findElements({ css: '[data-testid="data-grid"]' })).length === 0,
        30_000,
        'the sandbox rows are still shown for DEV 100',
      );
      await screenshot(driver, 'preview-other-system');
      await switchTo('Sandbox');
      await driver.wait(async () => Number(await (await byTestId(driver, 'data-grid', 30_000)).getAttribute('data-rows')) > 0, 30_000, 'no rows back on the sandbox');
    });
  });
});
