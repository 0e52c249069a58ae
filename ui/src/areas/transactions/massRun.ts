// Mass runs in words: what each row status looks like, what the user can do with the run now.
import type { CellProblem, MassRow, MassRunSummary, Operation, RowStatus } from '../../api';
import { asOutputObject, outputText } from './forms';

export const ROW_STATUS: Record<RowStatus, { label: string; design: 'Positive' | 'Negative' | 'Critical' | 'Information' | 'Neutral' }> = {
  pending: { label: 'Pending', design: 'Neutral' },
  sent: { label: 'Sending', design: 'Information' },
  succeeded: { label: 'Succeeded', design: 'Positive' },
  failed: { label: 'Failed', design: 'Negative' },
  unknown: { label: 'Unknown: check in SAP', design: 'Critical' },
};

/** The header line a CSV for `operation` needs (paste it into a spreadsheet, fill the rows below). */
export function csvTemplate(operation: Operation): string {
  return `${operation.parameters.map((p) => p.name).join(';')}\n`;
}

/** Where a problem is, as a spreadsheet user finds it. */
export function problemPlace(problem: CellProblem): string {
  if (problem.row === 0) return problem.column ? `Header, column ${problem.column}` : 'Header';
  return `Row ${problem.row} (line ${problem.line})`;
}

export interface RunActions {
  stop: boolean;
  resume: boolean;
  retryFailed: boolean;
}

/** What can be done with a run now: stop while running; resume and retry only when it is not. */
export function runActions(summary: MassRunSummary, running: boolean): RunActions {
  return {
    stop: running,
    resume: !running && summary.pending > 0,
    retryFailed: !running && summary.failed > 0,
  };
}

/** The progress line: "37 of 50 rows done: 35 succeeded, 2 failed". */
export function summaryText(summary: MassRunSummary): string {
  const done = summary.total - summary.pending;
  const parts = [`${summary.succeeded} succeeded`, `${summary.failed} failed`];
  if (summary.unknown) parts.push(`${summary.unknown} unknown`);
  return `${done} of ${summary.total} rows done: ${parts.join(', ')}`;
}

/** A row's result in one line: the status bar, else the error. */
export function rowMessage(row: MassRow): string {
  const outcome = row.outcome;
  if (!outcome) return '';
  const bar = outcome.status_bar?.text ?? '';
  const error = outcome.error?.message ?? '';
  return [bar, error].filter((t, i, all) => t && all.indexOf(t) === i).join(' · ');
}

/** A row can be corrected while it has not succeeded (and the run is not sending). */
export const canEdit = (row: MassRow) => row.status === 'failed' || row.status === 'unknown' || row.status === 'pending';

/** A row's output in one line: its screen fields as `Name: value` (tables as their row count). */
export function rowOutputText(row: MassRow, limit = 4): string {
  const output = asOutputObject(row.outcome?.output ?? null);
  const parts = Object.entries(output)
    .filter(([, value]) => value !== null && value !== '')
    .map(([name, value]) => `${name}: ${outputText(value)}`);
  return parts.length > limit ? `${parts.slice(0, limit).join('; ')}; …` : parts.join('; ');
}
