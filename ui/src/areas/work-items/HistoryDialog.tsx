import {
  Bar,
  Button,
  Dialog,
  List,
  ListItemStandard,
  MessageStrip,
  Table,
  TableCell,
  TableHeaderCell,
  TableHeaderRow,
  TableRow,
  Tag,
  Text,
} from '@ui5/webcomponents-react';
import { useEffect, useState } from 'react';
import type { AppError } from '../../api';
import type { StatusBatch } from '../../bindings';
import { Busy, ErrorPanel, plural, saveTextAs } from '../../components';
import { workItems } from './api';
import { historyCsv, kindOf, RESULT_WORDS, type OutcomeKind } from './batch';
import { formatDateTime } from '../../components/dateTime';

const RESULT_DESIGN: Record<OutcomeKind, 'Positive' | 'Information' | 'Critical' | 'Negative'> = {
  done: 'Positive',
  already: 'Information',
  refused: 'Critical',
  failed: 'Negative',
};

function summary(batch: StatusBatch): string {
  const counts = new Map<string, number>();
  for (const row of batch.rows) counts.set(RESULT_WORDS[kindOf(row.result)], (counts.get(RESULT_WORDS[kindOf(row.result)]) ?? 0) + 1);
  return [...counts].map(([word, count]) => `${count} ${word.toLowerCase()}`).join(', ');
}

/** The batch status changes kept in the store, newest first: reopen one, export it as CSV. */
export function HistoryDialog({ onClose }: { onClose: () => void }) {
  const [batches, setBatches] = useState<StatusBatch[] | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    void workItems.history().then((answer) => {
      if (answer.status === 'error') return setError(answer.error);
      setBatches(answer.data);
      setChosenId(answer.data[0]?.id ?? null);
    });
  }, []);

  const chosen = batches?.find((b) => b.id === chosenId);

  const exportCsv = async () => {
    if (!chosen) return;
    setNote(null);
    const stamp = chosen.at.slice(0, 19).replace(/[-:T]/g, '');
    const saved = await saveTextAs(`work-item-status-changes-${stamp}.csv`, historyCsv(chosen), { name: 'CSV', extensions: ['csv'] });
    if (!saved) return;
    if ('error' in saved) return setError(saved.error);
    setNote(`Saved to ${saved.path}.`);
  };

  return (
    <Dialog
      open
      headerText="Status change history"
      onClose={onClose}
      className="wi-batch-dialog"
      data-testid="wi-history-dialog"
      footer={
        <Bar
          design="Footer"
          endContent={
            <>
              <Button icon="excel-attachment" onClick={() => void exportCsv()} disabled={!chosen} data-testid="wi-history-export">
                Export CSV…
              </Button>
              <Button design="Emphasized" onClick={onClose} data-testid="wi-history-close">
                Close
              </Button>
            </>
          }
        />
      }
    >
      <div className="wi-batch-body">
        <Busy active={batches === null && !error} text="Reading the history…">
          <List
            accessibleName="Batches"
            selectionMode="Single"
            noDataText="No batch status change yet. Each batch run from the worklist is kept here."
            onSelectionChange={(e) => setChosenId((e.detail.selectedItems[0] as HTMLElement | undefined)?.dataset.id ?? null)}
            className="wi-history-list"
            data-testid="wi-history-list"
          >
            {(batches ?? []).map((b) => (
              <ListItemStandard
                key={b.id}
                data-id={b.id}
                selected={b.id === chosenId}
                description={`${b.system} · ${b.user}`}
                additionalText={summary(b)}
                data-testid={`wi-history-batch-${b.id}`}
              >
                {`${formatDateTime(b.at)} · ${plural(b.rows.length, 'work item')}`}
              </ListItemStandard>
            ))}
          </List>
        </Busy>
        {chosen ? (
          <Table
            accessibleName="Results of the chosen batch"
            overflowMode="Scroll"
            data-testid="wi-history-rows"
            headerRow={
              <TableHeaderRow>
                <TableHeaderCell width="9rem">Work item</TableHeaderCell>
                <TableHeaderCell width="11rem">From</TableHeaderCell>
                <TableHeaderCell width="11rem">To</TableHeaderCell>
                <TableHeaderCell width="8rem">Result</TableHeaderCell>
                <TableHeaderCell minWidth="14rem">Message</TableHeaderCell>
              </TableHeaderRow>
            }
          >
            {chosen.rows.map((r) => (
              <TableRow key={r.guid} rowKey={r.guid} data-testid={`wi-history-row-${r.guid}`} data-result={r.result}>
                <TableCell>
                  <Text title={r.description}>{r.work_item}</Text>
                </TableCell>
                <TableCell>
                  <Text>{r.from_status}</Text>
                </TableCell>
                <TableCell>
                  <Text>{r.to_status}</Text>
                </TableCell>
                <TableCell>
                  <Tag design={RESULT_DESIGN[kindOf(r.result)]}>{RESULT_WORDS[kindOf(r.result)]}</Tag>
                </TableCell>
                <TableCell>
                  <Text>{r.message}</Text>
                </TableCell>
              </TableRow>
            ))}
          </Table>
        ) : null}
        {note ? (
          <MessageStrip design="Positive" onClose={() => setNote(null)} data-testid="wi-history-note">
            {note}
          </MessageStrip>
        ) : null}
        {error ? <ErrorPanel error={error} onDismiss={() => setError(null)} /> : null}
      </div>
    </Dialog>
  );
}
