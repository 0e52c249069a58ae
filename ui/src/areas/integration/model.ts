// Pure helpers of the Cloud Integration areas: which systems are tenants, whether one may be
// changed, and how artifact kinds, runtime states and certificate validity read. Unit-tested.
import type { ArtifactKind, CertificateValidity, ProfileView } from '../../api';

/** Whether the system is a Cloud Integration tenant (its service kind). */
export function isTenant(system: ProfileView): boolean {
  return (system.profile.settings.service_kind as string) === 'cloud_integration';
}

/**
 * Why changes are not possible on this tenant, or null when they are. A profile with an API key
 * (the API Business Hub sandbox) can only read.
 */
export function readOnlyReason(system: ProfileView): string | null {
  const auth: unknown = system.profile.settings.auth;
  const method = typeof auth === 'string' ? auth : typeof auth === 'object' && auth !== null ? (auth as { method?: unknown }).method : null;
  if (method === 'api_key') return 'This system uses an API key, which gives read-only access: changes need Basic or OAuth credentials.';
  return null;
}

export const KIND_TEXT: Record<ArtifactKind, string> = {
  integration_flow: 'Integration flow',
  value_mapping: 'Value mapping',
  message_mapping: 'Message mapping',
  script_collection: 'Script collection',
};

type TagDesign = 'Positive' | 'Negative' | 'Critical' | 'Information' | 'Neutral';

/** The colour of a runtime status as the tenant's Monitor shows it. */
export function runtimeDesign(status: string): TagDesign {
  switch (status.toUpperCase()) {
    case 'STARTED':
      return 'Positive';
    case 'ERROR':
      return 'Negative';
    case 'STARTING':
    case 'STOPPING':
      return 'Information';
    default:
      return 'Neutral';
  }
}

/** The runtime statuses the filter offers, in the Monitor's order. */
export const RUNTIME_STATUSES = ['STARTED', 'STARTING', 'ERROR', 'STOPPING'] as const;

export const VALIDITY_TEXT: Record<CertificateValidity, string> = {
  valid: 'Valid',
  expires_soon: 'Expires soon',
  expired: 'Expired',
  not_yet_valid: 'Not yet valid',
  unknown: 'Unknown',
};

export function validityDesign(validity: CertificateValidity): TagDesign {
  switch (validity) {
    case 'valid':
      return 'Positive';
    case 'expires_soon':
      return 'Critical';
    case 'expired':
      return 'Negative';
    case 'not_yet_valid':
      return 'Information';
    default:
      return 'Neutral';
  }
}

/** "in 12 days", "today", "3 days ago" for a certificate's end of validity. */
export function daysLeftText(days: number | null): string {
  if (days === null) return '';
  if (days === 0) return 'ends today';
  if (days === 1) return 'ends tomorrow';
  if (days > 0) return `${days} days left`;
  return days === -1 ? 'ended yesterday' : `ended ${-days} days ago`;
}

/** A byte count as people read it: 512 B, 4.2 KB, 1.3 MB. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A file name for a download: the id with characters a file system refuses replaced. */
export function zipName(id: string, version?: string | null): string {
  const base = id.replace(/[^A-Za-z0-9._-]+/g, '_') || 'download';
  return version && version.toLowerCase() !== 'active' ? `${base}_${version}.zip` : `${base}.zip`;
}

/** Configuration parameters whose typed value differs from the tenant's. */
export function changedParameters<T extends { key: string; value: string; data_type: string }>(
  parameters: readonly T[],
  edits: Readonly<Record<string, string>>,
): { key: string; value: string; data_type: string | null }[] {
  return parameters
    .filter((p) => Object.hasOwn(edits, p.key) && edits[p.key] !== p.value)
    .map((p) => ({ key: p.key, value: edits[p.key]!, data_type: p.data_type || null }));
}
