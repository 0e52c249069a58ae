// Display helpers for work item fields. Pure, so they are unit-tested.
import type { Release } from '../../bindings';

/** An RFC 3339 timestamp in the user's locale (date and minutes); the raw text when unparsable. */
export function formatTimestamp(value: string | null | undefined, locale?: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

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
