import { Dialog, type DialogPropTypes } from '@ui5/webcomponents-react';
import { useMountedWhileOpen } from './mountedWhileOpen';

/**
 * UI5's Dialog, present in the page only while it is open (and while it animates closed).
 * A closed UI5 dialog keeps its whole DOM: header, footer bar, buttons, each a custom element
 * with its own shadow tree. Pages hold several for their confirmations, which cost memory and
 * start-up work for nothing until one is asked.
 */
export function OnDemandDialog({ open = false, onClose, ...props }: DialogPropTypes) {
  const popup = useMountedWhileOpen(open, onClose);
  if (!popup.mounted) return null;
  return <Dialog {...props} open={open} onClose={popup.onClose} />;
}
