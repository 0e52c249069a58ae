import { describe, expect, it } from 'vitest';
import type { UnitResult } from '../../api';
import type { CheckReport } from './model';
import { checkResultToJUnit, escapeXml, unitResultToJUnit } from './junit';

const options = { name: 'DEV <sandbox>', timestamp: '2026-11-22T02:00:00Z' };

describe('unitResultToJUnit', () => {
  const result: UnitResult = {
    success: false,
    message: '2 of 5 tests failed',
    test_count: 5,
    passed_count: 3,
    failed_count: 2,
    failures: [
      { class_name: 'LTCL_CALC', method_name: 'ADD', kind: 'FAILURE', text: 'Expected 3 but was 4\nin line 12' },
      { class_name: 'LTCL_CALC', method_name: 'DIVIDE', kind: 'ERROR', text: 'CX_SY_ZERODIVIDE "boom"' },
    ],
    coverage: { total_lines: 200, covered_lines: 150, rate: 75 },
  };

  it('writes totals, one failure or error per failed method, and escapes text', () => {
    const xml = unitResultToJUnit(result, options);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('<testsuites name="DEV &lt;sandbox&gt;" tests="5" failures="1" errors="1">');
    expect(xml).toContain('<testsuite name="LTCL_CALC" tests="2" failures="1" errors="1"');
    expect(xml).toContain('<failure message="Expected 3 but was 4" type="FAILURE">Expected 3 but was 4\nin line 12</failure>');
    expect(xml).toContain('<error message="CX_SY_ZERODIVIDE &quot;boom&quot;" type="ERROR">');
    expect(xml).toContain('name="3 passed test methods"');
    expect(xml).toContain('<property name="coverage.rate" value="75"/>');
  });

  it('has balanced suites for an all-green run', () => {
    const xml = unitResultToJUnit({ ...result, success: true, failed_count: 0, passed_count: 5, failures: [], coverage: null }, options);
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml.match(/<\/testsuite>/g)).toHaveLength(1);
    expect(xml).not.toContain('<failure');
    expect(xml).not.toContain('<properties>');
  });
});

describe('checkResultToJUnit', () => {
  it('turns errors into failures with include, line and column; warnings stay passing', () => {
    const result: CheckReport = {
      success: false,
      message: '1 of 2 objects have syntax errors',
      objects: [
        {
          object_type: 'CLAS',
          object_name: 'ZCL_A',
          success: false,
          message: '',
          findings: [
            { line: 15, column: 3, text: 'The statement METHOD is unexpected', include: 'locals_imp', severity: 'error', method_name: '', file: null },
            { line: 2, column: null, text: 'Unused variable', include: 'main', severity: 'warning', method_name: '', file: null },
          ],
        },
        { object_type: 'INTF', object_name: 'ZIF_B', success: true, message: '', findings: [] },
      ],
    };
    const xml = checkResultToJUnit(result, options);
    expect(xml).toContain('<testsuites name="DEV &lt;sandbox&gt;" tests="3" failures="1" errors="0">');
    expect(xml).toContain('name="locals_imp:15:3 The statement METHOD is unexpected"');
    expect(xml).toContain('<system-out>warning: Unused variable</system-out>');
    expect(xml).toContain('<testcase classname="INTF ZIF_B" name="check passed"/>');
    expect(xml.match(/<failure /g)).toHaveLength(1);
  });
});

describe('checkResultToJUnit of local files', () => {
  it('names the file and line, so CI links the failure to the source', () => {
    const result: CheckReport = {
      success: false,
      message: '',
      objects: [
        {
          object_type: 'CLAS',
          object_name: 'ZCL_A',
          success: false,
          message: '',
          findings: [{ line: 14, column: 5, text: 'LV_X is unknown', include: 'test_classes', severity: 'error', method_name: '', file: 'src/zcl_a.clas.testclasses.abap' }],
        },
      ],
    };
    const xml = checkResultToJUnit(result, options);
    expect(xml).toContain('name="src/zcl_a.clas.testclasses.abap:14:5 LV_X is unknown" file="src/zcl_a.clas.testclasses.abap" line="14">');
  });
});

describe('escapeXml', () => {
  it('escapes markup and drops control characters', () => {
    expect(escapeXml(`a<b>&"c'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  });
});
