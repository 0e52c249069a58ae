import { Bar, Button, Dialog, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, TableSelectionSingle, Text } from '@ui5/webcomponents-react';
import { useCallback, useEffect, useState } from 'react';
import type { CallLogEntry, ProfileId } from '../../api';
import { CopyButton, formatTime } from '../../components';
import { bridge } from './api';
import { callLogText, entryText } from './callLog';

/** The system's bridge calls with request, answer and duration (never a header, so no cookie or authorization). */
export function CallLogDialog({ profileId, version, onClose }: { profileId: ProfileId; version: number; onClose: () => void }) {
  const [entries, setEntries] = useState<CallLogEntry[]>([]);
  const [chosen, setChosen] = useState<number | null>(null);
  const refresh = useCallback(async () => {
    const answer = await bridge.callLog(profileId);
    if (answer.status === 'ok') setEntries(answer.data);
  }, [profileId]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
  }, [refresh, version]);
  const newestFirst = [...entries].reverse();
  const entry = entries.find((e) => e.sequence === chosen) ?? newestFirst[0] ?? null;

  return (
    <Dialog
      open
      headerText="Call log"
      resizable
      className="tx-call-log"
      onClose={onClose}
      data-testid="tx-call-log"
      footer={
        <Bar
          design="Footer"
          startContent={<Text className="ad-muted">{`${entries.length} ${entries.length === 1 ? 'call' : 'calls'} (the last 200; headers are never recorded)`}</Text>}
          endContent={
            <>
              <CopyButton text={() => callLogText(entries)} label="Copy all" disabled={!entries.length} data-testid="tx-call-log-copy" />
              <Button design="Transparent" icon="refresh" onClick={() => void refresh()} data-testid="tx-call-log-refresh">
                Refresh
              </Button>
              <Button
                design="Transparent"
                icon="delete"
                disabled={!entries.length}
                onClick={() => void bridge.clearCallLog(profileId).then(() => refresh())}
                data-testid="tx-call-log-clear"
              >
                Clear
              </Button>
              <Button design="Emphasized" onClick={onClose} data-testid="tx-call-log-close">
                Close
              </Button>
            </>
          }
        />
      }
    >
      {entries.length === 0 ? (
        <Text className="ad-muted">No calls yet.</Text>
      ) : (
        <div className="tx-call-log-body">
          <div className="tx-table-scroll tx-call-log-list">
            <Table
              accessibleName="Calls"
              headerRow={
                <TableHeaderRow sticky>
                  <TableHeaderCell width="6rem">Time</TableHeaderCell>
                  <TableHeaderCell>Call</TableHeaderCell>
                  <TableHeaderCell width="5rem">Status</TableHeaderCell>
                  <TableHeaderCell width="6rem">Duration</TableHeaderCell>
                </TableHeaderRow>
              }
              features={
                <TableSelectionSingle
                  selected={entry ? String(entry.sequence) : ''}
                  onChange={(e) => setChosen(Number((e.target as unknown as { selected: string }).selected) || null)}
                />
              }
              data-testid="tx-call-log-table"
            >
              {newestFirst.map((e) => (
                <TableRow key={e.sequence} rowKey={String(e.sequence)} data-testid={`tx-call-${e.sequence}`}>
                  <TableCell>
                    <Text>{formatTime(e.at)}</Text>
                  </TableCell>
                  <TableCell>
                    <Text>{`${e.method} ${e.path}`}</Text>
                  </TableCell>
                  <TableCell>
                    <Text>{e.status === null ? (e.error ? 'failed' : '–') : String(e.status)}</Text>
                  </TableCell>
                  <TableCell>
                    <Text>{`${e.duration_ms} ms`}</Text>
                  </TableCell>
                </TableRow>
              ))}
            </Table>
          </div>
          {entry && (
            <div className="ad-stack tx-call-detail" data-testid="tx-call-detail">
              <div className="ad-card-head">
                <Text className="ad-error-title">{`${entry.app_id}: ${entry.operation}`}</Text>
                <span className="ad-spacer" />
                <CopyButton text={() => entryText(entry)} accessibleName="Copy this call" data-testid="tx-call-copy" />
              </div>
              <pre className="ad-pre tx-call-pre" data-testid="tx-call-text">
                {entryText(entry)}
              </pre>
            </div>
          )}
        </div>
      )}
    </Dialog>
  );
}
