// Mirrors of the Rust types of `POST /dump` (crate abapgit-agent, module dump).

export interface DumpRequest {
  user: string | null;
  /** `YYYYMMDD`, server-local. */
  date_from: string | null;
  date_to: string | null;
  /** `HHMMSS`, server-local. */
  time_from: string | null;
  time_to: string | null;
  ts_from: string | null;
  ts_to: string | null;
  program: string | null;
  error: string | null;
  /** 1..=100 (server default 20). */
  limit: number | null;
  /** A dump `id` to read in detail (with source excerpt). */
  detail: string | null;
}

export interface CallStackEntry {
  level: number;
  class: string;
  method: string;
  program: string;
  include: string;
  line: number | null;
}

export interface ShortDump {
  id: string;
  utc_timestamp: string | null;
  /** `YYYY-MM-DD`, server-local. */
  date: string;
  /** `HH:MM:SS`, server-local. */
  time: string;
  user: string;
  program: string;
  object: string;
  error: string;
  exception: string;
  package: string;
  host: string;
  what_happened: string;
  error_analysis: string;
  source_line: number | null;
  source_include: string;
  call_stack: CallStackEntry[];
  /** The source around the error line, the failing line marked `>>>>>`. */
  source_excerpt: string | null;
}

export interface DumpList {
  message: string;
  total: number;
  dumps: ShortDump[];
}
