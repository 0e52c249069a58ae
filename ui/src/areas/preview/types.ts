// Mirrors of the Rust types of `POST /preview` (crate abapgit-agent, module preview).
// Replace with imports from the generated bindings once they exist.

/** `string | number | boolean | null`, as `CellValue` serialises (untagged). */
export type CellValue = string | number | boolean | null;

export interface PreviewRequest {
  objects: string[];
  /** TABL or DDLS; auto-detected when null. */
  object_type: string | null;
  /** 1..=100 per request (server default 10). */
  limit: number | null;
  offset: number;
  where_clause: string | null;
  /** Columns to show (all when empty). */
  columns: string[];
}

export interface PreviewColumn {
  name: string;
  /** DDIC type (`DATS`, `CURR`…) or the RTTI kind letter (`D`, `P`…). */
  data_type: string;
  length: number;
  decimals: number;
}

export interface PreviewTable {
  name: string;
  object_type: string;
  type_text: string;
  row_count: number;
  total_rows: number;
  columns: PreviewColumn[];
  rows: CellValue[][];
  columns_hidden: string[];
  error: string | null;
}

export interface Pagination {
  limit: number;
  offset: number;
  total: number;
  has_more: boolean;
  next_offset: number | null;
}

export interface PreviewResult {
  success: boolean;
  message: string;
  objects: PreviewTable[];
  total_rows: number;
  pagination: Pagination | null;
}
