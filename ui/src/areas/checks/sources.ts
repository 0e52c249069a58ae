// From local abapGit files (or pasted source) to the objects the checks need,
// and from a message's include back to the source it points into. Pure and unit-tested.
import type { SyntaxObject } from '../../api';
import type { CheckFinding, CheckReport, ObjectFindings } from './model';

export type IncludeKey = 'main' | 'locals_def' | 'locals_imp' | 'testclasses';

export const INCLUDE_LABEL: Record<IncludeKey, string> = {
  main: 'Main source',
  locals_def: 'Local definitions',
  locals_imp: 'Local implementations',
  testclasses: 'Test classes',
};

/** The server names includes in several ways ("Main class", "locals_imp", "class_pool", ...). */
export function includeKey(include: string): IncludeKey {
  const s = include.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (s.includes('locals_def') || s.includes('local_definition') || s.endsWith('ccdef')) return 'locals_def';
  if (s.includes('locals_imp') || s.includes('local_implementation') || s.endsWith('ccimp')) return 'locals_imp';
  if (s.includes('testclass') || s.includes('test_class') || s.endsWith('ccau')) return 'testclasses';
  return 'main';
}

/** An object to check: the syntax request's object plus the files it came from (for inspect and unit). */
export type LoadedObject = SyntaxObject & { files: string[] };

/** The text of an include of an object, or null when it is not known here. */
export function includeSource(object: SyntaxObject | undefined, include: string): string | null {
  if (!object) return null;
  const key = includeKey(include);
  return key === 'main' ? object.source || null : object[key];
}

export interface IncludeGroup {
  include: IncludeKey;
  messages: CheckFinding[];
}

export interface ObjectGroup {
  object: ObjectFindings;
  includes: IncludeGroup[];
  errors: number;
  warnings: number;
}

/** Messages grouped by object, then include; errors first, then by line. */
export function groupMessages(result: CheckReport): ObjectGroup[] {
  return result.objects.map((object) => {
    const byInclude = new Map<IncludeKey, CheckFinding[]>();
    for (const m of object.findings) {
      const key = includeKey(m.include);
      byInclude.set(key, [...(byInclude.get(key) ?? []), m]);
    }
    const rank = { error: 0, warning: 1, info: 2 } as const;
    const includes = [...byInclude.entries()].map(([include, messages]) => ({
      include,
      messages: messages.sort((a, b) => rank[a.severity] - rank[b.severity] || (a.line ?? 0) - (b.line ?? 0)),
    }));
    return {
      object,
      includes,
      errors: object.findings.filter((m) => m.severity === 'error').length,
      warnings: object.findings.filter((m) => m.severity === 'warning').length,
    };
  });
}

/** A check result as plain text, one line per message. */
export function checkResultAsText(result: CheckReport, title: string): string {
  const lines = [title, result.message];
  for (const group of groupMessages(result)) {
    lines.push('', `${group.object.object_type} ${group.object.object_name}: ${group.object.success ? 'OK' : `${group.errors} error(s)`}, ${group.warnings} warning(s)`);
    for (const inc of group.includes) {
      for (const m of inc.messages) {
        const at = m.line ? ` line ${m.line}${m.column ? `, column ${m.column}` : ''}` : '';
        lines.push(`  [${m.severity}] ${INCLUDE_LABEL[inc.include]}${at}: ${m.text}`);
      }
    }
  }
  return lines.join('\n');
}
