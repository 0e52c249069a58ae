// Type-aware display and ordering of preview cells. Pure, so it is unit-tested.
import type { CellValue, PreviewColumn } from '../../api';
import { formatDate, formatTime, parseSapDate, parseSapTime, userLocale } from '../../components/dateTime';

export type ColumnKind = 'date' | 'time' | 'number' | 'text';

const NUMBER_TYPES = new Set([
  // DDIC built-in types
  'CURR', 'QUAN', 'DEC', 'FLTP', 'INT1', 'INT2', 'INT4', 'INT8', 'PREC', 'D16D', 'D34D', 'D16N', 'D34N',
  // RTTI type kinds: packed, integer, float, int8, int1, int2, decfloat16/34
  'P', 'I', 'F', '8', 'B', 'S', 'A', 'E',
]);

/** The kind of a column from its DDIC type or RTTI type kind letter. */
export function columnKind(column: Pick<PreviewColumn, 'data_type'>): ColumnKind {
  const type = column.data_type.trim().toUpperCase();
  if (type === 'DATS' || type === 'D') return 'date';
  if (type === 'TIMS' || type === 'T') return 'time';
  if (NUMBER_TYPES.has(type)) return 'number';
  return 'text';
}

/** `YYYYMMDD` or `YYYY-MM-DD` to [year, month, day]; null for the initial date or anything else. */
export const parseAbapDate = (value: CellValue) => parseSapDate(value);

/** `HHMMSS` or `HH:MM:SS` to [h, m, s]. */
export const parseAbapTime = (value: CellValue) => parseSapTime(value);

/** A cell as a number when it is one (numbers arrive as JSON numbers or, from some servers, as text). */
export function numericValue(value: CellValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  // ABAP writes negative packed numbers with a trailing minus ("12.50-").
  const m = /^([+-]?)(\d+(?:\.\d+)?)(-?)$/.exec(text);
  if (!m) return null;
  const n = Number(m[2]);
  return m[1] === '-' || m[3] === '-' ? -n : n;
}

/** Formats the cells of one column; built once per column because Intl formatters are costly. */
export interface CellFormatter {
  kind: ColumnKind;
  /** Right-aligned in the grid (numbers). */
  alignEnd: boolean;
  format: (value: CellValue) => string;
}

export function cellFormatter(column: PreviewColumn, locale: string | undefined = userLocale()): CellFormatter {
  const kind = columnKind(column);
  const raw = (value: CellValue) => (value === null ? '' : typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value));
  // Dates and times in the app's one format (components/dateTime), with seconds as SAP GUI shows them.
  if (kind === 'date') return { kind, alignEnd: false, format: (value) => (typeof value === 'string' ? formatDate(value, locale) : raw(value)) };
  if (kind === 'time') return { kind, alignEnd: false, format: (value) => (typeof value === 'string' ? formatTime(value, locale, { seconds: true }) : raw(value)) };
  if (kind === 'number') {
    const type = column.data_type.trim().toUpperCase();
    const isFloat = type === 'F' || type === 'FLTP' || type.startsWith('D16') || type.startsWith('D34') || type === 'A' || type === 'E';
    const fmt = new Intl.NumberFormat(
      locale,
      isFloat
        ? { maximumFractionDigits: 6 }
        : { minimumFractionDigits: column.decimals, maximumFractionDigits: column.decimals },
    );
    return {
      kind,
      alignEnd: true,
      format: (value) => {
        const n = numericValue(value);
        return n === null ? raw(value) : fmt.format(n);
      },
    };
  }
  return { kind, alignEnd: false, format: raw };
}

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  column: number;
  direction: SortDirection;
}

function isEmpty(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

/** Orders two cells of a column of the given kind; empty cells sort last whatever the direction. */
export function compareCells(a: CellValue, b: CellValue, kind: ColumnKind, collator: Intl.Collator): number {
  if (kind === 'number') {
    const x = numericValue(a);
    const y = numericValue(b);
    if (x !== null && y !== null) return x - y;
  }
  if (kind === 'date') {
    const x = parseAbapDate(a);
    const y = parseAbapDate(b);
    if (x && y) return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(a === null ? '' : String(a), b === null ? '' : String(b));
}

/**
 * The row order for a sort, as indexes into `rows` (the rows stay untouched).
 * Stable: equal cells keep their server order. Empty cells go last in both directions.
 */
export function sortedRowOrder(rows: readonly (readonly CellValue[])[], sort: SortState | null, kind: ColumnKind, locale?: string): number[] {
  const order = rows.map((_, i) => i);
  if (!sort) return order;
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  order.sort((i, j) => {
    const a = rows[i]?.[sort.column] ?? null;
    const b = rows[j]?.[sort.column] ?? null;
    const ea = isEmpty(a);
    const eb = isEmpty(b);
    if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1;
    return sign * compareCells(a, b, kind, collator);
  });
  return order;
}

/** The next sort after a click on a column header: ascending, descending, off. */
export function nextSort(current: SortState | null, column: number): SortState | null {
  if (!current || current.column !== column) return { column, direction: 'ascending' };
  if (current.direction === 'ascending') return { column, direction: 'descending' };
  return null;
}
