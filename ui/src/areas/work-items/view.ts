// What the worklist table shows: the status colours, the filters and the sort order.
// Pure, so it is unit-tested.
import type { StatusKind, WorkItem } from '../../bindings';
import { releaseLabel } from './format';

export type TagDesign = 'Positive' | 'Negative' | 'Critical' | 'Information' | 'Neutral';

/** Fiori's semantic colours: completed positive, to be corrected critical, withdrawn neutral, in progress information. */
export function statusDesign(kind: StatusKind): TagDesign {
  switch (kind) {
    case 'completed':
      return 'Positive';
    case 'to_be_corrected':
      return 'Critical';
    case 'in_progress':
      return 'Information';
    case 'withdrawn':
    case 'unknown':
      return 'Neutral';
  }
}

export interface WorklistFilter {
  /** Matches the work item number, the description or the GUID (any part, any case). */
  text: string;
  /** A status code, a release label, a process type; '' for any. */
  status: string;
  release: string;
  type: string;
}

export const NO_FILTER: WorklistFilter = { text: '', status: '', release: '', type: '' };

export function isFiltered(filter: WorklistFilter): boolean {
  return Boolean(filter.text.trim() || filter.status || filter.release || filter.type);
}

const compact = (value: string) => value.replace(/[-\s{}]/g, '').toLowerCase();

/**
 * Whether a row passes the filter. A row not read yet (or failed) has only its GUID: it
 * passes a text filter that matches its GUID, and no other filter.
 */
export function matchesFilter(guid: string, item: WorkItem | undefined, filter: WorklistFilter): boolean {
  const text = filter.text.trim().toLowerCase();
  if (text) {
    const haystack = [item?.object_id ?? '', item?.description ?? ''].join('\n').toLowerCase();
    const inGuid = compact(text).length > 0 && compact(guid).includes(compact(text));
    if (!haystack.includes(text) && !inGuid) return false;
  }
  if (filter.status && item?.status.code !== filter.status) return false;
  if (filter.release && (item ? releaseLabel(item.actual_release) : undefined) !== filter.release) return false;
  if (filter.type && item?.process_type !== filter.type) return false;
  return true;
}

export interface FilterChoice {
  value: string;
  label: string;
  count: number;
}

/** The values a filter can take, from the items read (with how many items have each). */
export function filterChoices(items: readonly WorkItem[], field: 'status' | 'release' | 'type'): FilterChoice[] {
  const choices = new Map<string, FilterChoice>();
  for (const item of items) {
    const [value, label] =
      field === 'status'
        ? [item.status.code, item.status.label]
        : field === 'release'
          ? [releaseLabel(item.actual_release), releaseLabel(item.actual_release)]
          : [item.process_type ?? '', [item.process_type, item.process_type_text].filter(Boolean).join(' ')];
    if (!value) continue;
    const known = choices.get(value);
    if (known) known.count += 1;
    else choices.set(value, { value, label, count: 1 });
  }
  return [...choices.values()].sort((a, b) => a.label.localeCompare(b.label));
}

export type SortKey = 'item' | 'type' | 'status' | 'release' | 'changed';
export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

function sortValue(item: WorkItem, key: SortKey): string {
  switch (key) {
    case 'item':
      return item.object_id ?? item.guid;
    case 'type':
      return item.process_type ?? '';
    case 'status':
      return item.status.label;
    case 'release':
      return releaseLabel(item.actual_release);
    case 'changed':
      // RFC 3339 in UTC sorts as text.
      return item.changed_at ?? '';
  }
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The GUIDs in the order of `sort` (stable: ties keep the worklist's order). Rows without
 * data (being read, failed) and empty values go last, whichever the direction.
 */
export function sortGuids(guids: readonly string[], itemOf: (guid: string) => WorkItem | undefined, sort: SortOrder | null): string[] {
  if (!sort) return [...guids];
  const keyed = guids.map((guid, index) => {
    const item = itemOf(guid);
    return { guid, index, value: item ? sortValue(item, sort.key) : '' };
  });
  keyed.sort((a, b) => {
    if (!a.value || !b.value) return Number(!a.value) - Number(!b.value) || a.index - b.index;
    const order = collator.compare(a.value, b.value);
    return (sort.descending ? -order : order) || a.index - b.index;
  });
  return keyed.map((k) => k.guid);
}

/** A click on a column's header: ascending first, then descending, then the worklist's order. */
export function nextSort(current: SortOrder | null, key: SortKey): SortOrder | null {
  if (current?.key !== key) return { key, descending: false };
  return current.descending ? null : { key, descending: true };
}
