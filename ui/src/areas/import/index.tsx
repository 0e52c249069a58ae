import { Button, Label, List, ListItemStandard, MessageStrip, Tag, Text, Title } from '@ui5/webcomponents-react';
import { useState } from 'react';
import type { AppError, ImportResult } from '../../api';
import { useJobs, type TrackedJob } from '../../app/JobsContext';
import { useNavigation } from '../../app/navigation';
import { NoSystem } from '../../app/NoSystem';
import { useSystems } from '../../app/SystemContext';
import { Busy, ConfirmDialog, CopyButton, ErrorPanel, JobProgress, TextField, formatDateTime, jobStateOfRecord } from '../../components';
import { importJobAsText, importResultOf } from './importText';

const STATE_TEXT = { running: 'Running', succeeded: 'Completed', failed: 'Failed', cancelled: 'Cancelled', detached: 'Not watched' } as const;
const STATE_DESIGN = { running: 'Information', succeeded: 'Positive', failed: 'Negative', cancelled: 'Critical', detached: 'Neutral' } as const;

export default function ImportPage() {
  const { active, systems } = useSystems();
  const { navigate, params } = useNavigation();
  const { jobs, startImport, watch, forget, cancel } = useJobs();
  const [url, setUrl] = useState('');
  const [branch, setBranch] = useState('main');
  const [pkg, setPkg] = useState('');
  const [message, setMessage] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [selected, setSelected] = useState<string | null>(params.job ?? null);
  const [confirmForget, setConfirmForget] = useState<string | null>(null);
  // A link from elsewhere (the shell's notice of a finished export) selects its job.
  const [linked, setLinked] = useState(params);
  if (linked !== params) {
    setLinked(params);
    if (params.job) setSelected(params.job);
  }

  if (!active) return <NoSystem />;
  const systemName = active.profile.settings.display_name;
  const importJobs = jobs.filter((j) => j.record.kind === 'agent_import');
  const shown = importJobs.find((j) => j.record.id === selected) ?? importJobs[0];
  const systemOf = (job: TrackedJob) =>
    systems.find((s) => s.profile.id === job.record.profile_id)?.profile.settings.display_name ?? 'removed system';

  const submit = async () => {
    const ok = /^(https?:\/\/|git@)\S+$/i.test(url.trim());
    setUrlError(ok ? null : 'Enter the git repository URL, such as https://github.com/org/repo.git.');
    if (!ok) return;
    setStarting(true);
    setError(null);
    const result = await startImport(active.profile.id, {
      url: url.trim(),
      branch: branch.trim() || null,
      package: pkg.trim() ? pkg.trim().toUpperCase() : null,
      message: message.trim() || null,
    });
    setStarting(false);
    if (result.status === 'error') setError(result.error);
    else setSelected(result.data.id);
  };

  return (
    <div className="ad-page" data-testid="import-page">
      <div className="ad-page-header">
        <Title level="H2">Export to Git</Title>
        <Text className="ad-muted">From {systemName} to git: commit the objects of an ABAP package to a repository</Text>
      </div>
      <Busy active={starting} text="Starting the export job…">
        <section className="ad-card" aria-label="New export">
          <div className="ad-form-grid">
            <TextField label="Git repository URL" required value={url} onChange={setUrl} error={urlError} placeholder="https://github.com/org/repo.git" data-testid="import-url" />
            <TextField label="Branch" value={branch} onChange={setBranch} data-testid="import-branch" />
            <TextField label="ABAP package" value={pkg} onChange={setPkg} placeholder="Taken from the repository if empty" data-testid="import-package" />
            <TextField label="Commit message" value={message} onChange={setMessage} placeholder="feat: initial export from ABAP package …" data-testid="import-message" />
          </div>
          <div className="ad-actions">
            <Button design="Emphasized" icon="upload-to-cloud" onClick={submit} disabled={starting} data-testid="import-start">
              Start export
            </Button>
            <Text className="ad-muted">The export runs in SAP as a background job (the abapGit Agent's “import”: SAP reads its objects into git). You can keep working: it continues while you use other areas.</Text>
          </div>
        </section>
      </Busy>
      {error && <ErrorPanel error={error} onDismiss={() => setError(null)} onRetry={submit} onEditSystem={() => navigate('systems', { editSystem: active.profile.id })} />}
      {importJobs.length > 0 && (
        <div className="ad-master-detail">
          <List
            headerText="Export jobs"
            accessibleName="Export jobs"
            selectionMode="Single"
            onItemClick={(e) => setSelected((e.detail.item as HTMLElement).dataset.job ?? null)}
            data-testid="import-jobs"
          >
            {importJobs.map((j) => (
              <ListItemStandard
                key={j.record.id}
                data-job={j.record.id}
                text={j.record.title}
                description={`${systemOf(j)} · ${formatDateTime(j.record.started_at)}`}
                additionalText={STATE_TEXT[j.record.state]}
                additionalTextState={j.record.state === 'running' ? 'Information' : j.record.state === 'succeeded' ? 'Positive' : j.record.state === 'detached' ? 'None' : 'Negative'}
                selected={j.record.id === shown?.record.id}
              />
            ))}
          </List>
          {shown && (
            <JobDetail
              job={shown}
              systemName={systemOf(shown)}
              onWatch={() => void watch(shown.record.id)}
              onCancel={() => void cancel(shown.record.id)}
              onForget={() => setConfirmForget(shown.record.id)}
            />
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirmForget !== null}
        title="Remove from the list?"
        message="Agent Desk forgets this job. A job still running in SAP continues there."
        confirmText="Remove"
        destructive={false}
        onConfirm={() => {
          if (confirmForget) void forget(confirmForget);
          setConfirmForget(null);
          setSelected(null);
        }}
        onCancel={() => setConfirmForget(null)}
      />
    </div>
  );
}

interface JobDetailProps {
  job: TrackedJob;
  systemName: string;
  onWatch: () => void;
  onCancel: () => void;
  onForget: () => void;
}

function JobDetail({ job, systemName, onWatch, onCancel, onForget }: JobDetailProps) {
  const { record } = job;
  const result: ImportResult | null = record.state === 'succeeded' ? importResultOf(record.result) : null;
  return (
    <section className="ad-card" aria-label={record.title} data-testid="import-job">
      <div className="ad-page-header">
        <Title level="H3">{record.title}</Title>
        <Tag design={STATE_DESIGN[record.state]} data-testid="import-job-state">
          {STATE_TEXT[record.state]}
        </Tag>
      </div>
      <div className="ad-kpis">
        <div className="ad-kpi"><Label>System</Label><Text>{systemName}</Text></div>
        {record.server_job && <div className="ad-kpi"><Label>SAP job</Label><Text>{`${record.server_job.job_name || 'Job'} ${record.server_job.job_number}`}</Text></div>}
        <div className="ad-kpi"><Label>Started</Label><Text>{formatDateTime(record.started_at)}</Text></div>
      </div>
      <JobProgress
        progress={job.progress}
        state={jobStateOfRecord(record.state)}
        startedAt={Date.parse(record.started_at)}
        finishedAt={record.finished_at ? Date.parse(record.finished_at) : null}
        label="Export progress"
      />
      {result && (
        <MessageStrip design="Positive" hideCloseButton data-testid="import-result">
          {`${result.files_staged.toLocaleString('en-US')} files committed with the message “${result.commit_message}”.`}
        </MessageStrip>
      )}
      {record.state === 'failed' &&
        (job.error ? (
          <ErrorPanel error={job.error} data-testid="import-failure" />
        ) : (
          <ErrorPanel error={{ kind: 'sap', status: 200, message: record.error ?? 'The export failed.', details: [] }} data-testid="import-failure" />
        ))}
      {record.state === 'detached' && (
        <MessageStrip design="Information" hideCloseButton>
          Agent Desk was closed while this export ran. SAP may still be running it: watch it again to see where it is.
        </MessageStrip>
      )}
      <div className="ad-actions">
        {(record.state === 'detached' || (record.state === 'running' && !job.watching)) && (
          <Button icon="synchronize" onClick={onWatch} data-testid="import-watch">
            Watch again
          </Button>
        )}
        {record.state === 'running' && (
          <Button icon="stop" onClick={onCancel}>
            Stop watching
          </Button>
        )}
        <CopyButton text={() => importJobAsText(job, systemName)} label="Copy as text" />
        {record.state !== 'running' && (
          <Button design="Transparent" icon="delete" onClick={onForget}>
            Remove from list
          </Button>
        )}
      </div>
    </section>
  );
}
