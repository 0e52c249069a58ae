// Typed dates and times for filters (SAP GUI users type them; a calendar is optional).
// Values travel as the ABAP formats the services use: dates `yyyyMMdd`, times `HHmmss`.
// Fields show them in the user's locale (dateTime.ts) and read that form back, besides
// ISO `2026-12-31`, dotted `31.12.2026` and ABAP `20261231`.
import { dateOrder, formatDate, formatTime, userLocale, type Locale } from './dateTime';

export type Parsed = { ok: true; value: string } | { ok: false; message: string };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC: no time zone shifts).
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 31 December 2026 as the field shows it in the locale, e.g. 12/31/2026 in US English. */
export function exampleDate(locale: Locale = userLocale()): string {
  return formatDate('20261231', locale);
}

function dateHint(locale: Locale): string {
  const forms = [...new Set([exampleDate(locale), '2026-12-31', '31.12.2026'])];
  return `Enter a date as ${forms.join(', ')} or 20261231.`;
}

/** Day, month and year of a date typed in the locale's order with any separator (12/31/2026, 2026/12/31). */
function inLocaleOrder(typed: string, locale: Locale): number[] | null {
  const m = /^(\d{1,4})\s*[./-]\s*(\d{1,4})\s*[./-]\s*(\d{1,4})\.?$/.exec(typed);
  if (!m) return null;
  const order = dateOrder(locale);
  if (order.length !== 3) return null;
  const parts: Record<string, number> = {};
  order.forEach((part, i) => (parts[part] = Number(m[i + 1])));
  // A year of four digits where the locale puts it; two-digit years are too ambiguous.
  if (m[order.indexOf('year') + 1]!.length !== 4) return null;
  return [parts.year!, parts.month!, parts.day!];
}

/** A typed date (empty means "any"): the locale's form, ISO `2026-12-31`, dotted `31.12.2026`, ABAP `20261231`. */
export function parseDate(text: string, locale: Locale = userLocale()): Parsed {
  const typed = text.trim();
  if (!typed) return { ok: true, value: '' };
  const match =
    /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed)?.slice(1, 4).map(Number) ??
    /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$/.exec(typed)?.slice(1, 4).reverse().map(Number) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(typed)?.slice(1, 4).map(Number) ??
    inLocaleOrder(typed, locale);
  if (!match) return { ok: false, message: dateHint(locale) };
  const [year = 0, month = 0, day = 0] = match;
  if (!validDate(year, month, day)) return { ok: false, message: `${typed} is not a date of the calendar.` };
  return { ok: true, value: `${pad(year, 4)}${pad(month)}${pad(day)}` };
}

/** A typed time (empty means "any"): `14:30`, `14:30:15`, `143015`, or with AM/PM (`2:30 PM`). */
export function parseTime(text: string, locale: Locale = userLocale()): Parsed {
  const typed = text.trim();
  if (!typed) return { ok: true, value: '' };
  const match =
    /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([AaPp])?\.?(?:[Mm]\.?)?$/.exec(typed)?.slice(1, 5) ??
    /^(\d{2})(\d{2})(\d{2})$/.exec(typed)?.slice(1, 4);
  if (!match) return { ok: false, message: `Enter a time as ${[...new Set([formatTime('143000', locale), '14:30'])].join(', ')}, 14:30:15 or 143015.` };
  const [hoursText, minutes = 0, seconds = 0] = [match[0], Number(match[1]), Number(match[2] ?? 0)];
  let hours = Number(hoursText);
  const half = match[3]?.toUpperCase();
  if (half && (hours < 1 || hours > 12)) return { ok: false, message: `${typed} is not a time of day.` };
  if (half === 'P' && hours < 12) hours += 12;
  if (half === 'A' && hours === 12) hours = 0;
  if (hours > 23 || minutes > 59 || seconds > 59) return { ok: false, message: `${typed} is not a time of day.` };
  return { ok: true, value: `${pad(hours)}${pad(minutes)}${pad(seconds)}` };
}

/** `20261231` as the field shows it: in the locale (31.12.2026 in German). */
export function showDate(value: string, locale: Locale = userLocale()): string {
  return /^\d{8}$/.test(value) ? formatDate(value, locale) : value;
}

/** `143015` as the field shows it: in the locale, with seconds only when there are any. */
export function showTime(value: string, locale: Locale = userLocale()): string {
  if (!/^\d{6}$/.test(value)) return value;
  return formatTime(value, locale, { seconds: !value.endsWith('00') });
}
