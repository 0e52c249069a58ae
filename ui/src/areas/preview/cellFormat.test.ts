import { describe, expect, it } from 'vitest';
import { cellFormatter, columnKind, nextSort, numericValue, parseAbapDate, sortedRowOrder } from './cellFormat';
import type { CellValue, PreviewColumn } from '../../api';

const col = (data_type: string, decimals = 0): PreviewColumn => ({ name: 'X', data_type, length: 10, decimals });

describe('columnKind', () => {
  it('reads DDIC types and RTTI type kind letters alike', () => {
    expect(columnKind(col('DATS'))).toBe('date');
    expect(columnKind(col('D'))).toBe('date');
    expect(columnKind(col('TIMS'))).toBe('time');
    expect(columnKind(col('t'))).toBe('time');
    expect(columnKind(col('CURR'))).toBe('number');
    expect(columnKind(col('P'))).toBe('number');
    expect(columnKind(col('INT4'))).toBe('number');
    expect(columnKind(col('NUMC'))).toBe('text');
    expect(columnKind(col('CHAR'))).toBe('text');
  });
});

describe('cellFormatter', () => {
  it('shows YYYYMMDD and ISO dates as locale dates and the initial date as empty', () => {
    const f = cellFormatter(col('DATS'), 'en-US');
    expect(f.format('20261122')).toBe('11/22/2026');
    expect(f.format('2026-11-22')).toBe('11/22/2026');
    expect(cellFormatter(col('DATS'), 'de-DE').format('20261122')).toBe('22.11.2026');
    expect(f.format('00000000')).toBe('');
    expect(f.format('not a date')).toBe('not a date');
  });

  it("shows times with seconds on the locale's clock", () => {
    expect(cellFormatter(col('TIMS'), 'de-DE').format('143005')).toBe('14:30:05');
    expect(cellFormatter(col('TIMS'), 'en-US').format('143005').replace(/\s/g, ' ')).toBe('02:30:05 PM');
    expect(cellFormatter(col('T'), 'de-DE').format('07:05:00')).toBe('07:05:00');
  });

  it('shows amounts with their decimals, grouped, right-aligned', () => {
    const f = cellFormatter(col('CURR', 2), 'en-US');
    expect(f.alignEnd).toBe(true);
    expect(f.format(1234.5)).toBe('1,234.50');
    expect(f.format('99.9')).toBe('99.90');
    expect(f.format('12.50-')).toBe('-12.50');
    expect(cellFormatter(col('CURR', 2), 'de-DE').format(1234.5)).toBe('1.234,50');
    expect(cellFormatter(col('INT4'), 'en-US').format(1200000)).toBe('1,200,000');
  });

  it('keeps text, NUMC leading zeros and null apart', () => {
    const f = cellFormatter(col('NUMC'), 'en-US');
    expect(f.alignEnd).toBe(false);
    expect(f.format('000123')).toBe('000123');
    expect(f.format(null)).toBe('');
    expect(f.format(true)).toBe('Yes');
  });
});

describe('numericValue and parseAbapDate', () => {
  it('reads numbers from JSON numbers and numeric text only', () => {
    expect(numericValue(3)).toBe(3);
    expect(numericValue(' 4.25 ')).toBe(4.25);
    expect(numericValue('-7')).toBe(-7);
    expect(numericValue('abc')).toBeNull();
    expect(numericValue(null)).toBeNull();
  });
  it('rejects impossible dates', () => {
    expect(parseAbapDate('20261332')).toBeNull();
    // 2026 is no leap year: a DATS field may hold such a value, which is shown as stored.
    expect(parseAbapDate('20260229')).toBeNull();
    expect(cellFormatter(col('DATS'), 'de-DE').format('20260229')).toBe('20260229');
    expect(parseAbapDate('20280229')).toEqual([2028, 2, 29]);
  });
});

describe('sortedRowOrder', () => {
  const rows: CellValue[][] = [
    ['LH', 10, '20260105'],
    ['AA', 9, ''],
    ['lh', 100, '20251231'],
    ['BA', null, '20260105'],
  ];

  it('sorts numbers numerically, not as text, and puts empty cells last', () => {
    expect(sortedRowOrder(rows, { column: 1, direction: 'ascending' }, 'number')).toEqual([1, 0, 2, 3]);
    expect(sortedRowOrder(rows, { column: 1, direction: 'descending' }, 'number')).toEqual([2, 0, 1, 3]);
  });

  it('sorts dates chronologically and keeps the server order for equal values (stable)', () => {
    expect(sortedRowOrder(rows, { column: 2, direction: 'ascending' }, 'date')).toEqual([2, 0, 3, 1]);
  });

  it('sorts text case-insensitively and numerically aware', () => {
    expect(sortedRowOrder(rows, { column: 0, direction: 'ascending' }, 'text')).toEqual([1, 3, 0, 2]);
    expect(sortedRowOrder([['A10'], ['A9']], { column: 0, direction: 'ascending' }, 'text')).toEqual([1, 0]);
  });

  it('leaves the order alone without a sort', () => {
    expect(sortedRowOrder(rows, null, 'text')).toEqual([0, 1, 2, 3]);
  });
});

describe('nextSort', () => {
  it('cycles ascending, descending, off, and restarts on another column', () => {
    const a = nextSort(null, 2);
    expect(a).toEqual({ column: 2, direction: 'ascending' });
    const d = nextSort(a, 2);
    expect(d).toEqual({ column: 2, direction: 'descending' });
    expect(nextSort(d, 2)).toBeNull();
    expect(nextSort(d, 1)).toEqual({ column: 1, direction: 'ascending' });
  });
});
