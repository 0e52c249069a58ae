import { describe, expect, it } from 'vitest';
import { dumpAsText, parseExcerpt } from './dumpText';
import type { ShortDump } from '../../api';

describe('parseExcerpt', () => {
  it('reads the ST22 layout: marker, line number, source', () => {
    const text = ['         10   DATA lv TYPE i.', '>>>>>    11   lv = 1 / 0.', '         12   WRITE lv.'].join('\n');
    const e = parseExcerpt(text, 11);
    expect(e.firstLine).toBe(10);
    expect(e.errorLine).toBe(11);
    expect(e.lines).toEqual(['  DATA lv TYPE i.', '  lv = 1 / 0.', '  WRITE lv.']);
  });

  it('numbers unnumbered lines back from the dump source line', () => {
    const e = parseExcerpt('  lv = 0.\n>>>>> lv = 1 / lv.\n  WRITE lv.\n', 40);
    expect(e).toEqual({ lines: ['  lv = 0.', 'lv = 1 / lv.', '  WRITE lv.'], firstLine: 39, errorLine: 40 });
  });

  it('copes with an excerpt without marker or line', () => {
    expect(parseExcerpt('a\r\nb', null)).toEqual({ lines: ['a', 'b'], firstLine: 1, errorLine: null });
  });
});

describe('dumpAsText', () => {
  it('lists facts, texts and the call stack', () => {
    const dump: ShortDump = {
      id: '1',
      utc_timestamp: null,
      date: '2026-11-20',
      time: '10:30:45',
      user: 'JSMITH',
      program: 'ZCL_X=========================CP',
      object: '',
      error: 'COMPUTE_INT_ZERODIVIDE',
      exception: 'CX_SY_ZERODIVIDE',
      package: '',
      host: '',
      what_happened: 'Division by 0.',
      error_analysis: 'An exception occurred.',
      source_line: 12,
      source_include: 'ZCL_X=========================CM001',
      call_stack: [{ level: 1, class: 'ZCL_X', method: 'RUN', program: 'ZCL_X=========================CP', include: 'ZCL_X=========================CM001', line: 12 }],
      source_excerpt: null,
    };
    const text = dumpAsText(dump);
    expect(text).toContain('Runtime error: COMPUTE_INT_ZERODIVIDE');
    expect(text).toContain('Include: ZCL_X=========================CM001, line 12');
    expect(text).toContain('  1  ZCL_X=========================CP (ZCL_X=========================CM001) line 12  ZCL_X=>RUN');
    expect(text).not.toContain('Source excerpt');
  });
});
