// Start-up benchmark (not a test): how close Agent Desk starts to an empty page in the same
// binary and webview. Prints one table; run it on the release build:
//   cargo build --release (or `tauri build --no-bundle`), then from tests/e2e:
//   AGENT_DESK_BIN=<target>/release/agent-desk xvfb-run -a node bench/startup-bench.mjs [runs]
// Per run (default 5 of each, medians printed):
//   - the empty page (AGENT_DESK_BENCH_BLANK=1 shows ui/public/bench-blank.html): first paint;
//   - the app: first contentful paint and the first system shown as connected (the UI's
//     `agent-desk:connected` performance mark);
//   all counted from the app process's start (its /proc start time), so the driver's own
//   start-up is not in the figures;
//   - CPU time of the app process and of each WebKit process, 10 s after start, and again after
//     10 s more of idling (idle CPU);
//   - PSS of the app and its WebKit processes 10 s after start;
//   - JavaScript the page loads before its first paint: the entry script and the modules
//     index.html preloads, read from ui/dist (what the binary embedded when it was built;
//     WebKit's resource timing does not list tauri:// loads).
// Once, on the last app run: PSS after opening the 1000×50 preview grid and the 10,000-line
// class, and after closing them again (the viewer's and the tab's close buttons, then back on
// the start page, 10 s later).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { byTestId, click, launchApp, typeInto } from '../support/app.js';
import { appProcesses, appUsage, application, label, statFields } from './processes.mjs';

const RUNS = Number(process.argv[2] ?? 5);
const SETTLE_MS = 10_000;
const TICKS_PER_SECOND = 100;
const bootEpochMs = Number(/btime (\d+)/.exec(readFileSync('/proc/stat', 'utf8'))[1]) * 1000;

const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'ui', 'dist');

/** Bytes and files of the JavaScript index.html loads up front (entry script and module preloads). */
function entryJavaScript() {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]);
  return { bytes: files.reduce((sum, file) => sum + statSync(join(dist, file)).size, 0), files: files.length };
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

