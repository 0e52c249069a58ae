// The message monitor's commands (SAP Cloud Integration's MessageProcessingLogs).
import { guard } from '../../api/client';
import type { ProfileId } from '../../api';
import { commands, type MessageFilter } from '../../bindings';

export const monitor = {
  /** A page of messages, newest first; `nextPage` null reads the first page (with the total). */
  page: (profileId: ProfileId, filter: MessageFilter, nextPage: string | null) => guard(commands.cpiMessages(profileId, filter, nextPage)),
  /** Messages per status for the filter (every status when the filter names none). */
  counts: (profileId: ProfileId, filter: MessageFilter) => guard(commands.cpiMessageCounts(profileId, filter)),
  detail: (profileId: ProfileId, guid: string) => guard(commands.cpiMessage(profileId, guid)),
  attachment: (profileId: ProfileId, id: string) => guard(commands.cpiAttachmentContent(profileId, id)),
  saveAttachment: (profileId: ProfileId, id: string, file: string) => guard(commands.cpiAttachmentSave(profileId, id, file)),
  storeEntry: (profileId: ProfileId, id: string) => guard(commands.cpiStoreEntryContent(profileId, id)),
  saveStoreEntry: (profileId: ProfileId, id: string, file: string) => guard(commands.cpiStoreEntrySave(profileId, id, file)),
  /** Every message of the filter (all pages) as CSV into `file` (a handle from `files.pickSave`). */
  exportCsv: (profileId: ProfileId, filter: MessageFilter, file: string) => guard(commands.cpiMessagesExportCsv(profileId, filter, file)),
};
