// Reading the source excerpt of a dump, and a dump as plain text. Pure, so it is unit-tested.
import type { ShortDump } from '../../api';
import { formatSapDateTime } from '../../components/dateTime';

export interface Excerpt {
  lines: string[];
  /** Number of the first line in the include. */
  firstLine: number;
  /** The failing line (include numbering), when marked. */
  errorLine: number | null;
}

const NUMBERED = /^(>>>>>|\s{5})\s*(\d+) ?(.*)$/;

/**
 * The excerpt as ST22 prints it: each line `>>>>>` (the failing one) or five spaces,
 * the line number, then the source. Lines without numbers are taken as they are,
 * numbered back from the dump's own source line.
 */
export function parseExcerpt(text: string, sourceLine: number | null): Excerpt {
  const raw = text.replace(/\r\n/g, '\n').split('\n');
  while (raw.length && raw[raw.length - 1]!.trim() === '') raw.pop();
  const numbered = raw.map((l) => NUMBERED.exec(l));
  if (raw.length && numbered.every(Boolean)) {
    const firstLine = Number(numbered[0]![2]);
    const marked = numbered.find((m) => m![1] === '>>>>>');
    return { lines: numbered.map((m) => m![3]!), firstLine, errorLine: marked ? Number(marked[2]) : sourceLine };
  }
  const markedIndex = raw.findIndex((l) => l.startsWith('>>>>>'));
  const lines = raw.map((l) => (l.startsWith('>>>>>') ? l.slice(5).replace(/^ /, '') : l));
  if (markedIndex >= 0 && sourceLine) return { lines, firstLine: Math.max(1, sourceLine - markedIndex), errorLine: sourceLine };
  return { lines, firstLine: 1, errorLine: markedIndex >= 0 ? markedIndex + 1 : null };
}

/** The dump as text for a ticket or a chat: facts, texts, call stack, excerpt. */
export function dumpAsText(dump: ShortDump): string {
  const out = [
    `Runtime error: ${dump.error}`,
    dump.exception ? `Exception: ${dump.exception}` : null,
    `Date and time: ${formatSapDateTime(dump.date, dump.time)}`,
    `User: ${dump.user}`,
    `Program: ${dump.program}`,
    dump.source_include ? `Include: ${dump.source_include}${dump.source_line ? `, line ${dump.source_line}` : ''}` : null,
    dump.host ? `Host: ${dump.host}` : null,
    '',
    'What happened?',
    dump.what_happened || '-',
    '',
    'Error analysis',
    dump.error_analysis || '-',
  ].filter((l): l is string => l !== null);
  if (dump.call_stack.length) {
    out.push('', 'Call stack');
    for (const f of dump.call_stack) {
      const where = [f.class, f.method].filter(Boolean).join('=>');
      out.push(`${String(f.level).padStart(3)}  ${f.program}${f.include && f.include !== f.program ? ` (${f.include})` : ''}${f.line ? ` line ${f.line}` : ''}${where ? `  ${where}` : ''}`);
    }
  }
  if (dump.source_excerpt) out.push('', 'Source excerpt', dump.source_excerpt);
  return out.join('\n');
}
