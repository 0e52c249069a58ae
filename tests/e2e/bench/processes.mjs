// The app's processes for the benchmarks: the newest process of the app binary and its
// children (WebKit's web and network processes), their PSS read from /proc.
import { readFileSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { appBinary } from '../support/app.js';

export const application = realpathSync(appBinary());

/** `/proc/<pid>/stat` fields after the command name (which may contain spaces). */
export function statFields(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

function processes() {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        const fields = statFields(pid);
        let exe = '';
        try {
          exe = readlinkSync(`/proc/${pid}/exe`);
        } catch {
          // Another user's process or one that just ended.
        }
        const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
        return { pid: Number(pid), ppid: Number(fields[1]), comm, exe, startTicks: Number(fields[19]) };
      } catch {
        return null;
      }
    })
    .filter(Boolean);
}

export function pssMb(pid) {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)[1]) / 1024;
  } catch {
    return 0;
  }
}

/** `app`, `Web`, `NetworkPr`: how the benchmarks name a process. */
export const label = (p) => (p.exe === application ? 'app' : p.comm.replace(/^WebKit/, '').replace(/Proces?s?$/, ''));

/** The newest process of the app binary and its child processes (WebKit's web and network processes). */
export function appProcesses() {
  const all = processes();
  const app = all.filter((p) => p.exe === application).sort((a, b) => b.startTicks - a.startTicks)[0];
  if (!app) throw new Error(`no running ${application}`);
  return { app, children: all.filter((p) => p.ppid === app.pid) };
}

/** PSS of the running app and its child processes (or of `processes`), in MB, in all and per process. */
export function appUsage({ app, children } = appProcesses()) {
  const mine = [app, ...children];
  const pssByProcess = Object.fromEntries(mine.map((p) => [label(p), pssMb(p.pid)]));
  return { pss: Object.values(pssByProcess).reduce((sum, mb) => sum + mb, 0), pssByProcess };
}
