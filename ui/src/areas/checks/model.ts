// The checks area's view of a result: syntax check and inspection answers
// (errors, warnings and infos in separate lists) become one list of findings per object.
import type { JUnitObject, Diagnostic, FileSyntaxResult, ObjectCheck, Severity } from '../../api';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface CheckFinding {
  severity: FindingSeverity;
  line: number | null;
  column: number | null;
  text: string;
  /** As the server named it (main, locals_imp, "Main class", ...); empty for the main source. */
  include: string;
  method_name: string;
  /** The local file the message points into (checks of local files); `line` is then the file's line. */
  file: string | null;
}

export interface ObjectFindings {
  object_type: string;
  object_name: string;
  success: boolean;
  message: string;
  findings: CheckFinding[];
}

export interface CheckReport {
  success: boolean;
  message: string;
  objects: ObjectFindings[];
}

function severityOf(listed: FindingSeverity, reported: Severity): FindingSeverity {
  // The list the server put a message in wins; a stated severity can only make it stronger.
  if (reported === 'error') return 'error';
  if (reported === 'warning' && listed === 'info') return 'warning';
  return listed;
}

function finding(d: Diagnostic, listed: FindingSeverity): CheckFinding {
  return {
    severity: severityOf(listed, d.severity),
    line: d.line && d.line > 0 ? d.line : null,
    column: d.column && d.column > 0 ? d.column : null,
    text: d.text,
    include: d.include ?? '',
    method_name: d.method_name ?? '',
    file: null,
  };
}

export function reportFromChecks(objects: readonly ObjectCheck[], success: boolean, message: string): CheckReport {
  return {
    success,
    message,
    objects: objects.map((o) => ({
      object_type: o.object_type,
      object_name: o.object_name,
      success: o.success,
      message: o.message,
      findings: [
        ...o.errors.map((d) => finding(d, 'error')),
        ...o.warnings.map((d) => finding(d, 'warning')),
        ...o.infos.map((d) => finding(d, 'info')),
      ],
    })),
  };
}

/**
 * A syntax check of local files: Rust has mapped every diagnostic to its file and line, and the
 * file's role (main, local definitions, test classes...) names the include the source view shows.
 */
export function reportFromFiles(checked: FileSyntaxResult): CheckReport {
  const roleOf = new Map(checked.source_map.objects.flatMap((o) => o.files.map((f) => [f.path, f.role] as const)));
  const report = reportFromChecks(checked.result.objects, checked.result.success, checked.result.message);
  for (const object of report.objects) {
    const located = checked.diagnostics.filter((d) => d.object_type === object.object_type && d.object_name === object.object_name);
    if (located.length === 0) continue;
    object.findings = located.map(({ diagnostic, location }) => {
      const listed: FindingSeverity = diagnostic.severity === 'error' ? 'error' : diagnostic.severity === 'warning' ? 'warning' : 'info';
      const found = finding(diagnostic, listed);
      if (!location) return found;
      const line = location.line && location.line > 0 ? location.line : null;
      const column = location.column && location.column > 0 ? location.column : null;
      return { ...found, line, column, file: location.path, include: roleOf.get(location.path) ?? found.include };
    });
  }
  return report;
}

/** The report as the JUnit export (in Rust) takes it: one entry per object with its findings. */
export function checkedObjects(report: CheckReport): JUnitObject[] {
  return report.objects.map((o) => ({
    object_type: o.object_type,
    object_name: o.object_name,
    findings: o.findings.map((f) => ({
      severity: f.severity,
      text: f.text,
      file: f.file,
      include: f.include || null,
      line: f.line,
      column: f.column,
    })),
  }));
}
