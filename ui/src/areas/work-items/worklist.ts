// The worklist of each system: the GUIDs the user collected, remembered in localStorage
// (GUIDs only: no secrets, no work item data, which is read fresh from the system).

const PREFIX = 'agent-desk.work-items.worklist.';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function storage(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The remembered GUIDs of a system; anything unreadable counts as an empty list. */
export function loadWorklist(profileId: string, store: KeyValueStore | null = storage()): string[] {
  try {
    const raw = store?.getItem(PREFIX + profileId);
    const value: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
}

export function saveWorklist(profileId: string, guids: readonly string[], store: KeyValueStore | null = storage()): void {
  try {
    store?.setItem(PREFIX + profileId, JSON.stringify(guids));
  } catch {
    // Storage full or unavailable: the worklist still works for this run.
  }
}

/** `current` followed by the new GUIDs it does not have yet. */
export function addToWorklist(current: readonly string[], added: readonly string[]): string[] {
  const result = [...current];
  for (const guid of added) if (!result.includes(guid)) result.push(guid);
  return result;
}
