import { describe, expect, it } from 'vitest';
import { visibleRange } from './SourceView';

describe('visibleRange', () => {
  it('renders only the lines on screen plus a margin, however long the source', () => {
    // 50,000 lines, a 400 px viewport scrolled to line 25,000 (20 px per line).
    const { first, last } = visibleRange(25_000 * 20, 400, 50_000);
    expect(first).toBe(25_000 - 20);
    expect(last).toBe(25_000 + 20 + 20);
    expect(last - first).toBeLessThan(100);
  });

  it('clamps at both ends', () => {
    expect(visibleRange(0, 400, 5)).toEqual({ first: 0, last: 5 });
    expect(visibleRange(10_000, 400, 10)).toEqual({ first: 0, last: 10 });
    // Scrolled past the end of a longer source: the last screen is shown.
    const end = visibleRange(1_000_000, 400, 1_000);
    expect(end.last).toBe(1_000);
    expect(end.first).toBe(1_000 - 20 - 20);
  });
});
