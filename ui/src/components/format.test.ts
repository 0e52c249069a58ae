import { describe, expect, it } from 'vitest';
import { formatElapsed, objectFromFileName, parseSapTimestamp, percent, plural, severityOf, severityOfMessageType } from './format';

describe('formatting helpers', () => {
  it('formats elapsed time like a stopwatch', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(7_400)).toBe('0:07');
    expect(formatElapsed(272_000)).toBe('4:32');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
    expect(formatElapsed(-5)).toBe('0:00');
  });

  it('pluralises with thousands separators', () => {
    expect(plural(1, 'object')).toBe('1 object');
    expect(plural(3701, 'file')).toBe('3,701 files');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });

  it('reads SAP timestamps as string or number and treats 0 as absent', () => {
    expect(parseSapTimestamp('20260305103045')?.toISOString()).toBe('2026-03-05T10:30:45.000Z');
    expect(parseSapTimestamp(20260305103520)?.toISOString()).toBe('2026-03-05T10:35:20.000Z');
    expect(parseSapTimestamp(0)).toBeNull();
    expect(parseSapTimestamp('')).toBeNull();
  });

  it('maps SAP message types and API severities', () => {
    expect(['E', 'A', 'X', 'W', 'S', 'I', ''].map(severityOfMessageType)).toEqual([
      'error', 'error', 'error', 'warning', 'success', 'information', 'information',
    ]);
    expect(severityOf('info')).toBe('information');
    expect(severityOf('error')).toBe('error');
  });

  it('computes clamped percentages', () => {
    expect(percent(1250, 3701)).toBe(34);
    expect(percent(5, 0)).toBeNull();
    expect(percent(12, 10)).toBe(100);
  });

  it('reads object type and name from abapGit file names', () => {
    expect(objectFromFileName('src/zcl_a.clas.abap')).toEqual({ type: 'CLAS', name: 'ZCL_A', part: null });
    expect(objectFromFileName('C:\\repo\\src\\zcl_a.clas.testclasses.abap')).toEqual({ type: 'CLAS', name: 'ZCL_A', part: 'testclasses' });
    expect(objectFromFileName('#ns#zcl_a.clas.abap')?.name).toBe('/NS/ZCL_A');
    expect(objectFromFileName('README.md')).toBeNull();
  });
});
