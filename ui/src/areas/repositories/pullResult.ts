import type { PullResult, RepositoryStatus } from '../../api';

/** The job record's `result` as a PullResult, when it has that shape. */
export function pullResultOf(value: unknown): PullResult | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<PullResult>;
  if (typeof v.success !== 'boolean' || typeof v.message !== 'string') return null;
  return {
    success: v.success,
    message: v.message,
    error_detail: v.error_detail ?? '',
    transport_request: v.transport_request ?? null,
    job_id: v.job_id ?? null,
    activated_count: v.activated_count ?? 0,
    failed_count: v.failed_count ?? 0,
    conflict_count: v.conflict_count ?? 0,
    conflict_report: v.conflict_report ?? null,
    activated_objects: v.activated_objects ?? [],
    failed_objects: v.failed_objects ?? [],
    log_messages: v.log_messages ?? [],
    started_at: v.started_at ?? null,
    finished_at: v.finished_at ?? null,
  };
}

/** `Found` (either dialect) or a repository key means the repository is linked in SAP. */
export function isFound(status: RepositoryStatus): boolean {
  return status.status.trim().toLowerCase() === 'found' || Boolean(status.repo_key);
}
