// The work item commands. TODO(facade): move into ui/src/api once it has `workItems`.
import { guard, guardPlain } from '../../api/client';
import type { ProfileId } from '../../api';
import { commands, type NewText, type StatusChangeRequest, type StatusChangeRow } from '../../bindings';

export const workItems = {
  catalogue: () => guardPlain(commands.workItemCatalogue()),
  get: (profileId: ProfileId, guid: string) => guard(commands.workItemGet(profileId, guid)),
  /** The items of a worklist, each with its answer (the back end reads them in $batch requests of a hundred). */
  read: (profileId: ProfileId, guids: string[]) => guard(commands.workItemsRead(profileId, guids)),
  /** Not among the documented scenarios: a real system may answer 501. */
  list: (profileId: ProfileId, top: number | null) => guard(commands.workItemsList(profileId, top)),
  texts: (profileId: ProfileId, guid: string) => guard(commands.workItemTexts(profileId, guid)),
  addText: (profileId: ProfileId, guid: string, text: NewText) => guard(commands.workItemAddText(profileId, guid, text)),
  attachments: (profileId: ProfileId, guid: string) => guard(commands.workItemAttachments(profileId, guid)),
  /** Uploads `file` (a handle from `files.pickOpen`). */
  attachFile: (profileId: ProfileId, guid: string, file: string) => guard(commands.workItemAttachFile(profileId, guid, file, null)),
  /** Downloads an attachment into `file` (a handle from `files.pickSave`). */
  saveAttachment: (profileId: ProfileId, guid: string, documentId: string, file: string) =>
    guard(commands.workItemSaveAttachment(profileId, guid, documentId, file)),
  changeStatus: (profileId: ProfileId, guid: string, userStatus: string) => guard(commands.workItemChangeStatus(profileId, guid, userStatus)),
  changeStatusMany: (profileId: ProfileId, requests: StatusChangeRequest[]) => guard(commands.workItemsChangeStatus(profileId, requests, 4)),
  /** Keeps a batch's results in the history (time, user and system are added by the back end). */
  historyAdd: (profileId: ProfileId, rows: StatusChangeRow[]) => guard(commands.workItemHistoryAdd(profileId, rows)),
  history: () => guardPlain(commands.workItemHistory()),
};
