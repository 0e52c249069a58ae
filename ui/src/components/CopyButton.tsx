import { Button, Toast } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { copyText } from './clipboard';

export interface CopyButtonProps {
  /** The text to copy, or a function producing it at click time (for large results). */
  text: string | (() => string);
  /** Button text; default "Copy". */
  label?: string;
  /** Accessible name, e.g. "Copy pull log as text". */
  accessibleName?: string;
  disabled?: boolean;
  'data-testid'?: string;
}

/** Copies a result as plain text and confirms with a toast. */
export function CopyButton({ text, label = 'Copy', accessibleName, disabled, ...rest }: CopyButtonProps) {
  const [toast, setToast] = useState<string | null>(null);
  return (
    <>
      <Button
        icon="copy"
        design="Transparent"
        disabled={disabled}
        accessibleName={accessibleName ?? label}
        tooltip={accessibleName ?? label}
        data-testid={rest['data-testid']}
        onClick={async () => {
          const ok = await copyText(typeof text === 'function' ? text() : text);
          setToast(ok ? 'Copied to the clipboard' : 'Copying failed: select the text and copy it by hand');
        }}
      >
        {label}
      </Button>
      <Toast open={toast !== null} onClose={() => setToast(null)}>
        {toast}
      </Toast>
    </>
  );
}
