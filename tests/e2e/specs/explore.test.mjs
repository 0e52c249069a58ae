// Explore: package tree → object list → class viewer with sections → where-used → open a user;
// find in a 10,000-line class (Ctrl+F, count, next/previous, match case, Escape).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { By, Key, until } from 'selenium-webdriver';
import { byTestId, countOf, click, launchApp, screenshot, setTheme, typeInto, waitForContent, waitForText, withScreenshotOnFailure } from '../support/app.js';

/** Waits until the viewer shows `name` (loaded, not the loading placeholder). */
async function viewerShows(driver, name, timeoutMs = 30_000) {
  return driver.wait(until.elementLocated(By.css(`[data-testid="object-viewer"][data-object="${name}"]`)), timeoutMs, `viewer never showed ${name}`);
}

/** Scrolls the viewer into view for a screenshot (the package tree fills a small window). */
async function showViewer(driver) {
  await driver.executeScript('document.querySelector(\'[data-testid="object-viewer"]\')?.scrollIntoView({ block: "start" })');
}

/**
 * The current find match: its line number and whether it lies inside the source's visible
 * area (below the find bar, right of the line numbers), or null while none is rendered.
 */
function currentMatch(driver) {
  return driver.executeScript(`
    const mark = document.querySelector('.sv-found-current');
    const scroller = mark?.closest('.sv-scroller');
    if (!mark || !scroller) return null;
    const box = mark.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    const gutter = scroller.querySelector('.sv-gutter').getBoundingClientRect();
    const visible = box.top >= view.top && box.bottom <= view.bottom && box.left >= gutter.right && box.right <= view.right;
    return { line: Number(mark.closest('[data-line]').dataset.line), visible, text: mark.textContent };`);
}

/** Waits until the find bar counts `pattern` and the current match is visible; returns that match. */
async function waitForMatch(driver, pattern) {
  await waitForText(driver, 'source-find-count', pattern, 10_000);
  let last = null;
  await driver
    .wait(async () => (last = await currentMatch(driver))?.visible === true, 10_000)
    .catch(() => {
      throw new Error(`the current match is not in view (${JSON.stringify(last)})`);
    });
  return last;
}

