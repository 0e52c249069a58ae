// Transactions (the mobile transaction bridge on the sandbox): switch to the bridge demo system,
// open the SU01 app, run FindUsers from its generated form, follow the subsequent action
// GetUserDetails with the chosen row filled in, keep an input variant, read the call log, and a
// mass run of 50 rows: 3 bad rows refused before the start, 2 rows failing in the back end,
// corrected and retried, the results exported as CSV.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byTestId, chooseOption, click, confirmDialog, countOf, launchApp, screenshot, setTheme, typeInto, waitForContent, waitForDialog, waitForText, withScreenshotOnFailure } from '../support/app.js';

const APP = 'su01users';
const USERS = ['JSMITH', 'AWILSON', 'MMUELLER', 'TBAKER', 'LGARCIA', 'PNGUYEN', 'KSCHNEIDER', 'SJOHNSON', 'RKOWALSKI', 'EMARTIN', 'DSMITH'];

/** Replaces the text of a UI5 text area (the real <textarea> is in its shadow root) by pasting-like typing. */
async function setTextArea(driver, id, text) {
  const host = await byTestId(driver, id);
  // Typing 50 lines key by key is slow and gains nothing: set the value as a paste would, then
  // fire the input event the component listens to.
  await driver.executeScript(
    `const area = arguments[0].shadowRoot.querySelector('textarea');
     area.focus();
     area.value = arguments[1];
     area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));`,
    host,
    text,
  );
  await driver.wait(async () => (await host.getAttribute('value')) === text, 5_000, 'the CSV never reached the text area');
}

/** Selects a UI5 tab: the tab element is abstract, its item in the container's strip takes the click. */
async function selectTab(driver, id) {
  const tab = await byTestId(driver, id);
  await driver.wait(
    async () => {
      await driver.executeScript('arguments[0].getDomRefInStrip?.()?.click()', tab);
      return (await driver.executeScript('return arguments[0].selected === true', tab)) === true;
    },
    10_000,
    `tab ${id} never selected`,
  );
}

/** The value of a UI5 input. */
const valueOf = async (driver, id) => driver.executeScript('return arguments[0].value', await byTestId(driver, id));

/** Data attributes of the mass run summary: { succeeded, failed, pending, unknown } as numbers. */
async function summary(driver) {
  const element = await byTestId(driver, 'tx-mass-summary');
  const read = (name) => element.getAttribute(`data-${name}`).then(Number);
  return { succeeded: await read('succeeded'), failed: await read('failed'), pending: await read('pending'), unknown: await read('unknown') };
}

async function waitForSummary(driver, expected, timeoutMs = 60_000) {
  let last = null;
  await driver
    .wait(async () => {
      last = await summary(driver).catch(() => null);
      return last !== null && Object.entries(expected).every(([k, v]) => last[k] === v);
    }, timeoutMs)
    .catch(() => {
      throw new Error(`the mass run never reached ${JSON.stringify(expected)} (last: ${JSON.stringify(last)})`);
    });
}

