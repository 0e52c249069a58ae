import { Button, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, TableSelectionSingle, Text, Title } from '@ui5/webcomponents-react';
import { CopyButton, saveTextAs } from '../../components';
import { toCsv } from '../preview/exportText';
import { outputText, tableAsTsv, type OutputObject } from './forms';

export const CSV_FILTER = { name: 'CSV', extensions: ['csv'] };

export interface OutputTableProps {
  name: string;
  columns: string[];
  rows: OutputObject[];
  /** The chosen row's index (its values fill a follow-up action's form). */
  chosen: number | null;
  onChoose: (index: number | null) => void;
  operation: string;
}

/** A collection of the result as a table: one row can be chosen, copied as text or saved as CSV. */
export function OutputTable({ name, columns, rows, chosen, onChoose, operation }: OutputTableProps) {
  const csv = () => toCsv(columns, rows.map((r) => columns.map((c) => outputText(r[c]))));
  return (
    <section className="tx-output-table" data-testid={`tx-table-${name}`}>
      <div className="ad-card-head">
        <Title level="H5">{`${name} (${rows.length})`}</Title>
        <span className="ad-spacer" />
        <CopyButton text={() => tableAsTsv(columns, rows)} accessibleName={`Copy ${name} as text`} data-testid={`tx-table-copy-${name}`} />
        <Button icon="excel-attachment" design="Transparent" onClick={() => void saveTextAs(`${operation}-${name}.csv`, csv(), CSV_FILTER)} data-testid={`tx-table-csv-${name}`}>
          CSV
        </Button>
      </div>
      {rows.length === 0 ? (
        <Text className="ad-muted">No rows.</Text>
      ) : (
        <div className="tx-table-scroll">
          <Table
            accessibleName={name}
            // Clicking a row chooses it too (not only its radio button), as in SAP GUI's lists.
            onRowClick={(e) => {
              const key = e.detail.row.rowKey;
              onChoose(key === String(chosen) ? null : Number(key));
            }}
            headerRow={
              <TableHeaderRow sticky>
                {columns.map((c) => (
                  <TableHeaderCell key={c} minWidth="8rem">
                    {c}
                  </TableHeaderCell>
                ))}
              </TableHeaderRow>
            }
            features={
              <TableSelectionSingle
                selected={chosen === null ? '' : String(chosen)}
                onChange={(e) => {
                  const key = (e.target as unknown as { selected: string }).selected;
                  onChoose(key === '' ? null : Number(key));
                }}
              />
            }
          >
            {rows.map((row, index) => (
              <TableRow key={index} rowKey={String(index)} interactive data-testid={`tx-row-${name}-${index}`}>
                {columns.map((c) => (
                  <TableCell key={c}>
                    <Text>{outputText(row[c])}</Text>
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </Table>
        </div>
      )}
    </section>
  );
}
