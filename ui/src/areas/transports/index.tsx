import {
  Button,
  CheckBox,
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
  Tag,
  Text,
  Title,
} from '@ui5/webcomponents-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppError } from '../../api';
import { NoSystem } from '../../app/NoSystem';
import { useSystems } from '../../app/SystemContext';
import { Busy, ConfirmDialog, CopyButton, ErrorPanel, TextField, describeError, formatDate, plural } from '../../components';
import { usePersistentState } from '../explore/persistentState';
import { transports as transportApi } from '../../api';
import { transportsAsText } from './transportText';
import { checkText, KIND_TEXT, mergeRows, openRows, releasedRows, STATUS_TEXT, type KindFilter, type RequestRow } from './requestRows';
import { TransportDetail, type DetailState } from './TransportDetail';
import type { ReleasedTransports, TransportAnswer, TransportKind, TransportRequest, TransportScope } from '../../api';
import './transports.css';

const SCOPES: { id: TransportScope; text: string }[] = [
  { id: 'mine', text: 'Mine' },
  { id: 'task', text: 'With my tasks' },
  { id: 'all', text: 'All' },
];

const KIND_FILTERS: { id: KindFilter; text: string }[] = [
  { id: 'all', text: 'All types' },
  { id: 'workbench', text: 'Workbench' },
  { id: 'customizing', text: 'Customizing' },
];

type Running = null | 'list' | 'create' | 'check' | 'release';
type Outcome = { text: string; warn: boolean; issues: string[] };
type OpenLists = Record<TransportKind, TransportRequest[]>;

