import { describe, expect, it } from 'vitest';
import type { Diagnostic, ObjectCheck } from '../../api';
import { reportFromChecks } from './model';

const diag = (over: Partial<Diagnostic>): Diagnostic => ({
  severity: 'info',
  line: null,
  column: null,
  text: '',
  word: null,
  include: null,
  method_name: null,
  check: null,
  ...over,
});

describe('reportFromChecks', () => {
  it('merges errors, warnings and infos into findings and drops line 0', () => {
    const object: ObjectCheck = {
      object_type: 'CLAS',
      object_name: 'ZCL_A',
      success: false,
      error_count: 1,
      warning_count: 1,
      message: 'Syntax check failed',
      errors: [diag({ severity: 'error', line: 15, column: 3, text: 'METHOD is unexpected', include: 'main' })],
      warnings: [diag({ severity: 'warning', line: 0, text: 'Variant warning' })],
      infos: [diag({ severity: 'warning', line: 7, text: 'Escalated info' })],
    };
    const report = reportFromChecks([object], false, '1 of 1 object(s) have syntax errors');
    const findings = report.objects[0]!.findings;
    expect(findings.map((f) => f.severity)).toEqual(['error', 'warning', 'warning']);
    expect(findings[0]).toMatchObject({ line: 15, column: 3, include: 'main' });
    expect(findings[1]!.line).toBeNull();
    expect(findings[1]!.include).toBe('');
  });
});
