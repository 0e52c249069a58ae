// Batch status changes: what each outcome means to the user, which requests to retry,
// and the results as CSV. Pure, so it is unit-tested.
import type { AppError, RowResult, StatusBatch, StatusChangeOutcome, StatusChangeRequest, StatusChangeRow, WorkItem } from '../../bindings';
import { describeError } from '../../components/errorText';

export type OutcomeKind = 'done' | 'already' | 'refused' | 'failed';

export interface OutcomeRow {
  guid: string;
  /** The work item's number (object id) when known, else its GUID. */
  label: string;
  description: string;
  fromStatus: string;
  requestedStatus: string;
  kind: OutcomeKind;
  /** The new status after success (or the one it had already); the server's reason after a refusal; the error after a failure. */
  message: string;
}

/** One line of text for a failure (the full error stays available in the result). */
export function failureText(error: AppError): string {
  const description = describeError(error);
  return description.serverMessage ? `${description.title}: ${description.serverMessage}` : `${description.title}: ${description.explanation}`;
}

export function outcomeRow(outcome: StatusChangeOutcome, item: WorkItem | undefined, statusName: (code: string) => string): OutcomeRow {
  const result = outcome.result;
  const base = {
    guid: outcome.guid,
    label: item?.object_id ?? outcome.guid,
    description: item?.description ?? '',
    fromStatus: item ? item.status.label : '',
    requestedStatus: statusName(outcome.requested_status),
  };
  switch (result.outcome) {
    case 'done':
      return { ...base, kind: 'done', message: result.status.label };
    case 'already_there':
      return { ...base, kind: 'already', message: `Already ${result.status.label}: nothing changed` };
    case 'refused':
      return { ...base, kind: 'refused', message: [result.reason, ...result.details.filter((d) => d !== result.reason)].join(' ') };
    case 'failed':
      return { ...base, kind: 'failed', message: failureText(result.error as AppError) };
  }
}

/**
 * The requests that failed (no answer, timeout, logon), to send again. Refusals are the
 * system's decision and would be refused again, so they are not retried.
 */
export function retryRequests(outcomes: readonly StatusChangeOutcome[]): StatusChangeRequest[] {
  return outcomes.filter((o) => o.result.outcome === 'failed').map((o) => ({ guid: o.guid, user_status: o.requested_status }));
}

/** Puts the retried outcomes in place of the earlier ones, keeping the order of the batch. */
export function mergeOutcomes(previous: readonly StatusChangeOutcome[], retried: readonly StatusChangeOutcome[]): StatusChangeOutcome[] {
  const byGuid = new Map(retried.map((o) => [o.guid, o]));
  return previous.map((o) => byGuid.get(o.guid) ?? o);
}

export function countOutcomes(rows: readonly OutcomeRow[]): Record<OutcomeKind, number> {
  const counts: Record<OutcomeKind, number> = { done: 0, already: 0, refused: 0, failed: 0 };
  for (const row of rows) counts[row.kind] += 1;
  return counts;
}

export const RESULT_WORDS: Record<OutcomeKind, string> = { done: 'Done', already: 'Already there', refused: 'Refused', failed: 'Failed' };

/**
 * One CSV field (RFC 4180): quoted when it holds a separator, quote or line break.
 * A leading =, +, - or @ gets a quote mark so spreadsheets do not run it as a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The batch results as CSV, one row per work item, CRLF line ends. */
export function outcomesCsv(rows: readonly OutcomeRow[]): string {
  const header = ['Work item', 'GUID', 'Description', 'From status', 'Requested status', 'Result', 'Message'];
  const lines = [header, ...rows.map((r) => [r.label, r.guid, r.description, r.fromStatus, r.requestedStatus, RESULT_WORDS[r.kind], r.message])];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const HISTORY_RESULT: Record<OutcomeKind, RowResult> = { done: 'done', already: 'already_there', refused: 'refused', failed: 'failed' };
const KIND_OF: Record<RowResult, OutcomeKind> = { done: 'done', already_there: 'already', refused: 'refused', failed: 'failed' };

/** A result row as the history keeps it. */
export function historyRow(row: OutcomeRow): StatusChangeRow {
  return {
    guid: row.guid,
    work_item: row.label,
    description: row.description,
    from_status: row.fromStatus,
    to_status: row.requestedStatus,
    result: HISTORY_RESULT[row.kind],
    message: row.message,
  };
}

export function kindOf(result: RowResult): OutcomeKind {
  return KIND_OF[result];
}

/** A kept batch as CSV: one row per work item with the batch's time (RFC 3339, UTC), user and system. */
export function historyCsv(batch: StatusBatch): string {
  const header = ['Time', 'User', 'System', 'Work item', 'GUID', 'Description', 'From status', 'To status', 'Result', 'Message'];
  const lines = [
    header,
    ...batch.rows.map((r) => [batch.at, batch.user, batch.system, r.work_item, r.guid, r.description, r.from_status, r.to_status, RESULT_WORDS[KIND_OF[r.result]], r.message]),
  ];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}
