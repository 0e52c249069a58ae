import { Button, Label, List, ListItemStandard, MessageStrip, Tag, Text, Title } from '@ui5/webcomponents-react';
import { useState } from 'react';
import type { AppError } from '../../api';
import { useImportJobs, type ImportJob } from '../../app/ImportJobsContext';
import { useNavigation } from '../../app/navigation';
import { NoSystem } from '../../app/NoSystem';
import { useSystems } from '../../app/SystemContext';
import { Busy, ConfirmDialog, CopyButton, ErrorPanel, JobProgress, TextField } from '../../components';
import { importJobAsText } from './importText';

export default function ImportPage() {
  const { active } = useSystems();
  const { navigate } = useNavigation();
  const { jobs, start, watch, forget } = useImportJobs();
  const [url, setUrl] = useState('');
  const [branch, setBranch] = useState('main');
  const [pkg, setPkg] = useState('');
  const [message, setMessage] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [confirmForget, setConfirmForget] = useState<string | null>(null);

  if (!active) return <NoSystem />;
  const systemName = active.profile.settings.display_name;
  const shown: ImportJob | undefined = jobs.find((j) => j.jobNumber === selected) ?? jobs[0];

  const submit = async () => {
    const ok = /^(https?:\/\/|git@)\S+$/i.test(url.trim());
    setUrlError(ok ? null : 'Enter the git repository URL, such as https://github.com/org/repo.git.');
    if (!ok) return;
    setStarting(true);
    setError(null);
    const result = await start(active.profile.id, systemName, {
      url: url.trim(),
      branch: branch.trim() || 'main',
      package: pkg.trim().toUpperCase(),
      message: message.trim(),
    });
    setStarting(false);
    if ('error' in result) setError(result.error);
    else setSelected(result.jobNumber);
  };

  return (
    <div className="ad-page" data-testid="import-page">
      <div className="ad-page-header">
        <Title level="H2">Import</Title>
        <Text className="ad-muted">Commit the objects of an ABAP package in {systemName} to git</Text>
      </div>
      <Busy active={starting} text="Starting the import job…">
        <section className="ad-card" aria-label="New import">
          <div className="ad-form-grid">
            <TextField label="Git repository URL" required value={url} onChange={setUrl} error={urlError} placeholder="https://github.com/org/repo.git" data-testid="import-url" />
            <TextField label="Branch" value={branch} onChange={setBranch} data-testid="import-branch" />
            <TextField label="ABAP package" value={pkg} onChange={setPkg} placeholder="Taken from the repository if empty" data-testid="import-package" />
            <TextField label="Commit message" value={message} onChange={setMessage} placeholder="feat: initial import from ABAP package …" data-testid="import-message" />
          </div>
          <div className="ad-actions">
            <Button design="Emphasized" icon="upload-to-cloud" onClick={submit} disabled={starting} data-testid="import-start">
              Start import
            </Button>
            <Text className="ad-muted">The import runs in SAP as a background job. You can keep working: it continues while you use other areas.</Text>
          </div>
        </section>
      </Busy>
      {error && <ErrorPanel error={error} onDismiss={() => setError(null)} onRetry={submit} onEditSystem={() => navigate('systems', { editSystem: active.profile.id })} />}
      {jobs.length > 0 && (
        <div className="ad-master-detail">
          <List
            headerText="Import jobs"
            accessibleName="Import jobs"
            selectionMode="Single"
            onItemClick={(e) => setSelected((e.detail.item as HTMLElement).dataset.job ?? null)}
            data-testid="import-jobs"
          >
            {jobs.map((j) => (
              <ListItemStandard
                key={j.jobNumber}
                data-job={j.jobNumber}
                text={j.request.package || j.request.url}
                description={`${j.systemName} · job ${j.jobNumber} · ${new Date(j.startedAt).toLocaleString()}`}
                additionalText={j.state === 'running' ? 'Running' : j.state === 'completed' ? 'Done' : 'Failed'}
                additionalTextState={j.state === 'running' ? 'Information' : j.state === 'completed' ? 'Positive' : 'Negative'}
                selected={j.jobNumber === shown?.jobNumber}
              />
            ))}
          </List>
          {shown && <JobDetail job={shown} onWatch={() => watch(shown.jobNumber)} onForget={() => setConfirmForget(shown.jobNumber)} />}
        </div>
      )}
      <ConfirmDialog
        open={confirmForget !== null}
        title="Remove from the list?"
        message="Agent Desk forgets this job. A job still running in SAP continues there."
        confirmText="Remove"
        destructive={false}
        onConfirm={() => {
          if (confirmForget) forget(confirmForget);
          setConfirmForget(null);
          setSelected(null);
        }}
        onCancel={() => setConfirmForget(null)}
      />
    </div>
  );
}

function JobDetail({ job, onWatch, onForget }: { job: ImportJob; onWatch: () => void; onForget: () => void }) {
  return (
    <section className="ad-card" aria-label={`Import job ${job.jobNumber}`} data-testid="import-job">
      <div className="ad-page-header">
        <Title level="H3">Job {job.jobNumber}</Title>
        <Tag design={job.state === 'running' ? 'Information' : job.state === 'completed' ? 'Positive' : 'Negative'} data-testid="import-job-state">
          {job.state === 'running' ? (job.watching ? 'Running' : 'Not watched') : job.state === 'completed' ? 'Completed' : 'Failed'}
        </Tag>
      </div>
      <div className="ad-kpis">
        <div className="ad-kpi"><Label>Repository</Label><Text>{job.request.url}</Text></div>
        <div className="ad-kpi"><Label>Branch</Label><Text>{job.request.branch}</Text></div>
        {job.request.package && <div className="ad-kpi"><Label>Package</Label><Text>{job.request.package}</Text></div>}
        <div className="ad-kpi"><Label>System</Label><Text>{job.systemName}</Text></div>
      </div>
      <JobProgress progress={job.progress} state={job.state} startedAt={job.startedAt} finishedAt={job.finishedAt} label="Import progress" />
      {job.outcome?.success && (
        <MessageStrip design="Positive" hideCloseButton data-testid="import-result">
          {`Imported ${job.outcome.files_staged ?? 0} files. Commit message: “${job.outcome.commit_message}”`}
        </MessageStrip>
      )}
      {job.outcome && !job.outcome.success && (
        <ErrorPanel error={{ kind: 'sap', status: 200, message: job.outcome.error ?? 'The import failed.', details: [] }} data-testid="import-failure" />
      )}
      {job.error && <ErrorPanel error={job.error} onRetry={onWatch} data-testid="import-watch-error" />}
      <div className="ad-actions">
        {job.state === 'running' && !job.watching && (
          <Button icon="synchronize" onClick={onWatch} data-testid="import-watch">
            Watch again
          </Button>
        )}
        <CopyButton text={() => importJobAsText(job)} label="Copy as text" />
        {job.state !== 'running' || !job.watching ? (
          <Button design="Transparent" icon="delete" onClick={onForget}>
            Remove from list
          </Button>
        ) : null}
      </div>
    </section>
  );
}
