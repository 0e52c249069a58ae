// Starts the real Agent Desk binary under tauri-driver (which drives Debian's WebKitWebDriver)
// with its own data folder and its own keyring, so every run starts fresh:
//   - HOME and XDG_* point to a temp folder: the store file starts empty;
//   - a private D-Bus session with an unlocked gnome-keyring holds the secrets;
//   - tauri-driver listens on free, non-default ports so parallel runs do not collide.
// The display comes from the caller (`xvfb-run -a npm test`).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, By, Key } from 'selenium-webdriver';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');
export const screenshotDir = resolve(here, '..', 'screenshots');
const execFileAsync = promisify(execFile);

/** The app binary: AGENT_DESK_BIN, else `<CARGO_TARGET_DIR or target>/debug/agent-desk`. */
export function appBinary() {
  if (process.env.AGENT_DESK_BIN) return resolve(process.env.AGENT_DESK_BIN);
  const target = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(repoRoot, 'target');
  return join(target, 'debug', 'agent-desk');
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolveWait, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolveWait();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/**
 * Starts `dbus-daemon` for this run and reads its address. Its stderr (and that of the
 * services it activates: portals, PipeWire, ...) is only noise in test output, so it is
 * dropped unless E2E_VERBOSE is set.
 */
function startDbus(env) {
  return new Promise((resolveBus, reject) => {
    const daemon = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
      env,
      stdio: ['ignore', 'pipe', process.env.E2E_VERBOSE ? 'inherit' : 'ignore'],
    });
    let out = '';
    daemon.on('error', reject);
    daemon.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolveBus({ daemon, address: line.trim() });
    });
    daemon.on('exit', (code) => reject(new Error(`dbus-daemon exited (${code})`)));
  });
}

