import type { PreviewTable } from '../../api';

/** The rows a preview tab last read. */
export interface Loaded {
  table: PreviewTable;
  offset: number;
  /** The condition the rows were read with (the form may have changed since). */
  where: string;
  at: number;
}

// Results per open tab and system, kept while the app runs so that switching tabs or areas does
// not re-read; another system's rows are never shown for a tab. A closed tab's rows are let go
// (a 1000-row page of a wide table is megabytes).
export const loadedByTab = new Map<string, Loaded>();

/** The key of a tab's rows read from a system. */
export function loadedKey(profileId: string, tabId: string): string {
  return `${profileId}\u0000${tabId}`;
}

export function forgetTab(id: string): void {
  for (const key of [...loadedByTab.keys()]) if (key.endsWith(`\u0000${id}`)) loadedByTab.delete(key);
}
