import { describe, expect, it } from 'vitest';
import { splitLines, tokenizeLine } from './abapTokenizer';

const types = (line: string) => tokenizeLine(line).map((t) => [t.type, t.text]);

describe('tokenizeLine', () => {
  it('marks a star in the first column as a full-line comment', () => {
    expect(types('* DATA x TYPE i.')).toEqual([['comment', '* DATA x TYPE i.']]);
  });

  it('recognises keywords case-insensitively and keeps identifiers apart', () => {
    expect(types('DATA lv_count TYPE i.')).toEqual([
      ['keyword', 'DATA'],
      ['text', ' '],
      ['identifier', 'lv_count'],
      ['text', ' '],
      ['keyword', 'TYPE'],
      ['text', ' '],
      ['identifier', 'i'],
      ['operator', '.'],
    ]);
    expect(tokenizeLine('  endmethod.')[1]).toEqual({ type: 'keyword', text: 'endmethod' });
  });

  it('reads string literals with doubled quotes and does not start comments inside them', () => {
    const tokens = tokenizeLine(`lv = 'it''s "not" a comment'. " real comment`);
    expect(tokens.find((t) => t.type === 'string')?.text).toBe(`'it''s "not" a comment'`);
    expect(tokens[tokens.length - 1]).toEqual({ type: 'comment', text: '" real comment' });
  });

  it('reads string templates and backquoted literals', () => {
    expect(tokenizeLine('x = |Hello { name }!|.').filter((t) => t.type === 'string')).toEqual([
      { type: 'string', text: '|Hello { name }!|' },
    ]);
    expect(tokenizeLine('y = `abc`.')[4]).toEqual({ type: 'string', text: '`abc`' });
  });

  it('recognises numbers, pragmas and CDS comments', () => {
    expect(tokenizeLine('x = 42.')[4]).toEqual({ type: 'number', text: '42' });
    expect(tokenizeLine('DATA x TYPE i ##NEEDED.').some((t) => t.type === 'pragma' && t.text === '##NEEDED')).toBe(true);
    expect(tokenizeLine('define view entity Z // note').pop()).toEqual({ type: 'comment', text: '// note' });
  });

  it('keeps an unterminated string to the end of the line', () => {
    expect(tokenizeLine("x = 'open").pop()).toEqual({ type: 'string', text: "'open" });
  });

  it('reproduces the line exactly when the token texts are joined', () => {
    const line = `  METHOD zif_x~run. lv_a-field = zcl_b=>create( iv = 'a' ) + 1. "done`;
    expect(tokenizeLine(line).map((t) => t.text).join('')).toBe(line);
  });
});

describe('splitLines', () => {
  it('accepts LF and CRLF', () => {
    expect(splitLines('a\r\nb\nc')).toEqual(['a', 'b', 'c']);
  });
});
