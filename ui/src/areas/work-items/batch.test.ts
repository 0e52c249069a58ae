import { describe, expect, it } from 'vitest';
import type { StatusChangeOutcome, WorkItem } from '../../bindings';
import { countOutcomes, csvField, historyCsv, historyRow, kindOf, mergeOutcomes, outcomeRow, outcomesCsv, retryRequests } from './batch';

const G1 = '0050568b-0000-1ee0-8000-000000000001';
const G2 = '0050568b-0000-1ee0-8000-000000000002';
const G3 = '0050568b-0000-1ee0-8000-000000000003';

const done: StatusChangeOutcome = {
  guid: G1,
  requested_status: 'E0004',
  result: { outcome: 'done', status: { code: 'E0004', name: 'To Be Tested', known: true, kind: 'in_progress', label: 'To Be Tested (E0004)' } },
};
const refused: StatusChangeOutcome = {
  guid: G2,
  requested_status: 'E0004',
  result: {
    outcome: 'refused',
    http_status: 400,
    reason: 'Status change from Created (E0001) to To Be Tested (E0004) is not allowed for work item 8000001234',
    details: ['/SALM/EXT_DEVOPS/012'],
  },
};
const already: StatusChangeOutcome = {
  guid: G1,
  requested_status: 'E0004',
  result: { outcome: 'already_there', status: { code: 'E0004', name: 'To Be Tested', known: true, kind: 'in_progress', label: 'To Be Tested (E0004)' } },
};
const failed: StatusChangeOutcome = {
  guid: G3,
  requested_status: 'E0004',
  result: { outcome: 'failed', error: { kind: 'timeout', phase: 'response', seconds: 30 } } as StatusChangeOutcome['result'],
};

function item(guid: string, objectId: string, description: string): WorkItem {
  return {
    guid,
    object_id: objectId,
    process_type: 'S1MJ',
    process_type_text: null,
    description,
    status: { code: 'E0001', name: 'Created', known: true, kind: 'in_progress', label: 'Created (E0001)' },
    priority: null,
    priority_text: null,
    work_package_id: null,
    project_id: null,
    created_by: null,
    created_at: null,
    changed_by: null,
    changed_at: null,
    actual_release: null,
    texts: null,
    attachments: null,
    categories: null,
  } as WorkItem;
}

const name = (code: string) => (code === 'E0004' ? 'To Be Tested (E0004)' : code);

describe('batch outcomes', () => {
  it('describes done, refused (with the server’s reason) and failed results', () => {
    const rows = [done, refused, failed].map((o) => outcomeRow(o, o.guid === G2 ? item(G2, '8000001234', 'Pricing, "urgent"') : undefined, name));
    expect(rows.map((r) => r.kind)).toEqual(['done', 'refused', 'failed']);
    expect(rows[0]).toMatchObject({ label: G1, message: 'To Be Tested (E0004)', requestedStatus: 'To Be Tested (E0004)' });
    expect(rows[1]).toMatchObject({ label: '8000001234', fromStatus: 'Created (E0001)' });
    expect(rows[1]?.message).toContain('is not allowed for work item 8000001234');
    expect(rows[1]?.message).toContain('/SALM/EXT_DEVOPS/012');
    expect(rows[2]?.message.length).toBeGreaterThan(0);
    expect(countOutcomes(rows)).toEqual({ done: 1, already: 0, refused: 1, failed: 1 });
  });

  it('tells an item already in the target status apart from a refusal, and does not retry it', () => {
    const row = outcomeRow(already, item(G1, '8000001233', 'Tested already'), name);
    expect(row.kind).toBe('already');
    expect(row.message).toBe('Already To Be Tested (E0004): nothing changed');
    expect(countOutcomes([row])).toEqual({ done: 0, already: 1, refused: 0, failed: 0 });
    expect(retryRequests([already])).toEqual([]);
    expect(outcomesCsv([row]).split('\r\n')[1]).toContain(',Already there,');
  });

  it('retries the failures, not the refusals, and merges the new outcomes in batch order', () => {
    expect(retryRequests([done, refused, failed])).toEqual([{ guid: G3, user_status: 'E0004' }]);
    const retriedOk: StatusChangeOutcome = { ...failed, result: done.result };
    const merged = mergeOutcomes([done, refused, failed], [refused, retriedOk]);
    expect(merged.map((o) => o.result.outcome)).toEqual(['done', 'refused', 'done']);
    expect(merged.map((o) => o.guid)).toEqual([G1, G2, G3]);
  });
});

describe('CSV export', () => {
  it('quotes separators, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  it('writes a header and one row per item', () => {
    const rows = [outcomeRow(refused, item(G2, '8000001234', 'Pricing, "urgent"'), name)];
    const csv = outcomesCsv(rows);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Work item,GUID,Description,From status,Requested status,Result,Message');
    expect(lines[1]).toBe(
      `8000001234,${G2},"Pricing, ""urgent""",Created (E0001),To Be Tested (E0004),Refused,Status change from Created (E0001) to To Be Tested (E0004) is not allowed for work item 8000001234 /SALM/EXT_DEVOPS/012`,
    );
    expect(lines[2]).toBe('');
    expect(lines).toHaveLength(3);
  });
});

describe('history', () => {
  it('keeps each row with its from and to status, result and message, and exports the batch with time, user and system', () => {
    const rows = [outcomeRow(refused, item(G2, '8000001234', 'Pricing, "urgent"'), name), outcomeRow(already, item(G1, '8000001233', 'Tested'), name)];
    const kept = rows.map(historyRow);
    expect(kept[0]).toEqual({
      guid: G2,
      work_item: '8000001234',
      description: 'Pricing, "urgent"',
      from_status: 'Created (E0001)',
      to_status: 'To Be Tested (E0004)',
      result: 'refused',
      message: rows[0]?.message,
    });
    expect(kept.map((r) => kindOf(r.result))).toEqual(['refused', 'already']);
    const csv = historyCsv({ id: 'b1', at: '2026-12-05T20:40:00.000Z', user: 'DEVELOPER', profile_id: 'p1', system: 'Sandbox (Focused Build)', rows: kept }).split('\r\n');
    expect(csv[0]).toBe('Time,User,System,Work item,GUID,Description,From status,To status,Result,Message');
    expect(csv[1]).toMatch(/^2026-12-05T20:40:00.000Z,DEVELOPER,Sandbox \(Focused Build\),8000001234,.*,Refused,Status change from/);
    expect(csv[2]).toContain(',Already there,Already To Be Tested (E0004): nothing changed');
    expect(csv).toHaveLength(4);
  });
});