function cpuMs(pid) {
  try {
    const fields = statFields(pid);
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function usage() {
  const processes = appProcesses();
  const cpu = Object.fromEntries([processes.app, ...processes.children].map((p) => [label(p), cpuMs(p.pid)]));
  return { app: processes.app, cpu, ...appUsage(processes) };
}

/** Paint timing of the page, as epoch milliseconds. */
async function paints(driver) {
  return driver.executeScript(`
    const origin = performance.timeOrigin;
    const at = (name) => {
      const entry = performance.getEntriesByName(name)[0];
      return entry ? origin + entry.startTime : null;
    };
    return {
      firstPaint: at('first-paint'),
      firstContentfulPaint: at('first-contentful-paint'),
      connected: at('agent-desk:connected'),
    };
  `);
}

async function waitFor(driver, condition, what, timeoutMs = 60_000) {
  await driver.wait(condition, timeoutMs, what);
}

async function oneRun(blank) {
  const app = await launchApp(blank ? { env: { AGENT_DESK_BENCH_BLANK: '1' } } : {});
  try {
    const { driver } = app;
    await waitFor(
      driver,
      async () => {
        const p = await paints(driver);
        return blank ? p.firstContentfulPaint !== null : p.connected !== null && p.firstContentfulPaint !== null;
      },
      blank ? 'the empty page never painted' : 'no system was shown as connected',
    );
    const p = await paints(driver);
    const { app: proc } = appProcesses();
    const startedAt = bootEpochMs + (proc.startTicks * 1000) / TICKS_PER_SECOND;
    // Let start-up finish, then read what it cost; then idle as long again.
    const sinceStart = Date.now() - startedAt;
    if (sinceStart < SETTLE_MS) await sleep(SETTLE_MS - sinceStart);
    const settled = usage();
    await sleep(SETTLE_MS);
    const idle = usage();
    const idleCpu = Object.fromEntries(Object.keys(idle.cpu).map((k) => [k, idle.cpu[k] - (settled.cpu[k] ?? 0)]));
    const result = {
      firstPaint: (p.firstPaint ?? p.firstContentfulPaint) - startedAt,
      firstContentfulPaint: p.firstContentfulPaint - startedAt,
      connected: p.connected === null ? null : p.connected - startedAt,
      cpu: settled.cpu,
      idleCpu,
      pss: settled.pss,
      pssByProcess: settled.pssByProcess,
    };
    return { result, app };
  } catch (error) {
    await app.stop();
    throw error;
  }
}

/** Opens the 1000×50 grid and the 10,000-line class, closes both; PSS after each step. */
async function heavyViews(driver) {
  const figures = {};
  await click(driver, 'nav-preview');
  await driver.executeScript("localStorage.setItem('agent-desk.form.preview.pageSize', '1000')");
  await click(driver, 'nav-dumps');
  await click(driver, 'nav-preview');
  await typeInto(driver, 'preview-object', 'ZBENCH_WIDE');
  await click(driver, 'preview-open');
  await byTestId(driver, 'data-grid', 60_000);
  await waitFor(driver, async () => (await driver.executeScript('return document.querySelector(\'[data-testid="data-grid"]\')?.dataset.rows')) === '1000', 'grid');
  await click(driver, 'nav-explore');
  await typeInto(driver, 'explore-package', '$ZBENCH');
  await click(driver, 'explore-show-tree');
  await click(driver, 'package-$ZBENCH', 30_000);
  await click(driver, 'object-ZCL_BENCH_BIG_CLASS', 30_000);
  await waitFor(driver, async () => (await driver.executeScript('return document.querySelectorAll(".sv-line").length')) > 0, 'class');
  await sleep(2_000);
  const opened = usage();
  figures.open = opened.pss;
  figures.openByProcess = opened.pssByProcess;
  // Close both (the viewer, then the preview tab), and go back to the start page.
  await click(driver, 'viewer-close');
  await byTestId(driver, 'explore-page');
  await waitFor(driver, async () => (await driver.executeScript('return document.querySelectorAll(".sv-line").length')) === 0, 'viewer closed');
  await click(driver, 'nav-preview');
  await click(driver, 'preview-close');
  await waitFor(driver, async () => (await driver.executeScript('return document.querySelector(\'[data-testid="data-grid"]\') === null')), 'preview tab closed');
  await click(driver, 'nav-systems');
  await sleep(SETTLE_MS);
  const closed = usage();
  figures.closed = closed.pss;
  figures.closedByProcess = closed.pssByProcess;
  return figures;
}

function row(name, value, unit = '', note = '') {
  const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(2)) : String(value);
  console.log(`${name.padEnd(64)} ${text.padStart(10)} ${unit.padEnd(4)} ${note}`);
}

async function main() {
  const blanks = [];
  const apps = [];
  let heavy = null;
  for (let i = 0; i < RUNS; i++) {
    const { result, app } = await oneRun(true);
    await app.stop();
    blanks.push(result);
    const last = i === RUNS - 1;
    const run = await oneRun(false);
    if (last) heavy = await heavyViews(run.app.driver);
    await run.app.stop();
    apps.push(run.result);
  }
  const m = (list, pick) => median(list.map(pick).filter((v) => v !== null && v !== undefined));
  const blankPaint = m(blanks, (r) => r.firstContentfulPaint);
  const fcp = m(apps, (r) => r.firstContentfulPaint);
  const connected = m(apps, (r) => r.connected);
  const blankPss = m(blanks, (r) => r.pss);
  const pss = m(apps, (r) => r.pss);
  console.log(`\nAgent Desk start-up benchmark: ${application}, medians of ${RUNS} runs, from the app process's start`);
  row('empty page: first contentful paint', Math.round(blankPaint), 'ms');
  row('app: first contentful paint', Math.round(fcp), 'ms', `ratio ${(fcp / blankPaint).toFixed(2)} (target ≤ 1.5)`);
  row('app: first system shown as connected', Math.round(connected), 'ms', `ratio ${(connected / blankPaint).toFixed(2)} (target ≤ 2)`);
  const entry = entryJavaScript();
  row('app: JavaScript loaded before the first paint (ui/dist)', Math.round(entry.bytes / 1024), 'KiB', `${entry.files} files`);
  for (const process of Object.keys(apps[0].cpu)) {
    row(`CPU during the first 10 s: ${process} (empty page / app)`, `${Math.round(m(blanks, (r) => r.cpu[process] ?? 0))} / ${Math.round(m(apps, (r) => r.cpu[process] ?? 0))}`, 'ms');
  }
  for (const process of Object.keys(apps[0].idleCpu)) {
    row(`CPU while idle for 10 s: ${process} (empty page / app)`, `${Math.round(m(blanks, (r) => r.idleCpu[process] ?? 0))} / ${Math.round(m(apps, (r) => r.idleCpu[process] ?? 0))}`, 'ms', 'target 0');
  }
  row('PSS 10 s after start: empty page', Math.round(blankPss), 'MB');
  row('PSS 10 s after start: app', Math.round(pss), 'MB', `+${Math.round(pss - blankPss)} MB (target ≤ +100)`);
  for (const process of Object.keys(apps[0].pssByProcess)) {
    row(`  of which ${process} (empty page / app)`, `${Math.round(m(blanks, (r) => r.pssByProcess[process] ?? 0))} / ${Math.round(m(apps, (r) => r.pssByProcess[process] ?? 0))}`, 'MB');
  }
  if (heavy) {
    row('PSS with the 1000×50 grid and the 10,000-line class opened', Math.round(heavy.open), 'MB');
    row('PSS after closing them (10 s later)', Math.round(heavy.closed), 'MB', `+${Math.round(heavy.closed - apps[apps.length - 1].pss)} MB over idle (target ≤ +50)`);
    const idleByProcess = apps[apps.length - 1].pssByProcess;
    for (const process of Object.keys(heavy.closedByProcess)) {
      const idle = idleByProcess[process] ?? 0;
      row(`  of which ${process}: idle / opened / closed`, `${Math.round(idle)} / ${Math.round(heavy.openByProcess[process] ?? 0)} / ${Math.round(heavy.closedByProcess[process])}`, 'MB');
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
