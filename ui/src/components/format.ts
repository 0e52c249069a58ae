// Small formatting helpers shared by the areas. Pure and unit-tested.

/** Elapsed time as people read a stopwatch: 0:07, 4:32, 1:02:05. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** "1 object", "3 objects". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}

/** SAP timestamps (YYYYMMDDhhmmss, as string or number; 0 = absent) to a Date in UTC. */
export function parseSapTimestamp(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (!/^\d{14}$/.test(text)) return null;
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((i, k) => Number(text.slice(i, k === 0 ? 4 : i + 2)));
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  return Number.isNaN(date.getTime()) ? null : date;
}

export type Severity = 'error' | 'warning' | 'success' | 'information';

/** The API's severity (error, warning, info, success) as shown. */
export function severityOf(severity: 'error' | 'warning' | 'info' | 'success'): Severity {
  return severity === 'info' ? 'information' : severity;
}

/** SAP message types (S, E, W, A, I, X) to a severity. */
export function severityOfMessageType(type: string): Severity {
  switch (type.trim().toUpperCase()) {
    case 'E':
    case 'A':
    case 'X':
      return 'error';
    case 'W':
      return 'warning';
    case 'S':
      return 'success';
    default:
      return 'information';
  }
}

export const SEVERITY_LABEL: Record<Severity, string> = {
  error: 'Error',
  warning: 'Warning',
  success: 'Success',
  information: 'Information',
};

/** Percentage of a/b, clamped to 0..100, or null when b is 0. */
export function percent(done: number, total: number): number | null {
  if (!Number.isFinite(done) || !Number.isFinite(total) || total <= 0) return null;
  return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}

/** abapGit file name to (type, name): `src/zcl_x.clas.abap` -> CLAS ZCL_X. */
export function objectFromFileName(path: string): { type: string; name: string; part: string | null } | null {
  const file = path.split(/[\\/]/).pop() ?? '';
  const parts = file.split('.');
  if (parts.length < 3) return null;
  const name = parts[0]!.replace(/#/g, '/').toUpperCase();
  const type = parts[1]!.toUpperCase();
  const part = parts.length === 4 ? parts[2]!.toLowerCase() : null;
  if (!name || !type) return null;
  return { type, name, part };
}
