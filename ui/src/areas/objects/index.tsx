import { Button, CheckBox, Input, Label, MessageStrip, Option, SegmentedButton, SegmentedButtonItem, Select, Text, Title } from '@ui5/webcomponents-react';
import { useMemo, useRef, useState } from 'react';
import type { AppError } from '../../api';
import { NoSystem } from '../../app/NoSystem';
import { useSystems } from '../../app/SystemContext';
import { Busy, ConfirmDialog, CopyButton, ErrorPanel, TextField, focusFirstInvalid } from '../../components';
import { usePersistentState } from '../explore/persistentState';
import '../explore/explore.css';
import { objects as objectsApi } from '../../api';
import { fieldValues, fileNameOf, objectOfFileName, type FieldRow } from './forms';
import { TransportField } from './TransportField';
import './objects.css';
import { objectTypeLabel } from '../../components/objectTypes';

const TYPES = ['CLAS', 'INTF', 'PROG', 'FUGR', 'TABL', 'DDLS', 'DTEL', 'DOMA', 'TTYP', 'MSAG', 'DCLS', 'DDLX', 'ENHO'];

/** Changes to a system: delete one object, write one customizing entry. Both ask first. */
export default function ObjectsPage() {
  const { active } = useSystems();
  if (!active) return <NoSystem />;
  return (
    <div className="ad-page" data-testid="objects-page">
      <div className="ad-page-header">
        <Title level="H2">Objects</Title>
        <Text className="ad-muted">Delete objects and maintain customizing entries in {active.profile.settings.display_name}</Text>
      </div>
      <DropCard profileId={active.profile.id} systemName={active.profile.settings.display_name} />
      <CustomizeCard profileId={active.profile.id} systemName={active.profile.settings.display_name} />
    </div>
  );
}

function DropCard({ profileId, systemName }: { profileId: string; systemName: string }) {
  const [mode, setMode] = usePersistentState<'file' | 'object'>('objects.drop.mode', 'object');
  const [file, setFile] = usePersistentState('objects.drop.file', '');
  const [type, setType] = usePersistentState('objects.drop.type', 'CLAS');
  const [name, setName] = usePersistentState('objects.drop.name', '');
  const [transport, setTransport] = usePersistentState('objects.drop.transport', '');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const target = mode === 'file' ? objectOfFileName(file) : name.trim() ? { type, name: name.trim().toUpperCase() } : null;
  const fileName = mode === 'file' ? file.trim() : target ? fileNameOf(target.type, target.name) : '';

  const ask = () => {
    if (!target) {
      setFieldError(mode === 'file' ? 'Enter an abapGit file name, such as src/zcl_demo.clas.abap.' : 'Enter the object name.');
      return;
    }
    setFieldError(null);
    setConfirm(true);
  };

  const drop = async () => {
    setConfirm(false);
    setBusy(true);
    setError(null);
    setDone(null);
    const answer = await objectsApi.drop(profileId, { file: fileName, transport_request: transport.trim() ? transport.trim().toUpperCase() : null });
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    const r = answer.data;
    setDone(`${r.object_type || target?.type} ${r.object_name || target?.name} was deleted. ${r.message}`);
    setName('');
    setFile('');
  };

  return (
    <section className="ad-card" aria-label="Delete an object">
      <Title level="H4">Delete an object</Title>
      <SegmentedButton accessibleName="Name the object by" onSelectionChange={(e) => setMode(e.detail.selectedItems[0]?.dataset.mode === 'file' ? 'file' : 'object')}>
        <SegmentedButtonItem selected={mode === 'object'} data-mode="object">
          Type and name
        </SegmentedButtonItem>
        <SegmentedButtonItem selected={mode === 'file'} data-mode="file">
          File name
        </SegmentedButtonItem>
      </SegmentedButton>
      <Busy active={busy} text="Deleting…">
        <div className="ad-stack">
          <div className="ad-form-grid">
            {mode === 'file' ? (
              <TextField label="abapGit file" required value={file} onChange={setFile} error={fieldError} placeholder="src/zcl_demo.clas.abap" data-testid="drop-file" />
            ) : (
              <>
                <div className="ad-field">
                  <Label showColon required>
                    Type
                  </Label>
                  <Select accessibleName="Object type" onChange={(e) => setType(e.detail.selectedOption.getAttribute('value') ?? 'CLAS')} data-testid="drop-type">
                    {TYPES.map((t) => (
                      <Option key={t} value={t} selected={t === type}>
                        {objectTypeLabel(t)}
                      </Option>
                    ))}
                  </Select>
                </div>
                <TextField label="Name" required value={name} onChange={setName} error={fieldError} placeholder="ZCL_DEMO" data-testid="drop-name" />
              </>
            )}
            <TransportField profileId={profileId} value={transport} onChange={setTransport} data-testid="drop-transport" />
          </div>
          {fileName && target ? <Text className="ad-muted">{`File sent to the system: ${fileName}`}</Text> : null}
          <div className="ad-actions">
            <Button design="Negative" icon="delete" onClick={ask} disabled={busy} data-testid="drop-submit">
              Delete…
            </Button>
          </div>
        </div>
      </Busy>
      {error ? <ErrorPanel error={error} onRetry={() => void drop()} onDismiss={() => setError(null)} /> : null}
      {done ? (
        <MessageStrip design="Positive" onClose={() => setDone(null)} data-testid="drop-done">
          {done}
        </MessageStrip>
      ) : null}
      <ConfirmDialog
        open={confirm}
        title={`Delete ${target?.type ?? ''} ${target?.name ?? ''}?`}
        message={`${target?.type ?? ''} ${target?.name ?? ''} will be deleted from ${systemName}${transport.trim() ? ` and the deletion recorded in ${transport.trim().toUpperCase()}` : ''}. This cannot be undone in Agent Desk.`}
        confirmText="Delete"
        onConfirm={() => void drop()}
        onCancel={() => setConfirm(false)}
      />
    </section>
  );
}

