// Checks: syntax check of pasted source shows the error with its line in the source;
// unit tests of a demo class show totals; a failed test method shows its line (from the
// pasted test classes), opens in Explore, and the JUnit export has one testcase per method.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { By } from 'selenium-webdriver';
import { byTestId, countOf, click, launchApp, screenshot, scrollIntoView, setTheme, typeInto, waitForContent, waitForText, withScreenshotOnFailure } from '../support/app.js';

/** Sets the text of a UI5 TextArea as if typed (its <textarea> lives in the shadow root). */
async function fillTextArea(driver, id, text) {
  const host = await byTestId(driver, id);
  await driver.executeScript(
    `const host = arguments[0];
     const area = host.shadowRoot.querySelector('textarea');
     area.value = arguments[1];
     area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));`,
    host,
    text,
  );
}

const BROKEN_CLASS = [
  'CLASS zcl_e2e_broken DEFINITION PUBLIC FINAL CREATE PUBLIC.',
  '  PUBLIC SECTION.',
  '    METHODS run RETURNING VALUE(rv_total) TYPE i.',
  'ENDCLASS.',
  '',
  'CLASS zcl_e2e_broken IMPLEMENTATION.',
  '  METHOD run.',
  '    rv_total = lv_undeclared + 1.',
  '  ENDMETHOD.',
  'ENDCLASS.',
].join('\n');

describe('Checks', () => {
  let app;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected$/, 45_000);
    await click(app.driver, 'nav-checks');
  });
  after(async () => {
    await app?.stop();
  });

  it('checks pasted source and points at the line in error', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'checks-syntax', async () => {
      await typeInto(driver, 'checks-name', 'ZCL_E2E_BROKEN');
      await fillTextArea(driver, 'checks-source', BROKEN_CLASS);
      await click(driver, 'checks-syntax');
      const summary = await waitForContent(driver, 'check-summary', /error/, 60_000);
      assert.match(summary, /[1-9]\d* errors?/);
      const messages = await driver.findElements(By.css('[data-testid="check-message"]'));
      assert.ok(messages.length > 0, 'at least one message');
      const first = await messages[0].getText();
      assert.match(first, /Line \d+/);
      // The first error is opened in the source view with its line highlighted.
      const source = await byTestId(driver, 'source-view');
      assert.ok((await source.findElements(By.css('.sv-highlight'))).length === 1, 'one highlighted line');
      await screenshot(driver, 'checks-syntax-error');
    });
  });

  it('runs the unit tests of a demo class and shows the totals', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'checks-unit', async () => {
      await typeInto(driver, 'checks-name', 'ZCL_DEMO_CALCULATOR');
      await fillTextArea(driver, 'checks-source', 'CLASS zcl_demo_calculator DEFINITION PUBLIC.\nENDCLASS.');
      await click(driver, 'checks-unit');
      await byTestId(driver, 'unit-result', 60_000);
      const total = Number(await waitForContent(driver, 'unit-total', /^\d+$/));
      const passed = Number(await waitForContent(driver, 'unit-passed', /^\d+$/));
      const failed = Number(await waitForContent(driver, 'unit-failed', /^\d+$/));
      assert.ok(total > 0, 'tests ran');
      assert.equal(passed + failed, total);
      assert.equal((await countOf(driver, '[data-testid="unit-coverage"]')), 0, 'no coverage unasked');
      if (failed > 0) {
        // No test classes pasted: the line comes from the test classes in the system.
        assert.match(await waitForContent(driver, 'unit-failure-line', /\S/), /^Test classes, line \d+$/);
      }
      await screenshot(driver, 'checks-unit');
    });
  });

  it('shows a failed test method at its line, exports JUnit per method and opens the source', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'checks-unit-failure', async () => {
      await typeInto(driver, 'checks-name', 'ZCL_FLIGHT_PRICING');
      await fillTextArea(driver, 'checks-source', 'CLASS zcl_flight_pricing DEFINITION PUBLIC.\nENDCLASS.');
      await fillTextArea(
        driver,
        'checks-testclasses',
        'CLASS ltcl_pricing DEFINITION FOR TESTING.\nENDCLASS.\n\nCLASS ltcl_pricing IMPLEMENTATION.\n  METHOD discount_is_capped.\n  ENDMETHOD.\nENDCLASS.',
      );
      await click(driver, 'checks-unit');
      await waitForContent(driver, 'unit-summary', /of \d+ tests failed/, 60_000);
      const total = Number(await waitForContent(driver, 'unit-total', /^\d+$/));
      const line = await waitForContent(driver, 'unit-failure-line', /line 5/);
      assert.match(line, /Test classes, line 5/);
      await scrollIntoView(driver, 'unit-failures');
      await screenshot(driver, 'checks-unit-failure');
      await setTheme(driver, 'sap_horizon_dark');
      await screenshot(driver, 'checks-unit-failure-dark');
      await setTheme(driver, 'sap_horizon');

      const saved = join(app.home, 'abap-unit.xml');
      app.answerDialogs({ save: saved });
      await click(driver, 'unit-export-junit');
      await waitForContent(driver, 'unit-saved', /Saved to/);
      const xml = readFileSync(saved, 'utf8');
      assert.equal((xml.match(/<testcase /g) ?? []).length, total, xml);
      assert.match(xml, /<testcase classname="ZCL_FLIGHT_PRICING" name="DISCOUNT_IS_CAPPED" line="5">/);

      // Another object in the input: the result says it belongs to the previous one.
      assert.equal((await countOf(driver, '[data-testid="checks-stale"]')), 0);
      await typeInto(driver, 'checks-name', 'ZCL_FLIGHT_BOOKING_SERVICE');
      assert.match(await waitForContent(driver, 'checks-stale', /previous input \(CLAS ZCL_FLIGHT_PRICING on /), /previous input/);
      await scrollIntoView(driver, 'checks-stale');
      await screenshot(driver, 'checks-unit-stale');

      await click(driver, 'unit-open-source');
      await byTestId(driver, 'explore-page');
      const highlighted = await driver.wait(async () => {
        const lines = await driver.findElements(By.css('[data-testid="source-view"] .sv-highlight'));
        return lines.length === 1 ? lines[0].getText() : null;
      }, 30_000);
      assert.match(highlighted, /METHOD discount_is_capped\./i);
    });
  });
});
