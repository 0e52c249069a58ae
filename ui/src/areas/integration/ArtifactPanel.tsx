import { Button, MessageStrip, Text, Title } from '@ui5/webcomponents-react';
import { useCallback, useEffect, useState } from 'react';
import type { AppError, ConfigurationParameter, DesigntimeArtifact } from '../../api';
import { useJobs } from '../../app/JobsContext';
import { Busy, ErrorPanel, TextField, formatDateTime } from '../../components';
import { cpi } from './api';
import { DeployJobStatus, useDeployJobs } from './DeployJob';
import { saveDownload } from './download';
import { KIND_TEXT, changedParameters, zipName } from './model';
import type { Tenant } from './TenantPage';
import { Fact } from './TenantTable';

/** One artifact: its facts, download, deploy with the deployment's state, and an integration flow's configuration. */
export function ArtifactPanel({ tenant, artifact }: { tenant: Tenant; artifact: DesigntimeArtifact }) {
  const { profileId } = tenant;
  const { track } = useJobs();
  const deployments = useDeployJobs(profileId, artifact.id);
  const latest = deployments[0] ?? null;
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const deploying = starting || latest?.record.state === 'running';

  const deploy = async () => {
    setStarting(true);
    setError(null);
    const answer = await track((onEvent) => cpi.deploy(profileId, artifact.kind, artifact.id, 'active', onEvent));
    setStarting(false);
    if (answer.status === 'error') setError(answer.error);
  };

  const download = async () => {
    setSaved(null);
    const outcome = await saveDownload(zipName(artifact.id, artifact.version), (handle) =>
      cpi.saveArtifact(profileId, artifact.kind, artifact.id, artifact.version, handle),
    );
    if (!outcome) return;
    if ('error' in outcome) return setError(outcome.error);
    setSaved(outcome.path);
  };

  return (
    <section className="ad-card" aria-label={`${KIND_TEXT[artifact.kind]} ${artifact.name}`} data-testid="cpi-artifact-detail">
      <div className="ad-card-head">
        <Title level="H4">{artifact.name}</Title>
        <span className="ad-spacer" />
        <Button icon="download" onClick={() => void download()} data-testid="cpi-artifact-download">
          Download
        </Button>
        <Button
          icon="upload-to-cloud"
          design="Emphasized"
          disabled={Boolean(tenant.readOnly) || deploying}
          tooltip={tenant.readOnly ?? (deploying ? 'A deployment of this artifact is running' : 'Deploy the artifact to the tenant’s runtime')}
          onClick={() => void deploy()}
          data-testid="cpi-deploy"
        >
          Deploy
        </Button>
      </div>
      {artifact.description ? <Text>{artifact.description}</Text> : null}
      <div className="cpi-facts">
        <Fact label="Type">{KIND_TEXT[artifact.kind]}</Fact>
        <Fact label="ID">{artifact.id}</Fact>
        <Fact label="Version" testId="cpi-artifact-version">{artifact.version}</Fact>
        <Fact label="Changed">{`${artifact.modified_by ?? ''} ${formatDateTime(artifact.modified_at)}`.trim()}</Fact>
        {artifact.sender ? <Fact label="Sender">{artifact.sender}</Fact> : null}
        {artifact.receiver ? <Fact label="Receiver">{artifact.receiver}</Fact> : null}
      </div>
      {error ? <ErrorPanel error={error} onDismiss={() => setError(null)} /> : null}
      {saved ? (
        <MessageStrip design="Positive" onClose={() => setSaved(null)} data-testid="cpi-artifact-saved">
          {`Saved to ${saved}`}
        </MessageStrip>
      ) : null}
      {latest ? (
        <div className="ad-stack" aria-label="Latest deployment">
          <Title level="H5">Latest deployment</Title>
          <DeployJobStatus job={latest} />
        </div>
      ) : null}
      {artifact.kind === 'integration_flow' ? <Configuration tenant={tenant} flowId={artifact.id} /> : null}
    </section>
  );
}

/** The flow's externalised parameters, edited in a form; only changed values are sent. */
function Configuration({ tenant, flowId }: { tenant: Tenant; flowId: string }) {
  const { profileId } = tenant;
  const [parameters, setParameters] = useState<ConfigurationParameter[] | null>(null);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);

  const load = useCallback(async () => {
    setBusy(true);
    setError(null);
    const answer = await cpi.configurations(profileId, flowId, 'active');
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    setParameters(answer.data);
    setEdits({});
  }, [profileId, flowId]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  const changes = parameters ? changedParameters(parameters, edits) : [];

  const save = async () => {
    setBusy(true);
    setError(null);
    setSaved(false);
    const answer = await cpi.saveConfigurations(profileId, flowId, 'active', changes);
    setBusy(false);
    // A refusal keeps what the user typed.
    if (answer.status === 'error') return setError(answer.error);
    setParameters(answer.data);
    setEdits({});
    setSaved(true);
  };

  return (
    <div className="ad-stack" aria-label="Configuration" data-testid="cpi-configuration">
      <div className="ad-card-head">
        <Title level="H5">Configuration</Title>
        <span className="ad-spacer" />
        <Button
          design="Emphasized"
          icon="save"
          disabled={Boolean(tenant.readOnly) || changes.length === 0 || busy}
          tooltip={tenant.readOnly ?? (changes.length ? undefined : 'Change a value first')}
          onClick={() => void save()}
          data-testid="cpi-configuration-save"
        >
          Save
        </Button>
        <Button design="Transparent" disabled={changes.length === 0} onClick={() => setEdits({})}>
          Undo changes
        </Button>
      </div>
      {error ? <ErrorPanel error={error} onDismiss={() => setError(null)} /> : null}
      {saved ? (
        <MessageStrip design="Positive" onClose={() => setSaved(false)} data-testid="cpi-configuration-saved">
          Saved. Deploy the flow for the runtime to use the new values.
        </MessageStrip>
      ) : null}
      <Busy active={busy} text="Reading the configuration…">
        {parameters && parameters.length === 0 ? <Text className="ad-muted">The flow has no externalised parameters.</Text> : null}
        <div className="cpi-config-grid">
          {(parameters ?? []).map((p) => (
            <TextField
              key={p.key}
              label={p.key}
              value={edits[p.key] ?? p.value}
              onChange={(v) => setEdits((e) => ({ ...e, [p.key]: v }))}
              readonly={Boolean(tenant.readOnly)}
              hint={[p.data_type.replace(/^xsd:/, ''), p.description].filter(Boolean).join(' · ')}
              data-testid={`cpi-config-${p.key}`}
            />
          ))}
        </div>
      </Busy>
    </div>
  );
}
