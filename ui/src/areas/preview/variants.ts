// Saved variants of the data preview, as SAP GUI saves a selection screen's entries: a name for
// a table or CDS view with its WHERE condition and columns. Kept in this computer's local
// storage (object names and conditions, never secrets), for every system.

export interface PreviewVariant {
  name: string;
  object: string;
  /** TABL, DDLS or '' (detect). */
  objectType: string;
  where: string;
  columns: string[];
}

const KEY = 'agent-desk.preview.variants.v1';

/** The variants in `raw` (stored JSON); entries that are not variants are left out. */
export function parseVariants(raw: string | null): PreviewVariant[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is PreviewVariant =>
      typeof v === 'object' &&
      v !== null &&
      typeof v.name === 'string' &&
      v.name.trim() !== '' &&
      typeof v.object === 'string' &&
      typeof v.objectType === 'string' &&
      typeof v.where === 'string' &&
      Array.isArray(v.columns) &&
      v.columns.every((c: unknown) => typeof c === 'string'),
  );
}

/** `variants` with `variant` added, replacing one of the same name (names ignore case), sorted by name. */
export function withVariant(variants: readonly PreviewVariant[], variant: PreviewVariant): PreviewVariant[] {
  const name = variant.name.trim();
  const rest = variants.filter((v) => v.name.toLowerCase() !== name.toLowerCase());
  return [...rest, { ...variant, name }].sort((a, b) => a.name.localeCompare(b.name));
}

export function withoutVariant(variants: readonly PreviewVariant[], name: string): PreviewVariant[] {
  return variants.filter((v) => v.name !== name);
}

export function loadVariants(): PreviewVariant[] {
  try {
    return parseVariants(localStorage.getItem(KEY));
  } catch {
    return [];
  }
}

/** Stores `variants`; false when the storage refused them (full or unavailable). */
export function storeVariants(variants: readonly PreviewVariant[]): boolean {
  try {
    localStorage.setItem(KEY, JSON.stringify(variants));
    return true;
  } catch {
    return false;
  }
}

/** Makes a new preview tab start with the variant's WHERE condition and columns. */
export function presetTabForm(tabId: string, variant: PreviewVariant): void {
  try {
    localStorage.setItem(`agent-desk.form.preview.${tabId}`, JSON.stringify({ where: variant.where, columns: variant.columns }));
  } catch {
    // Without storage the tab opens with an empty condition: the user sees it and can type it.
  }
}
