// The checks area's view of a result: syntax check and inspection answers
// (errors, warnings and infos in separate lists) become one list of findings per object.
import type { Diagnostic, ObjectCheck, Severity } from '../../api';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface CheckFinding {
  severity: FindingSeverity;
  line: number | null;
  column: number | null;
  text: string;
  /** As the server named it (main, locals_imp, "Main class", ...); empty for the main source. */
  include: string;
  method_name: string;
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
