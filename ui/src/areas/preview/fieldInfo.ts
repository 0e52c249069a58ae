// What the preview answer lacks: which columns are key fields and what each field means. The
// handler's preview sends only name, type, length and decimals, so both come from the object's
// definition (the view command's components), read once per object and system.
import { explore, type ProfileId, type ViewedObject } from '../../api';

export interface FieldInfo {
  key: boolean;
  description: string;
}

export type FieldInfoMap = ReadonlyMap<string, FieldInfo>;

const known = new Map<string, FieldInfoMap>();

/** Field name (upper case) to key flag and description, from a viewed table or view. */
export function fieldInfoOf(object: Pick<ViewedObject, 'components'>): FieldInfoMap {
  return new Map(object.components.map((c) => [c.field.toUpperCase(), { key: c.key, description: c.description.trim() }]));
}

/**
 * How many leading columns are key fields (they stay in view when scrolling sideways). Only
 * the leading ones: a key column after a non-key one would jump when it froze.
 */
export function leadingKeyColumns(columns: readonly { name: string }[], info: FieldInfoMap | null): number {
  if (!info) return 0;
  let count = 0;
  while (count < columns.length && info.get(columns[count]!.name.toUpperCase())?.key) count++;
  return count;
}

/** The fields of `name` on a system; an empty map when the definition cannot be read. */
export async function loadFieldInfo(profileId: ProfileId, name: string): Promise<FieldInfoMap> {
  const cacheKey = `${profileId}:${name.toUpperCase()}`;
  const cached = known.get(cacheKey);
  if (cached) return cached;
  const answer = await explore.view(profileId, { objects: [name], object_type: null, full: false, function_module: null });
  const object = answer.status === 'ok' ? answer.data.objects.find((o) => o.name.toUpperCase() === name.toUpperCase()) : undefined;
  const info = object ? fieldInfoOf(object) : new Map<string, FieldInfo>();
  // A failed read is not remembered: the next table read tries again.
  if (answer.status === 'ok') known.set(cacheKey, info);
  return info;
}
