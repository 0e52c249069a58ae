// SAP GUI's keys, for people who have them in their fingers: F8 runs (execute), Ctrl+S saves.
// Enter submits a form through the fields' own `onSubmit`.
import { useEffect, useRef } from 'react';

export type Shortcut = 'F8' | 'Ctrl+S';

/** Whether a key event is `shortcut` (Cmd+S counts as Ctrl+S on macOS). */
export function isShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, shortcut: Shortcut): boolean {
  if (event.altKey || event.shiftKey) return false;
  if (shortcut === 'F8') return event.key === 'F8' && !event.ctrlKey && !event.metaKey;
  return (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's';
}

/** Runs `action` when the page's user presses `shortcut`, while `enabled`. */
export function useShortcut(shortcut: Shortcut, action: () => void, enabled = true) {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isShortcut(event, shortcut) || event.repeat) return;
      // The webview's own meaning (none for F8; "save page" for Ctrl+S) must not happen.
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [shortcut, enabled]);
}

/** `useShortcut` as an element, for pages whose actions are defined after an early return. */
export function ShortcutKey({ shortcut, onPress, disabled = false }: { shortcut: Shortcut; onPress: () => void; disabled?: boolean }) {
  useShortcut(shortcut, onPress, !disabled);
  return null;
}
