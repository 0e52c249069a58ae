import { describe, expect, it } from 'vitest';
import { parseDate, parseTime, showDate, showTime } from './dateInput';

describe('typed dates', () => {
  it('reads ISO, dotted and ABAP dates into yyyyMMdd', () => {
    expect(parseDate('2026-12-31')).toEqual({ ok: true, value: '20261231' });
    expect(parseDate('31.12.2026')).toEqual({ ok: true, value: '20261231' });
    expect(parseDate('1.2.2026')).toEqual({ ok: true, value: '20260201' });
    expect(parseDate(' 20261231 ')).toEqual({ ok: true, value: '20261231' });
    expect(parseDate('')).toEqual({ ok: true, value: '' });
  });

  it('refuses what is no date of the calendar, with what to type', () => {
    expect(parseDate('2026-02-29')).toEqual({ ok: false, message: '2026-02-29 is not a date of the calendar.' });
    expect(parseDate('20261399').ok).toBe(false);
    expect(parseDate('12/31/2026')).toEqual({ ok: false, message: 'Enter a date as 2026-12-31, 31.12.2026 or 20261231.' });
    expect(parseDate('2028-02-29')).toEqual({ ok: true, value: '20280229' });
  });

  it('shows a stored date as ISO', () => {
    expect(showDate('20261231')).toBe('2026-12-31');
    expect(showDate('')).toBe('');
  });
});

describe('typed times', () => {
  it('reads hh:mm, hh:mm:ss and HHmmss into HHmmss', () => {
    expect(parseTime('14:30')).toEqual({ ok: true, value: '143000' });
    expect(parseTime('7:05:09')).toEqual({ ok: true, value: '070509' });
    expect(parseTime('235959')).toEqual({ ok: true, value: '235959' });
  });

  it('refuses what is no time of day', () => {
    expect(parseTime('24:00').ok).toBe(false);
    expect(parseTime('12:60').ok).toBe(false);
    expect(parseTime('noon')).toEqual({ ok: false, message: 'Enter a time as 14:30, 14:30:15 or 143015.' });
  });

  it('shows a stored time with colons', () => {
    expect(showTime('143015')).toBe('14:30:15');
  });
});
