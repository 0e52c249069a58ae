import { Bar, Button, Icon, Input, List, ListItemStandard, ResponsivePopover } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-icons/dist/table-column.js';
import '@ui5/webcomponents-icons/dist/search.js';
import { useState } from 'react';
import type { PreviewColumn } from '../../api';
import { useMountedWhileOpen } from '../../components';
import { chosenAfterSelection, columnChoiceText, matchingColumns } from './columnChoice';

export interface ColumnChooserProps {
  /** Every column of the object, in table order (empty until it was read once). */
  columns: readonly PreviewColumn[];
  /** The columns to read; none means all. */
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}

/**
 * The columns a preview reads: a button that says which, and a searchable list that opens on
 * demand. The list exists only while open: a wide table's fifty items with their check boxes
 * would otherwise stay in every open tab.
 */
export function ColumnChooser({ columns, chosen, onChange }: ColumnChooserProps) {
  const [opener, setOpener] = useState<HTMLElement | null>(null);
  const [query, setQuery] = useState('');
  const open = opener !== null;
  const popup = useMountedWhileOpen(open, () => {
    setOpener(null);
    setQuery('');
  });
  const shown = matchingColumns(columns, query);
  const choice = columnChoiceText(columns.length, chosen);
  return (
    <>
      <Button
        icon="table-column"
        endIcon="slim-arrow-down"
        disabled={columns.length === 0}
        onClick={(e) => setOpener(e.currentTarget as HTMLElement)}
        accessibleName={`Columns to show: ${choice}`}
        className="pv-columns-button"
        data-testid="preview-columns"
      >
        {choice}
      </Button>
      {popup.mounted && (
        <ResponsivePopover
          open={open}
          opener={opener ?? undefined}
          placement="Bottom"
          horizontalAlign="Start"
          accessibleName="Columns to show"
          onClose={popup.onClose}
          className="pv-columns-popover"
          data-testid="preview-columns-popover"
          header={
            <Input
              type="Search"
              icon={<Icon name="search" />}
              value={query}
              placeholder="Search columns"
              accessibleName="Search columns"
              onInput={(e) => setQuery(e.target.value)}
              className="pv-columns-search"
              data-testid="preview-columns-search"
            />
          }
          footer={
            <Bar
              design="Footer"
              endContent={
                <>
                  <Button design="Transparent" disabled={chosen.length === 0} onClick={() => onChange([])} data-testid="preview-columns-all">
                    Show all columns
                  </Button>
                  <Button design="Emphasized" onClick={() => setOpener(null)} data-testid="preview-columns-done">
                    Done
                  </Button>
                </>
              }
            />
          }
        >
          <List
            selectionMode="Multiple"
            accessibleName="Columns"
            noDataText="No column matches"
            onSelectionChange={(e) =>
              onChange(
                chosenAfterSelection(
                  columns,
                  chosen,
                  shown.map((c) => c.name),
                  e.detail.selectedItems.map((item) => (item as HTMLElement).dataset.column ?? ''),
                ),
              )
            }
          >
            {shown.map((c) => (
              <ListItemStandard
                key={c.name}
                text={c.name}
                additionalText={c.data_type}
                selected={chosen.includes(c.name)}
                data-column={c.name}
                data-testid={`preview-column-${c.name}`}
              />
            ))}
          </List>
        </ResponsivePopover>
      )}
    </>
  );
}
