import { describe, expect, it } from 'vitest';
import { activeFieldCount, filterProblems, localInstant, NO_FILTER, sanitizeFilter, toMessageFilter, withStatus } from './filter';

const now = new Date('2026-12-06T12:00:00Z');

describe('toMessageFilter', () => {
  it('turns a preset into a window ending now', () => {
    expect(toMessageFilter({ ...NO_FILTER, time: 'hour' }, now).from).toBe('2026-12-06T11:00:00.000Z');
    expect(toMessageFilter({ ...NO_FILTER, time: 'day' }, now).from).toBe('2026-12-05T12:00:00.000Z');
    expect(toMessageFilter({ ...NO_FILTER, time: 'week' }, now).from).toBe('2026-11-29T12:00:00.000Z');
    expect(toMessageFilter({ ...NO_FILTER, time: 'week' }, now).to).toBe('2026-12-06T12:00:00.000Z');
    const all = toMessageFilter({ ...NO_FILTER, time: 'all' }, now);
    expect(all.from).toBeNull();
    expect(all.to).toBeNull();
  });

  it('reads a custom range in local time; a date without a time covers the whole day', () => {
    const f = toMessageFilter({ ...NO_FILTER, time: 'custom', fromDate: '20261201', fromTime: '083000', toDate: '20261202', toTime: '' }, now);
    expect(f.from).toBe(new Date(2026, 11, 1, 8, 30, 0).toISOString());
    expect(f.to).toBe(new Date(2026, 11, 3, 0, 0, 0).toISOString());
  });

  it('sends trimmed fields and leaves empty ones out', () => {
    const f = toMessageFilter({ ...NO_FILTER, flow: '  Flow_A ', sender: '', receiver: 'S4', applicationMessageId: 'PO-1', correlationId: ' ', headerName: 'Customer', headerValue: ' 1000 ' }, now);
    expect(f.integration_flow).toBe('Flow_A');
    expect(f.sender).toBeNull();
    expect(f.receiver).toBe('S4');
    expect(f.application_message_id).toBe('PO-1');
    expect(f.correlation_id).toBeNull();
    expect(f.custom_header).toEqual({ name: 'Customer', value: '1000' });
    expect(f.statuses).toEqual([]);
  });

  it('adds the chosen status for the list only', () => {
    const base = toMessageFilter(NO_FILTER, now);
    expect(withStatus(base, 'FAILED').statuses).toEqual(['FAILED']);
    expect(withStatus(base, null).statuses).toEqual([]);
  });
});

describe('filterProblems', () => {
  it('refuses a range that ends before it starts', () => {
    expect(filterProblems({ ...NO_FILTER, time: 'custom', fromDate: '20261202', toDate: '20261201' }).to).toMatch(/ends before it starts/);
    expect(filterProblems({ ...NO_FILTER, time: 'custom', fromDate: '20261201', toDate: '20261201' })).toEqual({});
  });

  it('asks for the name of a custom header property given only a value', () => {
    expect(filterProblems({ ...NO_FILTER, headerValue: '1000' }).headerName).toMatch(/Name the custom header/);
  });
});

describe('sanitizeFilter', () => {
  it('falls back field by field for a damaged or older stored filter', () => {
    expect(sanitizeFilter(null)).toEqual(NO_FILTER);
    const f = sanitizeFilter({ status: 'BOGUS', time: 'year', flow: 'F', sender: 42 });
    expect(f.status).toBeNull();
    expect(f.time).toBe('day');
    expect(f.flow).toBe('F');
    expect(f.sender).toBe('');
    expect(sanitizeFilter({ status: 'FAILED', time: 'week' })).toMatchObject({ status: 'FAILED', time: 'week' });
  });
});

it('counts the optional fields in use', () => {
  expect(activeFieldCount({ ...NO_FILTER, sender: 'A', headerName: 'X' })).toBe(2);
});

it('reads no instant from an incomplete date', () => {
  expect(localInstant('2026120', '')).toBeNull();
});
