// Systems: create a system, and a wrong password shown as an error a consultant understands.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { By } from 'selenium-webdriver';
import { byTestId, click, confirmDialog, launchApp, screenshot, setTheme, typeInto, waitForContent, waitForDialog, waitForText, withScreenshotOnFailure } from '../support/app.js';

/** Asks the app's window to close as a window manager's close button does. */
async function closeWindowAsTheUserDoes() {
  const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'support', 'wm-close.py');
  await promisify(execFile)('python3', [script, 'Agent Desk'], { timeout: 10_000 });
}

/** Clicks a UI5 list item: its host has no box of its own, the clickable row is in its shadow root. */
async function clickListItem(driver, host) {
  const row = await driver.executeScript('return arguments[0].shadowRoot.querySelector("li") ?? arguments[0]', host);
  await driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', row);
  await click(driver, row);
}

/** The value of a UI5 input (its inner <input>). */
async function inputValue(driver, id) {
  const host = await byTestId(driver, id);
  return driver.executeScript('return arguments[0].value', host);
}

/** Types into a UI5 input and waits until the field holds the text (typing once more if it was lost). */
async function typeChecked(driver, id, text) {
  for (let attempt = 0; attempt < 2; attempt++) {
    await typeInto(driver, id, text);
    const held = await driver
      .wait(async () => (await inputValue(driver, id)) === text, 3_000)
      .then(() => true, () => false);
    if (held) return;
  }
  assert.equal(await inputValue(driver, id), text, `${id} holds the typed text`);
}

