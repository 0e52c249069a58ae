import { describe, expect, it } from 'vitest';
import type { TransportDetails, TransportHeader } from '../../api';
import { checkText, contentsSummary, contentsText, mergeRows, objectsByHolder, openRows, releasedRows } from './requestRows';

const header = (number: string, over: Partial<TransportHeader> = {}): TransportHeader => ({
  number,
  function: 'K',
  type_text: 'Workbench request',
  status: 'R',
  status_text: 'Released',
  released: true,
  owner: 'JSMITH',
  date: '2026-10-01',
  time: '10:00:00',
  target: 'QAS',
  description: 'Booking service',
  parent: null,
  ...over,
});

const details = (objects: TransportDetails['objects'], tasks: TransportHeader[] = [header('DEVK900002', { function: 'S', parent: 'DEVK900001', owner: 'DEVELOPER' })]): TransportDetails => ({
  request: header('DEVK900001', { status: 'D', status_text: 'Modifiable', released: false }),
  tasks,
  objects,
  objects_capped: false,
});

describe('the transport list', () => {
  it('types open rows by the list they came from and released rows by their function', () => {
    const open = openRows([{ number: 'DEVK900010', description: 'Fees', owner: 'DEVELOPER', date: '2026-12-01' }], 'customizing');
    expect(open[0]).toMatchObject({ kind: 'customizing', status: 'modifiable' });
    const released = releasedRows([header('DEVK900001'), header('DEVK900003', { function: 'W' }), header('DEVK900005', { function: 'T' })]);
    expect(released.map((r) => [r.number, r.kind, r.status])).toEqual([
      ['DEVK900001', 'workbench', 'released'],
      ['DEVK900003', 'customizing', 'released'],
    ]);
  });

  it('merges newest first, filters by type, and shows a request released meanwhile once, as released', () => {
    const open = openRows(
      [
        { number: 'DEVK900007', description: 'Pricing', owner: 'DEVELOPER', date: '2026-12-01' },
        { number: 'DEVK900001', description: 'Booking service', owner: 'JSMITH', date: '2026-09-01' },
      ],
      'workbench',
    );
    const custom = openRows([{ number: 'DEVK900009', description: 'Fees', owner: 'DEVELOPER', date: '2026-12-03' }], 'customizing');
    const rows = mergeRows([open, custom, releasedRows([header('DEVK900001')])], 'all');
    expect(rows.map((r) => r.number)).toEqual(['DEVK900009', 'DEVK900007', 'DEVK900001']);
    expect(rows[2]!.status).toBe('released');
    expect(mergeRows([open, custom], 'customizing').map((r) => r.number)).toEqual(['DEVK900009']);
  });
});

describe('request contents', () => {
  it('says plainly that a request is empty', () => {
    expect(contentsText(details([]))).toBe('DEVK900001 is empty: neither the request nor its task hold any object.');
    expect(contentsText(details([], []))).toBe('DEVK900001 is empty: it holds no object.');
    const check = checkText('DEVK900001', true, 'Transport DEVK900001 passed check', details([]));
    expect(check.warn).toBe(true);
    expect(check.text).toMatch(/^DEVK900001 is empty: .*transport nothing\. The system’s check passed it nonetheless\.$/);
  });

  it('counts the entries of a request that holds objects, grouped by the task that records them', () => {
    const full = details([
      { holder: 'DEVK900002', pgmid: 'R3TR', object_type: 'CLAS', name: 'ZCL_FLIGHT_PRICING' },
      { holder: 'DEVK900002', pgmid: 'R3TR', object_type: 'INTF', name: 'ZIF_FLIGHT_CONSTANTS' },
    ]);
    expect(contentsText(full)).toBe('2 object entries.');
    expect(checkText('DEVK900001', true, 'Transport DEVK900001 passed check', full)).toEqual({ text: 'DEVK900001 passed the check. It holds 2 object entries.', warn: false });
    expect(checkText('DEVK900001', false, 'ZCL_X: line 3: syntax error', full)).toEqual({ text: 'DEVK900001 cannot be released yet: ZCL_X: line 3: syntax error', warn: true });
    expect(contentsSummary(full)).toBe('DEVK900001 holds 2 object entries (recorded by DEVELOPER).');
    expect(contentsSummary(details([]))).toBe('DEVK900001 is empty: neither the request nor its task hold any object.');
    expect(objectsByHolder(full)).toEqual([{ holder: 'DEVK900002', owner: 'DEVELOPER', objects: full.objects }]);
  });
});
