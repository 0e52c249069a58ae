import { Button, MessageStrip, TableCell, TableRow, Text, Title } from '@ui5/webcomponents-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, BinaryParameter, Partner, StringParameter } from '../../api';
import { Busy, ConfirmDialog, ErrorPanel, formatDateTime, plural } from '../../components';
import { usePersistentState } from '../explore/persistentState';
import { cpi } from './api';
import { saveDownload } from './download';
import { formatBytes } from './model';
import { ParameterDialog, type ParameterEdit } from './ParameterDialog';
import { TenantPage, type Tenant } from './TenantPage';
import { TenantTable } from './TenantTable';

/** The Partner Directory: partners with their string and binary parameters. */
export default function PartnerDirectoryPage() {
  return (
    <TenantPage area="cpi-partners" title="Partner Directory" subtitle="Partners and their parameters">
      {(tenant) => <Partners tenant={tenant} />}
    </TenantPage>
  );
}

interface Parameters {
  pid: string;
  strings: StringParameter[];
  binaries: BinaryParameter[];
}

type Deletion = { what: 'partner'; pid: string } | { what: 'string' | 'binary'; pid: string; id: string };

function Partners({ tenant }: { tenant: Tenant }) {
  const { profileId } = tenant;
  const [partners, setPartners] = useState<Partner[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [selected, setSelected] = usePersistentState<string | null>(`cpi.partners.pid.${profileId}`, null);
  const [parameters, setParameters] = useState<Parameters | null>(null);
  const [parametersBusy, setParametersBusy] = useState(false);
  const [parametersError, setParametersError] = useState<AppError | null>(null);
  const [editing, setEditing] = useState<ParameterEdit | null>(null);
  const [deleting, setDeleting] = useState<Deletion | null>(null);
  const parameterRun = useRef(0);

  const load = useCallback(async () => {
    setBusy(true);
    setError(null);
    const answer = await cpi.partners(profileId);
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    setPartners(answer.data);
  }, [profileId]);

  const loadParameters = useCallback(
    async (pid: string) => {
      const run = ++parameterRun.current;
      setParametersBusy(true);
      setParametersError(null);
      const [strings, binaries] = await Promise.all([cpi.stringParameters(profileId, pid), cpi.binaryParameters(profileId, pid)]);
      if (run !== parameterRun.current) return;
      setParametersBusy(false);
      if (strings.status === 'error') return setParametersError(strings.error);
      if (binaries.status === 'error') return setParametersError(binaries.error);
      setParameters({ pid, strings: strings.data, binaries: binaries.data });
    },
    [profileId],
  );

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (selected) void loadParameters(selected);
  }, [selected, loadParameters]);

  const shown = parameters && parameters.pid === selected ? parameters : null;
  const readOnly = tenant.readOnly;

  const remove = async () => {
    const target = deleting;
    if (!target) return;
    setDeleting(null);
    setParametersBusy(true);
    const answer =
      target.what === 'partner'
        ? await cpi.deletePartner(profileId, target.pid)
        : target.what === 'string'
          ? await cpi.deleteStringParameter(profileId, target.pid, target.id)
          : await cpi.deleteBinaryParameter(profileId, target.pid, target.id);
    setParametersBusy(false);
    if (answer.status === 'error') return setParametersError(answer.error);
    if (target.what === 'partner') {
      setNotice(`Deleted partner ${target.pid} with all its parameters.`);
      setSelected(null);
      void load();
    } else {
      setNotice(`Deleted ${target.id} of ${target.pid}.`);
      void loadParameters(target.pid);
    }
  };

  const download = async (p: BinaryParameter) => {
    const outcome = await saveDownload(`${p.id}.${p.content_type || 'bin'}`, (handle) => cpi.downloadBinaryParameter(profileId, p.pid, p.id, handle), {
      name: p.content_type.toUpperCase() || 'File',
      extensions: [p.content_type || 'bin'],
    });
    if (!outcome) return;
    if ('error' in outcome) return setParametersError(outcome.error);
    setNotice(`Saved ${p.id} to ${outcome.path}`);
  };

  const afterSave = (pid: string, id: string, created: boolean) => {
    setEditing(null);
    setNotice(created ? `Created ${id} of ${pid}.` : `Saved ${id} of ${pid}.`);
    if (!partners?.some((p) => p.pid === pid)) void load();
    setSelected(pid);
    void loadParameters(pid);
  };

  const changeProps = (tooltip: string) => ({ disabled: Boolean(readOnly), tooltip: readOnly ?? tooltip });

  return (
    <>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} onDismiss={() => setError(null)} /> : null}
      {notice ? (
        <MessageStrip design="Positive" onClose={() => setNotice(null)} data-testid="cpi-partners-notice">
          {notice}
        </MessageStrip>
      ) : null}
      <div className="cpi-layout">
        <section className="ad-card" aria-label="Partners">
          <div className="ad-card-head">
            <Title level="H4">{partners ? plural(partners.length, 'partner') : 'Partners'}</Title>
            <span className="ad-spacer" />
            <Button icon="add" {...changeProps('A new partner: its first parameter creates it')} onClick={() => setEditing({ type: 'string', pid: '', parameter: null })} data-testid="cpi-partner-create">
              New partner
            </Button>
            <Button icon="refresh" design="Transparent" tooltip="Refresh" accessibleName="Refresh" onClick={() => void load()} />
          </div>
          <Busy active={busy} text="Reading partners…">
            <TenantTable
              accessibleName="Partners"
              noDataText={partners ? 'The Partner Directory is empty.' : 'Reading…'}
              columns={[{ title: 'Partner ID', minWidth: '12rem' }]}
              selected={selected}
              onSelect={setSelected}
              tall
              data-testid="cpi-partners"
            >
              {(partners ?? []).map((p) => (
                <TableRow key={p.pid} rowKey={p.pid} data-key={p.pid} interactive data-testid={`cpi-partner-${p.pid}`}>
                  <TableCell>
                    <Text>{p.pid}</Text>
                  </TableCell>
                </TableRow>
              ))}
            </TenantTable>
          </Busy>
        </section>
        {selected ? (
          <section className="ad-card" aria-label={`Partner ${selected}`} data-testid="cpi-partner-detail">
            <div className="ad-card-head">
              <Title level="H4">{selected}</Title>
              <span className="ad-spacer" />
              <Button icon="add" {...changeProps('Add a string parameter')} onClick={() => setEditing({ type: 'string', pid: selected, parameter: null })} data-testid="cpi-string-create">
                String parameter
              </Button>
              <Button icon="add" {...changeProps('Add a binary parameter from a file or typed text')} onClick={() => setEditing({ type: 'binary', pid: selected, parameter: null })} data-testid="cpi-binary-create">
                Binary parameter
              </Button>
              <Button icon="delete" design="Transparent" {...changeProps('Delete the partner with all its parameters')} onClick={() => setDeleting({ what: 'partner', pid: selected })} data-testid="cpi-partner-delete">
                Delete partner…
              </Button>
            </div>
            {parametersError ? <ErrorPanel error={parametersError} onRetry={() => void loadParameters(selected)} onDismiss={() => setParametersError(null)} /> : null}
            <Busy active={parametersBusy} text="Reading parameters…">
              <div className="ad-stack">
                <Title level="H5">{shown ? plural(shown.strings.length, 'string parameter') : 'String parameters'}</Title>
                <TenantTable
                  accessibleName="String parameters"
                  noDataText={shown ? 'No string parameters.' : 'Reading…'}
                  columns={[{ title: 'ID', width: '12rem' }, { title: 'Value', minWidth: '14rem' }, { title: 'Changed', width: '10rem' }, { title: '', width: '6rem' }]}
                  data-testid="cpi-string-parameters"
                >
                  {(shown?.strings ?? []).map((p) => (
                    <TableRow key={p.id} rowKey={p.id} data-key={p.id} data-testid={`cpi-string-${p.id}`}>
                      <TableCell>
                        <Text>{p.id}</Text>
                      </TableCell>
                      <TableCell>
                        <pre className="cpi-value" data-testid="cpi-parameter-value">
                          {p.value}
                        </pre>
                      </TableCell>
                      <TableCell>
                        <Text>{changedText(p.changes)}</Text>
                      </TableCell>
                      <TableCell>
                        <RowActions
                          readOnly={readOnly}
                          onEdit={() => setEditing({ type: 'string', pid: p.pid, parameter: p })}
                          onDelete={() => setDeleting({ what: 'string', pid: p.pid, id: p.id })}
                          name={p.id}
                        />
                      </TableCell>
                    </TableRow>
                  ))}
                </TenantTable>
                <Title level="H5">{shown ? plural(shown.binaries.length, 'binary parameter') : 'Binary parameters'}</Title>
                <TenantTable
                  accessibleName="Binary parameters"
                  noDataText={shown ? 'No binary parameters.' : 'Reading…'}
                  columns={[{ title: 'ID', width: '12rem' }, { title: 'Value', minWidth: '14rem' }, { title: 'Type', width: '5rem' }, { title: 'Changed', width: '10rem' }, { title: '', width: '8rem' }]}
                  data-testid="cpi-binary-parameters"
                >
                  {(shown?.binaries ?? []).map((p) => (
                    <TableRow key={p.id} rowKey={p.id} data-key={p.id} data-testid={`cpi-binary-${p.id}`}>
                      <TableCell>
                        <Text>{p.id}</Text>
                      </TableCell>
                      <TableCell>
                        {p.text !== null ? (
                          <pre className="cpi-value" data-testid="cpi-parameter-value">
                            {p.text}
                          </pre>
                        ) : (
                          <Text className="ad-muted">{`Binary, ${formatBytes(p.size_bytes)}`}</Text>
                        )}
                      </TableCell>
                      <TableCell>
                        <Text>{p.content_type}</Text>
                      </TableCell>
                      <TableCell>
                        <Text>{changedText(p.changes)}</Text>
                      </TableCell>
                      <TableCell>
                        <div className="ad-actions">
                          <Button icon="download" design="Transparent" tooltip={`Save ${p.id} to a file`} accessibleName={`Save ${p.id}`} onClick={() => void download(p)} />
                          <RowActions
                            readOnly={readOnly}
                            onEdit={() => setEditing({ type: 'binary', pid: p.pid, parameter: p })}
                            onDelete={() => setDeleting({ what: 'binary', pid: p.pid, id: p.id })}
                            name={p.id}
                          />
                        </div>
                      </TableCell>
                    </TableRow>
                  ))}
                </TenantTable>
              </div>
            </Busy>
          </section>
        ) : (
          <section className="ad-card">
            <Text className="ad-muted">Choose a partner to see its string and binary parameters.</Text>
          </section>
        )}
      </div>
      <ParameterDialog tenant={tenant} edit={editing} onClose={() => setEditing(null)} onSaved={afterSave} />
      <ConfirmDialog
        open={deleting !== null}
        title={deletionTitle(deleting)}
        message={
          deleting?.what === 'partner'
            ? `Every string and binary parameter of ${deleting.pid} will be deleted. Integration flows that read them fail until they are created again.`
            : `The parameter will be deleted from ${deleting?.pid ?? ''}. Integration flows that read it fail until it is created again.`
        }
        confirmText="Delete"
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      />
    </>
  );
}

function RowActions({ readOnly, onEdit, onDelete, name }: { readOnly: string | null; onEdit: () => void; onDelete: () => void; name: string }) {
  return (
    <div className="ad-actions">
      <Button icon="edit" design="Transparent" disabled={Boolean(readOnly)} tooltip={readOnly ?? `Edit ${name}`} accessibleName={`Edit ${name}`} onClick={onEdit} data-testid={`cpi-edit-${name}`} />
      <Button icon="delete" design="Transparent" disabled={Boolean(readOnly)} tooltip={readOnly ?? `Delete ${name}`} accessibleName={`Delete ${name}`} onClick={onDelete} data-testid={`cpi-delete-${name}`} />
    </div>
  );
}

function changedText(changes: { modified_by: string | null; modified_at: string | null; created_by: string | null; created_at: string | null }): string {
  const by = changes.modified_by ?? changes.created_by ?? '';
  const at = formatDateTime(changes.modified_at ?? changes.created_at);
  return `${by} ${at}`.trim();
}

function deletionTitle(deleting: Deletion | null): string {
  if (!deleting) return '';
  return deleting.what === 'partner' ? `Delete partner ${deleting.pid}?` : `Delete ${deleting.id}?`;
}
