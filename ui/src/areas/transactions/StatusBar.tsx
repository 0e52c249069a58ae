import { MessageStrip } from '@ui5/webcomponents-react';
import type { StatusBarMessage } from '../../api';
import { statusDesign } from './forms';

/** SAP GUI's status bar message, coloured as SAP GUI colours its message types. */
export function StatusBar({ message, 'data-testid': testId = 'tx-status-bar' }: { message: StatusBarMessage | null; 'data-testid'?: string }) {
  if (!message || !message.text) return null;
  return (
    <MessageStrip
      design={statusDesign(message.message_type)}
      hideCloseButton
      className="tx-status-bar"
      data-testid={testId}
      data-type={message.message_type}
    >
      {message.text}
    </MessageStrip>
  );
}
