import {
  Bar,
  Button,
  Dialog,
  Label,
  MessageStrip,
  Table,
  TableCell,
  TableHeaderCell,
  TableHeaderRow,
  TableRow,
  Tag,
  Text,
} from '@ui5/webcomponents-react';
import { useState } from 'react';
import type { AppError, ProfileId } from '../../api';
import type { StatusChangeOutcome, StatusChangeRequest, WorkItem, WorkItemCatalogue } from '../../bindings';
import { Busy, ErrorPanel, plural, saveTextAs } from '../../components';
import { workItems } from './api';
import { countOutcomes, failureText, historyRow, mergeOutcomes, outcomeRow, outcomesCsv, retryRequests, type OutcomeKind } from './batch';
import { offeredStatuses, statusLabel } from './statuses';
import { StatusSelect } from './StatusSelect';

interface Props {
  profileId: ProfileId;
  /** The selected work items, as last read. */
  items: WorkItem[];
  catalogue: WorkItemCatalogue | null;
  onClose: () => void;
  /** GUIDs whose status changed, to read again. */
  onChanged: (guids: string[]) => void;
}

const KIND_TAG: Record<OutcomeKind, { design: 'Positive' | 'Information' | 'Critical' | 'Negative'; text: string }> = {
  done: { design: 'Positive', text: 'Done' },
  already: { design: 'Information', text: 'Already there' },
  refused: { design: 'Critical', text: 'Refused' },
  failed: { design: 'Negative', text: 'Failed' },
};

