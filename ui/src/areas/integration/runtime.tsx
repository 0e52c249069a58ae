import { Button, Input, Label, MessageStrip, SegmentedButton, SegmentedButtonItem, TableCell, TableRow, Tag, Text, Title } from '@ui5/webcomponents-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError, ArtifactError, RuntimeArtifact, ServiceEndpoint } from '../../api';
import { useNavigation } from '../../app/navigation';
import { Busy, ConfirmDialog, CopyButton, ErrorPanel, formatDateTime, plural } from '../../components';
import { usePersistentState } from '../explore/persistentState';
import { cpi } from './api';
import { DeployJobStatus, useDeployJobs } from './DeployJob';
import { RUNTIME_STATUSES, runtimeDesign } from './model';
import { TenantPage, type Tenant } from './TenantPage';
import { Fact, TenantTable } from './TenantTable';

/** Deployed artifacts: runtime status, deployments started here, errors, undeploy and endpoints. */
export default function RuntimePage() {
  return (
    <TenantPage area="cpi-runtime" title="Deployed artifacts" subtitle="The runtime’s artifacts and endpoints">
      {(tenant) => <Runtime tenant={tenant} />}
    </TenantPage>
  );
}

type Loaded<T> = { state: 'loading' } | { state: 'loaded'; value: T } | { state: 'failed'; error: AppError };

