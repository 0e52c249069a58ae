// What the Transactions area remembers on this computer across restarts: per system the apps
// the user opened and the last one, per app the chosen operation, per operation the form's
// inputs and the mass run last shown. Inputs are what the user typed for the transaction, never
// a secret (the bridge logs on with the system's credentials, which stay in the keyring).
import type { Inputs } from './types';

const KEY = 'agent-desk:transactions';

export interface TransactionsMemory {
  apps: Record<string, string[]>;
  app: Record<string, string>;
  operation: Record<string, string>;
  inputs: Record<string, Inputs>;
  massRun: Record<string, string>;
  csv: Record<string, string>;
}

const EMPTY: TransactionsMemory = { apps: {}, app: {}, operation: {}, inputs: {}, massRun: {}, csv: {} };

export function loadMemory(): TransactionsMemory {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (!parsed || typeof parsed !== 'object') return EMPTY;
    return { ...EMPTY, ...(parsed as Partial<TransactionsMemory>) };
  } catch {
    return EMPTY;
  }
}

export function rememberIn<K extends keyof TransactionsMemory>(part: K, key: string, value: TransactionsMemory[K][string] | null): void {
  const memory = loadMemory();
  const next = { ...memory[part] } as Record<string, unknown>;
  if (value === null) delete next[key];
  else next[key] = value;
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...memory, [part]: next }));
  } catch {
    // A full or blocked storage only loses the convenience, never the work.
  }
}

/** Keys: the system, then the app, then the operation. */
export const appKey = (profileId: string, appId: string) => `${profileId}/${appId}`;
export const operationKey = (profileId: string, appId: string, operation: string) => `${profileId}/${appId}/${operation}`;

/** The apps of a system, most recent first, without duplicates; an app id is trimmed. */
export function withApp(apps: readonly string[], appId: string): string[] {
  return [appId, ...apps.filter((a) => a !== appId)].slice(0, 20);
}