describe('Explore', () => {
  let app;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected/, 45_000);
  });
  after(async () => {
    await app?.stop();
  });

  it('shows a package tree with object counts and lists a package’s objects', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'explore-tree', async () => {
      await click(driver, 'nav-explore');
      await typeInto(driver, 'explore-package', 'ZFLIGHT');
      await click(driver, 'explore-show-tree');
      const core = await byTestId(driver, 'package-ZFLIGHT_CORE', 30_000);
      await driver.wait(async () => /^\d+/.test((await core.getAttribute('additional-text')) ?? ''), 10_000, 'ZFLIGHT_CORE shows no object count');
      await click(driver, core);
      await byTestId(driver, 'object-ZCL_FLIGHT_PRICING', 30_000);
    });
  });

  it('opens a class with its sections and jumps to a method', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'explore-viewer', async () => {
      await click(driver, 'object-ZCL_FLIGHT_PRICING');
      await viewerShows(driver, 'ZCL_FLIGHT_PRICING');
      await waitForText(driver, 'viewer-title', /ZCL_FLIGHT_PRICING/);
      await byTestId(driver, 'section-CU');
      const methods = await driver.findElements(By.css('[data-testid^="section-CM"]'));
      assert.ok(methods.length > 0, 'the class has method sections');
      await click(driver, methods[0]);
      const highlighted = await driver.wait(async () => (await countOf(driver, '.sv-highlight')) > 0, 10_000);
      assert.ok(highlighted);
      await screenshot(driver, 'explore-class');
    });
  });

  it('lists where the class is used and opens a user in the viewer', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'explore-where-used', async () => {
      await click(driver, 'viewer-where-used');
      const table = await byTestId(driver, 'where-used-table', 30_000);
      const row = await driver.wait(async () => (await table.findElements(By.css('ui5-table-row')))[0], 30_000, 'no where-used rows');
      const user = await row.getAttribute('data-object');
      assert.ok(user, 'the first row names the using object');
      // A UI5 table row can take the first click before its row handler is ready: click
      // again (opening a viewer is harmless to repeat) until the viewer shows the user.
      let shown = false;
      for (let attempt = 0; attempt < 3 && !shown; attempt++) {
        const current = attempt === 0 ? row : await (await byTestId(driver, 'where-used-table')).findElement(By.css('ui5-table-row'));
        await click(driver, current);
        shown = await viewerShows(driver, user, 10_000).then(() => true, () => false);
      }
      assert.ok(shown, `viewer never showed ${user}`);
      await byTestId(driver, 'viewer-back');
    });
  });

  it('shows the fields of a table with keys and data elements', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'explore-fields', async () => {
      // ZFLIGHT_CONFIG is in the tree of ZFLIGHT shown by the first test.
      await click(driver, 'package-ZFLIGHT_CONFIG', 30_000);
      await click(driver, 'object-ZFL_FEES', 30_000);
      await viewerShows(driver, 'ZFL_FEES');
      await waitForContent(driver, 'field-table', /FEE_CODE/);
    });
  });

  it('opens a data element from a field and its domain with fixed values', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'explore-ddic', async () => {
      await click(driver, 'object-ZFL_CARRIER_CFG', 30_000);
      await viewerShows(driver, 'ZFL_CARRIER_CFG');
      await waitForContent(driver, 'field-table', /PRIORITY/);
      const element = await driver.wait(until.elementLocated(By.css('ui5-link[accessible-name="Open data element ZFL_PRIORITY"]')), 20_000, 'no link to ZFL_PRIORITY');
      await click(driver, element);
      await viewerShows(driver, 'ZFL_PRIORITY');
      // A real system sends a data element's properties as rows: shown as properties.
      await waitForContent(driver, 'ddic-properties', /ABAP Type[\s\S]*INT4[\s\S]*Length[\s\S]*10/);
      await showViewer(driver);
      await screenshot(driver, 'explore-data-element');
      await click(driver, 'ddic-open-ZFL_PRIORITY');
      await waitForContent(driver, 'fixed-values', /1 - 3[\s\S]*High[\s\S]*7 - 9[\s\S]*Low/);
      await waitForText(driver, 'viewer-title', /ZFL_PRIORITY/);
      await showViewer(driver);
      await screenshot(driver, 'explore-domain');
      await click(driver, 'theme-switch');
      await driver.wait(async () => (await driver.executeScript('return document.documentElement.dataset.theme')) === 'sap_horizon_dark', 5_000, 'theme did not switch');
      await screenshot(driver, 'explore-domain-dark');
      await click(driver, 'theme-switch');
      await driver.wait(async () => (await driver.executeScript('return document.documentElement.dataset.theme')) === 'sap_horizon', 5_000, 'theme did not switch back');
    });
  });

  it('lists a function group’s modules', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'explore-function-group', async () => {
      await click(driver, 'package-ZFLIGHT_CORE', 30_000);
      await click(driver, 'object-ZFLIGHT_API', 30_000);
      await viewerShows(driver, 'ZFLIGHT_API');
      await waitForContent(driver, 'function-modules', /Z_FLIGHT_BOOK[\s\S]*\[RFC\] Book a seat[\s\S]*Z_FLIGHT_GET_LIST/);
      await showViewer(driver);
      await screenshot(driver, 'explore-function-group');
    });
  });

  it('gives the viewer the whole page at 1024×640 (full screen) and gives the list back', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'explore-full-screen', async () => {
      await driver.manage().window().setRect({ width: 1024, height: 640 });
      try {
        await click(driver, 'package-ZFLIGHT_CORE');
        await click(driver, 'object-ZCL_FLIGHT_PRICING', 30_000);
        await viewerShows(driver, 'ZCL_FLIGHT_PRICING');
        const width = (css) => driver.executeScript(`return document.querySelector(${JSON.stringify(css)})?.getBoundingClientRect().width ?? 0`);
        const beside = await width('[data-testid="object-viewer"]');
        await click(driver, 'viewer-full-screen');
        await driver.wait(async () => (await width('[data-testid="object-viewer"]')) > beside + 200, 10_000, 'the viewer did not widen');
        await driver.wait(async () => (await width('[data-testid="explore-package"]')) === 0, 10_000, 'the package list stayed in view');
        await screenshot(driver, 'explore-full-screen-1024');
        await click(driver, 'viewer-full-screen');
        await driver.wait(async () => (await width('[data-testid="explore-package"]')) > 0, 10_000, 'the package list did not come back');
      } finally {
        await driver.manage().window().setRect({ width: 1440, height: 900 });
      }
    });
  });

  it('closes the viewer', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'explore-close', async () => {
      await viewerShows(driver, 'ZCL_FLIGHT_PRICING');
      await click(driver, 'viewer-close');
      await driver.wait(async () => (await countOf(driver, '[data-testid="object-viewer"]')) === 0, 10_000, 'the viewer stayed open');
      await waitForContent(driver, 'explore-page', /Choose an object in the list/);
    });
  });

  it('finds in the source of a 10,000-line class: count, next, previous, match case, Escape', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'explore-find', async () => {
      await typeInto(driver, 'explore-package', '$ZBENCH');
      await click(driver, 'explore-show-tree');
      await click(driver, 'package-$ZBENCH', 30_000);
      await click(driver, 'object-ZCL_BENCH_BIG_CLASS', 30_000);
      await viewerShows(driver, 'ZCL_BENCH_BIG_CLASS');
      const source = await byTestId(driver, 'source-view');
      await driver.executeScript('arguments[0].focus()', source);
      await driver.actions().keyDown(Key.CONTROL).sendKeys('f').keyUp(Key.CONTROL).perform();
      // The find field takes the focus.
      await driver.wait(
        () => driver.executeScript('return document.activeElement?.dataset.testid === "source-find-input"'),
        10_000,
        'Ctrl+F did not put the focus into the find field',
      );
      const field = await driver.executeScript('return document.activeElement.shadowRoot.querySelector("input")');
      // Each of the 170 generated methods appends one result with "violation(s)" in its message.
      await field.sendKeys('violation');
      const first = await waitForMatch(driver, /^1 of 170$/);
      assert.match(first.text, /^violation$/);
      // Only the rendered lines carry marks, not all 170 matches of the 10,000 lines.
      assert.ok((await countOf(driver, '.sv-found')) < 20, 'matches outside the rendered lines were marked');
      await field.sendKeys(Key.ENTER);
      const second = await waitForMatch(driver, /^2 of 170$/);
      assert.ok(second.line > first.line, `Enter moved from line ${first.line} to ${second.line}`);
      await field.sendKeys(Key.F3);
      await waitForMatch(driver, /^3 of 170$/);
      await field.sendKeys(Key.chord(Key.SHIFT, Key.F3));
      await waitForMatch(driver, /^2 of 170$/);
      await field.sendKeys(Key.chord(Key.SHIFT, Key.ENTER));
      assert.equal((await waitForMatch(driver, /^1 of 170$/)).line, first.line);
      // Previous from the first match wraps to the last, thousands of lines further down.
      await click(driver, 'source-find-previous');
      const last = await waitForMatch(driver, /^170 of 170$/);
      assert.ok(last.line > 9_000, `the last match is on line ${last.line}`);
      await click(driver, 'source-find-next');
      assert.equal((await waitForMatch(driver, /^1 of 170$/)).line, first.line);

      // Case-insensitive by default; "Match case" finds no upper-case VIOLATION.
      await typeInto(driver, 'source-find-input', 'VIOLATION');
      await waitForMatch(driver, /^1 of 170$/);
      await click(driver, 'source-find-case');
      await waitForText(driver, 'source-find-count', /^No matches$/, 10_000);
      assert.equal(await countOf(driver, '.sv-found'), 0);
      // With match case, a lower-case name is found where it is written so; the search starts
      // at the first match on screen (around line 919), not at the top of the class.
      await typeInto(driver, 'source-find-input', 'lv_count');
      await waitForMatch(driver, /^([2-9]|\d{2,}) of \d{3,}$/);
      assert.ok((await countOf(driver, '.sv-found')) > 1, 'several matches on screen are marked');
      await screenshot(driver, 'explore-find');
      await setTheme(driver, 'sap_horizon_dark');
      // The shell fades its colours into the new theme: shoot once that is over.
      await driver.wait(() => driver.executeScript('return document.getAnimations().length === 0'), 5_000, 'the theme change kept animating');
      await screenshot(driver, 'explore-find-dark');
      await setTheme(driver, 'sap_horizon');

      // Escape closes the bar and gives the focus back to the source.
      await (await driver.executeScript('return document.querySelector(\'[data-testid="source-find-input"]\').shadowRoot.querySelector("input")')).sendKeys(Key.ESCAPE);
      await driver.wait(async () => (await countOf(driver, '[data-testid="source-find"]')) === 0, 10_000, 'Escape did not close the find bar');
      assert.equal(await driver.executeScript('return document.activeElement?.dataset.testid'), 'source-view');

      // Ctrl+F elsewhere in the viewer (here on a section of the class) opens the bar again,
      // with the last query, searched again.
      await driver.executeScript('document.querySelector(\'[data-testid="section-CU"]\').focus()');
      await driver.actions().keyDown(Key.CONTROL).sendKeys('f').keyUp(Key.CONTROL).perform();
      await driver.wait(
        () => driver.executeScript('return document.activeElement?.dataset.testid === "source-find-input"'),
        10_000,
        'Ctrl+F in the viewer did not open the find bar',
      );
      await waitForMatch(driver, /^\d+ of \d{3,}$/);
    });
  });
});
