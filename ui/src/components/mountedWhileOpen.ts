import { useCallback, useState } from 'react';

/**
 * For a popup rendered only while needed: `mounted` turns true as soon as `open` does and
 * false only when the popup reports it has closed (`closed`, from its close event), so
 * that its closing animation still plays.
 */
export function useMountedWhileOpen(open: boolean): { mounted: boolean; closed: () => void } {
  const [mounted, setMounted] = useState(open);
  // Adjusting state while rendering (React's pattern for state that follows a prop).
  if (open && !mounted) setMounted(true);
  const closed = useCallback(() => setMounted(false), []);
  return { mounted: mounted || open, closed };
}
