import { describe, expect, it } from 'vitest';
import { exampleDate, parseDate, parseTime, showDate, showTime } from './dateInput';

const plain = (text: string) => text.replace(/\s/g, ' ');

describe('typed dates', () => {
  it('reads ISO, dotted and ABAP dates into yyyyMMdd whatever the locale', () => {
    for (const locale of ['de-DE', 'en-US']) {
      expect(parseDate('2026-12-31', locale)).toEqual({ ok: true, value: '20261231' });
      expect(parseDate('31.12.2026', locale)).toEqual({ ok: true, value: '20261231' });
      expect(parseDate('1.2.2026', locale)).toEqual({ ok: true, value: '20260201' });
      expect(parseDate(' 20261231 ', locale)).toEqual({ ok: true, value: '20261231' });
      expect(parseDate('', locale)).toEqual({ ok: true, value: '' });
    }
  });

  it("reads the locale's own form, in the locale's order", () => {
    expect(parseDate('12/31/2026', 'en-US')).toEqual({ ok: true, value: '20261231' });
    expect(parseDate('31/12/2026', 'en-GB')).toEqual({ ok: true, value: '20261231' });
    expect(parseDate('2026/12/31', 'ja-JP')).toEqual({ ok: true, value: '20261231' });
    // What the field shows reads back as the same date.
    for (const locale of ['de-DE', 'en-US', 'en-GB', 'ja-JP']) expect(parseDate(showDate('20261231', locale), locale)).toEqual({ ok: true, value: '20261231' });
  });

  it('refuses what is no date of the calendar, with what to type', () => {
    expect(parseDate('2026-02-29', 'de-DE')).toEqual({ ok: false, message: '2026-02-29 is not a date of the calendar.' });
    expect(parseDate('20261399', 'de-DE').ok).toBe(false);
    // In German a slash date is no form of the locale; 31/12 is no month either in US English.
    expect(parseDate('12/31/2026', 'de-DE')).toEqual({ ok: false, message: '12/31/2026 is not a date of the calendar.' });
    expect(parseDate('31/12/2026', 'en-US').ok).toBe(false);
    expect(parseDate('12/31/26', 'en-US')).toEqual({ ok: false, message: 'Enter a date as 12/31/2026, 2026-12-31, 31.12.2026 or 20261231.' });
    expect(parseDate('tomorrow', 'de-DE')).toEqual({ ok: false, message: 'Enter a date as 31.12.2026, 2026-12-31 or 20261231.' });
    expect(parseDate('2028-02-29', 'de-DE')).toEqual({ ok: true, value: '20280229' });
  });

  it('shows a stored date in the locale', () => {
    expect(showDate('20261231', 'de-DE')).toBe('31.12.2026');
    expect(showDate('20261231', 'en-US')).toBe('12/31/2026');
    expect(exampleDate('en-US')).toBe('12/31/2026');
    expect(showDate('', 'de-DE')).toBe('');
  });
});

describe('typed times', () => {
  it('reads hh:mm, hh:mm:ss and HHmmss into HHmmss', () => {
    expect(parseTime('14:30', 'de-DE')).toEqual({ ok: true, value: '143000' });
    expect(parseTime('7:05:09', 'de-DE')).toEqual({ ok: true, value: '070509' });
    expect(parseTime('235959', 'de-DE')).toEqual({ ok: true, value: '235959' });
  });

  it('reads 12-hour times with AM and PM', () => {
    expect(parseTime('2:30 PM', 'en-US')).toEqual({ ok: true, value: '143000' });
    expect(parseTime('12:15 am', 'en-US')).toEqual({ ok: true, value: '001500' });
    expect(parseTime('12:00 PM', 'en-US')).toEqual({ ok: true, value: '120000' });
    expect(parseTime('13:00 PM', 'en-US').ok).toBe(false);
    for (const locale of ['de-DE', 'en-US']) expect(parseTime(showTime('143015', locale), locale)).toEqual({ ok: true, value: '143015' });
  });

  it('refuses what is no time of day', () => {
    expect(parseTime('24:00', 'de-DE').ok).toBe(false);
    expect(parseTime('12:60', 'de-DE').ok).toBe(false);
    expect(parseTime('noon', 'de-DE')).toEqual({ ok: false, message: 'Enter a time as 14:30, 14:30:15 or 143015.' });
  });

  it('shows a stored time in the locale, seconds only when there are any', () => {
    expect(showTime('143015', 'de-DE')).toBe('14:30:15');
    expect(showTime('143000', 'de-DE')).toBe('14:30');
    expect(plain(showTime('143000', 'en-US'))).toBe('02:30 PM');
  });
});
