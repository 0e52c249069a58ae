// Work items (Focused Build): switch to the Focused Build sandbox, build a worklist from pasted
// GUIDs and the system's list, change one status after confirmation, run a batch in which the
// system refuses one item, add a comment, and round-trip an attachment.
//
// The native file dialogs cannot be driven through WebDriver: the app's dialogs (opened in
// Rust) answer from the harness's file instead (`answerDialogs`), so the Attach and Save
// buttons run exactly as for a user, from the click to the file on disk.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Key } from 'selenium-webdriver';
import { byTestId, chooseOption, click, countOf, launchApp, screenshot, setTheme, typeInto, waitForContent, waitForText, withScreenshotOnFailure } from '../support/app.js';

/** Calls a command through the app's own IPC, as the UI does. */
async function invoke(driver, command, args = {}) {
  const answer = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then((data) => done({ data }), (error) => done({ error }));`,
    command,
    args,
  );
  if ('error' in answer) throw new Error(`${command} failed: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

/** Replaces the text of a UI5 text area (the real <textarea> is in its shadow root). */
async function typeIntoTextArea(driver, id, ...keys) {
  const host = await byTestId(driver, id);
  const inner = await driver.executeScript('return arguments[0].shadowRoot.querySelector("textarea")', host);
  await inner.sendKeys(Key.chord(Key.CONTROL, 'a'), Key.BACK_SPACE);
  await inner.sendKeys(...keys);
  // Leave the field first: its blur handling must not swallow the next click.
  await inner.sendKeys(Key.TAB);
}

/**
 * Clicks a button until `done()` holds. Under a loaded WebKitWebDriver a click right after
 * typing is now and then lost; a button that is still enabled and whose effect has not
 * appeared was not pressed (each button here is disabled while its request runs and its
 * effect empties or changes its input), so pressing it again cannot repeat an action.
 */
async function clickUntil(driver, id, done, what, timeoutMs = 20_000) {
  const button = await byTestId(driver, id);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await button.getAttribute('disabled')) === null) await button.click();
    const settled = await driver.wait(done, 3_000).then(() => true, () => false);
    if (settled) return;
  }
  throw new Error(`${what} never happened after pressing ${id}`);
}

const present = (driver, id) => async () => (await driver.findElements({ css: `[data-testid="${id}"]` })).length > 0;

/** Clicks the confirming button of the open dialog whose confirm button has this test id. */
async function clickWhenShown(driver, id) {
  const button = await byTestId(driver, id);
  await driver.wait(() => button.isDisplayed(), 10_000, `${id} never shown`);
  await click(driver, button);
}

/** All the text of an element, the text slotted into UI5 tags included (getText skips it). */
async function textOf(driver, id) {
  return driver.executeScript('return arguments[0].textContent', await byTestId(driver, id));
}

async function rowText(driver, guid) {
  return textOf(driver, `wi-row-${guid}`);
}

const ROWS = '[data-testid="wi-table"] [data-guid]';

/** The GUIDs of the worklist's rows in the order shown. */
function shownGuids(driver) {
  return driver.executeScript(`return [...document.querySelectorAll('${ROWS}')].map((r) => r.dataset.guid)`);
}

/**
 * Rows whose status cell is not on the line of their work item cell (folded into a sub-row),
 * measured in the page.
 */
function foldedRows(driver) {
  return driver.executeScript(`
    return [...document.querySelectorAll('${ROWS}')].filter((row) => {
      const status = row.querySelector('[data-testid="wi-row-status"]');
      const first = row.querySelector('.wi-title-cell');
      if (!status || !first) return false;
      return Math.abs(status.getBoundingClientRect().top - first.getBoundingClientRect().top) > 24;
    }).length`);
}

