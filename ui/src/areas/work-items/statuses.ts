// Which statuses to offer for a work item, from the catalogue the app ships
// (`work_item_catalogue`). The server decides whether a change is allowed; this only
// keeps the choice to statuses that exist for the item's process type.
import type { StatusCatalogue, StatusEntry } from '../../bindings';

/** The statuses of the process type's profile, else of the default profile (no process types). */
export function statusesFor(catalogue: StatusCatalogue, processType: string | null | undefined): StatusEntry[] {
  const wanted = processType?.toUpperCase();
  const specific = wanted ? catalogue.profiles.find((p) => p.process_types.some((t) => t.toUpperCase() === wanted)) : undefined;
  return (specific ?? catalogue.profiles.find((p) => p.process_types.length === 0))?.statuses ?? [];
}

/** The statuses an item can be moved to: its profile's statuses except the one it has. */
export function targetStatuses(catalogue: StatusCatalogue, processType: string | null | undefined, currentCode: string): StatusEntry[] {
  return statusesFor(catalogue, processType).filter((s) => s.code.toUpperCase() !== currentCode.toUpperCase());
}

/** Statuses offered for a batch: those that exist for every selected item's process type. */
export function commonStatuses(catalogue: StatusCatalogue, processTypes: readonly (string | null | undefined)[]): StatusEntry[] {
  if (processTypes.length === 0) return [];
  const [first = [], ...rest] = processTypes.map((t) => statusesFor(catalogue, t));
  return first.filter((s) => rest.every((list) => list.some((o) => o.code === s.code)));
}

/** `Name (CODE)` for a code, from the catalogue; the code alone when unknown. */
export function statusLabel(catalogue: StatusCatalogue | null, processType: string | null | undefined, code: string): string {
  const entry = catalogue ? statusesFor(catalogue, processType).find((s) => s.code.toUpperCase() === code.toUpperCase()) : undefined;
  return entry ? `${entry.name} (${entry.code})` : code;
}
