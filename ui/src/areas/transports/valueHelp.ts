// The transport value help's list logic, pure and unit-tested.
import type { TransportKind, TransportRequest } from '../../api';

/** Requests whose number, description or owner contain every word of the search (any case). */
export function filterRequests(list: readonly TransportRequest[], search: string): TransportRequest[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...list];
  return list.filter((t) => {
    const text = `${t.number} ${t.description} ${t.owner}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** A typed request number as SAP stores it (upper case, no spaces), or null when it is not one. */
export function normalizeRequestNumber(text: string): string | null {
  const number = text.trim().toUpperCase();
  // SID (3) + K + 6 digits, e.g. DEVK900042.
  return /^[A-Z0-9]{3}K\d{6}$/.test(number) ? number : null;
}

/** The dialog title in SAP's value help wording. */
export function valueHelpTitle(kind: TransportKind): string {
  return kind === 'customizing' ? 'Select: Customizing Request' : 'Select: Workbench Request';
}

/** What the list shows when it has no rows. */
export function emptyListText(kind: TransportKind, search: string, scopeText: string): string {
  if (search.trim()) return `No request matches “${search.trim()}”.`;
  return kind === 'customizing'
    ? `No open customizing requests (${scopeText}). Create one below.`
    : `No open workbench requests (${scopeText}). Create one below.`;
}
