import { describe, expect, it } from 'vitest';
import type { CheckReport } from './model';
import { checkResultAsText, groupMessages, includeKey, includeSource } from './sources';

describe('includeKey', () => {
  it('understands both dialects and include suffixes', () => {
    expect(includeKey('Main class')).toBe('main');
    expect(includeKey('class_pool')).toBe('main');
    expect(includeKey('Local definitions')).toBe('locals_def');
    expect(includeKey('locals_imp')).toBe('locals_imp');
    expect(includeKey('Local implementation')).toBe('locals_imp');
    expect(includeKey('Test classes')).toBe('testclasses');
    expect(includeKey('ZCL_A=========================CCAU')).toBe('testclasses');
  });
});

describe('includeSource', () => {
  it('finds the include a message points into', () => {
    const cls = { object_type: 'CLAS', object_name: 'ZCL_A', source: 'main', locals_def: null, locals_imp: 'imp', testclasses: null, fixpt: true, subc: null, fugr_include_name: null };
    expect(includeSource(cls, 'Local implementation')).toBe('imp');
    expect(includeSource(cls, 'main')).toBe('main');
    expect(includeSource(cls, 'testclasses')).toBeNull();
  });
});

describe('groupMessages', () => {
  const result: CheckReport = {
    success: false,
    message: '1 of 1 object(s) have syntax errors',
    objects: [
      {
        object_type: 'CLAS',
        object_name: 'ZCL_A',
        success: false,
        message: '',
        findings: [
          { line: 30, column: 1, text: 'Late warning', include: 'Main class', severity: 'warning', method_name: '', file: null },
          { line: 42, column: 5, text: 'LV_TEST is unknown', include: 'Local implementation', severity: 'error', method_name: '', file: null },
          { line: 15, column: 1, text: 'METHOD is unexpected', include: 'Main class', severity: 'error', method_name: '', file: null },
        ],
      },
    ],
  };

  it('groups by include, errors first then by line, and counts', () => {
    const [group] = groupMessages(result);
    expect(group!.errors).toBe(2);
    expect(group!.warnings).toBe(1);
    expect(group!.includes.map((i) => i.include)).toEqual(['main', 'locals_imp']);
    expect(group!.includes[0]!.messages.map((m) => m.line)).toEqual([15, 30]);
  });

  it('renders as text with include, line and column', () => {
    const text = checkResultAsText(result, 'Syntax check on DEV');
    expect(text).toContain('CLAS ZCL_A: 2 error(s), 1 warning(s)');
    expect(text).toContain('  [error] Local implementations line 42, column 5: LV_TEST is unknown');
  });
});
