import type { Component, ViewedObject } from '../../api';

/**
 * Data elements, domains, table types and message classes carry no fields: a real
 * system's viewers send their properties as COMPONENTS rows whose DESCRIPTION reads
 * `Label: value` (`Domain: S_CARR_ID`, `VALUE_0001` → `A: Text`, `001: Message text`).
 * This turns those rows back into what they describe.
 */
export interface DdicProperty {
  label: string;
  value: string;
  /** An object the value names, to open from the viewer. */
  open?: { name: string; type: string | null };
}

export interface DdicDetails {
  properties: DdicProperty[];
  fixedValues: { value: string; text: string }[];
  messages: { number: string; text: string }[];
  /** A function group's modules: name, short text (with `[RFC]`), include with full. */
  modules: { name: string; text: string }[];
}

const DDIC_TYPES = new Set(['DTEL', 'DOMA', 'TTYP', 'MSAG', 'FUGR']);

/** `Label: value` split at the first colon; the whole text as value when there is none. */
function splitText(description: string): [string, string] {
  const at = description.indexOf(':');
  if (at < 0) return ['', description.trim()];
  return [description.slice(0, at).trim(), description.slice(at + 1).trim()];
}

/** NUMC lengths keep leading zeros on the wire (`000010`); a number reads better. */
function plainNumber(value: string): string {
  return /^\d+$/.test(value) ? String(Number(value)) : value;
}

function property(c: Component): DdicProperty {
  const [label, raw] = splitText(c.description);
  const field = c.field.toUpperCase();
  const value = field === 'LENGTH' || field === 'DECIMALS' ? plainNumber(raw) : raw;
  const entry: DdicProperty = { label: label || c.field, value };
  if (field === 'DOMAIN' && (c.data_element || value)) entry.open = { name: c.data_element || value, type: 'DOMA' };
  if (field === 'VALUE_TABLE' && value) entry.open = { name: value, type: 'TABL' };
  if (field === 'LINE_TYPE' && value) entry.open = { name: value, type: null };
  return entry;
}

/** The viewer's DDIC rows as properties, fixed values and messages; null for other objects. */
export function ddicDetails(object: ViewedObject): DdicDetails | null {
  const type = object.object_type.toUpperCase();
  if (!DDIC_TYPES.has(type) || !object.components.length) return null;
  const details: DdicDetails = { properties: [], fixedValues: [], messages: [], modules: [] };
  for (const c of object.components) {
    const field = c.field.toUpperCase();
    if (type === 'DOMA' && /^VALUE_\d+$/.test(field)) {
      const [value, text] = splitText(c.description);
      details.fixedValues.push({ value, text });
    } else if (type === 'MSAG' && /^\d{3}$/.test(field)) {
      const at = c.description.indexOf(': ');
      details.messages.push({ number: field, text: at < 0 ? c.description : c.description.slice(at + 2) });
    } else if ((type === 'MSAG' || type === 'FUGR') && field === 'COUNT') {
      // The list itself shows how many there are.
    } else if (type === 'FUGR') {
      // `NAME [RFC]: text  ->  LXXXU01`: the name is the row's field already.
      const rest = c.description.startsWith(c.field) ? c.description.slice(c.field.length) : c.description;
      details.modules.push({ name: c.field, text: rest.replace(/^\s*(\[[^\]]*\])?\s*:\s*/, (_, tag: string | undefined) => (tag ? `${tag} ` : '')).trim() });
    } else {
      details.properties.push(property(c));
    }
  }
  return details;
}

/** Plain text of the details, for the clipboard. */
export function detailsAsText(details: DdicDetails): string {
  const lines = details.properties.map((p) => `${p.label}\t${p.value}`);
  for (const v of details.fixedValues) lines.push(`${v.value}\t${v.text}`);
  for (const m of details.messages) lines.push(`${m.number}\t${m.text}`);
  for (const m of details.modules) lines.push(`${m.name}\t${m.text}`);
  return lines.join('\n');
}
