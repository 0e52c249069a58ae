// Form state that survives a restart of the app, as SAP GUI remembers a transaction's last
// entries: object names, WHERE conditions, open tabs and selections, never secrets. (Leaving an
// area and coming back keeps its state anyway: areas stay mounted while the app runs.)
import { useEffect, useState } from 'react';

const PREFIX = 'agent-desk.form.';

export function readStored<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

/** `useState` whose value is remembered under `key` for the session. */
export function usePersistentState<T>(key: string, initial: T): [T, (value: T | ((previous: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => readStored(key, initial));
  useEffect(() => {
    try {
      localStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch {
      // Storage full or unavailable: the form still works, it is just not remembered.
    }
  }, [key, value]);
  return [value, setValue];
}
