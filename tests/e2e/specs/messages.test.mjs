// Message monitor (SAP Cloud Integration): switch to the simulated tenant, read the messages
// of the past 7 days, scroll deep enough that further pages are read from the tenant (`__next`),
// filter FAILED with its chip, open a failed message and read its error, view an attachment,
// and export the filtered list as CSV.
//
// The native save dialog cannot be driven through WebDriver: the app's dialogs (opened in
// Rust) answer from the harness's file instead (`answerDialogs`), so Export runs exactly as
// for a user, from the click to the file on disk.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byTestId, chooseOption, click, countOf, launchApp, waitForContent, waitForText, withScreenshotOnFailure } from '../support/app.js';

const ROWS = '[data-testid="mm-table"] [data-guid]';

/** The number of messages the list holds (read so far), as the table reports it. */
function loadedRows(driver) {
  return driver.executeScript('return Number(document.querySelector(\'[data-testid="mm-table"]\')?.dataset.rows ?? 0)');
}

/** The statuses of the rows in the DOM (the virtualised window). */
function shownStatuses(driver) {
  return driver.executeScript(`return [...document.querySelectorAll('${ROWS}')].map((r) => r.dataset.status)`);
}

/** Scrolls the message list to its end (what a user does by dragging the scroll bar down). */
function scrollToEnd(driver) {
  return driver.executeScript('const el = document.querySelector(\'[data-testid="mm-table"]\'); el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event("scroll"));');
}

/** The number on a status chip (`data-count`), once the counts are read. */
async function chipCount(driver, status) {
  let count = '';
  await driver.wait(async () => {
    count = await driver.executeScript(`return document.querySelector('[data-testid="mm-status-${status}"]')?.dataset.count ?? ''`);
    return count !== '';
  }, 30_000, `no count on the ${status} chip`);
  return Number(count);
}

describe('Message monitor', () => {
  let app;
  // Until the sandbox offers its Cloud Integration tenant as a demo profile there is nothing to
  // monitor: the tests say so as skipped instead of passing.
  let noTenant = null;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected/, 45_000);
  });
  after(async () => {
    await app?.stop();
  });

  it('offers the simulated tenant and reads further pages while the user scrolls', async (t) => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'messages-paging', async () => {
      await click(driver, 'nav-messages');
      await byTestId(driver, 'mm-not-cloud-integration');
      if ((await countOf(driver, '[data-testid="mm-switch-tenant"]')) === 0) {
        noTenant = 'no Cloud Integration system (the sandbox has no demo profile for its tenant yet)';
        t.skip(noTenant);
        return;
      }
      // The app starts on the abapGit Agent sandbox: the area offers the Cloud Integration one.
      // Switching again to the same system is harmless, so click until the monitor shows.
      let switched = false;
      for (let attempt = 0; attempt < 3 && !switched; attempt++) {
        await click(driver, 'mm-switch-tenant', 10_000).catch(() => {});
        switched = await byTestId(driver, 'mm-monitor', 10_000).then(() => true, () => false);
      }
      assert.ok(switched, 'the switch to the Cloud Integration sandbox never took');

      await chooseOption(driver, 'mm-filter-time', 'mm-time-week');
      // The past 24 hours' rows stay until the week's first page replaces them: wait for it.
      let total = 0;
      await driver
        .wait(async () => {
          total = Number((await waitForText(driver, 'mm-total', /Messages \([\d.,\s]+\)/)).replace(/\D/g, ''));
          return total > 10_000;
        }, 30_000)
        .catch(() => {});
      assert.ok(total > 10_000, `about 20,000 messages in 7 days, got ${total}`);
      const firstPage = await loadedRows(driver);
      assert.equal(firstPage, 1000, 'the tenant pages at 1,000');
      // Newest first.
      const ends = await driver.executeScript(`return [...document.querySelectorAll('${ROWS}')].slice(0, 10).map((r) => r.dataset.index)`);
      assert.deepEqual(ends, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

      // Scrolling to the end reads the next page, twice.
      for (const atLeast of [2000, 3000]) {
        await scrollToEnd(driver);
        await driver.wait(async () => (await loadedRows(driver)) >= atLeast, 30_000, `no page beyond ${atLeast - 1000} rows was read`);
      }
      // Only the rows on screen are in the DOM.
      const inDom = await driver.executeScript(`return document.querySelectorAll('${ROWS}').length`);
      assert.ok(inDom < 80, `a virtualised list renders only what is on screen, got ${inDom} rows`);
    });
  });

  it('filters FAILED and shows a failed message with its error', async (t) => {
    if (noTenant) return t.skip(noTenant);
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'messages-failed', async () => {
      const failed = await chipCount(driver, 'FAILED');
      assert.ok(failed > 0, 'the tenant has failed messages');
      await click(driver, 'mm-status-FAILED');
      await waitForText(driver, 'mm-total', new RegExp(`Messages \\(${failed.toLocaleString().replace(/\W/g, '.')}\\)`));
      await driver.wait(async () => {
        const statuses = await shownStatuses(driver);
        return statuses.length > 0 && statuses.every((s) => s === 'FAILED');
      }, 30_000, 'the list never showed only FAILED messages');

      const guid = await driver.executeScript(`return document.querySelector('${ROWS}[data-index="0"]').dataset.guid`);
      await click(driver, `mm-row-${guid}`);
      await driver.wait(async () => (await driver.executeScript('return document.querySelector(\'[data-testid="mm-detail"]\')?.dataset.guid')) === guid, 10_000, 'the detail of the chosen message');
      await waitForContent(driver, 'mm-detail-status', /Failed/);
      const error = await waitForText(driver, 'mm-error-text', /\S{10,}/);
      assert.match(error, /Exception|error|failed/i, `an adapter error text, got ${error}`);
    });
  });

  it('exports the filtered list as CSV', async (t) => {
    if (noTenant) return t.skip(noTenant);
    const { driver, home, answerDialogs } = app;
    await withScreenshotOnFailure(driver, 'messages-export', async () => {
      const failed = await chipCount(driver, 'FAILED');
      const target = join(home, 'failed-messages.csv');
      answerDialogs({ save: target });
      await click(driver, 'mm-export');
      await waitForText(driver, 'mm-export-note', /Exported [\d.,\s]+ messages? to .*failed-messages\.csv/, 60_000);
      assert.ok(existsSync(target));
      const lines = readFileSync(target, 'utf8').trim().split(/\r?\n/);
      // The header, then one line per message (no field of the sandbox's messages holds a line break).
      assert.equal(lines.length - 1, failed, 'every failed message, all pages');
      assert.match(lines[0], /Status/i);
      assert.ok(lines.slice(1).every((l) => l.includes('FAILED')), 'only failed messages');
    });
  });
});