function Runtime({ tenant }: { tenant: Tenant }) {
  const { profileId } = tenant;
  const { params } = useNavigation();
  const [statuses, setStatuses] = usePersistentState<string[]>('cpi.runtime.statuses', []);
  const [name, setName] = usePersistentState('cpi.runtime.name', '');
  const [artifacts, setArtifacts] = useState<RuntimeArtifact[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [artifactError, setArtifactError] = useState<{ id: string; detail: Loaded<ArtifactError> } | null>(null);
  const [confirmUndeploy, setConfirmUndeploy] = useState(false);
  const deployments = useDeployJobs(profileId);
  const run = useRef(0);

  const load = useCallback(async () => {
    const seq = ++run.current;
    setBusy(true);
    setError(null);
    const answer = await cpi.runtimeArtifacts(profileId, { statuses, name: name.trim() || null });
    if (seq !== run.current) return;
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    setArtifacts(answer.data);
  }, [profileId, statuses, name]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  // A deployment that ends changes the runtime: read it again.
  // (Only a deployment that ends while the page is open: the first read already has the others.)
  const ended = deployments.filter((d) => d.record.state !== 'running').length;
  const endedSeen = useRef(ended);
  useEffect(() => {
    if (ended <= endedSeen.current) return;
    endedSeen.current = ended;
    void load();
  }, [ended, load]);

  const artifact = artifacts?.find((a) => a.id === selected) ?? null;
  const inError = artifact?.status.toUpperCase() === 'ERROR';

  useEffect(() => {
    if (!artifact || !inError) return;
    const id = artifact.id;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setArtifactError({ id, detail: { state: 'loading' } });
    void cpi.runtimeError(profileId, id).then((answer) =>
      setArtifactError((current) =>
        current?.id === id ? { id, detail: answer.status === 'ok' ? { state: 'loaded', value: answer.data } : { state: 'failed', error: answer.error } } : current,
      ),
    );
  }, [artifact, inError, profileId]);

  const undeploy = async () => {
    if (!artifact) return;
    setConfirmUndeploy(false);
    setBusy(true);
    const answer = await cpi.undeploy(profileId, artifact.id);
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    setNotice(`The tenant is undeploying ${artifact.name}; it leaves the list once it has stopped.`);
    void load();
  };

  const focusedJob = params.deployJob ? deployments.find((d) => d.record.id === params.deployJob) : null;
  const shownJobs = focusedJob ? [focusedJob, ...deployments.filter((d) => d !== focusedJob)] : deployments;

  return (
    <>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} onDismiss={() => setError(null)} /> : null}
      {notice ? (
        <MessageStrip design="Information" onClose={() => setNotice(null)} data-testid="cpi-runtime-notice">
          {notice}
        </MessageStrip>
      ) : null}
      {shownJobs.length ? (
        <section className="ad-card" aria-label="Deployments started here" data-testid="cpi-deployments">
          <Title level="H4">Deployments started here</Title>
          {shownJobs.slice(0, 5).map((job) => (
            <DeployJobStatus key={job.record.id} job={job} showTitle />
          ))}
        </section>
      ) : null}
      <div className="cpi-layout">
        <section className="ad-card" aria-label="Deployed artifacts">
          <div className="cpi-filter">
            <div className="ad-field">
              <Label>Status</Label>
              <SegmentedButton
                accessibleName="Status"
                selectionMode="Multiple"
                onSelectionChange={(e) => {
                  const chosen = e.detail.selectedItems.map((item) => (item as HTMLElement).dataset.status ?? '');
                  setStatuses(chosen.filter(Boolean));
                }}
                data-testid="cpi-runtime-status"
              >
                {RUNTIME_STATUSES.map((s) => (
                  <SegmentedButtonItem key={s} selected={statuses.includes(s)} data-status={s} data-testid={`cpi-runtime-status-${s}`}>
                    {s}
                  </SegmentedButtonItem>
                ))}
              </SegmentedButton>
            </div>
            <div className="ad-field">
              <Label>Name</Label>
              <Input value={name} placeholder="Part of the name or ID" accessibleName="Name" onInput={(e) => setName(e.target.value)} data-testid="cpi-runtime-name" />
            </div>
            <Button icon="refresh" design="Transparent" tooltip="Refresh" accessibleName="Refresh" onClick={() => void load()} data-testid="cpi-runtime-refresh" />
            {statuses.length ? (
              <Button design="Transparent" onClick={() => setStatuses([])}>
                All statuses
              </Button>
            ) : null}
          </div>
          <Title level="H4">{artifacts ? plural(artifacts.length, 'deployed artifact') : 'Deployed artifacts'}</Title>
          <Busy active={busy} text="Reading the runtime…">
            <TenantTable
              accessibleName="Deployed artifacts"
              noDataText={artifacts ? 'No deployed artifact matches the filter.' : 'Reading…'}
              columns={[{ title: 'Artifact', minWidth: '12rem' }, { title: 'Status', width: '8rem' }, { title: 'Version', width: '6rem' }, { title: 'Deployed', width: '10rem' }]}
              selected={selected}
              onSelect={setSelected}
              tall
              data-testid="cpi-runtime-artifacts"
            >
              {(artifacts ?? []).map((a) => (
                <TableRow key={a.id} rowKey={a.id} data-key={a.id} interactive data-testid={`cpi-runtime-${a.id}`} data-status={a.status}>
                  <TableCell>
                    <div className="cpi-fact">
                      <Text>{a.name}</Text>
                      <span className="ad-muted">{a.id}</span>
                    </div>
                  </TableCell>
                  <TableCell>
                    <Tag design={runtimeDesign(a.status)}>{a.status}</Tag>
                  </TableCell>
                  <TableCell>
                    <Text>{a.version ?? ''}</Text>
                  </TableCell>
                  <TableCell>
                    <Text>{formatDateTime(a.deployed_on)}</Text>
                  </TableCell>
                </TableRow>
              ))}
            </TenantTable>
          </Busy>
        </section>
        <div className="ad-stack">
          {artifact ? (
            <section className="ad-card" aria-label="Deployed artifact" data-testid="cpi-runtime-detail">
              <div className="ad-card-head">
                <Title level="H4">{artifact.name}</Title>
                <Tag design={runtimeDesign(artifact.status)}>{artifact.status}</Tag>
                <span className="ad-spacer" />
                <Button
                  icon="stop"
                  disabled={Boolean(tenant.readOnly)}
                  tooltip={tenant.readOnly ?? 'Undeploy: stop the artifact and remove it from the runtime'}
                  onClick={() => setConfirmUndeploy(true)}
                  data-testid="cpi-undeploy"
                >
                  Undeploy…
                </Button>
              </div>
              <div className="cpi-facts">
                <Fact label="ID">{artifact.id}</Fact>
                <Fact label="Type">{artifact.artifact_type}</Fact>
                <Fact label="Version">{artifact.version}</Fact>
                <Fact label="Deployed by">{artifact.deployed_by}</Fact>
                <Fact label="Deployed on">{formatDateTime(artifact.deployed_on)}</Fact>
              </div>
              {inError && artifactError?.id === artifact.id ? <RuntimeError detail={artifactError.detail} /> : null}
            </section>
          ) : null}
          <Endpoints tenant={tenant} />
        </div>
      </div>
      <ConfirmDialog
        open={confirmUndeploy}
        title={`Undeploy ${artifact?.name ?? ''}?`}
        message={`${artifact?.id ?? ''} will be stopped and removed from the runtime: its endpoints stop answering at once. The design-time artifact stays in its package and can be deployed again.`}
        confirmText="Undeploy"
        onConfirm={() => void undeploy()}
        onCancel={() => setConfirmUndeploy(false)}
      />
    </>
  );
}

