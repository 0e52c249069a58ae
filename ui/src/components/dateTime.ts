// One date and time format for the whole app: numeric, in the user's locale (navigator.language),
// e.g. 31.12.2026 14:30 in German, 12/31/2026, 02:30 PM in US English. Pure, so it is unit-tested.
//
// Two kinds of values arrive:
// - SAP dates and times (DATS `YYYYMMDD` or `YYYY-MM-DD`, TIMS `HHMMSS` or `HH:MM:SS`) are wall-clock
//   values of the system without a time zone: shown as they are, never shifted.
// - Timestamps with a zone (RFC 3339 such as `2026-12-31T13:30:00Z`, or a `Date`) are instants:
//   shown in the user's time zone.

export type Locale = string | undefined;

/** The user's locale: the first of the browser's languages; the runtime's default when unknown. */
export function userLocale(): Locale {
  if (typeof navigator === 'undefined') return undefined;
  return validLocale(navigator.languages?.[0] ?? navigator.language);
}

/**
 * A language tag Intl accepts, or undefined (the runtime's default). WebKitGTK passes the
 * process locale on: `C` or `POSIX` under a bare environment, `de_DE.UTF-8` style elsewhere,
 * and Intl throws a RangeError on those.
 */
export function validLocale(tag: string | null | undefined): Locale {
  const cleaned = tag?.trim().replace(/[.@].*$/, '').replace(/_/g, '-');
  if (!cleaned || cleaned === 'C' || cleaned === 'POSIX') return undefined;
  try {
    return Intl.getCanonicalLocales(cleaned)[0];
  } catch {
    return undefined;
  }
}

const DATE_OPTIONS: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
const TIME_OPTIONS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const SECONDS: Intl.DateTimeFormatOptions = { second: '2-digit' };

// Intl formatters are costly to build: one per locale and shape.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(validLocale(locale), options);
    formatters.set(key, found);
  }
  return found;
}

/** A SAP date (`YYYYMMDD` or `YYYY-MM-DD`) as [year, month, day]; null for the initial date or anything else. */
export function parseSapDate(value: unknown): [number, number, number] | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y === 0 || mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  return [y, mo, d];
}

/** A SAP time (`HHMMSS` or `HH:MM:SS`) as [hours, minutes, seconds]. */
export function parseSapTime(value: unknown): [number, number, number] | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{2}):?(\d{2}):?(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // 24:00:00 is a valid TIMS (end of day); anything beyond is not a time.
  if (h > 24 || mi > 59 || s > 59 || (h === 24 && (mi > 0 || s > 0))) return null;
  return [h, mi, s];
}

/** The initial SAP date or time (all zeros), which SAP GUI shows empty. */
function isInitial(value: string): boolean {
  return /^0{8}$|^0000-00-00$/.test(value.trim());
}

/** A timestamp with a zone (RFC 3339) as an instant; SAP dates and anything else give null. */
function instant(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value.trim())) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Calendar date: a SAP date as it is, a timestamp in the user's time zone. Unreadable text stays as it is. */
export function formatDate(value: string | Date | null | undefined, locale: Locale = userLocale()): string {
  if (value === null || value === undefined || value === '') return '';
  const sap = typeof value === 'string' ? parseSapDate(value) : null;
  if (sap) return formatter(locale, { ...DATE_OPTIONS, timeZone: 'UTC' }).format(new Date(Date.UTC(sap[0], sap[1] - 1, sap[2])));
  const at = instant(value);
  if (at) return formatter(locale, DATE_OPTIONS).format(at);
  return typeof value === 'string' && isInitial(value) ? '' : String(value);
}

/** Time of day (hours and minutes, seconds when asked): a SAP time as it is, a timestamp in the user's time zone. */
export function formatTime(value: string | Date | null | undefined, locale: Locale = userLocale(), options: { seconds?: boolean } = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const shape = options.seconds ? { ...TIME_OPTIONS, ...SECONDS } : TIME_OPTIONS;
  const sap = typeof value === 'string' ? parseSapTime(value) : null;
  if (sap) return formatter(locale, { ...shape, timeZone: 'UTC' }).format(new Date(Date.UTC(1970, 0, 1, sap[0], sap[1], sap[2])));
  const at = instant(value);
  if (at) return formatter(locale, shape).format(at);
  return String(value);
}

/** Date and time of a timestamp in the user's time zone (minutes, seconds when asked). */
export function formatDateTime(value: string | Date | null | undefined, locale: Locale = userLocale(), options: { seconds?: boolean } = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const at = instant(value);
  if (!at) return typeof value === 'string' && parseSapDate(value) ? formatDate(value, locale) : String(value);
  return formatter(locale, { ...DATE_OPTIONS, ...TIME_OPTIONS, ...(options.seconds ? SECONDS : {}) }).format(at);
}

/** A SAP date and time of the system's clock (e.g. a dump's DATE and TIME), with seconds, not shifted. */
export function formatSapDateTime(date: string, time: string, locale: Locale = userLocale()): string {
  const d = parseSapDate(date);
  const t = parseSapTime(time);
  if (!d) return [formatDate(date, locale), formatTime(time, locale, { seconds: true })].filter(Boolean).join(' ');
  if (!t) return [formatDate(date, locale), time].filter(Boolean).join(' ');
  const shape = { ...DATE_OPTIONS, ...TIME_OPTIONS, ...SECONDS, timeZone: 'UTC' };
  return formatter(locale, shape).format(new Date(Date.UTC(d[0], d[1] - 1, d[2], t[0], t[1], t[2])));
}

export type DatePart = 'day' | 'month' | 'year';

/** The order of day, month and year in the locale's numeric dates, e.g. month, day, year in US English. */
export function dateOrder(locale: Locale = userLocale()): DatePart[] {
  return formatter(locale, { ...DATE_OPTIONS, timeZone: 'UTC' })
    .formatToParts(new Date(Date.UTC(2026, 11, 31)))
    .map((p) => p.type)
    .filter((t): t is DatePart => t === 'day' || t === 'month' || t === 'year');
}
