import type { PreviewTable } from '../../api';

/** The rows a preview tab last read. */
export interface Loaded {
  table: PreviewTable;
  offset: number;
  /** The condition the rows were read with (the form may have changed since). */
  where: string;
  at: number;
}

// Results per open tab, kept while the app runs so that switching tabs or areas does not
// re-read. A closed tab's rows are let go (a 1000-row page of a wide table is megabytes).
export const loadedByTab = new Map<string, Loaded>();

export function forgetTab(id: string): void {
  loadedByTab.delete(id);
}
