// ABAP Unit failures as text: where each failed method is, and the result for the clipboard.
import type { TestFailure, UnitResult } from '../../api';

/** "zcl_a.clas.testclasses.abap, line 14", from the test classes the user gave; null when unknown. */
export function failureLine(failure: TestFailure): string | null {
  const at = failure.location;
  if (!at) return null;
  const file = at.file ? at.file.split(/[\\/]/).pop() : 'Test classes';
  return `${file}, line ${at.line}`;
}

export function unitResultAsText(result: UnitResult, systemName: string): string {
  const lines = [
    `ABAP Unit on ${systemName}: ${result.message}`,
    `Tests: ${result.test_count}, passed: ${result.passed_count}, failed: ${result.failed_count}`,
  ];
  if (result.coverage) lines.push(`Coverage: ${result.coverage.rate ?? 0}% (${result.coverage.covered_lines} of ${result.coverage.total_lines} lines)`);
  for (const e of result.failures) {
    const where = failureLine(e);
    lines.push(`  [${e.kind}] ${e.class_name}->${e.method_name}${where ? ` (${where})` : ''}: ${e.text}`);
  }
  return lines.join('\n');
}

