import {
  Bar,
  Button,
  Dialog,
  MessageStrip,
  ProgressIndicator,
  SegmentedButton,
  SegmentedButtonItem,
  Table,
  TableCell,
  TableHeaderCell,
  TableHeaderRow,
  TableRow,
  Tag,
  Text,
  TextArea,
  Title,
} from '@ui5/webcomponents-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useJobs } from '../../app/JobsContext';
import { files, type AppError, type MassRow, type MassRunCheck, type MassRunView, type Operation, type ProfileId, type RowStatus } from '../../api';
import { chooseOpenFiles, ConfirmDialog, CopyButton, ErrorPanel, saveTextAs } from '../../components';
import { bridge } from './api';
import { formProblems } from './forms';
import { canEdit, csvTemplate, problemPlace, ROW_STATUS, rowMessage, rowOutputText, runActions, summaryText } from './massRun';
import { loadMemory, operationKey, rememberIn } from './memory';
import { CSV_FILTER } from './OutputTable';
import { ParameterField } from './ParameterField';
import type { Inputs } from './types';

type Check = MassRunCheck;

/** Rows shown at a time (a run can have 10,000). */
const PAGE = 200;
/** The rows are read again at most this often while a run reports progress. */
const REFRESH_MS = 400;
/** A CSV larger than this is not remembered for the next start (it stays in the field). */
const REMEMBER_CSV_CHARS = 200_000;

export interface MassRunPanelProps {
  profileId: ProfileId;
  appId: string;
  operation: Operation;
  /** A mass run to show (from a finished job's notice). */
  openJob: string | null;
}

/** One operation for every row of a CSV: checked first, run row by row as a job, with results, retry and export. */
export function MassRunPanel({ profileId, appId, operation, openJob }: MassRunPanelProps) {
  const key = operationKey(profileId, appId, operation.name);
  const { jobs, track } = useJobs();
  const [csv, setCsv] = useState(() => loadMemory().csv[key] ?? '');
  const [check, setCheck] = useState<{ csv: string; result: Check } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(() => loadMemory().massRun[key] ?? null);

  useEffect(() => {
    // A notice's job is shown when it is a run of this operation (the view says so).
    if (!openJob || openJob === jobId) return;
    void bridge.massRun(openJob, 0, 0).then((r) => {
      if (r.status === 'ok' && r.data.app_id === appId && r.data.operation === operation.name) {
        setJobId(openJob);
        rememberIn('massRun', key, openJob);
      }
    });
  }, [openJob, jobId, appId, operation.name, key]);

  const edit = (text: string) => {
    setCsv(text);
    rememberIn('csv', key, text.length <= REMEMBER_CSV_CHARS ? text : null);
  };

  const openFile = async () => {
    const chosen = await chooseOpenFiles('Open a CSV for the mass run', { filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] });
    if ('error' in chosen) return setError(chosen.error);
    const file = chosen.files[0];
    if (!file) return;
    const text = await files.readText(file.handle);
    if (text.status === 'error') return setError(text.error);
    edit(text.data);
    setCheck(null);
  };

  const runCheck = async () => {
    setBusy(true);
    setError(null);
    const answer = await bridge.checkMassRun(profileId, appId, operation.name, csv);
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    setCheck({ csv, result: answer.data });
  };

  const start = async () => {
    setBusy(true);
    setError(null);
    const answer = await track((onEvent) => bridge.startMassRun(profileId, appId, operation.name, csv, onEvent));
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    setJobId(answer.data.id);
    rememberIn('massRun', key, answer.data.id);
  };

  const checked = check && check.csv === csv ? check.result : null;
  const ready = checked !== null && checked.problems.length === 0 && checked.total_problems === 0 && checked.rows > 0;
  const job = jobs.find((j) => j.record.id === jobId) ?? null;

  return (
    <div className="ad-stack" data-testid="tx-mass-run">
      {jobId && job ? (
        <RunView
          jobId={jobId}
          operation={operation}
          running={job.record.state === 'running'}
          progressKey={job.progress ? `${job.progress.current}/${job.record.state}` : job.record.state}
          jobError={job.record.state === 'failed' ? job.record.error : null}
          onNew={() => {
            setJobId(null);
            rememberIn('massRun', key, null);
          }}
        />
      ) : (
        <section className="ad-card" data-testid="tx-mass-input">
          <div className="ad-card-head">
            <Title level="H4">{`Mass run of ${operation.name}`}</Title>
            <span className="ad-spacer" />
            <CopyButton text={csvTemplate(operation)} label="Copy header" accessibleName="Copy the CSV header line" data-testid="tx-mass-template" />
            <Button icon="open-folder" design="Transparent" onClick={() => void openFile()} data-testid="tx-mass-open">
              Open CSV…
            </Button>
          </div>
          <Text className="ad-muted">
            {`Paste rows from a spreadsheet or a CSV (tab, semicolon or comma separated) with a header line naming the parameters: ${operation.parameters.map((p) => `${p.name}${p.required ? '*' : ''}`).join(', ')}. Every row is checked before anything runs; rows run one after the other on one session.`}
          </Text>
          <TextArea
            value={csv}
            rows={10}
            growing
            growingMaxRows={18}
            accessibleName="CSV rows"
            placeholder={csvTemplate(operation)}
            onInput={(e) => edit(e.target.value)}
            className="tx-csv"
            data-testid="tx-mass-csv"
          />
          <div className="ad-actions">
            <Button icon="inspection" disabled={busy || !csv.trim()} onClick={() => void runCheck()} data-testid="tx-mass-check">
              Check rows
            </Button>
            <Button design="Emphasized" icon="media-play" disabled={busy || !ready} onClick={() => void start()} data-testid="tx-mass-start">
              {ready ? `Run ${checked.rows} rows` : 'Run'}
            </Button>
            {checked && ready && (
              <Text data-testid="tx-mass-ready">{`${checked.rows} rows checked: ready to run.`}</Text>
            )}
          </div>
          {checked && !ready && <Problems check={checked} />}
          {error && <ErrorPanel error={error} onDismiss={() => setError(null)} data-testid="tx-mass-error" />}
        </section>
      )}
    </div>
  );
}

