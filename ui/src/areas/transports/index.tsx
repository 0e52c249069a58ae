import {
  Button,
  Label,
  MessageStrip,
  Option,
  SegmentedButton,
  SegmentedButtonItem,
  Select,
  Table,
  TableCell,
  TableHeaderCell,
  TableHeaderRow,
  TableRow,
  TableSelectionSingle,
  Text,
  Title,
} from '@ui5/webcomponents-react';
import { useCallback, useEffect, useState } from 'react';
import type { AppError } from '../../api';
import { NoSystem } from '../../app/NoSystem';
import { useSystems } from '../../app/SystemContext';
import { Busy, ConfirmDialog, CopyButton, ErrorPanel, TextField, formatDate, plural } from '../../components';
import { usePersistentState } from '../explore/persistentState';
import '../explore/explore.css';
import { transports as transportApi } from '../../api';
import { transportsAsText } from './transportText';
import type { TransportAnswer, TransportKind, TransportRequest, TransportScope } from '../../api';

const SCOPES: { id: TransportScope; text: string }[] = [
  { id: 'mine', text: 'Mine' },
  { id: 'task', text: 'With my tasks' },
  { id: 'all', text: 'All' },
];

type Running = null | 'list' | 'create' | 'check' | 'release';

/** Transport requests: list, create, check and release. */
export default function TransportsPage() {
  const { active } = useSystems();
  const [scope, setScope] = usePersistentState<TransportScope>('transports.scope', 'mine');
  const [list, setList] = useState<TransportRequest[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [running, setRunning] = useState<Running>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'check' | 'release' | 'create'; answer: TransportAnswer } | null>(null);
  const [confirmRelease, setConfirmRelease] = useState(false);
  const [description, setDescription] = usePersistentState('transports.description', '');
  const [kind, setKind] = usePersistentState<TransportKind>('transports.kind', 'workbench');
  const [descriptionError, setDescriptionError] = useState<string | null>(null);
  const profileId = active?.profile.id ?? null;

  const load = useCallback(async () => {
    if (!profileId) return;
    setRunning('list');
    setError(null);
    const answer = await transportApi.list(profileId, scope);
    setRunning(null);
    if (answer.status === 'error') return setError(answer.error);
    setList(answer.data.transports);
  }, [profileId, scope]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  if (!active || !profileId) return <NoSystem />;
  const request = list?.find((t) => t.number === selected) ?? null;
  // Reading the list does not block the actions: only another action does.
  const acting = running !== null && running !== 'list';

  const act = async (kind: 'check' | 'release') => {
    if (!request) return;
    setConfirmRelease(false);
    setRunning(kind);
    setError(null);
    setOutcome(null);
    const answer = kind === 'check' ? await transportApi.check(profileId, request.number) : await transportApi.release(profileId, request.number);
    setRunning(null);
    if (answer.status === 'error') return setError(answer.error);
    setOutcome({ kind, answer: answer.data });
    if (kind === 'release') void load();
  };

  const create = async () => {
    if (!description.trim()) return setDescriptionError('Describe what the request is for, such as “Pricing: charter surcharge”.');
    setDescriptionError(null);
    setRunning('create');
    setError(null);
    setOutcome(null);
    const answer = await transportApi.create(profileId, description.trim(), kind);
    setRunning(null);
    if (answer.status === 'error') return setError(answer.error);
    setOutcome({ kind: 'create', answer: answer.data });
    setDescription('');
    if (answer.data.number) setSelected(answer.data.number);
    void load();
  };

  return (
    <div className="ad-page" data-testid="transports-page">
      <div className="ad-page-header">
        <Title level="H2">Transports</Title>
        <Text className="ad-muted">Transport requests in {active.profile.settings.display_name}</Text>
      </div>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} onDismiss={() => setError(null)} /> : null}
      {outcome ? <Outcome kind={outcome.kind} answer={outcome.answer} onClose={() => setOutcome(null)} /> : null}

      <section className="ad-card" aria-label="New transport request">
        <Title level="H4">New request</Title>
        <div className="tr-create">
          <TextField label="Description" required value={description} onChange={setDescription} error={descriptionError} onSubmit={() => void create()} data-testid="transport-description" />
          <div className="ad-field">
            <Label showColon>Type</Label>
            <Select accessibleName="Request type" onChange={(e) => setKind((e.detail.selectedOption.getAttribute('value') as TransportKind) ?? 'workbench')} data-testid="transport-kind">
              <Option value="workbench" selected={kind === 'workbench'}>
                Workbench (repository objects)
              </Option>
              <Option value="customizing" selected={kind === 'customizing'}>
                Customizing (table entries)
              </Option>
            </Select>
          </div>
          <Button design="Emphasized" icon="add" onClick={() => void create()} disabled={acting} className="ad-align-end" data-testid="transport-create">
            Create
          </Button>
        </div>
      </section>

      <section className="ad-card" aria-label="Transport requests">
        <div className="ad-card-head">
          <SegmentedButton accessibleName="Which requests" onSelectionChange={(e) => setScope((e.detail.selectedItems[0]?.dataset.scope as TransportScope) ?? 'mine')} data-testid="transport-scope">
            {SCOPES.map((s) => (
              <SegmentedButtonItem key={s.id} selected={scope === s.id} data-scope={s.id} data-testid={`transport-scope-${s.id}`}>
                {s.text}
              </SegmentedButtonItem>
            ))}
          </SegmentedButton>
          <Button icon="refresh" design="Transparent" onClick={() => void load()} tooltip="Refresh" accessibleName="Refresh" />
          <span className="ad-spacer" />
          <Button icon="inspection" disabled={!request || acting} onClick={() => void act('check')} data-testid="transport-check">
            Check
          </Button>
          <Button icon="shipping-status" design="Emphasized" disabled={!request || acting} onClick={() => setConfirmRelease(true)} data-testid="transport-release">
            Release…
          </Button>
          <CopyButton text={() => transportsAsText(list ?? [])} label="Copy list" disabled={!list?.length} />
        </div>
        <Busy active={running !== null} text={running === 'list' ? 'Reading requests…' : running === 'check' ? 'Checking…' : running === 'release' ? 'Releasing…' : 'Creating…'}>
          <Table
            accessibleName="Transport requests"
            noDataText={list ? 'No open requests.' : 'Reading…'}
            overflowMode="Popin"
            features={
              <TableSelectionSingle
                selected={selected ?? ''}
                onChange={(e) => setSelected((e.target as unknown as { selected: string }).selected || null)}
              />
            }
            // A click anywhere on the row selects it, not only on its radio button.
            onRowClick={(e) => setSelected((e.detail.row as HTMLElement).dataset.number ?? null)}
            data-testid="transports-table"
            headerRow={
              <TableHeaderRow sticky>
                <TableHeaderCell width="9rem">Request</TableHeaderCell>
                <TableHeaderCell>Description</TableHeaderCell>
                <TableHeaderCell width="9rem">Owner</TableHeaderCell>
                <TableHeaderCell width="8rem">Date</TableHeaderCell>
              </TableHeaderRow>
            }
          >
            {(list ?? []).map((t) => (
              <TableRow key={t.number} rowKey={t.number} interactive data-number={t.number} data-testid={`transport-${t.number}`}>
                <TableCell>
                  <Text>{t.number}</Text>
                </TableCell>
                <TableCell>
                  <Text>{t.description}</Text>
                </TableCell>
                <TableCell>
                  <Text>{t.owner}</Text>
                </TableCell>
                <TableCell>
                  <Text>{formatDate(t.date)}</Text>
                </TableCell>
              </TableRow>
            ))}
          </Table>
        </Busy>
        {list ? <Text className="ad-muted">{`${plural(list.length, 'request')}. Select one to check or release it.`}</Text> : null}
      </section>

      <ConfirmDialog
        open={confirmRelease}
        title={`Release ${request?.number ?? ''}?`}
        message={`${request?.number ?? ''} “${request?.description ?? ''}” will be released and exported; its objects are then locked for changes in this request. This cannot be undone.`}
        confirmText="Release"
        onConfirm={() => void act('release')}
        onCancel={() => setConfirmRelease(false)}
      />
    </div>
  );
}

function Outcome({ kind, answer, onClose }: { kind: 'check' | 'release' | 'create'; answer: TransportAnswer; onClose: () => void }) {
  const failed = kind === 'check' && answer.passed === false;
  const text =
    kind === 'create'
      ? `Created ${answer.number ?? 'the request'}. ${answer.message}`
      : kind === 'release'
        ? `Released ${answer.number ?? ''}. ${answer.message}`
        : failed
          ? `${answer.number ?? 'The request'} cannot be released yet. ${answer.message}`
          : `${answer.number ?? 'The request'} passed the check. ${answer.message}`;
  return (
    <MessageStrip design={failed ? 'Critical' : 'Positive'} onClose={onClose} data-testid="transport-outcome">
      {text}
      {answer.issues.length ? (
        <ul className="ad-error-advice">
          {answer.issues.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
      ) : null}
    </MessageStrip>
  );
}
