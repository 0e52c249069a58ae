import { Icon, Link, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow } from '@ui5/webcomponents-react';
import type { Component } from '../../api';

/**
 * Decimals are shown only when the server sent some: the real handler's view answer has no
 * DECIMALS for fields, so 0 may mean "not told" (an empty cell then, not a wrong 0).
 */
function hasDecimals(c: Component): boolean {
  return c.decimals > 0;
}

/**
 * The fields of a table or structure, as SE11 shows them. Data elements open in the viewer.
 * Cells hold plain text, not Text components: a 50-field table would otherwise create
 * hundreds more web components.
 */
export function FieldTable({ components, onOpen }: { components: readonly Component[]; onOpen: (name: string, type: string) => void }) {
  const showDecimals = components.some(hasDecimals);
  return (
    <Table
      accessibleName="Fields"
      overflowMode="Popin"
      data-testid="field-table"
      headerRow={
        <TableHeaderRow sticky>
          <TableHeaderCell width="3.5rem">Key</TableHeaderCell>
          <TableHeaderCell width="14rem">Field</TableHeaderCell>
          <TableHeaderCell width="6rem">Type</TableHeaderCell>
          <TableHeaderCell width="5rem" horizontalAlign="End">
            Length
          </TableHeaderCell>
          {showDecimals ? (
            <TableHeaderCell width="5.5rem" horizontalAlign="End">
              Decimals
            </TableHeaderCell>
          ) : null}
          <TableHeaderCell width="14rem">Data element</TableHeaderCell>
          <TableHeaderCell>Description</TableHeaderCell>
        </TableHeaderRow>
      }
    >
      {components.map((c) => (
        <TableRow key={c.field} rowKey={c.field}>
          <TableCell>{c.key ? <Icon name="key" accessibleName="Key field" /> : null}</TableCell>
          <TableCell>
            <span className="ad-mono-text">{c.field}</span>
          </TableCell>
          <TableCell>
            {c.data_type}
          </TableCell>
          <TableCell horizontalAlign="End">
            {String(c.length)}
          </TableCell>
          {showDecimals ? (
            <TableCell horizontalAlign="End">
              {hasDecimals(c) ? String(c.decimals) : ''}
            </TableCell>
          ) : null}
          <TableCell>
            {c.data_element && !c.data_element.includes('=') ? (
              <Link onClick={() => onOpen(c.data_element, 'DTEL')} accessibleName={`Open data element ${c.data_element}`}>
                {c.data_element}
              </Link>
            ) : (
              c.data_element
            )}
          </TableCell>
          <TableCell>
            {c.description}
          </TableCell>
        </TableRow>
      ))}
    </Table>
  );
}

/** Fields as tab-separated text (header + one line per field). */
export function fieldsAsText(components: readonly Component[]): string {
  const lines = ['Key\tField\tType\tLength\tDecimals\tData element\tDescription'];
  for (const c of components) {
    lines.push([c.key ? 'X' : '', c.field, c.data_type, c.length, hasDecimals(c) ? c.decimals : '', c.data_element, c.description].join('\t'));
  }
  return lines.join('\n');
}
