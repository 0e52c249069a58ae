import { describe, expect, it } from 'vitest';
import type { Diagnostic, FileSyntaxResult, ObjectCheck } from '../../api';
import { reportFromChecks, reportFromFiles } from './model';
import { includeKey } from './sources';

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

describe('reportFromFiles', () => {
  it('points each message at its local file and line, and at the include the file holds', () => {
    const testError = diag({ severity: 'error', line: 12, column: 5, text: 'Field LV_X is unknown', include: 'CCAU' });
    const mainWarning = diag({ severity: 'warning', line: 3, text: 'Unused variable' });
    const checked: FileSyntaxResult = {
      result: {
        success: false,
        message: '1 of 1 object(s) have syntax errors',
        objects: [
          {
            object_type: 'CLAS',
            object_name: 'ZCL_A',
            success: false,
            error_count: 1,
            warning_count: 1,
            message: 'Syntax check failed',
            errors: [testError],
            warnings: [mainWarning],
            infos: [],
          },
        ],
      },
      source_map: {
        objects: [
          {
            object_type: 'CLAS',
            object_name: 'ZCL_A',
            files: [
              { role: 'main', path: '/repo/src/zcl_a.clas.abap' },
              { role: 'test_classes', path: '/repo/src/zcl_a.clas.testclasses.abap' },
            ],
          },
        ],
      },
      diagnostics: [
        { object_type: 'CLAS', object_name: 'ZCL_A', diagnostic: testError, location: { path: '/repo/src/zcl_a.clas.testclasses.abap', line: 14, column: 5 } },
        { object_type: 'CLAS', object_name: 'ZCL_A', diagnostic: mainWarning, location: null },
      ],
    };
    const [error, warning] = reportFromFiles(checked).objects[0]!.findings;
    expect(error).toMatchObject({ severity: 'error', file: '/repo/src/zcl_a.clas.testclasses.abap', line: 14, column: 5 });
    expect(includeKey(error!.include)).toBe('testclasses');
    // Without a location the server's own line stays and no file is named.
    expect(warning).toMatchObject({ severity: 'warning', file: null, line: 3 });
  });
});
