import { describe, expect, it } from 'vitest';
import type { MassRow } from '../../api';
import { canEdit, csvTemplate, problemPlace, rowMessage, rowOutputText, runActions, summaryText } from './massRun';
import { withApp } from './memory';

const summary = { total: 50, pending: 0, succeeded: 48, failed: 2, unknown: 0, stopped: null };

describe('mass runs', () => {
  it('offers stop while running, resume and retry only when stopped', () => {
    expect(runActions(summary, true)).toEqual({ stop: true, resume: false, retryFailed: false });
    expect(runActions(summary, false)).toEqual({ stop: false, resume: false, retryFailed: true });
    expect(runActions({ ...summary, pending: 3, failed: 0 }, false)).toEqual({ stop: false, resume: true, retryFailed: false });
  });
  it('says how far a run is', () => {
    expect(summaryText(summary)).toBe('50 of 50 rows done: 48 succeeded, 2 failed');
    expect(summaryText({ ...summary, pending: 10, succeeded: 38, unknown: 1, failed: 1 })).toBe('40 of 50 rows done: 38 succeeded, 1 failed, 1 unknown');
  });
  it('places problems as a spreadsheet user finds them', () => {
    expect(problemPlace({ row: 0, line: 1, column: 'Foo', message: '' })).toBe('Header, column Foo');
    expect(problemPlace({ row: 7, line: 8, column: 'UserName', message: '' })).toBe('Row 7 (line 8)');
  });
  it('gives a row one message and lets only rows that did not succeed be corrected', () => {
    const row: MassRow = {
      number: 4,
      inputs: { UserName: 'NOBODY' },
      status: 'failed',
      attempts: 1,
      outcome: { at: '', duration_ms: 3, output: null, status_bar: { message_type: 'error', text: 'User NOBODY does not exist' }, error: { reason: 'batch_execution_failed', remedy: null, message: 'Step 2 failed', fields: [] } },
    };
    expect(rowMessage(row)).toBe('User NOBODY does not exist · Step 2 failed');
    expect(canEdit(row)).toBe(true);
    expect(canEdit({ ...row, status: 'succeeded' })).toBe(false);
    const done = { ...row, status: 'succeeded' as const, outcome: { ...row.outcome!, error: null, output: { UserName: 'JSMITH', Email: '', Roles: [{}, {}] } } };
    expect(rowOutputText(done)).toBe('UserName: JSMITH; Roles: 2 rows');
  });
  it('writes the header line of a CSV template', () => {
    expect(csvTemplate({ name: 'X', kind: 'action', generic: false, output: [], problem: null, parameters: [{ name: 'A', edm_type: 'string', input_kind: 'text', required: true, max_length: null }, { name: 'B', edm_type: 'int32', input_kind: 'integer', required: false, max_length: null }] })).toBe('A;B\n');
  });
  it('remembers apps most recent first without duplicates', () => {
    expect(withApp(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
  });
});
