import { BusyIndicator } from '@ui5/webcomponents-react';
import type { ReactNode } from 'react';
import './components.css';

export interface BusyProps {
  /** Whether the work is running. */
  active: boolean;
  /** What is happening, e.g. "Testing connection…" (also read by screen readers). */
  text?: string;
  children?: ReactNode;
}

/**
 * Wraps content that is being (re)loaded. The 300 ms delay keeps fast calls from
 * flickering; the content stays visible so that input is never lost.
 */
export function Busy({ active, text, children }: BusyProps) {
  return (
    <BusyIndicator active={active} delay={300} text={active ? text : undefined} className="ad-busy">
      {children}
    </BusyIndicator>
  );
}
