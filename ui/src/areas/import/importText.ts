import type { ImportResult, JobOutcome } from '../../api';
import type { TrackedJob } from '../../app/JobsContext';
import { formatElapsed } from '../../components/format';
import { formatDateTime } from '../../components/dateTime';

/** A finished job's answer, when it is an import's. */
export function importResultOf(outcome: JobOutcome | null): ImportResult | null {
  return outcome?.outcome === 'import' ? outcome : null;
}

export function importJobAsText(job: TrackedJob, systemName: string): string {
  const { record } = job;
  const lines = [`${record.title} (${systemName})`, `Started: ${formatDateTime(record.started_at, undefined, { seconds: true })}`];
  if (record.server_job) lines.push(`SAP job: ${record.server_job.job_name} ${record.server_job.job_number}`);
  if (record.finished_at) lines.push(`Duration: ${formatElapsed(Date.parse(record.finished_at) - Date.parse(record.started_at))}`);
  const result = importResultOf(record.result);
  if (record.state === 'succeeded' && result) {
    lines.push(`Result: ${result.files_staged} files committed`, `Commit message: ${result.commit_message}`);
  } else if (record.state === 'failed') {
    lines.push(`Result: failed: ${record.error ?? 'no message'}`);
  } else if (job.progress) {
    lines.push(`Status: ${job.progress.stage ?? job.progress.status} ${job.progress.message}`);
  }
  return lines.join('\n');
}