function Problems({ check }: { check: Check }) {
  if (check.rows === 0 && check.problems.length === 0)
    return (
      <MessageStrip design="Critical" hideCloseButton data-testid="tx-mass-problems">
        The CSV has no rows under its header.
      </MessageStrip>
    );
  return (
    <div className="ad-stack" data-testid="tx-mass-problems">
      <MessageStrip design="Negative" hideCloseButton>
        {`Nothing was run: ${check.total_problems} ${check.total_problems === 1 ? 'problem' : 'problems'} in ${check.rows} rows. Correct them and check again.`}
      </MessageStrip>
      <div className="tx-table-scroll">
        <Table
          accessibleName="Problems"
          headerRow={
            <TableHeaderRow sticky>
              <TableHeaderCell width="10rem">Row</TableHeaderCell>
              <TableHeaderCell width="12rem">Column</TableHeaderCell>
              <TableHeaderCell>Problem</TableHeaderCell>
            </TableHeaderRow>
          }
        >
          {check.problems.map((p, i) => (
            <TableRow key={i} rowKey={String(i)} data-testid={`tx-problem-${p.row}-${p.column ?? 'row'}`}>
              <TableCell>
                <Text>{problemPlace(p)}</Text>
              </TableCell>
              <TableCell>
                <Text>{p.column ?? '(whole row)'}</Text>
              </TableCell>
              <TableCell>
                <Text>{p.message}</Text>
              </TableCell>
            </TableRow>
          ))}
        </Table>
      </div>
      {check.total_problems > check.problems.length && <Text className="ad-muted">{`The first ${check.problems.length} problems are listed.`}</Text>}
    </div>
  );
}

