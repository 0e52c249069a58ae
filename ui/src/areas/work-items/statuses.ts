// Which statuses to offer for a work item, from the catalogue the app ships
// (`work_item_catalogue`). The service does not publish its status profile's transitions:
// the system decides whether a change is allowed. The catalogue's usual steps only put the
// likely statuses first; every status of the item's profile stays on offer.
import type { StatusCatalogue, StatusEntry, StatusProfile } from '../../bindings';

const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** The process type's profile, else the default profile (no process types). */
export function profileFor(catalogue: StatusCatalogue, processType: string | null | undefined): StatusProfile | undefined {
  const wanted = processType?.toUpperCase();
  const specific = wanted ? catalogue.profiles.find((p) => p.process_types.some((t) => t.toUpperCase() === wanted)) : undefined;
  return specific ?? catalogue.profiles.find((p) => p.process_types.length === 0);
}

/** The statuses of the process type's profile, else of the default profile. */
export function statusesFor(catalogue: StatusCatalogue, processType: string | null | undefined): StatusEntry[] {
  return profileFor(catalogue, processType)?.statuses ?? [];
}

/** Statuses offered for a batch: those that exist for every selected item's process type. */
export function commonStatuses(catalogue: StatusCatalogue, processTypes: readonly (string | null | undefined)[]): StatusEntry[] {
  if (processTypes.length === 0) return [];
  const [first = [], ...rest] = processTypes.map((t) => statusesFor(catalogue, t));
  return first.filter((s) => rest.every((list) => list.some((o) => o.code === s.code)));
}

/** What the status change needs to know of an item. */
export interface StatusHolder {
  process_type: string | null;
  status: { code: string };
}

export interface OfferedStatus extends StatusEntry {
  /** For how many of the items this is a usual next step (0: possible, not usual). */
  usualFor: number;
}

/**
 * The statuses to offer for one or many items: those every item's profile has, except the
 * one all of them already have; the usual next steps first (usual for the most items, then
 * in the catalogue's order of steps), then the others in the profile's order.
 */
export function offeredStatuses(catalogue: StatusCatalogue, items: readonly StatusHolder[]): OfferedStatus[] {
  const steps = items.map((item) => (profileFor(catalogue, item.process_type)?.usual_steps ?? []).filter((s) => same(s.from, item.status.code)));
  const rank = (code: string) => {
    const ranks = steps.map((list) => list.findIndex((s) => same(s.to, code))).filter((i) => i >= 0);
    return ranks.length ? Math.min(...ranks) : Number.POSITIVE_INFINITY;
  };
  const offered = commonStatuses(
    catalogue,
    items.map((i) => i.process_type),
  )
    .filter((s) => !items.every((i) => same(i.status.code, s.code)))
    .map((s, order) => ({ ...s, usualFor: steps.filter((list) => list.some((step) => same(step.to, s.code))).length, rank: rank(s.code), order }));
  offered.sort((a, b) => b.usualFor - a.usualFor || a.rank - b.rank || a.order - b.order);
  return offered.map(({ code, name, kind, usualFor }) => ({ code, name, kind, usualFor }));
}

/** `Name (CODE)` for a code, from the catalogue; the code alone when unknown. */
export function statusLabel(catalogue: StatusCatalogue | null, processType: string | null | undefined, code: string): string {
  const entry = catalogue ? statusesFor(catalogue, processType).find((s) => same(s.code, code)) : undefined;
  return entry ? `${entry.name} (${entry.code})` : code;
}
