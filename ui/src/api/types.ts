// Types the UI works with. Everything Rust generates into ../bindings.ts (tauri-specta)
// is used as generated; this file adds only what the bindings cannot say yet: the JSON
// results of app jobs (pull, import), local checkout, and the Result wrapper.
import type { AppError, SyntaxRequest } from '../bindings';

export type * from '../bindings';

export type Result<T> = { status: 'ok'; data: T } | { status: 'error'; error: AppError };

// ---------- app job results (JobRecord.result is JSON; these are their Rust shapes) ----------

/** One line of an SAP log (activation log, failed object): `abapgit_agent::LogMessage`. */
export interface LogMessage {
  severity: 'error' | 'warning' | 'info' | 'success';
  id: string;
  number: string;
  text: string;
  object_type: string;
  object_name: string;
  exception: string | null;
}

/** `abapgit_agent::PullResult`, the result of an `agent_pull` job. */
export interface PullResult {
  success: boolean;
  message: string;
  error_detail: string;
  transport_request: string | null;
  job_id: string | null;
  activated_count: number;
  failed_count: number;
  conflict_count: number;
  conflict_report: string | null;
  activated_objects: LogMessage[];
  failed_objects: LogMessage[];
  log_messages: LogMessage[];
  started_at: string | null;
  finished_at: string | null;
}

/** `abapgit_agent::ImportResult`, the result of an `agent_import` job. */
export interface ImportResult {
  files_staged: number;
  commit_message: string;
}

/**
 * Local abapGit files assembled into a syntax request by Rust (companion files, FIXPT from XML):
 * `abapgit_agent::checkout::syntax_request_for` and its `SourceMap`. Not a command yet.
 */
export interface CheckoutResult {
  request: SyntaxRequest;
  source_map: {
    objects: {
      object_type: string;
      object_name: string;
      files: { role: 'main' | 'locals_def' | 'locals_imp' | 'test_classes'; path: string }[];
    }[];
  };
}
