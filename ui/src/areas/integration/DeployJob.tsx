import { Button, Tag, Text } from '@ui5/webcomponents-react';
import { useMemo } from 'react';
import { useJobs, type TrackedJob } from '../../app/JobsContext';
import type { AppError } from '../../api';
import { ErrorPanel, formatDateTime } from '../../components';

/** The job kind of a deployment (src-tauri/commands/cloud_integration.rs). */
export const DEPLOY_JOB = 'cpi_deploy';

/** The tenant's deployments started from this app, newest first; of one artifact when `artifactId` is given. */
export function useDeployJobs(profileId: string, artifactId?: string): TrackedJob[] {
  const { jobs } = useJobs();
  return useMemo(
    () =>
      jobs
        .filter((j) => j.record.kind === DEPLOY_JOB && j.record.profile_id === profileId)
        .filter((j) => artifactId === undefined || j.record.server_job?.job_name === artifactId)
        .sort((a, b) => b.record.started_at.localeCompare(a.record.started_at)),
    [jobs, profileId, artifactId],
  );
}

const STATE: Record<string, { text: string; design: 'Positive' | 'Negative' | 'Information' | 'Critical' | 'Neutral' }> = {
  running: { text: 'Deploying', design: 'Information' },
  succeeded: { text: 'Started', design: 'Positive' },
  failed: { text: 'Failed', design: 'Negative' },
  cancelled: { text: 'Cancelled', design: 'Critical' },
  detached: { text: 'Not watched', design: 'Neutral' },
};

const STAGE_TEXT: Record<string, string> = { BUILD: 'Building', START: 'Starting', RETRY: 'Asking again' };

/** One deployment: its state, the tenant's latest word while it runs, and the readable error when it failed. */
export function DeployJobStatus({ job, showTitle }: { job: TrackedJob; showTitle?: boolean }) {
  const { watch } = useJobs();
  const { record, progress, error } = job;
  const state = STATE[record.state] ?? STATE.detached!;
  const stage = progress?.stage ? (STAGE_TEXT[progress.stage] ?? progress.stage) : null;
  return (
    <div className="ad-stack cpi-deploy-job" data-testid="cpi-deploy-job" data-state={record.state}>
      <div className="ad-actions">
        {showTitle ? <Text>{record.title}</Text> : null}
        <Tag design={state.design} data-testid="cpi-deploy-state">
          {record.state === 'running' && stage ? `${state.text}: ${stage}` : state.text}
        </Tag>
        <Text className="ad-muted">{record.finished_at ? `ended ${formatDateTime(record.finished_at, undefined, { seconds: true })}` : `since ${formatDateTime(record.started_at, undefined, { seconds: true })}`}</Text>
        {record.state === 'detached' && record.server_job ? (
          <Button design="Transparent" icon="refresh" onClick={() => void watch(record.id)}>
            Watch again
          </Button>
        ) : null}
      </div>
      {record.state === 'running' && progress?.message ? <Text data-testid="cpi-deploy-message">{progress.message}</Text> : null}
      {record.state === 'failed' ? <DeployFailure text={record.error} error={error} /> : null}
    </div>
  );
}

/**
 * Why a deployment failed: the tenant's root cause in its own words (the job's text), and its
 * further lines. A failure before the tenant answered (network, logon) gets the usual error panel.
 */
function DeployFailure({ text, error }: { text: string | null; error: AppError | null }) {
  if (error && error.kind !== 'sap') return <ErrorPanel error={error} data-testid="cpi-deploy-error" />;
  const details = error?.kind === 'sap' ? error.details.filter((line) => line && !(text ?? '').includes(line)) : [];
  return (
    <div className="cpi-deploy-failure" role="alert" data-testid="cpi-deploy-error">
      <pre className="cpi-error-text">{error?.kind === 'sap' ? error.message : (text ?? 'The deployment failed; the tenant gave no reason.')}</pre>
      {details.length ? (
        <ul className="ad-error-advice">
          {details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
