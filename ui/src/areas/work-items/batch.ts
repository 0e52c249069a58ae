// Batch status changes: what each outcome means to the user, which requests to retry,
// and the results as CSV. Pure, so it is unit-tested.
import type { AppError, StatusChangeOutcome, StatusChangeRequest, WorkItem } from '../../bindings';
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