function CustomizeCard({ profileId, systemName }: { profileId: string; systemName: string }) {
  const [table, setTable] = usePersistentState('objects.customize.table', '');
  const [rows, setRows] = usePersistentState<FieldRow[]>('objects.customize.rows', [{ field: '', value: '' }]);
  const [transport, setTransport] = usePersistentState('objects.customize.transport', '');
  const [noTransport, setNoTransport] = usePersistentState('objects.customize.noTransport', false);
  const [tableError, setTableError] = useState<string | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { values, problems } = useMemo(() => fieldValues(rows), [rows]);
  const form = useRef<HTMLElement>(null);

  const setRow = (i: number, patch: Partial<FieldRow>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  const ask = () => {
    const tableOk = /^[A-Z0-9_/]{1,30}$/.test(table.trim().toUpperCase());
    setTableError(tableOk ? null : 'Enter the customizing table, such as ZFL_FEES.');
    setShowProblems(true);
    if (!tableOk || problems.rows.size || problems.list) {
      focusFirstInvalid(form);
      return;
    }
    setConfirm(true);
  };

  const write = async () => {
    setConfirm(false);
    setBusy(true);
    setError(null);
    setDone(null);
    const answer = await objectsApi.customize(profileId, {
      table_name: table.trim().toUpperCase(),
      field_values: values,
      transport: !noTransport && transport.trim() ? transport.trim().toUpperCase() : null,
      no_transport: noTransport,
    });
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    const r = answer.data;
    setDone(`${r.message || `Entry written to ${r.table_name}`} (${r.action || 'written'}${r.transport ? `, recorded in ${r.transport}` : ''}).`);
  };

  const entryText = () => [`Table\t${table.trim().toUpperCase()}`, ...values.map((v) => `${v.field}\t${v.value}`)].join('\n');
  // No request is ever chosen for the user: an empty field means none (a transportable table refuses that).
  const target = noTransport || !transport.trim() ? 'without a transport request' : `recorded in ${transport.trim().toUpperCase()}`;

  return (
    <section ref={form} className="ad-card" aria-label="Write a customizing entry">
      <Title level="H4">Write a customizing entry</Title>
      <Busy active={busy} text="Writing the entry…">
        <div className="ad-stack">
          <div className="ad-form-grid">
            <TextField label="Customizing table" required value={table} onChange={setTable} error={tableError} placeholder="ZFL_FEES" data-testid="customize-table" />
            <TransportField profileId={profileId} kind="customizing" value={transport} onChange={setTransport} disabled={noTransport} label="Customizing request" data-testid="customize-transport" />
            <CheckBox text="No transport (local change only)" checked={noTransport} onChange={(e) => setNoTransport(e.target.checked)} className="ad-align-end" data-testid="customize-no-transport" />
          </div>
          <fieldset className="ob-fields">
            <legend>Field values</legend>
            {rows.map((row, i) => {
              const problem = showProblems ? problems.rows.get(i) : undefined;
              return (
                <div className="ob-field-row" key={i}>
                  <Input
                    value={row.field}
                    placeholder="FIELD"
                    accessibleName={`Field ${i + 1}`}
                    valueState={problem ? 'Negative' : 'None'}
                    valueStateMessage={problem ? <div>{problem}</div> : undefined}
                    onInput={(e) => setRow(i, { field: e.target.value })}
                    data-testid={`customize-field-${i}`}
                  />
                  <Input value={row.value} placeholder="Value" accessibleName={`Value ${i + 1}`} onInput={(e) => setRow(i, { value: e.target.value })} data-testid={`customize-value-${i}`} />
                  <Button icon="decline" design="Transparent" accessibleName={`Remove row ${i + 1}`} tooltip="Remove row" disabled={rows.length === 1} onClick={() => setRows(rows.filter((_, k) => k !== i))} />
                </div>
              );
            })}
            {showProblems && problems.list ? <Text className="ex-error-text">{problems.list}</Text> : null}
            <div className="ad-actions">
              <Button icon="add" design="Transparent" onClick={() => setRows([...rows, { field: '', value: '' }])} data-testid="customize-add-row">
                Add field
              </Button>
            </div>
          </fieldset>
          <div className="ad-actions">
            <Button design="Emphasized" icon="save" onClick={ask} disabled={busy} data-testid="customize-submit">
              Write entry…
            </Button>
            <CopyButton text={entryText} label="Copy entry" disabled={values.length === 0} />
          </div>
        </div>
      </Busy>
      {error ? <ErrorPanel error={error} onRetry={() => void write()} onDismiss={() => setError(null)} /> : null}
      {done ? (
        <MessageStrip design="Positive" onClose={() => setDone(null)} data-testid="customize-done">
          {done}
        </MessageStrip>
      ) : null}
      <ConfirmDialog
        open={confirm}
        title={`Write an entry to ${table.trim().toUpperCase()}?`}
        message={`${values.map((v) => `${v.field} = ${v.value}`).join(', ')} will be written to ${table.trim().toUpperCase()} in ${systemName}, ${target}. An existing entry with the same key is replaced as a whole: fields not listed here are written empty.`}
        confirmText="Write entry"
        destructive={false}
        onConfirm={() => void write()}
        onCancel={() => setConfirm(false)}
      />
    </section>
  );
}