describe('Systems', () => {
  let app;
  before(async () => {
    app = await launchApp();
    await waitForText(app.driver, 'connection-state', /^Connected$/, 45_000);
    await click(app.driver, 'nav-systems');
  });
  after(async () => {
    await app?.stop();
  });

  it('creates a system and lists it, with field errors shown on the fields first', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'systems-create', async () => {
      await click(driver, 'system-new');
      const form = await byTestId(driver, 'system-form');
      await driver.wait(async () => (await form.getAttribute('aria-label')) === 'New system', 5_000, 'new form not shown');
      await typeChecked(driver, 'system-name', 'DEV 100');
      await click(driver, 'system-save');
      // The URL is still "https://" and the user is empty: both fields say so; the name stays.
      const url = await byTestId(driver, 'system-url');
      await driver.wait(async () => (await url.getAttribute('value-state')) === 'Negative', 5_000, 'URL not marked');
      assert.equal(await inputValue(driver, 'system-name'), 'DEV 100');

      await typeChecked(driver, 'system-url', 'https://dev.example.invalid:44300');
      await typeChecked(driver, 'system-user', 'DEVELOPER');
      await typeChecked(driver, 'system-password', 'secret-1');
      await click(driver, 'system-save');
      await waitForContent(driver, 'systems-notice', /DEV 100.*saved/);
      // The list refreshes after the notice: wait for the new entry rather than read it once.
      let names = [];
      await driver
        .wait(async () => {
          const items = await driver.findElements(By.css('[data-testid="system-item"]'));
          names = await Promise.all(items.map((n) => n.getAttribute('data-system-name')));
          return names.includes('DEV 100');
        }, 15_000)
        .catch(() => assert.fail(`the list never showed DEV 100 (it shows ${names.join(', ')})`));
      // The password is stored, never shown.
      await waitForContent(driver, 'system-password-state', /^Stored/);
      assert.equal(await inputValue(driver, 'system-password'), '');
      await screenshot(driver, 'systems-created');
    });
  });

  it('refuses plain http to another computer until the user allows it, then marks the system', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'systems-plain-http', async () => {
      await click(driver, 'system-new');
      const form = await byTestId(driver, 'system-form');
      await driver.wait(async () => (await form.getAttribute('aria-label')) === 'New system', 5_000, 'new form not shown');
      await typeChecked(driver, 'system-name', 'QAS plain');
      await typeChecked(driver, 'system-url', 'http://qas.example.invalid:8000');
      await typeChecked(driver, 'system-user', 'DEVELOPER');
      await typeChecked(driver, 'system-password', 'secret-2');
      await click(driver, 'system-save');
      const url = await byTestId(driver, 'system-url');
      await driver.wait(async () => (await url.getAttribute('value-state')) === 'Negative', 10_000, 'plain http was not refused');
      await click(driver, 'system-allow-http');
      await driver.wait(async () => (await (await byTestId(driver, 'system-allow-http')).getAttribute('checked')) !== null, 5_000, 'switch not on');
      await click(driver, 'system-save');
      await waitForContent(driver, 'systems-notice', /QAS plain.*saved/);
      await driver.wait(
        async () => {
          const items = await driver.findElements(By.css('[data-testid="system-item"][data-system-name="QAS plain"]'));
          return items.length === 1 && (await items[0].getAttribute('additional-text')) === 'Unencrypted HTTP';
        },
        15_000,
        'the list does not mark QAS plain as unencrypted',
      );
      await screenshot(driver, 'systems-unencrypted-http');
    });
  });

  it('explains a wrong password and offers to check it', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'systems-wrong-password', async () => {
      // A copy of the Sandbox with a wrong password: same server, logon refused.
      const sandbox = await driver.findElement(By.css('[data-testid="system-item"][data-system-name="Sandbox"]'));
      await clickListItem(driver, sandbox);
      await click(driver, 'system-duplicate');
      await waitForContent(driver, 'systems-notice', /Sandbox \(copy\)/);
      await typeChecked(driver, 'system-password', 'wrong-password');
      // The form is changed, so the button saves first.
      await waitForContent(driver, 'system-test', /Save and test/, 5_000);
      await click(driver, 'system-test');
      await waitForText(driver, 'active-system', /Sandbox \(copy\)/);
      await waitForText(driver, 'connection-state', /^Failed$/, 45_000);
      const text = await waitForContent(driver, 'connection-error', /Logon failed/, 15_000);
      assert.match(text, /Logon failed/);
      assert.match(text, /user, the password and the client/);
      await screenshot(driver, 'systems-logon-failed');
      // The next step takes the user to the password field.
      await waitForContent(driver, 'error-next-step', /Check user and password/);
      await click(driver, 'error-next-step');
      await driver.wait(
        async () => (await driver.executeScript('return document.activeElement?.dataset?.testid')) === 'system-password',
        5_000,
        'the password field did not get the focus',
      );
    });
  });

  it('asks before dropping an unsaved draft, and keeps it when the user cancels', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'systems-unsaved-draft', async () => {
      await click(driver, 'system-new');
      const form = await byTestId(driver, 'system-form');
      await driver.wait(async () => (await form.getAttribute('aria-label')) === 'New system', 5_000, 'new form not shown');
      await typeChecked(driver, 'system-name', 'QAS draft');
      const sandbox = () => driver.findElement(By.css('[data-testid="system-item"][data-system-name="Sandbox"]'));

      // Another system from the list: asked; cancelled, the draft stays as typed.
      await clickListItem(driver, await sandbox());
      const dialog = await waitForDialog(driver, 'confirm-dialog');
      assert.match(await dialog.getAttribute('header-text'), /Discard unsaved changes/);
      assert.match(await dialog.getText(), /new system “QAS draft” is not saved/);
      await screenshot(driver, 'systems-unsaved-draft');
      await confirmDialog(driver, 'confirm-dialog', 'confirm-dialog-cancel');
      assert.equal(await (await byTestId(driver, 'system-form')).getAttribute('aria-label'), 'New system');
      assert.equal(await inputValue(driver, 'system-name'), 'QAS draft');

      // Another new form: asked too (seen here in the dark theme; the dialog is modal).
      await setTheme(driver, 'sap_horizon_dark');
      await click(driver, 'system-new');
      await waitForDialog(driver, 'confirm-dialog');
      await screenshot(driver, 'systems-unsaved-draft-dark');
      await confirmDialog(driver, 'confirm-dialog', 'confirm-dialog-cancel');
      assert.equal(await inputValue(driver, 'system-name'), 'QAS draft');
      await setTheme(driver, 'sap_horizon');

      // Discarding opens the system the user clicked.
      await clickListItem(driver, await sandbox());
      await waitForDialog(driver, 'confirm-dialog');
      await confirmDialog(driver, 'confirm-dialog', 'confirm-dialog-confirm');
      await driver.wait(async () => (await (await byTestId(driver, 'system-form')).getAttribute('aria-label')) === 'Settings of Sandbox', 5_000, 'the clicked system did not open');

      // An unchanged form is left without a question.
      await click(driver, 'system-new');
      await driver.wait(async () => (await (await byTestId(driver, 'system-form')).getAttribute('aria-label')) === 'New system', 5_000, 'new form not shown');
      await clickListItem(driver, await sandbox());
      await driver.wait(async () => (await (await byTestId(driver, 'system-form')).getAttribute('aria-label')) === 'Settings of Sandbox', 5_000, 'a blank new form held the user back');
    });
  });

  it('asks before the window closes with an unsaved draft, even from another area', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'systems-close-with-draft', async () => {
      await click(driver, 'system-new');
      await driver.wait(async () => (await (await byTestId(driver, 'system-form')).getAttribute('aria-label')) === 'New system', 5_000, 'new form not shown');
      await typeChecked(driver, 'system-name', 'QAS close');
      await click(driver, 'nav-dumps');
      await byTestId(driver, 'dumps-page');

      await closeWindowAsTheUserDoes();
      const dialog = await waitForDialog(driver, 'confirm-dialog');
      assert.match(await dialog.getAttribute('header-text'), /Close Agent Desk/);
      assert.match(await dialog.getText(), /The new system “QAS close” is not saved/);
      await screenshot(driver, 'systems-close-with-draft');
      // Cancelled: the window stays and shows the draft.
      await confirmDialog(driver, 'confirm-dialog', 'confirm-dialog-cancel');
      await byTestId(driver, 'systems-page');
      assert.equal(await inputValue(driver, 'system-name'), 'QAS close');

      // Agreed: the window closes.
      await closeWindowAsTheUserDoes();
      await waitForDialog(driver, 'confirm-dialog');
      const confirm = await driver.executeScript(
        "return [...document.querySelectorAll('[data-testid=\"confirm-dialog\"]')].find((d) => d.open)?.querySelector('[data-testid=\"confirm-dialog-confirm\"]')",
      );
      // The window can go while WebDriver still answers the click.
      await confirm.click().catch(() => {});
      await driver.wait(() => driver.getTitle().then(() => false, () => true), 15_000, 'the window stayed open');
    });
  });
});