describe('Work items', () => {
  let app;
  let profileId;
  let items;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected/, 45_000);
  });
  after(async () => {
    await app?.stop();
  });

  it('offers the Focused Build sandbox and builds a worklist from pasted GUIDs', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'work-items-worklist', async () => {
      await click(driver, 'nav-work-items');
      // The app starts on the abapGit Agent sandbox: the area offers the Focused Build one,
      // and its subtitle does not claim the active system holds work items.
      await waitForText(driver, 'wi-subtitle', /^Focused Build work items$/);
      // A first click can land while the button renders its enabled state and be lost:
      // switching again to the same system is harmless, so click until the switch shows.
      let switched = false;
      for (let attempt = 0; attempt < 3 && !switched; attempt++) {
        await click(driver, 'wi-switch-focused-build').catch(() => {});
        switched = await waitForText(driver, 'active-system', /Sandbox \(Focused Build\)/, 10_000).then(() => true, () => false);
      }
      assert.ok(switched, 'the switch to the Focused Build sandbox never took');
      await waitForText(driver, 'connection-state', /^Connected/, 30_000);
      await waitForText(driver, 'wi-subtitle', /^Focused Build work items in Sandbox \(Focused Build\)$/);

      const info = await invoke(driver, 'sandbox_info');
      profileId = info.focused_build_profile_id;
      items = await invoke(driver, 'work_items_list', { profileId, top: null });
      const pricing = items.find((i) => i.description.startsWith('Pricing report ZSD_PRICING'));
      const invoice = items.find((i) => i.description.startsWith('Vendor invoice workflow'));
      assert.ok(pricing && invoice, 'the seeded work items');

      // Dashed and SAP GUI forms, plus a typo that must be reported and kept.
      const sapGuiForm = invoice.guid.replace(/-/g, '').toUpperCase();
      await typeIntoTextArea(driver, 'wi-guids-input', pricing.guid, Key.ENTER, `${sapGuiForm}, 8000001234`);
      await clickUntil(driver, 'wi-add', present(driver, 'wi-invalid'), 'adding the GUIDs');
      await waitForText(driver, 'wi-invalid', /8000001234/);
      await driver.wait(async () => /In Development \(E0002\)/.test(await rowText(driver, pricing.guid)), 20_000, 'pricing row read');
      await driver.wait(async () => /To Be Tested \(E0004\)/.test(await rowText(driver, invoice.guid)), 20_000, 'invoice row read');

      await click(driver, 'wi-load-list');
      await byTestId(driver, `wi-row-${items[items.length - 1].guid}`);
    });
  });

  it('shows statuses in their colours in real columns, filters, searches and sorts', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'work-items-columns', async () => {
      await driver.wait(async () => (await countOf(driver, ROWS)) === items.length, 20_000, 'every item in the worklist');
      // Every row read (release and all), so that the filters and colours have their data.
      await driver.wait(async () => (await countOf(driver, `${ROWS} [data-testid="wi-row-status"]`)) === items.length, 30_000, 'every row read');
      const completed = items.find((i) => i.status.code === 'E0016');
      const toBeCorrected = items.find((i) => i.status.code === 'E0017');
      const withdrawn = items.find((i) => i.status.code === 'E0010');
      const inDevelopment = items.find((i) => i.status.code === 'E0002');
      const designOf = (item) =>
        driver.executeScript(`return document.querySelector('[data-guid="${item.guid}"] [data-testid="wi-row-status"]')?.getAttribute('design')`);
      assert.equal(await designOf(completed), 'Positive');
      assert.equal(await designOf(toBeCorrected), 'Critical');
      assert.equal(await designOf(withdrawn), 'Neutral');
      assert.equal(await designOf(inDevelopment), 'Information');

      const window = await driver.manage().window().getRect();
      try {
        for (const [width, height] of [[1440, 900], [1024, 640]]) {
          await driver.manage().window().setRect({ width, height });
          await driver.wait(async () => (await driver.executeScript('return window.innerWidth')) <= width, 5_000, `window ${width} wide`);
          await driver.wait(async () => (await foldedRows(driver)) === 0, 5_000, `no row folds its cells at ${width} px`);
        }
        await screenshot(driver, 'work-items-worklist-1024-light');
        await setTheme(driver, 'sap_horizon_dark');
        await screenshot(driver, 'work-items-worklist-1024-dark');
        await setTheme(driver, 'sap_horizon');
      } finally {
        await driver.manage().window().setRect({ width: window.width, height: window.height });
      }

      // Search by work item number.
      await typeInto(driver, 'wi-filter-text', completed.object_id);
      await driver.wait(async () => JSON.stringify(await shownGuids(driver)) === JSON.stringify([completed.guid]), 10_000, 'only the searched item');
      await waitForContent(driver, 'wi-count', /Worklist \(1 of \d+\)/);
      await click(driver, 'wi-filter-clear');
      await driver.wait(async () => (await countOf(driver, ROWS)) === items.length, 10_000, 'all rows after clearing');

      // Filter by status, then by status and type together.
      await chooseOption(driver, 'wi-filter-status', 'wi-filter-status-E0016');
      const completedItems = items.filter((i) => i.status.code === 'E0016');
      await driver.wait(async () => (await countOf(driver, ROWS)) === completedItems.length, 10_000, 'only completed items');
      await chooseOption(driver, 'wi-filter-type', 'wi-filter-type-S1HF');
      const completedHotFixes = completedItems.filter((i) => i.process_type === 'S1HF');
      assert.ok(completedHotFixes.length > 0 && completedHotFixes.length < completedItems.length, 'the seed has completed items of both types');
      await driver.wait(async () => (await countOf(driver, ROWS)) === completedHotFixes.length, 10_000, 'only completed hot fixes');
      await click(driver, 'wi-filter-clear');
      await driver.wait(async () => (await countOf(driver, ROWS)) === items.length, 10_000, 'all rows after clearing');

      // Sort by work item number, descending on the second click.
      const byNumber = [...items].sort((a, b) => a.object_id.localeCompare(b.object_id, undefined, { numeric: true })).map((i) => i.guid);
      await click(driver, 'wi-sort-item');
      await driver.wait(async () => JSON.stringify(await shownGuids(driver)) === JSON.stringify(byNumber), 10_000, 'sorted by number');
      await click(driver, 'wi-sort-item');
      await driver.wait(async () => JSON.stringify(await shownGuids(driver)) === JSON.stringify([...byNumber].reverse()), 10_000, 'sorted by number, descending');
      // Back to the worklist's order for the steps below.
      await click(driver, 'wi-sort-item');
      const pricing = items.find((i) => i.description.startsWith('Pricing report ZSD_PRICING'));
      await driver.wait(async () => (await shownGuids(driver))[0] === pricing.guid, 10_000, 'the worklist’s order (the pasted items first)');
    });
  });

  it('changes one status after a confirmation naming both statuses', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'work-items-status', async () => {
      const pricing = items.find((i) => i.description.startsWith('Pricing report ZSD_PRICING'));
      await click(driver, `wi-row-${pricing.guid}`);
      await waitForText(driver, 'wi-detail-title', new RegExp(pricing.object_id));
      await chooseOption(driver, 'wi-status-select', 'wi-status-E0004');
      await click(driver, 'wi-status-change');
      const dialog = await byTestId(driver, 'confirm-dialog');
      await driver.wait(
        async () => /In Development \(E0002\).*To Be Tested \(E0004\)/s.test(await driver.executeScript('return arguments[0].textContent', dialog)),
        10_000,
        'confirmation names both statuses',
      );
      await clickWhenShown(driver, 'confirm-dialog-confirm');
      await waitForContent(driver, 'wi-status-done', /To Be Tested \(E0004\)/);
      await waitForContent(driver, 'wi-detail-status', /E0004/);
      await waitForContent(driver, `wi-row-${pricing.guid}`, /To Be Tested \(E0004\)/);
    });
  });

  it('at 1024×640 brings a chosen item into view and shows it full screen', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'work-items-1024', async () => {
      await driver.manage().window().setRect({ width: 1024, height: 640 });
      try {
        const invoice = items.find((i) => i.description.startsWith('Vendor invoice workflow'));
        await driver.wait(async () => (await driver.executeScript('return window.innerWidth')) <= 1024, 5_000, 'window 1024 wide');
        await click(driver, `wi-row-${invoice.guid}`);
        await waitForText(driver, 'wi-detail-title', new RegExp(invoice.object_id));
        // The detail's head is on screen, not 1,800 px below the list.
        const headInView = () =>
          driver.executeScript(`const r = document.querySelector('[data-testid="wi-detail"]').getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight - 100;`);
        await driver.wait(headInView, 10_000, 'the chosen item is not in view');
        await click(driver, 'wi-full-screen');
        const listShown = () => driver.executeScript(`return document.querySelector('[data-testid="wi-count"]')?.getBoundingClientRect().width > 0`);
        await driver.wait(async () => !(await listShown()), 10_000, 'the worklist stayed beside the item');
        await screenshot(driver, 'work-items-full-screen-1024');
        await click(driver, 'wi-full-screen');
        await driver.wait(listShown, 10_000, 'the worklist did not come back');
      } finally {
        await driver.manage().window().setRect({ width: 1440, height: 900 });
      }
    });
  });

  it('adds a comment', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'work-items-comment', async () => {
      await typeIntoTextArea(driver, 'wi-comment', 'Checked by the release manager (e2e).');
      const commentField = await byTestId(driver, 'wi-comment');
      await clickUntil(
        driver,
        'wi-comment-add',
        async () => (await driver.executeScript('return arguments[0].value', commentField)) === '',
        'adding the comment',
      );
      await waitForContent(driver, 'wi-texts', /Comment.*Checked by the release manager \(e2e\)\./s);
    });
  });

  it('round-trips an attachment', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'work-items-attachment', async () => {
      const pricing = items.find((i) => i.description.startsWith('Pricing report ZSD_PRICING'));
      const dir = mkdtempSync(join(tmpdir(), 'agent-desk-wi-'));
      try {
        const upload = join(dir, 'e2e-evidence.txt');
        writeFileSync(upload, 'Test evidence written by the e2e spec\n');
        // The user picks the file in the app's open dialog (answered from the harness's file).
        app.answerDialogs({ open: [upload] });
        await click(driver, 'wi-attach');
        await waitForContent(driver, 'wi-file-note', /Attached e2e-evidence\.txt/);
        await byTestId(driver, 'wi-attachment-e2e-evidence.txt');
        const saved = join(dir, 'downloaded.txt');
        app.answerDialogs({ save: saved });
        await click(driver, 'wi-save-e2e-evidence.txt');
        await waitForContent(driver, 'wi-file-note', /Saved .* to .*downloaded\.txt/);
        assert.equal(readFileSync(saved, 'utf8'), 'Test evidence written by the e2e spec\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('runs a batch in which the system refuses one item', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'work-items-batch', async () => {
      // Both are now "To Be Tested"; the credit memo item is "Successfully Tested" (E0009),
      // from which "In Development" is not allowed.
      const pricing = items.find((i) => i.description.startsWith('Pricing report ZSD_PRICING'));
      const invoice = items.find((i) => i.description.startsWith('Vendor invoice workflow'));
      const creditMemo = items.find((i) => i.description.startsWith('Credit memo output'));
      for (const item of [pricing, invoice, creditMemo]) {
        const row = await byTestId(driver, `wi-row-${item.guid}`);
        const checkbox = await driver.executeScript('return arguments[0].shadowRoot?.querySelector("[ui5-checkbox], ui5-checkbox") ?? arguments[0]', row);
        // Earlier steps scrolled the page: keep the box clear of the table's sticky header.
        await driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', checkbox);
        await checkbox.click();
      }
      await waitForContent(driver, 'wi-batch', /\(3\)/);
      await click(driver, 'wi-batch');
      await chooseOption(driver, 'wi-batch-status', 'wi-batch-status-E0002');
      await clickWhenShown(driver, 'wi-batch-start');
      // The confirmation is a step of the same dialog, not a second dialog stacked on it.
      await waitForContent(driver, 'wi-batch-confirm', /In Development \(E0002\)/);
      assert.equal(await countOf(driver, '[ui5-dialog][open]'), 1, 'one dialog open');
      await clickWhenShown(driver, 'wi-batch-confirm-ok');
      await waitForContent(driver, 'wi-batch-summary', /2 done.*0 already there.*1 refused.*0 failed/s);
      const refused = await byTestId(driver, `wi-result-${creditMemo.guid}`);
      assert.equal(await refused.getAttribute('data-outcome'), 'refused');
      assert.match(await textOf(driver, `wi-result-${creditMemo.guid}`), /not allowed/);
      await screenshot(driver, 'work-items-batch');
      await waitForContent(driver, 'wi-batch-kept', /Kept in the worklist’s status change history/);
      await click(driver, 'wi-batch-close');
      await driver.wait(async () => /In Development \(E0002\)/.test(await rowText(driver, invoice.guid)), 20_000, 'invoice row re-read');
    });
  });

  it('keeps the batch in a history that can be reopened and exported', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'work-items-history', async () => {
      const pricing = items.find((i) => i.description.startsWith('Pricing report ZSD_PRICING'));
      const creditMemo = items.find((i) => i.description.startsWith('Credit memo output'));
      await click(driver, 'wi-history');
      // The newest batch is open: the one just run, each item with from, to, result and message.
      await waitForContent(driver, 'wi-history-list', /3 work items/);
      await waitForContent(driver, `wi-history-row-${pricing.guid}`, /To Be Tested \(E0004\).*In Development \(E0002\).*Done/s);
      await waitForContent(driver, `wi-history-row-${creditMemo.guid}`, /Successfully Tested \(E0009\).*In Development \(E0002\).*Refused.*not allowed/s);
      await screenshot(driver, 'work-items-history');
      const dir = mkdtempSync(join(tmpdir(), 'agent-desk-wi-history-'));
      try {
        const saved = join(dir, 'history.csv');
        app.answerDialogs({ save: saved });
        await click(driver, 'wi-history-export');
        await waitForContent(driver, 'wi-history-note', /Saved to .*history\.csv/);
        const lines = readFileSync(saved, 'utf8').split('\r\n');
        assert.equal(lines[0], 'Time,User,System,Work item,GUID,Description,From status,To status,Result,Message');
        const memoLine = lines.find((l) => l.includes(creditMemo.guid));
        assert.match(memoLine, /^\d{4}-\d\d-\d\dT[^,]+,[A-Z_]+,Sandbox \(Focused Build\),/);
        assert.match(memoLine, /,Successfully Tested \(E0009\),In Development \(E0002\),Refused,/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      await click(driver, 'wi-history-close');
      await driver.wait(async () => (await countOf(driver, '[data-testid="wi-history-dialog"]')) === 0, 10_000, 'history closed');
    });
  });
});
