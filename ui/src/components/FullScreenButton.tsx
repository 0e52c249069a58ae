import { Button } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-icons/dist/full-screen.js';
import '@ui5/webcomponents-icons/dist/exit-full-screen.js';

/** Whether a detail column takes the whole page (Fiori's flexible column layout, full screen). */
export interface FullScreen {
  on: boolean;
  toggle: () => void;
}

/** The detail column's "Full screen" / "Exit full screen" button, as in Fiori's column layout. */
export function FullScreenButton({ fullScreen, what, testId }: { fullScreen: FullScreen; what: string; testId: string }) {
  const text = fullScreen.on ? 'Exit full screen' : 'Full screen';
  return (
    <Button
      icon={fullScreen.on ? 'exit-full-screen' : 'full-screen'}
      design="Transparent"
      tooltip={text}
      accessibleName={`${text}: ${what}`}
      aria-pressed={fullScreen.on}
      onClick={fullScreen.toggle}
      data-testid={testId}
    />
  );
}
