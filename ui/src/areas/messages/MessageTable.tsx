import * as alert from '@ui5/webcomponents-icons/dist/v5/alert.js';
import * as error from '@ui5/webcomponents-icons/dist/v5/error.js';
import * as statusInactive from '@ui5/webcomponents-icons/dist/v5/status-inactive.js';
import * as synchronize from '@ui5/webcomponents-icons/dist/v5/synchronize.js';
import * as sysEnter2 from '@ui5/webcomponents-icons/dist/v5/sys-enter-2.js';
import { memo, useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { MessageLog } from '../../bindings';
import { formatDateTime } from '../../components/dateTime';
import { iconVariables, type IconShape } from '../../components/maskIcons';
import { flowName, formatDuration, statusLabel, statusState, type StatusState } from './format';

const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 36;
const OVERSCAN = 12;

const STATE_ICON: Record<StatusState, IconShape> = {
  Negative: error,
  Critical: alert,
  Positive: sysEnter2,
  Information: synchronize,
  None: statusInactive,
};
/** The status icons as CSS variables on the list: a row's icon is then only a class. */
const ICON_VARIABLES = iconVariables(STATE_ICON);

export interface MessageTableProps {
  rows: readonly MessageLog[];
  /** The open message. */
  openGuid: string | null;
  onOpen: (guid: string) => void;
  /** The last row on screen: the page reads the next page when it comes near the end. */
  onVisibleEnd: (lastVisible: number) => void;
  /** A row standing for the next page while it is read. */
  loadingMore: boolean;
  height: string;
}

/**
 * The message list, virtualised as the preview's grid: only the rows on screen (and a few
 * around them) are in the DOM, so tens of thousands of messages scroll as smoothly as fifty.
 */
export function MessageTable({ rows, openGuid, onOpen, onVisibleEnd, loadingMore, height }: MessageTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // `slots`: how many rows the window can hold; it only grows (a taller window), so a row's
  // key (its slot) stays put as the window moves.
  const [view, setView] = useState({ first: 0, last: 40, slots: 40 });
  const count = rows.length + (loadingMore ? 1 : 0);

  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const first = Math.floor(Math.max(0, el.scrollTop - HEADER_HEIGHT) / ROW_HEIGHT);
    const last = Math.ceil((el.scrollTop + el.clientHeight) / ROW_HEIGHT);
    onVisibleEnd(last);
    // The rendered window changes only when the visible rows leave it: most scroll frames
    // cost no React work at all.
    setView((current) => {
      if (current.first <= first && current.last >= Math.min(last, count)) return current;
      const next = { first: Math.max(0, first - OVERSCAN), last: last + OVERSCAN };
      return { ...next, slots: Math.max(current.slots, next.last - next.first) };
    });
  }, [count, onVisibleEnd]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  const openIndex = openGuid ? rows.findIndex((r) => r.message_guid === openGuid) : -1;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const next = Math.max(0, Math.min(rows.length - 1, openIndex + (event.key === 'ArrowDown' ? 1 : -1)));
    const row = rows[next];
    if (!row) return;
    onOpen(row.message_guid);
    const el = scroller.current;
    if (!el) return;
    const top = HEADER_HEIGHT + next * ROW_HEIGHT;
    if (top < el.scrollTop + HEADER_HEIGHT) el.scrollTop = top - HEADER_HEIGHT;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };

  const body = [];
  const end = Math.min(view.last, rows.length);
  // Rows are keyed by their slot in the rendered window, not by message: scrolling then
  // updates the same few dozen elements in place instead of creating and dropping elements
  // for every row passed, which WebKit gives back only at its next full GC, if at all.
  for (let i = view.first; i < end; i++) {
    const row = rows[i]!;
    body.push(<MessageRow key={i % view.slots} index={i} message={row} open={row.message_guid === openGuid} onOpen={onOpen} />);
  }
  if (loadingMore && view.last >= rows.length) {
    body.push(
      <div key="more" className="mm-row mm-more" style={{ top: HEADER_HEIGHT + rows.length * ROW_HEIGHT }} data-testid="mm-loading-more">
        Reading more messages…
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      className="mm-scroller"
      style={{ ...ICON_VARIABLES, height }}
      role="grid"
      aria-label="Messages"
      aria-rowcount={rows.length + 1}
      tabIndex={0}
      onScroll={measure}
      onKeyDown={onKeyDown}
      data-testid="mm-table"
      data-rows={rows.length}
    >
      <div className="mm-canvas" style={{ height: HEADER_HEIGHT + count * ROW_HEIGHT }}>
        <div className="mm-row mm-header" role="row" aria-rowindex={1}>
          <div role="columnheader" className="mm-cell mm-col-status">Status</div>
          <div role="columnheader" className="mm-cell mm-col-flow">Integration flow</div>
          <div role="columnheader" className="mm-cell mm-col-time">Last updated</div>
          <div role="columnheader" className="mm-cell mm-col-parties">Sender → receiver</div>
          <div role="columnheader" className="mm-cell mm-col-id">Application message ID</div>
          <div role="columnheader" className="mm-cell mm-col-duration">Duration</div>
        </div>
        {body}
      </div>
    </div>
  );
}

const MessageRow = memo(function MessageRow({ index, message, open, onOpen }: { index: number; message: MessageLog; open: boolean; onOpen: (guid: string) => void }) {
  const state = statusState(message.status);
  const parties = [message.sender, message.receiver].filter(Boolean).join(' → ');
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={open}
      className={`mm-row${open ? ' mm-open' : index % 2 ? ' mm-odd' : ''}`}
      style={{ top: HEADER_HEIGHT + index * ROW_HEIGHT }}
      onClick={() => onOpen(message.message_guid)}
      data-testid={`mm-row-${message.message_guid}`}
      data-guid={message.message_guid}
      data-status={message.status}
      data-index={index}
    >
      <div role="gridcell" className={`mm-cell mm-col-status mm-state-${state}`}>
        <span className="mm-status-icon" aria-hidden="true" />
        {statusLabel(message.status)}
      </div>
      <div role="gridcell" className="mm-cell mm-col-flow" title={message.integration_flow ?? undefined}>
        {flowName(message)}
      </div>
      <div role="gridcell" className="mm-cell mm-col-time">
        {formatDateTime(message.log_end ?? message.log_start, undefined, { seconds: true })}
      </div>
      <div role="gridcell" className="mm-cell mm-col-parties" title={parties}>
        {parties}
      </div>
      <div role="gridcell" className="mm-cell mm-col-id" title={message.application_message_id ?? undefined}>
        {message.application_message_id}
      </div>
      <div role="gridcell" className="mm-cell mm-col-duration">
        {formatDuration(message.log_start, message.log_end)}
      </div>
    </div>
  );
});
