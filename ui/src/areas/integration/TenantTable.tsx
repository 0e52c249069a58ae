import { Table, TableHeaderCell, TableHeaderRow, TableSelectionSingle } from '@ui5/webcomponents-react';
import type { ReactNode } from 'react';

export interface Column {
  title: string;
  width?: string;
  minWidth?: string;
}

interface Props {
  accessibleName: string;
  columns: readonly Column[];
  noDataText: string;
  /** The selected row's key (single selection), or undefined for a table without selection. */
  selected?: string | null;
  onSelect?: (rowKey: string | null) => void;
  tall?: boolean;
  'data-testid'?: string;
  children: ReactNode;
}

/**
 * A list as the tenant's own pages show them: real columns that scroll sideways in a narrow
 * window, a sticky header, and (optionally) one selected row chosen by a click anywhere on it.
 * Rows are `TableRow`s with `rowKey` and `data-key` set to the same key.
 */
export function TenantTable({ accessibleName, columns, noDataText, selected, onSelect, tall, children, ...rest }: Props) {
  return (
    <div className={tall ? 'cpi-table-tall' : 'cpi-table'}>
      <Table
        accessibleName={accessibleName}
        noDataText={noDataText}
        overflowMode="Scroll"
        features={
          onSelect ? (
            <TableSelectionSingle selected={selected ?? ''} onChange={(e) => onSelect((e.target as unknown as { selected: string }).selected || null)} />
          ) : undefined
        }
        onRowClick={onSelect ? (e) => onSelect((e.detail.row as HTMLElement).dataset.key ?? null) : undefined}
        data-testid={rest['data-testid']}
        headerRow={
          <TableHeaderRow sticky>
            {columns.map((c) => (
              <TableHeaderCell key={c.title} width={c.width} minWidth={c.minWidth}>
                {c.title}
              </TableHeaderCell>
            ))}
          </TableHeaderRow>
        }
      >
        {children}
      </Table>
    </div>
  );
}

/** A label over a value, for an object's facts. */
export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="cpi-fact">
      <span className="ad-muted">{label}</span>
      <span data-testid={testId}>{children || '–'}</span>
    </div>
  );
}
