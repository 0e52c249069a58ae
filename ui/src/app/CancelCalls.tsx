import { Button } from '@ui5/webcomponents-react';
import { useEffect, useState } from 'react';
import { profiles } from '../api';
import { useRunningCalls } from '../api/inflight';

/** How long a call runs before the shell offers to cancel it. */
export const CANCEL_OFFER_MS = 1500;

/**
 * Offers Cancel once calls to a system have run longer than a moment: a slow system or a
 * large answer never leaves the user waiting without a way out. Jobs (pull, import) have
 * their own Cancel in the job list.
 */
export function CancelCalls() {
  // Mounted while calls run, so its timer and state start afresh with every busy spell.
  return useRunningCalls() > 0 ? <CancelOffer /> : null;
}

function CancelOffer() {
  const [offered, setOffered] = useState(false);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    const timer = window.setTimeout(() => setOffered(true), CANCEL_OFFER_MS);
    return () => window.clearTimeout(timer);
  }, []);

  if (!offered) return null;
  return (
    <Button
      icon="cancel"
      design="Transparent"
      disabled={cancelling}
      tooltip="Stop waiting for the system"
      onClick={() => {
        setCancelling(true);
        void profiles.cancelRunningCalls();
      }}
      data-testid="cancel-calls"
    >
      {cancelling ? 'Cancelling…' : 'Cancel'}
    </Button>
  );
}
