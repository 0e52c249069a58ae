import { describe, expect, it } from 'vitest';
import { methodLine, objectOfInclude, sectionAt, sourceDocument } from './sections';
import type { SourceSection } from '../../api';

const section = (suffix: string, lines: string[], method_name: string | null = null): SourceSection => ({
  suffix,
  description: '',
  method_name,
  file: null,
  lines,
});

describe('sourceDocument', () => {
  it('orders definition, methods, locals and tests and records where each starts', () => {
    const doc = sourceDocument({
      source: null,
      sections: [
        section('CCAU', ['CLASS ltc DEFINITION FOR TESTING.', 'ENDCLASS.']),
        section('CU', ['CLASS zcl_a DEFINITION PUBLIC.', '  PUBLIC SECTION.']),
        section('CM002', ['METHOD run.', 'ENDMETHOD.'], 'RUN'),
        section('CO', []),
        section('CP', ['  PRIVATE SECTION.', 'ENDCLASS.']),
        section('CM001', ['METHOD constructor.', 'ENDMETHOD.'], 'CONSTRUCTOR'),
        section('CCDEF', ['']),
      ],
    });
    expect(doc.entries.map((e) => [e.label, e.group, e.startLine])).toEqual([
      ['Public section', 'definition', 1],
      ['Private section', 'definition', 3],
      ['run', 'methods', 5],
      ['constructor', 'methods', 7],
      ['Test classes', 'tests', 9],
    ]);
    expect(doc.lines[4]).toBe('METHOD run.');
    expect(doc.entries[2]!.methodName).toBe('RUN');
  });

  it('falls back to the plain source when there are no sections', () => {
    const doc = sourceDocument({ sections: [], source: 'REPORT z.\r\nWRITE 1.' });
    expect(doc.lines).toEqual(['REPORT z.', 'WRITE 1.']);
    expect(doc.entries).toHaveLength(1);
  });

  it('finds the section of a line', () => {
    const doc = sourceDocument({ source: null, sections: [section('CU', ['a', 'b']), section('CM001', ['c'], 'M')] });
    expect(sectionAt(doc.entries, 2)?.suffix).toBe('CU');
    expect(sectionAt(doc.entries, 3)?.methodName).toBe('M');
  });
});

describe('objectOfInclude', () => {
  it('reads class-pool include names', () => {
    expect(objectOfInclude('ZCL_FLIGHT_PRICING============CM002')).toEqual({ name: 'ZCL_FLIGHT_PRICING', suffix: 'CM002' });
    expect(objectOfInclude('ZCL_FLIGHT_PRICING============CCAU')).toEqual({ name: 'ZCL_FLIGHT_PRICING', suffix: 'CCAU' });
    expect(objectOfInclude('/ABC/CL_X=====================CP')).toEqual({ name: '/ABC/CL_X', suffix: 'CP' });
  });

  it('leaves programs and short names alone', () => {
    expect(objectOfInclude('ZFLIGHT_REPORT')).toEqual({ name: 'ZFLIGHT_REPORT', suffix: null });
    expect(objectOfInclude('ZPROGCU')).toEqual({ name: 'ZPROGCU', suffix: null });
  });
});

describe('methodLine', () => {
  const doc = sourceDocument({
    source: null,
    sections: [
      section('CU', ['CLASS zcl_a DEFINITION PUBLIC.', 'ENDCLASS.']),
      section('CM001', ['METHOD run.', 'ENDMETHOD.'], 'RUN'),
      section('CCAU', [
        'CLASS ltcl_a DEFINITION FOR TESTING.',
        '  PRIVATE SECTION.',
        '    METHODS run_twice FOR TESTING.',
        'ENDCLASS.',
        'CLASS ltcl_a IMPLEMENTATION.',
        '  method Run_Twice.',
        '  ENDMETHOD.',
        'ENDCLASS.',
      ]),
    ],
  });

  it('finds a method section and a test method in the test classes, not its declaration', () => {
    expect(methodLine(doc, 'run')).toBe(3);
    expect(doc.lines[methodLine(doc, 'RUN_TWICE')! - 1]).toBe('  method Run_Twice.');
    expect(methodLine(doc, 'MISSING')).toBeNull();
  });
});
