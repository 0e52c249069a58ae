// The rows of the Transports list, pure and unit-tested. Open requests come from the agent's
// LIST (number, description, owner and date; one list per type, modifiable requests only);
// released ones from the system's request table (TransportHeader), when the user asks for them.
import type { TransportDetails, TransportEntry, TransportHeader, TransportKind, TransportRequest } from '../../api';

export type RequestStatus = 'modifiable' | 'released';

export interface RequestRow {
  number: string;
  description: string;
  owner: string;
  /** `YYYY-MM-DD`. */
  date: string;
  kind: TransportKind;
  status: RequestStatus;
}

export const KIND_TEXT: Record<TransportKind, string> = { workbench: 'Workbench', customizing: 'Customizing' };
export const STATUS_TEXT: Record<RequestStatus, string> = { modifiable: 'Modifiable', released: 'Released' };

/** The agent's open requests of one type as rows. */
export function openRows(list: readonly TransportRequest[], kind: TransportKind): RequestRow[] {
  return list.map((t) => ({ number: t.number, description: t.description, owner: t.owner, date: t.date, kind, status: 'modifiable' }));
}

/** Released requests as rows (workbench and customizing only: the list has no other types). */
export function releasedRows(list: readonly TransportHeader[]): RequestRow[] {
  return list
    .filter((h) => h.function === 'K' || h.function === 'W')
    .map((h) => ({ number: h.number, description: h.description, owner: h.owner, date: h.date, kind: h.function === 'W' ? 'customizing' : 'workbench', status: 'released' }));
}

export type KindFilter = TransportKind | 'all';

/** Every row once (a request released meanwhile shows as released), newest first, of the chosen type. */
export function mergeRows(groups: readonly (readonly RequestRow[])[], kind: KindFilter): RequestRow[] {
  const byNumber = new Map<string, RequestRow>();
  for (const row of groups.flat()) {
    const known = byNumber.get(row.number);
    if (!known || row.status === 'released') byNumber.set(row.number, row);
  }
  return [...byNumber.values()]
    .filter((r) => kind === 'all' || r.kind === kind)
    .sort((a, b) => b.date.localeCompare(a.date) || b.number.localeCompare(a.number));
}

/** Tasks of a request with the objects each records. */
export function objectsByHolder(details: TransportDetails): { holder: string; owner: string; objects: TransportEntry[] }[] {
  const owners = new Map<string, string>([[details.request.number, details.request.owner], ...details.tasks.map((t) => [t.number, t.owner] as [string, string])]);
  const groups = new Map<string, TransportEntry[]>();
  for (const entry of details.objects) groups.set(entry.holder, [...(groups.get(entry.holder) ?? []), entry]);
  return [...groups.entries()].map(([holder, objects]) => ({ holder, owner: owners.get(holder) ?? '', objects }));
}

/** What to say about a request's contents: plain "empty" when neither it nor a task records an object. */
export function contentsText(details: TransportDetails): string {
  if (details.objects.length === 0) {
    return details.tasks.length
      ? `${details.request.number} is empty: neither the request nor its ${details.tasks.length === 1 ? 'task' : `${details.tasks.length} tasks`} hold any object.`
      : `${details.request.number} is empty: it holds no object.`;
  }
  const count = details.objects.length;
  return `${count} ${count === 1 ? 'object entry' : 'object entries'}${details.objects_capped ? ' (the first ones; the request holds more)' : ''}.`;
}

/** One line on what a chosen request holds: "empty" plainly, or how much and in whose tasks. */
export function contentsSummary(details: TransportDetails): string {
  if (details.objects.length === 0) return contentsText(details);
  const owners = [...new Set(objectsByHolder(details).map((g) => g.owner).filter(Boolean))];
  const count = details.objects.length;
  return `${details.request.number} holds ${count === 1 ? '1 object entry' : `${count} object entries`}${details.objects_capped ? ' or more' : ''}${owners.length ? ` (recorded by ${owners.join(', ')})` : ''}.`;
}

/** The outcome of a check, saying "empty" plainly whatever the system's check said. */
export function checkText(number: string, passed: boolean | null, message: string, details: TransportDetails | null): { text: string; warn: boolean } {
  if (details && details.objects.length === 0) {
    const verdict = passed === false ? (message ? ` The system's check: ${message}` : '') : ' The system’s check passed it nonetheless.';
    return { text: `${number} is empty: neither the request nor its tasks hold any object, so releasing it would transport nothing.${verdict}`, warn: true };
  }
  if (passed === false) return { text: `${number} cannot be released yet${message ? `: ${message}` : '.'}`, warn: true };
  const count = details?.objects.length ?? 0;
  const contents = details ? ` It holds ${count === 1 ? '1 object entry' : `${count} object entries`}.` : '';
  return { text: `${number} passed the check.${contents}`, warn: false };
}
