import { formatDate } from '../../components/dateTime';
import { KIND_TEXT, STATUS_TEXT, type RequestRow } from './requestRows';

/** Requests as tab-separated text for the clipboard. */
export function transportsAsText(list: readonly RequestRow[]): string {
  return ['Request\tDescription\tType\tStatus\tOwner\tDate', ...list.map((t) => [t.number, t.description, KIND_TEXT[t.kind], STATUS_TEXT[t.status], t.owner, formatDate(t.date)].join('\t'))].join('\n');
}
