// Class sections as one document with a table of contents, and class-pool include names
// back to objects. Pure, so it is unit-tested.
import type { SourceSection, ViewedObject } from '../../api';

export type SectionGroup = 'definition' | 'methods' | 'local' | 'tests' | 'source';

export interface SectionEntry {
  /** Include suffix (`CU`, `CM001`…) or `SOURCE`. */
  suffix: string;
  label: string;
  group: SectionGroup;
  /** Method name for `CMxxx` sections, upper case. */
  methodName: string | null;
  /** 1-based line of the section's first line in the document. */
  startLine: number;
  lineCount: number;
}

export interface SourceDocument {
  lines: string[];
  entries: SectionEntry[];
}

const FIXED: Record<string, { label: string; group: SectionGroup; order: number }> = {
  CU: { label: 'Public section', group: 'definition', order: 0 },
  CO: { label: 'Protected section', group: 'definition', order: 1 },
  CP: { label: 'Private section', group: 'definition', order: 2 },
  CCDEF: { label: 'Local definitions', group: 'local', order: 4 },
  CCIMP: { label: 'Local implementations', group: 'local', order: 5 },
  CCMAC: { label: 'Macros', group: 'local', order: 6 },
  CCAU: { label: 'Test classes', group: 'tests', order: 7 },
};

export const GROUP_TITLES: Record<SectionGroup, string> = {
  definition: 'Definition',
  methods: 'Methods',
  local: 'Local types and classes',
  tests: 'Test classes',
  source: 'Source',
};

function describe(section: SourceSection): { label: string; group: SectionGroup; order: number } {
  const suffix = section.suffix.toUpperCase();
  const fixed = FIXED[suffix];
  if (fixed) return fixed;
  if (/^CM[0-9A-Z]{3}$/.test(suffix)) return { label: (section.method_name ?? suffix).toLowerCase(), group: 'methods', order: 3 };
  return { label: section.description || suffix, group: 'source', order: 8 };
}

/**
 * One scrollable document from the object's sections (definition, methods, local
 * classes, tests, in that order; empty sections left out), or its plain source.
 */
export function sourceDocument(object: Pick<ViewedObject, 'sections' | 'source'>): SourceDocument {
  const sections = object.sections
    .map((section, index) => ({ section, index, ...describe(section) }))
    .filter((s) => s.section.lines.length > 0 && !(s.section.lines.length === 1 && s.section.lines[0]!.trim() === ''))
    .sort((a, b) => a.order - b.order || a.index - b.index);
  if (sections.length === 0) {
    const lines = (object.source ?? '').split(/\r?\n/);
    return { lines, entries: [{ suffix: 'SOURCE', label: 'Source', group: 'source', methodName: null, startLine: 1, lineCount: lines.length }] };
  }
  const lines: string[] = [];
  const entries: SectionEntry[] = [];
  for (const s of sections) {
    entries.push({
      suffix: s.section.suffix.toUpperCase(),
      label: s.label,
      group: s.group,
      methodName: s.section.method_name ? s.section.method_name.toUpperCase() : null,
      startLine: lines.length + 1,
      lineCount: s.section.lines.length,
    });
    lines.push(...s.section.lines);
  }
  return { lines, entries };
}

/**
 * The document line where a method starts: its own section (`CMxxx`), else its `METHOD`
 * statement in the test classes or local implementations (test methods, local methods).
 */
export function methodLine(doc: SourceDocument, method: string): number | null {
  const name = method.trim().toUpperCase();
  if (!name) return null;
  const own = doc.entries.find((e) => e.methodName === name);
  if (own) return own.startLine;
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const statement = new RegExp(`^\\s*METHOD\\s+${escaped}\\s*\\.`, 'i');
  for (const group of ['tests', 'local'] as const) {
    for (const entry of doc.entries.filter((e) => e.group === group)) {
      for (let i = 0; i < entry.lineCount; i++) {
        if (statement.test(doc.lines[entry.startLine - 1 + i] ?? '')) return entry.startLine + i;
      }
    }
  }
  return null;
}

/** The section that contains a document line (for showing where the reader is). */
export function sectionAt(entries: readonly SectionEntry[], line: number): SectionEntry | null {
  let found: SectionEntry | null = null;
  for (const e of entries) if (e.startLine <= line) found = e;
  return found;
}

/**
 * A class-pool include name (`ZCL_X=========================CM001`) as the class and
 * include suffix; any other include (a program, a function group include) as itself.
 */
export function objectOfInclude(include: string): { name: string; suffix: string | null } {
  const text = include.trim().toUpperCase();
  const m = /^([A-Z0-9_/]+?)=*(CU|CO|CP|CI|CT|CCDEF|CCIMP|CCAU|CCMAC|CM[0-9A-Z]{3})$/.exec(text);
  if (m && text.length >= 32) return { name: m[1]!, suffix: m[2]! };
  return { name: text, suffix: null };
}
