// Screenshots for docs/screens/: every area of the app on the embedded sandbox, at 1440×900 and
// 1024×640, in the light and the dark theme. Not a test; run it after a UI change and look at
// what changed (from tests/e2e, with the app built as for the end-to-end suite):
//   xvfb-run -a --server-args="-screen 0 1600x1000x24" node docs-screenshots.mjs [area ...]
// (with area ids: only those areas, e.g. `node docs-screenshots.mjs messages`).
// Each area is shown with something in it, reached the way a new user would: the first
// launch's "Try the sandbox" links, then a search or a click where the area starts empty.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { byTestId, click, launchApp, screenshot, setTheme, typeInto } from './support/app.js';

const docs = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screens');
const SIZES = [
  [1440, 900],
  [1024, 640],
];
const THEMES = { light: 'sap_horizon', dark: 'sap_horizon_dark' };
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Clicks a table row by its test id once it is there (rows select themselves on a click). */
async function clickRow(driver, id) {
  const row = await byTestId(driver, id, 30_000);
  await driver.executeScript('arguments[0].scrollIntoView({ block: "center" })', row);
  // A cell, not the row: WebKitWebDriver calls a row whose centre is under the sticky header not interactable.
  const cell = await driver.executeScript('return arguments[0].querySelector("[ui5-table-cell]") ?? arguments[0]', row);
  await click(driver, cell);
}

/** How each area is brought into a state worth showing; `null`: the area as it opens. */
const AREAS = [
  ['systems', null],
  ['explore', async (driver) => {
    await click(driver, 'nav-systems');
    await click(driver, 'try-explore');
    await driver.wait(async () => (await driver.executeScript('return document.querySelectorAll(".sv-line").length')) > 0, 30_000, 'the class never showed');
  }],
  ['preview', async (driver) => {
    await click(driver, 'nav-systems');
    await click(driver, 'try-preview');
    await byTestId(driver, 'data-grid', 30_000);
  }],
  ['checks', null],
  ['repositories', null],
  ['import', null],
  ['dumps', async (driver) => {
    await click(driver, 'nav-dumps');
    await click(driver, 'dumps-search');
    await click(driver, 'dump-row', 30_000);
    await byTestId(driver, 'dump-detail', 30_000);
  }],
  ['transports', null],
  ['objects', null],
  ['work-items', async (driver) => {
    await click(driver, 'nav-systems');
    await click(driver, 'try-work-items');
    await byTestId(driver, 'work-items-page', 30_000);
    await click(driver, 'wi-load-list');
    await driver.wait(async () => (await driver.executeScript('return document.querySelectorAll(\'[data-testid^="wi-row-"]\').length')) > 0, 30_000, 'the worklist stayed empty');
    // Open the first item, so that the detail shows beside the list.
    await driver.executeScript('document.querySelector(\'[data-testid^="wi-row-"]\').click()');
  }],
  ['messages', async (driver) => {
    await click(driver, 'nav-messages');
    await click(driver, 'mm-switch-tenant');
    await byTestId(driver, 'mm-monitor', 30_000);
    // The failed messages, the newest one open beside the list with its error.
    await click(driver, 'mm-status-FAILED');
    await driver.wait(async () => (await driver.executeScript('return document.querySelector(\'[data-testid="mm-table"] [data-index="0"]\')?.dataset.status')) === 'FAILED', 30_000, 'no failed messages');
    await driver.executeScript('document.querySelector(\'[data-testid="mm-table"] [data-index="0"]\').click()');
    await byTestId(driver, 'mm-error-text', 30_000);
  }],
  // Cloud Integration: the sandbox tenant, reached from the area's offer to switch to it.
  ['cpi-content', async (driver) => {
    await click(driver, 'nav-cpi-content');
    // The message monitor may have switched to the tenant already.
    await click(driver, 'cpi-switch-tenant', 5_000).catch(() => {});
    await clickRow(driver, 'cpi-package-ZFinanceBanking');
    await clickRow(driver, 'cpi-artifact-ExchangeRates_ECB_to_S4');
    await byTestId(driver, 'cpi-configuration', 30_000);
  }],
  ['cpi-runtime', async (driver) => {
    await click(driver, 'nav-cpi-runtime');
    // The flow in ERROR, with its error read from the tenant.
    await clickRow(driver, 'cpi-runtime-Error_Notification_Email');
    await byTestId(driver, 'cpi-runtime-error', 30_000);
  }],
  ['cpi-partners', async (driver) => {
    await click(driver, 'nav-cpi-partners');
    await clickRow(driver, 'cpi-partner-BANK_DEUTSCHE');
    await byTestId(driver, 'cpi-string-EBICS_UserId', 30_000);
  }],
  ['cpi-security', async (driver) => {
    await click(driver, 'nav-cpi-security');
    await driver.wait(async () => (await driver.executeScript('return document.querySelectorAll(\'[data-testid^="cpi-keystore-"]\').length')) > 0, 30_000, 'the keystore stayed empty');
  }],
  ['cpi-logs', null],
  // The transaction bridge demo: SU01's FindUsers run for the Sales department.
  ['transactions', async (driver) => {
    await click(driver, 'nav-transactions');
    await click(driver, 'tx-switch-bridge');
    await byTestId(driver, 'tx-workbench', 30_000);
    await typeInto(driver, 'tx-app', 'su01users');
    await click(driver, 'tx-app-open');
    await click(driver, 'tx-op-FindUsers', 30_000);
    await typeInto(driver, 'tx-field-Department', 'Sales');
    await click(driver, 'tx-run');
    await byTestId(driver, 'tx-table-Users', 30_000);
  }],
];
const only = process.argv.slice(2);

async function main() {
  mkdirSync(docs, { recursive: true });
  const app = await launchApp();
  const { driver } = app;
  try {
    await byTestId(driver, 'try-the-sandbox', 60_000);
    const bridge = await driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke('profiles_list').then((all) => done(all.some((s) => s.profile.settings.service_kind === 'transaction_bridge')), () => done(false));`,
    );
    const tenant = await driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke('profiles_list').then((all) => done(all.some((s) => s.profile.settings.service_kind === 'cloud_integration')), () => done(false));`,
    );
    for (const [area, prepare] of AREAS.filter(([id]) => !only.length || only.includes(id))) {
      // The Cloud Integration areas need a tenant profile (the sandbox's comes with the service kind).
      if (area.startsWith('cpi-') && !tenant) continue;
      // The transaction bridge demo system comes with its service kind (helper `oauth`).
      if (area === 'transactions' && !bridge) continue;
      if (prepare) await prepare(driver);
      else await click(driver, `nav-${area}`);
      await byTestId(driver, `page-${area}`, 30_000);
      for (const [width, height] of SIZES) {
        await driver.manage().window().setRect({ width, height });
        for (const [themeName, theme] of Object.entries(THEMES)) {
          await setTheme(driver, theme);
          // Let the theme's colours and any data still arriving settle.
          await sleep(1_500);
          const name = `${area}-${width}x${height}-${themeName}`;
          copyFileSync(await screenshot(driver, `docs-${name}`), join(docs, `${name}.png`));
          console.log(`docs/screens/${name}.png`);
        }
      }
      await setTheme(driver, THEMES.light);
      await driver.manage().window().setRect({ width: 1440, height: 900 });
    }
  } finally {
    await app.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
