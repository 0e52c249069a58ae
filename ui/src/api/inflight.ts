// Calls to Rust that are running now, so the shell can offer Cancel for any call that takes
// longer than a moment (a slow system, a big preview, a unit test run).
import { useSyncExternalStore } from 'react';

let running = 0;
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

/** Counts `pending` as running until it settles. */
export function track<T>(pending: Promise<T>): Promise<T> {
  running += 1;
  notify();
  return pending.finally(() => {
    running -= 1;
    notify();
  });
}

export function runningCalls(): number {
  return running;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The number of calls running now, re-rendering when it changes. */
export function useRunningCalls(): number {
  return useSyncExternalStore(subscribe, runningCalls);
}
