import { Label, Link, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text } from '@ui5/webcomponents-react';
import type { DdicDetails } from './ddicDetails';
import type { OpenTarget } from './WhereUsedPanel';

/** A data element's, domain's, table type's, message class's or function group's properties and lists. */
export function DdicDetailsView({ details, onOpen }: { details: DdicDetails; onOpen: (t: OpenTarget) => void }) {
  return (
    <div className="ex-ddic" data-testid="ddic-details">
      {details.properties.length ? (
        <div className="ex-facts" data-testid="ddic-properties">
          {details.properties.map((p) => (
            <span key={p.label}>
              <Label showColon>{p.label}</Label>{' '}
              {p.open ? (
                <Link onClick={() => onOpen(p.open!)} accessibleName={`Open ${p.value}`} data-testid={`ddic-open-${p.value}`}>
                  {p.value}
                </Link>
              ) : (
                <Text>{p.value}</Text>
              )}
            </span>
          ))}
        </div>
      ) : null}
      {details.fixedValues.length ? (
        <TwoColumns testId="fixed-values" name="Fixed values" first="Value" second="Short text" rows={details.fixedValues.map((v) => [v.value, v.text])} />
      ) : null}
      {details.modules.length ? (
        <TwoColumns testId="function-modules" name="Function modules" first="Function module" second="Short text" rows={details.modules.map((m) => [m.name, m.text])} />
      ) : null}
      {details.messages.length ? (
        <TwoColumns testId="message-list" name="Messages" first="Number" second="Message text" rows={details.messages.map((m) => [m.number, m.text])} />
      ) : null}
    </div>
  );
}

function TwoColumns({ testId, name, first, second, rows }: { testId: string; name: string; first: string; second: string; rows: [string, string][] }) {
  return (
    <Table
      accessibleName={name}
      data-testid={testId}
      headerRow={
        <TableHeaderRow sticky>
          <TableHeaderCell width="16rem">{first}</TableHeaderCell>
          <TableHeaderCell>{second}</TableHeaderCell>
        </TableHeaderRow>
      }
    >
      {rows.map(([a, b], index) => (
        <TableRow key={`${index}:${a}`} rowKey={`${index}:${a}`}>
          <TableCell>
            <span className="ad-mono-text">{a}</span>
          </TableCell>
          <TableCell>{b}</TableCell>
        </TableRow>
      ))}
    </Table>
  );
}
