import { memo, useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { splitLines, tokenizeLineCached, type TokenType } from './abapTokenizer';
import { LINE_HEIGHT, visibleRange, windowCovers, type LineWindow } from './sourceWindow';
import './SourceView.css';

export { visibleRange } from './sourceWindow';

export interface SourceMarker {
  /** 1-based line number. */
  line: number;
  severity: 'error' | 'warning' | 'info';
  message?: string;
}

export interface SourceViewProps {
  /** The source, as one string or as lines. */
  source: string | readonly string[];
  /** 1-based line to highlight and scroll into view. */
  highlightLine?: number | null;
  /** Lines to mark in the gutter (errors, warnings). */
  markers?: readonly SourceMarker[];
  /** Number shown for the first line (for an excerpt of a larger include). Default 1. */
  firstLineNumber?: number;
  /** `abap` highlights ABAP/CDS tokens; `plain` shows text only. */
  language?: 'abap' | 'plain';
  /** Height of the scrolling area (CSS length). Default 24rem. */
  height?: string;
  /** Accessible name of the code region. */
  ariaLabel: string;
  /** Called with the 1-based line when a line is clicked. */
  onLineClick?: (line: number) => void;
}

const TOKEN_CLASS: Record<TokenType, string | undefined> = {
  keyword: 'sv-kw',
  string: 'sv-str',
  comment: 'sv-com',
  number: 'sv-num',
  pragma: 'sv-pragma',
  operator: undefined,
  identifier: undefined,
  text: undefined,
};

/** One line of code; memoized, so moving the window renders only the lines that came in. */
const CodeLine = memo(function CodeLine({ text, number, language, className, title, current }: {
  text: string;
  number: number;
  language: 'abap' | 'plain';
  className: string;
  title: string | undefined;
  current: boolean;
}) {
  return (
    <div className={className} data-line={number} title={title} aria-current={current ? 'true' : undefined}>
      {language === 'abap'
        ? tokenizeLineCached(text).map((token, k) => {
            const cls = TOKEN_CLASS[token.type];
            return cls ? (
              <span key={k} className={cls}>
                {token.text}
              </span>
            ) : (
              token.text
            );
          })
        : text}
    </div>
  );
});

/**
 * Read-only source code with line numbers, ABAP highlighting and a highlighted
 * line. Only the lines on screen (and a margin) are rendered, and scrolling renders
 * again only when the screen reaches the margin's end, so 10,000+ lines scroll smoothly.
 */
export function SourceView({
  source,
  highlightLine,
  markers = [],
  firstLineNumber = 1,
  language = 'abap',
  height = '24rem',
  ariaLabel,
  onLineClick,
}: SourceViewProps) {
  const lines = useMemo(() => (typeof source === 'string' ? splitLines(source) : source), [source]);
  const scroller = useRef<HTMLDivElement>(null);
  const [lineWindow, setLineWindow] = useState<LineWindow>(() => visibleRange(0, 600, lines.length));
  // The window as last set, read by scroll handlers without a render.
  const shown = useRef(lineWindow);
  const pendingFrame = useRef(0);

  const markerByLine = useMemo(() => {
    const map = new Map<number, SourceMarker>();
    for (const m of markers) {
      const existing = map.get(m.line);
      if (!existing || (existing.severity !== 'error' && m.severity === 'error')) map.set(m.line, m);
    }
    return map;
  }, [markers]);

  /** Moves the window when the screen left it (or `force`, when the source changed). */
  const syncWindow = useCallback(
    (force = false) => {
      const el = scroller.current;
      if (!el) return;
      const viewport = el.clientHeight || 600;
      if (!force && windowCovers(shown.current, el.scrollTop, viewport, lines.length)) return;
      const next = visibleRange(el.scrollTop, viewport, lines.length);
      if (next.first === shown.current.first && next.last === shown.current.last) return;
      shown.current = next;
      setLineWindow(next);
    },
    [lines.length],
  );

  // At most one window check per frame, however many scroll events the frame had.
  const onScroll = useCallback(() => {
    if (pendingFrame.current) return;
    pendingFrame.current = requestAnimationFrame(() => {
      pendingFrame.current = 0;
      syncWindow();
    });
  }, [syncWindow]);

  useEffect(() => () => cancelAnimationFrame(pendingFrame.current), []);

  useEffect(() => {
    syncWindow(true);
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => syncWindow());
    observer.observe(el);
    return () => observer.disconnect();
  }, [syncWindow]);

  useEffect(() => {
    const el = scroller.current;
    if (!el || !highlightLine) return;
    const index = highlightLine - firstLineNumber;
    // Center the highlighted line so its context is visible above and below (after layout).
    const frame = requestAnimationFrame(() => {
      el.scrollTop = Math.max(0, index * LINE_HEIGHT - el.clientHeight / 2 + LINE_HEIGHT);
      syncWindow();
    });
    return () => cancelAnimationFrame(frame);
  }, [highlightLine, firstLineNumber, lines, syncWindow]);

  const onClick = useCallback(
    (e: MouseEvent<HTMLDivElement>) => {
      const line = (e.target as HTMLElement).closest<HTMLElement>('[data-line]')?.dataset.line;
      if (line && onLineClick) onLineClick(Number(line));
    },
    [onLineClick],
  );

  // The source may have become shorter than the window before the next window check.
  const last = Math.min(lineWindow.last, lines.length);
  const first = Math.min(lineWindow.first, last);
  const gutterChars = String(firstLineNumber + lines.length - 1).length;

  const numbers = [];
  const code = [];
  for (let i = first; i < last; i++) {
    const number = firstLineNumber + i;
    const marker = markerByLine.get(number);
    const current = number === highlightLine;
    numbers.push(
      <div key={i} className={`sv-number${current ? ' sv-number-current' : ''}${marker ? ` sv-number-${marker.severity}` : ''}`}>
        {String(number).padStart(gutterChars, '\u2007')}
      </div>,
    );
    code.push(
      <CodeLine
        key={i}
        text={lines[i] ?? ''}
        number={number}
        language={language}
        className={`sv-line${current ? ' sv-highlight' : ''}${marker ? ` sv-marker-${marker.severity}` : ''}`}
        title={marker?.message}
        current={current}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      className="sv-scroller"
      style={{ height }}
      role="region"
      aria-label={ariaLabel}
      tabIndex={0}
      onScroll={onScroll}
      data-testid="source-view"
    >
      <div className="sv-canvas" style={{ height: lines.length * LINE_HEIGHT }}>
        <div className="sv-window" style={{ transform: `translateY(${first * LINE_HEIGHT}px)` }}>
          <div className="sv-gutter" aria-hidden="true">
            {numbers}
          </div>
          <div className={`sv-code${onLineClick ? ' sv-clickable' : ''}`} onClick={onLineClick ? onClick : undefined}>
            {code}
          </div>
        </div>
      </div>
    </div>
  );
}