/** Transport requests: list (open ones, released ones on request), details, create, check and release. */
export default function TransportsPage() {
  const { active } = useSystems();
  const [scope, setScope] = usePersistentState<TransportScope>('transports.scope', 'mine');
  const [kindFilter, setKindFilter] = usePersistentState<KindFilter>('transports.kindFilter', 'all');
  const [includeReleased, setIncludeReleased] = usePersistentState('transports.includeReleased', false);
  const [open, setOpen] = useState<OpenLists | null>(null);
  const [released, setReleased] = useState<ReleasedTransports | null>(null);
  const [releasedError, setReleasedError] = useState<AppError | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<{ number: string; state: DetailState } | null>(null);
  const [running, setRunning] = useState<Running>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirmRelease, setConfirmRelease] = useState(false);
  const [description, setDescription] = usePersistentState('transports.description', '');
  const [kind, setKind] = usePersistentState<TransportKind>('transports.kind', 'workbench');
  const [descriptionError, setDescriptionError] = useState<string | null>(null);
  const profileId = active?.profile.id ?? null;
  // Answers that arrive after a newer question was asked are dropped.
  const listRun = useRef(0);
  const detailRun = useRef(0);

  const load = useCallback(async () => {
    if (!profileId) return;
    const run = ++listRun.current;
    setRunning('list');
    setError(null);
    const [workbench, customizing, releasedAnswer] = await Promise.all([
      transportApi.list(profileId, scope, 'workbench'),
      transportApi.list(profileId, scope, 'customizing'),
      includeReleased ? transportApi.released(profileId, scope) : Promise.resolve(null),
    ]);
    if (run !== listRun.current) return;
    setRunning(null);
    if (workbench.status === 'error') return setError(workbench.error);
    if (customizing.status === 'error') return setError(customizing.error);
    setOpen({ workbench: workbench.data.transports, customizing: customizing.data.transports });
    setReleased(releasedAnswer?.status === 'ok' ? releasedAnswer.data : null);
    setReleasedError(releasedAnswer?.status === 'error' ? releasedAnswer.error : null);
  }, [profileId, scope, includeReleased]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  const readDetails = useCallback(
    async (number: string) => {
      if (!profileId) return null;
      const run = ++detailRun.current;
      setDetail({ number, state: { state: 'loading' } });
      const answer = await transportApi.details(profileId, number);
      if (run !== detailRun.current) return null;
      const state: DetailState = answer.status === 'ok' ? { state: 'loaded', details: answer.data } : { state: 'failed', error: answer.error };
      setDetail({ number, state });
      return answer.status === 'ok' ? answer.data : null;
    },
    [profileId],
  );

  useEffect(() => {
    if (!selected) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void readDetails(selected);
  }, [selected, readDetails]);

  const rows = useMemo(
    () => (open ? mergeRows([openRows(open.workbench, 'workbench'), openRows(open.customizing, 'customizing'), includeReleased && released ? releasedRows(released.requests) : []], kindFilter) : null),
    [open, released, includeReleased, kindFilter],
  );

  if (!active || !profileId) return <NoSystem />;
  const request = rows?.find((t) => t.number === selected) ?? null;
  const shownDetail = detail && detail.number === selected ? detail.state : null;
  const loadedDetails = shownDetail?.state === 'loaded' ? shownDetail.details : null;
  // Reading the list does not block the actions: only another action does.
  const acting = running !== null && running !== 'list';
  const releasable = request?.status === 'modifiable';

  const check = async () => {
    if (!request) return;
    setRunning('check');
    setError(null);
    setOutcome(null);
    // The handler's check does not look at the contents: the details say whether there are any.
    const [answer, details] = await Promise.all([transportApi.check(profileId, request.number), readDetails(request.number)]);
    setRunning(null);
    if (answer.status === 'error') return setError(answer.error);
    const said = checkText(request.number, answer.data.passed, answer.data.message, details);
    setOutcome({ ...said, issues: answer.data.issues });
  };

  const release = async () => {
    if (!request) return;
    setConfirmRelease(false);
    setRunning('release');
    setError(null);
    setOutcome(null);
    const answer = await transportApi.release(profileId, request.number);
    setRunning(null);
    if (answer.status === 'error') return setError(answer.error);
    setOutcome({ text: `Released ${answer.data.number || request.number}.`, warn: false, issues: [] });
    void load();
    void readDetails(request.number);
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
    setOutcome(createdText(answer.data, kind));
    setDescription('');
    if (answer.data.number) setSelected(answer.data.number);
    void load();
  };

  const releaseMessage = () => {
    const empty = loadedDetails && loadedDetails.objects.length === 0 ? ' It is empty: releasing it transports nothing.' : '';
    return `${request?.number ?? ''} “${request?.description ?? ''}” will be released and exported; its objects are then locked for changes in this request. This cannot be undone.${empty}`;
  };

  return (
    <div className="ad-page" data-testid="transports-page">
      <div className="ad-page-header">
        <Title level="H2">Transports</Title>
        <Text className="ad-muted">Transport requests in {active.profile.settings.display_name}</Text>
      </div>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} onDismiss={() => setError(null)} /> : null}
      {outcome ? (
        <MessageStrip design={outcome.warn ? 'Critical' : 'Positive'} onClose={() => setOutcome(null)} data-testid="transport-outcome">
          {outcome.text}
          {outcome.issues.length ? (
            <ul className="ad-error-advice">
              {outcome.issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          ) : null}
        </MessageStrip>
      ) : null}

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
          <SegmentedButton accessibleName="Type of request" onSelectionChange={(e) => setKindFilter((e.detail.selectedItems[0]?.dataset.kind as KindFilter) ?? 'all')} data-testid="transport-type-filter">
            {KIND_FILTERS.map((k) => (
              <SegmentedButtonItem key={k.id} selected={kindFilter === k.id} data-kind={k.id} data-testid={`transport-type-${k.id}`}>
                {k.text}
              </SegmentedButtonItem>
            ))}
          </SegmentedButton>
          <CheckBox text="Include released" checked={includeReleased} onChange={(e) => setIncludeReleased(e.target.checked)} data-testid="transport-include-released" />
          <Button icon="refresh" design="Transparent" onClick={() => void load()} tooltip="Refresh" accessibleName="Refresh" />
          <span className="ad-spacer" />
          <div className="tr-actions">
            <Button icon="inspection" disabled={!request || acting} onClick={() => void check()} data-testid="transport-check">
              Check
            </Button>
            <Button icon="shipping-status" design="Emphasized" disabled={!releasable || acting} tooltip={request && !releasable ? `${request.number} is released already` : undefined} onClick={() => setConfirmRelease(true)} data-testid="transport-release">
              Release…
            </Button>
            <CopyButton text={() => transportsAsText(rows ?? [])} label="Copy list" disabled={!rows?.length} />
          </div>
        </div>
        {releasedError ? (
          <MessageStrip design="Critical" onClose={() => setReleasedError(null)} data-testid="transport-released-error">
            {`Released requests could not be read from the system's request table (E070); the open requests are shown. ${describeError(releasedError).title}.`}
          </MessageStrip>
        ) : null}
        <Busy active={running !== null} text={running === 'list' ? 'Reading requests…' : running === 'check' ? 'Checking…' : running === 'release' ? 'Releasing…' : 'Creating…'}>
          <div className="tr-list">
            <Table
              accessibleName="Transport requests"
              noDataText={rows ? emptyText(kindFilter, includeReleased) : 'Reading…'}
              // Real columns at every width: the list scrolls sideways instead of folding cells into sub-rows.
              overflowMode="Scroll"
              features={<TableSelectionSingle selected={selected ?? ''} onChange={(e) => setSelected((e.target as unknown as { selected: string }).selected || null)} />}
              // A click anywhere on the row selects it, not only on its radio button.
              onRowClick={(e) => setSelected((e.detail.row as HTMLElement).dataset.number ?? null)}
              data-testid="transports-table"
              headerRow={
                <TableHeaderRow sticky>
                  <TableHeaderCell width="9rem">Request</TableHeaderCell>
                  <TableHeaderCell minWidth="14rem">Description</TableHeaderCell>
                  <TableHeaderCell width="7.5rem">Type</TableHeaderCell>
                  <TableHeaderCell width="7.5rem">Status</TableHeaderCell>
                  <TableHeaderCell width="8rem">Owner</TableHeaderCell>
                  <TableHeaderCell width="7rem">Date</TableHeaderCell>
                </TableHeaderRow>
              }
            >
              {(rows ?? []).map((t) => (
                <RequestTableRow key={t.number} row={t} />
              ))}
            </Table>
          </div>
        </Busy>
        {rows ? <Text className="ad-muted" data-testid="transports-count">{countText(rows, released, includeReleased)}</Text> : null}
      </section>

      {request && shownDetail ? <TransportDetail number={request.number} detail={shownDetail} /> : null}

      <ConfirmDialog open={confirmRelease} title={`Release ${request?.number ?? ''}?`} message={releaseMessage()} confirmText="Release" onConfirm={() => void release()} onCancel={() => setConfirmRelease(false)} />
    </div>
  );
}

