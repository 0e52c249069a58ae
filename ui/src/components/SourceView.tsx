import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { splitLines, tokenizeLine, type TokenType } from './abapTokenizer';
import './SourceView.css';

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

const LINE_HEIGHT = 20;
const OVERSCAN = 20;

/**
 * The lines to render (`first` inclusive, `last` exclusive): those on screen plus a margin.
 * A scroll position past the end (the source just got shorter) shows the last lines.
 */
export function visibleRange(scrollTop: number, viewportHeight: number, lineCount: number): { first: number; last: number } {
  const onScreen = Math.ceil(viewportHeight / LINE_HEIGHT);
  const maxFirst = Math.max(0, lineCount - onScreen - OVERSCAN);
  const first = Math.min(maxFirst, Math.max(0, Math.floor(scrollTop / LINE_HEIGHT) - OVERSCAN));
  const last = Math.min(lineCount, Math.max(Math.ceil((scrollTop + viewportHeight) / LINE_HEIGHT), first + onScreen) + OVERSCAN);
  return { first, last };
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

/**
 * Read-only source code with line numbers, ABAP highlighting and a highlighted
 * line. Only the lines on screen are rendered, so 10,000+ lines scroll smoothly.
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
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  const markerByLine = useMemo(() => {
    const map = new Map<number, SourceMarker>();
    for (const m of markers) {
      const existing = map.get(m.line);
      if (!existing || (existing.severity !== 'error' && m.severity === 'error')) map.set(m.line, m);
    }
    return map;
  }, [markers]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight || 600));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = scroller.current;
    if (!el || !highlightLine) return;
    const index = highlightLine - firstLineNumber;
    // Center the highlighted line so its context is visible above and below (after layout).
    const frame = requestAnimationFrame(() => {
      el.scrollTop = Math.max(0, index * LINE_HEIGHT - el.clientHeight / 2 + LINE_HEIGHT);
      setScrollTop(el.scrollTop);
    });
    return () => cancelAnimationFrame(frame);
  }, [highlightLine, firstLineNumber, lines]);

  const { first, last } = visibleRange(scrollTop, viewport, lines.length);
  const gutterChars = String(firstLineNumber + lines.length - 1).length;

  const rows = [];
  for (let i = first; i < last; i++) {
    const number = firstLineNumber + i;
    const text = lines[i] ?? '';
    const marker = markerByLine.get(number);
    const classes = ['sv-line'];
    if (number === highlightLine) classes.push('sv-highlight');
    if (marker) classes.push(`sv-marker-${marker.severity}`);
    rows.push(
      <div
        key={i}
        className={classes.join(' ')}
        style={{ top: i * LINE_HEIGHT }}
        title={marker?.message}
        onClick={onLineClick ? () => onLineClick(number) : undefined}
        aria-current={number === highlightLine ? 'true' : undefined}
      >
        <span className="sv-gutter" aria-hidden="true">
          {String(number).padStart(gutterChars, '\u2007')}
        </span>
        <span className="sv-code">
          {language === 'abap'
            ? tokenizeLine(text).map((token, k) => {
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
        </span>
      </div>,
    );
  }

  const style: CSSProperties = { height };
  return (
    <div
      ref={scroller}
      className="sv-scroller"
      style={style}
      role="region"
      aria-label={ariaLabel}
      tabIndex={0}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      data-testid="source-view"
    >
      <div className="sv-canvas" style={{ height: lines.length * LINE_HEIGHT }}>
        {rows}
      </div>
    </div>
  );
}
