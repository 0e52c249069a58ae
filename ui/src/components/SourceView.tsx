import {
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type Ref,
} from 'react';
import { splitLines, tokenizeLineCached, type TokenType } from './abapTokenizer';
import { findMatches, firstMatchFrom, matchCountText, NO_MATCHES, segmentLine, stepMatch, type FindResult } from './sourceFind';
import { SourceFindBar } from './SourceFindBar';
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
  /** Lets a surrounding area open the find bar (Ctrl+F pressed elsewhere in it). */
  ref?: Ref<SourceViewHandle>;
}

export interface SourceViewHandle {
  /** Opens the find bar (or focuses it again) with its text selected. */
  openFind(): void;
}

/** Waits this long after the last keystroke before searching (a 10,000-line source takes a few ms). */
const FIND_DELAY_MS = 150;

/** What the find bar found in which lines, and which match is current. */
interface FindState {
  lines: readonly string[] | null;
  result: FindResult;
  current: number;
}

const NO_FIND: FindState = { lines: null, result: NO_MATCHES, current: -1 };

/** Whether a key press is Ctrl+F (Cmd+F on a Mac). */
export function isFindShortcut(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'f';
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
const CodeLine = memo(function CodeLine({ text, number, language, className, title, current, found, currentFound }: {
  text: string;
  number: number;
  language: 'abap' | 'plain';
  className: string;
  title: string | undefined;
  current: boolean;
  /** The find bar's matches in this line, if any. */
  found: readonly (readonly [number, number])[] | undefined;
  /** Start of the current match when it is in this line, else -1. */
  currentFound: number;
}) {
  if (found) {
    const tokens = language === 'abap' ? tokenizeLineCached(text) : [{ type: 'text' as const, text }];
    return (
      <div className={className} data-line={number} title={title} aria-current={current ? 'true' : undefined}>
        {segmentLine(tokens, found, currentFound).map((segment, k) => {
          const cls = [TOKEN_CLASS[segment.type], segment.mark === 2 ? 'sv-found sv-found-current' : segment.mark === 1 ? 'sv-found' : undefined]
            .filter(Boolean)
            .join(' ');
          return cls ? (
            <span key={k} className={cls}>
              {segment.text}
            </span>
          ) : (
            segment.text
          );
        })}
      </div>
    );
  }
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
 * Read-only source code with line numbers, ABAP highlighting, a highlighted line and
 * find (Ctrl+F). Only the lines on screen (and a margin) are rendered, and scrolling renders
 * again only when the screen reaches the margin's end, so 10,000+ lines scroll smoothly;
 * find searches once per query and marks matches only in the rendered lines.
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
  ref,
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

  // Find: the bar's text and options, and the matches of the query after a short pause.
  const [findOpen, setFindOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [matchCase, setMatchCase] = useState(false);
  const [searched, setSearched] = useState<FindState>(NO_FIND);
  const [focusRequest, setFocusRequest] = useState(0);
  // Set when the current match changed: brought into view sideways once it is rendered.
  const revealPending = useRef(false);

  const openFind = useCallback(() => {
    // A selection of part of one line is what the user wants to find (as in editors).
    const selection = window.getSelection();
    const selected = selection && !selection.isCollapsed && scroller.current?.contains(selection.anchorNode) ? selection.toString() : '';
    if (selected && !selected.includes('\n')) setQuery(selected);
    setFindOpen(true);
    setFocusRequest((n) => n + 1);
  }, []);

  const closeFind = useCallback(() => {
    setFindOpen(false);
    scroller.current?.focus();
  }, []);

  useImperativeHandle(ref, () => ({ openFind }), [openFind]);

  useEffect(() => {
    if (!findOpen || !query) return;
    const timer = setTimeout(() => {
      const result = findMatches(lines, query, { matchCase });
      // Start at the first match on screen or below it, as an editor searches from where one is.
      const topLine = Math.floor((scroller.current?.scrollTop ?? 0) / LINE_HEIGHT);
      revealPending.current = true;
      setSearched({ lines, result, current: firstMatchFrom(result.matches, topLine) });
    }, FIND_DELAY_MS);
    return () => clearTimeout(timer);
  }, [lines, query, matchCase, findOpen]);

  // While the next query waits for its search, the last one's matches stay (no flicker per keystroke).
  const find = findOpen && query && searched.lines === lines ? searched : NO_FIND;

  const stepFind = useCallback((step: 1 | -1) => {
    revealPending.current = true;
    setSearched((f) => ({ ...f, current: stepMatch(f.current, f.result.matches.length, step) }));
  }, []);

  // The current match: scrolled into view (centred when it was off screen), then rendered.
  const currentMatch = find.current >= 0 ? find.result.matches[find.current] : undefined;
  useEffect(() => {
    const el = scroller.current;
    if (!el || !currentMatch) return;
    const top = currentMatch.line * LINE_HEIGHT;
    if (top < el.scrollTop || top + LINE_HEIGHT > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, top - el.clientHeight / 2 + LINE_HEIGHT);
      syncWindow();
    }
  }, [currentMatch, syncWindow]);

  // Sideways: a match far right in a long line is scrolled to once it is rendered.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!revealPending.current || !el || !currentMatch) return;
    const mark = el.querySelector<HTMLElement>('.sv-found-current');
    if (!mark) return;
    revealPending.current = false;
    const gutter = el.querySelector<HTMLElement>('.sv-gutter')?.offsetWidth ?? 0;
    const left = mark.getBoundingClientRect().left - el.getBoundingClientRect().left + el.scrollLeft;
    const right = left + mark.offsetWidth;
    const margin = 2 * LINE_HEIGHT;
    if (left < el.scrollLeft + gutter) el.scrollLeft = Math.max(0, left - gutter - margin);
    else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth + margin;
  });

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (isFindShortcut(e)) {
        e.preventDefault();
        e.stopPropagation();
        openFind();
      } else if (e.key === 'F3') {
        e.preventDefault();
        e.stopPropagation();
        if (findOpen && query) stepFind(e.shiftKey ? -1 : 1);
        else openFind();
      } else if (e.key === 'Escape' && findOpen) {
        e.preventDefault();
        e.stopPropagation();
        closeFind();
      }
    },
    [openFind, closeFind, stepFind, findOpen, query],
  );

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
    const found = find.result.byLine.get(i);
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
        found={found}
        currentFound={found && currentMatch?.line === i ? currentMatch.start : -1}
      />,
    );
  }

  return (
    <div className="sv-root" style={{ height }} onKeyDown={onKeyDown}>
      {findOpen ? (
        <SourceFindBar
          query={query}
          onQuery={setQuery}
          matchCase={matchCase}
          onMatchCase={setMatchCase}
          countText={find.lines ? matchCountText(find.current, find.result) : ''}
          hasMatches={find.result.matches.length > 0}
          onStep={stepFind}
          onClose={closeFind}
          focusRequest={focusRequest}
        />
      ) : null}
      <div
        ref={scroller}
        className="sv-scroller"
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
    </div>
  );
}
