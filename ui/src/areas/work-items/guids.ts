// Work item GUIDs as users paste them: one per line, or separated by commas, semicolons or
// blanks; 32 hex digits (SAP GUI) or dashed, optionally as `guid'…'`. Normalised to the
// lowercase dashed form the service answers with, so the worklist has no duplicates.

export interface GuidParse {
  /** Valid GUIDs in input order, normalised, without duplicates. */
  valid: string[];
  /** The pieces that are not GUIDs, as typed, so the user can correct them. */
  invalid: string[];
}

const HEX32 = /^[0-9a-f]{32}$/i;
const DASHED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The normalised GUID, or null when `input` is not one. */
export function normaliseGuid(input: string): string | null {
  let text = input.trim();
  const wrapped = /^guid'(.*)'$/i.exec(text);
  if (wrapped?.[1] !== undefined) text = wrapped[1];
  let hex: string;
  if (HEX32.test(text)) hex = text;
  else if (DASHED.test(text)) hex = text.replace(/-/g, '');
  else return null;
  hex = hex.toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Splits pasted text into GUIDs and the pieces that are not GUIDs. */
export function parseGuidList(text: string): GuidParse {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const piece of text.split(/[\s,;]+/)) {
    if (!piece) continue;
    const guid = normaliseGuid(piece);
    if (!guid) invalid.push(piece);
    else if (!valid.includes(guid)) valid.push(guid);
  }
  return { valid, invalid };
}
