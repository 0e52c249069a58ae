import { describe, expect, it } from 'vitest';
import type { StatusKind, WorkItem } from '../../bindings';
import { filterChoices, matchesFilter, nextSort, NO_FILTER, sortGuids, statusDesign } from './view';

function item(guid: string, objectId: string, description: string, code: string, kind: StatusKind, type: string, release: string | null, changed: string | null): WorkItem {
  return {
    guid,
    object_id: objectId,
    process_type: type,
    process_type_text: type === 'S1MJ' ? 'Normal Change' : 'Urgent Change',
    description,
    status: { code, name: null, known: true, kind, label: `${code} label` },
    priority: null,
    priority_text: null,
    work_package_id: null,
    project_id: null,
    created_by: null,
    created_at: null,
    changed_by: null,
    changed_at: changed,
    actual_release: release ? { release_id: release, description: null, change_cycle_id: null, phase: null, go_live_date: null } : null,
    texts: null,
    attachments: null,
    categories: null,
  } as WorkItem;
}

const A = item('0050568b-0000-1ee0-8000-00000000000a', '8000001402', 'Pricing report', 'E0004', 'in_progress', 'S1MJ', 'R2026-01', '2026-03-02T10:00:00Z');
const B = item('0050568b-0000-1ee0-8000-00000000000b', '8000001399', 'Vendor invoice', 'E0016', 'completed', 'S1HF', 'R2025-12', '2026-01-05T10:00:00Z');
const C = item('0050568b-0000-1ee0-8000-00000000000c', '8000001410', 'Credit memo', 'E0004', 'in_progress', 'S1MJ', null, null);
const items = new Map([A, B, C].map((i) => [i.guid, i]));
const itemOf = (guid: string) => items.get(guid);
const READING = '0050568b-0000-1ee0-8000-0000000000ff';

describe('status colours', () => {
  it('follows Fiori’s semantics', () => {
    expect(statusDesign('completed')).toBe('Positive');
    expect(statusDesign('to_be_corrected')).toBe('Critical');
    expect(statusDesign('withdrawn')).toBe('Neutral');
    expect(statusDesign('in_progress')).toBe('Information');
    expect(statusDesign('unknown')).toBe('Neutral');
  });
});

describe('worklist filter', () => {
  it('finds a work item by its number, its description or its GUID in either form', () => {
    const pass = (text: string) => [A, B, C].filter((i) => matchesFilter(i.guid, i, { ...NO_FILTER, text })).map((i) => i.object_id);
    expect(pass('1402')).toEqual(['8000001402']);
    expect(pass('INVOICE')).toEqual(['8000001399']);
    expect(pass('00000000000C')).toEqual(['8000001410']);
    expect(pass('8000-00000000000c')).toEqual(['8000001410']);
    expect(pass('  ')).toHaveLength(3);
    // A row being read has only its GUID.
    expect(matchesFilter(READING, undefined, { ...NO_FILTER, text: '0000ff' })).toBe(true);
    expect(matchesFilter(READING, undefined, { ...NO_FILTER, status: 'E0004' })).toBe(false);
  });

  it('filters by status, release and process type together', () => {
    const pass = (filter: Partial<typeof NO_FILTER>) => [A, B, C].filter((i) => matchesFilter(i.guid, i, { ...NO_FILTER, ...filter })).map((i) => i.object_id);
    expect(pass({ status: 'E0004' })).toEqual(['8000001402', '8000001410']);
    expect(pass({ status: 'E0004', release: 'R2026-01' })).toEqual(['8000001402']);
    expect(pass({ type: 'S1HF' })).toEqual(['8000001399']);
    expect(pass({ type: 'S1HF', status: 'E0004' })).toEqual([]);
  });

  it('offers the values the items have, with their counts', () => {
    expect(filterChoices([A, B, C], 'status')).toEqual([
      { value: 'E0004', label: 'E0004 label', count: 2 },
      { value: 'E0016', label: 'E0016 label', count: 1 },
    ]);
    expect(filterChoices([A, B, C], 'release').map((c) => c.value)).toEqual(['R2025-12', 'R2026-01']);
    expect(filterChoices([A, B, C], 'type').map((c) => c.label)).toEqual(['S1HF Urgent Change', 'S1MJ Normal Change']);
  });
});

describe('worklist sort', () => {
  const guids = [A.guid, READING, B.guid, C.guid];
  const ids = (order: string[]) => order.map((g) => itemOf(g)?.object_id ?? 'reading');

  it('sorts by any column in both directions, rows without a value last', () => {
    expect(ids(sortGuids(guids, itemOf, { key: 'item', descending: false }))).toEqual(['8000001399', '8000001402', '8000001410', 'reading']);
    expect(ids(sortGuids(guids, itemOf, { key: 'item', descending: true }))).toEqual(['8000001410', '8000001402', '8000001399', 'reading']);
    expect(ids(sortGuids(guids, itemOf, { key: 'changed', descending: true }))).toEqual(['8000001402', '8000001399', 'reading', '8000001410']);
    expect(ids(sortGuids(guids, itemOf, { key: 'release', descending: false }))).toEqual(['8000001399', '8000001402', 'reading', '8000001410']);
    // Ties keep the worklist's order.
    expect(ids(sortGuids(guids, itemOf, { key: 'status', descending: false }))).toEqual(['8000001402', '8000001410', '8000001399', 'reading']);
    expect(ids(sortGuids(guids, itemOf, { key: 'type', descending: true }))).toEqual(['8000001402', '8000001410', '8000001399', 'reading']);
    expect(sortGuids(guids, itemOf, null)).toEqual(guids);
  });

  it('cycles a column through ascending, descending and the worklist’s order', () => {
    expect(nextSort(null, 'status')).toEqual({ key: 'status', descending: false });
    expect(nextSort({ key: 'status', descending: false }, 'status')).toEqual({ key: 'status', descending: true });
    expect(nextSort({ key: 'status', descending: true }, 'status')).toBeNull();
    expect(nextSort({ key: 'status', descending: true }, 'item')).toEqual({ key: 'item', descending: false });
  });
});
