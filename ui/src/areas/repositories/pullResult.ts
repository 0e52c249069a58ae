import type { AppError, JobOutcome, JobRecord, PullResult, RepositoryStatus } from '../../api';

/** A finished job's answer, when it is a pull's. */
export function pullResultOf(outcome: JobOutcome | null): PullResult | null {
  return outcome?.outcome === 'pull' ? outcome : null;
}

/** `Found` (either dialect) or a repository key means the repository is linked in SAP. */
export function isFound(status: RepositoryStatus): boolean {
  return status.status.trim().toLowerCase() === 'found' || Boolean(status.repo_key);
}

/**
 * The app refuses a pull into a package that records changes until the user chose a request
 * (a field error on `transport_request`): its message, to show in the value help, or null.
 */
export function transportNeeded(error: AppError): string | null {
  if (error.kind !== 'validation') return null;
  return error.fields.find((f) => f.field === 'transport_request')?.message ?? null;
}

/** The repository a pull job pulled, from its title ("Pull <url>", as the back end names it). */
export function pulledUrl(record: Pick<JobRecord, 'kind' | 'title'>): string | null {
  if (record.kind !== 'agent_pull') return null;
  const m = /^Pull (\S+)$/.exec(record.title.trim());
  return m ? m[1]! : null;
}
