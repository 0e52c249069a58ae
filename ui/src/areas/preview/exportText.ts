// Rows as text for the clipboard (TSV, pastes into Excel and SE16-style tools) and as CSV files.
// Values are exported as the system sent them (decimal point), dates and times formatted as the
// grid shows them (a spreadsheet reads 31.12.2026, not 20261231).
import type { CellValue, PreviewColumn } from '../../api';
import { cellFormatter } from './cellFormat';

/** Rows with date and time cells formatted as in the grid; other cells unchanged. */
export function withReadableDates(columns: readonly PreviewColumn[], rows: readonly (readonly CellValue[])[], locale?: string): CellValue[][] {
  const formatters = columns.map((c) => {
    const f = cellFormatter(c, locale);
    return f.kind === 'date' || f.kind === 'time' ? f.format : null;
  });
  return rows.map((row) => row.map((value, i) => (formatters[i] && value !== null ? formatters[i](value) : value)));
}

function plain(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'X' : '';
  return String(value);
}

/** Tab-separated text with a header line; tabs and line breaks inside values become spaces. */
export function toTsv(header: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  const clean = (v: string) => v.replace(/[\t\r\n]+/g, ' ');
  const lines = [header.map(clean).join('\t')];
  for (const row of rows) lines.push(header.map((_, i) => clean(plain(row[i] ?? null))).join('\t'));
  return lines.join('\n');
}

/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold the separator, a quote
 * or a line break, quotes doubled. Text that a spreadsheet would run as a formula
 * (=, +, -, @ at the start) is prefixed with a quote mark, numbers are left alone.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CellValue[])[], separator = ','): string {
  const field = (value: CellValue) => {
    let text = plain(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?-?$/.test(text)) text = `'${text}`;
    return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [header.map((h) => field(h)).join(separator)];
  for (const row of rows) lines.push(header.map((_, i) => field(row[i] ?? null)).join(separator));
  return `${lines.join('\r\n')}\r\n`;
}
