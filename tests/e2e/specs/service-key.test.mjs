// Systems: a Cloud Integration system from a BTP service key file. The form is filled from the
// key, the client secret never reaches the page (the app holds it and stores it in the OS
// keyring on save), and the saved system signs in with OAuth client credentials.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STORE_FILE, byTestId, click, launchApp, screenshot, setTheme, waitForContent, withScreenshotOnFailure } from '../support/app.js';

const SECRET = '0d5b7e1c-4f2a$Zq3Fh-Rk9pXyV2mT8nWc_LsUe4oJ=';
const KEY = {
  oauth: {
    clientid: 'sb-6b1a5a39-2c1f-4b8e-9d6e-2f1c0a7e4b21!b187461|it!b117912',
    clientsecret: SECRET,
    url: 'https://acme-dev.it-cpi018.cfapps.eu10-003.hana.ondemand.com',
    tokenurl: 'https://acme-dev.authentication.eu10.hana.ondemand.com/oauth/token',
    createdate: '2025-01-31T10:11:12.123Z',
  },
};

async function inputValue(driver, id) {
  return driver.executeScript('return arguments[0].value', await byTestId(driver, id));
}

describe('Systems: service key', () => {
  let app;
  before(async () => {
    app = await launchApp();
    await click(app.driver, 'nav-systems');
  });
  after(async () => {
    await app?.stop();
  });

  it('fills a Cloud Integration system from a service key file and keeps the secret out of the page', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'service-key-file', async () => {
      const file = join(app.home, 'cpi-service-key.json');
      writeFileSync(file, JSON.stringify(KEY, null, 2));
      app.answerDialogs({ open: [file] });
      await click(driver, 'system-open-service-key');
      await waitForContent(driver, 'systems-notice', /filled from the service key/);
      assert.equal(await inputValue(driver, 'system-url'), 'https://acme-dev.it-cpi018.cfapps.eu10-003.hana.ondemand.com/api/v1/');
      assert.equal(await inputValue(driver, 'system-token-url'), KEY.oauth.tokenurl);
      assert.equal(await inputValue(driver, 'system-client-id'), KEY.oauth.clientid);
      await waitForContent(driver, 'system-client-secret-state', /From the service key/);
      assert.equal(await inputValue(driver, 'system-client-secret'), '', 'the secret is not in the form');
      const page = await driver.executeScript('return document.documentElement.outerHTML');
      assert.ok(!page.includes(SECRET), 'the client secret never reaches the page');
      await screenshot(driver, 'systems-service-key-filled-light');

      await click(driver, 'system-save');
      await waitForContent(driver, 'systems-notice', /Cloud Integration acme-dev.*saved/);
      // Stored in the keyring (the view reads it there), not in the store file.
      await waitForContent(driver, 'system-client-secret-state', /^Stored$/);
      const store = readFileSync(join(app.home, STORE_FILE), 'utf8');
      assert.ok(store.includes('oauth_client_credentials') && store.includes(KEY.oauth.tokenurl), 'settings saved');
      assert.ok(!store.includes(SECRET), 'the secret is not in the store file');
      await setTheme(driver, 'sap_horizon_dark');
      await screenshot(driver, 'systems-service-key-saved-dark');
      await setTheme(driver, 'sap_horizon');
    });
  });

  it('refuses a certificate key with what to create instead', async () => {
    const { driver } = app;
    await withScreenshotOnFailure(driver, 'service-key-certificate', async () => {
      const file = join(app.home, 'cert-key.json');
      const { clientsecret: _omit, ...oauth } = KEY.oauth;
      writeFileSync(file, JSON.stringify({ oauth: { ...oauth, certificate: '-----BEGIN CERTIFICATE-----', key: '-----BEGIN RSA PRIVATE KEY-----' } }));
      app.answerDialogs({ open: [file] });
      await click(driver, 'system-open-service-key');
      await waitForContent(driver, 'error-panel', /client certificate/);
    });
  });
});
