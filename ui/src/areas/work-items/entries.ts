// What the worklist knows about each GUID, and how a (re)read changes it. A refresh keeps
// the rows it has: each is replaced when its answer comes, and an error keeps what was read
// before, marked. Pure, so it is unit-tested.
import type { AppError } from '../../api';
import type { WorkItem, WorkItemReadAnswer } from '../../bindings';

export type Entry =
  | { state: 'reading' }
  /** `refreshing`: read again right now; `refreshError`: the last read again failed (the item is the earlier one). */
  | { state: 'read'; item: WorkItem; refreshing?: boolean; refreshError?: AppError }
  | { state: 'failed'; error: AppError };

export type ReadAnswer = { status: 'ok'; data: WorkItem } | { status: 'error'; error: AppError };

/** A row about to be read again: a row with data keeps it (marked refreshing); others show "reading". */
export function startRead(entry: Entry | undefined): Entry {
  return entry?.state === 'read' ? { state: 'read', item: entry.item, refreshing: true } : { state: 'reading' };
}

/** A row after its answer: the new item, or on an error the item read before with the error, else the error. */
export function applyRead(entry: Entry | undefined, answer: ReadAnswer): Entry {
  if (answer.status === 'ok') return { state: 'read', item: answer.data };
  if (entry?.state === 'read') return { state: 'read', item: entry.item, refreshError: answer.error };
  return { state: 'failed', error: answer.error };
}

export function isBeingRead(entry: Entry | undefined): boolean {
  return entry?.state === 'reading' || (entry?.state === 'read' && entry.refreshing === true);
}

/**
 * The rows after a worklist read: each GUID's answer replaces its row; when the read failed as
 * a whole (no answer per item), every row read gets that error.
 */
export function applyReads(
  all: Readonly<Record<string, Entry>>,
  toRead: readonly string[],
  answer: { status: 'ok'; data: WorkItemReadAnswer[] } | { status: 'error'; error: AppError },
): Record<string, Entry> {
  const next = { ...all };
  if (answer.status === 'error') {
    for (const guid of toRead) next[guid] = applyRead(all[guid], answer);
  } else {
    for (const read of answer.data) next[read.guid] = applyRead(all[read.guid], read);
  }
  return next;
}
