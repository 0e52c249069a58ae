// Find in source: where a query occurs in the lines, and how a line's tokens split around
// the matches. Pure and unit-tested; the SourceView renders only the lines on screen, so it
// asks for the matches of those lines alone.

import type { Token, TokenType } from './abapTokenizer';

export interface FindOptions {
  matchCase: boolean;
}

/** One occurrence: `line` is the 0-based line index, `start`/`end` UTF-16 offsets in it. */
export interface SourceMatch {
  line: number;
  start: number;
  end: number;
}

export interface FindResult {
  /** Every match, in reading order. */
  matches: readonly SourceMatch[];
  /** The matches of each line that has any, as [start, end] pairs. */
  byLine: ReadonlyMap<number, readonly (readonly [number, number])[]>;
  /** More matches exist than were collected (see MAX_MATCHES). */
  capped: boolean;
}

/** A one-letter query in a 10,000-line class matches hundreds of thousands of times; stop here. */
export const MAX_MATCHES = 10_000;

export const NO_MATCHES: FindResult = { matches: [], byLine: new Map(), capped: false };

/**
 * The non-overlapping occurrences of `query` in `lines`, as an editor finds them: left to
 * right, continuing after the end of each match. Case-insensitive unless `matchCase`.
 */
export function findMatches(lines: readonly string[], query: string, { matchCase }: FindOptions): FindResult {
  if (!query) return NO_MATCHES;
  const needle = matchCase ? query : query.toLowerCase();
  const matches: SourceMatch[] = [];
  const byLine = new Map<number, [number, number][]>();
  for (let line = 0; line < lines.length; line++) {
    const raw = lines[line] ?? '';
    // toLowerCase keeps the length of ABAP source (ASCII and Latin letters), so offsets hold;
    // a line where it would not is searched as typed.
    const lower = matchCase ? raw : raw.toLowerCase();
    const text = lower.length === raw.length ? lower : raw;
    let from = text.indexOf(needle);
    while (from >= 0) {
      if (matches.length === MAX_MATCHES) return { matches, byLine, capped: true };
      const end = from + needle.length;
      matches.push({ line, start: from, end });
      const ranges = byLine.get(line);
      if (ranges) ranges.push([from, end]);
      else byLine.set(line, [[from, end]]);
      from = text.indexOf(needle, end);
    }
  }
  return { matches, byLine, capped: false };
}

/** The index of the first match on or after `line` (wrapping to the first match), or -1 without matches. */
export function firstMatchFrom(matches: readonly SourceMatch[], line: number): number {
  if (!matches.length) return -1;
  // Binary search: matches are in line order.
  let low = 0;
  let high = matches.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((matches[mid]?.line ?? line) < line) low = mid + 1;
    else high = mid;
  }
  return low < matches.length ? low : 0;
}

/** The next (`step` 1) or previous (`step` -1) match, wrapping around at both ends. */
export function stepMatch(current: number, count: number, step: 1 | -1): number {
  if (count <= 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}

/** "3 of 17", "No matches", or "3 of 10,000+" when capped. */
export function matchCountText(current: number, result: FindResult): string {
  const count = result.matches.length;
  if (!count) return 'No matches';
  return `${(current + 1).toLocaleString()} of ${count.toLocaleString()}${result.capped ? '+' : ''}`;
}

/** A piece of a line: a token or the part of one inside or outside a match. */
export interface LineSegment {
  text: string;
  type: TokenType;
  /** 0 outside a match, 1 in a match, 2 in the current match. */
  mark: 0 | 1 | 2;
}

/**
 * The line's tokens cut at the match boundaries, so a match can be marked without losing
 * the highlighting of the tokens it covers (or spans). `current` is the start offset of the
 * current match in this line, or -1.
 */
export function segmentLine(tokens: readonly Token[], ranges: readonly (readonly [number, number])[], current: number): LineSegment[] {
  const segments: LineSegment[] = [];
  let offset = 0;
  let r = 0;
  for (const token of tokens) {
    const tokenEnd = offset + token.text.length;
    let at = offset;
    while (at < tokenEnd) {
      while ((ranges[r]?.[1] ?? Infinity) <= at) r++;
      const range = ranges[r];
      let end: number;
      let mark: 0 | 1 | 2 = 0;
      if (!range || range[0] >= tokenEnd) end = tokenEnd;
      else if (range[0] > at) end = range[0];
      else {
        end = Math.min(range[1], tokenEnd);
        mark = range[0] === current ? 2 : 1;
      }
      segments.push({ text: token.text.slice(at - offset, end - offset), type: token.type, mark });
      at = end;
    }
    offset = tokenEnd;
  }
  return segments;
}
