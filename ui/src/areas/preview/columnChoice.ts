// What the preview's column chooser shows and does, apart from its controls.
import type { PreviewColumn } from '../../api';

/** The chooser button's text: which columns the next read returns. */
export function columnChoiceText(known: number, chosen: readonly string[]): string {
  if (known === 0) return 'Read once to choose columns';
  if (chosen.length === 0) return 'All columns';
  return `${chosen.length} of ${known} columns`;
}

/** The columns whose name or type contains `query` (any case), in table order. */
export function matchingColumns(columns: readonly PreviewColumn[], query: string): PreviewColumn[] {
  const needle = query.trim().toUpperCase();
  if (!needle) return [...columns];
  return columns.filter((c) => c.name.toUpperCase().includes(needle) || c.data_type.toUpperCase().includes(needle));
}

/**
 * The chosen columns after the user changed the selection among the `shown` ones (the list may
 * be filtered): columns not shown keep their choice; the result is in table order.
 */
export function chosenAfterSelection(
  columns: readonly PreviewColumn[],
  chosen: readonly string[],
  shown: readonly string[],
  selectedShown: readonly string[],
): string[] {
  const keep = new Set(chosen.filter((name) => !shown.includes(name)));
  for (const name of selectedShown) keep.add(name);
  return columns.map((c) => c.name).filter((name) => keep.has(name));
}
