// Input an area holds that is saved nowhere yet (a system draft). Areas stay mounted while
// hidden but their effects stop, so the shell, not the area, asks before the window closes.
import type { AreaId } from './areas';

export interface UnsavedWork {
  area: AreaId;
  /** What would be lost, as the start of a sentence: "The new system “QAS”". */
  what: string;
}

let current: Readonly<Record<string, UnsavedWork>> = {};
const listeners = new Set<() => void>();

/** Records (or, with null, clears) the unsaved work known by `key`. */
export function setUnsavedWork(key: string, work: UnsavedWork | null): void {
  const before = current[key];
  if (work === null ? before === undefined : before?.area === work.area && before.what === work.what) return;
  const next = { ...current };
  if (work === null) delete next[key];
  else next[key] = work;
  current = next;
  for (const listener of listeners) listener();
}

/** The unsaved work now (a new object after each change, for useSyncExternalStore). */
export function unsavedWork(): Readonly<Record<string, UnsavedWork>> {
  return current;
}

export function subscribeUnsavedWork(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The close question's text for the work that would be lost. */
export function closeQuestion(work: readonly UnsavedWork[]): string {
  const items = work.map((w) => w.what).join('; ');
  return `${items} ${work.length === 1 ? 'is' : 'are'} not saved. Close Agent Desk anyway and lose ${work.length === 1 ? 'it' : 'them'}?`;
}
