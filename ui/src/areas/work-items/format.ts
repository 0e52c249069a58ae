// Display helpers for work item fields. Pure, so they are unit-tested.
import type { Release } from '../../bindings';

/** `R2025-03 Spring release` or whatever parts the release has; empty when none. */
export function releaseLabel(release: Release | null | undefined): string {
  if (!release) return '';
  return [release.release_id, release.description].filter(Boolean).join(' ');
}

export function fileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
