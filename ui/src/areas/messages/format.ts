// How the monitor shows a message's status, duration and names. Pure, so it is unit-tested.
import type { MessageLog, MessageStatus } from '../../bindings';

export type StatusState = 'Negative' | 'Critical' | 'Positive' | 'Information' | 'None';

/** The Fiori value state of a status, as the tenant's monitor colours it. */
export function statusState(status: string): StatusState {
  switch (status) {
    case 'FAILED':
    case 'ABANDONED':
      return 'Negative';
    case 'RETRY':
    case 'ESCALATED':
      return 'Critical';
    case 'COMPLETED':
      return 'Positive';
    case 'PROCESSING':
      return 'Information';
    default:
      return 'None';
  }
}

const LABELS: Record<MessageStatus, string> = {
  COMPLETED: 'Completed',
  PROCESSING: 'Processing',
  RETRY: 'Retry',
  ESCALATED: 'Escalated',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
  DISCARDED: 'Discarded',
  ABANDONED: 'Abandoned',
};

export function statusLabel(status: string): string {
  return LABELS[status as MessageStatus] ?? status.charAt(0) + status.slice(1).toLowerCase();
}

/** `850 ms`, `12.4 s`, `3 min 05 s`; empty while a message has not ended. */
export function formatDuration(start: string | null, end: string | null): string {
  if (!start || !end) return '';
  const ms = Date.parse(end) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** The flow's name where the tenant gave it, else its id. */
export function flowName(message: MessageLog): string {
  return message.artifact?.name ?? message.integration_flow ?? '';
}

/** `1,234` in the user's locale. */
export function formatCount(count: number | null | undefined): string {
  return count === null || count === undefined ? '' : new Intl.NumberFormat().format(count);
}

/** `12.3 KB` for a payload's size. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A file name for a payload: its own name if it has an extension, else one from its content type. */
export function payloadFileName(name: string, contentType: string | null): string {
  const safe = name.replace(/[\\/:*?"<>|]+/g, '_').trim() || 'payload';
  if (/\.[a-z0-9]{1,5}$/i.test(safe)) return safe;
  const type = (contentType ?? '').toLowerCase();
  const extension = type.includes('json') ? 'json' : type.includes('xml') ? 'xml' : type.includes('pdf') ? 'pdf' : type.startsWith('text/') ? 'txt' : 'bin';
  return `${safe}.${extension}`;
}
