// Pure helpers of the Objects forms: abapGit file names and customizing field lists. Unit-tested.
import type { FieldValue } from '../../api';

const SOURCE_TYPES = new Set(['CLAS', 'INTF', 'PROG', 'FUGR']);

/** The abapGit file of an object, as the server expects it for a drop: `src/zcl_x.clas.abap`. */
export function fileNameOf(type: string, name: string): string {
  const t = type.trim().toLowerCase();
  const n = name.trim().toLowerCase().replace(/\//g, '#');
  const ext = SOURCE_TYPES.has(t.toUpperCase()) ? 'abap' : t === 'ddls' ? 'asddls' : 'xml';
  return `src/${n}.${t}.${ext}`;
}

/** The object a file name names, or null when the server would not recognise it. */
export function objectOfFileName(path: string): { type: string; name: string } | null {
  const file = (path.split(/[\\/]/).pop() ?? '').trim().toUpperCase();
  const parts = file.split('.');
  if (parts.length === 3 && ['ABAP', 'ASDDLS', 'XML'].includes(parts[2]!) && parts[0] && parts[1]) {
    return { type: parts[1], name: parts[0].replace(/#/g, '/') };
  }
  if (parts.length === 4 && parts[3] === 'ABAP' && parts[0] && (parts[1] === 'CLAS' || parts[1] === 'ENHO')) {
    return { type: parts[1], name: parts[0].replace(/#/g, '/') };
  }
  return null;
}

export interface FieldRow {
  field: string;
  value: string;
}

export interface FieldProblems {
  /** Per row index. */
  rows: Map<number, string>;
  /** For the whole list. */
  list: string | null;
}

/**
 * The field/value pairs to send (blank rows skipped, field names upper case) and the
 * problems to show at the rows: a value without a field name, a field named twice.
 */
export function fieldValues(rows: readonly FieldRow[]): { values: FieldValue[]; problems: FieldProblems } {
  const problems: FieldProblems = { rows: new Map(), list: null };
  const seen = new Map<string, number>();
  const values: FieldValue[] = [];
  rows.forEach((row, i) => {
    const field = row.field.trim().toUpperCase();
    if (!field && !row.value.trim()) return;
    if (!field) return problems.rows.set(i, 'Enter the field name for this value.');
    if (!/^[A-Z0-9_/]{1,30}$/.test(field)) return problems.rows.set(i, 'A field name has letters, digits and underscores only.');
    if (seen.has(field)) return problems.rows.set(i, `${field} is already set in row ${seen.get(field)! + 1}.`);
    seen.set(field, i);
    values.push({ field, value: row.value });
  });
  if (values.length === 0 && problems.rows.size === 0) problems.list = 'Enter at least one field and its value (the key fields identify the entry).';
  return { values, problems };
}
