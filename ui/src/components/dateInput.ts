// Typed dates and times for filters (SAP GUI users type them; a calendar is optional).
// Values travel as the ABAP formats the services use: dates `yyyyMMdd`, times `HHmmss`.

export type Parsed = { ok: true; value: string } | { ok: false; message: string };

const DATE_HINT = 'Enter a date as 2026-12-31, 31.12.2026 or 20261231.';
const TIME_HINT = 'Enter a time as 14:30, 14:30:15 or 143015.';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC: no time zone shifts).
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A typed date (empty means "any"): ISO `2026-12-31`, German/SAP `31.12.2026`, ABAP `20261231`. */
export function parseDate(text: string): Parsed {
  const typed = text.trim();
  if (!typed) return { ok: true, value: '' };
  const match =
    /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed)?.slice(1, 4) ??
    /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(typed)?.slice(1, 4).reverse() ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(typed)?.slice(1, 4);
  if (!match) return { ok: false, message: DATE_HINT };
  const [year = 0, month = 0, day = 0] = match.map(Number);
  if (!validDate(year, month, day)) return { ok: false, message: `${typed} is not a date of the calendar.` };
  return { ok: true, value: `${pad(year, 4)}${pad(month)}${pad(day)}` };
}

/** A typed time (empty means "any"): `14:30`, `14:30:15` or `143015`. */
export function parseTime(text: string): Parsed {
  const typed = text.trim();
  if (!typed) return { ok: true, value: '' };
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(typed)?.slice(1, 4) ?? /^(\d{2})(\d{2})(\d{2})$/.exec(typed)?.slice(1, 4);
  if (!match) return { ok: false, message: TIME_HINT };
  const [hours = 0, minutes = 0, seconds = 0] = match.map((part) => Number(part ?? 0));
  if (hours > 23 || minutes > 59 || seconds > 59) return { ok: false, message: `${typed} is not a time of day.` };
  return { ok: true, value: `${pad(hours)}${pad(minutes)}${pad(seconds)}` };
}

/** `20261231` as shown in the field: `2026-12-31`. */
export function showDate(value: string): string {
  return /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : value;
}

/** `143015` as shown in the field: `14:30:15`. */
export function showTime(value: string): string {
  return /^\d{6}$/.test(value) ? `${value.slice(0, 2)}:${value.slice(2, 4)}:${value.slice(4, 6)}` : value;
}