interface RunViewProps {
  jobId: string;
  operation: Operation;
  running: boolean;
  /** Changes with every progress event: the rows are read again. */
  progressKey: string;
  jobError: string | null;
  onNew: () => void;
}

const FILTERS: { id: RowStatus | 'all'; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'failed', label: 'Failed' },
  { id: 'unknown', label: 'Unknown' },
  { id: 'succeeded', label: 'Succeeded' },
  { id: 'pending', label: 'Pending' },
];

function RunView({ jobId, operation, running, progressKey, jobError, onNew }: RunViewProps) {
  const { track } = useJobs();
  const [view, setView] = useState<MassRunView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [filter, setFilter] = useState<RowStatus | 'all'>('all');
  const [offset, setOffset] = useState(0);
  const [editing, setEditing] = useState<MassRow | null>(null);
  const [confirmUnknown, setConfirmUnknown] = useState<MassRow | null>(null);
  const [acting, setActing] = useState(false);
  const lastRead = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const read = useCallback(async () => {
    lastRead.current = Date.now();
    const answer = await bridge.massRun(jobId, offset, PAGE, filter === 'all' ? null : filter);
    if (answer.status === 'ok') {
      setView(answer.data);
      setError(null);
    } else setError(answer.error);
  }, [jobId, offset, filter]);

  // Read on every change of the run, at most every REFRESH_MS, and once more at the end.
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    const wait = Math.max(0, REFRESH_MS - (Date.now() - lastRead.current));
    timer.current = setTimeout(() => void read(), wait);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [read, progressKey]);

  const act = async (what: () => Promise<{ status: 'ok' } | { status: 'error'; error: AppError }>) => {
    setActing(true);
    const answer = await what();
    setActing(false);
    if (answer.status === 'error') setError(answer.error);
    void read();
  };

  const summary = view?.summary ?? null;
  const isRunning = running || (view?.running ?? false);
  const actions = summary ? runActions(summary, isRunning) : null;
  const percent = summary && summary.total ? Math.round(((summary.total - summary.pending) * 100) / summary.total) : 0;
  const columns = view?.columns ?? operation.parameters.map((p) => p.name);

  const exportCsv = async () => {
    const answer = await bridge.exportMassRun(jobId);
    if (answer.status === 'error') return setError(answer.error);
    const saved = await saveTextAs(`${operation.name}-results.csv`, answer.data, CSV_FILTER);
    if (saved && 'error' in saved) setError(saved.error);
  };

  return (
    <section className="ad-card" data-testid="tx-mass-view" data-running={isRunning ? 'true' : 'false'}>
      <div className="ad-card-head">
        <Title level="H4">{`Mass run of ${operation.name}`}</Title>
        <span className="ad-spacer" />
        {actions?.stop && (
          <Button icon="stop" design="Negative" disabled={acting} onClick={() => void act(() => bridge.stopMassRun(jobId))} data-testid="tx-mass-stop">
            Stop
          </Button>
        )}
        {actions?.resume && (
          <Button design="Emphasized" icon="media-play" disabled={acting} onClick={() => void act(() => track((e) => bridge.resumeMassRun(jobId, e)))} data-testid="tx-mass-resume">
            Resume
          </Button>
        )}
        {actions?.retryFailed && (
          <Button icon="repost" disabled={acting} onClick={() => void act(() => track((e) => bridge.retryMassRun(jobId, null, e)))} data-testid="tx-mass-retry">
            {`Retry ${summary!.failed} failed`}
          </Button>
        )}
        <Button icon="excel-attachment" design="Transparent" disabled={!view} onClick={() => void exportCsv()} data-testid="tx-mass-export">
          Export results
        </Button>
        <Button design="Transparent" disabled={isRunning} onClick={onNew} data-testid="tx-mass-new">
          New mass run
        </Button>
      </div>
      {summary && (
        <>
          <ProgressIndicator
            value={percent}
            displayValue={`${percent}%`}
            valueState={summary.failed || summary.unknown ? 'Critical' : summary.pending === 0 ? 'Positive' : 'None'}
            accessibleName="Mass run progress"
            data-testid="tx-mass-progress"
          />
          <Text data-testid="tx-mass-summary" data-succeeded={summary.succeeded} data-failed={summary.failed} data-pending={summary.pending} data-unknown={summary.unknown}>
            {`${summaryText(summary)}${isRunning ? ' (running)' : ''}`}
          </Text>
          {summary.stopped && !isRunning && <Text className="ad-muted" data-testid="tx-mass-stopped">{`Stopped: ${summary.stopped}`}</Text>}
          {summary.unknown > 0 && (
            <MessageStrip design="Critical" hideCloseButton data-testid="tx-mass-unknown">
              {`${summary.unknown} ${summary.unknown === 1 ? 'row was' : 'rows were'} sent without an answer: they may have run in SAP. Check there, then run such a row again only if it did not run.`}
            </MessageStrip>
          )}
        </>
      )}
      {jobError && !isRunning && <Text className="ad-field-error">{`The run stopped: ${jobError}`}</Text>}
      {error && <ErrorPanel error={error} onDismiss={() => setError(null)} data-testid="tx-mass-error" />}
      <div className="ad-actions">
        <SegmentedButton
          accessibleName="Show rows"
          onSelectionChange={(e) => {
            const id = (e.detail.selectedItems[0] as HTMLElement | undefined)?.dataset.filter as RowStatus | 'all' | undefined;
            setFilter(id ?? 'all');
            setOffset(0);
          }}
          data-testid="tx-mass-filter"
        >
          {FILTERS.map((f) => (
            <SegmentedButtonItem key={f.id} data-filter={f.id} selected={filter === f.id} data-testid={`tx-mass-filter-${f.id}`}>
              {f.label}
            </SegmentedButtonItem>
          ))}
        </SegmentedButton>
        {view && view.matching > PAGE && (
          <>
            <Button design="Transparent" icon="navigation-left-arrow" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} accessibleName="Previous rows" />
            <Text>{`${offset + 1}–${Math.min(view.matching, offset + PAGE)} of ${view.matching}`}</Text>
            <Button design="Transparent" icon="navigation-right-arrow" disabled={offset + PAGE >= view.matching} onClick={() => setOffset(offset + PAGE)} accessibleName="Next rows" />
          </>
        )}
      </div>
      {view && (
        <RowsTable
          rows={view.rows}
          columns={columns}
          disabled={isRunning || acting}
          onEdit={setEditing}
          onRunUnknown={setConfirmUnknown}
        />
      )}
      {editing && (
        <EditRowDialog
          row={editing}
          operation={operation}
          onCancel={() => setEditing(null)}
          onSave={async (inputs) => {
            const answer = await bridge.editMassRunRow(jobId, editing.number, inputs);
            if (answer.status === 'error') return answer.error;
            setEditing(null);
            void read();
            return null;
          }}
        />
      )}
      <ConfirmDialog
        open={confirmUnknown !== null}
        title="Run this row again?"
        message={`Row ${confirmUnknown?.number ?? ''} was sent, but no answer came: it may have changed data in SAP. Run it again only when you have checked in SAP that it did not run.`}
        confirmText="It did not run: send again"
        onConfirm={() => {
          const row = confirmUnknown!;
          setConfirmUnknown(null);
          void act(() => track((e) => bridge.retryMassRun(jobId, [row.number], e)));
        }}
        onCancel={() => setConfirmUnknown(null)}
      />
    </section>
  );
}

