// Message monitor benchmark (not a test): figures measured in the real app against the
// simulated Cloud Integration tenant, printed as a table. Run it on the release build:
//   ui/node_modules/.bin/tauri build --no-bundle (or cargo build --release), then from tests/e2e:
//   AGENT_DESK_BIN=<target>/release/agent-desk xvfb-run -a --server-args="-screen 0 1440x900x24" node bench/messages-bench.mjs
// Measures:
//   - time to first rows: the click on "Message monitor" to the frame after the first rows are
//     in the DOM, on a fresh start of the app (the area's code, the first page of the past 7
//     days and the counts per status), and for a status chip (FAILED);
//   - requests per screen: HTTP requests the tenant served (the sandbox counts them) for the
//     first opening, re-entering the area, a refresh, a message's detail (first and again);
//   - scrolling through 20,000 messages: the list scrolled by a steady 600 px (15 rows) per
//     frame until 20,000 rows have passed; further pages are read as the user would (the list
//     reads the next 1,000 when it comes near the end). Frame times from requestAnimationFrame
//     timestamps in the webview: p50/p95/p99, frames over 25 ms;
//   - memory: PSS of the app and its WebKit processes before opening the monitor, after
//     browsing 20,000 messages, and after scrolling through them once more.
import { byTestId, chooseOption, click, launchApp, waitForText } from '../support/app.js';
import { appUsage } from './processes.mjs';

const SCROLL_ROWS = Number(process.argv[2] ?? 20_000);
const PX_PER_FRAME = 600;
const results = [];
const record = (name, value, unit = '', note = '') => results.push({ name, value, unit, note });
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

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

/** Requests the sandbox has served so far (all its services; nothing else runs while measuring). */
async function served(driver) {
  const info = await invoke(driver, 'sandbox_info');
  return info.requests_served ?? null;
}

/** Waits until no request has been served for a second, then answers the count. */
async function quietCount(driver) {
  let last = await served(driver);
  for (;;) {
    await sleep(1000);
    const now = await served(driver);
    if (now === last) return now;
    last = now;
  }
}

/** Starts a timer at the next click and stops it one frame after `selector` holds `inner`. */
async function armTimer(driver, selector, inner) {
  await driver.executeScript(
    `const [selector, inner] = arguments;
     window.__bench = { done: false, ms: null };
     const ready = () => !!document.querySelector(selector)?.querySelector(inner);
     window.addEventListener('click', () => {
       const t0 = performance.now();
       const poll = () => (ready() ? requestAnimationFrame(() => { window.__bench = { done: true, ms: performance.now() - t0 }; }) : requestAnimationFrame(poll));
       requestAnimationFrame(poll);
     }, { capture: true, once: true });`,
    selector,
    inner,
  );
}

async function readTimer(driver, timeoutMs = 60_000) {
  await driver.wait(async () => (await driver.executeScript('return window.__bench && window.__bench.done')) === true, timeoutMs, 'timed step never finished');
  return driver.executeScript('return window.__bench.ms');
}

const countsShown = (driver) =>
  driver.wait(async () => (await driver.executeScript('return document.querySelector(\'[data-testid="mm-status-FAILED"]\')?.dataset.count ?? ""')) !== '', 30_000, 'no counts');

/** Scrolls the list by PX_PER_FRAME per frame until `rows` rows have passed; answers the frame deltas. */
function scrollThrough(driver, rows) {
  return driver.executeAsyncScript(
    `const [rows, px, done] = arguments;
     const list = document.querySelector('[data-testid="mm-table"]');
     const rowHeight = 40;
     list.scrollTop = 0;
     const deltas = [];
     let last = null, waitingFrames = 0;
     const started = performance.now();
     const step = (t) => {
       if (last !== null) deltas.push(t - last);
       last = t;
       const passed = Math.floor((list.scrollTop + list.clientHeight) / rowHeight);
       if (passed >= rows || performance.now() - started > 600000) {
         return done({ deltas, elapsed: performance.now() - started, passed, loaded: Number(list.dataset.rows), waitingFrames });
       }
       const before = list.scrollTop;
       list.scrollTop += px;
       // At the end of what is read: the next page is on its way.
       if (list.scrollTop === before) waitingFrames++;
       requestAnimationFrame(step);
     };
     requestAnimationFrame(step);`,
    rows,
    PX_PER_FRAME,
  );
}

function frameStats(label, { deltas, elapsed }) {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  record(`${label}: frames / elapsed`, `${deltas.length} / ${Math.round(elapsed)}`, 'ms');
  record(`${label}: frame time p50`, at(0.5).toFixed(1), 'ms', 'target ≤ 16.7');
  record(`${label}: frame time p95`, at(0.95).toFixed(1), 'ms', 'target ≤ 16.7');
  record(`${label}: frame time p99 / max`, `${at(0.99).toFixed(1)} / ${sorted[sorted.length - 1].toFixed(1)}`, 'ms');
  record(`${label}: frames over 25 ms`, `${deltas.filter((d) => d > 25).length} of ${deltas.length}`);
}