describe('Transactions', () => {
  let app;
  let exportDir;
  before(async () => {
    app = await launchApp();
    exportDir = mkdtempSync(join(tmpdir(), 'agent-desk-tx-'));
    await waitForText(app.driver, 'connection-state', /^Connected/, 45_000);
    const driver = app.driver;
    const invoke = async (command, args = {}) => {
      const answer = await driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then((data) => done({ data }), (error) => done({ error }));`,
        command, args);
      if ('error' in answer) throw new Error(`${command} failed: ${JSON.stringify(answer.error)}`);
      return answer.data;
    };
    const info = await invoke('sandbox_info');
    const dup = await invoke('profile_duplicate', { id: info.profile_id });
    await invoke('profile_update', { id: dup.profile.id, draft: { settings: { ...dup.profile.settings, display_name: 'Bridge debug', base_url: info.base_url + 'mtb-bridge/odata/app/' }, password: { action: 'keep' }, git_token: { action: 'keep' } } });
    await click(driver, 'nav-systems');
    await click(driver, 'system-duplicate');
    await driver.sleep(2000);
  });
  after(async () => {
    await app?.stop();
    rmSync(exportDir, { recursive: true, force: true });
  });

  it('runs FindUsers from its form and follows GetUserDetails with the chosen row', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'transactions-run', async () => {
      await click(driver, 'nav-transactions');
      // The app starts on the abapGit Agent sandbox: the area offers the bridge demo system.
      await driver.wait(async () => (await countOf(driver, '[data-testid="tx-not-bridge"], [data-testid="tx-workbench"]')) > 0, 30_000, 'the area never showed');
      let switched = (await countOf(driver, '[data-testid="tx-workbench"]')) > 0;
      for (let attempt = 0; attempt < 3 && !switched; attempt++) {
        await click(driver, 'tx-switch-bridge').catch(() => {});
        switched = await byTestId(driver, 'tx-workbench', 10_000).then(() => true, () => false);
      }
      assert.ok(switched, 'the switch to the transaction bridge sandbox never took');

      await typeInto(driver, 'tx-app', APP);
      await click(driver, 'tx-app-open');
      await byTestId(driver, 'tx-op-FindUsers', 30_000);
      await click(driver, 'tx-op-FindUsers');
      await byTestId(driver, 'tx-form-FindUsers');

      await typeInto(driver, 'tx-field-LastName', 'Smith');
      await click(driver, 'tx-run');
      await waitForContent(driver, 'tx-status-bar', /2 users selected/);
      assert.equal(await (await byTestId(driver, 'tx-status-bar')).getAttribute('data-type'), 'success');
      await waitForContent(driver, 'tx-table-Users', /DSMITH/);
      await waitForContent(driver, 'tx-table-Users', /JSMITH/);

      // Choose David Smith's row: GetUserDetails opens with his user name filled in.
      const rowIndex = await driver.executeScript(
        `return [...document.querySelectorAll('[data-testid^="tx-row-Users-"]')].findIndex((r) => r.textContent.includes('DSMITH'))`,
      );
      assert.ok(rowIndex >= 0, 'the DSMITH row');
      await click(driver, `tx-row-Users-${rowIndex}`);
      await waitForContent(driver, 'tx-subsequent', /chosen row fills/);
      await click(driver, 'tx-next-GetUserDetails');
      await byTestId(driver, 'tx-form-GetUserDetails');
      await driver.wait(async () => (await valueOf(driver, 'tx-field-UserName')) === 'DSMITH', 10_000, 'UserName was not filled from the row');

      // A required field left empty is refused before anything is sent.
      await typeInto(driver, 'tx-field-UserName', '');
      await click(driver, 'tx-run');
      await waitForText(driver, 'tx-field-UserName-error', /Required/);
      assert.equal(await countOf(driver, '[data-testid="tx-result"]'), 0, 'nothing was run');
      await typeInto(driver, 'tx-field-UserName', 'DSMITH');
      await click(driver, 'tx-run');
      await driver.wait(async () => (await valueOf(driver, 'tx-output-LastName').catch(() => '')) === 'Smith', 30_000, 'the details never showed');
      assert.match(await valueOf(driver, 'tx-output-LockStatus'), /Locked by administrator/);
      await waitForContent(driver, 'tx-table-Roles', /SAP_BC_USER_ADMIN/);
      await screenshot(driver, 'transactions-details');
    });
  });

  it('keeps an input variant, and shows the call log without cookies', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'transactions-variant', async () => {
      await click(driver, 'tx-variant-save-as');
      await waitForDialog(driver, 'tx-variant-dialog');
      await typeInto(driver, 'tx-variant-name', 'David');
      await confirmDialog(driver, 'tx-variant-dialog', 'tx-variant-save');
      await typeInto(driver, 'tx-field-UserName', 'AWILSON');
      // Choosing the variant puts its input back.
      await chooseOption(driver, 'tx-variant-select', 'tx-variant-none');
      const select = await byTestId(driver, 'tx-variant-select');
      const option = await byTestId(driver, 'tx-variant-David');
      await driver.wait(async () => {
        if (!(await option.isDisplayed())) await select.click();
        return option.isDisplayed();
      }, 10_000);
      await option.click();
      await driver.wait(async () => (await valueOf(driver, 'tx-field-UserName')) === 'DSMITH', 10_000, 'the variant did not fill the form');

      await click(driver, 'tx-variant-delete');
      await waitForDialog(driver, 'confirm-dialog');
      await confirmDialog(driver, 'confirm-dialog', 'confirm-dialog-confirm');
      await driver.wait(async () => (await countOf(driver, '[data-testid="tx-variant-David"]')) === 0, 10_000, 'the variant stayed');

      await click(driver, 'tx-call-log-open');
      await waitForDialog(driver, 'tx-call-log');
      const text = await waitForContent(driver, 'tx-call-text', /GetUserDetails/);
      assert.match(text, /GET .*GetUserDetails\(UserName='DSMITH'\)/);
      assert.doesNotMatch(text, /cookie|authorization|mtbsession/i);
      await waitForContent(driver, 'tx-call-log-table', /FindUsers/);
      await screenshot(driver, 'transactions-call-log');
      await click(driver, 'tx-call-log-close');
      await waitForDialog(driver, 'tx-call-log', false);
    });
  });

  it('refuses a CSV with 3 bad rows, runs 50 rows, retries the 2 that failed after a fix and exports the results', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'transactions-mass-run', async () => {
      await selectTab(driver, 'tx-tab-mass');
      await byTestId(driver, 'tx-mass-input');
      // 50 rows: 45 existing users, 2 that SU01 does not know, 3 bad ones.
      const rows = Array.from({ length: 50 }, (_, i) => USERS[i % USERS.length]);
      rows[9] = 'NOSUCHUSER1';
      rows[33] = 'NOSUCHUSER2';
      const bad = { 4: 'MUCHTOOLONGNAME', 19: 'ALSOTOOLONGNAME', 41: 'JSMITH,EXTRA' };
      const withBad = rows.map((r, i) => bad[i] ?? r);
      await setTextArea(driver, 'tx-mass-csv', `UserName\n${withBad.join('\n')}\n`);
      await click(driver, 'tx-mass-check');
      await waitForContent(driver, 'tx-mass-problems', /Nothing was run: 3 problems in 50 rows/);
      await byTestId(driver, 'tx-problem-5-UserName');
      await byTestId(driver, 'tx-problem-20-UserName');
      await byTestId(driver, 'tx-problem-42-row');
      assert.equal(await (await byTestId(driver, 'tx-mass-start')).getAttribute('disabled'), 'true', 'Run stays disabled');
      await screenshot(driver, 'transactions-mass-problems');

      // Corrected: the run starts with all 50 rows.
      await setTextArea(driver, 'tx-mass-csv', `UserName\n${rows.join('\n')}\n`);
      await click(driver, 'tx-mass-check');
      await waitForText(driver, 'tx-mass-ready', /50 rows checked/);
      await click(driver, 'tx-mass-start');
      await byTestId(driver, 'tx-mass-view', 30_000);
      await waitForSummary(driver, { succeeded: 48, failed: 2, pending: 0, unknown: 0 });
      await waitForContent(driver, 'tx-mass-row-10', /User NOSUCHUSER1 does not exist/);
      await screenshot(driver, 'transactions-mass-failed');

      // The fix: the two rows get existing users; only they run again.
      for (const [row, user] of [
        [10, 'EMARTIN'],
        [34, 'LGARCIA'],
      ]) {
        // The button sits in a cell of the table's own scroll area, where WebKitWebDriver calls
        // it not interactable: clicked in the page, as a mouse click would.
        await driver.executeScript('arguments[0].scrollIntoView({ block: "center" }); arguments[0].click()', await byTestId(driver, `tx-mass-edit-${row}`));
        await waitForDialog(driver, 'tx-mass-edit-dialog');
        await typeInto(driver, 'tx-mass-edit-field-UserName', user);
        await confirmDialog(driver, 'tx-mass-edit-dialog', 'tx-mass-edit-save');
        await waitForContent(driver, `tx-mass-row-${row}`, new RegExp(user));
      }
      await click(driver, 'tx-mass-retry');
      await waitForSummary(driver, { succeeded: 50, failed: 0, pending: 0, unknown: 0 });
      await waitForContent(driver, 'tx-mass-row-10', /EMARTIN/);
      await driver.wait(async () => (await (await byTestId(driver, 'tx-mass-row-1')).getAttribute('data-status')) === 'succeeded', 10_000);

      const file = join(exportDir, 'results.csv');
      app.answerDialogs({ save: file });
      await click(driver, 'tx-mass-export');
      await driver.wait(async () => {
        try {
          return readFileSync(file, 'utf8').includes('NOSUCHUSER') === false && readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean).length === 51;
        } catch {
          return false;
        }
      }, 20_000, 'the results CSV was never written');
      const csv = readFileSync(file, 'utf8');
      assert.match(csv.split(/\r?\n/)[0], /UserName/);
      assert.match(csv, /EMARTIN/);

      await setTheme(driver, 'sap_horizon_dark');
      await screenshot(driver, 'transactions-mass-dark');
      await setTheme(driver, 'sap_horizon');
    });
  });
});
