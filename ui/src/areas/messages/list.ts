// The monitor's list as read so far: pages in order, the skip token of the next one, the total.
// Pure, so it is unit-tested.
import type { MessageLog, MessagePage } from '../../bindings';

export interface LoadedList {
  rows: MessageLog[];
  /** All messages of the filter, as the first page said. */
  total: number | null;
  /** The next page's skip token; null when every page is read. */
  next: string | null;
}

export const EMPTY_LIST: LoadedList = { rows: [], total: null, next: null };

/** The first page of a (new) filter. */
export function firstPage(page: MessagePage): LoadedList {
  return { rows: dedupe(page.messages, new Set()), total: page.total, next: page.next_page };
}

/**
 * A further page appended. A message that moved while the user scrolled (new messages push
 * the older ones down a page boundary) may come twice: it is shown once.
 */
export function appendPage(list: LoadedList, page: MessagePage): LoadedList {
  const known = new Set(list.rows.map((r) => r.message_guid));
  return { rows: [...list.rows, ...dedupe(page.messages, known)], total: page.total ?? list.total, next: page.next_page };
}

/**
 * A fresh first page (auto-refresh): messages not shown yet go on top, rows that are in the
 * fresh page take its state (a RETRY that has since FAILED); the pages read further down stay.
 */
export function mergeFresh(list: LoadedList, page: MessagePage): { list: LoadedList; added: number } {
  if (!list.rows.length) return { list: firstPage(page), added: page.messages.length };
  const fresh = new Map(page.messages.map((m) => [m.message_guid, m]));
  const known = new Set(list.rows.map((r) => r.message_guid));
  const added = page.messages.filter((m) => !known.has(m.message_guid));
  const rows = [...added, ...list.rows.map((r) => fresh.get(r.message_guid) ?? r)];
  return { list: { rows, total: page.total ?? list.total, next: list.next ?? (list.rows.length ? null : page.next_page) }, added: added.length };
}

/** Whether the rows shown up to `lastVisible` come close enough to the end to read the next page. */
export function wantsNextPage(list: LoadedList, lastVisible: number, loading: boolean, margin = 200): boolean {
  return !loading && list.next !== null && lastVisible >= list.rows.length - margin;
}

function dedupe(messages: readonly MessageLog[], known: Set<string>): MessageLog[] {
  const out: MessageLog[] = [];
  for (const m of messages) {
    if (known.has(m.message_guid)) continue;
    known.add(m.message_guid);
    out.push(m);
  }
  return out;
}
