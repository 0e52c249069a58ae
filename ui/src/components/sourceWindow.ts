// Which lines of a long source the SourceView renders. Pure and unit-tested.

export const LINE_HEIGHT = 20;
/** Lines rendered above and below the screen, so a few frames of scrolling need no render. */
export const OVERSCAN = 20;

export interface LineWindow {
  /** First rendered line (0-based, inclusive). */
  first: number;
  /** End of the rendered lines (exclusive). */
  last: number;
}

/**
 * The lines to render: those on screen plus a margin.
 * A scroll position past the end (the source just got shorter) shows the last lines.
 */
export function visibleRange(scrollTop: number, viewportHeight: number, lineCount: number): LineWindow {
  const onScreen = Math.ceil(viewportHeight / LINE_HEIGHT);
  const maxFirst = Math.max(0, lineCount - onScreen - OVERSCAN);
  const first = Math.min(maxFirst, Math.max(0, Math.floor(scrollTop / LINE_HEIGHT) - OVERSCAN));
  const last = Math.min(lineCount, Math.max(Math.ceil((scrollTop + viewportHeight) / LINE_HEIGHT), first + onScreen) + OVERSCAN);
  return { first, last };
}

/**
 * Whether every line on screen is already rendered. While it is, scrolling costs no render:
 * the window moves only when the screen reaches its edge.
 */
export function windowCovers(window: LineWindow, scrollTop: number, viewportHeight: number, lineCount: number): boolean {
  const firstOnScreen = Math.min(lineCount, Math.max(0, Math.floor(scrollTop / LINE_HEIGHT)));
  const lastOnScreen = Math.min(lineCount, Math.ceil((scrollTop + viewportHeight) / LINE_HEIGHT));
  return window.last <= lineCount && firstOnScreen >= window.first && lastOnScreen <= window.last;
}
