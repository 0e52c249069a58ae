import { Bar, Button, MessageStrip, TableCell, TableRow, Tag, Text, Title } from '@ui5/webcomponents-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, DesigntimeArtifact, IntegrationPackage, NewPackage } from '../../api';
import { Busy, ConfirmDialog, ErrorPanel, TextField, formatDateTime, plural, OnDemandDialog } from '../../components';
import { usePersistentState } from '../explore/persistentState';
import { cpi } from './api';
import { ArtifactPanel } from './ArtifactPanel';
import { saveDownload } from './download';
import { KIND_TEXT, zipName } from './model';
import { TenantPage, type Tenant } from './TenantPage';
import { Fact, TenantTable } from './TenantTable';

/** Integration content: packages, their artifacts, downloads, configuration and deployment. */
export default function IntegrationContentPage() {
  return (
    <TenantPage area="cpi-content" title="Integration content" subtitle="Integration packages and their artifacts">
      {(tenant) => <Content tenant={tenant} />}
    </TenantPage>
  );
}

type Notice = { text: string; design: 'Positive' | 'Information' };

function Content({ tenant }: { tenant: Tenant }) {
  const { profileId } = tenant;
  const [packages, setPackages] = useState<IntegrationPackage[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [selected, setSelected] = usePersistentState<string | null>(`cpi.content.package.${profileId}`, null);
  const [artifacts, setArtifacts] = useState<{ packageId: string; list: DesigntimeArtifact[] } | null>(null);
  const [artifactsBusy, setArtifactsBusy] = useState(false);
  const [artifactsError, setArtifactsError] = useState<AppError | null>(null);
  const [artifactKey, setArtifactKey] = usePersistentState<string | null>(`cpi.content.artifact.${profileId}`, null);
  const [creating, setCreating] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const listRun = useRef(0);
  const artifactRun = useRef(0);

  const load = useCallback(async () => {
    const run = ++listRun.current;
    setBusy(true);
    setError(null);
    const answer = await cpi.packages(profileId);
    if (run !== listRun.current) return;
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    setPackages(answer.data);
  }, [profileId]);

  const loadArtifacts = useCallback(
    async (packageId: string) => {
      const run = ++artifactRun.current;
      setArtifactsBusy(true);
      setArtifactsError(null);
      const answer = await cpi.artifacts(profileId, packageId);
      if (run !== artifactRun.current) return;
      setArtifactsBusy(false);
      if (answer.status === 'error') return setArtifactsError(answer.error);
      setArtifacts({ packageId, list: answer.data });
    },
    [profileId],
  );

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (selected) void loadArtifacts(selected);
  }, [selected, loadArtifacts]);

  const pkg = packages?.find((p) => p.id === selected) ?? null;
  const list = artifacts && artifacts.packageId === selected ? artifacts.list : null;
  const artifact = list?.find((a) => artifactKeyOf(a) === artifactKey) ?? null;

  const remove = async () => {
    if (!pkg) return;
    setConfirmDelete(false);
    setBusy(true);
    const answer = await cpi.deletePackage(profileId, pkg.id);
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    setNotice({ text: `The tenant is deleting ${pkg.name}. Deployed artifacts of the package keep running.`, design: 'Information' });
    setSelected(null);
    // The tenant deletes asynchronously: the list may still hold it for a moment.
    setPackages((all) => all?.filter((p) => p.id !== pkg.id) ?? null);
  };

  const download = async () => {
    if (!pkg) return;
    const outcome = await saveDownload(zipName(pkg.id), (handle) => cpi.savePackage(profileId, pkg.id, handle));
    if (!outcome) return;
    if ('error' in outcome) return setError(outcome.error);
    setNotice({ text: `Saved ${pkg.name} to ${outcome.path}`, design: 'Positive' });
  };

  return (
    <>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} onDismiss={() => setError(null)} /> : null}
      {notice ? (
        <MessageStrip design={notice.design} onClose={() => setNotice(null)} data-testid="cpi-content-notice">
          {notice.text}
        </MessageStrip>
      ) : null}
      <div className="cpi-layout">
        <section className="ad-card" aria-label="Integration packages">
          <div className="ad-card-head">
            <Title level="H4">{packages ? plural(packages.length, 'package') : 'Packages'}</Title>
            <span className="ad-spacer" />
            <Button icon="add" disabled={Boolean(tenant.readOnly)} tooltip={tenant.readOnly ?? 'Create a package'} onClick={() => setCreating(true)} data-testid="cpi-package-create">
              Create
            </Button>
            <Button icon="refresh" design="Transparent" tooltip="Refresh" accessibleName="Refresh" onClick={() => void load()} />
          </div>
          <Busy active={busy} text="Reading packages…">
            <TenantTable
              accessibleName="Integration packages"
              noDataText={packages ? 'The tenant has no integration packages.' : 'Reading…'}
              columns={[{ title: 'Package', minWidth: '12rem' }, { title: 'Version', width: '6rem' }, { title: 'Changed', width: '10rem' }]}
              selected={selected}
              onSelect={(key) => {
                setSelected(key);
                setArtifactKey(null);
              }}
              tall
              data-testid="cpi-packages"
            >
              {(packages ?? []).map((p) => (
                <TableRow key={p.id} rowKey={p.id} data-key={p.id} interactive data-testid={`cpi-package-${p.id}`}>
                  <TableCell>
                    <div className="cpi-fact">
                      <Text>{p.name}</Text>
                      <span className="ad-muted">{p.id}</span>
                    </div>
                  </TableCell>
                  <TableCell>
                    <Text>{p.version ?? ''}</Text>
                  </TableCell>
                  <TableCell>
                    <Text>{formatDateTime(p.modified_at ?? p.created_at)}</Text>
                  </TableCell>
                </TableRow>
              ))}
            </TenantTable>
          </Busy>
        </section>
        <div className="ad-stack">
          {pkg ? (
            <section className="ad-card" aria-label="Package" data-testid="cpi-package-detail">
              <div className="ad-card-head">
                <Title level="H4">{pkg.name}</Title>
                {pkg.mode === 'READ_ONLY' ? <Tag design="Neutral">Configure only</Tag> : null}
                <span className="ad-spacer" />
                <Button icon="download" onClick={() => void download()} data-testid="cpi-package-download">
                  Download
                </Button>
                <Button
                  icon="delete"
                  design="Transparent"
                  disabled={Boolean(tenant.readOnly)}
                  tooltip={tenant.readOnly ?? 'Delete the package'}
                  onClick={() => setConfirmDelete(true)}
                  data-testid="cpi-package-delete"
                >
                  Delete…
                </Button>
              </div>
              {pkg.short_text ? <Text>{pkg.short_text}</Text> : null}
              <div className="cpi-facts">
                <Fact label="ID">{pkg.id}</Fact>
                <Fact label="Version">{pkg.version}</Fact>
                <Fact label="Vendor">{pkg.vendor}</Fact>
                <Fact label="Created">{`${pkg.created_by ?? ''} ${formatDateTime(pkg.created_at)}`.trim()}</Fact>
                <Fact label="Changed">{`${pkg.modified_by ?? ''} ${formatDateTime(pkg.modified_at)}`.trim()}</Fact>
              </div>
              {artifactsError ? <ErrorPanel error={artifactsError} onRetry={() => void loadArtifacts(pkg.id)} /> : null}
              <Busy active={artifactsBusy} text="Reading artifacts…">
                <TenantTable
                  accessibleName="Artifacts"
                  noDataText={list ? 'The package has no artifacts.' : 'Reading…'}
                  columns={[
                    { title: 'Artifact', minWidth: '12rem' },
                    { title: 'Type', width: '9rem' },
                    { title: 'Version', width: '6rem' },
                    { title: 'Changed by', width: '8rem' },
                    { title: 'Changed on', width: '10rem' },
                  ]}
                  selected={artifactKey}
                  onSelect={setArtifactKey}
                  data-testid="cpi-artifacts"
                >
                  {(list ?? []).map((a) => (
                    <TableRow key={artifactKeyOf(a)} rowKey={artifactKeyOf(a)} data-key={artifactKeyOf(a)} interactive data-testid={`cpi-artifact-${a.id}`}>
                      <TableCell>
                        <div className="cpi-fact">
                          <Text>{a.name}</Text>
                          <span className="ad-muted">{a.id}</span>
                        </div>
                      </TableCell>
                      <TableCell>
                        <Text>{KIND_TEXT[a.kind]}</Text>
                      </TableCell>
                      <TableCell>
                        <Text>{a.version}</Text>
                      </TableCell>
                      <TableCell>
                        <Text>{a.modified_by ?? a.created_by ?? ''}</Text>
                      </TableCell>
                      <TableCell>
                        <Text>{formatDateTime(a.modified_at ?? a.created_at)}</Text>
                      </TableCell>
                    </TableRow>
                  ))}
                </TenantTable>
              </Busy>
            </section>
          ) : (
            <section className="ad-card">
              <Text className="ad-muted">Choose a package to see its integration flows, value mappings, message mappings and script collections.</Text>
            </section>
          )}
          {artifact ? <ArtifactPanel key={artifactKeyOf(artifact)} tenant={tenant} artifact={artifact} /> : null}
        </div>
      </div>
      <CreatePackageDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreate={async (draft) => {
          const answer = await cpi.createPackage(profileId, draft);
          if (answer.status === 'error') return answer.error;
          setCreating(false);
          setNotice({ text: `Created package ${answer.data.name}.`, design: 'Positive' });
          setPackages((all) => [...(all ?? []).filter((p) => p.id !== answer.data.id), answer.data]);
          setSelected(answer.data.id);
          return null;
        }}
      />
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete ${pkg?.name ?? ''}?`}
        message={`The package ${pkg?.id ?? ''} and all its artifacts will be deleted from the tenant. Deployed artifacts keep running until you undeploy them. This cannot be undone.`}
        confirmText="Delete"
        onConfirm={() => void remove()}
        onCancel={() => setConfirmDelete(false)}
      />
    </>
  );
}

function artifactKeyOf(a: DesigntimeArtifact): string {
  return `${a.kind}:${a.id}`;
}

const EMPTY_DRAFT = { id: '', name: '', shortText: '', version: '1.0.0', vendor: '' };

/** The package form: id, name and short text are required (the tenant refuses a package without them). */
function CreatePackageDialog({ open, onClose, onCreate }: { open: boolean; onClose: () => void; onCreate: (draft: NewPackage) => Promise<AppError | null> }) {
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof typeof EMPTY_DRAFT, string>>>({});
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof EMPTY_DRAFT>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async () => {
    const errors: typeof fieldErrors = {};
    if (!/^[A-Za-z0-9_.]+$/.test(draft.id.trim())) errors.id = 'Use letters, digits, “_” and “.” only, such as Sales.Orders.';
    if (!draft.name.trim()) errors.name = 'Give the package a name.';
    if (!draft.shortText.trim()) errors.shortText = 'Say in a line what the package is for.';
    setFieldErrors(errors);
    if (Object.keys(errors).length) return;
    setBusy(true);
    setError(null);
    const refused = await onCreate({
      id: draft.id.trim(),
      name: draft.name.trim(),
      short_text: draft.shortText.trim(),
      description: null,
      version: draft.version.trim() || null,
      vendor: draft.vendor.trim() || null,
    });
    setBusy(false);
    if (refused) return setError(refused);
    setDraft(EMPTY_DRAFT);
  };

  return (
    <OnDemandDialog
      open={open}
      headerText="Create integration package"
      onClose={onClose}
      data-testid="cpi-package-dialog"
      footer={
        <Bar
          design="Footer"
          endContent={
            <>
              <Button design="Emphasized" disabled={busy} onClick={() => void submit()} data-testid="cpi-package-dialog-create">
                Create
              </Button>
              <Button design="Transparent" onClick={onClose}>
                Cancel
              </Button>
            </>
          }
        />
      }
    >
      <div className="cpi-dialog-form">
        {error ? <ErrorPanel error={error} /> : null}
        <TextField label="ID" required value={draft.id} onChange={(v) => set({ id: v })} error={fieldErrors.id} placeholder="e.g. Sales.Orders" data-testid="cpi-package-id" />
        <TextField label="Name" required value={draft.name} onChange={(v) => set({ name: v })} error={fieldErrors.name} data-testid="cpi-package-name" />
        <TextField label="Short description" required value={draft.shortText} onChange={(v) => set({ shortText: v })} error={fieldErrors.shortText} data-testid="cpi-package-short-text" />
        <TextField label="Version" value={draft.version} onChange={(v) => set({ version: v })} />
        <TextField label="Vendor" value={draft.vendor} onChange={(v) => set({ vendor: v })} onSubmit={() => void submit()} />
      </div>
    </OnDemandDialog>
  );
}
