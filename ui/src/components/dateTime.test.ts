import { describe, expect, it } from 'vitest';
import { validLocale, dateOrder, formatDate, formatDateTime, formatSapDateTime, formatTime, parseSapDate, parseSapTime } from './dateTime';

// ICU separates "PM" with a narrow no-break space; compare with plain spaces.
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('one date and time format, in the user locale', () => {
  it('shows SAP dates as calendar dates in German and US English', () => {
    expect(formatDate('20261231', 'de-DE')).toBe('31.12.2026');
    expect(formatDate('2026-12-31', 'de-DE')).toBe('31.12.2026');
    expect(formatDate('20261231', 'en-US')).toBe('12/31/2026');
    // A calendar date never moves with the time zone (the first of January stays the first).
    expect(formatDate('20260101', 'en-US')).toBe('01/01/2026');
  });

  it('shows the initial date empty and keeps text it cannot read', () => {
    expect(formatDate('00000000', 'de-DE')).toBe('');
    expect(formatDate('0000-00-00', 'de-DE')).toBe('');
    expect(formatDate('soon', 'de-DE')).toBe('soon');
    expect(formatDate('20260230', 'de-DE')).toBe('20260230');
    expect(formatDate(null)).toBe('');
  });

  it('shows SAP times on a 24-hour clock in German and a 12-hour clock in US English', () => {
    expect(formatTime('143015', 'de-DE')).toBe('14:30');
    expect(formatTime('14:30:15', 'de-DE', { seconds: true })).toBe('14:30:15');
    expect(plain(formatTime('143015', 'en-US'))).toBe('02:30 PM');
    expect(plain(formatTime('090000', 'en-US', { seconds: true }))).toBe('09:00:00 AM');
    expect(formatTime('not a time', 'de-DE')).toBe('not a time');
  });

  it('shows instants in the user time zone with date and minutes', () => {
    const at = new Date(2026, 11, 31, 14, 30, 15);
    expect(formatDateTime(at, 'de-DE')).toBe('31.12.2026, 14:30');
    expect(plain(formatDateTime(at, 'en-US'))).toBe('12/31/2026, 02:30 PM');
    expect(formatDateTime(at.toISOString(), 'de-DE', { seconds: true })).toBe('31.12.2026, 14:30:15');
    expect(formatDate(at.toISOString(), 'de-DE')).toBe('31.12.2026');
    expect(formatDateTime('2026-12-31', 'de-DE')).toBe('31.12.2026');
    expect(formatDateTime('garbage', 'de-DE')).toBe('garbage');
    expect(formatDateTime(undefined)).toBe('');
  });

  it("shows a system's date and time as the system's clock said", () => {
    expect(formatSapDateTime('2026-12-31', '23:59:58', 'de-DE')).toBe('31.12.2026, 23:59:58');
    expect(plain(formatSapDateTime('20261231', '235958', 'en-US'))).toBe('12/31/2026, 11:59:58 PM');
    expect(formatSapDateTime('2026-12-31', '', 'de-DE')).toBe('31.12.2026');
  });

  it('knows where day, month and year go', () => {
    expect(dateOrder('de-DE')).toEqual(['day', 'month', 'year']);
    expect(dateOrder('en-US')).toEqual(['month', 'day', 'year']);
    expect(dateOrder('ja-JP')).toEqual(['year', 'month', 'day']);
  });

  it('reads SAP dates and times strictly', () => {
    expect(parseSapDate('20280229')).toEqual([2028, 2, 29]);
    expect(parseSapDate('20270229')).toBeNull();
    expect(parseSapTime('240000')).toEqual([24, 0, 0]);
    expect(parseSapTime('240001')).toBeNull();
  });

  it("takes the process locale WebKit passes on, and never fails on one Intl refuses", () => {
    expect(validLocale('de_DE.UTF-8')).toBe('de-DE');
    expect(validLocale('en-US')).toBe('en-US');
    expect(validLocale('C')).toBeUndefined();
    expect(validLocale('C.UTF-8')).toBeUndefined();
    expect(validLocale('POSIX')).toBeUndefined();
    expect(validLocale('not a tag!')).toBeUndefined();
    expect(validLocale(undefined)).toBeUndefined();
    expect(formatDate('20261231', 'C')).toBe(formatDate('20261231', undefined));
  });
});
