import { describe, expect, it } from 'vitest';
import { toCsv, toTsv, withReadableDates } from './exportText';

describe('toTsv', () => {
  it('writes a header and one line per row, values as sent', () => {
    expect(toTsv(['CARRID', 'PRICE', 'FLDATE'], [['LH', 422.94, '20261122'], ['AA', null, '']])).toBe(
      'CARRID\tPRICE\tFLDATE\nLH\t422.94\t20261122\nAA\t\t',
    );
  });

  it('turns tabs and line breaks inside values into spaces so columns stay aligned', () => {
    expect(toTsv(['A', 'B'], [['one\ttwo', 'x\r\ny']])).toBe('A\tB\none two\tx y');
  });

  it('writes booleans the ABAP way and fills missing cells', () => {
    expect(toTsv(['F', 'G'], [[true], [false, 'z']])).toBe('F\tG\nX\t\n\tz');
  });
});

describe('toCsv', () => {
  it('quotes separators, quotes and line breaks (RFC 4180) and ends lines with CRLF', () => {
    const csv = toCsv(['NAME', 'TEXT'], [['a,b', 'say "hi"'], ['plain', 'two\nlines']]);
    expect(csv).toBe('NAME,TEXT\r\n"a,b","say ""hi"""\r\nplain,"two\nlines"\r\n');
  });

  it('neutralises formula-like text but keeps negative numbers', () => {
    expect(toCsv(['V'], [['=HYPERLINK("x")'], ['-12.50'], ['12.50-'], [-3], ['@SUM(A1)']])).toBe(
      'V\r\n"\'=HYPERLINK(""x"")"\r\n-12.50\r\n12.50-\r\n-3\r\n\'@SUM(A1)\r\n',
    );
  });

  it('supports a semicolon separator for locales with a decimal comma', () => {
    expect(toCsv(['A', 'B'], [['1;2', 3]], ';')).toBe('A;B\r\n"1;2";3\r\n');
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(['A'], [])).toBe('A\r\n');
  });
});

describe('withReadableDates', () => {
  it('formats date and time columns as the grid does and leaves the rest as sent', () => {
    const columns = [
      { name: 'FLDATE', data_type: 'DATS', length: 8, decimals: 0 },
      { name: 'DEPTIME', data_type: 'T', length: 6, decimals: 0 },
      { name: 'PRICE', data_type: 'CURR', length: 15, decimals: 2 },
    ];
    const rows = withReadableDates(columns, [['20261231', '143000', 1159.34], ['00000000', null, null]], 'de-DE');
    expect(rows).toEqual([
      ['31.12.2026', '14:30:00', 1159.34],
      ['', null, null],
    ]);
  });
});
