import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../api';
import { checkResultAsText, groupMessages, includeKey, includeSource, objectsFromFiles } from './sources';

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

describe('objectsFromFiles', () => {
  it('assembles a class from its abapGit files and reads FIXPT from the XML', () => {
    const objects = objectsFromFiles([
      { path: '/repo/src/zcl_a.clas.abap', content: 'CLASS zcl_a DEFINITION.' },
      { path: '/repo/src/zcl_a.clas.locals_imp.abap', content: 'CLASS lcl IMPLEMENTATION.' },
      { path: '/repo/src/zcl_a.clas.testclasses.abap', content: 'CLASS ltcl DEFINITION FOR TESTING.' },
      { path: '/repo/src/zcl_a.clas.xml', content: '<VSEOCLASS><FIXPT>X</FIXPT></VSEOCLASS>' },
      { path: '/repo/src/zif_b.intf.abap', content: 'INTERFACE zif_b.' },
      { path: '/repo/src/zt.tabl.xml', content: '<DD02V/>' },
    ]);
    expect(objects.map((o) => `${o.type} ${o.name}`)).toEqual(['CLAS ZCL_A', 'INTF ZIF_B']);
    const cls = objects[0]!;
    expect(cls.source).toBe('CLASS zcl_a DEFINITION.');
    expect(cls.locals_imp).toBe('CLASS lcl IMPLEMENTATION.');
    expect(cls.testclasses).toBe('CLASS ltcl DEFINITION FOR TESTING.');
    expect(cls.locals_def).toBeNull();
    expect(cls.fixpt).toBe(true);
    expect(cls.files).toHaveLength(4);
    expect(includeSource(cls, 'Local implementation')).toBe('CLASS lcl IMPLEMENTATION.');
  });
});

describe('groupMessages', () => {
  const result: CheckResult = {
    success: false,
    message: '1 of 1 object(s) have syntax errors',
    objects: [
      {
        object_type: 'CLAS',
        object_name: 'ZCL_A',
        success: false,
        messages: [
          { line: 30, column: 1, text: 'Late warning', include: 'Main class', severity: 'warning', word: '', method_name: '' },
          { line: 42, column: 5, text: 'LV_TEST is unknown', include: 'Local implementation', severity: 'error', word: '', method_name: '' },
          { line: 15, column: 1, text: 'METHOD is unexpected', include: 'Main class', severity: 'error', word: '', method_name: '' },
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
