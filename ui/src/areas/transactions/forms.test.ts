import { describe, expect, it } from 'vitest';
import type { Operation, Parameter } from '../../api';
import { fieldProblem, filledInputs, followUpInputs, formProblems, splitOutput, statusDesign, tableAsTsv, TYPED_INVALID } from './forms';

const param = (name: string, edm_type: Parameter['edm_type'], input_kind: Parameter['input_kind'], required = false, max_length: number | null = null): Parameter => ({
  name,
  edm_type,
  input_kind,
  required,
  max_length,
});

const details: Operation = {
  name: 'GetUserDetails',
  kind: 'function',
  generic: false,
  parameters: [param('UserName', 'string', 'text', true, 12)],
  output: [],
  problem: null,
};

describe('fieldProblem', () => {
  it('asks for required fields and accepts empty optional ones', () => {
    expect(fieldProblem(param('A', 'string', 'text', true), '  ')).toMatch(/Required/);
    expect(fieldProblem(param('A', 'string', 'text'), '')).toBeNull();
  });
  it('counts characters, not bytes, against the maximum length', () => {
    expect(fieldProblem(param('A', 'string', 'text', false, 3), 'Müh')).toBeNull();
    expect(fieldProblem(param('A', 'string', 'text', false, 3), 'Mühe')).toMatch(/At most 3/);
  });
  it('checks whole numbers against their Edm range', () => {
    expect(fieldProblem(param('N', 'byte', 'integer'), '255')).toBeNull();
    expect(fieldProblem(param('N', 'byte', 'integer'), '256')).toMatch(/from 0 to 255/);
    expect(fieldProblem(param('N', 'int64', 'integer'), '9223372036854775807')).toBeNull();
    expect(fieldProblem(param('N', 'int32', 'integer'), '1.5')).toMatch(/not a whole number/);
  });
  it('takes decimals with a point only (a comma would be ambiguous in a CSV)', () => {
    expect(fieldProblem(param('D', 'decimal', 'number'), '12.50')).toBeNull();
    expect(fieldProblem(param('D', 'decimal', 'number'), '12,50')).toMatch(/decimal number/);
  });
  it('checks dates, times, date-times, GUIDs and yes/no like the back end', () => {
    expect(fieldProblem(param('D', 'date', 'date'), '2026-02-28')).toBeNull();
    expect(fieldProblem(param('D', 'date', 'date'), '2026-02-30')).toMatch(/YYYY-MM-DD/);
    expect(fieldProblem(param('D', 'date', 'date'), TYPED_INVALID)).toBe('Not a valid date.');
    expect(fieldProblem(param('T', 'time_of_day', 'time'), '23:59:59')).toBeNull();
    expect(fieldProblem(param('T', 'time_of_day', 'time'), '24:00')).toMatch(/hh:mm:ss/);
    expect(fieldProblem(param('T', 'date_time_offset', 'date_time'), '2026-12-06T10:00:00Z')).toBeNull();
    expect(fieldProblem(param('T', 'date_time_offset', 'date_time'), '2026-12-06 10:00')).toMatch(/date and time/);
    expect(fieldProblem(param('G', 'guid', 'text'), '0123abcd-0000-4000-8000-00000000abcd')).toBeNull();
    expect(fieldProblem(param('G', 'guid', 'text'), '0123abcd')).toMatch(/GUID/);
    expect(fieldProblem(param('B', 'boolean', 'boolean'), 'X')).toBeNull();
    expect(fieldProblem(param('B', 'boolean', 'boolean'), 'maybe')).toMatch(/yes\/no/);
  });
});

describe('forms', () => {
  it('names every field with a problem and sends only filled fields', () => {
    const op: Operation = { ...details, parameters: [...details.parameters, param('Dept', 'string', 'text')] };
    expect(formProblems(op, {})).toEqual({ UserName: 'Required: enter a value.' });
    expect(filledInputs(op, { UserName: 'JSMITH', Dept: ' ' })).toEqual({ UserName: 'JSMITH' });
  });
  it('fills a follow-up form from the chosen row, then the outputs, then what was sent', () => {
    const next: Operation = { ...details, parameters: [param('UserName', 'string', 'text', true), param('Department', 'string', 'text'), param('Reason', 'string', 'text')] };
    const inputs = followUpInputs(next, { Reason: 'audit', UserName: 'J*' }, { Department: 'Sales', Users: [] }, { UserName: 'AWILSON', Locked: false });
    expect(inputs).toEqual({ UserName: 'AWILSON', Department: 'Sales', Reason: 'audit' });
  });
  it('splits an answer into screen fields and tables in the metadata order', () => {
    const { scalars, tables } = splitOutput(
      [
        { name: 'UserName', edm_type: 'string', collection: false, fields: [] },
        { name: 'Roles', edm_type: null, collection: true, fields: [{ name: 'Role', edm_type: 'string', collection: false, fields: [] }] },
      ],
      { Roles: [{ Role: 'SAP_BR_X', Extra: 1 }], UserName: 'JSMITH', Undeclared: true },
    );
    expect(scalars).toEqual([
      { name: 'UserName', value: 'JSMITH' },
      { name: 'Undeclared', value: 'Yes' },
    ]);
    expect(tables).toEqual([{ name: 'Roles', columns: ['Role'], rows: [{ Role: 'SAP_BR_X', Extra: 1 }] }]);
  });
  it('colours the status bar as SAP GUI does and copies tables as tab-separated text', () => {
    expect(statusDesign('success')).toBe('Positive');
    expect(statusDesign('warning')).toBe('Critical');
    expect(statusDesign('error')).toBe('Negative');
    expect(statusDesign('information')).toBe('Information');
    expect(tableAsTsv(['A', 'B'], [{ A: 'x\ty', B: 2 }])).toBe('A\tB\nx y\t2');
  });
});
