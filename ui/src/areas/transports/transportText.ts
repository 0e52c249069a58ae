import { formatDate } from '../../components/dateTime';

/** Requests as tab-separated text for the clipboard. */
export function transportsAsText(list: readonly { number: string; description: string; owner: string; date: string }[]): string {
  return ['Request\tDescription\tOwner\tDate', ...list.map((t) => [t.number, t.description, t.owner, formatDate(t.date)].join('\t'))].join('\n');
}