function RequestTableRow({ row }: { row: RequestRow }) {
  return (
    <TableRow rowKey={row.number} interactive data-number={row.number} data-status={row.status} data-testid={`transport-${row.number}`}>
      <TableCell>
        <Text>{row.number}</Text>
      </TableCell>
      <TableCell>
        <Text>{row.description}</Text>
      </TableCell>
      <TableCell>
        <Text>{KIND_TEXT[row.kind]}</Text>
      </TableCell>
      <TableCell>
        <Tag design={row.status === 'released' ? 'Positive' : 'Information'} hideStateIcon>
          {STATUS_TEXT[row.status]}
        </Tag>
      </TableCell>
      <TableCell>
        <Text>{row.owner}</Text>
      </TableCell>
      <TableCell>
        <Text>{formatDate(row.date)}</Text>
      </TableCell>
    </TableRow>
  );
}

function createdText(answer: TransportAnswer, kind: TransportKind): Outcome {
  const number = answer.number || 'The request';
  return { text: `Created ${number} (${KIND_TEXT[kind].toLowerCase()} request).`, warn: false, issues: [] };
}

function emptyText(kind: KindFilter, includeReleased: boolean): string {
  const type = kind === 'all' ? '' : `${KIND_TEXT[kind].toLowerCase()} `;
  return includeReleased ? `No ${type}requests.` : `No open ${type}requests. Tick “Include released” to find released ones.`;
}

function countText(rows: readonly RequestRow[], released: ReleasedTransports | null, includeReleased: boolean): string {
  const open = rows.filter((r) => r.status === 'modifiable').length;
  const parts = [`${plural(open, 'open request')} (the abapGit Agent lists at most 50 of each type)`];
  if (includeReleased) {
    const shown = rows.length - open;
    const more = released && released.total > released.requests.length ? `, the ${released.requests.length} newest of ${released.total}` : '';
    parts.push(`${plural(shown, 'released request')} (from the system's request table${more})`);
  }
  return `${parts.join(', ')}. Select one to see its tasks and objects.`;
}
