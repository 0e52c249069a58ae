import { useCallback, useState } from 'react';

/**
 * For a popup rendered only while needed: `mounted` turns true as soon as `open` does and
 * false only once the popup has closed, so that its closing animation still plays. Pass the
 * popup the returned `onClose`: it runs the caller's `onClose`, then lets the popup go.
 */
export function useMountedWhileOpen<E = unknown>(
  open: boolean,
  onClose?: (event: E) => void,
): { mounted: boolean; onClose: (event: E) => void } {
  const [mounted, setMounted] = useState(open);
  // Adjusting state while rendering (React's pattern for state that follows a prop).
  if (open && !mounted) setMounted(true);
  const closed = useCallback(
    (event: E) => {
      onClose?.(event);
      setMounted(false);
    },
    [onClose],
  );
  return { mounted: mounted || open, onClose: closed };
}
