import type { JobOutcome, PullResult, RepositoryStatus } from '../../api';

/** A finished job's answer, when it is a pull's. */
export function pullResultOf(outcome: JobOutcome | null): PullResult | null {
  return outcome?.outcome === 'pull' ? outcome : null;
}

/** `Found` (either dialect) or a repository key means the repository is linked in SAP. */
export function isFound(status: RepositoryStatus): boolean {
  return status.status.trim().toLowerCase() === 'found' || Boolean(status.repo_key);
}
