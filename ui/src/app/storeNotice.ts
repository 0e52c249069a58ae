// What the window says about the store file at start (pure, so it is unit-tested).
import type { StoreBlocked, StoreStatus } from '../api';

export interface BlockedText {
  title: string;
  body: string;
}

/** The error screen's text when the app cannot use its store file at all. */
export function blockedText(blocked: StoreBlocked, path: string): BlockedText {
  switch (blocked.reason) {
    case 'too_new':
      return {
        title: 'Saved by a newer Agent Desk',
        body:
          `Your systems and jobs were saved by a newer version of Agent Desk (data version ${blocked.version}). ` +
          `This version cannot read them and has not changed the file. Install the newer version to go on. File: ${path}`,
      };
    case 'locked':
      return {
        title: 'Agent Desk is already running',
        body:
          'Another Agent Desk window uses the same data. Switch to it, or close it and start Agent Desk again. ' +
          `This window changes nothing. File: ${path}`,
      };
    case 'unreadable':
      return {
        title: 'Your systems cannot be read',
        body: `The saved systems are not in a form this version can read (${blocked.message}). The file was left as it is: ${path}`,
      };
  }
}

/** The notices shown above the page at start: damaged file kept, entries skipped, restored. */
export function startNotices(status: StoreStatus): { design: 'Negative' | 'Critical' | 'Information'; text: string; id: string }[] {
  const notices: { design: 'Negative' | 'Critical' | 'Information'; text: string; id: string }[] = [];
  if (status.damaged) {
    notices.push({
      id: 'damaged',
      design: 'Negative',
      text:
        `The saved systems and jobs could not be read (${status.damaged.reason}), so Agent Desk started without them. ` +
        `Nothing was deleted: the damaged file was kept as ${status.damaged.kept_path}.` +
        (status.backup_path ? ' You can restore the previous version.' : ''),
    });
  }
  if (status.skipped.length > 0) {
    notices.push({
      id: 'skipped',
      design: 'Critical',
      text:
        `${status.skipped.length} saved ${status.skipped.length === 1 ? 'entry' : 'entries'} could not be read by this version and ` +
        `${status.skipped.length === 1 ? 'is' : 'are'} not shown (kept in the file unchanged): ${status.skipped.join('; ')}`,
    });
  }
  if (status.restored) {
    notices.push({
      id: 'restored',
      design: 'Information',
      text: 'The previous version was restored. Close Agent Desk and start it again to use it; until then nothing is saved.',
    });
  }
  return notices;
}
