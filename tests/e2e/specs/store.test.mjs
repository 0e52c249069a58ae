// The store file as a user meets it: a damaged file is kept and reported (and the previous
// version restored from the notice), and a second Agent Desk on the same data folder is refused
// without touching the first one's file.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { STORE_FILE, byTestId, click, launchApp, screenshot, waitForText, withScreenshotOnFailure } from '../support/app.js';

const GARBLED = '{"profiles":{"schema_version":1,"profiles":[{"id":"a1","settings":{"display_na';
const BEFORE = JSON.stringify({
  profiles: {
    schema_version: 1,
    profiles: [
      {
        id: 'before-the-damage',
        is_demo: false,
        settings: {
          display_name: 'Before the damage',
          service_kind: 'abapgit_agent',
          base_url: 'https://dev.example.com:44300',
          client: '100',
          language: 'EN',
          user: 'DEVELOPER',
          auth: 'basic',
          tls: { extra_ca_file: null, insecure: false },
          proxy: { mode: 'none' },
          timeouts: { connect_seconds: 5, request_seconds: 30 },
          git_username: '',
        },
      },
    ],
  },
});

describe('store file', () => {
  const apps = [];
  after(async () => {
    for (const app of apps.reverse()) await app.stop();
  });

  it('starts on a garbled store file, keeps it, says so and restores the previous version', async () => {
    const app = await launchApp({ files: { [STORE_FILE]: GARBLED, [`${STORE_FILE}.bak`]: BEFORE } });
    apps.push(app);
    await withScreenshotOnFailure(app.driver, 'store-damaged', async () => {
      const text = await waitForText(app.driver, 'store-notice-damaged', /damaged file was kept as .*agent-desk\.json\.damaged-/, 45_000);
      const folder = join(app.home, dirname(STORE_FILE));
      const kept = readdirSync(folder).find((name) => name.startsWith('agent-desk.json.damaged-'));
      assert.ok(kept && text.includes(kept), `${text} / ${readdirSync(folder)}`);
      assert.equal(readFileSync(join(folder, kept), 'utf8'), GARBLED, 'kept byte for byte');
      await screenshot(app.driver, 'store-damaged-notice');
      const themeOf = () => app.driver.executeScript('return document.documentElement.dataset.theme');
      const light = await themeOf();
      await click(app.driver, 'theme-switch');
      await app.driver.wait(async () => (await themeOf()) !== light, 5_000, 'theme did not change');
      await screenshot(app.driver, 'store-damaged-notice-dark');
      await click(app.driver, 'theme-switch');
      await app.driver.wait(async () => (await themeOf()) === light, 5_000, 'theme did not switch back');

      await click(app.driver, 'store-restore');
      await click(app.driver, 'confirm-dialog-confirm');
      await waitForText(app.driver, 'store-notice-restored', /previous version was restored.*kept as .*replaced-/s);
      assert.deepEqual(JSON.parse(readFileSync(join(app.home, STORE_FILE), 'utf8')), JSON.parse(BEFORE));
      await screenshot(app.driver, 'store-restored-notice');
    });
  });

  it('shows which version wrote a newer store file and leaves it untouched', async () => {
    const newer = JSON.stringify({ profiles: { schema_version: 9, profiles: [] }, jobs: [] });
    const app = await launchApp({ files: { [STORE_FILE]: newer } });
    apps.push(app);
    await withScreenshotOnFailure(app.driver, 'store-too-new', async () => {
      await waitForText(app.driver, 'store-blocked-text', /newer version of Agent Desk \(data version 9\)/, 45_000);
      await screenshot(app.driver, 'store-too-new-screen');
    });
    assert.equal(readFileSync(join(app.home, STORE_FILE), 'utf8'), newer);
    // The webview keeps its caches in the same folder: only the store's own files count.
    const storeFiles = readdirSync(join(app.home, dirname(STORE_FILE))).filter(
      (name) => name.startsWith('agent-desk.json') && !name.endsWith('.lock'),
    );
    assert.deepEqual(storeFiles, ['agent-desk.json'], 'no backup, no temporary file');
  });

  it('refuses a second Agent Desk on the same data folder and leaves the first one\'s file alone', async () => {
    const first = await launchApp();
    apps.push(first);
    await waitForText(first.driver, 'active-system', /Sandbox/, 45_000);
    const before = readFileSync(join(first.home, STORE_FILE), 'utf8');
    assert.match(before, /Sandbox/);

    const second = await launchApp({ home: first.home });
    apps.push(second);
    await withScreenshotOnFailure(second.driver, 'store-locked', async () => {
      await waitForText(second.driver, 'store-blocked-text', /Another Agent Desk window uses the same data/, 45_000);
      await screenshot(second.driver, 'store-locked-screen');
    });
    assert.equal(readFileSync(join(first.home, STORE_FILE), 'utf8'), before, 'the second one wrote nothing');
    await waitForText(first.driver, 'active-system', /Sandbox/);
  });
});
