// The monitor's filter as the user sets it (kept across restarts) and as the command takes it.
// Pure, so it is unit-tested.
import type { MessageFilter, MessageStatus } from '../../bindings';

/** The time windows of the Cloud Integration monitor, plus a custom range. */
export type TimePreset = 'hour' | 'day' | 'week' | 'all' | 'custom';

export const TIME_PRESETS: readonly { id: TimePreset; label: string }[] = [
  { id: 'hour', label: 'Past hour' },
  { id: 'day', label: 'Past 24 hours' },
  { id: 'week', label: 'Past 7 days' },
  { id: 'all', label: 'All' },
  { id: 'custom', label: 'Custom range' },
];

const PRESET_MS: Record<'hour' | 'day' | 'week', number> = {
  hour: 3_600_000,
  day: 24 * 3_600_000,
  week: 7 * 24 * 3_600_000,
};

/** The statuses shown as filter tabs, in the order the tenant's monitor shows them. */
export const STATUS_TABS: readonly MessageStatus[] = ['FAILED', 'RETRY', 'ESCALATED', 'PROCESSING', 'COMPLETED', 'CANCELLED', 'DISCARDED', 'ABANDONED'];

export interface MonitorFilter {
  /** One status (the tab), or all. */
  status: MessageStatus | null;
  time: TimePreset;
  /** Custom range in local time: `yyyyMMdd` and `HHmmss` (empty: open). */
  fromDate: string;
  fromTime: string;
  toDate: string;
  toTime: string;
  flow: string;
  sender: string;
  receiver: string;
  applicationMessageId: string;
  correlationId: string;
  headerName: string;
  headerValue: string;
}

export const NO_FILTER: MonitorFilter = {
  status: null,
  time: 'day',
  fromDate: '',
  fromTime: '',
  toDate: '',
  toTime: '',
  flow: '',
  sender: '',
  receiver: '',
  applicationMessageId: '',
  correlationId: '',
  headerName: '',
  headerValue: '',
};

/** A local date and time (`yyyyMMdd`, `HHmmss`) as an instant; null when the date is empty. */
export function localInstant(date: string, time: string, endOfDay = false): Date | null {
  if (!/^\d{8}$/.test(date)) return null;
  const t = /^\d{6}$/.test(time) ? time : endOfDay ? '235959' : '000000';
  const at = new Date(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)), Number(t.slice(0, 2)), Number(t.slice(2, 4)), Number(t.slice(4, 6)));
  // A date without a time ends with its day: the whole last second belongs to it.
  if (endOfDay && !/^\d{6}$/.test(time)) at.setSeconds(at.getSeconds() + 1);
  return at;
}

/** What is wrong with the filter before anything is sent (a window that ends before it starts, a value without a name). */
export function filterProblems(filter: MonitorFilter): Partial<Record<'to' | 'headerName', string>> {
  const problems: Partial<Record<'to' | 'headerName', string>> = {};
  if (filter.time === 'custom') {
    const from = localInstant(filter.fromDate, filter.fromTime);
    const to = localInstant(filter.toDate, filter.toTime, true);
    if (from && to && to <= from) problems.to = 'The range ends before it starts: choose a later end.';
  }
  if (filter.headerValue.trim() && !filter.headerName.trim()) problems.headerName = 'Name the custom header property whose value you are looking for.';
  return problems;
}

const text = (value: string) => (value.trim() ? value.trim() : null);

/** The command's filter at `now`, without a status (the tabs add it). */
export function toMessageFilter(filter: MonitorFilter, now: Date): MessageFilter {
  let from: Date | null = null;
  let to: Date | null = null;
  if (filter.time === 'custom') {
    from = localInstant(filter.fromDate, filter.fromTime);
    to = localInstant(filter.toDate, filter.toTime, true);
  } else if (filter.time !== 'all') {
    from = new Date(now.getTime() - PRESET_MS[filter.time]);
    // The window ends when it was read: its pages, counts and export stay one consistent
    // snapshot while new messages arrive (a refresh reads a new window).
    to = now;
  }
  const headerName = text(filter.headerName);
  return {
    statuses: [],
    from: from ? from.toISOString() : null,
    to: to ? to.toISOString() : null,
    integration_flow: text(filter.flow),
    sender: text(filter.sender),
    receiver: text(filter.receiver),
    application_message_id: text(filter.applicationMessageId),
    correlation_id: text(filter.correlationId),
    custom_header: headerName ? { name: headerName, value: filter.headerValue.trim() } : null,
  };
}

/** The list's filter: the command's filter with the chosen tab's status. */
export function withStatus(base: MessageFilter, status: MessageStatus | null): MessageFilter {
  return { ...base, statuses: status ? [status] : [] };
}

/** How many of the optional filter fields are set (for "Filters (3)"). */
export function activeFieldCount(filter: MonitorFilter): number {
  return [filter.flow, filter.sender, filter.receiver, filter.applicationMessageId, filter.correlationId, filter.headerName].filter((v) => v.trim()).length;
}

/** A remembered filter from an older version or a damaged store: every field falls back to "none". */
export function sanitizeFilter(stored: unknown): MonitorFilter {
  const value = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const out: MonitorFilter = { ...NO_FILTER };
  for (const key of Object.keys(NO_FILTER) as (keyof MonitorFilter)[]) {
    if (key === 'status' || key === 'time') continue;
    if (typeof value[key] === 'string') out[key] = value[key];
  }
  if (typeof value.status === 'string' && (STATUS_TABS as readonly string[]).includes(value.status)) out.status = value.status as MessageStatus;
  if (typeof value.time === 'string' && TIME_PRESETS.some((p) => p.id === value.time)) out.time = value.time as TimePreset;
  return out;
}
