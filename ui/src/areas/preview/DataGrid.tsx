import { Icon } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-icons/dist/sort-ascending.js';
import '@ui5/webcomponents-icons/dist/sort-descending.js';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { cellFormatter, type CellFormatter, type SortState } from './cellFormat';
import { columnOffsets, columnWidth, visibleColumns } from './gridGeometry';
import type { CellValue, PreviewColumn } from '../../api';
import { leadingKeyColumns, type FieldInfoMap } from './fieldInfo';
import './DataGrid.css';

export interface DataGridProps {
  columns: readonly PreviewColumn[];
  rows: readonly (readonly CellValue[])[];
  /** Display order: indexes into `rows` (from `sortedRowOrder`). */
  order: readonly number[];
  sort: SortState | null;
  onSortClick: (column: number) => void;
  /** Selected indexes into `rows`. */
  selected: ReadonlySet<number>;
  onSelectionChange: (selected: Set<number>) => void;
  /** Ctrl+C in the grid. */
  onCopy: () => void;
  /** Number of the first row (the paging offset), for the row number column. */
  firstRowNumber: number;
  ariaLabel: string;
  height?: string;
  /** Key flags and descriptions of the fields (leading key columns stay in view). */
  fieldInfo?: FieldInfoMap | null;
}

const ROW_HEIGHT = 32;
// Two lines: the field name and its description.
const HEADER_HEIGHT = 44;
const ROW_OVERSCAN = 15;
const COLUMN_OVERSCAN_PX = 400;

interface GridWindow {
  firstRow: number;
  lastRow: number;
  firstCol: number;
  lastCol: number;
}


/**
 * A lean virtualised grid: only the rows and columns on screen are in the DOM,
 * so 1,000 rows × 50 columns render and scroll without dropped frames.
 */
