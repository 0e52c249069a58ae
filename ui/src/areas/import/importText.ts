import type { ImportJob } from '../../app/ImportJobsContext';
import { formatElapsed } from '../../components/format';

export function importJobAsText(job: ImportJob): string {
  const lines = [
    `Import job ${job.jobNumber} on ${job.systemName}`,
    `Repository: ${job.request.url} (${job.request.branch})`,
    `Package: ${job.request.package || 'from the repository'}`,
    `Started: ${new Date(job.startedAt).toISOString()}`,
  ];
  if (job.finishedAt) lines.push(`Duration: ${formatElapsed(job.finishedAt - job.startedAt)}`);
  if (job.outcome?.success) {
    lines.push(`Result: ${job.outcome.files_staged ?? 0} files committed`, `Commit message: ${job.outcome.commit_message}`);
  } else if (job.outcome) {
    lines.push(`Result: failed: ${job.outcome.error ?? 'no message'}`);
  } else if (job.progress) {
    lines.push(`Status: ${job.progress.stage} ${job.progress.message}`);
  }
  return lines.join('\n');
}