/** Changes the status of many work items at once: choose, confirm once (in the same dialog), see each result. */
export function BatchDialog({ profileId, items, catalogue, onClose, onChanged }: Props) {
  // The batch is fixed when the dialog opens, so later selection changes do not alter it.
  const [batch] = useState(items);
  const statuses = catalogue ? offeredStatuses(catalogue.statuses, batch) : [];
  // Nothing is chosen until the user chooses: no status is a safe default.
  const [target, setTarget] = useState<string>('');
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [outcomes, setOutcomes] = useState<StatusChangeOutcome[] | null>(null);
  const [exportNote, setExportNote] = useState<string | null>(null);
  const [historyError, setHistoryError] = useState<AppError | null>(null);

  const byGuid = new Map(batch.map((i) => [i.guid, i]));
  const nameOf = (code: string) => statusLabel(catalogue?.statuses ?? null, batch[0]?.process_type, code);
  const rows = (outcomes ?? []).map((o) => outcomeRow(o, byGuid.get(o.guid), nameOf));
  const counts = countOutcomes(rows);
  const retries = outcomes ? retryRequests(outcomes) : [];

  const run = async (requests: StatusChangeRequest[]) => {
    setConfirming(false);
    setRunning(true);
    setError(null);
    const answer = await workItems.changeStatusMany(profileId, requests);
    setRunning(false);
    if (answer.status === 'error') return setError(answer.error);
    setOutcomes((previous) => (previous ? mergeOutcomes(previous, answer.data) : answer.data));
    // Each run (a retry too) is kept in the history, as its results table shows it.
    const kept = await workItems.historyAdd(
      profileId,
      answer.data.map((o) => historyRow(outcomeRow(o, byGuid.get(o.guid), nameOf))),
    );
    setHistoryError(kept.status === 'error' ? kept.error : null);
    const changed = answer.data.filter((o) => o.result.outcome === 'done').map((o) => o.guid);
    if (changed.length) onChanged(changed);
  };

  const start = () => void run(batch.map((i) => ({ guid: i.guid, user_status: target })));
  const alreadyThere = batch.filter((i) => i.status.code.toUpperCase() === target.toUpperCase()).length;

  const exportCsv = async () => {
    setExportNote(null);
    const saved = await saveTextAs('work-item-status-changes.csv', outcomesCsv(rows), { name: 'CSV', extensions: ['csv'] });
    if (!saved) return;
    if ('error' in saved) return setError(saved.error);
    setExportNote(`Saved to ${saved.path}.`);
  };

  return (
    <Dialog
      open
      headerText={
        outcomes ? 'Status change results' : confirming ? `Change ${plural(batch.length, 'work item')} to ${nameOf(target)}?` : `Change the status of ${plural(batch.length, 'work item')}`
      }
      state={confirming && !outcomes ? 'Critical' : 'None'}
      onClose={onClose}
      className="wi-batch-dialog"
      data-testid="wi-batch-dialog"
      footer={
        <Bar
          design="Footer"
          endContent={
            outcomes ? (
              <>
                <Button icon="refresh" onClick={() => void run(retries)} disabled={!retries.length || running} data-testid="wi-batch-retry">
                  {`Retry failed (${retries.length})`}
                </Button>
                <Button icon="excel-attachment" onClick={() => void exportCsv()} disabled={running} data-testid="wi-batch-export">
                  Export CSV…
                </Button>
                <Button design="Emphasized" onClick={onClose} data-testid="wi-batch-close">
                  Close
                </Button>
              </>
            ) : confirming ? (
              <>
                <Button design="Emphasized" onClick={start} data-testid="wi-batch-confirm-ok">
                  Change status
                </Button>
                <Button design="Transparent" onClick={() => setConfirming(false)} data-testid="wi-batch-back">
                  Back
                </Button>
              </>
            ) : (
              <>
                <Button design="Emphasized" onClick={() => setConfirming(true)} disabled={!target || running} data-testid="wi-batch-start">
                  Change status…
                </Button>
                <Button design="Transparent" onClick={onClose}>
                  Cancel
                </Button>
              </>
            )
          }
        />
      }
    >
      <div className="wi-batch-body">
        {!outcomes && confirming ? (
          // The confirmation replaces the form in the same dialog: one dialog, never two stacked.
          <div data-testid="wi-batch-confirm">
            <Text>
              {`Each work item goes from its current status to ${nameOf(target)}. The system checks every change; the ones it refuses stay as they are.`}
              {alreadyThere ? ` ${plural(alreadyThere, 'item')} ${alreadyThere === 1 ? 'has' : 'have'} this status already and will be reported as already there.` : ''}
            </Text>
          </div>
        ) : null}
        {!outcomes ? (
          <>
            <div className="ad-field" hidden={confirming}>
              <Label for="wi-batch-status" showColon>
                New status
              </Label>
              <StatusSelect
                id="wi-batch-status"
                offered={statuses}
                value={target}
                onChange={setTarget}
                itemCount={batch.length}
                testId="wi-batch-status"
                optionTestId="wi-batch-status-"
              />
              {!statuses.length ? <Text className="ad-muted">The selected work items have no status in common.</Text> : null}
            </div>
            <ul className="wi-batch-items">
              {batch.map((i) => (
                <li key={i.guid}>
                  <Text>{`${i.object_id ?? i.guid} · ${i.description} · ${i.status.label}`}</Text>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <>
            <div className="ad-actions" data-testid="wi-batch-summary">
              {(['done', 'already', 'refused', 'failed'] as const).map((kind) => (
                // A zero count is not a warning.
                <Tag key={kind} design={counts[kind] ? KIND_TAG[kind].design : 'Neutral'} hideStateIcon={!counts[kind]}>{`${counts[kind]} ${KIND_TAG[kind].text.toLowerCase()}`}</Tag>
              ))}
            </div>
            <Table
              accessibleName="Results"
              overflowMode="Popin"
              data-testid="wi-batch-results"
              headerRow={
                <TableHeaderRow>
                  <TableHeaderCell width="9rem">Work item</TableHeaderCell>
                  <TableHeaderCell width="7rem">Result</TableHeaderCell>
                  <TableHeaderCell minWidth="16rem">Status or reason</TableHeaderCell>
                </TableHeaderRow>
              }
            >
              {rows.map((r) => (
                <TableRow key={r.guid} rowKey={r.guid} data-testid={`wi-result-${r.guid}`} data-outcome={r.kind}>
                  <TableCell>
                    <Text title={r.description}>{r.label}</Text>
                  </TableCell>
                  <TableCell>
                    <Tag design={KIND_TAG[r.kind].design}>{KIND_TAG[r.kind].text}</Tag>
                  </TableCell>
                  <TableCell>
                    <Text>{r.message}</Text>
                  </TableCell>
                </TableRow>
              ))}
            </Table>
          </>
        )}
        {running ? (
          <Busy active text="Changing statuses…">
            <div className="wi-placeholder-small" />
          </Busy>
        ) : null}
        {exportNote ? (
          <MessageStrip design="Positive" onClose={() => setExportNote(null)}>
            {exportNote}
          </MessageStrip>
        ) : null}
        {error ? <ErrorPanel error={error} onDismiss={() => setError(null)} /> : null}
        {outcomes && !running ? (
          historyError ? (
            <MessageStrip design="Critical" hideCloseButton data-testid="wi-batch-history-error">
              {`These results could not be kept in the history (${failureText(historyError)}). Export them as CSV to keep them.`}
            </MessageStrip>
          ) : (
            <Text className="ad-muted" data-testid="wi-batch-kept">
              Kept in the worklist’s status change history.
            </Text>
          )
        ) : null}
      </div>

    </Dialog>
  );
}