export function DataGrid({ columns, rows, order, sort, onSortClick, selected, onSelectionChange, onCopy, firstRowNumber, ariaLabel, height = '28rem', fieldInfo = null }: DataGridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // The rendered window of rows and columns. It only changes when the visible part leaves it,
  // so most scroll frames cost no React work at all.
  const [view, setView] = useState<GridWindow>({ firstRow: 0, lastRow: 40, firstCol: 0, lastCol: 12 });
  const anchor = useRef<number | null>(null);

  const formatters = useMemo(() => columns.map((c) => cellFormatter(c)), [columns]);
  const widths = useMemo(() => columns.map(columnWidth), [columns]);
  const offsets = useMemo(() => columnOffsets(widths), [widths]);
  const gutterWidth = Math.max(48, String(firstRowNumber + rows.length).length * 9 + 20);
  const totalWidth = gutterWidth + offsets[offsets.length - 1]!;
  // Leading key columns are always rendered and stick beside the row numbers.
  const frozen = useMemo(() => leadingKeyColumns(columns, fieldInfo), [columns, fieldInfo]);

  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const visibleFirst = Math.floor(el.scrollTop / ROW_HEIGHT);
    const visibleLast = Math.ceil((el.scrollTop + el.clientHeight) / ROW_HEIGHT);
    const [colFirst, colLast] = visibleColumns(offsets, el.scrollLeft, el.scrollLeft + el.clientWidth - gutterWidth);
    setView((current) => {
      const rowsCovered = current.firstRow <= visibleFirst && current.lastRow >= Math.min(visibleLast, order.length);
      const colsCovered = current.firstCol <= colFirst && current.lastCol >= colLast;
      if (rowsCovered && colsCovered) return current;
      const [firstCol, lastCol] = visibleColumns(offsets, el.scrollLeft - COLUMN_OVERSCAN_PX, el.scrollLeft + el.clientWidth - gutterWidth + COLUMN_OVERSCAN_PX);
      return {
        firstRow: Math.max(0, visibleFirst - ROW_OVERSCAN),
        lastRow: Math.min(order.length, visibleLast + ROW_OVERSCAN),
        firstCol,
        lastCol,
      };
    });
  }, [offsets, gutterWidth, order.length]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  // Measured on every scroll event: the window state bails out while it still covers the view.
  const onScroll = measure;

  const firstRow = Math.min(view.firstRow, order.length);
  const lastRow = Math.min(view.lastRow, order.length);
  const firstCol = Math.min(view.firstCol, columns.length);
  const lastCol = Math.min(view.lastCol, columns.length);

  const onRowClick = useCallback(
    (rowIndex: number, event: MouseEvent) => {
      const current = selected;
      if (event.shiftKey && anchor.current !== null) {
        const displayOrder = order;
        const a = displayOrder.indexOf(anchor.current);
        const b = displayOrder.indexOf(rowIndex);
        const next = new Set(event.ctrlKey || event.metaKey ? current : []);
        for (let i = Math.min(a, b); i <= Math.max(a, b); i++) next.add(displayOrder[i]!);
        onSelectionChange(next);
        return;
      }
      anchor.current = rowIndex;
      if (event.ctrlKey || event.metaKey) {
        const next = new Set(current);
        if (next.has(rowIndex)) next.delete(rowIndex);
        else next.add(rowIndex);
        onSelectionChange(next);
      } else {
        onSelectionChange(current.size === 1 && current.has(rowIndex) ? new Set() : new Set([rowIndex]));
      }
    },
    [onSelectionChange, selected, order],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const ctrl = event.ctrlKey || event.metaKey;
    if (ctrl && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      onCopy();
    } else if (ctrl && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      onSelectionChange(new Set(order));
    } else if (event.key === 'Escape') {
      onSelectionChange(new Set());
    }
  };

  // The scrolling columns start after the frozen ones; the spacer stands for those scrolled past.
  const startCol = Math.max(firstCol, frozen);
  const leftSpace = offsets[Math.min(startCol, lastCol)]! - offsets[frozen]!;
  const headCell = (c: number) => {
    const column = columns[c]!;
    const direction = sort?.column === c ? sort.direction : null;
    const description = fieldInfo?.get(column.name.toUpperCase())?.description;
    const isFrozen = c < frozen;
    return (
      <div
        key={c}
        role="columnheader"
        aria-colindex={c + 2}
        aria-sort={direction ?? 'none'}
        className={`dg-cell dg-head${formatters[c]!.alignEnd ? ' dg-end' : ''}${isFrozen ? ' dg-frozen' : ''}${c === frozen - 1 ? ' dg-frozen-last' : ''}`}
        style={isFrozen ? { width: widths[c], left: gutterWidth + offsets[c]! } : { width: widths[c] }}
      >
        <button
          type="button"
          className="dg-sort"
          onClick={() => onSortClick(c)}
          title={`${column.name}${description ? ` – ${description}` : ''}${isFrozen ? ' (key)' : ''}\n${column.data_type}${column.length ? ` ${column.length}` : ''}${column.decimals ? `,${column.decimals}` : ''}. Click to sort.`}
          aria-description={description || undefined}
          data-testid={`grid-sort-${column.name}`}
        >
          <span className="dg-head-text">
            {column.name}
            {description ? <span className="dg-head-description">{description}</span> : null}
          </span>
          {direction ? <Icon name={direction === 'ascending' ? 'sort-ascending' : 'sort-descending'} className="dg-sort-icon" /> : null}
        </button>
      </div>
    );
  };
  const header = [];
  for (let c = 0; c < frozen; c++) header.push(headCell(c));
  header.push(<div key="space" style={{ width: leftSpace, flex: 'none' }} />);
  for (let c = startCol; c < lastCol; c++) header.push(headCell(c));

  const body = [];
  const numbers = [];
  for (let d = firstRow; d < lastRow; d++) {
    const rowIndex = order[d]!;
    numbers.push(
      <div key={d} className="dg-number" style={{ top: d * ROW_HEIGHT }} aria-hidden="true">
        {firstRowNumber + rowIndex + 1}
      </div>,
    );
    body.push(
      <GridRow
        key={d}
        displayIndex={d}
        rowIndex={rowIndex}
        cells={rows[rowIndex]!}
        frozen={frozen}
        firstCol={startCol}
        lastCol={lastCol}
        offsets={offsets}
        leftSpace={leftSpace}
        widths={widths}
        formatters={formatters}
        gutterWidth={gutterWidth}
        rowWidth={totalWidth - gutterWidth}
        selected={selected.has(rowIndex)}
        onClick={onRowClick}
      />,
    );
  }

  return (
    <div
      ref={scroller}
      className="dg-scroller"
      style={{ height }}
      role="grid"
      aria-label={ariaLabel}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length + 1}
      aria-multiselectable="true"
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      data-testid="data-grid"
      data-rows={rows.length}
      data-columns={columns.length}
    >
      <div className="dg-canvas" style={{ width: totalWidth, height: HEADER_HEIGHT + order.length * ROW_HEIGHT }}>
        <div className="dg-header" role="row" aria-rowindex={1} style={{ width: totalWidth, height: HEADER_HEIGHT }}>
          <div className="dg-cell dg-gutter dg-head" role="columnheader" aria-colindex={1} style={{ width: gutterWidth }}>
            #
          </div>
          {header}
        </div>
        {/* One sticky column for all row numbers: far cheaper to scroll than a sticky cell per row. */}
        <div className="dg-gutter-column" style={{ width: gutterWidth, height: order.length * ROW_HEIGHT }}>
          {numbers}
        </div>
        {body}
      </div>
    </div>
  );
}


