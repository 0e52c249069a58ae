// JUnit XML from check and unit-test results, for CI systems and test dashboards.
// Generated here from the typed result (the server has no JUnit output). Pure and unit-tested.
import type { UnitResult } from '../../api';
import type { CheckReport } from './model';

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // Characters XML 1.0 does not allow at all.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

export interface JUnitOptions {
  /** Name of the run, e.g. the system or repository. */
  name: string;
  /** ISO timestamp of the run. */
  timestamp: string;
}

/**
 * ABAP Unit result as JUnit: one testsuite per test class with failures, one
 * testcase per failed method. The server reports passed methods only as a count,
 * so they appear as one summarising testcase; the `tests` totals are the server's.
 */
export function unitResultToJUnit(result: UnitResult, options: JUnitOptions): string {
  const byClass = new Map<string, UnitResult['failures']>();
  for (const e of result.failures) {
    const list = byClass.get(e.class_name) ?? [];
    list.push(e);
    byClass.set(e.class_name, list);
  }
  const isError = (kind: string) => kind.trim().toUpperCase() === 'ERROR';
  const totalErrors = result.failures.filter((e) => isError(e.kind)).length;
  const totalFailures = result.failures.length - totalErrors;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: options.name, tests: result.test_count, failures: totalFailures, errors: totalErrors })}>`,
  ];
  for (const [className, failures] of byClass) {
    const errors = failures.filter((f) => isError(f.kind)).length;
    lines.push(
      `  <testsuite${attrs({ name: className, tests: failures.length, failures: failures.length - errors, errors, timestamp: options.timestamp })}>`,
    );
    for (const f of failures) {
      const tag = isError(f.kind) ? 'error' : 'failure';
      lines.push(
        `    <testcase${attrs({ classname: className, name: f.method_name })}>`,
        `      <${tag}${attrs({ message: firstLine(f.text), type: f.kind })}>${escapeXml(f.text)}</${tag}>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  if (result.passed_count > 0) {
    lines.push(
      `  <testsuite${attrs({ name: 'Passed', tests: result.passed_count, failures: 0, errors: 0, timestamp: options.timestamp })}>`,
      `    <testcase${attrs({ classname: 'ABAP Unit', name: `${result.passed_count} passed test methods` })}/>`,
      '  </testsuite>',
    );
  }
  if (result.coverage) {
    lines.push(
      '  <properties>',
      `    <property${attrs({ name: 'coverage.rate', value: result.coverage.rate ?? 0 })}/>`,
      `    <property${attrs({ name: 'coverage.lines.covered', value: result.coverage.covered_lines })}/>`,
      `    <property${attrs({ name: 'coverage.lines.total', value: result.coverage.total_lines })}/>`,
      '  </properties>',
    );
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

/** Syntax check or inspection as JUnit: one testsuite per object, one testcase per error or warning. */
export function checkResultToJUnit(result: CheckReport, options: JUnitOptions): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = result.objects.reduce((n, o) => n + o.findings.filter((m) => m.severity === 'error').length, 0);
  const tests = result.objects.reduce((n, o) => n + Math.max(1, o.findings.length), 0);
  lines.push(`<testsuites${attrs({ name: options.name, tests, failures, errors: 0 })}>`);
  for (const object of result.objects) {
    const objectName = `${object.object_type} ${object.object_name}`;
    const objectFailures = object.findings.filter((m) => m.severity === 'error').length;
    lines.push(
      `  <testsuite${attrs({ name: objectName, tests: Math.max(1, object.findings.length), failures: objectFailures, errors: 0, timestamp: options.timestamp })}>`,
    );
    if (object.findings.length === 0) {
      lines.push(`    <testcase${attrs({ classname: objectName, name: 'check passed' })}/>`);
    }
    for (const m of object.findings) {
      const where = `${m.file ?? (m.include || 'main')}${m.line ? `:${m.line}` : ''}${m.column ? `:${m.column}` : ''}`;
      const name = `${where} ${firstLine(m.text)}`;
      // CI servers link a test case with `file` (and `line`) to the source.
      const located = m.file ? { file: m.file, ...(m.line ? { line: m.line } : {}) } : {};
      if (m.severity === 'error') {
        lines.push(
          `    <testcase${attrs({ classname: objectName, name, ...located })}>`,
          `      <failure${attrs({ message: firstLine(m.text), type: 'error' })}>${escapeXml(`${where}\n${m.text}`)}</failure>`,
          '    </testcase>',
        );
      } else {
        lines.push(
          `    <testcase${attrs({ classname: objectName, name, ...located })}>`,
          `      <system-out>${escapeXml(`${m.severity}: ${m.text}`)}</system-out>`,
          '    </testcase>',
        );
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
