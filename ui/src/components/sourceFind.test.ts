import { describe, expect, it } from 'vitest';
import { tokenizeLine } from './abapTokenizer';
import { findMatches, firstMatchFrom, matchCountText, MAX_MATCHES, segmentLine, stepMatch } from './sourceFind';

const SOURCE = [
  'METHOD check_rule_001.', // 0
  '  DATA lv_count TYPE i.', // 1
  '  lv_count = lv_count + 1.', // 2
  '  " LV_COUNT is never negative', // 3
  'ENDMETHOD.', // 4
];

describe('findMatches', () => {
  it('finds every occurrence, case-insensitive by default, in reading order', () => {
    const { matches, byLine, capped } = findMatches(SOURCE, 'lv_count', { matchCase: false });
    expect(matches).toEqual([
      { line: 1, start: 7, end: 15 },
      { line: 2, start: 2, end: 10 },
      { line: 2, start: 13, end: 21 },
      { line: 3, start: 4, end: 12 },
    ]);
    expect(byLine.get(2)).toEqual([
      [2, 10],
      [13, 21],
    ]);
    expect(byLine.has(0)).toBe(false);
    expect(capped).toBe(false);
  });

  it('matches case when asked', () => {
    expect(findMatches(SOURCE, 'LV_COUNT', { matchCase: true }).matches).toEqual([{ line: 3, start: 4, end: 12 }]);
    expect(findMatches(SOURCE, 'Lv_Count', { matchCase: true }).matches).toEqual([]);
  });

  it('does not count overlapping occurrences twice, as an editor does', () => {
    expect(findMatches(['aaaa'], 'aa', { matchCase: false }).matches.map((m) => m.start)).toEqual([0, 2]);
  });

  it('finds nothing for an empty query and treats regex characters literally', () => {
    expect(findMatches(SOURCE, '', { matchCase: false }).matches).toEqual([]);
    expect(findMatches(['a.b', 'axb'], '.', { matchCase: false }).matches).toEqual([{ line: 0, start: 1, end: 2 }]);
  });

  it('stops at MAX_MATCHES and says so', () => {
    const lines = Array.from({ length: 10_000 }, () => 'IF lv_limit > 2. lv_limit = 1. ENDIF.');
    const result = findMatches(lines, 'l', { matchCase: false });
    expect(result.matches).toHaveLength(MAX_MATCHES);
    expect(result.capped).toBe(true);
    expect(matchCountText(0, result)).toBe(`1 of ${MAX_MATCHES.toLocaleString()}+`);
  });
});

describe('firstMatchFrom and stepMatch', () => {
  const { matches } = findMatches(SOURCE, 'lv_count', { matchCase: false });

  it('starts at the first match on or below the given line, wrapping to the top', () => {
    expect(firstMatchFrom(matches, 0)).toBe(0);
    expect(firstMatchFrom(matches, 2)).toBe(1);
    expect(firstMatchFrom(matches, 3)).toBe(3);
    expect(firstMatchFrom(matches, 4)).toBe(0);
    expect(firstMatchFrom([], 0)).toBe(-1);
  });

  it('steps forward and back, wrapping at both ends', () => {
    expect(stepMatch(0, 4, 1)).toBe(1);
    expect(stepMatch(3, 4, 1)).toBe(0);
    expect(stepMatch(0, 4, -1)).toBe(3);
    expect(stepMatch(-1, 4, -1)).toBe(3);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});

describe('matchCountText', () => {
  it('says which match of how many, or that there is none', () => {
    const result = findMatches(SOURCE, 'lv_count', { matchCase: false });
    expect(matchCountText(2, result)).toBe('3 of 4');
    expect(matchCountText(-1, findMatches(SOURCE, 'zzz', { matchCase: false }))).toBe('No matches');
  });
});

describe('segmentLine', () => {
  it('cuts tokens at match boundaries and keeps their highlighting', () => {
    const line = '  lv_count = lv_count + 1.';
    const { byLine } = findMatches([line], 'count = lv', { matchCase: false });
    const segments = segmentLine(tokenizeLine(line), byLine.get(0)!, 5);
    // The text is unchanged, whatever the cuts.
    expect(segments.map((s) => s.text).join('')).toBe(line);
    const marked = segments.filter((s) => s.mark > 0);
    expect(marked.map((s) => s.text).join('')).toBe('count = lv');
    expect(marked.every((s) => s.mark === 2)).toBe(true);
    // The match spans an identifier, the operator and the next identifier: each keeps its type.
    expect(new Set(marked.map((s) => s.type)).size).toBeGreaterThan(1);
  });

  it('marks only the current match as current', () => {
    const line = 'DATA lv_count TYPE i. lv_count = 1.';
    const { byLine } = findMatches([line], 'lv_count', { matchCase: false });
    const segments = segmentLine(tokenizeLine(line), byLine.get(0)!, 22);
    expect(segments.filter((s) => s.mark === 1).map((s) => s.text)).toEqual(['lv_count']);
    expect(segments.filter((s) => s.mark === 2).map((s) => s.text)).toEqual(['lv_count']);
    expect(segments.findIndex((s) => s.mark === 1)).toBeLessThan(segments.findIndex((s) => s.mark === 2));
  });

  it('leaves a line without matches whole', () => {
    const tokens = tokenizeLine('ENDMETHOD.');
    expect(segmentLine(tokens, [], -1)).toEqual(tokens.map((t) => ({ ...t, mark: 0 })));
  });
});
