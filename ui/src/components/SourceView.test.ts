import { describe, expect, it } from 'vitest';
import { visibleRange, windowCovers } from './sourceWindow';

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

describe('windowCovers', () => {
  const window = visibleRange(1_000 * 20, 400, 10_000); // lines 980..1040

  it('keeps the rendered window while the screen stays inside its margin', () => {
    expect(windowCovers(window, 1_000 * 20, 400, 10_000)).toBe(true);
    // 19 lines further down: line 1019..1039 on screen, still rendered.
    expect(windowCovers(window, 1_019 * 20, 400, 10_000)).toBe(true);
    expect(windowCovers(window, 981 * 20, 400, 10_000)).toBe(true);
  });

  it('asks for a new window when the screen reaches lines not rendered', () => {
    expect(windowCovers(window, 1_021 * 20, 400, 10_000)).toBe(false);
    expect(windowCovers(window, 979 * 20, 400, 10_000)).toBe(false);
    // A taller viewport shows more lines than were rendered.
    expect(windowCovers(window, 1_000 * 20, 1_200, 10_000)).toBe(false);
  });

  it('asks for a new window when the source got shorter than the window', () => {
    expect(windowCovers(window, 0, 400, 500)).toBe(false);
  });
});