/** Starts gnome-keyring's Secret Service in the private bus, unlocked with a throwaway password. */
function startKeyring(env) {
  return new Promise((resolveKeyring, reject) => {
    const keyring = spawn('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
      env,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    keyring.on('error', reject);
    keyring.stdin.end('e2e-keyring-password');
    // It forks a daemon and prints its environment; the parent exits when the daemon is ready.
    keyring.on('exit', (code) => (code === 0 ? resolveKeyring() : reject(new Error(`gnome-keyring-daemon exited (${code})`))));
  });
}

/** The store file's path under a run's home (the app data folder of the bundle identifier). */
export const STORE_FILE = join('data', 'com.agentdesk.desktop', 'agent-desk.json');

/**
 * Launches the app and returns `{ driver, stop }`. Always call `stop()` (in `after`).
 * `options.keyring === false` runs without a Secret Service (the app falls back to
 * session-only passwords). `options.home` starts on another run's folder (a second instance on
 * the same data; it is left for its owner to remove); `options.files` writes files under the
 * home first, e.g. `{ [STORE_FILE]: '{...' }`; `options.env` adds environment variables.
 */
export async function launchApp(options = {}) {
  const application = appBinary();
  if (!existsSync(application)) {
    throw new Error(`no app binary at ${application}: build it with \`tauri build --debug --no-bundle\``);
  }
  const ownsHome = !options.home;
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'agent-desk-e2e-'));
  for (const dir of ['data', 'config', 'cache', 'runtime']) mkdirSync(join(home, dir), { recursive: true, mode: 0o700 });
  for (const [path, contents] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(home, path)), { recursive: true, mode: 0o700 });
    writeFileSync(join(home, path), contents);
  }
  const env = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_RUNTIME_DIR: join(home, 'runtime'),
    // WebKitGTK's sandbox needs user namespaces, which CI containers often lack.
    WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS: '1',
    RUST_LOG: process.env.RUST_LOG ?? 'info',
    // The native file dialogs cannot be driven; the app's dialogs answer from this file.
    AGENT_DESK_DIALOG_ANSWERS: join(home, 'dialog-answers.json'),
    ...options.env,
  };
  const children = [];
  let driver;
  const stop = async () => {
    if (driver) await driver.quit().catch(() => {});
    for (const child of children.reverse()) {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
      }
    }
    // The web process (a grandchild) may still be writing its caches for a moment: retry,
    // and never fail a test over a temporary folder left behind.
    if (ownsHome) {
      try {
        rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      } catch (error) {
        console.warn(`could not remove ${home}: ${error.message}`);
      }
    }
  };

  try {
    const bus = await startDbus(env);
    children.push(bus.daemon);
    env.DBUS_SESSION_BUS_ADDRESS = bus.address;
    if (options.keyring !== false) await startKeyring(env);

    const port = await freePort();
    const nativePort = await freePort();
    const tauriDriver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(tauriDriver);
    await waitForPort(port, 15_000);

    driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}/`)
      .withCapabilities({ browserName: 'wry', 'tauri:options': { application } })
      .build();
    /** What the app's next file dialogs answer: `{ open: [paths], save: path }` (missing: cancelled). */
    const answerDialogs = (answers) => writeFileSync(env.AGENT_DESK_DIALOG_ANSWERS, JSON.stringify(answers));
    return { driver, stop, home, answerDialogs };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Waits for `[data-testid=id]` to be in the page and returns it. When several elements carry
 * the id (a page with two value helps or confirmation dialogs, only one of them open), the
 * one the user sees: it waits for one to be displayed.
 */
export async function byTestId(driver, id, timeoutMs = 20_000) {
  const locator = By.css(`[data-testid="${id}"]`);
  return driver.wait(
    async () => {
      // WebKitWebDriver's search fails with "stale element" when React replaces a match while
      // it runs (a re-render after a resize or a refresh): search again.
      const found = await driver.findElements(locator).catch((error) => {
        if (error.name === 'StaleElementReferenceError') return null;
        throw error;
      });
      if (found === null) return null;
      if (found.length <= 1) return found[0] ?? null;
      for (const element of found) {
        if (await element.isDisplayed().catch(() => false)) return element;
      }
      return null;
    },
    timeoutMs,
    `no [data-testid="${id}"] (or none of several displayed)`,
  );
}

/**
 * Clicks `[data-testid=id]` (or an element already found) once it can take the click:
 * enabled (the host's property and the button UI5 renders in its shadow root a frame later)
 * and not under an active busy indicator, whose overlay would swallow it. A click the page
 * still intercepts (an overlay fading out) is tried again until the timeout.
 */
export async function click(driver, target, timeoutMs = 20_000) {
  let element = typeof target === 'string' ? await byTestId(driver, target, timeoutMs) : target;
  const name = typeof target === 'string' ? `[data-testid="${target}"]` : 'the element';
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await driver
      .wait(async () => {
        const state = await driver.executeScript(CAN_TAKE_A_CLICK, element).catch((error) => (error.name === 'StaleElementReferenceError' ? 'gone' : Promise.reject(error)));
        if (state === 'gone' || (state === false && typeof target === 'string' && !(await driver.executeScript('return arguments[0].isConnected', element).catch(() => false)))) {
          // React replaced the element (a re-render after a resize or a refresh): find it again.
          if (typeof target !== 'string') return false;
          element = await byTestId(driver, target, Math.max(deadline - Date.now(), 1));
          return false;
        }
        return state;
      }, Math.max(deadline - Date.now(), 1))
      .catch(() => false);
    if (!ready) throw new Error(`${name} stayed disabled or busy for ${timeoutMs} ms`);
    try {
      await element.click();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      if (error.name === 'StaleElementReferenceError' && typeof target === 'string') {
        // React replaced the element (a re-render after a resize or a refresh): find it again.
        element = await byTestId(driver, target, Math.max(deadline - Date.now(), 1));
        continue;
      }
      if (error.name !== 'ElementClickInterceptedError') throw error;
      await driver.sleep(100);
    }
  }
}

const CAN_TAKE_A_CLICK = `
  const el = arguments[0];
  if (!el.isConnected || el.disabled === true) return false;
  const inner = el.shadowRoot?.querySelector('button');
  if (inner && inner.disabled) return false;
  for (let node = el; node; node = node.parentElement ?? node.getRootNode()?.host ?? null) {
    if (node.tagName === 'UI5-BUSY-INDICATOR' && node.active) return false;
  }
  return true;`;

/** Waits until the text of `[data-testid=id]` matches `pattern`; returns the text. */
export async function waitForText(driver, id, pattern, timeoutMs = 30_000) {
  let element = await byTestId(driver, id, timeoutMs);
  let last = '';
  await driver.wait(
    async () => {
      try {
        last = await element.getText();
      } catch (error) {
        if (error.name !== 'StaleElementReferenceError') throw error;
        // React replaced the element (e.g. another item's detail): read the new one.
        element = await byTestId(driver, id, timeoutMs);
        return false;
      }
      return pattern.test(last);
    },
    timeoutMs,
    `[data-testid="${id}"] never matched ${pattern}`,
  ).catch((error) => {
    throw new Error(`${error.message} (last text: ${JSON.stringify(last)})`);
  });
  return last;
}

/**
 * Waits until the page text of `[data-testid=id]` (textContent, which also holds what UI5
 * components render through their shadow DOM, unlike getText) matches `pattern`.
 */
export async function waitForContent(driver, id, pattern, timeoutMs = 30_000) {
  // Read afresh on every try: React may replace the element, and a page may hold several
  // with this id (one per tab or dialog); any of them matching counts.
  let last = '';
  let matched = null;
  await driver
    .wait(async () => {
      const texts = await driver.executeScript(
        `return [...document.querySelectorAll('[data-testid="' + arguments[0] + '"]')].map((e) => (e.textContent ?? '').trim())`,
        id,
      );
      matched = texts.find((text) => pattern.test(text)) ?? null;
      last = texts.join(' | ');
      return matched !== null;
    }, timeoutMs)
    .catch(() => {
      throw new Error(`[data-testid="${id}"] never matched ${pattern} (last text: ${JSON.stringify(last)})`);
    });
  return matched;
}

/** Waits until the UI5 dialog `[data-testid=id]` is open (or, with `open` false, closed). */
export async function waitForDialog(driver, id, open = true, timeoutMs = 10_000) {
  // A page may hold several dialogs with this id (one per use); the open one counts.
  const openOne = () =>
    driver.executeScript(
      `return [...document.querySelectorAll('[data-testid="' + arguments[0] + '"]')].find((d) => d.open === true) ?? null`,
      id,
    );
  let dialog = null;
  await driver.wait(
    async () => {
      dialog = await openOne();
      return open ? dialog !== null : dialog === null;
    },
    timeoutMs,
    `[data-testid="${id}"] did not ${open ? 'open' : 'close'}`,
  );
  return dialog;
}

/**
 * Clicks `buttonId` in the open dialog `dialogId` until the dialog closes. UI5 buttons render
 * their enabled state a frame after React sets it, so a first click can be lost; once the
 * dialog is closed nothing is clicked again, so the action runs once.
 */
export async function confirmDialog(driver, dialogId, buttonId, tries = 3) {
  for (let attempt = 0; attempt < tries; attempt++) {
    const button = await driver.executeScript(
      `return [...document.querySelectorAll('[data-testid="' + arguments[0] + '"]')].find((d) => d.open === true)?.querySelector('[data-testid="' + arguments[1] + '"]') ?? null`,
      dialogId,
      buttonId,
    );
    if (!button) return;
    await button.click().catch(() => {});
    const closed = await waitForDialog(driver, dialogId, false, 4_000).then(() => true, () => false);
    if (closed) return;
  }
  await waitForDialog(driver, dialogId, false, 1_000);
}

/**
 * Clicks `buttonId` until `[data-testid=resultId]` matches `pattern`; returns the text. UI5
 * buttons render their enabled state a frame after React sets it, so a click right after
 * enabling can be lost. Only for actions whose repetition is harmless or visible.
 */
export async function clickUntilText(driver, buttonId, resultId, pattern, tries = 3) {
  for (let attempt = 1; ; attempt++) {
    await (await byTestId(driver, buttonId)).click();
    try {
      return await waitForText(driver, resultId, pattern, 10_000);
    } catch (error) {
      if (attempt >= tries) throw error;
    }
  }
}

/**
 * Replaces the text of a UI5 input (the real <input> lives in its shadow root). Select-all
 * plus typing fires the input events the component (and React) listen to; `clear()` does not.
 */
export async function typeInto(driver, id, text) {
  const host = await byTestId(driver, id);
  const inner = await driver.executeScript('return arguments[0].shadowRoot?.querySelector("input") ?? arguments[0]', host);
  await inner.sendKeys(Key.chord(Key.CONTROL, 'a'), Key.BACK_SPACE);
  if (text) await inner.sendKeys(text);
}

/**
 * Saves a screenshot of the app's window as screenshots/<name>.png, taken from the X display
 * (what the user sees). Not WebDriver's screenshot: where the app renders without compositing
 * (machines without a GPU, such as CI) WebKitWebDriver's snapshot of an idle page never returns,
 * although the window repaints.
 */
export async function screenshot(driver, name) {
  mkdirSync(screenshotDir, { recursive: true });
  const file = join(screenshotDir, `${name.replace(/[^a-z0-9_-]+/gi, '_')}.png`);
  // Two frames, so that what the last action changed has been painted.
  await driver.executeAsyncScript('const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()));');
  const { x, y, width, height } = await driver.manage().window().getRect();
  const crop = `${Math.round(width)}x${Math.round(height)}+${Math.max(0, Math.round(x))}+${Math.max(0, Math.round(y))}`;
  await execFileAsync('import', ['-window', 'root', '-crop', crop, '+repage', file], { timeout: 30_000 });
  return file;
}

/** Chooses an option of a UI5 select: opens its list until the option shows, then clicks it. */
export async function chooseOption(driver, selectId, optionId) {
  const select = await byTestId(driver, selectId);
  const option = await byTestId(driver, optionId);
  await driver.wait(
    async () => {
      if (!(await option.isDisplayed())) await select.click();
      return option.isDisplayed();
    },
    10_000,
    `option ${optionId} never shown`,
  );
  await option.click();
}

/** Runs `body`; on failure saves a screenshot named after the test, then rethrows. */
export async function withScreenshotOnFailure(driver, name, body) {
  try {
    return await body();
  } catch (error) {
    const file = await screenshot(driver, `FAILED-${name}`).catch(() => null);
    if (file) error.message += `\n  screenshot: ${file}`;
    throw error;
  }
}

/** Switches the app to `theme` (`sap_horizon` or `sap_horizon_dark`) with the shell's theme switch. */
export async function setTheme(driver, theme) {
  const current = () => driver.executeScript('return document.documentElement.dataset.theme');
  if ((await current()) === theme) return;
  await click(driver, 'theme-switch');
  await driver.wait(async () => (await current()) === theme, 5_000, `the theme did not become ${theme}`);
}

/** Scrolls `[data-testid=id]` into the middle of the view (for a screenshot of a result below the fold). */
export async function scrollIntoView(driver, id, timeoutMs = 10_000) {
  // Found and scrolled in one script: an element handle kept between two calls can go stale
  // when React renders the element again in between.
  await driver.wait(
    () =>
      driver.executeScript(
        'const el = [...document.querySelectorAll(`[data-testid="${arguments[0]}"]`)].find((e) => e.getClientRects().length > 0); if (!el) return false; el.scrollIntoView({ block: "center" }); return true;',
        id,
      ),
    timeoutMs,
    `[data-testid="${id}"] never appeared to scroll to`,
  );
}

/**
 * How many elements match `css` now, counted in the page: unlike `findElements`, it never fails
 * with a stale element when React replaces a matching element during the search.
 */
export async function countOf(driver, css) {
  return driver.executeScript('return document.querySelectorAll(arguments[0]).length', css);
}
