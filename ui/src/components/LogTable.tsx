import { Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text } from '@ui5/webcomponents-react';
import type { LogMessage } from '../api';
import { severityOf, SEVERITY_LABEL } from './format';
import { SeverityIcon } from './SeverityIcon';

export interface LogTableProps {
  messages: readonly LogMessage[];
  /** Accessible name, e.g. "Failed objects". */
  label: string;
  noDataText?: string;
  /** Show the exception column (failed objects). */
  showException?: boolean;
  'data-testid'?: string;
}

/** SAP log messages (severity, object, text) as a table, the way SE80/abapGit shows them. */
export function LogTable({ messages, label, noDataText = 'No messages', showException, ...rest }: LogTableProps) {
  return (
    <Table
      accessibleName={label}
      noDataText={noDataText}
      overflowMode="Popin"
      data-testid={rest['data-testid']}
      headerRow={
        <TableHeaderRow sticky>
          <TableHeaderCell width="7rem">Severity</TableHeaderCell>
          <TableHeaderCell width="6rem">Type</TableHeaderCell>
          <TableHeaderCell width="16rem">Object</TableHeaderCell>
          <TableHeaderCell>Message</TableHeaderCell>
          {showException ? <TableHeaderCell importance={-1}>Exception</TableHeaderCell> : null}
        </TableHeaderRow>
      }
    >
      {messages.map((m, i) => {
        const severity = severityOf(m.severity);
        return (
          <TableRow key={i} rowKey={String(i)}>
            <TableCell>
              <span style={{ display: 'inline-flex', gap: '0.375rem', alignItems: 'center' }}>
                <SeverityIcon severity={severity} />
                <Text>{SEVERITY_LABEL[severity]}</Text>
              </span>
            </TableCell>
            <TableCell>
              <Text>{m.object_type}</Text>
            </TableCell>
            <TableCell>
              <Text>{m.object_name}</Text>
            </TableCell>
            <TableCell>
              <Text>{m.text}</Text>
            </TableCell>
            {showException ? (
              <TableCell>
                <Text>{m.exception}</Text>
              </TableCell>
            ) : null}
          </TableRow>
        );
      })}
    </Table>
  );
}
