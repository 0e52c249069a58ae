import { describe, expect, it } from 'vitest';
import type { TestFailure, UnitResult } from '../../api';
import { failureLine, unitResultAsText } from './unitText';

const failure = (location: TestFailure['location']): TestFailure => ({
  class_name: 'ZCL_FLIGHT_PRICING',
  method_name: 'DISCOUNT_IS_CAPPED',
  kind: 'FAILURE',
  text: 'Discount must be capped at 30%',
  location,
});

describe('failureLine', () => {
  it('names the local file and the line of the failed test method', () => {
    expect(failureLine(failure({ test_class: 'LTCL_PRICING', file: '/repo/src/zcl_flight_pricing.clas.testclasses.abap', line: 37 }))).toBe(
      'zcl_flight_pricing.clas.testclasses.abap, line 37',
    );
    expect(failureLine(failure({ test_class: 'LTCL_PRICING', file: null, line: 5 }))).toBe('Test classes, line 5');
    expect(failureLine(failure(null))).toBeNull();
  });

  it('puts the line into the copied text', () => {
    const result: UnitResult = {
      success: false,
      message: '1 of 5 tests failed',
      test_count: 5,
      passed_count: 4,
      failed_count: 1,
      failures: [failure({ test_class: 'LTCL_PRICING', file: null, line: 5 })],
      coverage: null,
    };
    expect(unitResultAsText(result, 'Sandbox')).toContain('ZCL_FLIGHT_PRICING->DISCOUNT_IS_CAPPED (Test classes, line 5)');
  });
});
