// Form state that survives leaving the area and coming back (pages remount on navigation)
// and a reload of the window. Kept in sessionStorage: gone when the app closes, never secrets.
import { useEffect, useState } from 'react';

const PREFIX = 'agent-desk.form.';

export function readStored<T>(key: string, fallback: T): T {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
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
      sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch {
      // Storage full or unavailable: the form still works, it is just not remembered.
    }
  }, [key, value]);
  return [value, setValue];
}