async function main() {
  const app = await launchApp();
  const { driver } = app;
  await driver.manage().setTimeouts({ script: 900_000 });
  try {
    {
      await waitForText(driver, 'connection-state', /^Connected/, 45_000);
      await sleep(5000);
      const idle = appUsage();
      record('PSS before opening the monitor (app + WebKit)', Math.round(idle.pss), 'MB');
      // The area's code first (it offers the tenant), then the timed switch to the tenant.
      await click(driver, 'nav-messages');
      await byTestId(driver, 'mm-switch-tenant');
      await sleep(2000);
      let before = await quietCount(driver);
      await armTimer(driver, '[data-testid="mm-table"]', '[data-guid]');
      await click(driver, 'mm-switch-tenant');
      record(
        'time to first rows: the tenant chosen in the monitor (past 24 hours)',
        Math.round(
          await readTimer(driver).catch(async (error) => {
            const shown = await driver.executeScript('return document.querySelector(\'[data-testid="messages-page"]\')?.textContent ?? "no monitor"');
            throw new Error(`${error.message}; the monitor shows: ${shown.slice(0, 600)}`);
          }),
        ),
        'ms',
      );
      await countsShown(driver);
      let after = await quietCount(driver);
      record('requests: first screen (list + counts per status; with the tenant\'s token)', after - before);
      // The window of the scroll test.
      before = after;
      await armTimer(driver, '[data-testid="mm-table"]', '[data-guid]');
      await chooseOption(driver, 'mm-filter-time', 'mm-time-week');
      await driver.wait(async () => (await driver.executeScript('return document.querySelector(\'[data-testid="mm-monitor"]\').dataset.loading')) === 'idle', 30_000);
      await countsShown(driver);
      after = await quietCount(driver);
      const total = await driver.executeScript('return document.querySelector(\'[data-testid="mm-total"]\').textContent');
      record('messages in the window', total.replace(/\D/g, ''));
      record('requests: another time window (list + counts)', after - before);

      before = after;
      await click(driver, 'nav-systems');
      await click(driver, 'nav-messages');
      await byTestId(driver, 'mm-table');
      after = await quietCount(driver);
      record('requests: re-entering the monitor (warm)', after - before);

      before = after;
      await click(driver, 'mm-refresh');
      await driver.wait(async () => (await driver.executeScript('return document.querySelector(\'[data-testid="mm-monitor"]\').dataset.loading')) === 'idle', 30_000);
      after = await quietCount(driver);
      record('requests: refresh', after - before);

      before = after;
      const guid = await driver.executeScript('return document.querySelector(\'[data-testid="mm-table"] [data-index="0"]\').dataset.guid');
      await click(driver, `mm-row-${guid}`);
      await byTestId(driver, 'mm-detail-status', 30_000);
      after = await quietCount(driver);
      record('requests: a message\'s detail (first)', after - before);
      const second = await driver.executeScript('return document.querySelector(\'[data-testid="mm-table"] [data-index="1"]\').dataset.guid');
      await click(driver, `mm-row-${second}`);
      await driver.wait(async () => (await driver.executeScript('return document.querySelector(\'[data-testid="mm-detail-status"]\')?.closest(\'[data-testid="mm-detail"]\')?.dataset.guid')) === second, 30_000);
      before = await quietCount(driver);
      await click(driver, `mm-row-${guid}`);
      await driver.wait(async () => (await driver.executeScript('return document.querySelector(\'[data-testid="mm-detail-status"]\')?.closest(\'[data-testid="mm-detail"]\')?.dataset.guid')) === guid, 30_000);
      after = await quietCount(driver);
      record('requests: the same message\'s detail again (warm)', after - before);
      await click(driver, 'mm-detail-close');

      // Scrolling through 20,000 messages, pages read on the way.
      before = await quietCount(driver);
      // The window may hold a few messages fewer than asked: scroll to its end then.
      const scrolled = await scrollThrough(driver, Math.min(SCROLL_ROWS, Number(total.replace(/\D/g, ''))));
      after = await quietCount(driver);
      frameStats(`scroll through ${scrolled.passed} messages at ${PX_PER_FRAME} px/frame`, scrolled);
      record('  rows read while scrolling / frames waiting for a page', `${scrolled.loaded} / ${scrolled.waitingFrames}`);
      record('  requests while scrolling (pages of 1,000)', after - before);
      await sleep(5000);
      const browsed = appUsage();
      record(`PSS after browsing ${scrolled.loaded} messages (app + WebKit)`, Math.round(browsed.pss), 'MB', `+${Math.round(browsed.pss - idle.pss)} MB`);
      for (const [process, mb] of Object.entries(browsed.pssByProcess)) record(`  of which ${process}`, Math.round(mb), 'MB', `was ${Math.round(idle.pssByProcess[process] ?? 0)}`);
      // Once more through the same rows (all read): memory should stay where it is.
      await scrollThrough(driver, scrolled.passed);
      await sleep(5000);
      const again = appUsage();
      record('PSS after scrolling through them again', Math.round(again.pss), 'MB', `${again.pss >= browsed.pss ? '+' : ''}${Math.round(again.pss - browsed.pss)} MB`);

      // A status chip: the FAILED messages of the same window.
      await driver.executeScript('document.querySelector(\'[data-testid="mm-table"]\').scrollTop = 0');
      await armTimer(driver, '[data-testid="mm-table"]', '[data-status="FAILED"][data-index="0"]');
      before = await quietCount(driver);
      await click(driver, 'mm-status-FAILED');
      record('time to first rows: FAILED chip', Math.round(await readTimer(driver)), 'ms');
      after = await quietCount(driver);
      record('requests: a status chip', after - before);
    }
  } finally {
    await app.stop();
    print();
  }
}

function print() {
  const width = Math.max(0, ...results.map((r) => r.name.length));
  console.log('\nAgent Desk message monitor benchmark');
  for (const r of results) console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(14)} ${r.unit.padEnd(3)} ${r.note}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
