// A pull result as plain text (for the clipboard, a ticket or a chat), pure and unit-tested.
import type { LogMessage, PullResult } from '../../api';
import { severityOf, SEVERITY_LABEL } from '../../components/format';

function line(m: LogMessage): string {
  const object = [m.object_type, m.object_name].filter(Boolean).join(' ');
  const severity = SEVERITY_LABEL[severityOf(m.severity)];
  return `  [${severity}] ${object ? `${object}: ` : ''}${m.text}${m.exception && m.exception !== m.text ? ` (${m.exception})` : ''}`;
}

export function pullResultAsText(result: PullResult, context: { url: string; branch: string; system: string }): string {
  const out: string[] = [
    `Pull of ${context.url} (${context.branch || 'default branch'}) into ${context.system}`,
    `Result: ${result.success ? 'successful' : 'with errors'}: ${result.message}`,
    `Transport request: ${result.transport_request || 'none'}`,
    `Activated: ${result.activated_count}, failed: ${result.failed_count}${result.conflict_count ? `, conflicts: ${result.conflict_count}` : ''}`,
  ];
  if (result.failed_objects.length) out.push('', 'Failed objects:', ...result.failed_objects.map(line));
  if (result.activated_objects.length) out.push('', 'Activated objects:', ...result.activated_objects.map(line));
  if (result.conflict_report?.trim()) out.push('', 'Conflicts:', result.conflict_report.trim());
  if (result.error_detail.trim()) out.push('', 'Error details:', result.error_detail.trim());
  if (result.log_messages.length) out.push('', 'Log:', ...result.log_messages.map(line));
  return out.join('\n');
}