function RowsTable({ rows, columns, disabled, onEdit, onRunUnknown }: { rows: MassRow[]; columns: string[]; disabled: boolean; onEdit: (row: MassRow) => void; onRunUnknown: (row: MassRow) => void }) {
  if (rows.length === 0) return <Text className="ad-muted">No rows to show.</Text>;
  return (
    <div className="tx-table-scroll tx-mass-rows">
      <Table
        accessibleName="Rows"
        data-testid="tx-mass-rows"
        headerRow={
          <TableHeaderRow sticky>
            <TableHeaderCell width="4rem">Row</TableHeaderCell>
            <TableHeaderCell width="9rem">Status</TableHeaderCell>
            {columns.map((c) => (
              <TableHeaderCell key={c} minWidth="7rem">
                {c}
              </TableHeaderCell>
            ))}
            <TableHeaderCell minWidth="14rem">Message</TableHeaderCell>
            <TableHeaderCell minWidth="14rem">Output</TableHeaderCell>
            <TableHeaderCell width="8rem">
              <span className="ad-muted">Actions</span>
            </TableHeaderCell>
          </TableHeaderRow>
        }
      >
        {rows.map((row) => (
          <TableRow key={row.number} rowKey={String(row.number)} data-testid={`tx-mass-row-${row.number}`} data-status={row.status}>
            <TableCell>
              <Text>{String(row.number)}</Text>
            </TableCell>
            <TableCell>
              <Tag design={ROW_STATUS[row.status].design}>{ROW_STATUS[row.status].label}</Tag>
            </TableCell>
            {columns.map((c) => (
              <TableCell key={c}>
                <Text>{row.inputs[c] ?? ''}</Text>
              </TableCell>
            ))}
            <TableCell>
              <Text maxLines={3}>{rowMessage(row)}</Text>
            </TableCell>
            <TableCell>
              <Text maxLines={3}>{rowOutputText(row)}</Text>
            </TableCell>
            <TableCell>
              <div className="ad-actions">
                {canEdit(row) && (
                  <Button icon="edit" design="Transparent" disabled={disabled} onClick={() => onEdit(row)} accessibleName={`Correct row ${row.number}`} tooltip="Correct the row" data-testid={`tx-mass-edit-${row.number}`} />
                )}
                {row.status === 'unknown' && (
                  <Button icon="repost" design="Transparent" disabled={disabled} onClick={() => onRunUnknown(row)} accessibleName={`Run row ${row.number} again`} tooltip="Run again after checking in SAP" data-testid={`tx-mass-rerun-${row.number}`} />
                )}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </Table>
    </div>
  );
}

function EditRowDialog({ row, operation, onSave, onCancel }: { row: MassRow; operation: Operation; onSave: (inputs: Inputs) => Promise<AppError | null>; onCancel: () => void }) {
  const [inputs, setInputs] = useState<Inputs>({ ...row.inputs });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppError | null>(null);
  const save = async () => {
    const found = formProblems(operation, inputs);
    setProblems(found);
    if (Object.keys(found).length) return;
    setError(await onSave(inputs));
  };
  const fields = useMemo(() => operation.parameters, [operation.parameters]);
  return (
    <Dialog
      open
      headerText={`Correct row ${row.number}`}
      onClose={onCancel}
      data-testid="tx-mass-edit-dialog"
      footer={
        <Bar
          design="Footer"
          endContent={
            <>
              <Button design="Emphasized" onClick={() => void save()} data-testid="tx-mass-edit-save">
                Save
              </Button>
              <Button design="Transparent" onClick={onCancel}>
                Cancel
              </Button>
            </>
          }
        />
      }
    >
      <div className="ad-stack tx-edit-row">
        {rowMessage(row) && <Text className="ad-muted">{rowMessage(row)}</Text>}
        {fields.map((p) => (
          <ParameterField
            key={p.name}
            parameter={p}
            value={inputs[p.name] ?? ''}
            onChange={(v) => setInputs((all) => ({ ...all, [p.name]: v }))}
            error={problems[p.name] ?? null}
            onSubmit={() => void save()}
            testIdPrefix="tx-mass-edit-field"
          />
        ))}
        <Text className="ad-muted">Saved corrections run with the next retry.</Text>
        {error && <ErrorPanel error={error} onDismiss={() => setError(null)} />}
      </div>
    </Dialog>
  );
}
