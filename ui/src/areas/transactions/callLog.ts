// The call log as text for the clipboard: one block per call with request, answer and duration.
import type { CallLogEntry } from '../../api';

/** JSON bodies indented for reading; anything else as it came. */
function readable(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export function entryText(entry: CallLogEntry): string {
  const lines = [`#${entry.sequence} ${entry.at} ${entry.app_id}: ${entry.operation}`, `${entry.method} ${entry.path}`];
  if (entry.request_body) lines.push(readable(entry.request_body));
  lines.push(`→ ${entry.status ?? 'no answer'} in ${entry.duration_ms} ms${entry.error ? `: ${entry.error}` : ''}`);
  if (entry.response_body) lines.push(readable(entry.response_body));
  if (entry.truncated) lines.push('(bodies cut for the log)');
  return lines.join('\n');
}

export function callLogText(entries: readonly CallLogEntry[]): string {
  return entries.map(entryText).join('\n\n');
}