interface GridRowProps {
  displayIndex: number;
  rowIndex: number;
  cells: readonly CellValue[];
  /** Leading columns that stay in view (sticky). */
  frozen: number;
  firstCol: number;
  lastCol: number;
  offsets: readonly number[];
  leftSpace: number;
  widths: readonly number[];
  formatters: readonly CellFormatter[];
  gutterWidth: number;
  rowWidth: number;
  selected: boolean;
  onClick: (rowIndex: number, event: MouseEvent) => void;
}

const GridRow = memo(function GridRow({ displayIndex, rowIndex, cells, frozen, firstCol, lastCol, offsets, leftSpace, widths, formatters, gutterWidth, rowWidth, selected, onClick }: GridRowProps) {
  const cell = (c: number) => {
    const f = formatters[c]!;
    const text = f.format(cells[c] ?? null);
    const isFrozen = c < frozen;
    const className = `dg-cell${f.alignEnd ? ' dg-end' : ''}${isFrozen ? ' dg-frozen' : ''}${c === frozen - 1 ? ' dg-frozen-last' : ''}`;
    return (
      <div
        key={c}
        role="gridcell"
        aria-colindex={c + 2}
        className={className}
        style={isFrozen ? { width: widths[c], left: gutterWidth + offsets[c]! } : { width: widths[c] }}
        title={text.length > 12 ? text : undefined}
      >
        {text}
      </div>
    );
  };
  const out = [];
  for (let c = 0; c < frozen; c++) out.push(cell(c));
  out.push(<div key="space" style={{ width: leftSpace, flex: 'none' }} />);
  for (let c = firstCol; c < lastCol; c++) out.push(cell(c));
  return (
    <div
      role="row"
      aria-rowindex={displayIndex + 2}
      aria-selected={selected}
      className={selected ? 'dg-row dg-selected' : displayIndex % 2 ? 'dg-row dg-odd' : 'dg-row'}
      style={{ top: HEADER_HEIGHT + displayIndex * ROW_HEIGHT, left: gutterWidth, width: rowWidth }}
      onClick={(e) => onClick(rowIndex, e)}
    >
      {out}
    </div>
  );
});