/** The error of an artifact in ERROR: the root cause first, then the chain of messages. */
function RuntimeError({ detail }: { detail: Loaded<ArtifactError> }) {
  if (detail.state === 'loading') return <Text className="ad-muted">Reading the error…</Text>;
  if (detail.state === 'failed') return <ErrorPanel error={detail.error} />;
  const { summary, lines } = detail.value;
  return (
    <div className="cpi-deploy-failure" role="alert" data-testid="cpi-runtime-error">
      <pre className="cpi-error-text">{summary}</pre>
      {lines.filter((l) => l.trim() && l.trim() !== summary).length ? (
        <ul className="ad-error-advice">
          {lines
            .filter((l) => l.trim() && l.trim() !== summary)
            .map((line, i) => (
              <li key={i}>{line.trim()}</li>
            ))}
        </ul>
      ) : null}
      <CopyButton text={[summary, ...lines].join('\n')} label="Copy error" />
    </div>
  );
}

/** Endpoints of deployed flows, each URL with a copy button. */
function Endpoints({ tenant }: { tenant: Tenant }) {
  const [endpoints, setEndpoints] = useState<ServiceEndpoint[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    setBusy(true);
    setError(null);
    const answer = await cpi.endpoints(tenant.profileId);
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    setEndpoints(answer.data);
  }, [tenant.profileId]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);
  return (
    <section className="ad-card" aria-label="Endpoints" data-testid="cpi-endpoints">
      <div className="ad-card-head">
        <Title level="H4">{endpoints ? plural(endpoints.length, 'endpoint') : 'Endpoints'}</Title>
        <span className="ad-spacer" />
        <Button icon="refresh" design="Transparent" tooltip="Refresh" accessibleName="Refresh endpoints" onClick={() => void load()} />
      </div>
      {error ? <ErrorPanel error={error} onRetry={() => void load()} /> : null}
      <Busy active={busy} text="Reading endpoints…">
        {endpoints && endpoints.length === 0 ? <Text className="ad-muted">No deployed flow offers an endpoint.</Text> : null}
        <div className="ad-stack">
          {(endpoints ?? []).map((e) => (
            <div key={e.id} className="cpi-fact" data-testid={`cpi-endpoint-${e.name}`}>
              <Text>{`${e.title ?? e.name}${e.protocol ? ` · ${e.protocol}` : ''}`}</Text>
              {e.entry_points.map((p) => (
                <div key={p.url} className="cpi-endpoint">
                  <span className="cpi-url">{p.url}</span>
                  <CopyButton text={p.url} label="" accessibleName={`Copy ${p.url}`} data-testid="cpi-endpoint-copy" />
                </div>
              ))}
            </div>
          ))}
        </div>
      </Busy>
    </section>
  );
}
