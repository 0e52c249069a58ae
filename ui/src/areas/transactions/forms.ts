// Generated forms: each operation parameter's field, its client-side check (the same rules the
// back end applies in crates/transaction-bridge/src/edm.rs, so most mistakes show before a
// call), and the values a follow-up action takes over from a result.
import type { EdmType, MessageType, Operation, OutputField, Parameter } from '../../api';
import type { Inputs } from './types';

const INTEGER_RANGE: Partial<Record<EdmType, [bigint, bigint]>> = {
  byte: [0n, 255n],
  s_byte: [-128n, 127n],
  int16: [-32768n, 32767n],
  int32: [-2147483648n, 2147483647n],
  int64: [-9223372036854775808n, 9223372036854775807n],
};

/** What the user sees for a type: "Text (12)", "Whole number", "Date". */
export function typeLabel(parameter: Parameter): string {
  switch (parameter.input_kind) {
    case 'text':
      return parameter.max_length ? `Text, at most ${parameter.max_length} characters` : 'Text';
    case 'integer':
      return 'Whole number';
    case 'number':
      return 'Number (decimal point)';
    case 'boolean':
      return 'Yes/no';
    case 'date':
      return 'Date';
    case 'date_time':
      return 'Date and time (YYYY-MM-DDThh:mm:ssZ)';
    case 'time':
      return 'Time (hh:mm:ss)';
  }
}

function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A date or time field holds text that is no date or time (the field shows what was typed). */
export const TYPED_INVALID = '\u0000';

/** What is wrong with one field's text, or null. Empty optional fields are fine (not sent). */
export function fieldProblem(parameter: Parameter, text: string): string | null {
  if (text === TYPED_INVALID) return parameter.input_kind === 'time' ? 'Not a valid time.' : 'Not a valid date.';
  const trimmed = text.trim();
  if (!trimmed) return parameter.required ? 'Required: enter a value.' : null;
  if (parameter.max_length !== null && [...text].length > parameter.max_length)
    return `At most ${parameter.max_length} characters (this is ${[...text].length}).`;
  switch (parameter.edm_type) {
    case 'string':
      return null;
    case 'boolean':
      return /^(true|false|x|yes|no|1|0|-)$/i.test(trimmed) ? null : `'${trimmed}' is not yes/no (true, false, X).`;
    case 'decimal':
      return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed) ? null : `'${trimmed}' is not a decimal number (digits with a point, e.g. 12.50).`;
    case 'double':
    case 'single':
      return trimmed !== '' && Number.isFinite(Number(trimmed)) ? null : `'${trimmed}' is not a number.`;
    case 'date':
      return isDate(trimmed) ? null : `'${trimmed}' is not a date (YYYY-MM-DD).`;
    case 'date_time_offset':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed) && isDate(trimmed.slice(0, 10))
        ? null
        : `'${trimmed}' is not a date and time (YYYY-MM-DDThh:mm:ssZ).`;
    case 'time_of_day':
      return /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(trimmed) ? null : `'${trimmed}' is not a time (hh:mm:ss).`;
    case 'guid':
      return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(trimmed)
        ? null
        : `'${trimmed}' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`;
    default: {
      const range = INTEGER_RANGE[parameter.edm_type];
      if (!range) return null;
      if (!/^[+-]?\d+$/.test(trimmed)) return `'${trimmed}' is not a whole number.`;
      const value = BigInt(trimmed);
      return value < range[0] || value > range[1] ? `Must be a whole number from ${range[0]} to ${range[1]}.` : null;
    }
  }
}

/** Every field's problem, by parameter name (empty when the form can be sent). */
export function formProblems(operation: Operation, inputs: Inputs): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const parameter of operation.parameters) {
    const problem = fieldProblem(parameter, inputs[parameter.name] ?? '');
    if (problem) problems[parameter.name] = problem;
  }
  return problems;
}

/** Only the filled fields: an empty optional field is not sent. */
export function filledInputs(operation: Operation, inputs: Inputs): Inputs {
  const filled: Inputs = {};
  for (const parameter of operation.parameters) {
    const text = inputs[parameter.name] ?? '';
    if (text.trim()) filled[parameter.name] = text;
  }
  return filled;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type OutputObject = { [key: string]: Json };

/** An output value as text (the bridge sends screen texts; numbers and booleans are shown as such). */
export function outputText(value: Json | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.length === 1 ? '1 row' : `${value.length} rows`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function asOutputObject(value: unknown): OutputObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as OutputObject) : {};
}

/** The result's scalars and tables, in the metadata's order (fields it does not declare at the end). */
export function splitOutput(declared: readonly OutputField[], output: OutputObject) {
  const scalars: { name: string; value: string }[] = [];
  const tables: { name: string; columns: string[]; rows: OutputObject[] }[] = [];
  const names = [...declared.map((f) => f.name), ...Object.keys(output).filter((k) => !declared.some((f) => f.name === k))];
  for (const name of names) {
    const field = declared.find((f) => f.name === name);
    const value = output[name];
    if (field?.collection || Array.isArray(value)) {
      const rows = (Array.isArray(value) ? value : []).map(asOutputObject);
      const columns = field?.fields.length ? field.fields.map((f) => f.name) : [...new Set(rows.flatMap((r) => Object.keys(r)))];
      tables.push({ name, columns, rows });
    } else if (value !== undefined) {
      scalars.push({ name, value: outputText(value) });
    }
  }
  return { scalars, tables };
}

/**
 * The inputs of a follow-up action: each of its parameters takes, by name, the value of the
 * chosen table row, else of the result's scalar outputs, else of the inputs just sent.
 */
export function followUpInputs(next: Operation, sent: Inputs, output: OutputObject, chosenRow: OutputObject | null): Inputs {
  const inputs: Inputs = {};
  for (const { name } of next.parameters) {
    const fromRow = chosenRow?.[name];
    const fromOutput = output[name];
    const value =
      fromRow !== undefined && fromRow !== null && !Array.isArray(fromRow)
        ? fromRow
        : fromOutput !== undefined && fromOutput !== null && !Array.isArray(fromOutput)
          ? fromOutput
          : sent[name];
    if (value !== undefined && value !== null && typeof value !== 'object') inputs[name] = String(value);
  }
  return inputs;
}

/** SAP GUI's status bar colours: success green, warning orange, error red, information blue. */
export function statusDesign(type: MessageType): 'Positive' | 'Critical' | 'Negative' | 'Information' {
  switch (type) {
    case 'success':
      return 'Positive';
    case 'warning':
      return 'Critical';
    case 'error':
      return 'Negative';
    default:
      return 'Information';
  }
}

/** The SAP GUI word for a message type, for the status bar's accessible text and exports. */
export function statusWord(type: MessageType): string {
  return { success: 'Success', warning: 'Warning', error: 'Error', information: 'Information', none: 'Message' }[type];
}

/** Rows as tab-separated text (pastes into a spreadsheet). */
export function tableAsTsv(columns: readonly string[], rows: readonly OutputObject[]): string {
  const clean = (v: string) => v.replace(/[\t\r\n]+/g, ' ');
  return [columns.map(clean).join('\t'), ...rows.map((r) => columns.map((c) => clean(outputText(r[c]))).join('\t'))].join('\n');
}
